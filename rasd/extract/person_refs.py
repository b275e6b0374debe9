"""Later references to a person named earlier in the report ("Fadi Haddad ... Haddad said").

A capitalised word (or "al-X") equal to a part of a full name found earlier in the same doc is a
person mention; its ``refers_to`` points at the earlier full mention (char offsets) where only
one earlier person has that part. Used by :class:`rasd.extract.persons.PersonFinder`.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from rasd.extract.person_names import (
    KUNYA,
    LOCATIVE,
    NICK_CUES,
    QUOTES_OPEN,
    Element,
    Page,
    al_form,
    cap_neighbour,
    is_cap,
    nick,
    words_before,
)
from rasd.extract.person_rules import Person
from rasd.extract.spans import set_span_extensions
from rasd.taxonomy.registry import NameLexicon, alias_key, fold
from rasd.taxonomy.registry import name_key as nkey


def partials(names: NameLexicon, p: Page, found: list[Person], starts: list[int]) -> list[Person]:
    """Later mentions of one part of an earlier full name (a full name has 2+ parts)."""
    index: dict[str, list[Person]] = {}
    for person in found:
        if len(person.keys) > 1:
            for k in person.keys:
                index.setdefault(k, []).append(person)
    if not index:
        return []
    taken = p.blocked | {i for q in found for i in range(q.start, q.end)}
    out: list[Person] = []
    for i in starts:  # the part's key first: most capitalised words repeat no name
        if i in taken:
            continue
        end = al_form(p, i, taken) or i + 1
        key = nkey(p.v.text[end - 1]) if end > i + 1 else nkey(p.v.text[i])
        if key not in index or not is_cap(p, i):
            continue
        earlier = [q for q in index[key] if q.end <= i]
        before = [fold(w) for w in words_before(p, i)]
        placed = bool(before) and (before[-1] in LOCATIVE or before[-1] == "of")
        if alias_key(p.span(i, end)) in names.not_persons:
            continue
        if earlier and not placed and not cap_neighbour(p, i, end):
            value = _partial_value(earlier[-1].value, p.span(i, end))
            out.append(Person(i, end, value, {key}, 0.7, "part of a name given earlier"))
            taken.update(range(i, end))
    return out


def nicknames_after(p: Page, found: list[Person]) -> list[Person]:
    """A quoted nickname right after a name ("Samir Haddad, nicknamed "Abu Nour"", "X (known
    as 'the Doctor')"): the name's ``nickname`` part, and the nickname a mention of its own
    that refers to the name. Returns the new mentions (a nickname already read as a person
    is only tied to the name)."""
    out: list[Person] = []
    for person in found:
        el = _quoted_after(p, person.end)
        if el is None:
            continue
        nickname = " ".join(p.span(el.start + 1, el.end - 1).split())
        person.value["parts"]["nickname"] = person.value["parts"]["nickname"] or nickname
        same = next((q for q in found if q.start == el.start + 1 or q.start == el.start), None)
        if same is not None:
            same.value["parts"]["nickname"] = nickname
            same.value["refers_to"] = (person.start, person.end)
            continue
        parts = dict.fromkeys(person.value["parts"])
        parts["nickname"] = nickname
        if p.v.lower[el.start + 1] in KUNYA:
            parts["kunya"] = nickname  # "Abu Nour": a kunya used as a nom de guerre
        value = {**dict.fromkeys(person.value), "name": nickname, "parts": parts,
                 "affiliation": person.value.get("affiliation"),
                 "nationality": person.value.get("nationality"),
                 "refers_to": (person.start, person.end)}
        out.append(Person(el.start + 1, el.end - 1, value, {alias_key(nickname)}, 0.7,
                          "quoted nickname after a name"))
    return out


def _quoted_after(p: Page, end: int) -> Element | None:
    """The quoted nickname after a cue ("nicknamed", "known as") right after token ``end``."""
    k = end
    while k < p.n and p.v.text[k] in {",", "("}:
        k += 1
    for n in (3, 2, 1):
        if tuple(p.v.lower[k:k + n]) in NICK_CUES and k + n < p.n and \
                p.v.text[k + n] in QUOTES_OPEN:
            return nick(p, k + n, p.blocked)
    return None


def link(found: list[Person]) -> None:
    """Point each shorter mention at the earlier full mention whose name parts it repeats."""
    ordered = sorted(found, key=lambda q: q.start)
    for i, person in enumerate(ordered):
        fuller = [q for q in ordered[:i] if len(q.keys) > len(person.keys)
                  and person.keys <= q.keys]
        roots = {(q.start, q.end) for q in fuller if q.value.get("refers_to") is None}
        names = {q.value["name"] for q in fuller if q.value.get("refers_to") is None}
        if len(names) == 1:
            person.value["refers_to"] = min(roots)
        elif len(names) > 1:
            person.reason = "partial name shared by several people named earlier: not linked"
            person.confidence = min(person.confidence, 0.5)


def _partial_value(full: dict[str, Any], text: str) -> dict[str, Any]:
    """The value of a later partial reference: the part as written, the rest from the full name."""
    parts = dict.fromkeys(full["parts"])
    which = next((k for k, v in full["parts"].items() if v and nkey(v) == nkey(text)), "family")
    parts[which] = text
    return {**dict.fromkeys(full), "name": text, "parts": parts,
            "affiliation": full.get("affiliation"), "nationality": full.get("nationality")}


def to_bounds(doc: Doc, p: Page, person: Person) -> tuple[int, int, int, int]:
    """The (start token, end token, start char, end char) of a person's span, its values set
    (``refers_to`` turned from tokens into char offsets) for :func:`rasd.extract.spans.
    write_spans`; the characters are the span's own (``view.end_char`` is the token's end)."""
    value = dict(person.value)
    if value.get("refers_to") is not None:
        s, e = value["refers_to"]
        value["refers_to"] = (p.v.idx[s], p.v.end_char(e - 1))
    start, end = p.v.idx[person.start], p.v.end_char(person.end - 1)
    set_span_extensions(doc, start, end, value=value, confidence=person.confidence,
                        reason=person.reason)
    return person.start, person.end, start, end
