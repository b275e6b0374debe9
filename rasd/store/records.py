"""Reading and writing what the machine stages make: mentions, entities, events, incidents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, bindparam, delete, func, select, update

from rasd.model import Entity, Event, Incident, Mention
from rasd.store import audit
from rasd.store.convert import (
    entity_row,
    event_row,
    incident_row,
    mention_row,
    row_entity,
    row_event,
    row_incident,
    row_mention,
)
from rasd.store.tables import (
    entities,
    event_actors,
    events,
    incident_events,
    incidents,
    mentions,
)

HUMAN_STATUSES = ("confirmed", "rejected", "edited")


def save_extraction(conn: Connection, report_id: str, found_mentions: list[Mention],
                    found_events: list[Event]) -> None:
    """Replace a report's machine output; events a person has decided on are kept as they are."""
    kept = set(conn.execute(select(events.c.id).where(
        events.c.report_id == report_id, events.c.status.in_(HUMAN_STATUSES))).scalars())
    conn.execute(delete(mentions).where(mentions.c.report_id == report_id))
    machine = select(events.c.id).where(events.c.report_id == report_id,
                                        events.c.status.not_in(HUMAN_STATUSES))
    conn.execute(delete(incident_events).where(incident_events.c.event_id.in_(machine)))
    conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(machine)))
    conn.execute(delete(events).where(events.c.report_id == report_id,
                                      events.c.status.not_in(HUMAN_STATUSES)))
    if found_mentions:
        conn.execute(mentions.insert(), [mention_row(m) for m in found_mentions])
    insert_events(conn, [e for e in found_events if e.id not in kept])


def insert_events(conn: Connection, found: list[Event]) -> None:
    """Insert events with their rows of ``event_actors`` (the only way events are written)."""
    if found:
        conn.execute(events.insert(), [event_row(e) for e in found])
    rows = actor_rows(found)
    if rows:
        conn.execute(event_actors.insert(), rows)


def actor_rows(found: Iterable[Event]) -> list[dict[str, str]]:
    """The ``event_actors`` rows of events: one per (event, role, actor), where the actor is
    its entity id, else its name as reported."""
    keys = ((e, a.role, a.name if a.entity is None else a.entity) for e in found
            for a in e.actors)
    rows = {(e.id, role, actor): e.report for e, role, actor in keys if actor is not None}
    return [{"event_id": e, "role": role, "actor": actor, "report_id": report}
            for (e, role, actor), report in rows.items()]


def iter_mentions(conn: Connection, kind: str | None = None,
                  report: str | None = None, entity: str | None = None) -> Iterator[Mention]:
    query = select(mentions).order_by(mentions.c.report_id, mentions.c.start, mentions.c.id)
    if kind:
        query = query.where(mentions.c.kind == kind)
    if report:
        query = query.where(mentions.c.report_id == report)
    if entity:
        query = query.where(mentions.c.entity_id == entity)
    for row in conn.execute(query):
        yield row_mention(row)


#: one UPDATE for every mention linked, run as a batch (executemany)
LINK_MENTION = (update(mentions).where(mentions.c.id == bindparam("mention_id"))
                .values(entity_id=bindparam("entity"), reason=bindparam("why")))
#: ids per ``IN (...)`` list: well under SQLite's and PostgreSQL's limits on parameters
CHUNK = 500


def set_mention_links(conn: Connection, links: dict[str, tuple[str | None, str | None]]) -> None:
    """Point mentions at entities: {mention id: (entity id or None, reason)}."""
    if links:
        conn.execute(LINK_MENTION, [{"mention_id": m, "entity": e, "why": why}
                                    for m, (e, why) in links.items()])


def save_entities(conn: Connection, found: Iterable[Entity]) -> None:
    """Insert or replace entities by id."""
    rows = list({e.id: entity_row(e) for e in found}.values())  # the last one of an id wins
    delete_entities(conn, [r["id"] for r in rows])
    if rows:
        conn.execute(entities.insert(), rows)


def delete_entities(conn: Connection, ids: Iterable[str]) -> None:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        conn.execute(delete(entities).where(entities.c.id.in_(ids[i:i + CHUNK])))


def iter_entities(conn: Connection, kind: str | None = None) -> Iterator[Entity]:
    query = select(entities).order_by(entities.c.kind, entities.c.name, entities.c.id)
    if kind:
        query = query.where(entities.c.kind == kind)
    for row in conn.execute(query):
        yield row_entity(row)


def get_entity(conn: Connection, entity_id: str) -> Entity | None:
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    return row_entity(row) if row else None


def iter_events(conn: Connection, report: str | None = None) -> Iterator[Event]:
    query = select(events).order_by(events.c.report_id, events.c.id)
    if report:
        query = query.where(events.c.report_id == report)
    for row in conn.execute(query):
        yield row_event(row)


def get_event(conn: Connection, event_id: str) -> Event | None:
    row = conn.execute(select(events).where(events.c.id == event_id)).first()
    return row_event(row) if row else None


def set_event_status(conn: Connection, event_id: str, status: str, user: str) -> None:
    before = conn.execute(select(events.c.status).where(events.c.id == event_id)).scalar()
    conn.execute(update(events).where(events.c.id == event_id).values(status=status))
    audit.record(conn, user, "review", "event", event_id, {"status": before}, {"status": status})


def replace_incidents(conn: Connection, found: list[Incident],
                      stale: list[str] | None = None) -> None:
    """Store incidents of a run of corroboration in place of the ``stale`` ones (all when None)."""
    if stale is None:
        conn.execute(delete(incident_events))
        conn.execute(delete(incidents))
    else:
        gone = list({*stale, *(i.id for i in found)})
        conn.execute(delete(incident_events).where(incident_events.c.incident_id.in_(gone)))
        conn.execute(delete(incidents).where(incidents.c.id.in_(gone)))
    for incident in found:
        conn.execute(incidents.insert().values(**incident_row(incident)))
        by_event = dict(zip(incident.events, _event_reports(conn, incident.events), strict=True))
        if incident.events:
            conn.execute(incident_events.insert(), [
                {"incident_id": incident.id, "event_id": e, "report_id": r}
                for e, r in by_event.items()])


def _event_reports(conn: Connection, event_ids: list[str]) -> list[str]:
    found = dict(conn.execute(select(events.c.id, events.c.report_id)
                              .where(events.c.id.in_(event_ids))).all())
    return [found[e] for e in event_ids]


def iter_incidents(conn: Connection, min_sources: int = 0) -> Iterator[Incident]:
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in conn.execute(select(incident_events).order_by(incident_events.c.event_id)):
        members[row.incident_id].append((row.event_id, row.report_id))
    query = (select(incidents).where(incidents.c.independent_sources >= min_sources)
             .order_by(incidents.c.independent_sources.desc(), incidents.c.date_start,
                       incidents.c.id))
    for row in conn.execute(query):
        pairs = members.get(row.id, [])
        reports = sorted({r for _, r in pairs})
        yield row_incident(row, [e for e, _ in pairs], reports)


def count_incidents(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(incidents)).scalar() or 0)
