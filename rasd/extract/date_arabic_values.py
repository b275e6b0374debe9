"""What an Arabic date expression found by :mod:`rasd.extract.date_arabic` means: its first
and last day, precision and whether its year is known, against the report's date.

The readings are those of the English rules (:mod:`rasd.extract.dates`): a month with a modifier
("أيلول الماضي": last September) takes the year of its last (or this, or next) occurrence; a
month or day without one the year that puts it closest before the report's date; a weekday the
last such day on or before the report's date (strictly before with الماضي).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from rasd.extract.count_arabic import parse_arabic_number
from rasd.extract.date_calendar import (
    Resolved,
    ago,
    month_part,
    month_range,
    months_back,
    relative_period,
    safe_date,
    weekday_back,
    year_for,
)
from rasd.model import TIME_DAY, TIME_MONTH, TIME_WEEK, TIME_YEAR

_PRECISION = {"week": TIME_WEEK, "month": TIME_MONTH, "year": TIME_YEAR}


def _key(raw: str) -> str:
    return " ".join(raw.split())


class Resolver:
    """The look-up tables of the vocabulary and one method per rule."""

    def __init__(self, v: dict[str, Any]) -> None:
        self.month = {w: int(k) for k, names in v["months"].items() for w in names}
        self.madda_only = frozenset(v["madda_only"])
        self.weekday = {w: i for i, w in enumerate(v["weekdays"])}
        self.needs_cue = frozenset(v["weekday_needs_cue"])
        self.rel_days: dict[str, int] = v["relative_days"]
        self.step: dict[str, int] = v["modifiers"]
        self.unit = {w: k for k, words in v["periods"].items() for w in words}
        self.recent: dict[str, dict[str, int]] = v["recent"]["units"]
        self.ordinal: dict[str, int] = v["ordinals"]
        self.parts: dict[str, str] = v["month_parts"]
        self.conflict_start: date = v["conflict_start"]
        self.ago_unit = {w: unit for unit, forms in v["ago_units"].items()
                         for ws in forms.values() for w in ws}
        self.several = frozenset(v["ago_several"])
        self.bare_plural = frozenset(v["ago_bare_plural"])
        self.seasons: dict[str, list[int]] = v["seasons"]
        self.not_ago = re.compile(r"\s+(?:من\s+(?:ال|ذلك)|علي\s)")
        self.not_ago_one = re.compile(
            rf"\s+(?:ال|\d|(?:{'|'.join(v['ago_one_not_before'])})(?![\u0621-\u064a]))")
        self.general = re.compile(rf"(?:{'|'.join(v['general_nouns'])})\s+\Z")
        self.methods: dict[str, Callable[[re.Match[str], date | None], Resolved | None]] = {
            "ar-day-month": self._day_month, "ar-month": self._month, "ar-year": self._year,
            "ar-weekday": self._weekday, "ar-relative-day": self._relative_day,
            "ar-period": self._period, "ar-recent": self._recent,
            "ar-since-start": self._since_start, "ar-ago": self._ago,
            "ar-numeric": self._numeric, "ar-season": self._season}

    def resolve(self, rule: str, m: re.Match[str], base: date | None, text: str,
                offsets: list[int] | None) -> Resolved | None:
        """The value of match ``m`` of ``rule`` (None: not a date after all)."""
        if rule in ("ar-day-month", "ar-month") and not self._month_ok(m, text, offsets):
            return None
        return self.methods[rule](m, base)

    def _month_ok(self, m: re.Match[str], text: str, offsets: list[int] | None) -> bool:
        """آب, not أب (a father): the report writes the month with alef madda."""
        if not m.group("month") or _key(m.group("month")) not in self.madda_only:
            return True
        at = m.start("month") if offsets is None else offsets[m.start("month")]
        return text[at] == "آ"

    def _year_of(self, m: re.Match[str], month: int, day: int, base: date | None) -> int | None:
        """The year of a month named in ``m``: written, settled by a modifier, or the one
        that puts month/day closest before the report's date."""
        if m.group("year"):
            return int(m.group("year"))
        if base is None:
            return None
        if m.group("ythis"):
            return base.year
        if m.group("ymod"):
            return base.year + self.step[m.group("ymod")]
        if m.group("mmod"):
            step = self.step[m.group("mmod")]
            if step < 0:
                return base.year if month < base.month else base.year - 1
            if step > 0:
                return base.year if month > base.month else base.year + 1
            return base.year
        return year_for(month, day, base)

    def _day_month(self, m: re.Match[str], base: date | None) -> Resolved | None:
        raw = _key(m.group("day"))
        day = int(raw) if raw.isdigit() else self.ordinal[raw]
        if not 1 <= day <= 31:
            return None
        if m.group("month"):
            month = self.month[_key(m.group("month"))]
            year = self._year_of(m, month, day, base)
        elif base is not None:  # "الخامس من الشهر الجاري": a day of this (or last) month
            step = self.step[m.group("rmod")] if m.group("rmod") else 0
            first = relative_period("month", step, base)[0]
            year, month = first.year, first.month
        else:
            year = month = None
        found = safe_date(year, month, day) if year and month else None
        if year and found is None:
            return None  # no such day ("31 شباط")
        return found, found, TIME_DAY, found is not None

    def _month(self, m: re.Match[str], base: date | None) -> Resolved | None:
        tails = ("ctx", "part", "shahr", "year", "ythis", "ymod", "mmod")
        if not any(m.group(g) for g in tails) and "/" not in m.group("s") \
                and "(" not in m.group("s"):
            return None  # a bare name: نيسان, تموز are also names
        month = self.month[_key(m.group("month"))]
        part = self.parts.get(m.group("part") or "")
        prec = TIME_WEEK if part else TIME_MONTH
        year = self._year_of(m, month, 15 if part else 1, base)
        if year is None:
            return None, None, prec, False
        first, last = month_part(year, month, part) if part else month_range(year, month)
        return first, last, prec, True

    def _year(self, m: re.Match[str], base: date | None) -> Resolved:
        year = int(m.group("year"))
        return date(year, 1, 1), date(year, 12, 31), TIME_YEAR, True

    def _weekday(self, m: re.Match[str], base: date | None) -> Resolved | None:
        wd = m.group("wd")
        # a relative day, يوم, a modifier or a time of day (more than a prefix before the day)
        cue = m.group("rel") or m.group("yawm") or m.group("mod") or m.start("wd") - m.start() > 2
        if wd in self.needs_cue and not cue:
            return None  # "الأحد" alone may be "the one"
        if base is None:
            return None, None, TIME_DAY, False
        if m.group("rel"):
            found = base - timedelta(days=self.rel_days[_key(m.group("rel"))])
        elif m.group("mod") and self.step[m.group("mod")] > 0:
            found = base + timedelta(days=(self.weekday[wd] - base.weekday()) % 7 or 7)
        else:
            strict = bool(m.group("mod")) and self.step[m.group("mod")] < 0
            found = weekday_back(base, self.weekday[wd], strict)
        return found, found, TIME_DAY, True

    def _relative_day(self, m: re.Match[str], base: date | None) -> Resolved:
        if base is None:
            return None, None, TIME_DAY, False
        found = base - timedelta(days=self.rel_days[_key(m.group("rel"))])
        return found, found, TIME_DAY, True

    def _period(self, m: re.Match[str], base: date | None) -> Resolved | None:
        word = m.group("unit") or m.group("unit2")
        if word == "العام" and self.general.search(m.string, max(0, m.start() - 16), m.start()):
            return None  # "المدير العام الحالي": the current director general
        unit, part = self.unit[word], self.parts.get(m.group("part") or "")
        prec = TIME_WEEK if part else _PRECISION[unit]
        if base is None:
            return None, None, prec, False
        step = self.step[m.group("mod")] if m.group("mod") else 0
        first, last = relative_period(unit, step, base)
        if part:  # "أواخر الشهر الماضي": the last ten days of last month
            first, last = month_part(first.year, first.month, part)
        return first, last, prec, True

    def _recent(self, m: re.Match[str], base: date | None) -> Resolved:
        back = self.recent[m.group("unit")]
        if base is None:
            return None, None, back["precision"], False
        first = months_back(base, back["months"]) if "months" in back else \
            base - timedelta(days=back["days"])
        return first, base, back["precision"], True

    def _since_start(self, m: re.Match[str], base: date | None) -> Resolved:
        unit = self.unit[m.group("unit") or m.group("unit2")] if not m.group("war") else "war"
        prec = _PRECISION.get(unit, TIME_YEAR)
        if base is None:
            return None, None, prec, False
        if unit == "war":
            return self.conflict_start, base, prec, True
        step = self.step[m.group("mod")] if m.group("mod") else 0
        return relative_period(unit, step, base)[0], base, prec, True

    def _ago(self, m: re.Match[str], base: date | None) -> Resolved | None:
        rest = m.string[m.end():m.end() + 12]
        if self.not_ago.match(rest) or (m.group("one") and self.not_ago_one.match(rest)):
            return None  # "قبل يومين من الهجوم": before the attack, not before the report
        word = m.group("many") or m.group("two") or m.group("one")
        raw = _key(m.group("n") or "")
        if m.group("many") and not raw and m.group("w") not in self.bare_plural:
            return None  # "منذ أشهر": for months, a duration more often than a date
        n = 2 if m.group("two") else 1 if m.group("one") else \
            None if not raw or raw in self.several else parse_arabic_number(raw)
        return ago(n, self.ago_unit[word], bool(m.group("q")) or n is None, base)

    def _season(self, m: re.Match[str], base: date | None) -> Resolved:
        """A season of a year: written, "of last year", or "last / this / next" one (a
        winter runs from December into the next year's February)."""
        first_month, last_month = self.seasons[m.group("season")]
        if m.group("year"):
            year = int(m.group("year"))
        elif base is None:
            return None, None, TIME_YEAR, False
        elif m.group("ymod"):
            year = base.year + self.step[m.group("ymod")]
        else:  # as the English "last / this / next summer"
            step = self.step[m.group("mmod")]
            ended = first_month <= last_month and base.month > last_month
            year = base.year - (not ended) if step < 0 else base.year if step == 0 else \
                base.year + (base.month >= first_month)
        end_year = year + 1 if first_month > last_month else year
        return date(year, first_month, 1), month_range(end_year, last_month)[1], TIME_YEAR, True

    def _numeric(self, m: re.Match[str], base: date | None) -> Resolved | None:
        # where the English numeric rule reads the same span it comes first and is kept
        if m.group("y"):
            found = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        else:
            found = safe_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        return (found, found, TIME_DAY, True) if found else None
