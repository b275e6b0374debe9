"""Converting domain records (rasd/model.py) to table rows and back."""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row

from rasd.model import (
    Actor,
    Conflict,
    Count,
    Entity,
    Event,
    Incident,
    Judgement,
    Mention,
    Money,
    Report,
    Source,
    Span,
)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def source_row(s: Source) -> dict[str, Any]:
    return asdict(s)


def row_source(r: Row[Any]) -> Source:
    return Source(id=r.id, name=r.name, kind=r.kind, independence_group=r.independence_group)


REPORT_FIELDS = fields(Report)


def report_row(r: Report) -> dict[str, Any]:
    row = {f.name: getattr(r, f.name) for f in REPORT_FIELDS}  # flat: no deep copy as asdict
    row["protected"] = dict(r.protected)
    row["source_id"] = row.pop("source")
    row["parent_id"] = row.pop("parent")
    return row


def row_report(r: Row[Any]) -> Report:
    return Report(
        id=r.id, sha256=r.sha256, text=r.text, media_type=r.media_type,
        archive_path=r.archive_path, title=r.title, published=_date(r.published),
        published_precision=r.published_precision, url=r.url, language=r.language,
        source=r.source_id, external_id=r.external_id, received_at=_aware(r.received_at),
        parent=r.parent_id, original_name=r.original_name, protected=r.protected or {},
        fictional=bool(r.fictional),
    )


def mention_row(m: Mention) -> dict[str, Any]:
    row = asdict(m)
    row["value"] = _jsonable(row["value"])
    row["report_id"] = row.pop("report")
    row["entity_id"] = row.pop("entity")
    return row


def row_mention(r: Row[Any]) -> Mention:
    return Mention(
        id=r.id, report=r.report_id, kind=r.kind, start=r.start, end=r.end, text=r.text,
        value=r.value, entity=r.entity_id, reason=r.reason, extractor=r.extractor,
        confidence=r.confidence,
    )


def entity_row(e: Entity) -> dict[str, Any]:
    row: dict[str, Any] = _jsonable(asdict(e))
    return row


def row_entity(r: Row[Any]) -> Entity:
    return Entity(id=r.id, kind=r.kind, name=r.name, aliases=list(r.aliases or []),
                  attributes=dict(r.attributes or {}), extractor=r.extractor,
                  confidence=r.confidence)


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(**d) if d else None


def event_row(e: Event) -> dict[str, Any]:
    row = asdict(e)
    for key in ("violations", "actors", "counts", "money", "evidence", "rules"):
        row[key] = _jsonable(row[key])
    row["report_id"] = row.pop("report")
    row["place_id"] = row.pop("place")
    fatalities = e.fatalities()
    row["fatalities_low"], row["fatalities_best"], row["fatalities_high"] = (
        fatalities if fatalities else (None, None, None))
    return row


def row_event(r: Row[Any]) -> Event:
    counts = [Count(**{**c, "evidence": _span(c.get("evidence"))}) for c in r.counts or []]
    money = [Money(**{**m, "evidence": _span(m.get("evidence"))}) for m in r.money or []]
    return Event(
        id=r.id, report=r.report_id, event_type=r.event_type, sub_event_type=r.sub_event_type,
        violations=list(r.violations or []), date_start=_date(r.date_start),
        date_end=_date(r.date_end), time_precision=r.time_precision, place=r.place_id,
        place_name=r.place_name, lat=r.lat, lon=r.lon, geo_precision=r.geo_precision,
        country=r.country, admin1=r.admin1, actors=[Actor(**a) for a in r.actors or []],
        counts=counts, money=money, modality=r.modality, attributed_to=r.attributed_to,
        evidence=[Span(**s) for s in r.evidence or []], confidence=r.confidence,
        status=r.status, extractor=r.extractor, background=bool(r.background),
        rules=list(r.rules or []),
    )


def incident_row(i: Incident) -> dict[str, Any]:
    low, best, high = i.fatalities if i.fatalities else (None, None, None)
    return {
        "id": i.id, "event_type": i.event_type, "date_start": i.date_start,
        "date_end": i.date_end, "place_id": i.place, "place_name": i.place_name, "lat": i.lat,
        "lon": i.lon, "fatalities_low": low, "fatalities_best": best, "fatalities_high": high,
        "sources": i.sources, "independent_sources": i.independent_sources,
        "conflicts": _jsonable([asdict(c) for c in i.conflicts]),
        "explanation": _jsonable(i.explanation), "confidence": i.confidence,
    }


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_incident(r: Row[Any], events: list[str], reports: list[str]) -> Incident:
    fat = None
    if r.fatalities_best is not None or r.fatalities_low is not None:
        fat = (r.fatalities_low, r.fatalities_best, r.fatalities_high)
    return Incident(
        id=r.id, events=events, reports=reports, sources=list(r.sources or []),
        independent_sources=r.independent_sources, event_type=r.event_type,
        date_start=_date(r.date_start), date_end=_date(r.date_end), place=r.place_id,
        place_name=r.place_name, lat=r.lat, lon=r.lon, fatalities=fat,
        conflicts=[Conflict(**c) for c in r.conflicts or []],
        explanation=dict(r.explanation or {}), confidence=r.confidence,
    )


def judgement_row(j: Judgement) -> dict[str, Any]:
    return asdict(j)


def row_judgement(r: Row[Any]) -> Judgement:
    return Judgement(
        id=r.id, subject_kind=r.subject_kind, subject=r.subject, other=r.other,
        decision=r.decision, user=r.user, created_at=_aware(r.created_at) or datetime.now(UTC),
        comment=r.comment, deleted_at=_aware(r.deleted_at),
    )


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, tuples to lists: what a JSON column and an export want."""
    return _jsonable(value)
