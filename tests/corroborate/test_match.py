"""Pairwise compatibility: what may and may not be one occurrence (fictional events)."""

from __future__ import annotations

from datetime import date, timedelta

from corroborate_builders import make_event

from rasd.corroborate.match import (
    CONTAIN_SCORE,
    LINK_THRESHOLD,
    explain,
    features_of,
    pair_score,
    type_table,
)


def score(a, b):  # type: ignore[no-untyped-def]
    return pair_score(features_of(0, a), features_of(1, b), type_table())


def test_same_strike_told_twice_links() -> None:
    a = make_event("e1", "r1", killed=12)
    b = make_event("e2", "r2", killed=14)
    s = score(a, b)
    assert s is not None and s >= LINK_THRESHOLD


def test_two_air_raids_a_week_apart_stay_apart() -> None:
    a = make_event("e1", "r1")
    b = make_event("e2", "r2", day=date(2017, 4, 4) + timedelta(days=7))
    assert score(a, b) is None


def test_a_day_apart_is_within_day_precision() -> None:
    a = make_event("e1", "r1")
    b = make_event("e2", "r2", day=date(2017, 4, 5))
    s = score(a, b)
    assert s is not None and s >= LINK_THRESHOLD
    assert s < score(a, make_event("e3", "r3"))  # type: ignore[operator]


def test_distant_towns_stay_apart() -> None:
    assert score(make_event("e1", "r1"), make_event("e2", "r2", place="Saraqib")) is None


def test_desertion_and_arrest_stay_apart() -> None:
    a = make_event("e1", "r1", sub="Change to group/activity", perps=("grp-a",))
    b = make_event("e2", "r2", sub="Arrests", perps=("grp-b",))
    assert score(a, b) is None


def test_arrests_of_different_named_people_stay_apart() -> None:
    a = make_event("e1", "r1", sub="Arrests", persons=("per-1",))
    b = make_event("e2", "r2", sub="Arrests", persons=("per-2",))
    assert score(a, b) is None
    c = make_event("e3", "r3", sub="Abduction/forced disappearance", persons=("per-1",))
    assert score(a, c) is not None


def test_province_level_joins_town_level_with_lower_score() -> None:
    town = make_event("e1", "r1")
    province = make_event("e2", "r2", place="Idlib province", geo=3)
    other_town = make_event("e3", "r3")
    s_prov, s_town = score(town, province), score(town, other_town)
    assert s_prov is not None and s_town is not None
    assert LINK_THRESHOLD <= s_prov < s_town
    why = explain(features_of(0, town), features_of(1, province))
    assert why["place"]["score"] == CONTAIN_SCORE


def test_province_elsewhere_does_not_join() -> None:
    town = make_event("e1", "r1", place="Douma")
    province = make_event("e2", "r2", place="Idlib province", geo=3)
    assert score(town, province) is None


def test_undated_and_unplaced_need_a_shared_person() -> None:
    a = make_event("e1", "r1", day=None, place=None, persons=("per-9",))
    b = make_event("e2", "r2", day=None, place=None)
    assert score(a, b) == 0.0  # nothing contradicts, nothing links
    c = make_event("e3", "r3", day=None, place=None, persons=("per-9",))
    assert score(a, c) is not None and score(a, c) >= LINK_THRESHOLD  # type: ignore[operator]


def test_catch_all_type_restates_within_a_report_only() -> None:
    other = make_event("e1", "r1", sub="Other")
    strike = make_event("e2", "r1")
    elsewhere = make_event("e3", "r2")
    assert score(other, strike) is not None and score(other, strike) >= LINK_THRESHOLD  # type: ignore[operator]
    assert score(other, elsewhere) == 0.0


def test_explanation_names_every_feature() -> None:
    a = make_event("e1", "r1", perps=("grp-x",), killed=12)
    b = make_event("e2", "r2", perps=("grp-x",), killed=12)
    why = explain(features_of(0, a), features_of(1, b))
    assert set(why) >= {"score", "type", "date", "place", "actors", "counts"}
    assert "same day 2017-04-04" in why["date"]["why"]
