"""Arabic date expressions resolved against a report's date (Wednesday 5 April 2017).
Fictional sentences, written for Rasd."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from rasd.extract import dates
from rasd.extract.dates import dateline, find_dates
from rasd.extract.pipeline import extract

BASE = date(2017, 4, 5)


def _read(text: str, base: date | None = BASE) -> list[tuple[str, str | None, str | None, int]]:
    return [(text[h.start:h.end], h.value()["start"], h.value()["end"], h.precision)
            for h in find_dates(text, base)]


@pytest.mark.parametrize(("text", "expected"), [
    ("قصفت الطائرات البلدة صباح أمس الثلاثاء.",
     ("صباح أمس الثلاثاء", "2017-04-04", "2017-04-04", 1)),
    ("اعتقل الشاب يوم الخميس الماضي قرب الحاجز.",
     ("يوم الخميس الماضي", "2017-03-30", "2017-03-30", 1)),
    ("سقطت القذائف على الحي في الثالث والعشرين من شباط.",
     ("الثالث والعشرين من شباط", "2017-02-23", "2017-02-23", 1)),
    ("وفي 12 تشرين الثاني/نوفمبر 2016 قصف السوق.",
     ("12 تشرين الثاني/نوفمبر 2016", "2016-11-12", "2016-11-12", 1)),
    ("هوجم الحاجز يوم الأحد الثاني من نيسان.",
     ("يوم الأحد الثاني من نيسان", "2017-04-02", "2017-04-02", 1)),
    ("نزحت العائلات خلال الشهر الماضي.", ("الشهر الماضي", "2017-03-01", "2017-03-31", 3)),
    ("تضاعفت الغارات منذ بداية العام الجاري.",
     ("منذ بداية العام الجاري", "2017-01-01", "2017-04-05", 4)),
    ("قتل الناشط قبل ثلاثة أيام.", ("قبل ثلاثة أيام", "2017-04-02", "2017-04-02", 1)),
    ("انقطع الاتصال به منذ نحو شهرين.", ("منذ نحو شهرين", "2017-02-01", "2017-02-28", 3)),
    ("دمرت المدرسة في أواخر كانون الثاني 2015.",
     ("أواخر كانون الثاني 2015", "2015-01-22", "2015-01-31", 2)),
    ("وتكرر القصف في آذار الجاري.", ("آذار الجاري", "2017-03-01", "2017-03-31", 3)),
    ("هُجّر السكان في نيسان من العام الماضي.",
     ("نيسان من العام الماضي", "2016-04-01", "2016-04-30", 3)),
    ("هُجّر السكان في آب الماضي.", ("آب الماضي", "2016-08-01", "2016-08-31", 3)),
    ("سيطرت الفصائل على المدينة عام 2013.", ("عام 2013", "2013-01-01", "2013-12-31", 4)),
    ("تعرض الحي للقصف اليوم.", ("اليوم", "2017-04-05", "2017-04-05", 1)),
    ("تزايدت الاعتقالات خلال الأسابيع القليلة الماضية.",
     ("الأسابيع القليلة الماضية", "2017-03-15", "2017-04-05", 2)),
    ("نزح الآلاف منذ اندلاع الثورة.", ("منذ اندلاع الثورة", "2011-03-15", "2017-04-05", 4)),
    ("جرى ذلك لشهر أيار 2014.", ("شهر أيار 2014", "2014-05-01", "2014-05-31", 3)),
    ("أغلق المعبر في العاشر من الشهر الماضي.",
     ("العاشر من الشهر الماضي", "2017-03-10", "2017-03-10", 1)),
    ("اشتدت المعارك أواخر الشهر الماضي.",
     ("أواخر الشهر الماضي", "2017-03-22", "2017-03-31", 2)),
    ("قُصف المخيم في 4 آذار (مارس) 2016.", ("4 آذار (مارس) 2016", "2016-03-04", "2016-03-04", 1)),
    ("استمر الحصار حتى ربيع 2014.", ("ربيع 2014", "2014-03-01", "2014-05-31", 4)),
    ("اشتد البرد في الشتاء الماضي.", ("الشتاء الماضي", "2016-12-01", "2017-02-28", 4)),
    ("يتوقع نزوح جديد في الصيف المقبل.", ("الصيف المقبل", "2017-06-01", "2017-08-31", 4)),
    ("عاد المهجرون قبل أيام.", ("قبل أيام", "2017-03-30", "2017-04-05", 2)),
])
def test_resolves(text: str, expected: tuple[str, str, str, int]) -> None:
    assert _read(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("وقع الانفجار بتاريخ ٣/٢/٢٠١٧ في السوق.", ("٣/٢/٢٠١٧", "2017-02-03")),
    ("قصفت البلدة في ۱۵ آذار ۲۰۱۶ ليلاً.", ("۱۵ آذار ۲۰۱۶", "2016-03-15")),
    ("قصفت البلدة في ١٥ آذار.", ("١٥ آذار", "2017-03-15")),
    ("جرى ذلك بتاريخ 2016/11/3 مساءً.", ("2016/11/3", "2016-11-03")),  # year first
])
def test_arabic_indic_digits(text: str, expected: tuple[str, str]) -> None:
    assert [(s, start) for s, start, _, _ in _read(text)] == [expected]


@pytest.mark.parametrize("text", [
    "وصل أب لثلاثة أطفال إلى المشفى.",  # أب: a father, not آب (August)
    "لم ينج من الاثنين سوى شاب واحد.",  # الاثنين: "the two", not Monday
    "وصل الجرحى في اليوم التالي.",  # the next day, not today
    "نزح عشرات المدنيين قبل يومين من الهجوم.",  # before the attack, not before the report
    "نزح السكان قبل شهر رمضان.",
    "كان نيسان يعمل في المخبز.",  # a bare month name: here a man's name
    "مارس التنظيم ضغوطاً على الأهالي.",  # مارس: "exercised"
    "وتركوا الجثث ثلاثة أيام.",  # a duration
    "خرج المصلون بعد صلاة الجمعة.",  # the Friday prayer, no day of its own
    "يعاني السكان منذ أشهر من نقص الدواء.",  # for months: a duration
    "تحدث الكاتب عن الربيع العربي.",  # a season with no year or modifier
    "صرح المدير العام الحالي للمشفى بذلك.",  # the current director general
])
def test_not_a_date(text: str) -> None:
    assert _read(text) == []


def test_no_such_day_leaves_the_month() -> None:
    """As in English ("31 February 2015" reads as February 2015)."""
    assert _read("ورد في التقرير 31 شباط 2015 خطأً.") == [
        ("شباط 2015", "2015-02-01", "2015-02-28", 3)]


def test_year_unknown_without_report_date() -> None:
    (hit,) = find_dates("سقطت القذائف في الرابع من آذار.", None)
    assert hit.first is None and not hit.year_known
    (hit,) = find_dates("قصفت البلدة أمس.", None)
    assert hit.first is None and not hit.year_known
    (hit,) = find_dates("حوصرت البلدة في كانون الثاني 2014.", None)
    assert hit.value()["start"] == "2014-01-01" and hit.year_known


def test_english_text_skips_the_arabic_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str, base: date | None) -> None:
        raise AssertionError("Arabic rules ran on an English text")

    monkeypatch.setattr(dates, "find_arabic_dates", fail)
    assert [h.rule for h in find_dates("The market was hit on Saturday — again.", BASE)] == [
        "weekday"]


def test_arabic_and_english_in_one_text() -> None:
    text = "Shelling on Monday. وتجدد القصف أمس الثلاثاء."
    assert [(text[h.start:h.end], h.rule) for h in find_dates(text, BASE)] == [
        ("Monday", "weekday"), ("أمس الثلاثاء", "ar-weekday")]


def test_arabic_dateline() -> None:
    assert dateline("نشر في 4 آذار 2018 - تقرير متخيل.") == date(2018, 3, 4)


def test_arabic_event_takes_its_date(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    report = report_of("قتل 7 مدنيين في قصف جوي على السوق صباح أمس الثلاثاء.")
    dated = [e for e in extract(nlp, report).events if e.date_start is not None]
    assert dated and {str(e.date_start) for e in dated} == {"2017-04-04"}
