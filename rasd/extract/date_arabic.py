"""Date expressions in Arabic-script text (used by :mod:`rasd.extract.dates`).

Syrian reporting names months by their Syriac names ("تشرين الأول") or transliterated ones
("أكتوبر"), often both ("آذار/مارس"); gives days as digits or ordinal words ("الرابع عشر من
آب"); and dates relative to the report ("أمس الاثنين", "يوم الجمعة الماضي", "الشهر الماضي",
"قبل نحو أسبوعين", "منذ بداية الشهر الجاري"). The vocabulary is data
(``rasd/taxonomy/dates_ar.yaml``); the values follow the English rules (the same ranges and
precision codes, through :mod:`rasd.extract.date_calendar`), and a year stays unknown unless the
text or the report's date settles it.

Words are matched on the folded copy of :func:`rasd.extract.count_arabic.fold` (hamza forms of
alef ا, ة ه, ى ي, marks dropped) with Arabic-Indic digits read as 0-9 (same length), mapped
back to the report's characters. As in :mod:`rasd.extract.date_anchors`, each rule runs only
in windows around the anchor words of its kinds (a month or weekday name, a relative word, a
calendar unit, منذ / قبل, a year word), found with ``str.find``: no rule scans a whole report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from rasd.extract.count_arabic import HAS_ARABIC, fold
from rasd.extract.count_arabic import alternation as _alts
from rasd.extract.count_arabic import vocabulary as count_vocabulary
from rasd.extract.date_anchors import windows
from rasd.extract.date_arabic_values import Resolver
from rasd.taxonomy.registry import load_yaml

__all__ = ["HAS_ARABIC", "find_arabic_dates"]

_LETTER = "\u0621-\u064a\u0671-\u06d3"
_B = rf"(?<![{_LETTER}])"  # a word starts
_E = rf"(?![{_LETTER}])"  # a word ends
_P = "(?:و|ف)?(?:ب|ل)?"  # "and", "so", "by / on", "to" written on the first word
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YEAR4 = r"(?:19|20)\d\d"
_YEAR = _YEAR4 + r"(?!\d)"
#: the anchor kinds of each rule, and how far before and after an anchor its match may reach
#: (as :data:`rasd.extract.date_anchors.WINDOWS`)
RULE_ANCHORS: dict[str, tuple[tuple[str, ...], tuple[int, int]]] = {
    "ar-day-month": (("month", "period"), (90, 60)), "ar-month": (("month",), (35, 60)),
    "ar-year": (("year",), (4, 18)), "ar-numeric": (("numeric",), (4, 14)),
    "ar-weekday": (("weekday",), (40, 25)), "ar-relative-day": (("relative",), (4, 30)),
    "ar-period": (("period",), (20, 25)), "ar-recent": (("recent",), (4, 35)),
    "ar-since-start": (("since",), (4, 50)), "ar-ago": (("ago",), (4, 60)),
    "ar-season": (("season",), (10, 40)),
}
_CLITICS = "وفبل"
_NUMERIC = re.compile(r"\d[./-]\d")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The Arabic date vocabulary (``rasd/taxonomy/dates_ar.yaml``)."""
    data: dict[str, Any] = load_yaml("dates_ar.yaml")
    return data


def _fragments(v: dict[str, Any]) -> dict[str, str]:
    """Parts shared by several patterns: a month (with its alternative name), what may follow
    it (a year, a modifier), a time of day, modifiers, weekdays and calendar units."""
    months = _alts(w for names in v["months"].values() for w in names)
    mods = _alts(v["modifiers"])
    return {
        "mods": mods, "wd": _alts(v["weekdays"]),
        "units": _alts(w for words in v["periods"].values() for w in words),
        "month": rf"(?P<month>{months}){_E}(?:\s*[/(]\s*(?:{months}){_E}(?:\s*\))?)?",
        "tail": rf"(?:\s*[،,]?\s+(?:من\s+)?(?:(?:{_alts(v['year_words'])})\s+)?"
                rf"(?P<year>{_YEAR})|\s+(?:من\s+)?(?:(?P<ythis>هذا\s+العام|هذه\s+السنه)|"
                rf"(?:العام|السنه)\s+(?P<ymod>{mods}){_E})|\s+(?P<mmod>{mods}){_E})?",
        "when": rf"(?:(?:{_alts(v['times_of_day'])}){_E}\s+)",
        "not_wd": "".join(rf"(?<!{w}\s)" for w in v["weekday_not_after"]),
        "parts": _alts(v["month_parts"]),
    }


