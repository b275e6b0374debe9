"""Incremental runs: regrouping only what new events touch gives what a full run gives
(fictional, randomly generated events)."""

from __future__ import annotations

from datetime import date

from corroborate_builders import make_event, make_report, random_events
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.corroborate import build_incidents
from rasd.corroborate.incremental import related, window


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_regrouping_the_related_part_equals_a_full_run(seed: int) -> None:
    events = random_events(seed, n=150)
    reports = {f"r{i}": make_report(f"r{i}", f"src-{i % 7}") for i in range(75)}
    old = [e for e in events if int(e.report[1:]) < 60]
    new = [e for e in events if int(e.report[1:]) >= 60]
    before = build_incidents(old, reports.values())
    part = related(new, old, reports, before)
    regrouped = build_incidents(part.events, reports.values(), existing=part.incidents)
    replaced = {inc.id for inc in part.incidents}
    incremental = [i for i in before if i.id not in replaced] + regrouped
    full = build_incidents(events, reports.values(), existing=before)
    assert sorted((i.id, i.events) for i in incremental) == sorted((i.id, i.events) for i in full)


def test_window_widens_by_the_day_slack() -> None:
    reports = {"r1": make_report("r1", "s")}
    assert window([make_event("e1", "r1", day=date(2017, 4, 4))], reports) == (
        date(2017, 4, 2), date(2017, 4, 6))
    assert window([make_event("e1", "r9", day=None)], reports) is None
