"""Dates resolved against a report's date (Wednesday 5 April 2017). Fictional sentences."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.extract.dates import dateline, find_dates

BASE = date(2017, 4, 5)


@pytest.mark.parametrize(
    ("text", "surface", "start", "end", "precision"),
    [
        ("It happened last week in the town.", "last week", "2017-03-27", "2017-04-02", 2),
        ("The market was hit on Saturday.", "Saturday", "2017-04-01", "2017-04-01", 1),
        ("They met on the third of June.", "the third of June", "2016-06-03", "2016-06-03", 1),
        ("The siege began in October 2013.", "October 2013", "2013-10-01", "2013-10-31", 3),
        ("They left by the end of March of 2012.", "the end of March of 2012", "2012-03-22",
         "2012-03-31", 2),
        ("Prices rose during the current month.", "the current month", "2017-04-01",
         "2017-04-30", 3),
        ("The camp flooded last summer.", "last summer", "2016-06-01", "2016-08-31", 4),
        ("He vanished about two weeks ago.", "about two weeks ago", "2017-03-19", "2017-03-25", 2),
        ("Arrests rose since the start of this year.", "since the start of this year",
         "2017-01-01", "2017-04-05", 4),
        ("It was shelled yesterday.", "yesterday", "2017-04-04", "2017-04-04", 1),
        ("Seen on 03.04.2017 at noon.", "03.04.2017", "2017-04-03", "2017-04-03", 1),
        ("Tuesday 14 November 2017 was calm.", "Tuesday 14 November 2017", "2017-11-14",
         "2017-11-14", 1),
    ],
)
def test_resolves(text: str, surface: str, start: str, end: str, precision: int) -> None:
    hits = find_dates(text, BASE)
    assert [text[h.start:h.end] for h in hits] == [surface]
    value = hits[0].value()
    assert (value["start"], value["end"], value["precision"]) == (start, end, precision)


def test_year_unknown_without_report_date() -> None:
    hits = find_dates("They met on the third of June.", None)
    assert len(hits) == 1
    value = hits[0].value()
    assert value["start"] is None and value["year_known"] is False


def test_relative_needs_report_date() -> None:
    (hit,) = find_dates("It happened last week.", None)
    assert hit.first is None and not hit.year_known


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("Shelling may resume, officials said.", BASE) == []


def test_background_year() -> None:
    (hit,) = find_dates("In 1982 the city was shelled.", BASE)
    assert hit.value()["start"] == "1982-01-01" and hit.precision == 4


def test_dateline() -> None:
    assert dateline("Published 23 February 2015 Fictional report text.") == date(2015, 2, 23)
    assert dateline("No date at the top of this fictional text.") is None


def test_dateline_without_punctuation() -> None:
    """Scraped pages lose their punctuation: "Apr 23, 2017" becomes "Apr 232017"."""
    assert dateline("Last updated at Apr 232017 Fictional text follows.") == date(2017, 4, 23)


@pytest.mark.parametrize(("text", "start"), [
    ("Wednesday, the twenty-seventh of September, 2017, was the day.", "2017-09-27"),
    ("It was shelled overnight and again on Monday morning.", "2017-04-03"),
    ("Raids since the start of this year killed many.", "2017-01-01"),
])
def test_long_expressions_found_around_anchors(text: str, start: str) -> None:
    hits = find_dates(text, BASE)
    assert start in [h.value()["start"] for h in hits]


def test_many_dates_in_a_long_text() -> None:
    """Dates far apart in one long text are each found (windows around anchors)."""
    filler = "The committee met and talked at length about the water supply. " * 40
    text = f"It began on 3 March 2016. {filler} It ended in October 2016. {filler} Yesterday."
    found = [(h.rule, h.value()["start"]) for h in find_dates(text, BASE)]
    assert found == [("day-month-year", "2016-03-03"), ("month-year", "2016-10-01"),
                     ("relative-day", "2017-04-04")]
