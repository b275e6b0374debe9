"""Deciding whether a run of name parts is a person, and reading its parts, title and role.

Used by :class:`rasd.extract.persons.PersonFinder`; see that module's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasd.extract.person_names import (
    INSTITUTION,
    LOCATIVE,
    NICK_CUES,
    PERSON_NOUNS,
    PLACE_OF,
    RUN_STOP,
    Element,
    Headlines,
    Page,
    affiliation_after,
    affiliation_before,
    alone_ok,
    plain,
    prefix,
    words_before,
)
from rasd.taxonomy.registry import NameLexicon, Roles, alias_key, fold
from rasd.taxonomy.registry import name_key as nkey

PART_NAMES = ("kunya", "given", "nasab", "nisba", "laqab", "nickname", "family")


@dataclass
class Person:
    start: int
    end: int
    value: dict[str, Any]
    keys: set[str] = field(default_factory=set)
    confidence: float = 0.8
    reason: str = ""


class PersonRules:
    """The evidence rules; :meth:`read_run` is the reader's (the subclass)."""

    def __init__(self, names: NameLexicon, roles: Roles) -> None:
        self.names = names
        self.roles = roles
        self.title_starts = {k[0] for k in (*roles.titles, *roles.roles)}
        self.title_ends = {k[-1] for k in (*roles.titles, *roles.roles)}
        self.not_person_words = {w for k in names.not_persons for w in k.split()} | {"the"}

    def read_run(self, p: Page, i: int, blocked: set[int]) -> list[Element]:
        raise NotImplementedError

    def is_title_word(self, p: Page, i: int) -> bool:
        """A capitalised title or role word ("Director", "Lt.") ends the name before it."""
        word = fold(p.v.text[i])
        dotted = i + 1 < p.n and p.v.text[i + 1] == "."
        return (word,) in self.roles.titles or (word,) in self.roles.roles or (
            dotted and (word + ".",) in self.roles.titles
        ) or word in INSTITUTION or word in RUN_STOP

    def worth(self, p: Page, elements: list[Element]) -> bool:
        """Cheap test before :meth:`decide`: False only where decide would find nothing.

        A run opening with a capitalised word that no lexicon knows, that opens no title or
        role and is no nationality ("Warplanes struck", "Residents of Aleppo") is a person only
        with a title or role written before it, so the word before must end one.
        """
        first = elements[0]
        if first.kind != "cap" or self.lexical(first) is not None:
            return True
        word = fold(p.span(first.start, first.end))
        if word in self.title_starts or word in self.names.nationalities:
            return True
        before = words_before(p, first.start)
        return bool(before) and fold(before[-1]) in self.title_ends

    # ------------------------------------------------------------------ deciding
    def decide(self, p: Page, elements: list[Element],
               headline: Headlines) -> Person | None:
        """The person a run of name parts names, or None without enough evidence."""
        title, role, category, elements = self._peel(p, elements)
        if not elements:
            return None
        start, end = elements[0].start, elements[-1].end
        raw = words_before(p, start)
        before = [fold(w) for w in raw]
        look = self._look_back(before, raw)
        quoted = elements[0].kind == "nick" and len(elements) == 1
        cue = quoted and self._nickname_cue(p, start)
        if elements[0].kind == "nick":
            if len(elements) > 1 or not (title or look[0] or look[3] or cue):
                return None
            elements = self._unquote(p, elements[0])
            start, end = elements[0].start, elements[-1].end
        if title and raw:
            title, role, category = self._longer_title(raw, title, role, category)
        parts, nationality = self._parts(p, elements)
        if quoted:  # a name in quotes standing alone is a nickname ('the Tunisian "Abu Hamza"')
            parts["nickname"] = parts["nickname"] or " ".join(p.span(start, end).split())
        title = title or look[0]
        if title and len(elements) == 1 and elements[0].kind == "cap" and parts["given"] \
                and self.lexical(elements[0]) is None:
            parts["family"], parts["given"] = parts["given"], None  # "Dr. Kassab": a surname
        titled = "title" if title and title[:1].isupper() else "role" if title else ""
        confidence = self._evidence(p, elements, titled, start in headline) or \
            (0.7 if cue and elements[0].kind == "nick" else 0.0)
        if confidence == 0.0 or self._not_a_person(p, elements, before, bool(title)):
            return None
        appos = self._apposition(p, end)
        value = {
            "name": " ".join(p.span(start, end).split()),
            "parts": parts,
            "title": title,
            "role": role or look[1] or appos[0],
            "category": category or look[2] or appos[1],
            "affiliation": affiliation_before(p, start) or affiliation_after(p, end),
            "nationality": nationality or look[3] or appos[2],
            "refers_to": None,
        }
        keys = {e.key for e in elements if e.kind in {"al", "cap", "given", "kunya"}}
        return Person(start, end, value, keys, confidence, "name structure and lexicons")

    def _peel(
        self, p: Page, elements: list[Element]
    ) -> tuple[str | None, str | None, str | None, list[Element]]:
        """Leading title/role/nationality words of a run: ("Activist", "Foreign Minister")."""
        title = role = category = None
        while elements and elements[0].kind == "cap":
            words = [fold(p.span(e.start, e.end)) for e in elements[:4]]
            hit = prefix(self.roles.titles, words) or prefix(self.roles.roles, words)
            if hit:
                n, (r, c) = hit
                title = " ".join(p.span(elements[0].start, elements[n - 1].end).split())
                role, category = r, c
                elements = elements[n:]
            elif words[0] in self.names.nationalities:
                elements = elements[1:]
            else:
                break
        return title, role, category, elements

    def _longer_title(self, raw: list[str], title: str, role: str | None,
                      category: str | None) -> tuple[str, str | None, str | None]:
        """A title read inside the run, lengthened by the words before it: "Brigadier" before
        "General X" makes "Brigadier General" (the run stopped at the title word). ``raw`` are
        the words before the name, the title's own words last."""
        hit = self.roles.title_before([fold(w) for w in raw]) or \
            self.roles.role_before([fold(w) for w in raw])
        if hit is None or hit[0] <= len(title.split()):
            return title, role, category
        return " ".join(raw[-hit[0]:]), hit[1] or role, hit[2] or category

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

    def _nickname_cue(self, p: Page, quote: int) -> bool:
        """Whether a cue ("known as", "nicknamed", "dubbed") stands right before the opening
        quote at token ``quote``, after a person noun or a role ("a man known as 'Abu Ali'",
        "the commander, nicknamed "the Butcher"") within the sentence's eight words before."""
        v = p.v
        words: list[str] = []
        for j in range(quote - 1, max(-1, quote - 12), -1):
            if v.text[j] in {".", ";", ":", "!", "?"}:
                break
            if v.text[j] not in {",", "(", ")"} and not v.text[j].isspace():
                words.insert(0, v.lower[j])
            if v.sent_start[j]:
                break
        for n in (3, 2, 1):
            if len(words) > n and tuple(words[-n:]) in NICK_CUES:
                before = words[:-n][-8:]
                return any(w in PERSON_NOUNS for w in before) or \
                    self.roles.role_in(before) is not None
        return False

    def _unquote(self, p: Page, el: Element) -> list[Element]:
        """A quoted name standing alone ("the Tunisian 'Abu Hamza'"): the name parts inside,
        or the quoted words as one nickname ("the Butcher")."""
        inner = self.read_run(p, el.start + 1, set(range(el.end - 1, el.end)))
        if inner and inner[-1].end == el.end - 1:
            return inner
        return [Element("nick", el.start + 1, el.end - 1, el.key)]

    def _parts(self, p: Page, elements: list[Element]) -> tuple[dict[str, Any], str | None]:
        parts: dict[str, Any] = dict.fromkeys(PART_NAMES)
        nationality = None
        for pos, el in enumerate(elements):
            text = " ".join(p.span(el.start, el.end).split())
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
                if elements[0].kind != "kunya":
                    self._middle(parts, elements[pos - 1])
                parts["family"] = text
        if parts["given"] and elements[0].kind == "kunya":
            parts["given"] = None
        return parts, nationality

    def _middle(self, parts: dict[str, Any], before: Element) -> None:
        """A given name between the given name and the family name ("Ali Abdullah Ayoub") is
        the father's: kept as the nasab rather than dropped."""
        if parts["family"] and not parts["nasab"] and before.kind in {"cap", "given"} \
                and self.lexical(before) == "given":
            parts["nasab"], parts["family"] = parts["family"], None

    def _evidence(self, p: Page, elements: list[Element], titled: str, head: bool) -> float:
        first = elements[0]
        n = len(elements)
        lexical = self.lexical(first)
        if head and not all(self.lexical(e) or e.kind != "cap" for e in elements):
            return 0.0
        if first.kind == "kunya":
            return 0.8
        if lexical == "given" and (n > 1 or (not head and alone_ok(p, first.end))):
            return 0.85 if n > 1 else 0.6
        if lexical == "ambiguous" and n > 1 and self.lexical(elements[1]):
            return 0.7
        if lexical == "western" and n > 1 and not head:
            return 0.75
        if titled == "title" and not head and all(e.kind != "cap" or plain(p, e)
                                                  for e in elements):
            return 0.75
        if titled == "role" and not head and any(self.lexical(e) for e in elements):
            return 0.75
        return 0.0

    def lexical(self, el: Element) -> str | None:
        """What the lexicons say of a name part: given, ambiguous, western, a particle, or None."""
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

    def _not_a_person(self, p: Page, elements: list[Element], before: list[str],
                      titled: bool) -> bool:
        start, end = elements[0].start, elements[-1].end
        name = alias_key(p.span(start, end))
        keys = [name]
        if before and not self.not_person_words.isdisjoint(alias_key(" ".join(before[-2:]))
                                                           .split()):
            keys += [alias_key(" ".join([*before[-n:], name])) for n in (1, 2)]
        if any(k in self.names.not_persons for k in keys):
            return True
        heads = [name[:j] for j, c in enumerate(name) if c == " "]  # "abu kamal" of "abu kamal x"
        if any(k in self.names.not_persons for k in heads) and not (
            titled or self._named_after(elements) or self._apposition(p, end)[0]
        ):
            return True
        if any(p.v.lower[k] in INSTITUTION for k in range(start, min(end + 1, p.n))):
            return True
        if titled:
            return False
        if before and before[-1] in LOCATIVE and before[-2:] not in (["according", "to"],):
            return True
        return len(before) > 1 and before[-1] == "of" and before[-2] in PLACE_OF

    def _named_after(self, elements: list[Element]) -> bool:
        """A nisba or a lexicon name after the first part: "Salah al-Din al-Shishani" is a man
        although "Salah al-Din" alone is a district."""
        names = self.names
        return any((el.kind == "al" and el.key in names.nisbas)
                   or (el.kind in {"cap", "given"} and self.lexical(el) is not None)
                   for el in elements[1:])

    def _apposition(self, p: Page, end: int) -> tuple[str | None, str | None, str | None]:
        """Role, category and nationality stated in ", a Tunisian commander of X," after a name."""
        if end >= p.n or p.v.text[end] != ",":
            return None, None, None
        words: list[str] = []
        for k in range(end + 1, min(end + 10, p.n)):
            if p.v.text[k] in {",", ".", ";", ":", "(", ")"} or p.v.sent_start[k]:
                break
            words.append(p.v.lower[k])
        if not words or (words[0] not in {"a", "an", "the"} and not self.roles.role_in(words[:2])):
            return None, None, None
        hit = self.roles.role_in(words)
        nat = next((self.names.nationalities[nkey(w)] for w in words[:3]
                    if nkey(w) in self.names.nationalities), None)
        return (hit[0], hit[1], nat or None) if hit else (None, None, nat or None)