def _calendar_rules(v: dict[str, Any], f: dict[str, str]) -> list[tuple[str, str]]:
    """Dates named by day, month and year."""
    this_month = rf"(?:(?P<rmonth>الشهر)\s+(?P<rmod>{f['mods']})|(?:هذا)\s+(?P<rthis>الشهر))"
    return [
        ("ar-day-month", rf"{_B}{_P}(?:(?:{_alts(v['day_before'])})\s+)?(?P<s>"
         rf"(?:{f['when']}?(?:يوم\s+)?(?P<wd>{f['wd']}){_E}[\s،,]+)?(?:يوم\s+)?"
         rf"(?P<day>[0-3]?\d(?!\d)|(?:{_alts(v['ordinals'])}){_E})\s+(?:من\s+)?"
         rf"(?:(?:شهر\s+)?{f['month']}{f['tail']}|{this_month}{_E}))"),
        ("ar-month", rf"{_B}{_P}(?:(?P<ctx>{_alts(v['month_before'])}){_E}\s+)?"
         rf"(?P<s>(?:(?P<part>{f['parts']}){_E}\s+)?(?:(?P<shahr>شهر)\s+)?{f['month']}"
         rf"{f['tail']})"),
        ("ar-year", rf"{_B}{_P}(?:{_alts(v['year_words'])})\s+(?P<year>{_YEAR})"
         r"(?!\s*[/.-]\s*\d)"),
        ("ar-season", rf"{_B}{_P}(?:فصل\s+)?(?P<season>{_alts(v['seasons'])}){_E}"
         rf"(?:\s*[،,]?\s+(?:من\s+)?(?:(?:{_alts(v['year_words'])})\s+)?(?P<year>{_YEAR})|"
         rf"\s+(?:من\s+)?(?:العام|السنه)\s+(?P<ymod>{f['mods']}){_E}|"
         rf"\s+(?P<mmod>{f['mods']}){_E})"),
        ("ar-numeric", r"(?<!\d)(?:(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)"
         rf"(?P<y>{_YEAR})|(?P<y2>{_YEAR4})(?P<sep2>[/-])(?P<m2>[01]?\d)(?P=sep2)"
         r"(?P<d2>[0-3]?\d)(?!\d))"),
    ]


def _relative_rules(v: dict[str, Any], f: dict[str, str]) -> list[tuple[str, str]]:
    """Dates relative to the report's: days, weekdays, periods, "since", "ago"."""
    rel, units, mods = _alts(v["relative_days"]), f["units"], f["mods"]
    ago_units = {k: _alts(w for u in v["ago_units"].values() for w in u[k])
                 for k in ("one", "two", "many")}
    numbers = _alts(count_vocabulary()["numbers"])
    return [
        ("ar-weekday", rf"{f['not_wd']}{_B}{_P}{f['when']}?(?:(?P<rel>{rel}){_E}\s+)?"
         rf"{f['when']}?(?:(?P<yawm>يوم)\s+)?(?P<wd>{f['wd']}){_E}"
         rf"(?:\s+(?P<mod>{mods}){_E})?"),
        ("ar-relative-day", rf"(?<!ذلك\s){_B}{_P}(?P<rel>{rel}){_E}"
         rf"(?!\s+(?:{_alts(v['not_today_after'])}){_E})"),
        ("ar-period", rf"{_B}{_P}(?:(?P<part>{f['parts']}){_E}\s+(?=الشهر))?"
         rf"(?:(?P<unit>{units}){_E}\s+(?P<mod>{mods}){_E}|(?:هذا|هذه)\s+(?P<unit2>{units}){_E})"),
        ("ar-recent", rf"{_B}{_P}(?P<unit>{_alts(v['recent']['units'])})\s+(?:القليله\s+)?"
         rf"(?:{_alts(v['recent']['modifiers'])}){_E}"),
        ("ar-since-start", rf"{_B}{_P}(?:{_alts(v['since'])})\s+"
         rf"(?:{_alts(v['start_words'])}){_E}\s+(?:(?:هذا|هذه)\s+(?P<unit2>{units})|"
         rf"(?P<unit>{units})(?:\s+(?P<mod>{mods}))?|(?P<war>"
         rf"{_alts(v['conflict_words'])})){_E}"),
        ("ar-ago", rf"{_B}{_P}(?P<w>{_alts(v['ago'])})\s+(?:(?P<q>{_alts(v['ago_vague'])})\s+)?"
         rf"(?:(?:(?P<n>\d+|(?:{numbers})(?:\s+و?(?:{numbers}))*|"
         rf"{_alts(v['ago_several'])}){_E}\s+)?(?P<many>{ago_units['many']})|"
         rf"(?P<two>{ago_units['two']})|(?P<one>{ago_units['one']})){_E}(?!\s*\d)"),
    ]


