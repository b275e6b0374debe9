"""The shortcuts of the date and count finders (session 5) against the code they replaced, on
random texts built from tricky pieces (Unicode digits, capitals inside words, glued marks)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date

from rasd.extract import dates
from rasd.extract.date_anchors import (
    _DAY_ANCHORS,
    _LOWER_ANCHORS,
    _MONTH_ANCHORS,
    MONTH_GATES,
    RULE_ANCHORS,
    WINDOWS,
    find_anchors,
    windows,
)
from rasd.extract.numbers import ascii_lower

DATE_PIECES = [" ", "  ", "\n", ",", ".", "-", "/", "_", "x", "é", "ñ", "ß", "a", "A", "Jan",
               "JAN", "Janu", "Mar", "MAR", "March", "May", "Sept", "NOV", "JANOV", "Monday",
               "MONDAY", "Wed", "Sunday", "SUNDAYS", "today", "Tonight", "yesterday",
               "overnight", "night", "week", "weeks", "year", "year of the", "Year Of The",
               "since", "ago", "spring", "fall", "1", "19", "20", "2017", "1999", "20171",
               "٢٠١٧", "19٢٠", "٥", "²", "05", "5.4.2017", "2017-04-05", "3/", "/4", "0"]


def _texts(seed: int, n: int = 800) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(DATE_PIECES) for _ in range(rng.randint(1, 20)))
            for _ in range(n)]


def _old_finds(text: str, words: tuple[str, ...]) -> list[int]:
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            if i == 0 or not text[i - 1].isalpha():
                out.append(i)
            i = text.find(word, i + len(word))
    return out


def _old_anchors(text: str, lower: str) -> dict[str, list[int]]:
    found = {"month": _old_finds(text, _MONTH_ANCHORS), "weekday": _old_finds(text, _DAY_ANCHORS)}
    for kind, words in _LOWER_ANCHORS.items():
        found[kind] = _old_finds(lower, words)
    found["year"], found["numeric"] = [], []
    for m in re.finditer(r"\d+", text):
        run, end = m.group(), m.end()
        if len(run) == 4 and run[:2] in ("19", "20"):
            found["year"].append(m.start())
        if text[end:end + 1] in ("-", ".", "/") and text[end + 1:end + 2].isdigit():
            found["numeric"].append(m.start())
    return found


def test_date_anchors_found_in_one_pass_equal_those_found_word_by_word() -> None:
    texts = [*_texts(7), "Jan 5, 2017", "On MONDAY 05.04.2017", "JANOV", "x2017", "2017-04-05"]
    for text in texts:
        new, old = find_anchors(text, ascii_lower(text)), _old_anchors(text, ascii_lower(text))
        assert new.keys() == old.keys()
        for kind in old:
            assert sorted(new[kind]) == sorted(old[kind]), (text, kind)


MONTH_PIECES = [" ", "  ", "\n", "\u00a0", "\u2003", ",", ", ", ".", "-", "mid-", " - ", "x",
                "the ", "The ", "of ", "OF ", "5", "05", "31", "٥", "5th", "21st", "2nd", "3RD",
                "second", "ſecond", "Third", "twenty-first", "Thirtieth", "first", "FIFTH",
                "end", "early", "late", "Middle", "beginning", "start", "in ", "since ",
                "thiſ ", "last ", "2017", "1999", "2017 ", "٢٠١٧", "232017", "people", "5, ",
                "March", "Mar", "Mar.", "MARCH", "May", "may", "Sept", "Sept.", "September",
                "Marching", "Monday", "SUNDAY", "Monday,", "today", "ago", "week"]


def _month_texts(seed: int, n: int = 1500) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(MONTH_PIECES) for _ in range(rng.randint(2, 14)))
            for _ in range(n)]


def _old_run(text: str, base: date | None) -> Iterator[dates.DateHit]:
    """``dates._run`` before the month tests: every rule in every window of its anchors."""
    anchors = find_anchors(text, ascii_lower(text))
    for name, pattern, fn in dates._RULES:
        kind = RULE_ANCHORS[name]
        group = "s" if "s" in pattern.groupindex else 0
        for lo, hi in windows(anchors[kind], *WINDOWS[kind], len(text)):
            for m in pattern.finditer(text, lo, hi):
                res = fn(m, base)
                if res is not None:
                    yield dates.DateHit(*m.span(group), *res, name)


def test_month_rules_skipped_only_where_they_cannot_match() -> None:
    texts = [*_month_texts(11), "on the 5th of March, 2017", "Mar 232017", "mid- March 2017",
             "Monday, March 5, 2017", "MARCH second 1999", "Sept. 21st,\u00a02017"]
    rules: set[str] = set()
    for text in texts:
        for base in (date(2017, 4, 5), None):
            old = list(_old_run(text, base))
            assert list(dates._run(text, ascii_lower(text), base)) == old, text
            rules.update(hit.rule for hit in old)
    assert rules >= set(MONTH_GATES)  # every skipped rule is tried where it matches
