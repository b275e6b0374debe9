"""The review queue: suggested events (confirm / edit / reject) and entity pairs (same /
different / unsure). Every decision is a judgement with the user's name and the time."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, select, update

from rasd.model import Event
from rasd.resolve.judgements import judge
from rasd.store import audit
from rasd.store.judgements import add_judgement, live_judgements, new_judgement, queue
from rasd.store.records import get_event, set_event_status
from rasd.store.tables import entities, events, mentions
from rasd.web.render import not_found, reading, render, settings, writing

router = APIRouter()
QUEUE_LIMIT = 200
EVENT_DECISIONS = {"confirm": ("confirmed", "positive"), "reject": ("rejected", "negative")}
PAIR_DECISIONS = ("positive", "negative", "unsure")
EDITABLE = ("event_type", "sub_event_type", "place_name", "admin1", "date_start", "date_end")


def _next(request: Request, fallback: str) -> str:
    target = request.query_params.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else fallback


def _event_response(request: Request, event_id: str) -> Response:
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(_next(request, f"/events/{event_id}"), status_code=303)
    with reading(request) as conn:
        event = get_event(conn, event_id)
    return render(request, "_event.html", event=event, names={}, incident_of={},
                  show_report=True)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    with reading(request) as conn:
        event = get_event(conn, event_id)
        history = live_judgements(conn, "event", event_id)
    if event is None:
        raise not_found("event")
    return render(request, "event.html", event=event, history=history, names={},
                  incident_of={}, show_report=True)


@router.post("/events/{event_id}/decision")
def decide_event(request: Request, event_id: str, decision: str = Form(...),
                 comment: str = Form("")) -> Response:
    if decision not in EVENT_DECISIONS:
        return Response("decision must be confirm or reject", status_code=400)
    status, verdict = EVENT_DECISIONS[decision]
    user = settings(request).user
    with writing(request) as conn:
        if get_event(conn, event_id) is None:
            raise not_found("event")
        add_judgement(conn, new_judgement("event", event_id, None, verdict, user,
                                          comment.strip()[:2000] or None))
        set_event_status(conn, event_id, status, user)
    return _event_response(request, event_id)


@router.get("/events/{event_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, event_id: str) -> HTMLResponse:
    with reading(request) as conn:
        event = get_event(conn, event_id)
    if event is None:
        raise not_found("event")
    return render(request, "_event_edit.html", event=event)


def _changes(event: Event, form: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in EDITABLE:
        raw = form.get(name, "").strip()[:500]
        value: Any = raw or None
        if name.startswith("date_") and raw:
            value = date.fromisoformat(raw)
        if name in ("event_type", "sub_event_type") and not raw:
            continue
        if value != getattr(event, name):
            found[name] = value
    violations = sorted({v.strip() for v in form.get("violations", "").split(",") if v.strip()})
    if violations != sorted(event.violations):
        found["violations"] = violations
    return found


@router.post("/events/{event_id}/edit")
async def edit_event(request: Request, event_id: str) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    user = settings(request).user
    with writing(request) as conn:
        event = get_event(conn, event_id)
        if event is None:
            raise not_found("event")
        try:
            changes = _changes(event, form)
        except ValueError:
            return Response("dates must be YYYY-MM-DD", status_code=400)
        _apply_edit(conn, event, changes, user)
    return _event_response(request, event_id)


def _apply_edit(conn: Connection, event: Event, changes: dict[str, Any], user: str) -> None:
    if not changes:
        return
    before = {k: getattr(event, k) for k in changes}
    conn.execute(update(events).where(events.c.id == event.id).values(**changes))
    audit.record(conn, user, "edit", "event", event.id, audit_safe(before), audit_safe(changes))
    note = "edited: " + ", ".join(sorted(changes))
    add_judgement(conn, new_judgement("event", event.id, None, "positive", user, note))
    set_event_status(conn, event.id, "edited", user)


def audit_safe(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    found = {r.id: r.name for r in conn.execute(
        select(entities.c.id, entities.c.name).where(entities.c.id.in_(ids)))}
    found |= {r.id: r.text for r in conn.execute(
        select(mentions.c.id, mentions.c.text).where(mentions.c.id.in_(ids)))}
    return found


def pending_pairs(conn: Connection) -> list[dict[str, Any]]:
    """Queued pairs nobody has judged yet."""
    decided = {frozenset((j.subject, j.other or "")) for j in live_judgements(conn, "entity-pair")}
    items = [i for i in queue(conn) if i["kind"] != "event" and i["other"]
             and frozenset((i["subject"], i["other"])) not in decided]
    return items[:QUEUE_LIMIT]


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    with reading(request) as conn:
        rows = conn.execute(select(events.c.id).where(events.c.status == "suggested")
                            .order_by(events.c.confidence.desc(), events.c.id)
                            .limit(QUEUE_LIMIT)).scalars().all()
        suggested = [e for e in (get_event(conn, i) for i in rows) if e]
        pairs = pending_pairs(conn)
        names = _names(conn, {p["subject"] for p in pairs} | {p["other"] for p in pairs})
    return render(request, "review.html", suggested=suggested, pairs=pairs, names=names,
                  incident_of={}, show_report=True)


@router.post("/pairs/decision")
def decide_pair(request: Request, subject: str = Form(...), other: str = Form(...),
                decision: str = Form(...), comment: str = Form("")) -> Response:
    if decision not in PAIR_DECISIONS or subject == other:
        return Response("decision must be positive, negative or unsure", status_code=400)
    user = settings(request).user
    with writing(request) as conn:
        add_judgement(conn, judge(subject, other, decision,  # type: ignore[arg-type]
                                  user, comment.strip()[:2000] or None))
    if request.headers.get("hx-request") == "true":
        return render(request, "_pair_done.html", decision=decision, subject=subject,
                      other=other)
    return RedirectResponse(_next(request, "/review"), status_code=303)
