"""The JSON Lines interchange format (docs/export.md, docs/export.schema.json): a contract.

Protected fields (informants, witnesses, a sender's address) never leave the workspace.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import Connection

from rasd.model import Entity, Event, Incident, Mention, Report
from rasd.store import records
from rasd.store import reports as report_store
from rasd.store.convert import jsonable


def report_record(r: Report, source_names: dict[str, str]) -> dict[str, Any]:
    return {"type": "report", "id": r.id, "external_id": r.external_id, "sha256": r.sha256,
            "title": r.title, "source": source_names.get(r.source or "", r.source),
            "source_id": r.source, "published": r.published.isoformat() if r.published else None,
            "url": r.url, "language": r.language, "media_type": r.media_type,
            "parent": r.parent, "fictional": r.fictional}


def entity_record(e: Entity) -> dict[str, Any]:
    a = e.attributes
    return {"type": "entity", "id": e.id, "kind": e.kind, "name": e.name,
            "aliases": e.aliases, "lat": a.get("lat"), "lon": a.get("lon"),
            "country": a.get("country"), "admin1": a.get("admin1"),
            "attributes": jsonable(a)}


def mention_record(m: Mention) -> dict[str, Any]:
    return {"type": "mention", "id": m.id, "report": m.report, "kind": m.kind, "text": m.text,
            "start": m.start, "end": m.end, "entity": m.entity, "value": jsonable(m.value)}


def event_record(e: Event) -> dict[str, Any]:
    fat = e.fatalities()
    return {
        "type": "event", "id": e.id, "report": e.report, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type, "violations": e.violations,
        "date_start": e.date_start.isoformat() if e.date_start else None,
        "date_end": e.date_end.isoformat() if e.date_end else None,
        "time_precision": e.time_precision, "place": e.place, "place_name": e.place_name,
        "lat": e.lat, "lon": e.lon, "geo_precision": e.geo_precision, "country": e.country,
        "admin1": e.admin1,
        "actors": [{"entity": a.entity, "role": a.role, "name": a.name, "rule": a.rule}
                   for a in e.actors],
        "fatalities": ({"low": fat[0], "best": fat[1], "high": fat[2]} if fat else None),
        "counts": jsonable(e.counts), "modality": e.modality, "attributed_to": e.attributed_to,
        "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in e.evidence],
        "confidence": e.confidence, "status": e.status, "rules": e.rules,
    }


def incident_record(i: Incident) -> dict[str, Any]:
    fat = i.fatalities
    return {
        "type": "incident", "id": i.id, "events": i.events, "reports": i.reports,
        "sources": i.sources, "independent_sources": i.independent_sources,
        "event_type": i.event_type,
        "date_start": i.date_start.isoformat() if i.date_start else None,
        "date_end": i.date_end.isoformat() if i.date_end else None,
        "place": i.place, "place_name": i.place_name, "lat": i.lat, "lon": i.lon,
        "fatalities": ({"low": fat[0], "best": fat[1], "high": fat[2]} if fat else None),
        "conflicts": jsonable(i.conflicts),
    }


def records_of(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every exported record: reports, entities, mentions, events, incidents, in that order."""
    names = {s.id: s.name for s in report_store.list_sources(conn)}
    for report in report_store.iter_reports(conn):
        yield report_record(report, names)
    for entity in records.iter_entities(conn):
        yield entity_record(entity)
    for mention in records.iter_mentions(conn):
        yield mention_record(mention)
    for event in records.iter_events(conn):
        yield event_record(event)
    for incident in records.iter_incidents(conn):
        yield incident_record(incident)


def write_jsonl(conn: Connection, out: TextIO) -> int:
    n = 0
    for record in records_of(conn):
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n
