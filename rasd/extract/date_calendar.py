"""Calendar arithmetic shared by the English (:mod:`rasd.extract.dates`) and Arabic
(:mod:`rasd.extract.date_arabic`) date rules, so that both languages resolve the same
expression ("last week", "two weeks ago", "since the start of this year") to the same range.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from rasd.model import TIME_DAY, TIME_MONTH, TIME_WEEK, TIME_YEAR

#: (first day, last day, precision, year known) of a date expression
Resolved = tuple[date | None, date | None, int, bool]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_part(year: int, month: int, part: str) -> tuple[date, date]:
    """The first ten days ("early"), the last ten ("late") or days 11-20 ("mid") of a month."""
    first, last = month_range(year, month)
    if part == "late":
        return last - timedelta(days=9), last
    if part == "early":
        return first, first + timedelta(days=9)
    return first + timedelta(days=10), first + timedelta(days=19)


def year_for(month: int, day: int, base: date | None) -> int | None:
    """The year that puts month/day closest on or before ``base`` (up to 30 days after it)."""
    if base is None:
        return None
    for year in (base.year + 1, base.year, base.year - 1):
        cand = safe_date(year, month, min(day, 28))
        if cand is not None and cand <= base + timedelta(days=30):
            return year
    return base.year - 1


def weekday_back(base: date, weekday: int, strict: bool) -> date:
    """The last ``weekday`` on or before ``base`` (strictly before it when ``strict``)."""
    delta = (base.weekday() - weekday) % 7
    return base - timedelta(days=delta or (7 if strict else 0))


def relative_period(unit: str, step: int, base: date) -> tuple[date, date]:
    """The calendar week / month / year ``step`` units from the one holding ``base``."""
    if unit == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + step
        return month_range(index // 12, index % 12 + 1)
    return date(base.year + step, 1, 1), date(base.year + step, 12, 31)


def months_back(base: date, months: int) -> date:
    """``base`` moved back ``months`` calendar months (the day clipped to the month's end)."""
    index = base.year * 12 + base.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def ago(n: float | None, unit: str, vague: bool, base: date | None) -> Resolved:
    """"N days / weeks / months / years ago": a day when exact, else the week, month or year
    around the point (a week either side of a vague day count); n None reads as 3."""
    prec = {"day": TIME_WEEK if vague else TIME_DAY, "week": TIME_WEEK, "month": TIME_MONTH,
            "year": TIME_YEAR}[unit]
    if base is None:
        return None, None, prec, False
    days = int((n or 3) * {"day": 1, "week": 7, "month": 30, "year": 365}[unit])
    center = base - timedelta(days=days)
    if prec == TIME_DAY:
        return center, center, prec, True
    if prec == TIME_WEEK:
        return center - timedelta(days=3), center + timedelta(days=3), prec, True
    if prec == TIME_MONTH:
        return (*month_range(center.year, center.month), prec, True)
    return date(center.year, 1, 1), date(center.year, 12, 31), prec, True
