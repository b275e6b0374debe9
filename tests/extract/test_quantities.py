"""Casualty counts and money. Fictional sentences."""

from __future__ import annotations

import pytest

from rasd.extract.numbers import parse_number
from rasd.extract.quantities import find_counts, find_money


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("1,200", 1200), ("twenty-three", 23), ("a hundred", 100),
    ("three hundred and twelve", 312), ("2.5 million", 2_500_000), ("often", None),
])
def test_numbers(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "surface", "kind", "low", "best", "high", "who"), [
    ("At least 12 civilians were killed in the strike.", "At least 12", "killed", 12, 12,
     None, "civilians"),
    ("The raid killed more than 30 people.", "more than 30", "killed", 31, 31, None, "people"),
    ("Nearly forty residents were wounded.", "Nearly forty", "injured", None, 40, 40,
     "civilians"),
    ("Dozens of people were arrested at the checkpoint.", "Dozens", "arrested", 24, None, None,
     "people"),
    ("Gunmen kidnapped between 10 and 15 farmers.", "10 and 15", "abducted", 10, 10, 15,
     "civilians"),
    ("A number of men were executed in the square.", "A number of", "executed", 2, None, None,
     "people"),
    ("The death toll rose to 112 on Sunday.", "112", "killed", 112, 112, 112, None),
])
def test_counts(text: str, surface: str, kind: str, low: int | None, best: int | None,
                high: int | None, who: str | None) -> None:
    found = find_counts(text)
    assert len(found) == 1
    f = found[0]
    assert text[f.start:f.end] == surface
    v = f.value
    assert (v["kind"], v["low"], v["best"], v["high"], v["who"]) == (kind, low, best, high, who)


def test_list_and_subset() -> None:
    text = "Five civilians and three children were killed, including two girls."
    found = find_counts(text)
    assert [(text[f.start:f.end], f.value["subset"]) for f in found] == [
        ("Five", False), ("three", False), ("two", True)]


def test_year_is_not_a_count() -> None:
    assert find_counts("In 2013 killed civilians were buried.") == []


def test_money() -> None:
    text = "They paid 500,000 Syrian pounds and $2 million, not 300 pounds of flour."
    found = find_money(text)
    assert [(text[f.start:f.end], f.value["amount"], f.value["currency"]) for f in found] == [
        ("500,000 Syrian pounds", 500000, "SYP"), ("$2 million", 2_000_000, "USD")]
