"""Entity pages: every mention of a person, group or place across reports, with a timeline."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection, String, cast, or_, select

from rasd.model import Event, Mention, Report
from rasd.store.convert import row_event
from rasd.store.records import get_entity, iter_mentions
from rasd.store.reports import get_report
from rasd.store.tables import entities, events
from rasd.web.charts import columns, timeline
from rasd.web.render import not_found, reading, render
from rasd.web.statistics import every_month

router = APIRouter()
MENTION_LIMIT = 500
LIST_LIMIT = 300


def context(report: Report | None, mention: Mention, width: int = 70) -> tuple[str, str, str]:
    """(before, the mention, after) from the report's text."""
    if report is None:
        return "", mention.text, ""
    body = report.text
    before = " ".join(body[max(0, mention.start - width):mention.start].split())
    after = " ".join(body[mention.end:mention.end + width].split())
    return before, body[mention.start:mention.end], after


def events_of(conn: Connection, entity_id: str) -> list[Event]:
    """Events naming the entity as an actor or as their place."""
    query = select(events).where(or_(events.c.place_id == entity_id,
                                     cast(events.c.actors, String).contains(entity_id)))
    found = [row_event(r) for r in conn.execute(query.limit(MENTION_LIMIT))]
    return [e for e in found
            if e.place == entity_id or any(a.entity == entity_id for a in e.actors)]


@router.get("/entities", response_class=HTMLResponse)
def entity_list(request: Request) -> HTMLResponse:
    kind = request.query_params.get("kind", "")
    q = request.query_params.get("q", "").strip()[:200]
    query = select(entities.c.id, entities.c.kind, entities.c.name).order_by(entities.c.name)
    if kind in ("person", "group", "place"):
        query = query.where(entities.c.kind == kind)
    if q:
        query = query.where(entities.c.name.ilike(f"%{q}%"))
    with reading(request) as conn:
        rows = conn.execute(query.limit(LIST_LIMIT)).all()
    return render(request, "entities.html", rows=rows, kind=kind, q=q)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    with reading(request) as conn:
        entity = get_entity(conn, entity_id)
        if entity is None:
            raise not_found("entity")
        mentions = list(iter_mentions(conn, entity=entity_id))[:MENTION_LIMIT]
        reports = {rid: get_report(conn, rid) for rid in {m.report for m in mentions}}
        related = events_of(conn, entity_id)
    rows = [(m, reports.get(m.report), context(reports.get(m.report), m)) for m in mentions]
    rows.sort(key=lambda r: (r[1].published.isoformat() if r[1] and r[1].published else "",
                             r[0].report, r[0].start))
    months = Counter(r.published.strftime("%Y-%m") for r in reports.values()
                     if r and r.published)
    chart = columns("Reports mentioning it, by month of publication",
                    every_month(sorted(months.items())))
    marks = timeline([(e.date_start, f"{e.event_type} ({e.status})", "event", f"/events/{e.id}")
                      for e in related if e.date_start])
    return render(request, "entity.html", entity=entity, rows=rows, events=related,
                  timeline_chart=chart, marks=marks, names={}, incident_of={},
                  show_report=True)
