"""The patterns of casualty counts, compiled once from ``rasd/taxonomy/counts.yaml``.

Every pattern runs on ASCII-lower-cased text and is *anchored*: :mod:`rasd.extract.quantities`
calls ``pattern.match(text, pos)`` only at the few positions where a count or a casualty word
starts (no scan of the whole text). The shapes, each a common way English reporting gives a toll:

- ``PASSIVE`` — a count before its casualty word: "at least 12 civilians were killed",
  "Five civilians, including two girls, were killed", "14 people, most of them children, have
  died", "43 killed", "leaving 27 people dead";
- ``ACTIVE`` — a casualty word before its count: "the raid killed more than 30 people",
  "bomb kills 4 in ...", "claimed the lives of three more children";
- ``NOMINAL`` — an act named as a noun: "documented the death of at least 12 civilians", "the
  arrest of 112 people", "more than 300 cases of enforced disappearance";
- ``AMONG_DEAD`` / ``WERE_AMONG`` / ``OF_THEM`` / ``SUBSET`` — part of a toll ("Among the dead
  are two children", "Two medics were among at least 31 people killed", "eleven of them
  children", "including 3 children"): ``subset``, never added to the toll;
- ``TOLL`` / ``BRING_TOLL`` / ``RISE`` — "the death toll from ... rose to 112", "bringing the
  death toll to 12", "the number of dead has climbed to 53" (a rise marks the count an
  ``update``: the report's latest figure for its event);
- ``LIST_NEXT`` — a further count of the same kind: "killed 14 jihadists and 5 civilians".
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.extract.numbers import NUMBER_PATTERN, VAGUE_PATTERN, parse_number, vague_amount


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The count vocabulary (``rasd/taxonomy/counts.yaml``)."""
    text = resources.files("rasd.taxonomy").joinpath("counts.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))


_V = vocabulary()
KIND_WORDS: dict[str, list[str]] = _V["kinds"]
NOMINAL_WORDS: dict[str, list[str]] = _V["nominals"]
WHO_WORDS: dict[str, list[str]] = _V["who"]
QUALIFIERS: dict[str, str] = _V["qualifiers"]

_Q = _alts(list(QUALIFIERS))
_NUM = rf"(?:{VAGUE_PATTERN}|{NUMBER_PATTERN})"


def _lookup(table: dict[str, list[str]]) -> dict[str, str]:
    return {w: key for key, words in table.items() for w in words}


#: phrase -> count kind / who (the patterns capture the phrase; one dict look-up names it)
VERB_KIND = _lookup(KIND_WORDS) | {"victims": "killed", "casualties": "killed",
                                   "detainees": "arrested"}
NOUN_KIND = _lookup(NOMINAL_WORDS)
WHO_KIND = _lookup(WHO_WORDS)
_VERB = rf"(?P<verb>{_alts(list(_lookup(KIND_WORDS)))})"
_PARTICIPLES = _alts([w for w in _lookup(KIND_WORDS) if not w.endswith("ing")])
_NOUN = rf"(?P<verb>{_alts(list(NOUN_KIND))})"
_WHO = rf"(?P<who>{_alts(list(WHO_KIND))})"
_WHO_PLAIN = _alts(list(WHO_KIND))
_WHO_AGAIN = rf"(?:\s+(?:and|or)\s+(?:other\s+|a\s+|an\s+)?(?:{_WHO_PLAIN})\b)?"
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                 r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?")
#: words a modifier between a count and whom it counts cannot be (a number there means the
#: first "count" was something else: "September 24 2016 Ninety-two civilians")
_STOP = (rf"(?:and|or|were|was|in|on|at|by|of|who|whom|them|those|had|have|has|are|is|to|from|"
         rf"the|including|"
         rf"among|as|with|for|after|before|during|when|while|since|but|not|{_NUMBER_WORDS})")
#: up to three modifiers between a count and whom it counts ("13 pro-government militia fighters")
_MODS = rf"(?:(?!{_STOP}\b|\d)[a-z'’-]+\s+){{0,3}}?"
COUNT = (
    rf"(?P<qual>(?:{_Q})\s+)?(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})"
    rf"|(?P<num>{_NUM})(?:\s*[-–]\s*(?P<num2>\d+)|\s+to\s+(?P<num3>{_NUM}))?)"
)
WHO_NP = (rf"[\"”]?(?:\s+of)?\s+(?:the\s+|our\s+|their\s+|its\s+)?(?:more\s+|other\s+)?"
          rf"{_MODS}{_WHO}\b{_WHO_AGAIN}")
_AUX_WORDS = (r"were|was|have|has|had|are|is|being|been|got|reportedly|allegedly|also|later|"
              r"all|now|who|people|civilians|among them|in total|so far|subsequently|remain|"
              r"remained|remains|still|of whom|of them")
_AUX = rf"(?:(?:{_AUX_WORDS})\s+){{0,4}}"
_FINITE = r"were|was|are|is|have|has|had"
#: an aside between a count and its verb: ", including two girls," / " - including two girls -"
#: / " among them 3 children"
_ASIDE = (
    rf"(?:\s*,(?:(?!\b(?:{_FINITE})\b)[^,.;:\"]){{1,80}},"
    rf"|\s+[-–—]\s+(?:(?!\b(?:{_FINITE})\b)[^-–—,.;:\"]){{1,80}}\s+[-–—]"
    rf"|\s+(?:including|among\s+them|among\s+whom|most\s+of\s+them|mostly|many\s+of\s+them)\b"
    rf"(?:(?!\b(?:{_FINITE}|killed|died|dead)\b)[^,.;:\"]){{1,60}}?)"
)
#: a short place or setting after whom a count counts: "12 civilians in Aleppo were killed"
_SETTING = r"(?:\s+(?:from|of|in|inside|at|near)\s+(?:the\s+)?[a-z'’-]+(?:\s+[a-z'’-]+)?)?"

PASSIVE = re.compile(
    rf"{COUNT}(?:{WHO_NP}(?:{_ASIDE})?{_SETTING})?\s*,?\s+{_AUX}{_VERB}\b"
)
ACTIVE = re.compile(
    rf"{_VERB}\s+(?:(?:nearly|almost|around|another|a\s+further|all)\s+)?[\"“]?{COUNT}"
    rf"(?:{WHO_NP}|(?=\s*(?:[.,;:)\"]|(?:and|in|on|at|when|after|while|as|the|said|according|"
    rf"including|among)\b|$)))"
    # not when a casualty word follows: "Child Killed 20 People Injured" (a headline)
    rf"(?!\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:{_PARTICIPLES})\b)"
)
NOMINAL = re.compile(
    rf"{_NOUN}\s+of\s+{COUNT}(?:{WHO_NP}|(?=\s+(?:in|on|at|by|and|since|during|remains?|are|is)\b"
    rf"|\s*[,.;]))"
)
CASES = re.compile(
    rf"{COUNT}\s+(?:documented\s+|recorded\s+|confirmed\s+)?cases\s+of\s+"
    rf"(?:(?:enforced|forced|arbitrary)\s+)?{_NOUN}"
)
AMONG_DEAD = re.compile(
    rf"among\s+the\s+(?P<verb>wounded|injured|dead|killed|victims|martyrs|fatalities|"
    rf"casualties|bodies)\s+(?:(?:are|were|was|is)\s+)?{COUNT}"
    rf"(?:{WHO_NP})?"
)
WERE_AMONG = re.compile(
    rf"{COUNT}{WHO_NP}(?:{_ASIDE})?\s+(?:were|was|are|is)\s+(?:also\s+)?among\s+"
    rf"(?:(?!\b(?:{_FINITE})\b)[^.;:\"]){{0,60}}?\b{_VERB}\b"
)
OF_DEAD = re.compile(
    rf"{COUNT}\s+of\s+the\s+(?P<verb>dead|killed|victims|martyrs|wounded|injured|detainees|"
    rf"detained|abducted|executed)\s+(?:were|are)\b"
)
OF_THEM = re.compile(rf"{COUNT}\s+of\s+(?:them|whom|those)\s+(?:(?:were|are)\s+)?{_MODS}"
                     rf"(?:{_WHO})\b")
SUBSET = re.compile(
    rf"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|among\s+the\s+victims"
    rf"(?:\s+were)?)\s+(?:(?!{_STOP}\b)[a-z'’-]+\s+(?:and\s+)?){{0,4}}?{COUNT}{WHO_NP}"
)
TOLL = re.compile(
    rf"toll\b[^.;\"]{{0,120}}?\b(?:to|at|of|reached|hit|is|was|stood\s+at|stands\s+at)\s+"
    rf"{COUNT}\b"
)
_BRING = r"(?:bringing|brings|brought|raising|raises|raised|taking|takes|took)\s+"
#: "bringing the death toll to 12", "bringing to 17 the number of people who have died"
BRING_TOLL = re.compile(rf"{_BRING}(?:the\s+)?(?:[a-z]+\s+)?toll\s+to\s+{COUNT}")
BRING_NUMBER = re.compile(
    rf"{_BRING}to\s+{COUNT}\s+the\s+(?:number|toll)\b[^.;\"]{{0,60}}?\b{_VERB}\b"
)
#: a toll that rose, without the word "toll": "the number of dead rose to 53", "deaths have
#: climbed to 53", "Victims rise to 53" (the noun names the kind: "the wounded rose to 40")
RISE = re.compile(
    r"(?:(?:number|tally|count)\s+(?:of\s+)?(?:the\s+|people\s+|those\s+)?)?"
    r"(?P<verb>dead|deaths|victims|martyrs|fatalities|killed|wounded|injured|injuries)\b"
    r"(?:\s+(?:(?!\b(?:rise|rose|rises|risen|climbed|climbs|jumped|jumps|reached|reaches)\b)"
    r"[^.;:\"]){0,60}?)?"
    r"\s+(?:(?:has|have|had)\s+(?:now\s+)?)?(?:rise|rose|rises|risen|rising|climbed|climbs|"
    r"climbing|jumped|jumps|reached|reaches|increased|increases|mounted)\s+(?:to\s+)?"
    rf"{COUNT}\b"
)
#: words saying a toll changed: a count read with them is the report's latest figure
UPDATE = re.compile(r"\b(?:rise|rose|rises|risen|rising|climbed|climbs|climbing|jumped|jumps|"
                    r"reached|reaches|increased|increases|mounted|bringing|brings|brought|"
                    r"raising|raises|raised|updated?|revised)\b")
#: a toll the report says was superseded: "revising an earlier toll of 9"
PREVIOUS = re.compile(r"\b(?:previous|earlier|initial|preliminary|former|first|old)\s+"
                      r"(?:death\s+)?(?:toll|tally|count|figure)s?\b[^.;:\"]{0,30}$")
#: a running total of a period, not of one event: "bringing the toll this month to 200"
PERIOD = re.compile(r"\b(?:this|last|past|the)\s+(?:month|year|week)s?\b|\bsince\b|"
                    r"\bso\s+far\b")
#: one more person after a count: "five women and a child" (a count of 1)
AND_ONE = re.compile(
    rf"\s+(?:and|as\s+well\s+as|plus)\s+(?P<num>a|an|one)\s+{_MODS}(?P<who>{_WHO_PLAIN})\b"
)
LIST_NEXT = re.compile(rf"\s*,?\s*(?:and\s+|as\s+well\s+as\s+|plus\s+)?{COUNT}{WHO_NP}")
#: a part right after a count: "killed 11 people, six of them children" (never added to it)
LIST_PART = re.compile(rf"\s*,?\s*{COUNT}\s+of\s+(?:them|whom)\s+(?:(?:were|are)\s+)?{_MODS}"
                       rf"{_WHO}\b")
#: a toll of the whole war rather than of one event ("killed since the conflict began")
CUMULATIVE = re.compile(
    r"\bsince\s+(?:the\s+|its\s+|it\s+|syria'?s\s+)?(?:[a-z-]+\s+){0,3}?(?:began|started|"
    r"erupted|broke\s+out|outbreak|start|beginning|war|conflict|uprising|revolution|crisis)\b|"
    r"\bsince\s+(?:march\s+)?2011\b|\b(?:war|conflict|crisis)\s+(?:has|had)\s+(?:since\s+)?"
    r"(?:killed|left|claimed)|\bin\s+the\s+(?:[a-z-]+\s+){0,2}?(?:war|conflict)\b|"
    r"\bthroughout\s+the\s+(?:war|conflict|country)"
)

_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|"
           "june|july|august|september|october|november|december|sept")
