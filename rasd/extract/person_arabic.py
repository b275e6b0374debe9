"""Person names written in Arabic script (reports in Arabic run through the same pipeline).

Used by :class:`rasd.extract.persons.PersonFinder` only where the doc holds Arabic letters. A
person is a kunya and its name ("أبو طلحة", with a following "ال" nisba), a given name of
``rasd/taxonomy/names/given_arabic_script.txt`` with a family name or nisba ("محمد الحسين"), or
a given name after a role or kinship word ("المتطوع حسن قطريب", "شقيقه عمر"); a later word equal
to part of such a full name is a partial reference ("الحموي"). A word before the name that makes
it a place or unit ("مسجد", "لواء") rules it out. The conjunctions "و" / "ف" written on a name
("وعمار") stay in the span (spans follow tokens) and are dropped from the value's name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rasd.extract.person_names import NAMES_DIR, Page, words
from rasd.extract.person_rules import PART_NAMES, Person
from rasd.taxonomy.registry import NameLexicon, alias_key

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LETTERS = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")
KUNYA, PREFIX = words("arabic_kunya"), words("arabic_prefix")
ROLES, INSTITUTION = words("arabic_roles"), words("arabic_institution")
NOT_NAMES, STOP = words("arabic_not_names"), words("arabic_stop")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    path = NAMES_DIR / "given_arabic_script.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def arabic_persons(p: Page, names: NameLexicon) -> list[Person]:
    """Arabic-script person mentions of the doc, full names first, then later partial ones."""
    if p.text.isascii() or not _ARABIC.search(p.text):  # isascii: no scan of most reports
        return []
    found: list[Person] = []
    i = 0
    while i < p.n:
        person = _full(p, i, names)
        if person is None:
            i += 1
        else:
            found.append(person)
            i = person.end
    return found + _later(p, found)


def _word(p: Page, i: int) -> str | None:
    """Token i as an Arabic word (None if it is not one or belongs to a group mention)."""
    if i >= p.n or i in p.blocked:
        return None
    text = p.v.text[i]
    return text if _LETTERS.match(text) else None


def _base(word: str, lexicon: frozenset[str]) -> str:
    """The word without a conjunction written on it where only that makes it a lexicon word."""
    if word not in lexicon and word[:1] in PREFIX and word[1:] in lexicon:
        return word[1:]
    return word


def _al(word: str | None) -> bool:
    return word is not None and word.startswith("ال") and len(word) > 3 and word not in NOT_NAMES


def _full(p: Page, i: int, names: NameLexicon) -> Person | None:
    word = _word(p, i)
    if word is None or (i > 0 and _base(p.v.text[i - 1], INSTITUTION) in INSTITUTION):
        return None
    nxt = _word(p, i + 1)
    if _base(word, KUNYA) in KUNYA and nxt and not _al(nxt):
        end = i + 3 if _al(_word(p, i + 2)) else i + 2
        parts = {"kunya": _text(p, i, i + 2), "nisba": _text(p, i + 2, end) or None}
        return _person(p, i, end, parts, names, 0.8)
    given = _base(word, given_names())
    if given not in given_names():
        return None
    if _al(nxt):
        end = i + 3 if _al(_word(p, i + 2)) else i + 2
        return _person(p, i, end, {"given": given, "family": _text(p, end - 1, end)}, names, 0.8)
    role = i > 0 and _base(p.v.text[i - 1], ROLES) in ROLES
    if not role:
        return None
    family = nxt if nxt and nxt not in STOP and nxt[:1] not in PREFIX else None
    end = i + 2 if family else i + 1
    person = _person(p, i, end, {"given": given, "family": family}, names, 0.7)
    if person is not None:
        person.value["title"] = p.v.text[i - 1]
    return person


def _text(p: Page, start: int, end: int) -> str:
    return p.span(start, end) if end > start else ""


def _person(p: Page, start: int, end: int, parts: dict[str, Any], names: NameLexicon,
            confidence: float) -> Person | None:
    first = p.v.text[start]
    name = " ".join([parts.get("given") or _base(first, KUNYA), *p.span(start, end).split()[1:]])
    if alias_key(name) in names.not_persons:
        return None
    value: dict[str, Any] = {
        "name": name, "parts": {k: parts.get(k) for k in PART_NAMES}, "title": None,
        "role": None, "category": None, "affiliation": None, "nationality": None,
        "refers_to": None,
    }
    keys = {v for k, v in parts.items() if v and k in {"given", "family", "kunya", "nisba"}}
    return Person(start, end, value, keys, confidence, "Arabic name structure and lexicon")


def _later(p: Page, found: list[Person]) -> list[Person]:
    """Later words repeating one part of an earlier full name ("الحموي", "خالد")."""
    index: dict[str, Person] = {}
    for person in found:
        if len(person.keys) > 1:
            for key in person.keys:
                if " " not in key:
                    index.setdefault(key, person)
    if not index:
        return []
    taken = {i for q in found for i in range(q.start, q.end)}
    keys = frozenset(index)
    out: list[Person] = []
    for i in range(p.n):
        word = _word(p, i)
        if word is None or i in taken:
            continue
        key = _base(word, keys)
        earlier = index.get(key)
        if earlier is None or earlier.end > i or (i > 0 and p.v.text[i - 1] in INSTITUTION):
            continue
        which = next((k for k, v in earlier.value["parts"].items() if v == key), "family")
        value = {**dict.fromkeys(earlier.value), "name": key,
                 "parts": {k: (key if k == which else None) for k in PART_NAMES}}
        out.append(Person(i, i + 1, value, {key}, 0.7, "part of a name given earlier"))
    return out