class _Patterns:
    """The Arabic date patterns, compiled once from the vocabulary, each named by its rule,
    and the anchor words of each kind."""

    def __init__(self, v: dict[str, Any]) -> None:
        f = _fragments(v)
        self.rules = [(name, re.compile(p))
                      for name, p in [*_calendar_rules(v, f), *_relative_rules(v, f)]]
        self.anchors: dict[str, tuple[str, ...]] = {
            "month": tuple({w.split()[0] for names in v["months"].values() for w in names}),
            "weekday": tuple(v["weekdays"]),
            "relative": tuple(w for w in v["relative_days"] if " " not in w),
            "period": tuple(w for ws in v["periods"].values() for w in ws),
            "recent": tuple(v["recent"]["units"]), "since": tuple(v["since"]),
            "ago": tuple(v["ago"]), "year": tuple(v["year_words"]),
            "season": tuple(v["seasons"]),
        }


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and ("\u0621" <= text[i] <= "\u064a"
                                   or "\u0671" <= text[i] <= "\u06d3")


def _word_start(text: str, i: int) -> int | None:
    """Where the word holding ``text[i:]`` starts when only the prefixes و ف ب ل come before
    ``i`` in it (None: ``i`` is inside another word)."""
    for _ in range(3):
        if not _is_letter(text, i - 1):
            return i
        if text[i - 1] not in _CLITICS:
            return None
        i -= 1
    return None


def _finds(text: str, words: tuple[str, ...]) -> list[int]:
    """Starts of the words of ``text`` that are one of ``words`` with prefixes (``str.find``:
    no regex scan)."""
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            end = i + len(word)
            if not _is_letter(text, end) and (start := _word_start(text, i)) is not None:
                out.append(start)
            i = text.find(word, end)
    return out


def find_anchors(folded: str) -> dict[str, list[int]]:
    """Positions, by kind, where an Arabic date expression can be."""
    found = {kind: _finds(folded, words) for kind, words in patterns().anchors.items()}
    found["numeric"] = [m.start() for m in _NUMERIC.finditer(folded)]
    return found


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    return _Patterns(vocabulary())


@lru_cache(maxsize=1)
def resolver() -> Resolver:
    return Resolver(vocabulary())


def _matches(folded: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Each rule's matches, in windows around the anchors of its kinds."""
    anchors = find_anchors(folded)
    for name, pattern in patterns().rules:
        kinds, reach = RULE_ANCHORS[name]
        spots = [p for kind in kinds for p in anchors[kind]]
        if not spots:
            continue
        for lo, hi in windows(spots, *reach, len(folded)):
            yield from ((name, m) for m in pattern.finditer(folded, lo, hi))


def find_arabic_dates(text: str, base: date | None
                      ) -> list[tuple[int, int, tuple[date | None, date | None, int, bool], str]]:
    """(start, end, (first, last, precision, year known), rule) of each Arabic date
    expression in ``text``, resolved against ``base``; overlaps are left to the caller."""
    folded, offsets = fold(text)
    folded = folded.translate(_DIGITS)
    res = resolver()
    out = []
    for name, m in _matches(folded):
        start, end = m.span("s" if "s" in m.re.groupindex else 0)
        a, b = (start, end) if offsets is None else (offsets[start], offsets[end - 1] + 1)
        value = res.resolve(name, m, base, text, offsets)
        if value is not None:
            out.append((a, b, value, name))
    return out
