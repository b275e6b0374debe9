"""Where date expressions can be, found cheaply, so that :mod:`rasd.extract.dates` runs its
rules only in small windows of the text around them (no rule scans a whole report).

An anchor is a capitalised month or weekday name (one case-sensitive pattern pass over the
text), a relative word ("yesterday", "week", "ago", "since", a season; ``str.find`` on the
lower-cased text), a four-digit year or the first number of a numeric date (``str.find`` of
"19", "20", "-", "." and "/": a regex scan for digits reads every character). Each rule of
:mod:`rasd.extract.dates` names the anchor kind it needs and how far before and after the
anchor its longest match can reach (:data:`WINDOWS`). A month rule runs only in the windows
holding a month it can stand at (:data:`MONTH_GATES`: "day-month" needs a day or "of" right
before the month, "month-day" a day right after it, ...); most months in a report follow "in"
or open "Month Day, Year", never a day-first date.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable

#: the anchor kinds each rule needs (a rule runs only in windows around its anchors)
RULE_ANCHORS = {
    "day-month-year": "month", "month-day-year": "month", "month-day-year-glued": "month",
    "day-month": "month", "month-day": "month", "part-of-month": "month",
    "month-year": "month", "month": "month", "numeric": "numeric", "year": "year",
    "weekday": "weekday", "relative-day": "relative", "relative-period": "unit",
    "the-current-period": "unit", "since-start": "since", "ago": "ago", "season": "season",
    "war-start": "war",
}
#: characters before and after an anchor that a rule's match may reach
WINDOWS = {"month": (55, 40), "numeric": (4, 14), "year": (12, 8), "weekday": (25, 40),
           "relative": (30, 30), "unit": (45, 12), "since": (2, 50), "ago": (50, 6),
           "season": (15, 18), "war": (25, 50)}
_MONTH_NAMES = [m for m in calendar.month_name if m]
_MONTH_ANCHORS = tuple(m[:3] for m in _MONTH_NAMES) + tuple(m[:3].upper() for m in _MONTH_NAMES)
_DAY_ANCHORS = tuple(calendar.day_name) + tuple(d.upper() for d in calendar.day_name)
#: the month and weekday anchors in one case-sensitive alternation: each opens with a capital
#: letter, so the engine skips from capital to capital (one pass instead of 38 ``str.find``)
_CAPITAL_ANCHORS = re.compile("|".join(_MONTH_ANCHORS + _DAY_ANCHORS))
_MONTH_SET = frozenset(_MONTH_ANCHORS)
_LOWER_ANCHORS = {
    "relative": ("today", "tonight", "yesterday", "night", "overnight", "morning",
                 "afternoon", "evening"),
    "unit": ("week", "month", "year", "days"), "since": ("since",), "ago": ("ago",),
    "season": ("spring", "summer", "autumn", "fall", "winter"), "war": ("year of the",),
}


def _finds(text: str, words: tuple[str, ...]) -> list[int]:
    """Where one of ``words`` starts a word of ``text`` (``str.find``: no regex scan)."""
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            if i == 0 or not text[i - 1].isalpha():
                out.append(i)
            i = text.find(word, i + len(word))
    return out


def _capital_finds(text: str) -> tuple[list[int], list[int]]:
    """:func:`_finds` of the month and of the weekday anchors, in one regex pass. The same
    offsets: every anchor is all letters, so one that starts inside another's match (the
    only kind the pass cannot report) follows a letter and is no anchor anyway; no two
    anchors can match at one offset."""
    months: list[int] = []
    days: list[int] = []
    for m in _CAPITAL_ANCHORS.finditer(text):
        i = m.start()
        if i == 0 or not text[i - 1].isalpha():
            (months if m.group() in _MONTH_SET else days).append(i)
    return months, days


def _years(text: str) -> list[int]:
    """Starts of the digit runs (``\\d+``: Unicode decimals, ``str.isdecimal``) of exactly
    four digits opening with "19" or "20", found from each "19" and "20" (``str.find``)."""
    out = []
    for lead in ("19", "20"):
        i = text.find(lead)
        while i >= 0:
            rest = text[i + 2:i + 4]
            if (len(rest) == 2 and rest.isdecimal() and not text[i + 4:i + 5].isdecimal()
                    and (i == 0 or not text[i - 1].isdecimal())):
                out.append(i)
            i = text.find(lead, i + 1)
    return out


def _numerics(text: str) -> list[int]:
    """Starts of the digit runs followed by "-", "." or "/" and a digit (``str.isdigit``),
    found from each of those marks (``str.find``) and walked back to the run's start."""
    out = []
    for mark in ("-", ".", "/"):
        i = text.find(mark, 1)
        while i >= 0:
            if text[i - 1].isdecimal() and text[i + 1:i + 2].isdigit():
                j = i - 1
                while j > 0 and text[j - 1].isdecimal():
                    j -= 1
                out.append(j)
            i = text.find(mark, i + 1)
    return out


