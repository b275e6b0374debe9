"""Reading name parts from tokens: the word lists and token helpers of the persons component.

The word lists are data (``rasd/taxonomy/names/person_words.yaml``). The helpers read a
:class:`Page`, one doc's tokens as plain lists (:func:`rasd.extract.spans.token_view`), never
spaCy ``Token`` objects: the component looks at every capitalised word of a report.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Any

import yaml
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import is_punct
from spacy.tokens import Doc

from rasd.extract.spans import TokenView, doc_text, span_bounds, token_view
from rasd.taxonomy.registry import alias_key

NAMES_DIR = Path(__file__).resolve().parents[1] / "taxonomy" / "names"
WORDS_FILE = NAMES_DIR / "person_words.yaml"


def _load() -> dict[str, frozenset[str]]:
    with open(WORDS_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


_W = _load()


def words(key: str) -> frozenset[str]:
    """One word list of person_words.yaml, lower-cased."""
    return _W[key]


KUNYA, NASAB, ABD, AL = _W["kunya"], _W["nasab"], _W["abd"], _W["al"]
COMPOUND_END, WESTERN_PARTICLE = _W["compound_end"], _W["western_particle"]
QUOTES_OPEN, QUOTES_CLOSE = _W["quotes_open"], _W["quotes_close"]
LOCATIVE, PLACE_OF, INSTITUTION = _W["locative"], _W["place_of"], _W["institution"]
HYPHEN_SUFFIX, RUN_STOP, MONTHS_DAYS = _W["hyphen_suffix"], _W["run_stop"], _W["months_days"]
NICK_CUES = frozenset(tuple(c.split()) for c in _W["nickname_cues"])
PERSON_NOUNS = _W["person_nouns"]
HEADLINE_CHARS = 400
_WORD = re.compile(r"[^\W\d_]{4,}")
_NONE = object()
_BEFORE_STOP = frozenset({",", ";", ":", "(", ")", '"'})


@dataclass
class Element:
    """One name part: its kind (kunya, nasab, given, al, cap, nick), tokens and lookup key."""

    kind: str  # kunya, nasab, given, al, cap, nick
    start: int
    end: int
    key: str = ""


@dataclass
class Page:
    """One doc as the persons component reads it: token lists, text, group spans."""

    doc: Doc
    v: TokenView
    text: str
    n: int
    groups: list[tuple[int, int, Any]]  # (start token, end token, entity) of group spans
    blocked: set[int] = field(default_factory=set)
    group_starts: list[int] = field(default_factory=list)
    group_ends: dict[int, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.groups.sort(key=lambda g: g[0])
        self.group_starts = [g[0] for g in self.groups]
        for _, end, entity in reversed(self.groups):  # the first group ending there wins
            self.group_ends[end] = entity

    @classmethod
    def of(cls, doc: Doc) -> Page:
        data: dict[Any, Any] = doc.user_data  # span._.entity, read as spans.span_extensions does
        groups = [(s, e, data.get(("._.", "entity", a, b)))
                  for s, e, a, b in span_bounds(doc, "group")]
        blocked = {i for s, e, _ in groups for i in range(s, e)}
        view = token_view(doc)
        return cls(doc, view, doc_text(doc), len(view), groups, blocked)

    def span(self, start: int, end: int) -> str:
        """The text of tokens start..end (exclusive), as ``doc[start:end].text``."""
        if end - start == 1:
            return self.v.text[start]
        if end <= start:
            return ""
        return self.text[self.v.idx[start] : self.v.end_char(end - 1)]


def is_cap(p: Page, i: int) -> bool:
    """A capitalised word that can be part of a name (not "The", not "al", not ALL CAPS)."""
    return _is_cap(p.v.text[i])


@lru_cache(maxsize=65_536)  # asked of the same token many times per report
def _is_cap(text: str) -> bool:
    if not text[:1].isupper() or len(text) < 2:
        return False
    low = text.lower()
    if low in STOP_WORDS or low in AL:
        return False
    body = text.replace("'", "").replace("’", "")
    return body.isalpha() and not body.isupper()


def may_start(p: Page, i: int) -> bool:
    """Whether a name may begin at this token."""
    if i > 0 and p.v.text[i - 1] == "-" and not p.v.space[i - 1]:
        return False  # "Maaret-al-Numan": inside a hyphenated place name
    text = p.v.text[i]
    return text[:1].isupper() or text in QUOTES_OPEN


def words_before(p: Page, start: int) -> list[str]:
    """Up to four words just before a name, on its line and in its sentence."""
    v = p.v
    if v.sent_start[start]:
        return []
    first = start
    for j in range(start - 1, max(0, start - 4) - 1, -1):
        text = v.text[j]
        if text.isspace() or text in _BEFORE_STOP:
            break
        first = j
        if v.sent_start[j]:
            break
    return p.span(first, start).split() if first < start else []


def plain(p: Page, el: Element) -> bool:
    return p.v.lower[el.start] not in INSTITUTION


def name_part(p: Page, i: int, blocked: set[int]) -> int:
    """End of an "al-X" or "X" name part at i (0 when there is none)."""
    if i >= p.n or i in blocked:
        return 0
    return al_form(p, i, blocked) or (i + 1 if is_cap(p, i) else 0)


def al_form(p: Page, i: int, blocked: set[int]) -> int:
    """End of "al-Masri" / "Al Masri" / "ash-Shami" starting at i (0 when there is none)."""
    if i >= p.n or p.v.lower[i] not in AL:
        return 0
    j = i + 2 if i + 1 < p.n and p.v.text[i + 1] == "-" else i + 1
    if j == i + 1 and not p.v.text[i][0].isupper() and not (i > 0 and is_cap(p, i - 1)):
        return 0
    if j < p.n and j not in blocked and is_cap(p, j):
        return j + 1
    return 0


def nick(p: Page, i: int, blocked: set[int]) -> Element | None:
    """A quoted nickname starting at the opening quote i ('"Abu Jandal"')."""
    for j in range(i + 1, min(i + 9, p.n)):
        if j in blocked:
            return None
        if p.v.text[j] in QUOTES_CLOSE and j > i + 1:
            if is_cap(p, i + 1) or p.v.lower[i + 1] == "the":
                return Element("nick", i, j + 1, alias_key(p.span(i + 1, j)))
            return None
        if not (is_cap(p, j) or p.v.lower[j] in AL or p.v.lower[j] in {"-", "the"}):
            return None
    return None


def cap_neighbour(p: Page, start: int, end: int) -> bool:
    """True where a partial name is glued to other capitalised words (a longer proper name)."""
    left = start > 0 and is_cap(p, start - 1) and not p.v.sent_start[start - 1]
    return bool(left or (end < p.n and is_cap(p, end)))


def alone_ok(p: Page, end: int) -> bool:
    """A single given name counts where a punctuation mark or a lower-case word follows it."""
    if end >= p.n:
        return False
    text = p.v.text[end]
    return (is_punct(text) or text.islower()) and text not in {"-", "'s"}


class Headlines:
    """Whether a token is on a headline-case or ALL-CAPS line (most long words capitalised).

    Read line by line on demand: only the lines holding a name candidate are looked at.
    """

    def __init__(self, p: Page) -> None:
        self.p = p
        self.lines: dict[int, bool] = {}

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int) or not 0 <= i < self.p.n:
            return False
        text, at = self.p.text, self.p.v.idx[i]
        start = text.rfind("\n", 0, at) + 1
        if start not in self.lines:
            end = text.find("\n", at)
            self.lines[start] = headline(text[start : end if end >= 0 else len(text)])
        return self.lines[start]


def headline(line: str) -> bool:
    """A line in headline case or ALL CAPS: 3+ long words, 80 % of them capitalised.

    A line longer than :data:`HEADLINE_CHARS` is a paragraph, never a headline.
    """
    if len(line) > HEADLINE_CHARS:
        return False
    words = [w for w in _WORD.findall(line) if w.lower() not in STOP_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def prefix(table: dict[tuple[str, ...], Any], words: list[str]) -> tuple[int, Any] | None:
    for n in range(len(words), 0, -1):
        hit = table.get(tuple(words[:n]))
        if hit:
            return n, hit
    return None


def affiliation_before(p: Page, start: int) -> str | None:
    """A group named just before the role words that precede a name ("IS commander X")."""
    for e in range(max(0, start - 4), start + 1):
        entity = p.group_ends.get(e, _NONE)
        if entity is not _NONE and all(
            p.v.text[k].islower() or p.v.text[k] in {"'s", "’s", ","} for k in range(e, start)
        ):
            return str(entity)
    return None


def affiliation_after(p: Page, end: int) -> str | None:
    """A group in the apposition after a name (", a commander of the Free Syrian Army,")."""
    if end >= p.n or p.v.text[end] not in {",", "of", "from", "with", "("}:
        return None
    limit = end + 12
    for k in range(end + 1, min(limit, p.n)):
        if p.v.text[k] in {".", ";", ")"} or p.v.sent_start[k]:
            limit = k
            break
    k = bisect.bisect_right(p.group_starts, end)
    if k < len(p.group_starts) and p.group_starts[k] < limit:
        return str(p.groups[k][2])
    return None


#: the texts spaCy's ``is_quote`` takes for quotation marks (``spacy.lang.lex_attrs``)
QUOTE_MARKS = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹",
                         "›", "❮", "❯", "''", "``"))


def starts_of(doc: Doc) -> list[int]:
    """Tokens a name may start at: title-case words and quotation marks, as spaCy's
    ``IS_TITLE`` (``str.istitle``) and ``IS_QUOTE`` flags give them; read from the token
    texts with ``map``, which runs in C (``Doc.to_array`` of the two flags was slower)."""
    texts = token_view(doc).text
    tokens = range(len(texts))
    found = list(compress(tokens, map(str.istitle, texts)))
    quotes = list(compress(tokens, map(QUOTE_MARKS.__contains__, texts)))
    return sorted(found + quotes) if quotes else found
