"""The report page: the text with every mention and event highlighted, and the original file."""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from sqlalchemy import Connection, select

from rasd.model import Event
from rasd.store.records import iter_events, iter_mentions
from rasd.store.reports import get_report, get_source
from rasd.store.tables import entities, incident_events
from rasd.web.highlight import segments, spans_of
from rasd.web.render import not_found, reading, render, workspace

router = APIRouter()
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _entity_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = conn.execute(select(entities.c.id, entities.c.name).where(entities.c.id.in_(ids)))
    return {r.id: r.name for r in rows}


def _incidents_of(conn: Connection, events: list[Event]) -> dict[str, str]:
    if not events:
        return {}
    rows = conn.execute(select(incident_events.c.event_id, incident_events.c.incident_id)
                        .where(incident_events.c.event_id.in_([e.id for e in events])))
    return {r.event_id: r.incident_id for r in rows}


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str) -> HTMLResponse:
    with reading(request) as conn:
        report = get_report(conn, report_id)
        if report is None:
            raise not_found("report")
        mentions = list(iter_mentions(conn, report=report_id))
        events = list(iter_events(conn, report=report_id))
        source = get_source(conn, report.source) if report.source else None
        linked = {m.entity for m in mentions if m.entity}
        linked |= {a.entity for e in events for a in e.actors if a.entity}
        linked |= {e.place for e in events if e.place}
        names = _entity_names(conn, {i for i in linked if i})
        incident_of = _incidents_of(conn, events)
    cut = segments(report.text, spans_of(mentions, events, len(report.text)))
    return render(request, "report.html", report=report, source=source, mentions=mentions,
                  events=events, segments=cut, names=names, incident_of=incident_of,
                  show_report=False,
                  kinds=sorted({m.kind for m in mentions} | ({"event"} if events else set())))


@router.get("/reports/{report_id}/original")
def original(request: Request, report_id: str) -> FileResponse:
    """The original bytes as received, always as a download (never rendered by the browser)."""
    with reading(request) as conn:
        report = get_report(conn, report_id)
    if report is None:
        raise not_found("report")
    path = workspace(request).archive.path(report.sha256)
    if not path.is_file():
        raise not_found("original file")
    base = PureWindowsPath(report.original_name or "").name  # either slash
    name = SAFE_NAME.sub("_", base)[-100:].strip("._") or report.sha256
    return FileResponse(path, media_type="application/octet-stream", filename=name,
                        headers={"X-Content-SHA256": report.sha256})