#: what may stand right before a year ("in 2013", "March 2011") or any number that is not a
#: count (a unit or street number, an age, a day of a month)
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:in|since|of|year|until|by|during|from|to|{_MONTHS})\.?|\b[0-3]?\d)\s*$"
)
_NOT_COUNT_BEFORE = re.compile(
    rf"(?:\b(?:(?:child|boy|girl|man|woman|baby|son|daughter)\s+of|division|brigade|regiment|battalion|corps|route|highway|road|unit|no\.?|number|"
    rf"resolution|article|flight|room|building|block|gate|page|chapter|sector|zone|camp|base|"
    rf"aged?|age\s+of|{_MONTHS})\.?|[#$€£])\s*$"
)
_NOT_COUNT_AFTER = re.compile(
    rf"(?:\s*-?\s*(?:year|month|week|day)s?[\s-]+old|-year|-month|\s*(?:%|percent|per\s+cent|"
    rf"km|kilomet|mile|metre|meter|hour|minute|second|dollar|pound|lira|euro|ton|kg|kilo|"
    rf"th\b|st\b|nd\b|rd\b|years?\b|(?:{_MONTHS})\b))"
)


def _norm(text: str) -> str:
    return " ".join(text.split())


_YEAR = re.compile(r"(?:19|20)\d\d")


