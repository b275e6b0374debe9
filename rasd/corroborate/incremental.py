"""Incremental corroboration: as reports arrive, regroup only what the new events can touch.

A new event can join only events whose (slack-widened) date interval overlaps its own, or
events of its own report. :func:`related` picks, from the events already grouped, those that
overlap the new events' window, then every member of the incidents they belong to (an
incident is regrouped whole or not at all). Passing the result to
:func:`~rasd.corroborate.build_incidents` with ``existing`` = those incidents gives the
incidents to replace; every other stored incident stays as it is.

A store does the same with two queries: events by date range (and report), then the members of
the incidents found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rasd.model import Event, Incident, Report

from .match import features_of


@dataclass
class Related:
    """What a regrouping after new events needs: events to group and incidents to replace."""

    events: list[Event]
    incidents: list[Incident]
    window: tuple[date, date] | None


def window(events: Iterable[Event], reports: Mapping[str, Report]) -> tuple[date, date] | None:
    """The dates an event must overlap to be able to join one of ``events`` (None: no dates)."""
    bounds = []
    for event in events:
        report = reports.get(event.report)
        f = features_of(0, event, report.published if report else None)
        if f.lo is not None and f.hi is not None:
            bounds.append((f.lo, f.hi))
    if not bounds:
        return None
    # both sides of a pair carry their own slack: widen by the largest one (a day)
    return (date.fromordinal(min(lo for lo, _ in bounds) - 1),
            date.fromordinal(max(hi for _, hi in bounds) + 1))


def _overlaps(event: Event, span: tuple[date, date] | None, published: date | None) -> bool:
    if span is None:
        return False
    f = features_of(0, event, published)
    if f.lo is None or f.hi is None:
        return False
    return f.lo <= span[1].toordinal() and span[0].toordinal() <= f.hi


def related(
    new: Sequence[Event], grouped: Iterable[Event], reports: Mapping[str, Report],
    incidents: Iterable[Incident],
) -> Related:
    """The events (new ones included) and stored incidents to regroup after ``new`` arrive."""
    span = window(new, reports)
    new_reports = {e.report for e in new}
    by_id = {e.id: e for e in grouped}
    chosen = {e.id for e in by_id.values()
              if e.report in new_reports or _overlaps(e, span, _published(e, reports))}
    touched = [inc for inc in incidents if chosen.intersection(inc.events)]
    for inc in touched:
        chosen.update(m for m in inc.events if m in by_id)
    events = [by_id[i] for i in sorted(chosen)]
    seen = set(chosen)
    events += [e for e in new if e.id not in seen]
    return Related(events, touched, span)


def _published(event: Event, reports: Mapping[str, Report]) -> date | None:
    report = reports.get(event.report)
    return report.published if report else None
