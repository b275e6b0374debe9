"""Dates, resolved against the report's date: the ``rasd_dates`` component.

Writes ``doc.spans["date"]``; each span's value is ``{start, end, precision, year_known, rule}``
with ISO dates and a precision code of :mod:`rasd.model` (1 day, 2 week, 3 month, 4 year or
vaguer). Relative expressions ("last week", "on Saturday", "about two weeks ago") need the
report's date (``doc.user_data["published"]``); without it they get no dates (``start``/``end``
None). A month and day given without a year take the year that puts them closest before the
report's date (``year_known`` True: the report's date settles it); with no report date the year
stays unknown. The rules are own regular expressions (fast, explainable); numeric dates
("05.04.2017", "2017-04-05") are resolved by ``dateparser`` (day first, as Syrian reporting
writes them). Arabic expressions ("أمس الاثنين", "الرابع عشر من آب الماضي", "قبل نحو أسبوعين")
are read by :mod:`rasd.extract.date_arabic`, only in texts holding an Arabic letter, with the
same values.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import dateparser
from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract import spans as _spans
from rasd.extract.date_anchors import (
    MONTH_GATES,
    RULE_ANCHORS,
    WINDOWS,
    find_anchors,
    gated_windows,
    month_context,
    windows,
)
from rasd.extract.date_arabic import HAS_ARABIC, find_arabic_dates
from rasd.extract.date_calendar import (
    Resolved,
    ago,
    month_part,
    month_range,
    relative_period,
    safe_date,
    weekday_back,
    year_for,
)
from rasd.extract.numbers import NUMBER_PATTERN, ascii_lower, parse_number
from rasd.model import TIME_DAY, TIME_MONTH, TIME_WEEK, TIME_YEAR

_spans.register_extensions()

_MONTH_NAMES = [m for m in calendar.month_name if m]
_MONTH_KEYS = {m.lower(): i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTH_KEYS.update({m[:3].lower(): i for i, m in enumerate(_MONTH_NAMES, 1)})
_MONTH_KEYS["sept"] = 9
_M_ALTS = sorted({*_MONTH_NAMES, *(m.upper() for m in _MONTH_NAMES),
                  *(m[:3] for m in _MONTH_NAMES if m != "May"), "Sept"}, key=len, reverse=True)
MONTH = rf"(?-i:(?P<month>{'|'.join(_M_ALTS)}))\.?"
_DAY_NAMES = list(calendar.day_name)
WEEKDAY = rf"(?-i:(?P<weekday>{'|'.join(_DAY_NAMES + [d.upper() for d in _DAY_NAMES])}))"
_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}
_ORD = "|".join(sorted(_ORD_WORDS, key=len, reverse=True))
DAY = rf"(?P<day>[0-3]?\d(?:st|nd|rd|th)?|{_ORD})"
YEAR = r"(?P<year>(?:19|20)\d\d)"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}


@dataclass
class DateHit:
    """One date expression and what it resolves to."""

    start: int
    end: int
    first: date | None
    last: date | None
    precision: int
    year_known: bool
    rule: str

    def value(self) -> dict[str, Any]:
        return {"start": self.first.isoformat() if self.first else None,
                "end": self.last.isoformat() if self.last else None,
                "precision": self.precision, "year_known": self.year_known, "rule": self.rule}


Rule = Callable[[re.Match[str], date | None], Resolved | None]
_RULES: list[tuple[str, re.Pattern[str], Rule]] = []


def rule(name: str, pattern: str) -> Callable[[Rule], Rule]:
    """Register a date rule: a pattern and a function from its match to (first, last, prec, yk)."""
    def wrap(fn: Rule) -> Rule:
        _RULES.append((name, re.compile(pattern, re.IGNORECASE), fn))
        return fn
    return wrap


def _day(raw: str) -> int | None:
    raw = raw.lower()
    value = _ORD_WORDS.get(raw) or int(re.sub(r"\D", "", raw) or 0)
    return value if 1 <= value <= 31 else None


def _month(m: re.Match[str]) -> int:
    key = m.group("month").lower().rstrip(".")
    return _MONTH_KEYS.get(key) or _MONTH_KEYS[key[:3]]


@rule("day-month-year", rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH},?\s+{YEAR}\b")
@rule("month-day-year", rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}\b")
def _full(m: re.Match[str], base: date | None) -> Resolved | None:
    day = _day(m.group("day"))
    found = safe_date(int(m.group("year")), _month(m), day) if day else None
    return (found, found, TIME_DAY, True) if found else None


@rule("month-day-year-glued", rf"\b{MONTH}\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)\b")
def _glued(m: re.Match[str], base: date | None) -> Resolved | None:
    """"Apr 232017": a dateline whose punctuation was stripped ("Apr 23, 2017")."""
    found = safe_date(int(m.group("year")), _month(m), int(m.group("day")))
    return (found, found, TIME_DAY, True) if found else None


@rule("day-month", rf"\b(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}\b(?!,?\s+\d)")
@rule("month-day", rf"\b{MONTH}\s+{DAY}\b(?!,?\s*\d)(?!\s+(?:people|civilians|killed))")
def _no_year(m: re.Match[str], base: date | None) -> Resolved:
    day, month = _day(m.group("day")) or 1, _month(m)
    year = year_for(month, day, base)
    found = safe_date(year, month, day) if year else None
    return found, found, TIME_DAY, year is not None


@rule("numeric", r"(?<!\d)(?:\d{4}-\d\d-\d\d|[0-3]?\d([./-])[01]?\d\1(?:19|20)\d\d)(?!\d)")
def _numeric(m: re.Match[str], base: date | None) -> Resolved:
    found = parse_numeric(m.group(0))
    return (found, found, TIME_DAY, True) if found else None  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def parse_numeric(text: str) -> date | None:
    """A numeric date, day first ("05.04.2017" is 5 April), by dateparser."""
    return _dateparser_numeric(text)


def _dateparser_numeric(text: str) -> date | None:
    parsed = dateparser.parse(text, languages=["en"], settings={"DATE_ORDER": "DMY",
                                                                "STRICT_PARSING": True})
    return parsed.date() if parsed else None


@rule("part-of-month", rf"\b(?:the\s+)?(?P<part>end|beginning|start|middle|mid|early|late)"
      rf"(?:\s+of|-)?\s+{MONTH}(?:,?\s+(?:of\s+)?{YEAR})?\b")
def _part_month(m: re.Match[str], base: date | None) -> Resolved:
    month, part = _month(m), m.group("part").lower()
    year = int(m.group("year")) if m.group("year") else year_for(month, 15, base)
    if year is None:
        return None, None, TIME_WEEK, False
    which = {"end": "late", "beginning": "early", "start": "early"}.get(part, part)
    return (*month_part(year, month, "mid" if which == "middle" else which), TIME_WEEK, True)


@rule("month-year", rf"\b{MONTH},?\s+(?:of\s+)?{YEAR}\b")
@rule("month", rf"\b(?:in|during|since|until|last|this|of)\s(?P<s>{MONTH})\b(?!\s+\d)")
def _month_only(m: re.Match[str], base: date | None) -> Resolved:
    month = _month(m)
    year = int(m.group("year")) if m.groupdict().get("year") else year_for(month, 1, base)
    if year is None:
        return None, None, TIME_MONTH, False
    return (*month_range(year, month), TIME_MONTH, True)


@rule("year", rf"\b(?:in|since|during|until|of|year)\s(?P<s>{YEAR})\b(?!\s*[-/.]\d)")
def _year(m: re.Match[str], base: date | None) -> Resolved:
    year = int(m.group("year"))
    return date(year, 1, 1), date(year, 12, 31), TIME_YEAR, True


@rule("weekday", rf"\b(?P<mod>last\s+|this\s+|(?:early|late)\s+(?:on\s+)?)?{WEEKDAY}\b"
      r"(?:\s+(?:morning|afternoon|evening|night))?")
def _weekday(m: re.Match[str], base: date | None) -> Resolved:
    if base is None:
        return None, None, TIME_DAY, False
    weekday = _DAY_NAMES.index(m.group("weekday").title())
    found = weekday_back(base, weekday, strict=(m.group("mod") or "").startswith("last"))
    return found, found, TIME_DAY, True


_REL_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
             "this evening": 0, "earlier today": 0, "yesterday": 1, "last night": 1,
             "the day before yesterday": 2, "overnight": 0}


@rule("relative-day", r"\b(?:" + "|".join(sorted(_REL_DAYS, key=len, reverse=True)) + r")\b")
def _rel_day(m: re.Match[str], base: date | None) -> Resolved:
    if base is None:
        return None, None, TIME_DAY, False
    found = base - timedelta(days=_REL_DAYS[" ".join(m.group(0).lower().split())])
    return found, found, TIME_DAY, True


@rule("relative-period", r"\b(?P<which>last|this|past|previous|current|coming|next)\s+"
      r"(?:few\s+)?(?P<unit>week|month|year|days)\b")
@rule("the-current-period", r"\b(?:the\s+)(?P<which>current|past|previous)\s+"
      r"(?:few\s+)?(?P<unit>week|month|year|days)\b")
def _rel_period(m: re.Match[str], base: date | None) -> Resolved:
    unit, which = m.group("unit").lower(), m.group("which").lower()
    prec = {"week": TIME_WEEK, "days": TIME_WEEK, "month": TIME_MONTH, "year": TIME_YEAR}[unit]
    if base is None:
        return None, None, prec, False
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "days":
        return base - timedelta(days=7), base, prec, True
    return (*relative_period(unit, step, base), prec, True)


@rule("since-start", r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:this|the\s+current|the)\s+"
      r"(?P<unit>year|month)\b")
def _since_start(m: re.Match[str], base: date | None) -> Resolved:
    unit = m.group("unit").lower()
    prec = TIME_YEAR if unit == "year" else TIME_MONTH
    if base is None:
        return None, None, prec, False
    first = date(base.year, 1, 1) if unit == "year" else base.replace(day=1)
    return first, base, prec, True


@rule("ago", rf"\b(?:(?:about|around|some|nearly|almost|over|more\s+than)\s+)?"
      rf"(?P<n>{NUMBER_PATTERN}|a|an|a\s+few|several)\s+(?P<unit>day|week|month|year)s?\s+ago\b")
def _ago(m: re.Match[str], base: date | None) -> Resolved | None:
    unit = m.group("unit").lower()
    raw = m.group("n").lower()
    n = {"a": 1, "an": 1}.get(raw) or parse_number(raw)
    vague = n is None or m.group(0).lower().split()[0] in {"about", "around", "some", "nearly",
                                                          "almost", "over", "more"}
    return ago(n, unit, vague, base)


@rule("season", r"\b(?:(?P<which>last|this|next|early|late)\s+)?(?-i:(?P<season>spring|summer|"
      rf"autumn|fall|winter|Spring|Summer|Autumn|Winter))\b(?:\s+(?:of\s+)?{YEAR})?")
def _season(m: re.Match[str], base: date | None) -> Resolved:
    first_month, last_month = SEASONS[m.group("season").lower()]
    which = (m.group("which") or "").lower()
    if m.group("year"):
        year = int(m.group("year"))
    elif base is None or which not in ("last", "this", "next"):
        return None, None, TIME_YEAR, False
    elif which == "this":
        year = base.year
    elif which == "next":
        year = base.year if base.month < first_month else base.year + 1
    else:
        ended = first_month <= last_month and base.month > last_month
        year = base.year if ended else base.year - 1
    end_year = year + 1 if first_month > last_month else year
    first = date(year, first_month, 1)
    last = month_range(end_year, last_month)[1]
    return first, last, TIME_YEAR, True


@rule("war-start", r"\b(?:the\s+)?(?P<which>first|second|third)\s+year\s+of\s+the\s+"
      r"(?:revolution|uprising|war|conflict|crisis)\b")
def _war_year(m: re.Match[str], base: date | None) -> Resolved:
    n = {"first": 0, "second": 1, "third": 2}[m.group("which").lower()]
    first = date(2011 + n, 3, 15)
    return first, date(2012 + n, 3, 14), TIME_YEAR, True


def _run(text: str, lower: str, base: date | None) -> Iterator[DateHit]:
    anchors = find_anchors(text, lower)
    spans = {kind: windows(found, *WINDOWS[kind], len(text)) for kind, found in anchors.items()
             if found}
    months = [(p, month_context(text, p)) for p in sorted(anchors["month"])]
    for name, pattern, fn in _RULES:
        kind = RULE_ANCHORS[name]
        if kind not in spans:
            continue
        found = spans[kind]
        gate = MONTH_GATES.get(name)
        if gate is not None:  # only the windows around a month the rule can stand at
            found = gated_windows(found, [p for p, around in months if gate(around)])
        group = "s" if "s" in pattern.groupindex else 0  # the part of the match to keep
        for lo, hi in found:
            for m in pattern.finditer(text, lo, hi):
                res = fn(m, base)
                if res is None:
                    continue
                first, last, prec, year_known = res
                start, end = m.span(group)
                yield DateHit(start, end, first, last, prec, year_known, name)


def _arabic(text: str, base: date | None) -> Iterator[DateHit]:
    """The Arabic rules, only on texts holding an Arabic letter (``isascii`` first: most
    English reports are settled without a regex scan)."""
    if text.isascii() or not HAS_ARABIC.search(text):
        return
    for start, end, (first, last, prec, year_known), name in find_arabic_dates(text, base):
        yield DateHit(start, end, first, last, prec, year_known, name)


def find_dates(text: str, base: date | None, lower: str | None = None) -> list[DateHit]:
    """Every date expression in ``text`` resolved against ``base``; overlaps removed.
    ``lower``: the text ASCII-lower-cased, where the caller has it."""
    lower = ascii_lower(text) if lower is None else lower
    found = [*_run(text, lower, base), *_arabic(text, base)]
    hits = sorted(found, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[DateHit] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out


def dateline(text: str, window: int = 300) -> date | None:
    """The report's own date when its text opens with one ("Published 23 February 2015 ...")."""
    for hit in find_dates(text[:window], None):
        if hit.precision == TIME_DAY and hit.year_known and hit.first is not None:
            return hit.first
    return None


