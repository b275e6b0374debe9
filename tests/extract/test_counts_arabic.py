"""Counts in Arabic-script text and Arabic-Indic digits. Fictional sentences, written for Rasd."""

from __future__ import annotations

import pytest

from rasd.extract.count_arabic import parse_arabic_number
from rasd.extract.numbers import parse_number
from rasd.extract.quantities import find_counts


def _read(text: str) -> list[tuple[str, str, int | None, str | None, bool]]:
    return [(text[f.start:f.end], f.value["kind"], f.value["best"], f.value["who"],
             f.value["subset"]) for f in find_counts(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("١٢", 12), ("۱۲", 12), ("١٬٢٠٠", 1200), ("٣٫٥ million", 3_500_000),
])
def test_arabic_indic_digits(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_arabic_indic_digits_in_english_text() -> None:
    assert _read("At least ٣٥ civilians were killed on Monday.") == [
        ("At least ٣٥", "killed", 35, "civilians", False)]


@pytest.mark.parametrize(("text", "value"), [
    ("خمسه", 5), ("خمسه وعشرين", 25), ("ثلاثه عشر", 13), ("ثلاثه الاف", 3000),
    ("٤٠", 40), ("قذيفه", None),
])
def test_arabic_number_words(text: str, value: int | None) -> None:
    assert parse_arabic_number(text) == value


@pytest.mark.parametrize(("text", "expected"), [
    ("وثق المرصد مقتل ١٢ مدنياً في القصف.", [("١٢", "killed", 12, "civilians", False)]),
    ("اعتقلت الدورية ما لا يقل عن 20 شاباً من الحي.",
     [("ما لا يقل عن 20", "arrested", 20, "people", False)]),
    ("أصيب أكثر من ۳۰ آخرين بجروح.", [("أكثر من ۳۰", "injured", 30, "people", False)]),
    ("أعدم التنظيم يوم السبت أربعة شبان في الساحة.",
     [("أربعة", "executed", 4, "people", False)]),
    ("سقوط ١٠ قتلى و٣٠ جريحاً في الانفجار.",
     [("١٠", "killed", 10, None, False), ("٣٠", "injured", 30, None, False)]),
    ("ارتفعت حصيلة ضحايا الغارة إلى 9 شهداء بينهم ثلاثة أطفال.",
     [("9", "killed", 9, None, False), ("ثلاثة", "killed", 3, "children", True)]),
    ("وثق المركز أكثر من 200 حالة اختفاء قسري في المحافظة.",
     [("أكثر من 200", "missing", 200, None, False)]),
    ("مئات الشبان من أبناء القرية فروا من التجنيد.",
     [("مئات", "displaced", None, "people", False)]),
])
def test_arabic_counts(text: str, expected: list[tuple[str, str, int | None, str | None,
                                                           bool]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "ولد عام 1990 وقتل عام 2012 في حمص.",
    "قتل الشاب (24 عاماً) برصاص قناص.",
    "سقطت 12 قذيفة على الحي.",
])
def test_arabic_not_a_count(text: str) -> None:
    assert [v for _, _, v, _, _ in _read(text)] in ([], [None])


def test_arabic_toll_that_rose_is_an_update() -> None:
    found = find_counts("ارتفعت حصيلة القصف إلى 15 قتيلاً.")
    assert [(f.value["best"], f.value.get("update")) for f in found] == [(15, True)]
