"""Places the text plainly calls places, whether or not the gazetteer has them.

- "the village of X", "the towns of A, B and C" (a place noun, "of", a list of names);
- "X, a village in ...", "X, a small town near ..." (an apposition that says what X is);
- "in X village", "near X town" (a locative, the name, a place noun);
- "X's bakeries", "X's hospital" (a possessive with a noun only places have).

:func:`typed_ranges` returns ``(start, end, kind word)`` for each; the finder keeps those the
gazetteer does not match whole (a typed name overrides gazetteer matches of its parts: "the
village of Umm Zaytuna Fictiva" is one place, not "Zaytuna").
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from rasd.gazetteer.keys import ARTICLES


def words(text: str) -> frozenset[str]:
    """The space-separated words of ``text``."""
    return frozenset(text.split())


TYPED_NOUNS = words(
    "village villages town towns city cities neighbourhood neighbourhoods neighborhood "
    "neighborhoods district districts camp camps hamlet suburb suburbs area areas street road "
    "roundabout square farms farm"
)
CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december"
)
_SINGULAR = (r"village|town|hamlet|neighbourhood|neighborhood|district|suburb|camp|street|road|"
             r"roundabout|square")
POSSESSED = words(
    "bakeries bakery hospital hospitals market markets streets residents neighbourhoods "
    "schools mosques centre center outskirts countryside suburbs old"
)
_ART = "(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + ")"
_CAP = r"[A-Z\u00C0-\u00DE][\w'’‘`]*(?:-[\w'’‘`]+)*"
_NAME_WORD = rf"(?:{_ART}[-‐])?{_CAP}"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_ART}[ \t]+)?{_NAME_WORD})*"
_POSSESSIVE = re.compile(r"['’]s\s+(" + "|".join(POSSESSED) + r")\b")
#: the tail of an apposition: ", a village in", ", a small town near"
_APPOSITION_TAIL = re.compile(
    rf",\s+(?:an?|the)\s+(?:small\s+|large\s+|nearby\s+|border\s+)?({_SINGULAR})\s+"
    r"(?:in|of|near|on|outside|north|south|east|west)\b"
)
#: a place noun (after a capitalised word: "Kafr Fictiva village", "al-Wahda street"); found
#: first, then the spaces and the word before it checked (faster than a look-behind per space)
_NOUN = re.compile(rf"(?:{_SINGULAR})\b")
_SINGULARS = tuple(_SINGULAR.split("|"))
LOCATIVES = words("in at near into from on outside")
STREETS = words("street road roundabout square")
_GLUED = re.compile(rf"{_ART}-", re.IGNORECASE)
_LIST_NAME = re.compile(_NAME)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
_CUT = re.compile(r"\s+(?:of|camp|in)\b.*$")
_ADJECTIVE = re.compile(r"(?:ian|ese|ish|ic|an|i)$")
_RUN_END = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*$")
_WORD = re.compile(r"\S+")
_CAPITAL = re.compile(r"[A-Z\u00C0-\u00DE]")


def typed_ranges(text: str) -> list[tuple[int, int, str | None]]:
    """Ranges of names the text calls places, with the place noun it used (see module doc)."""
    out: list[tuple[int, int, str | None]] = []
    pos = text.find(" of ")
    while pos >= 0:
        kind = text[max(0, pos - 16):pos].rsplit(None, 1)[-1:]
        if kind and kind[0].lower() in TYPED_NOUNS:
            out += [(s, e, kind[0].lower()) for s, e in _name_list(text, pos + 4)]
        pos = text.find(" of ", pos + 4)
    for m in _APPOSITION_TAIL.finditer(text):
        run = _run_ending(text, m.start())
        if run is not None:
            out.append((run[0], run[1], m.group(1).lower()))
    for pos, noun in _nouns_after_words(text):
        typed = _before_noun(text, pos, noun)
        if typed is not None:
            out.append(typed)
    for m in _POSSESSIVE.finditer(text):
        run = _run_ending(text, m.start())
        if run is not None:
            out.append((run[0], run[1], None))
    return out


def _nouns_after_words(text: str) -> list[tuple[int, str]]:
    """(start of the spaces before it, noun) for each place noun that follows a word and
    spaces or tabs ("Fictiva village")."""
    out = []
    for start, noun in _noun_positions(text):
        pos = start
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        if 0 < pos < start and (text[pos - 1].isalnum() or text[pos - 1] in "_'’"):
            out.append((pos, noun))
    return out


def _noun_positions(text: str) -> list[tuple[int, str]]:
    """Where :data:`_NOUN` matches, in order, found with ``str.find`` (the pattern is tried at
    every character; no noun holds another, so the matches are the same)."""
    out = []
    size = len(text)
    for noun in _SINGULARS:
        pos = text.find(noun)
        while pos >= 0:
            end = pos + len(noun)
            if end == size or not (text[end].isalnum() or text[end] == "_"):
                out.append((pos, noun))
            pos = text.find(noun, end)
    out.sort()
    return out


def _before_noun(text: str, pos: int, noun: str) -> tuple[int, int, str] | None:
    """The name before a place noun, where a locative precedes it ("in Kafr Fictiva village")
    or, for streets, where it has an article glued on ("al-Wahda street")."""
    run = _run_ending(text, pos)
    if run is None:
        return None
    start, end = run
    name = text[start:end]
    if noun in STREETS:
        return (start, end, noun) if _GLUED.match(name) else None
    before = text[max(0, start - 20):start].split()
    if before and before[-1].lower() == "the":
        before = before[:-1]
    if not before or before[-1].lower() not in LOCATIVES:
        return None
    if _ADJECTIVE.search(name) and " " not in name:
        return None  # "in the Syrian village": an adjective, not a name
    return start, end, noun


def _name_list(text: str, pos: int) -> list[tuple[int, int]]:
    """Ranges of the names in "A, B and C" starting at ``pos``."""
    out: list[tuple[int, int]] = []
    while len(out) < 12:
        m = _LIST_NAME.match(text, pos)
        if m is None:
            break
        name = m.group()
        cut = _CUT.search(name)
        end = m.start() + (cut.start() if cut else len(name))
        if text[end - 2:end] in ("'s", "’s"):
            end -= 2
        out.append((m.start(), end))
        sep = _LIST_SEP.match(text, m.end())
        if sep is None:
            break
        pos = sep.end()
    return out


def _run_ending(text: str, pos: int) -> tuple[int, int] | None:
    """The run of capitalised words that ends at ``pos`` ("Qusayr" before "'s bakeries")."""
    base = max(0, pos - 60)
    window = text[base:pos]
    last = window.rsplit(None, 1)[-1:]  # holds the run's last word, if there is a run
    if not last or _CAPITAL.search(last[0]) is None:
        return None  # no capital there: the pattern, tried at every position, cannot match
    m = _RUN_END.search(window)
    if m is None:
        return None
    return base + m.start(), base + m.end()


def trim_start(text: str, start: int, end: int) -> int:
    """``start`` moved past leading words that cannot begin a place name ("On Monday ...")."""
    for m in _WORD.finditer(text[start:end]):
        word = m.group().lower()
        if (word not in STOP_WORDS and word not in CALENDAR) or m.end() == end - start:
            return start + m.start()
    return end