def find_anchors(text: str, lower: str) -> dict[str, list[int]]:
    """Positions, by kind, where a date expression can be: a month or weekday name, a
    relative word, a year or a numeric date."""
    months, days = _capital_finds(text)
    found = {"month": months, "weekday": days}
    for kind, words in _LOWER_ANCHORS.items():
        found[kind] = _finds(lower, words)
    found["year"], found["numeric"] = _years(text), _numerics(text)
    return found


def windows(positions: list[int], before: int, after: int, size: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        lo, hi = max(0, p - before), min(size, p + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


#: last letters of a day before its month ("5th", "second", "21st", "third") and of "of";
#: ``str.isdecimal`` covers the digits (the rules' ``\d``); upper case: the rules' ``re.I``
_DAY_ENDS = frozenset("tdhfTDHF")
#: first letters of a day after its month (the ordinal words; "ſ" is "s" under ``re.I``)
_DAY_OPENS = frozenset("fstenFSTENſ")
#: last letters of the words "part-of-month" reads before a month ("end", "beginning",
#: "start", "middle", "mid", "early", "late", "of") and the "-" of "mid-"
_PART_ENDS = frozenset("dgteyfDGTEYF-")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _next_word(text: str, i: int) -> str:
    """The first character after the whitespace run at ``i`` ("" when ``text[i]`` is none)."""
    if not text[i:i + 1].isspace():
        return ""
    i += 1
    while text[i:i + 1].isspace():
        i += 1
    return text[i:i + 1]


def month_context(text: str, p: int) -> tuple[str, str, str]:
    """What stands around the month anchor at ``p`` (whitespace is ``\\s``, ``str.isspace``):
    the character before the whitespace right before it ("" without whitespace), and after
    the month word (its letters, then an optional "."), the first character after whitespace
    and the first after an optional "," and whitespace ("" where no whitespace comes)."""
    k = p
    while k > 0 and text[k - 1].isspace():
        k -= 1
    before = text[k - 1] if 0 < k < p else ""
    end = p + 3
    while end < len(text) and text[end] in _ASCII_LETTERS:
        end += 1
    if text[end:end + 1] == ".":
        end += 1
    after = _next_word(text, end)
    after_comma = _next_word(text, end + 1) if text[end:end + 1] == "," else after
    return before, after, after_comma


def _day_opens(c: str) -> bool:
    return c.isdecimal() or c in _DAY_OPENS


#: what a month rule needs around its month (:func:`month_context`): a rule whose test fails
#: for every month in a window cannot match there. Each test reads the rule's pattern in
#: :mod:`rasd.extract.dates`: "day-month" ends ``{DAY}(?:\s+of)?\s+{MONTH}``, "month-day"
#: goes on ``{MONTH}\s+{DAY}``, "month-year" ``{MONTH},?\s+(?:of\s+)?{YEAR}``, and so on.
MONTH_GATES: dict[str, Callable[[tuple[str, str, str]], bool]] = {
    "day-month": lambda c: c[0].isdecimal() or c[0] in _DAY_ENDS,
    "day-month-year": lambda c: (c[0].isdecimal() or c[0] in _DAY_ENDS) and c[2] in ("1", "2"),
    "month-day": lambda c: _day_opens(c[1]),
    "month-day-year": lambda c: _day_opens(c[1]),
    "month-day-year-glued": lambda c: c[1] in ("0", "1", "2", "3"),
    "part-of-month": lambda c: c[0] in _PART_ENDS,
    "month-year": lambda c: c[2] in ("1", "2", "o", "O"),
}


def gated_windows(spans: list[tuple[int, int]], passing: list[int]) -> list[tuple[int, int]]:
    """The windows of ``spans`` holding one of the sorted anchors ``passing`` (every anchor
    of a window lies inside it, and no other does: windows are merged when they touch)."""
    out = []
    for lo, hi in spans:
        i = bisect.bisect_left(passing, lo)
        if i < len(passing) and passing[i] <= hi:
            out.append((lo, hi))
    return out
