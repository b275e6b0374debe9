"""Casualty counts and money. Fictional sentences, written for Rasd."""

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
    ("The raid killed more than 30 people.", "more than 30", "killed", 30, 30, None, "people"),
    ("Nearly forty residents were wounded.", "Nearly forty", "injured", None, 40, 40,
     "civilians"),
    ("Dozens of people were arrested at the checkpoint.", "Dozens", "arrested", 24, None, None,
     "people"),
    ("Gunmen kidnapped between 10 and 15 farmers.", "10 and 15", "abducted", 10, 10, 15,
     "civilians"),
    ("A number of men were executed in the square.", "A number of", "executed", 2, None, None,
     "people"),
    ("The death toll rose to 112 on Sunday.", "112", "killed", 112, 112, 112, None),
    # counts without a casualty verb right after them
    ("Last week two newborns died in the clinic.", "two", "killed", 2, 2, 2, "children"),
    ("Fourteen mercenaries were killed in the clashes.", "Fourteen", "killed", 14, 14, 14,
     "fighters"),
    ("At least 14 people, most of them elderly, have died of hunger.", "At least 14",
     "killed", 14, 14, None, "people"),
    ("The monitor documented the death of at least 12 civilians in the raid.", "at least 12",
     "killed", 12, 12, None, "civilians"),
    ("The group recorded the arrest of 112 people this year.", "112", "arrested", 112, 112,
     112, "people"),
    ("The centre has documented more than 300 cases of enforced disappearance.",
     "more than 300", "missing", 300, 300, None, None),
    ("The siege has claimed the lives of three more children.", "three", "killed", 3, 3, 3,
     "children"),
    ("Bomb kills 4 in the old market", "4", "killed", 4, 4, 4, None),
    ("Hundreds of officers and soldiers left the army that year.", "Hundreds", "defected",
     200, None, None, "fighters"),
    ("Thousands of civilians remain trapped in the town.", "Thousands", "besieged", 2000,
     None, None, "civilians"),
    ("The shelling was killing and wounding dozens of civilians.", "dozens",
     "killed_or_injured", 24, None, None, "civilians"),
    ("Seventeen other people were treated for breathing difficulties.", "Seventeen",
     "injured", 17, 17, 17, "people"),
])
def test_counts(text: str, surface: str, kind: str, low: int | None, best: int | None,
                high: int | None, who: str | None) -> None:
    found = find_counts(text)
    assert len(found) == 1
    f = found[0]
    assert text[f.start:f.end] == surface
    v = f.value
    assert (v["kind"], v["low"], v["best"], v["high"], v["who"]) == (kind, low, best, high, who)


def _read(text: str) -> list[tuple[str, str, int | None, bool]]:
    return [(text[f.start:f.end], f.value["kind"], f.value["best"], f.value["subset"])
            for f in find_counts(text)]


def test_list_and_subset() -> None:
    text = "Five civilians and three children were killed, including two girls."
    assert _read(text) == [("Five", "killed", 5, False), ("three", "killed", 3, False),
                           ("two", "killed", 2, True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Nine civilians, among them three children, were killed on Monday.",
     [("Nine", "killed", 9, False), ("three", "killed", 3, True)]),
    ("Thirteen civilians among them seven children were killed by the strikes.",
     [("Thirteen", "killed", 13, False), ("seven", "killed", 7, True)]),
    ('"Among the dead are two children and a woman," he said.',
     [("two", "killed", 2, True)]),
    ("Two medics were among at least 31 people killed in the shelling.",
     [("Two", "killed", 2, True), ("at least 31", "killed", 31, False)]),
    ("The monitor documented 214 deaths, including 51 children and 38 women.",
     [("214", "killed", 214, False), ("51", "killed", 51, True), ("38", "killed", 38, True)]),
    ("Air strikes killed 14 jihadists and 5 civilians near the town.",
     [("14", "killed", 14, False), ("5", "killed", 5, False)]),
    ("13 of the dead were militants, the monitor said.", [("13", "killed", 13, True)]),
    ("The strike killed five women and a child.",
     [("five", "killed", 5, False), ("a", "killed", 1, False)]),
    ("Mon Nov 7 2016 Child Killed 20 People Injured in Shelling",
     [("20", "injured", 20, False)]),
    ("Air strikes kill 11 including children in the town",
     [("11", "killed", 11, False)]),
    ("an air strike killing 10 people wounding 20 others",
     [("10", "killed", 10, False), ("20", "injured", 20, False)]),
])
def test_parts_and_lists(text: str, expected: list[tuple[str, str, int, bool]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "In 2013 killed civilians were buried.",
    "A 17-year-old was among those killed.",
    "The boy, aged 12, died in hospital.",
    "A child of six died of his wounds.",
    "Soldiers of Division 17 were killed in the ambush.",
    "On 17 March fighters were killed near the dam.",
    "Prices rose 40 percent as shoppers were wounded.",
])
def test_not_a_count(text: str) -> None:
    assert [f.value["best"] for f in find_counts(text)] in ([], [None])


def test_cumulative_toll_is_marked() -> None:
    text = ("Six people were killed on Monday. More than 300,000 people have been killed "
            "since the conflict began.")
    found = find_counts(text)
    assert [(f.value["best"], f.value["cumulative"]) for f in found] == [
        (6, False), (300000, True)]


def test_money() -> None:
    text = "They paid 500,000 Syrian pounds and $2 million, not 300 pounds of flour."
    found = find_money(text)
    assert [(text[f.start:f.end], f.value["amount"], f.value["currency"]) for f in found] == [
        ("500,000 Syrian pounds", 500000, "SYP"), ("$2 million", 2_000_000, "USD")]
