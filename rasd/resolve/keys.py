"""Transliteration-aware person-name keys: parsing a name into its parts, comparing parts.

Arabic names written in Latin letters vary in vowels, doubled letters, article forms ("al-",
"el-", "Al" glued as in "Alhamwi"), particles ("Abu" / "Abou") and whole spelling families
("Osama" / "Usama" / "Oussama"). Three levels of key serve three jobs:

- :func:`canon` — a word's canonical spelling: the family it belongs to in
  ``rasd/taxonomy/name_variants.yaml``, else the folded word;
- :func:`fine_key` — a spelling-insensitive form of a canonical word used to decide whether two
  words are the same name (vowels folded, digraphs folded, doubled letters collapsed);
- :func:`skeleton` — a coarser consonant skeleton used only for blocking (candidate search).

:func:`parse_name` splits a surface name into :class:`NameParts` (title, kunya, given, middle,
nasab, surname, laqab, nisba's country). :func:`token_agreement` compares two words.
Folding (case, diacritics, apostrophes) is shared with the gazetteer (``rasd.gazetteer.keys``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz.distance import Indel

from rasd.gazetteer.keys import ARTICLES, fold
from rasd.resolve import arabic

_SPLIT = re.compile(r"[\s\-‐‑‒–—_/,.;:]+")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{2,40})[\"“”«»]|\(([^()]{2,40})\)")
_DIGRAPHS = (
    ("sch", "S"), ("tch", "S"), ("ck", "k"), ("kh", "X"), ("sh", "S"), ("ch", "S"),
    ("th", "T"), ("dh", "D"), ("gh", "G"), ("ph", "f"), ("dj", "j"), ("zh", "j"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"),
)
_SINGLE = str.maketrans({"q": "k", "c": "k", "g": "j", "p": "b", "v": "f", "e": "a",
                         "o": "u", "x": "ks"})
_VOWELS = frozenset("aiu")


@dataclass(frozen=True)
class Vocabulary:
    """The data of ``name_variants.yaml``, indexed for lookups."""

    families: dict[str, str]
    family_names: frozenset[str]
    kunya: frozenset[str]
    nasab: frozenset[str]
    abd: frozenset[str]
    titles: dict[tuple[str, ...], str]
    roles: dict[str, str]
    nisbas: dict[str, str]
    nationalities: dict[str, str]
    common_given: frozenset[str]
    common_kunya: frozenset[str]
    glued_al: frozenset[str]
    codes: frozenset[str]


def _titles(data: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    return {tuple(fold(t).split()): cat for cat, items in data.items() for t in items}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load ``rasd/taxonomy/name_variants.yaml`` once."""
    text = resources.files("rasd.taxonomy").joinpath("name_variants.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    families: dict[str, str] = {}
    for name, spellings in data["families"].items():
        families[name] = name
        for spelling in spellings:
            families.setdefault(fold(str(spelling)).replace("-", ""), name)
    nisbas: dict[str, str] = {}
    nationalities: dict[str, str] = {}
    for stem, (code, *words) in data["nisbas"].items():
        nisbas[stem] = str(code)
        for word in [stem, *words]:
            nationalities[fold(str(word))] = str(code)
    particles = data["particles"]
    return Vocabulary(
        families=families, family_names=frozenset(data["families"]),
        kunya=frozenset(fold(p) for p in particles["kunya"]),
        nasab=frozenset(particles["nasab"]),
        abd=frozenset(p.rstrip("-") for p in particles["abd"]),
        titles=_titles(data["titles"]),
        roles={fold(w): cat for cat, words in data["roles"].items() for w in words},
        nisbas=nisbas, nationalities=nationalities,
        common_given=frozenset(data["common_given"]),
        common_kunya=frozenset(data["common_kunya"]),
        glued_al=frozenset(data["glued_al_words"]),
        codes=frozenset(nisbas.values()),
    )


@lru_cache(maxsize=500_000)
def canon(word: str) -> str:
    """The canonical spelling of one folded word (its family's name, else the word)."""
    vocab = vocabulary()
    word = word.replace("'", "")
    if arabic.is_arabic(word):
        known = arabic.latin(word)
        return canon(known) if known else arabic.MARK + arabic.romanize(word)
    if word in vocab.families:
        return vocab.families[word]
    for prefix in ("abdul", "abdel", "abdal", "abdur", "abdus", "abdol", "abdil"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 3:
            return "abd_" + canon(rest)
    return word


@lru_cache(maxsize=500_000)
def fine_key(word: str) -> str:
    """Spelling-insensitive form of a canonical word: equal keys are the same name."""
    if word.startswith(arabic.MARK):
        return _collapse(word[1:])  # romanized Arabic is written in this alphabet already
    if len(word) > 3 and word.endswith("e") and word[-2] not in "aeiou":
        word = word[:-1]  # French final e: Chahine / Shahin
    for src, dst in _DIGRAPHS:
        if src in word:
            word = word.replace(src, dst)
    word = word.translate(_SINGLE)
    head, tail = word[:1], word[1:].replace("w", "u").replace("y", "i")
    word = _collapse(head + tail)
    if len(word) > 2 and word[-1] == "h" and word[-2] in _VOWELS:
        word = word[:-1]
    return word.lower()


@lru_cache(maxsize=500_000)
def skeleton(word: str) -> str:
    """Consonant skeleton of a canonical word, for blocking only (collisions are expected)."""
    key = fine_key(word)
    if not key:
        return ""
    first = "a" if key[0] in "aiu" else key[0]
    return first + "".join(ch for ch in key[1:] if ch not in "aiu_")


def _collapse(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=500_000)
def token_agreement(a: str, b: str) -> float:
    """How far two canonical words are the same name: 1 same, 0.9 / 0.8 likely, 0 unsure, -1 no.

    Words of two different spelling families are different names ("hasan" / "husayn").
    """
    if a == b:
        return 1.0
    families = vocabulary().family_names
    if a in families and b in families:
        return -1.0
    ka, kb = fine_key(a), fine_key(b)
    if a.startswith(arabic.MARK) != b.startswith(arabic.MARK):
        (mark, ma), (other, kother) = ((a, ka), (b, kb)) if a[:1] == arabic.MARK else (
            (b, kb), (a, ka))
        if other in families:
            return 0.0  # a listed name would have been translated (arabic_names.yaml)
        return arabic.cross_agreement(ma, kother, skeleton(other), skeleton(mark))
    if ka == kb:
        return 0.9
    if min(len(ka), len(kb)) < 4:
        return -1.0
    similarity = Indel.normalized_similarity(ka, kb)
    if similarity >= 0.88:
        return 0.8
    return 0.0 if similarity >= 0.75 else -1.0


@dataclass
class NameParts:
    """The parts of one person's name, each as a canonical word (see :func:`canon`)."""

    given: str | None = None
    middle: list[str] = field(default_factory=list)
    surname: str | None = None  # family name, or the last name word (a nisba where no family)
    kunya: str | None = None  # "Abu Omar" -> "umar"
    nasab: str | None = None  # "bin Laden" -> "laden"
    laqab: str | None = None  # a nickname, e.g. in quotes
    bare: bool = False  # a single plain word: a given name or a family name
    title: str | None = None
    title_category: str | None = None
    origin: str | None = None  # country / place code of a nisba ("al-Tunisi" -> TN)

    def slots(self) -> dict[str, str]:
        """The name-identifying parts that are present."""
        found = {"given": self.given, "surname": self.surname, "kunya": self.kunya,
                 "nasab": self.nasab, "laqab": self.laqab}
        return {k: v for k, v in found.items() if v}


def words(text: str) -> list[str]:
    """The folded words of a name (Arabic script normalised, see :mod:`rasd.resolve.arabic`)."""
    return [arabic.normalize(w) if arabic.is_arabic(w) else w
            for w in _SPLIT.split(fold(text)) if w]


def _strip_title(tokens: list[str]) -> tuple[str | None, str | None, list[str]]:
    titles = vocabulary().titles
    title = category = None
    while tokens:
        if tokens[0] == "the":
            tokens = tokens[1:]
            continue
        for size in (3, 2, 1):
            head = tuple(tokens[:size])
            if len(head) == size and head in titles and len(tokens) > size:
                title, category, tokens = " ".join(head), titles[head], tokens[size:]
                break
        else:
            return title, category, tokens
    return title, category, tokens


def _unglue(token: str) -> tuple[str, bool]:
    """Split a glued article off ("alhamwi" -> "hamwi"); (word, had an article)."""
    vocab = vocabulary()
    if arabic.is_arabic(token):
        return arabic.unglue(token)
    if (token[:2] in ("al", "el") and len(token) >= 6 and not token.startswith("all")
            and token not in vocab.glued_al and canon(token) == token):
        return token[2:], True
    return token, False


def _units(tokens: list[str]) -> list[tuple[str, str, bool]]:
    """(kind, canonical word, had article) for each unit; kind is kunya, nasab or plain."""
    vocab = vocabulary()
    particles = arabic.data()["particles"]
    units: list[tuple[str, str, bool]] = []
    i, kind, article = 0, "plain", False
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok in ARTICLES and i < len(tokens):
            article = True
            continue
        if (tok in vocab.kunya or tok in particles["kunya"]) and i < len(tokens):
            kind = "kunya"
            continue
        if (tok in vocab.nasab or tok in particles["nasab"]) and i < len(tokens) and units:
            kind = "nasab"
            continue
        if (tok in vocab.abd or tok in particles["abd"]) and i < len(tokens):
            j = i + 1 if tokens[i] in ARTICLES and i + 1 < len(tokens) else i
            tok, i = "abd_" + canon(_unglue(tokens[j])[0]), j + 1
        elif not article:
            tok, article = _unglue(tok)
        units.append((kind, canon(tok), article))
        kind, article = "plain", False
    return units


@lru_cache(maxsize=200_000)
def _parse(text: str) -> NameParts:
    parts = NameParts()
    quoted = _QUOTED.search(text)
    if quoted:
        nick = [w for w in words(quoted.group(1) or quoted.group(2)) if w != "the"]
        if nick and nick[0] in vocabulary().kunya and len(nick) > 1:
            parts.kunya = _parse(" ".join(nick)).kunya  # 'the Tunisian "Abu Talha"'
        else:
            parts.laqab = canon("".join(nick)) or None
        text = text[: quoted.start()] + " " + text[quoted.end():]
    parts.title, parts.title_category, tokens = _strip_title(words(text))
    plain: list[tuple[str, bool]] = []
    for kind, word, article in _units(tokens):
        if kind == "kunya" and not parts.kunya:
            parts.kunya = word
        elif kind == "nasab" and not parts.nasab:
            parts.nasab = word
        else:
            plain.append((word, article))
    _assign_plain(parts, plain)
    return parts


def _assign_plain(parts: NameParts, plain: list[tuple[str, bool]]) -> None:
    vocab = vocabulary()
    adjectives = [w for w, art in plain if not art and _adjective(w)]
    if adjectives and len(adjectives) < len(plain) + bool(parts.kunya or parts.nasab):
        parts.origin = vocab.nationalities[adjectives[0]]  # "the Tunisian Abu Talha"
        plain = [(w, art) for w, art in plain if art or not _adjective(w)]
    if not plain:
        return
    parts.bare = len(plain) == 1 and not plain[0][1] and not (
        parts.kunya or parts.nasab or parts.laqab)
    last, _ = plain[-1]
    parts.surname = last  # a single bare word is read as a surname ("Holloway said")
    parts.origin = (vocab.nisbas.get(last) or vocab.nisbas.get(_nisba_stem(last))
                    or parts.origin)
    rest = [w for w, _ in plain[:-1]]
    if rest:
        parts.given, parts.middle = rest[0], rest[1:]


def _adjective(word: str) -> bool:
    """A nationality adjective ("tunisian"), not a nisba that may be a family name."""
    vocab = vocabulary()
    return word in vocab.nationalities and word not in vocab.nisbas and (
        _nisba_stem(word) not in vocab.nisbas)


def _nisba_stem(word: str) -> str:
    return word[:-1] + "i" if word.endswith("y") else word


def part_word(text: str) -> str | None:
    """The canonical word of one name part the extractor gave ("al-Hamwi", "Alhamwi", "Abu
    Omar" -> "hamwi", "hamwi", "umar")."""
    vocab = vocabulary()
    units = _units(words(text))
    if len(units) == 1:
        return units[0][1] or None  # particles of both scripts off: "أبو طلحة" -> "talha"
    particles = arabic.data()["particles"]
    kept = [w for w in words(text)
            if w not in ARTICLES and w not in vocab.kunya and w not in vocab.nasab
            and w not in particles["kunya"] and w not in particles["nasab"]]
    if len(kept) == 1:
        kept = [_unglue(kept[0])[0]]
    return canon("".join(kept)) or None


def parse_name(text: str) -> NameParts:
    """Parse a surface name ("Brig. Gen. Suheil al-Hassan", "Abu Omar al-Tunisi")."""
    found = _parse(text)
    return NameParts(found.given, list(found.middle), found.surname, found.kunya, found.nasab,
                     found.laqab, found.bare, found.title, found.title_category, found.origin)


def nationality_code(word: str | None) -> str | None:
    """The code of a nationality or origin word ("Tunisian", "al-Tunisi") or None."""
    if not word:
        return None
    vocab = vocabulary()
    if word.strip() in vocab.codes:
        return word.strip()  # the extractor gives ISO codes ("TN")
    folded = " ".join(words(word))
    table = vocab.nationalities
    for candidate in (folded, folded.removeprefix("al "), _nisba_stem(folded.split(" ")[-1])):
        if candidate in table:
            return table[candidate]
    return None


def role_category(word: str | None) -> str | None:
    """The category (military, religious, medical, civil, media) of a role or title word."""
    if not word:
        return None
    folded = tuple(words(word))
    vocab = vocabulary()
    return vocab.titles.get(folded) or vocab.roles.get(" ".join(folded)) or (
        vocab.roles.get(folded[-1]) if folded else None)


def blocking_keys(parts: NameParts, areas: list[str]) -> list[str]:
    """Keys under which a name meets its candidate matches (see docs/linking.md)."""
    sk = {k: skeleton(v) for k, v in parts.slots().items()}
    keys: list[str] = []
    surname, given, kunya = sk.get("surname"), sk.get("given"), sk.get("kunya")
    if given and surname:
        keys.append(f"gs:{given}|{surname}")
    if kunya and surname:
        keys.append(f"ks:{kunya}|{surname}")
    if kunya and parts.origin:
        keys.append(f"ko:{kunya}|{parts.origin}")
    if given and sk.get("nasab"):
        keys.append(f"gn:{given}|{sk['nasab']}")
    if sk.get("laqab"):
        keys.append(f"l:{sk['laqab']}")
    partial = bool(surname) and not given and not kunya
    for area in areas[:3]:
        if kunya:
            keys.append(f"ka:{kunya}|{area}")
        if partial:
            keys.append(f"sa:{surname}|{area}")
    if surname and parts.title_category and (partial or given):
        keys.append(f"st:{surname}|{parts.title_category}")
    return keys
