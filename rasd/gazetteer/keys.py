"""Transliteration-aware lookup keys for Arabic names written in Latin (or Arabic) letters.

The common Latin spellings of one Arabic name meet under :func:`translit_key`:

- case, diacritics and apostrophes / ayn / hamza marks go ("Ma'arrat", "Ma‘arrat" -> "Maarrat");
- the article in all its forms goes: ``al-``, ``el-``, ``as-``, ``ash-``, ``ez-``, ``an-`` ... as a
  separate word or hyphenated, and glued before a doubled sun letter ("Arraqqa", "Ezzor");
- digraphs fold: kh->h, sh/ch->s, th->t, dh->d, gh->g, ph->f, dj->j, q/c/ck->k, p->b, v->f;
- doubled letters collapse ("Raqqa" / "Raqa"), trailing h after a vowel goes ("Raqqah");
- vowels go, except a word-initial one which leaves the marker ``a`` ("Idlib" / "Idleb" ->
  "adlb"); w / y next to a vowel count as vowels ("Suwayda" / "Sweida", "Abyad" / "Abiad").

Keys are compositional: the key of a multi-word name is the concatenation of its words' keys
(the first word in *initial* form, the others in *medial* form, one doubled letter dropped at a
join), so a matcher can build n-gram keys from cached word keys (:func:`word_keys`,
:func:`join_keys`). :func:`typo_key` additionally lets simple transpositions meet ("Iblid" /
"Idlib"); it is a weaker key, for fallback lookups only.

The keys are blocking keys: distinct names may share one (collisions are measured by
``bench/geocode_speed.py``); the geocoder keeps distinct places apart with context.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: bump when the key functions change: stored keys of another version are recomputed
KEY_VERSION = "1"
ARTICLES = frozenset(
    ["al", "el", "ul", "il", "as", "ash", "ad", "ar", "az", "an", "at", "ath", "adh", "ez",
     "es", "esh", "ed", "er", "en", "et"]
)
_VOWELS = frozenset("aeiouy")
_SUN = frozenset("tdrzsln")
_SEP = re.compile(r"[\s\-‐‑‒–—_/.,]+")
_DROP = re.compile(r"['`´‘’ʿʾʼʻ\"“”()\[\]]")
_DIGRAPHS = (
    ("sch", "s"), ("tch", "ch"), ("ck", "k"), ("kh", "h"), ("sh", "s"), ("ch", "s"),
    ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f"), ("dj", "j"), ("zh", "j"),
)
_SINGLE = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "f", "x": "k"})
# Arabic script: fold letter variants, drop diacritics and tatweel.
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None}
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def fold(text: str) -> str:
    """Lower case, no diacritics, no apostrophes: the plain Latin form of ``text``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
    return _DROP.sub("", plain).lower()


def _collapse_doubles(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _skeleton(word: str, initial: bool) -> str:
    """Consonant skeleton of one folded word (articles already removed)."""
    if len(word) > 3 and word[0] in "ae" and word[1] in _SUN and word[2] == word[1]:
        word = word[1:]  # glued article before a doubled sun letter: "arraqqa", "ezzor"
    for src, dst in _DIGRAPHS:
        if src in word:
            word = word.replace(src, dst)
    word = _collapse_doubles(word.translate(_SINGLE))
    if len(word) > 1 and word[-1] == "h" and word[-2] in _VOWELS:
        word = word[:-1]
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in "wy" and i > 0:
            near_vowel = word[i - 1] in "aeiou" or (i + 1 < len(word) and word[i + 1] in "aeiou")
            if near_vowel:
                continue
        if ch in "aeiou" or (ch == "y" and i > 0):
            if i == 0 and initial:
                out.append("a")
            continue
        out.append(ch)
    return _collapse_doubles("".join(out))


def _arabic_word_key(word: str) -> str:
    word = _ARABIC_MARKS.sub("", word).translate(_ARABIC_FOLD)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return _collapse_doubles(word)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, str]:
    """(initial, medial) key of one word; ("", "") for an article or punctuation."""
    if _ARABIC.search(word):
        key = _arabic_word_key(word)
        return key, key
    folded = fold(word)
    parts = [p for p in _SEP.split(folded) if p]
    initial = medial = ""
    first = True
    for part in parts:
        if part in ARTICLES:
            continue
        ini = _skeleton(part, True) if first else _skeleton(part, False)
        med = _skeleton(part, False)
        initial = join_keys(initial, ini)
        medial = join_keys(medial, med)
        first = False
    return initial, medial


def join_keys(left: str, right: str) -> str:
    """Concatenate two keys, dropping one letter of a pair doubled at the join."""
    if left and right and left[-1] == right[0]:
        return left + right[1:]
    return left + right


def split_words(name: str) -> list[str]:
    """The words of a name, as the key sees them."""
    return [w for w in re.split(r"[\s\-‐‑‒–—_/,]+", name) if w]


@lru_cache(maxsize=200_000)
def translit_key(name: str) -> str:
    """The key under which the common spellings of an Arabic name meet (see module doc)."""
    key = ""
    for word in split_words(name):
        ini, med = word_keys(word)
        key = join_keys(key, med if key else ini)
    return key


def typo_key(name: str) -> str:
    """A weaker key under which transpositions meet: the sorted letters of :func:`translit_key`.

    "Iblid" and "Idlib" share it. Use only as a fallback, with stricter acceptance.
    """
    key = translit_key(name)
    if len(key) < 4:
        return ""
    return key[0] + "".join(sorted(key[1:]))
