"""Persons: names of people, with their Arabic name structure, titles, roles and affiliations.

Component ``rasd_persons`` writes ``doc.spans["person"]``; ``span._.value`` = {name, parts:
{kunya, given, nasab, nisba, laqab, nickname, family}, title, role, category, affiliation,
nationality, refers_to}. How names are found (docs/extraction-actors.md): runs of capitalised
name parts ("Abu Omar", "bin Laden", "al-Tunisi", 'quoted nicknames') are read from the tokens
and taken as a person only on evidence (a kunya, a given name of the lexicons, a title or role
before it); runs that are places, buildings, units or group names are left out. A later partial
reference ("Haddad said") points at the earlier full name through ``refers_to`` (char offsets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from rasd.extract.person_names import (
    ABD,
    COMPOUND_END,
    HYPHEN_SUFFIX,
    INSTITUTION,
    KUNYA,
    LOCATIVE,
    MONTHS_DAYS,
    NASAB,
    PLACE_OF,
    QUOTES_OPEN,
    RUN_STOP,
    WESTERN_PARTICLE,
    Element,
    affiliation_after,
    affiliation_before,
    al_form,
    blocked_tokens,
    cap_neighbour,
    headline_tokens,
    is_cap,
    may_start,
    name_part,
    nick,
    plain,
    prefix,
    starts_of,
    words_before,
)
from rasd.extract.spans import register_extensions
from rasd.taxonomy.registry import NameLexicon, Roles, alias_key, fold, load_names, load_roles
from rasd.taxonomy.registry import name_key as nkey

SPAN_KEY = "person"


@dataclass
class Person:
    start: int
    end: int
    value: dict[str, Any]
    keys: set[str] = field(default_factory=set)
    confidence: float = 0.8
    reason: str = ""


@Language.factory("rasd_persons", default_config={}, assigns=["doc.spans"], requires=[])
def make_persons(nlp: Language, name: str) -> PersonFinder:
    """The persons component (lexicons of rasd/taxonomy/names, roles of roles.yaml)."""
    return PersonFinder(load_names(), load_roles())


class PersonFinder:
    """Finds person mentions; see the module docstring."""

    def __init__(self, names: NameLexicon, roles: Roles) -> None:
        register_extensions()
        self.names = names
        self.roles = roles

    def __call__(self, doc: Doc) -> Doc:
        blocked = blocked_tokens(doc)
        headline = headline_tokens(doc)
        found: list[Person] = []
        starts = starts_of(doc)
        i = 0
        for candidate in starts:
            if candidate < i:
                continue
            i = candidate
            if i in blocked or not may_start(doc[i]):
                continue
            elements = self._run(doc, i, blocked)
            if not elements:
                i += 1
                continue
            person = self._person(doc, elements, headline)
            if person is not None:
                found.append(person)
                i = max(elements[-1].end, i + 1)
            else:
                i = self._restart(elements, i)
        found += self._partials(doc, found, blocked, starts)
        _link(found)
        doc.spans[SPAN_KEY] = [_to_span(doc, p) for p in sorted(found, key=lambda p: p.start)]
        return doc

    # ------------------------------------------------------------------ reading name parts
    def _run(self, doc: Doc, i: int, blocked: set[int]) -> list[Element]:
        elements: list[Element] = []
        while i < len(doc) and i not in blocked and len(elements) < 8:
            if elements and (doc[i].is_sent_start or "\n" in doc[i - 1].whitespace_):
                break
            el = self._element(doc, i, blocked, bool(elements))
            if el is None:
                break
            if el.kind == "al" and el.key in COMPOUND_END and elements and \
                    elements[-1].kind in {"cap", "given"}:
                prev = elements.pop()
                el = Element("given", prev.start, el.end, nkey(doc[prev.start : el.end].text))
            elements.append(el)
            i = el.end
        return elements

    def _restart(self, elements: list[Element], i: int) -> int:
        """Where to look again after a rejected run: at a kunya or a given name inside it."""
        for k, el in enumerate(elements[1:], start=1):
            if el.kind == "kunya" or (self._lexical(el) == "given" and k + 1 < len(elements)):
                return el.start
        return max(elements[-1].end, i + 1)

    def _element(self, doc: Doc, i: int, blocked: set[int], inside: bool) -> Element | None:
        tok = doc[i]
        low = tok.lower_
        nxt = name_part(doc, i + 1, blocked)
        if low in KUNYA and is_cap(tok) and nxt:
            return Element("kunya", i, nxt, alias_key(doc[i:nxt].text))
        if low in NASAB and nxt and (inside or is_cap(tok)):
            return Element("nasab", i, nxt, nkey(doc[nxt - 1].text))
        if low in ABD and is_cap(tok):
            j = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "-" else i + 1
            end = name_part(doc, j, blocked)
            if end:
                return Element("given", i, end, nkey(doc[i:end].text))
        al_end = al_form(doc, i, blocked)
        if al_end:
            return Element("al", i, al_end, nkey(doc[al_end - 1].text))
        if tok.text in QUOTES_OPEN:
            return nick(doc, i, blocked)
        if inside and low in WESTERN_PARTICLE and i + 1 < len(doc) and is_cap(doc[i + 1]):
            return Element("cap", i, i + 2, nkey(doc[i + 1].text))
        if not is_cap(tok) or low in MONTHS_DAYS or nkey(tok.text) in self.names.nationalities:
            return None
        if inside and self._is_title_word(doc, i):
            return None
        end = i + 1
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha \
                and doc[end + 1].lower_ not in HYPHEN_SUFFIX:
            end += 2
        return Element("cap", i, end, nkey(doc[i:end].text))

    def _is_title_word(self, doc: Doc, i: int) -> bool:
        """A capitalised title or role word ("Director", "Lt.") ends the name before it."""
        word = fold(doc[i].text)
        dotted = i + 1 < len(doc) and doc[i + 1].text == "."
        return (word,) in self.roles.titles or (word,) in self.roles.roles or (
            dotted and (word + ".",) in self.roles.titles
        ) or word in INSTITUTION or word in RUN_STOP

    # ------------------------------------------------------------------ deciding
    def _person(self, doc: Doc, elements: list[Element], headline: set[int]) -> Person | None:
        title, role, category, elements = self._peel(doc, elements)
        if not elements:
            return None
        start, end = elements[0].start, elements[-1].end
        raw = words_before(doc, start)
        before = [fold(w) for w in raw]
        look = self._look_back(before, raw)
        if elements[0].kind == "nick":
            if len(elements) > 1 or not (title or look[0] or look[3]):
                return None
            elements = [self._unquote(doc, elements[0])]
            start, end = elements[0].start, elements[0].end
        parts, nationality = self._parts(doc, elements)
        title = title or look[0]
        role = role or look[1]
        category = category or look[2]
        nationality = nationality or look[3]
        titled = "title" if title and title[:1].isupper() else "role" if title else ""
        confidence = self._evidence(doc, elements, parts, titled, start in headline)
        if confidence == 0.0 or self._not_a_person(doc, elements, before, bool(title)):
            return None
        aff = affiliation_before(doc, start) or affiliation_after(doc, end)
        appos = self._apposition(doc, end)
        value = {
            "name": " ".join(doc[start:end].text.split()),
            "parts": parts,
            "title": title,
            "role": role or appos[0],
            "category": category or appos[1],
            "affiliation": aff,
            "nationality": nationality or appos[2],
            "refers_to": None,
        }
        keys = {e.key for e in elements if e.kind in {"al", "cap", "given", "kunya"}}
        return Person(start, end, value, keys, confidence, "name structure and lexicons")

    def _peel(
        self, doc: Doc, elements: list[Element]
    ) -> tuple[str | None, str | None, str | None, list[Element]]:
        """Leading title/role/nationality words of a run: ("Activist", "Foreign Minister")."""
        title = role = category = None
        while elements and elements[0].kind == "cap":
            words = [fold(doc[e.start : e.end].text) for e in elements[:4]]
            hit = prefix(self.roles.titles, words) or prefix(self.roles.roles, words)
            if hit:
                n, (r, c) = hit
                title = " ".join(doc[elements[0].start : elements[n - 1].end].text.split())
                role, category = r, c
                elements = elements[n:]
            elif words[0] in self.names.nationalities:
                elements = elements[1:]
            else:
                break
        return title, role, category, elements

    def _look_back(
        self, words: list[str], raw: list[str]
    ) -> tuple[str | None, str | None, str | None, str | None]:
        """Title, role, category and nationality written just before a name."""
        title = role = category = nationality = None
        t = self.roles.title_before(words) or self.roles.role_before(words)
        if t:
            title = " ".join(raw[-t[0] :])
            role, category = t[1], t[2]
            words, raw = words[: -t[0]], raw[: -t[0]]
        if words and nkey(words[-1]) in self.names.nationalities:
            nationality = self.names.nationalities[nkey(words[-1])] or None
        return title, role, category, nationality

    def _unquote(self, doc: Doc, el: Element) -> Element:
        """A quoted name standing alone ("the Tunisian 'Abu Hamza'"): the name inside."""
        inner = self._run(doc, el.start + 1, set(range(el.end - 1, el.end)))
        if inner and inner[-1].end == el.end - 1:
            return inner[0] if len(inner) == 1 else Element("nick", el.start + 1, el.end - 1,
                                                            el.key)
        return Element("nick", el.start + 1, el.end - 1, el.key)

    def _parts(self, doc: Doc, elements: list[Element]) -> tuple[dict[str, Any], str | None]:
        parts: dict[str, Any] = dict.fromkeys(
            ("kunya", "given", "nasab", "nisba", "laqab", "nickname", "family")
        )
        nationality = None
        for pos, el in enumerate(elements):
            text = " ".join(doc[el.start : el.end].text.split())
            if el.kind == "kunya" and not parts["kunya"]:
                parts["kunya"] = text
            elif el.kind == "nasab":
                parts["nasab"] = f"{parts['nasab']} {text}" if parts["nasab"] else text
            elif el.kind == "nick":
                parts["nickname"] = text.strip("\"'“”‘’«» ")
            elif el.kind == "al" and el.key in self.names.nisbas:
                parts["nisba"] = text
                nationality = nationality or self.names.nisbas[el.key] or None
            elif pos == 0 or (el.kind == "given" and not parts["given"]):
                parts["given"] = parts["given"] or text
            elif el.kind == "al" and parts["kunya"] and not parts["given"]:
                parts["laqab"] = text
            else:
                parts["family"] = text
        if parts["given"] and elements[0].kind == "kunya":
            parts["given"] = None
        return parts, nationality

    def _evidence(
        self, doc: Doc, elements: list[Element], parts: dict[str, Any], titled: Any, head: bool
    ) -> float:
        first = elements[0]
        n = len(elements)
        lexical = self._lexical(first)
        if head and not all(self._lexical(e) or e.kind != "cap" for e in elements):
            return 0.0
        if first.kind == "kunya":
            return 0.8
        if lexical == "given" and (n > 1 or (not head and self._alone_ok(doc, first))):
            return 0.85 if n > 1 else 0.6
        if lexical == "ambiguous" and n > 1 and self._lexical(elements[1]):
            return 0.7
        if lexical == "western" and n > 1 and not head:
            return 0.75
        lexical_any = any(self._lexical(e) for e in elements)
        caps_plain = all(e.kind != "cap" or plain(doc, e) for e in elements)
        if titled == "title" and not head and caps_plain:
            return 0.75
        if titled == "role" and not head and lexical_any:
            return 0.75
        return 0.0

    def _lexical(self, el: Element) -> str | None:
        if el.kind in {"kunya", "nasab", "nick", "al"} or (el.kind == "given" and " " in el.key):
            return "given" if el.kind == "given" else el.kind
        key = el.key
        if key in self.names.ambiguous:
            return "ambiguous"
        if key in self.names.arabic or key in self.names.other:
            return "given"
        if key in self.names.western:
            return "western"
        return "given" if el.kind == "given" else None

    def _alone_ok(self, doc: Doc, el: Element) -> bool:
        """A single given name counts where it is not a quote's first word or a heading."""
        nxt = doc[el.end] if el.end < len(doc) else None
        return nxt is not None and (nxt.is_punct or nxt.is_lower) and nxt.text not in {"-", "'s"}

    def _not_a_person(
        self, doc: Doc, elements: list[Element], before: list[str], titled: Any
    ) -> bool:
        start, end = elements[0].start, elements[-1].end
        name = alias_key(doc[start:end].text)
        keys = [name] + [alias_key(" ".join([*before[-n:], name])) for n in (1, 2) if before]
        if any(k in self.names.not_persons for k in keys) or any(
            name.startswith(k + " ") for k in self.names.not_persons
        ):
            return True
        words = [t.lower_ for t in doc[start : min(end + 1, len(doc))]]
        if INSTITUTION.intersection(words):
            return True
        if titled:
            return False
        if before and before[-1] in LOCATIVE and before[-2:] not in (["according", "to"],):
            return True
        return len(before) > 1 and before[-1] == "of" and before[-2] in PLACE_OF

    def _apposition(self, doc: Doc, end: int) -> tuple[str | None, str | None, str | None]:
        """Role, category and nationality stated in ", a Tunisian commander of X," after a name."""
        if end >= len(doc) or doc[end].text != ",":
            return None, None, None
        words: list[str] = []
        for tok in doc[end + 1 : end + 10]:
            if tok.text in {",", ".", ";", ":", "(", ")"} or tok.is_sent_start:
                break
            words.append(tok.lower_)
        if not words or (words[0] not in {"a", "an", "the"} and not self.roles.role_in(words[:2])):
            return None, None, None
        hit = self.roles.role_in(words)
        nat = next((self.names.nationalities[nkey(w)] for w in words[:3]
                    if nkey(w) in self.names.nationalities), None)
        return (hit[0], hit[1], nat or None) if hit else (None, None, nat or None)

    # ------------------------------------------------------------------ later references
    def _partials(
        self, doc: Doc, found: list[Person], blocked: set[int], starts: list[int]
    ) -> list[Person]:
        index: dict[str, list[Person]] = {}
        for p in found:
            if len(p.keys) > 1:
                for k in p.keys:
                    index.setdefault(k, []).append(p)
        taken = blocked | {i for p in found for i in range(p.start, p.end)}
        out: list[Person] = []
        if not index:
            return []
        for i in starts:
            tok = doc[i]
            if i in taken or not is_cap(tok):
                continue
            end = al_form(doc, i, taken) or i + 1
            key = nkey(doc[end - 1].text) if end > i + 1 else nkey(tok.text)
            if key not in index:
                continue
            earlier = [p for p in index[key] if p.end <= i]
            before = [fold(w) for w in words_before(doc, i)]
            placed = bool(before) and (before[-1] in LOCATIVE or before[-1] == "of")
            if alias_key(doc[i:end].text) in self.names.not_persons:
                continue
            if earlier and not placed and not cap_neighbour(doc, i, end):
                value = _partial_value(earlier[-1].value, doc[i:end].text)
                out.append(Person(i, end, value, {key}, 0.7, "part of a name given earlier"))
                taken.update(range(i, end))
        return out


