"""Names in Arabic script, made comparable with their Latin spellings.

A word in Arabic script is normalised (short-vowel marks and tatweel removed, hamza forms of alef
folded to a bare alef, alef maqsura to ya). A word listed in ``arabic_names.yaml`` becomes the
Latin canonical word of its name (``محمد`` -> ``muhammad``), so it meets every Latin spelling of
that name through the spelling families. Any other word is romanized letter by letter into the
alphabet of :func:`rasd.resolve.keys.fine_key` and marked with a leading ``~``: such a word
agrees with a Latin word when their consonant skeletons are equal and the romanization is close
to the Latin spelling (:func:`cross_agreement`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz.distance import Indel

MARK = "~"
_ARABIC = re.compile("[\u0600-\u06ff]")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ک": "ك", "ی": "ي"})
_LETTERS = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "u", "ي": "i", "ة": "a",
    "ا": "a", "ئ": "i", "ؤ": "u", "ء": "", "ع": "", "پ": "b", "چ": "j", "ڤ": "f", "گ": "j",
}
ARTICLE = "ال"


def is_arabic(word: str) -> bool:
    return bool(_ARABIC.search(word))


def normalize(word: str) -> str:
    """An Arabic-script word without vowel marks, with one alef and one ya."""
    return _MARKS.sub("", word).translate(_FOLD)


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    text = resources.files("rasd.resolve").joinpath("arabic_names.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return {
        "names": {normalize(k): str(v) for k, v in raw["names"].items()},
        "particles": {kind: frozenset(normalize(w) for w in ws)
                      for kind, ws in raw["particles"].items()},
        "not_article": frozenset(normalize(w) for w in raw["not_article"]),
    }


def unglue(word: str) -> tuple[str, bool]:
    """The word without its article ("الحموي" -> "حموي"); (word, had an article)."""
    if word.startswith(ARTICLE) and len(word) > 3 and word not in data()["not_article"]:
        return word[2:], True
    return word, False


def romanize(word: str) -> str:
    """Letter-by-letter romanization in the alphabet of ``fine_key`` (initial ain as "a")."""
    out = ["a" if word[:1] == "ع" else ""]
    out.extend(_LETTERS.get(ch, "") for ch in word)
    return "".join(out)


def latin(word: str) -> str | None:
    """The Latin canonical word of a listed Arabic name, else None."""
    return data()["names"].get(word)


def cross_agreement(marked: str, key: str, skeleton_of: str, marked_skeleton: str) -> float:
    """Agreement of a romanized Arabic word (``marked``, without its mark) and a Latin fine key."""
    if marked_skeleton == skeleton_of and len(skeleton_of) >= 2:
        return 0.8 if Indel.normalized_similarity(marked, key) >= 0.7 else 0.0
    if Indel.normalized_similarity(marked_skeleton, skeleton_of) >= 0.75:
        return 0.0
    return -1.0