class DateFinder:
    """The ``rasd_dates`` component."""

    def __call__(self, doc: Doc) -> Doc:
        base = doc.user_data.get("published")
        base = base if isinstance(base, date) else None
        spans: list[_spans.Bounds] = []
        view = _spans.token_view(doc)
        for hit in find_dates(_spans.doc_text(doc), base, _spans.lower_text(doc)):
            bounds = _spans.token_range(doc, view, hit.start, hit.end)
            if bounds is None:
                continue
            chars = view.idx[bounds[0]], view.end_char(bounds[1] - 1)
            _spans.set_span_extensions(  # span._.x = ... without an accessor object per value
                doc, *chars, value=hit.value(), reason=f"date rule '{hit.rule}'",
                confidence=0.9 if hit.first is not None else 0.4)
            spans.append((*bounds, *chars))
        _spans.write_spans(doc, "date", spans, "DATE")  # the bounds kept for later readers
        return doc


@Language.factory("rasd_dates", default_config={}, assigns=["doc.spans", "span._.value"],
                  requires=[])
def make_dates(nlp: Language, name: str) -> DateFinder:
    # dateparser builds its time-zone patterns on its first call (about 0.7 s): paid here, when
    # the pipeline is built, not by whichever report first holds a numeric date
    _dateparser_numeric("05.04.2017")
    return DateFinder()
