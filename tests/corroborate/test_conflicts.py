"""Conflicts kept side by side, fatalities low / best / high (fictional events)."""

from __future__ import annotations

from datetime import date

from corroborate_builders import make_event, make_report

from rasd.corroborate import build_incidents, fatality_summary
from rasd.model import Actor, Conflict, Count, Incident, Source


def _one(events, sources, days=None) -> Incident:  # type: ignore[no-untyped-def]
    reports = [make_report(e.report, sources[k % len(sources)].id,
                           published=date(2017, 4, (days or {}).get(e.report, 5)))
               for k, e in enumerate(events)]
    incidents = build_incidents(events, reports, sources)
    assert len(incidents) == 1
    return incidents[0]


def _conflict(inc: Incident, name: str) -> Conflict:
    return next(c for c in inc.conflicts if c.field == name)


def test_differing_tolls_are_kept_with_who_said_them(sources: list[Source]) -> None:
    inc = _one([make_event("e0", "r0", killed=4), make_event("e1", "r1", killed=80)], sources)
    tolls = _conflict(inc, "fatalities")
    assert [(v["value"], v["reports"]) for v in tolls.values] == [(4, ["r0"]), (80, ["r1"])]
    assert tolls.values[0]["sources"] == ["src-idlib-monitor"]
    assert inc.fatalities == (4, 4, 80)  # conservative best, the range kept


def test_open_ended_figures_leave_high_open(sources: list[Source]) -> None:
    e0 = make_event("e0", "r0")
    e0.counts = [Count("killed", 12, 12, None, qualifier="at least", who="civilians")]
    e1 = make_event("e1", "r1")
    e1.counts = [Count("killed", 12, 15, 18, qualifier="between", who="civilians")]
    assert _one([e0, e1], sources).fatalities == (12, 12, 18)
    assert _one([e0], sources).fatalities == (12, 12, None)


def test_an_origin_updating_its_toll_supersedes_itself(sources: list[Source]) -> None:
    events = [make_event("e0", "r0", killed=4), make_event("e1", "r1", killed=9),
              make_event("e2", "r2", killed=20)]
    reports = {e.report: make_report(e.report, "src-idlib-monitor", published=date(2017, 4, d))
               for e, d in zip(events, (5, 6, 7), strict=True)}
    one_origin = {e.report: "src-idlib-monitor" for e in events}
    assert fatality_summary(events, one_origin, reports) == (20, 20, 20)
    two = {**one_origin, "r0": "src-levant-wire"}
    assert fatality_summary(events, two, reports) == (4, 4, 20)


def test_a_partial_count_does_not_pull_the_best_down() -> None:
    tolls = {"r0": 1, "r1": 17, "r2": 17, "r3": 21}
    events = [make_event(f"e{r}", r, killed=n) for r, n in tolls.items()]
    reports = {r: make_report(r, "s") for r in tolls}
    origins = {r: f"origin-{r}" for r in tolls}
    assert fatality_summary(events, origins, reports) == (1, 17, 21)


def test_a_report_counts_its_parts_once_each() -> None:
    events = [make_event("e0", "r0", killed=12), make_event("e1", "r0", killed=12),
              make_event("e2", "r0", sub="Attack", killed=2)]
    reports = {"r0": make_report("r0", "s")}
    assert fatality_summary(events, {"r0": "s"}, reports) == (14, 14, 14)


def test_no_conflict_when_reports_agree(sources: list[Source]) -> None:
    inc = _one([make_event("e0", "r0", killed=12, perps=("grp-a",)),
                make_event("e1", "r1", killed=12, perps=("grp-a",))], sources)
    assert inc.conflicts == []
    assert inc.fatalities == (12, 12, 12)


def test_differing_perpetrators_dates_and_types(sources: list[Source]) -> None:
    inc = _one([make_event("e0", "r0", perps=("grp-a",)),
                make_event("e1", "r1", perps=("grp-b",), day=date(2017, 4, 5))], sources)
    assert {c.field for c in inc.conflicts} == {"perpetrator", "date"}
    dates = _conflict(inc, "date")
    assert dates.values[0]["value"] == ["2017-04-04", "2017-04-04"]
    inc = _one([make_event("e0", "r0", perps=("grp-a",)),
                make_event("e1", "r1", perps=("grp-a",), sub="Chemical weapon")], sources)
    assert {c.field for c in inc.conflicts} == {"sub_event_type"}


def test_a_unit_and_its_army_are_no_perpetrator_conflict(sources: list[Source]) -> None:
    inc = _one([make_event("e0", "r0", perps=("grp-syrian-air-force",)),
                make_event("e1", "r1", perps=("grp-syrian-government-forces",))], sources)
    assert all(c.field != "perpetrator" for c in inc.conflicts)
    inc = _one([make_event("e0", "r0", perps=("grp-syrian-air-force",)),
                make_event("e1", "r1", perps=("grp-islamic-state",))], sources)
    assert _conflict(inc, "perpetrator").values


def test_province_account_is_no_place_conflict(sources: list[Source]) -> None:
    inc = _one([make_event("e0", "r0"),
                make_event("e1", "r1", place="Idlib province", geo=3)], sources)
    assert all(c.field != "place" for c in inc.conflicts)


def test_civilians_in_one_report_fighters_in_another(sources: list[Source]) -> None:
    inc = _one([make_event("e0", "r0", killed=3, who="civilians"),
                make_event("e1", "r1", killed=3, who="fighters")], sources)
    values = _conflict(inc, "characterisation").values
    assert [v["value"] for v in values] == ["civilian", "combatant"]


def test_same_dead_man_civilian_and_fighter(sources: list[Source]) -> None:
    e0 = make_event("e0", "r0")
    e0.actors = [Actor("victim", "Fictional Person", entity="per-7", actor_type="Civilians")]
    e1 = make_event("e1", "r1")
    e1.actors = [Actor("victim", "Fictional Person", entity="per-7", actor_type="Rebel group")]
    inc = _one([e0, e1], sources)
    conflict = _conflict(inc, "characterisation:per-7")
    assert [v["reports"] for v in conflict.values] == [["r0"], ["r1"]]