def kind_of(m: re.Match[str], default: str = "killed") -> str:
    """The count kind of the casualty word or noun a pattern matched."""
    verb = m.groupdict().get("verb")
    if not verb:
        return default
    verb = _norm(verb)
    return VERB_KIND.get(verb) or NOUN_KIND.get(verb) or default


def who_of(m: re.Match[str]) -> str | None:
    who = m.groupdict().get("who")
    return WHO_KIND.get(_norm(who)) if who else None


def count_span(m: re.Match[str]) -> tuple[int, int]:
    """Start (qualifier or number) and end (last number) of the count in ``m``."""
    start = m.start("qual") if m.group("qual") else m.start("lo" if m.group("lo") else "num")
    for name in ("hi", "num3", "num2", "num"):
        if m.group(name):
            return start, m.end(name)
    return start, m.end()


def not_a_count(m: re.Match[str]) -> bool:
    """A year, an age, a unit or street number, a date, a sum: never a count of people."""
    text, name = m.string, "lo" if m.group("lo") else "num"
    start, end = m.start(name), m.end(name)
    raw = m.group(name)
    year_like = _YEAR.fullmatch(raw) is not None
    if year_like and who_of(m) is None:
        return True
    before = text[max(0, start - 14):start]
    if m.group("qual") is None and (_NOT_COUNT_BEFORE.search(before) or
                                    (year_like and _YEAR_BEFORE.search(before))):
        return True
    return bool(_NOT_COUNT_AFTER.match(text, end, min(len(text), end + 14)))


