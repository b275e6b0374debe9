"""Persons: names of people, with their Arabic name structure, titles, roles and affiliations.

Component ``rasd_persons`` writes ``doc.spans["person"]``; ``span._.value`` = {name, parts:
{kunya, given, nasab, nisba, laqab, nickname, family}, title, role, category, affiliation,
nationality, refers_to}. How names are found (docs/extraction-actors.md): runs of capitalised
name parts ("Abu Omar", "bin Laden", "al-Tunisi", 'quoted nicknames') are read from the tokens
and taken as a person only on evidence (a kunya, a given name of the lexicons, a title or role
before it); runs that are places, buildings, units or group names are left out. A later partial
reference ("Haddad said") points at the earlier full name through ``refers_to`` (char offsets).

This module reads runs of name parts; :mod:`rasd.extract.person_rules` decides whether a run is a
person, :mod:`rasd.extract.person_refs` ties later partial references to earlier names and
:mod:`rasd.extract.person_arabic` reads names written in Arabic script. Tokens are read from the
shared token view (:func:`rasd.extract.spans.token_view`), never as spaCy ``Token`` objects.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract.person_arabic import arabic_persons
from rasd.extract.person_names import (
    ABD,
    AL,
    COMPOUND_END,
    HYPHEN_SUFFIX,
    KUNYA,
    MONTHS_DAYS,
    NASAB,
    QUOTES_OPEN,
    WESTERN_PARTICLE,
    Element,
    Headlines,
    Page,
    al_form,
    is_cap,
    may_start,
    name_part,
    nick,
    starts_of,
    words_before,
)
from rasd.extract.person_refs import link, nicknames_after, partials, to_bounds
from rasd.extract.person_rules import Person, PersonRules
from rasd.extract.spans import register_extensions, write_spans
from rasd.taxonomy.registry import NameLexicon, Roles, alias_key, fold, load_names, load_roles
from rasd.taxonomy.registry import name_key as nkey

SPAN_KEY = "person"
MAX_PARTS = 8
LOWER_PARTS = NASAB | AL | WESTERN_PARTICLE
PARTICLES = KUNYA | NASAB | ABD | AL | WESTERN_PARTICLE


@Language.factory("rasd_persons", default_config={}, assigns=["doc.spans"], requires=[])
def make_persons(nlp: Language, name: str) -> PersonFinder:
    """The persons component (lexicons of rasd/taxonomy/names, roles of roles.yaml)."""
    return PersonFinder(load_names(), load_roles())


class PersonFinder(PersonRules):
    """Finds person mentions; see the module docstring."""

    def __init__(self, names: NameLexicon, roles: Roles) -> None:
        register_extensions()
        super().__init__(names, roles)
        self._plain: dict[str, str] = {}
        self.title_tails = {w[k:] for w in self.title_ends for k in range(len(w))}

    def __call__(self, doc: Doc) -> Doc:
        page = Page.of(doc)
        starts = starts_of(doc)
        found = self.find(page, starts, Headlines(page)) + arabic_persons(page, self.names)
        found += nicknames_after(page, found)
        found += partials(self.names, page, found, starts)
        link(found)
        write_spans(doc, SPAN_KEY, [to_bounds(doc, page, p)
                                    for p in sorted(found, key=lambda p: p.start)], SPAN_KEY)
        return doc

    def find(self, page: Page, starts: list[int], headline: Headlines) -> list[Person]:
        """Full names, left to right, each from a run of name parts with evidence."""
        found: list[Person] = []
        i = 0
        lower, blocked = page.v.lower, page.blocked
        for candidate in starts:
            if candidate < i:
                continue
            i = candidate
            low = lower[i]
            if (low in STOP_WORDS and low not in PARTICLES) or i in blocked:
                continue  # a stop word starts no name part but "As-Sabr" and the like
            if self._lone_plain(page, i) or not may_start(page, i):
                continue
            elements = self.read_run(page, i, page.blocked)
            if not elements:
                i += 1
                continue
            person = self.decide(page, elements, headline) if self.worth(page, elements) else None
            if person is not None:
                found.append(person)
                i = max(elements[-1].end, i + 1)
            else:
                i = self._restart(elements, i)
        return found

    def _lone_plain(self, p: Page, i: int) -> bool:
        """True where token i is a lone capitalised word that cannot start a person.

        The common case, read without building the run: a word no lexicon knows, opening no
        title and no particle, that the next token cannot continue ("Residents said", "of
        Aleppo,") and no title or role before. :meth:`find` would reject the same run.
        """
        v = p.v
        j = i + 1
        if j < p.n and not v.sent_start[j] and j not in p.blocked:
            nxt = v.text[j]
            if nxt[:1].isupper() or nxt == "-" or v.lower[j] in LOWER_PARTS \
                    or nxt in QUOTES_OPEN:
                return False
        plain = self._plain.get(v.text[i])
        if plain is None:
            plain = self._plain_word(p, i)
            if len(self._plain) > 100_000:
                self._plain.clear()
            self._plain[v.text[i]] = plain
        if plain != "plain":
            return plain == "never"
        if v.sent_start[i] or fold(v.lower[i - 1]) not in self.title_tails:
            return True
        before = words_before(p, i)
        return not (before and fold(before[-1]) in self.title_ends)

    def _plain_word(self, p: Page, i: int) -> str:
        """Token i's word alone: "never" a name's start, "maybe" one, or "plain" (a name only
        after a title)."""
        low, text = p.v.lower[i], p.v.text[i]
        if low in PARTICLES or text in QUOTES_OPEN:
            return "maybe"
        if not is_cap(p, i) or low in MONTHS_DAYS or nkey(text) in self.names.nationalities:
            return "never"
        if self.lexical(Element("cap", i, i + 1, nkey(text))) is not None:
            return "maybe"
        word = fold(text)
        if word in self.title_starts or word in self.names.nationalities:
            return "maybe"
        return "plain"

    # ------------------------------------------------------------------ reading name parts
    def read_run(self, p: Page, i: int, blocked: set[int]) -> list[Element]:
        """The name parts from token i on (at most :data:`MAX_PARTS`), within one sentence."""
        elements: list[Element] = []
        while i < p.n and i not in blocked and len(elements) < MAX_PARTS:
            if elements and p.v.sent_start[i]:
                break
            el = self._element(p, i, blocked, bool(elements))
            if el is None:
                break
            if el.kind == "al" and el.key in COMPOUND_END and elements and \
                    elements[-1].kind in {"cap", "given"}:
                prev = elements.pop()
                el = Element("given", prev.start, el.end, nkey(p.span(prev.start, el.end)))
            elements.append(el)
            i = el.end
        return elements

    def _restart(self, elements: list[Element], i: int) -> int:
        """Where to look again after a rejected run: at a kunya or a given name inside it."""
        for k, el in enumerate(elements[1:], start=1):
            if el.kind == "kunya" or (self.lexical(el) == "given" and k + 1 < len(elements)):
                return el.start
        return max(elements[-1].end, i + 1)

    def _element(self, p: Page, i: int, blocked: set[int], inside: bool) -> Element | None:
        low, text = p.v.lower[i], p.v.text[i]
        if not text[:1].isupper() and low not in LOWER_PARTS and text not in QUOTES_OPEN:
            return None  # every name part but these particles is capitalised
        if low in KUNYA or low in NASAB or low in ABD:
            el = self._particle(p, i, blocked, inside, low)
            if el is not None:
                return el
        al_end = al_form(p, i, blocked)
        if al_end:
            return Element("al", i, al_end, nkey(p.v.text[al_end - 1]))
        if text in QUOTES_OPEN:
            return nick(p, i, blocked)
        if inside and low in WESTERN_PARTICLE and i + 1 < p.n and is_cap(p, i + 1):
            return Element("cap", i, i + 2, nkey(p.v.text[i + 1]))
        if not is_cap(p, i) or low in MONTHS_DAYS or nkey(text) in self.names.nationalities:
            return None
        if inside and self.is_title_word(p, i):
            return None
        end = self._hyphenated_end(p, i)
        return Element("cap", i, end, nkey(p.span(i, end)))

    def _particle(self, p: Page, i: int, blocked: set[int], inside: bool,
                  low: str) -> Element | None:
        """A kunya ("Abu X"), nasab ("bin X") or "Abd al-X" compound at i."""
        nxt = name_part(p, i + 1, blocked)
        if low in KUNYA and is_cap(p, i) and nxt:
            return Element("kunya", i, nxt, alias_key(p.span(i, nxt)))
        if low in NASAB and nxt and (inside or is_cap(p, i)):
            return Element("nasab", i, nxt, nkey(p.v.text[nxt - 1]))
        if low in ABD and is_cap(p, i):
            j = i + 2 if i + 1 < p.n and p.v.text[i + 1] == "-" else i + 1
            end = name_part(p, j, blocked)
            if end:
                return Element("given", i, end, nkey(p.span(i, end)))
        return None

    def _hyphenated_end(self, p: Page, i: int) -> int:
        """End of a capitalised word with its hyphenated parts ("Abdel-Karim")."""
        v, end = p.v, i + 1
        while end + 1 < p.n and v.text[end] == "-" and not v.space[end - 1] \
                and not v.space[end] and v.text[end + 1].isalpha() \
                and v.lower[end + 1] not in HYPHEN_SUFFIX:
            end += 2
        return end