def _link(found: list[Person]) -> None:
    """Point each shorter mention at the earlier full mention whose name parts it repeats."""
    ordered = sorted(found, key=lambda p: p.start)
    for i, p in enumerate(ordered):
        fuller = [q for q in ordered[:i] if len(q.keys) > len(p.keys) and p.keys <= q.keys]
        roots = {(q.start, q.end) for q in fuller if q.value.get("refers_to") is None}
        names = {q.value["name"] for q in fuller if q.value.get("refers_to") is None}
        if len(names) == 1:
            p.value["refers_to"] = min(roots)
        elif len(names) > 1:
            p.reason = "partial name shared by several people named earlier: not linked"
            p.confidence = min(p.confidence, 0.5)


def _partial_value(full: dict[str, Any], text: str) -> dict[str, Any]:
    """The value of a later partial reference: the part as written, the rest from the full name."""
    parts = dict.fromkeys(full["parts"])
    which = next((k for k, v in full["parts"].items() if v and nkey(v) == nkey(text)), "family")
    parts[which] = text
    return {**dict.fromkeys(full), "name": text, "parts": parts,
            "affiliation": full.get("affiliation"), "nationality": full.get("nationality")}


def _to_span(doc: Doc, p: Person) -> Span:
    span = Span(doc, p.start, p.end, label=SPAN_KEY)
    value = dict(p.value)
    if value.get("refers_to") is not None:
        s, e = value["refers_to"]
        value["refers_to"] = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
    span._.value = value
    span._.confidence = p.confidence
    span._.reason = p.reason
    return span
