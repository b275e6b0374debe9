"""Incidents: the list, and one incident with its reports side by side, sources, conflicts,
map point and timeline. Event statuses are read live: a rejected event is struck out and left
out of the live counts until corroboration runs again."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection, select

from rasd.model import Event, Incident, Report
from rasd.store.convert import row_incident
from rasd.store.records import get_event, iter_incidents
from rasd.store.reports import get_report
from rasd.store.tables import incident_events, incidents
from rasd.web.charts import timeline
from rasd.web.highlight import Segment, segments, spans_of
from rasd.web.labels import conflict_ids, labels
from rasd.web.render import not_found, reading, render

router = APIRouter()
LIST_LIMIT = 500


@dataclass
class Live:
    """What still stands when rejected events are left out."""

    events: list[Event] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    independent: int = 0
    fatalities: tuple[int, int] | None = None
    rejected: int = 0


def live_view(incident: Incident, events: list[Event], by_report: dict[str, Report]) -> Live:
    standing = [e for e in events if e.status != "rejected"]
    explained: dict[str, Any] = incident.explanation.get("sources", {})
    reports = sorted({e.report for e in standing})

    def source_of(rid: str) -> str:
        found = by_report.get(rid)
        return explained.get(rid, {}).get("source") or (found.source if found else None) or rid

    origins = {explained.get(rid, {}).get("origin") or source_of(rid) for rid in reports}
    best = [f[1] for f in (e.fatalities() for e in standing) if f and f[1] is not None]
    return Live(events=standing, reports=reports,
                sources=sorted({source_of(r) for r in reports}), independent=len(origins),
                fatalities=(min(best), max(best)) if best else None,
                rejected=len(events) - len(standing))


def load_incident(conn: Connection, incident_id: str) -> Incident | None:
    row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).first()
    if row is None:
        return None
    pairs = conn.execute(select(incident_events.c.event_id, incident_events.c.report_id)
                         .where(incident_events.c.incident_id == incident_id)
                         .order_by(incident_events.c.event_id)).all()
    return row_incident(row, [p[0] for p in pairs], sorted({p[1] for p in pairs}))


@router.get("/incidents", response_class=HTMLResponse)
def incident_list(request: Request) -> HTMLResponse:
    raw = request.query_params.get("min_sources", "")
    minimum = int(raw) if raw.isdigit() else 0
    with reading(request) as conn:
        found = []
        for incident in iter_incidents(conn, min_sources=minimum):
            found.append(incident)
            if len(found) >= LIST_LIMIT:
                break
    return render(request, "incidents.html", incidents=found, minimum=minimum)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str) -> HTMLResponse:
    with reading(request) as conn:
        incident = load_incident(conn, incident_id)
        if incident is None:
            raise not_found("incident")
        events = [e for e in (get_event(conn, i) for i in incident.events) if e]
        by_report = {r.id: r for r in (get_report(conn, i) for i in incident.reports) if r}
        live = live_view(incident, events, by_report)
        names = labels(conn, [*live.sources, *conflict_ids(incident.conflicts),
                              *(r.source for r in by_report.values()),
                              *(a.entity for e in events for a in e.actors), *by_report])
    marks = timeline(
        [(e.date_start, f"event ({e.status})", "event", f"/events/{e.id}")
         for e in events if e.date_start]
        + [(r.published, f"report published: {r.title or r.id}", "report", f"/reports/{r.id}")
           for r in by_report.values() if r.published])
    precision = min((e.geo_precision for e in events if e.geo_precision), default=None)
    return render(request, "incident.html", incident=incident, live=live,
                  columns=side_by_side(list(by_report.values()), events), marks=marks,
                  precision=precision, names=names, incident_of={}, show_report=False)


def side_by_side(reports: list[Report], events: list[Event]
                 ) -> list[tuple[Report, list[Event], list[Segment]]]:
    """Each report (oldest first) with its events and its text cut at their evidence."""
    found = []
    for report in sorted(reports, key=lambda r: (r.published is None, r.published, r.id)):
        told = [e for e in events if e.report == report.id]
        found.append((report, told, segments(report.text,
                                             spans_of([], told, len(report.text)))))
    return found