def count_range(m: re.Match[str]) -> tuple[int | None, int | None, int | None, str | None] | None:
    """(low, best, high, qualifier) of the count in ``m``; None if it is not a count."""
    qual = (m.group("qual") or "").strip() or None
    rng = _between(m)
    if rng:
        return rng[0], rng[0], rng[1], "between"
    if m.group("lo"):
        return None
    num = m.group("num")
    vague = vague_amount(num)
    if vague:
        return vague[0], None, None, " ".join(num.split())
    value = parse_number(num)
    if value is None or value != int(value) or value > 10_000_000:
        return None
    low, best, high = bounds(int(value), QUALIFIERS.get(" ".join((qual or "").split()), "exact"))
    return low, best, high, qual


def bounds(n: int, sense: str) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) of a number ``n`` given with a qualifier of ``sense`` (the senses of
    counts.yaml: low, above, high, below, approx, exact)."""
    table = {
        "low": (n, n, None), "above": (n, n, None), "high": (None, n, n),
        "below": (None, max(n - 1, 0), max(n - 1, 0)), "approx": (None, n, None),
        "exact": (n, n, n),
    }
    return table[sense]


def _between(m: re.Match[str]) -> tuple[int, int] | None:
    if m.group("lo"):
        lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
    elif m.group("num2") or m.group("num3"):
        lo, hi = parse_number(m.group("num")), parse_number(m.group("num2") or m.group("num3"))
    else:
        return None
    if lo is None or hi is None or hi <= lo:
        return None
    return int(lo), int(hi)


def stems(words: list[str]) -> tuple[str, ...]:
    """The first four letters of each phrase's first word (none that another one starts):
    where an anchored pattern can start."""
    found = sorted({w.split()[0][:4] for w in words}, key=len)
    out: list[str] = []
    for stem in found:
        if not any(stem.startswith(o) for o in out):
            out.append(stem)
    return tuple(sorted(out))


#: where a ``RISE`` can start: its counting nouns and the casualty nouns
RISE_STEMS = ("numb", "tall", "coun", "dead", "deat", "vict", "mart", "fata", "kill", "woun",
              "inju")
VERB_STEMS = stems([w for ws in KIND_WORDS.values() for w in ws])
NOUN_STEMS = stems([w for ws in NOMINAL_WORDS.values() for w in ws])


def openers(words: list[str]) -> frozenset[str]:
    """The letters each phrase opens with, up to its first other character ("re" of
    "re-arrested"): the run of letters at a place where a pattern opening with one of the
    phrases matches is one of them (the phrase's first word is followed by a space)."""
    return frozenset(re.split(r"[^a-z]", w, maxsplit=1)[0] for w in words)


#: the runs of letters ``ACTIVE`` and ``NOMINAL`` can open with (:func:`openers`)
ACTIVE_OPENERS = openers(list(_lookup(KIND_WORDS)))
NOMINAL_OPENERS = openers(list(NOUN_KIND))
#: where a pattern that opens with a word may start: casualty words and nouns, "among", "toll"
WORD_STEMS = stems([*VERB_STEMS, *NOUN_STEMS, "among", "toll", "brin", "brou", "rais", "tak",
                    *RISE_STEMS])
SUBSET_STEMS = ("includ", "among", "of whom", "of them")
#: the number words a count can start with (digits are found apart)
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "dozen", "scores", "several", "number of", "tens of",
    "few",
)
QUALIFIER_SET = frozenset(" ".join(q.split()) for q in QUALIFIERS) | {"between", "a", "an"}
