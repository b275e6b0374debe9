"""Choosing an event's death toll among the counts a report gives. Fictional sentences,
written for Rasd."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from rasd.extract.main_event import event_counts, listed_totals
from rasd.extract.pipeline import extract
from rasd.extract.quantities import find_counts


def _count(start: int, best: int | None, kind: str = "killed", who: str | None = None,
           low: int | None = None, **flags: Any) -> dict[str, Any]:
    low = best if low is None else low
    return {"kind": kind, "low": low, "best": best, "high": best, "who": who,
            "qualifier": None, "subset": False, "span": (start, start + 2), **flags}


def _read(text: str) -> list[tuple[str, int | None, bool, int]]:
    return [(text[f.start:f.end], f.value["best"], f.value["subset"], f.value["list"])
            for f in find_counts(text)]


def test_a_part_right_after_a_count_is_a_subset() -> None:
    text = "Mortar fire killed 11 people, six of them children, near the school."
    found = _read(text)
    assert [(s, b, sub) for s, b, sub, _ in found] == [("11", 11, False), ("six", 6, True)]


def test_counts_listed_together_share_a_list_id() -> None:
    found = _read("Five civilians and three children were killed on Monday.")
    assert [(s, b) for s, b, _, _ in found] == [("Five", 5), ("three", 3)]
    assert found[0][3] == found[1][3]
    apart = _read("Raids killed 9 civilians in the town. Later 4 children died in hospital.")
    assert apart[0][3] != apart[1][3]


def test_only_listed_counts_add_up() -> None:
    listed = [_count(0, 5, who="civilians", list=0), _count(20, 3, who="children", list=0)]
    assert [c["best"] for c in listed_totals(listed)] == [8]
    # a headline and the lede in one clause: two tellings of one toll, not a sum
    told_twice = [_count(0, 20, who="civilians", list=0), _count(90, 20, who="people", list=90)]
    assert [c["best"] for c in event_counts(told_twice)] == [20]
    # a clause total built before (``parts``) is taken apart where the parts were not listed
    total = {**_count(0, 83, who="civilians+children"),
             "parts": [_count(0, 58, who="civilians", list=0),
                       _count(60, 25, who="children", list=60)]}
    assert [c["best"] for c in event_counts([total])] == [58]


def test_a_vague_count_gives_way_to_a_precise_one() -> None:
    dozens = _count(0, None, low=24)
    assert event_counts([dozens, _count(80, 44)])[0]["best"] == 44
    # a smaller precise count is a part of the dozens, not the toll
    assert event_counts([dozens, _count(80, 3, who="children")])[0]["best"] is None


def test_an_updated_toll_supersedes_and_an_earlier_one_is_dropped() -> None:
    first, rose = _count(0, 8), _count(200, 53, update=True)
    assert event_counts([first, rose])[0]["best"] == 53
    previous = _count(0, 112, previous=True)
    assert event_counts([previous, _count(50, 126)])[0]["best"] == 126
    # a running total of the war never supersedes
    war = _count(300, 300000, update=True, cumulative=True)
    assert event_counts([first, war])[0]["best"] == 8


def test_killed_and_executed_are_one_toll_across_clauses() -> None:
    clauses = [(0, 100), (100, 200)]
    executed, killed = _count(10, 40, kind="executed"), _count(150, 40)
    assert [c["best"] for c in event_counts([executed, killed], clauses)] == [40]
    same_clause = [executed, _count(50, 3)]
    assert sorted(c["best"] for c in event_counts(same_clause, clauses)) == [3, 40]


@pytest.mark.parametrize(("text", "best", "update"), [
    ("The number of dead rose to 53 on Sunday.", 53, True),
    ("Deaths have climbed to 53, the monitor said.", 53, True),
    ("Market bombing victims rise to 53", 53, True),
    ("The death toll has risen to 53.", 53, True),
    ("The death toll this month rose to 200.", 200, None),
])
def test_a_toll_that_rose(text: str, best: int, update: bool | None) -> None:
    found = find_counts(text)
    assert [(f.value["kind"], f.value["best"], f.value.get("update")) for f in found] == [
        ("killed", best, update)]


def test_an_earlier_toll_is_marked_previous() -> None:
    found = find_counts("The monitor gave 31 dead, updating an earlier toll of 19.")
    assert [(f.value["best"], f.value.get("previous")) for f in found] == [(31, None),
                                                                           (19, True)]


@pytest.mark.parametrize(("text", "best", "who"), [
    ("The shelling led to the death of six and the injury of 27.", 6, None),
    ("Clashes left 17 villagers - including four children - dead.", 17, "civilians"),
    ("The army said it killed a confirmed 21 militants.", 21, "fighters"),
    ("The strike claimed lives of seven farmers in the town.", 7, "civilians"),
    ("He said 14 members of the guard were killed in the blast.", 14, "fighters"),
    ("The raid killed four pro-government forces on Monday.", 4, "fighters"),
])
def test_more_toll_forms(text: str, best: int, who: str | None) -> None:
    killed = [f.value for f in find_counts(text) if not f.value["subset"]]
    assert (killed[0]["kind"], killed[0]["best"], killed[0]["who"]) == ("killed", best, who)


def test_an_event_takes_the_precise_toll(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    text = ("Dozens of villagers were killed in air strikes on Tell Salma on Monday. "
            "At least 37 villagers were killed in the air strikes on Tell Salma, "
            "a monitor said.")
    events = extract(nlp, report_of(text)).events
    tolls = [e.fatalities() for e in events if e.fatalities()]
    assert tolls and tolls[0][1] == 37
