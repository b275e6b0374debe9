"""Publication dates: from metadata values and from the dateline at the top of a report."""

from __future__ import annotations

import re
from datetime import date, datetime

from rasd.model import TIME_DAY, TIME_MONTH, TIME_YEAR

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
DATELINE_PATTERNS = [
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MON + r",?\s+" + _YEAR, re.I),
    re.compile(_WEEKDAY + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
]
DATELINE_WINDOW = 400


def _make(year: str, month: int, day: str) -> date | None:
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    month = int(groups["month"]) if groups.get("month") else MONTHS[groups["mon"][:3].lower()]
    return _make(groups["year"], month, groups["day"])


def dateline(text: str) -> date | None:
    """The date a report states near its top ("Wed 19 Apr 2017", "March 9, 2015"), if any."""
    head = text[:DATELINE_WINDOW]
    found: list[tuple[int, date]] = []
    for pattern in DATELINE_PATTERNS:
        m = pattern.search(head)
        if m:
            value = _from_match(m)
            if value:
                found.append((m.start(), value))
    return min(found)[1] if found else None


def parse_published(value: object) -> tuple[date, int] | None:
    """A metadata date (YYYY-MM-DD, YYYY-MM, YYYY, ISO date-time, or a written date)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date(), TIME_DAY
    if isinstance(value, date):
        return value, TIME_DAY
    raw = str(value).strip()
    if re.fullmatch(r"(19|20)\d\d", raw):
        return date(int(raw), 1, 1), TIME_YEAR
    m = re.fullmatch(r"((?:19|20)\d\d)-([01]\d)", raw)
    if m:
        try:
            return date(int(m[1]), int(m[2]), 1), TIME_MONTH
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date(), TIME_DAY
    except ValueError:
        pass
    found = dateline(raw)
    return (found, TIME_DAY) if found else None
