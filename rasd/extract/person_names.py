"""Reading name parts from tokens: shared constants and helpers of the persons component."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IS_QUOTE, IS_TITLE
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from rasd.taxonomy.registry import alias_key

KUNYA = {"abu", "abou", "abo", "umm", "um", "om", "oum"}
NASAB = {"bin", "ibn", "ben", "bint", "ebn"}
ABD = {"abd", "abdul", "abdel", "abdal", "abdil", "abdol", "abdur", "abdus"}
AL = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul", "ed", "er", "es", "et"}
COMPOUND_END = {"din", "deen", "dine", "islam", "dawla", "haq", "huda", "rahman"}
WESTERN_PARTICLE = {"de", "van", "von", "da", "di", "del", "della", "le", "la", "du", "der"}
QUOTES_OPEN = {'"', "“", "'", "‘", "«"}
QUOTES_CLOSE = {'"', "”", "'", "’", "»"}
LOCATIVE = {"in", "near", "at", "outside", "into", "towards", "toward", "around", "across",
            "inside", "via", "throughout", "to"}
PLACE_OF = {"town", "village", "city", "neighbourhood", "neighborhood", "district", "area",
            "countryside", "outskirts", "suburb", "province", "governorate", "camp", "region",
            "subdistrict", "municipality"}
INSTITUTION = frozenset(
    {
        "mosque", "hospital", "school", "street", "st", "road", "square", "roundabout",
        "neighbourhood", "neighborhood", "district", "quarter", "camp", "bridge", "airport",
        "airbase", "base", "field", "oilfield", "dam", "brigade", "brigades", "battalion",
        "battalions", "division", "regiment", "front", "army", "movement", "corps", "legion",
        "group", "foundation", "center", "centre", "university", "company", "prison",
        "stadium", "village", "town", "city", "highway", "gate", "market", "bakery",
        "mountain", "mount", "valley", "river", "lake", "hill", "hills", "island", "park",
        "palace", "hotel", "tower", "clinic", "institute", "academy", "college", "committee",
        "council", "assembly", "ministry", "office", "party", "organization", "organisation",
        "agency", "network", "observatory", "news", "tv", "channel", "force", "forces",
        "guard", "police", "directorate", "branch", "administration", "authority",
        "government", "coalition", "alliance", "operation", "shield", "spring", "bay", "port",
        "station", "plant", "factory", "crossing", "checkpoint", "cemetery", "church",
        "shrine", "tomb", "mausoleum", "prize", "award", "fund", "bank", "museum", "library",
        "hall", "building", "complex", "compound", "farm", "farms", "bureau", "court",
        "command", "staff", "secretariat", "intelligence", "security", "region", "province",
        "governorate", "countryside", "international", "airlines", "corporation", "republic",
        "kingdom", "state", "states", "union", "nations", "summit", "massacre", "attack",
        "bombing", "offensive", "battle", "campaign", "conference", "talks", "agreement",
        "accord", "plan", "commission", "committees", "councils", "organizations",
        "organisations", "relief", "revolution", "divisions", "army's",
        "armys", "party's",
    }
)
_WORD = re.compile(r"[^\W\d_]{4,}")
HYPHEN_SUFFIX = {"based", "led", "backed", "held", "controlled", "linked", "run", "affiliated",
                 "born", "style", "like", "era", "allied", "aligned", "funded", "supported"}
RUN_STOP = {"executive", "human", "rights", "deputy", "acting", "interim", "former", "late"}
MONTHS_DAYS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "ramadan", "eid",
    }
)


@dataclass
class Element:
    """One name part: its kind (kunya, nasab, given, al, cap, nick), tokens and lookup key."""

    kind: str  # kunya, nasab, given, al, cap, nick
    start: int
    end: int
    key: str = ""


def is_cap(tok: Token) -> bool:
    """A capitalised word that can be part of a name (not "The", not "al", not ALL CAPS)."""
    text = tok.text
    if not text[:1].isupper() or len(text) < 2 or tok.is_stop or tok.lower_ in AL:
        return False
    body = text.replace("'", "").replace("’", "")
    return body.isalpha() and not body.isupper()


def may_start(tok: Token) -> bool:
    """Whether a name may begin at this token."""
    if tok.i > 0 and tok.nbor(-1).text == "-" and not tok.nbor(-1).whitespace_:
        return False  # "Maaret-al-Numan": inside a hyphenated place name
    return tok.text[:1].isupper() or tok.text in QUOTES_OPEN


def words_before(doc: Doc, start: int) -> list[str]:
    """Up to four words just before a name, on its line and in its sentence."""
    if doc[start].is_sent_start:
        return []
    toks: list[Token] = []
    for tok in reversed(doc[max(0, start - 4) : start]):
        if tok.is_space or "\n" in tok.whitespace_ or tok.text in {",", ";", ":", "(", ")", '"'}:
            break
        toks.insert(0, tok)
        if tok.is_sent_start:
            break
    return "".join(t.text_with_ws for t in toks).split()


def plain(doc: Doc, el: Element) -> bool:
    return doc[el.start].lower_ not in INSTITUTION


def name_part(doc: Doc, i: int, blocked: set[int]) -> int:
    """End of an "al-X" or "X" name part at i (0 when there is none)."""
    if i >= len(doc) or i in blocked:
        return 0
    return al_form(doc, i, blocked) or (i + 1 if is_cap(doc[i]) else 0)


def al_form(doc: Doc, i: int, blocked: set[int]) -> int:
    """End of "al-Masri" / "Al Masri" / "ash-Shami" starting at i (0 when there is none)."""
    if i >= len(doc) or doc[i].lower_ not in AL:
        return 0
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "-" else i + 1
    if j == i + 1 and not doc[i].text[0].isupper() and not (i > 0 and is_cap(doc[i - 1])):
        return 0
    if j < len(doc) and j not in blocked and is_cap(doc[j]):
        return j + 1
    return 0


def nick(doc: Doc, i: int, blocked: set[int]) -> Element | None:
    for j in range(i + 1, min(i + 6, len(doc))):
        if j in blocked:
            return None
        if doc[j].text in QUOTES_CLOSE and j > i + 1:
            inner = doc[i + 1 : j]
            if is_cap(inner[0]) or inner[0].lower_ == "the":
                return Element("nick", i, j + 1, alias_key(inner.text))
            return None
        if not (is_cap(doc[j]) or doc[j].lower_ in AL | {"-", "the"}):
            return None
    return None


def cap_neighbour(doc: Doc, start: int, end: int) -> bool:
    """True where a partial name is glued to other capitalised words (a longer proper name)."""
    left = start > 0 and is_cap(doc[start - 1]) and not doc[start - 1].is_sent_start
    return bool(left or (end < len(doc) and is_cap(doc[end])))


def headline_tokens(doc: Doc) -> set[int]:
    """Indices of tokens on headline-case or ALL-CAPS lines (most long words capitalised)."""
    out: set[int] = set()
    text = doc.text
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        words = [w for w in _WORD.findall(line) if w.lower() not in STOP_WORDS]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            span = doc.char_span(start, start + len(line), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


def prefix(table: dict[tuple[str, ...], Any], words: list[str]) -> tuple[int, Any] | None:
    for n in range(len(words), 0, -1):
        hit = table.get(tuple(words[:n]))
        if hit:
            return n, hit
    return None


def blocked_tokens(doc: Doc) -> set[int]:
    groups = doc.spans.get("group", [])
    return {i for s in groups for i in range(s.start, s.end)}


def affiliation_before(doc: Doc, start: int) -> str | None:
    """A group named just before the role words that precede a name ("IS commander X")."""
    for span in doc.spans.get("group", []):
        if start - 4 <= span.end <= start:
            between = doc[span.end : start]
            if all(t.is_lower or t.text in {"'s", "’s", ","} for t in between):
                return str(span._.entity)
    return None


def affiliation_after(doc: Doc, end: int) -> str | None:
    """A group in the apposition after a name (", a commander of the Free Syrian Army,")."""
    if end >= len(doc) or doc[end].text not in {",", "of", "from", "with", "("}:
        return None
    limit = end + 12
    for tok in doc[end + 1 : limit]:
        if tok.text in {".", ";", ")"} or tok.is_sent_start:
            limit = tok.i
            break
    for span in doc.spans.get("group", []):
        if end < span.start < limit:
            return str(span._.entity)
    return None


def starts_of(doc: Doc) -> list[int]:
    """Tokens a name may start at: title-case words and quotation marks (read in one pass)."""
    arr = doc.to_array([IS_TITLE, IS_QUOTE])
    if not len(doc):
        return []
    flags = numpy.asarray(arr, dtype=bool)
    return [int(i) for i in numpy.nonzero(flags[:, 0] | flags[:, 1])[0]]
