"""Where date expressions can be, found cheaply, so that :mod:`rasd.extract.dates` runs its
rules only in small windows of the text around them (no rule scans a whole report).

An anchor is a capitalised month or weekday name (``str.find`` on the text), a relative word
("yesterday", "week", "ago", "since", a season; ``str.find`` on the lower-cased text), a
four-digit year or the first number of a numeric date (one ``\\d+`` scan). Each rule of
:mod:`rasd.extract.dates` names the anchor kind it needs and how far before and after the
anchor its longest match can reach (:data:`WINDOWS`).
"""

from __future__ import annotations

import calendar
import re

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
_LOWER_ANCHORS = {
    "relative": ("today", "tonight", "yesterday", "night", "overnight", "morning",
                 "afternoon", "evening"),
    "unit": ("week", "month", "year", "days"), "since": ("since",), "ago": ("ago",),
    "season": ("spring", "summer", "autumn", "fall", "winter"), "war": ("year of the",),
}
_DIGIT_RUN = re.compile(r"\d+")


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


def find_anchors(text: str, lower: str) -> dict[str, list[int]]:
    """Positions, by kind, where a date expression can be: a month or weekday name, a
    relative word, a year or a numeric date."""
    found = {"month": _finds(text, _MONTH_ANCHORS), "weekday": _finds(text, _DAY_ANCHORS)}
    for kind, words in _LOWER_ANCHORS.items():
        found[kind] = _finds(lower, words)
    found["year"], found["numeric"] = [], []
    for m in _DIGIT_RUN.finditer(text):
        run, end = m.group(), m.end()
        if len(run) == 4 and run[:2] in ("19", "20"):
            found["year"].append(m.start())
        if text[end:end + 1] in ("-", ".", "/") and text[end + 1:end + 2].isdigit():
            found["numeric"].append(m.start())
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
