"""One incident from its member events: sources and independent sources, the date, place and
fatality summary, conflicts, explanations and a corroboration level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.model import GEO_REGION, TIME_DAY, Event, Incident, Report, stable_id

from .conflicts import fatality_summary, find_conflicts
from .independence import Origin, OriginResolver


def anchor_id(event_id: str) -> str:
    """The id of an incident anchored on ``event_id`` (its earliest-published event)."""
    return stable_id("inc", event_id)


def corroboration_level(independent_sources: int) -> str:
    """"single source" or "corroborated by N independent sources"."""
    if independent_sources <= 1:
        return "single source"
    return f"corroborated by {independent_sources} independent sources"


@dataclass
class Membership:
    """Why an event is in its incident: the link that holds it, or a judgement."""

    event: str
    score: float
    by: str  # rules, judgement, existing, alone
    partner: str | None = None
    features: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"by": self.by, "score": round(self.score, 3)}
        if self.partner:
            out["joined_with"] = self.partner
        if self.features:
            out["features"] = self.features
        return out


def _most_common(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _dates(events: Sequence[Event]) -> tuple[Any, Any]:
    dated = [e for e in events if e.date_start is not None]
    if not dated:
        return None, None
    best = min(e.time_precision or TIME_DAY for e in dated)
    sharpest = [e for e in dated if (e.time_precision or TIME_DAY) == best]
    starts = [e.date_start for e in sharpest if e.date_start is not None]
    ends = [e.date_end or e.date_start for e in sharpest]
    return min(starts), max(d for d in ends if d is not None)


def _place(events: Sequence[Event]) -> tuple[str | None, str | None, float | None, float | None]:
    placed = [e for e in events if e.place or e.place_name]
    if not placed:
        return None, None, None, None
    best = min(e.geo_precision or GEO_REGION for e in placed)
    sharpest = [e for e in placed if (e.geo_precision or GEO_REGION) == best]
    place = _most_common([e.place or e.place_name for e in sharpest])
    chosen = next(e for e in sharpest if (e.place or e.place_name) == place)
    return chosen.place, chosen.place_name, chosen.lat, chosen.lon


def origins_of(
    events: Sequence[Event], reports: Mapping[str, Report], resolver: OriginResolver
) -> dict[str, list[Origin]]:
    """Report id → the origins that report counts toward, as the teller of ``events``."""
    by_report: dict[str, list[Event]] = {}
    for event in events:
        by_report.setdefault(event.report, []).append(event)
    out = {}
    for rid, told in sorted(by_report.items()):
        report = reports.get(rid)
        out[rid] = (resolver.origins(report, told) if report
                    else [Origin("report:" + rid, "report unknown")])
    return out


def _source_entry(source: str, origins: list[Origin]) -> dict[str, Any]:
    return {"source": source, **origins[0].as_dict(), "origins": [o.key for o in origins],
            "reasons": [o.reason for o in origins]}


def assemble(
    incident_id: str,
    events: Sequence[Event],
    reports: Mapping[str, Report],
    resolver: OriginResolver,
    members: Sequence[Membership],
) -> Incident:
    """The :class:`Incident` of ``events`` (already judged to be one occurrence)."""
    events = sorted(events, key=lambda e: e.id)
    origins = origins_of(events, reports, resolver)
    source_of = {rid: (reports[rid].source or "report:" + rid) if rid in reports
                 else "report:" + rid for rid in origins}
    independent = len({o.key for found in origins.values() for o in found})
    start, end = _dates(events)
    place, place_name, lat, lon = _place(events)
    report_origin = {rid: found[0].key for rid, found in origins.items()}
    scores = [m.score for m in members]
    explanation = {
        "corroboration": corroboration_level(independent),
        "sub_event_type": _most_common([e.sub_event_type for e in events]),
        "members": {m.event: m.as_dict() for m in sorted(members, key=lambda m: m.event)},
        "sources": {rid: _source_entry(source_of[rid], found)
                    for rid, found in origins.items()},
    }
    return Incident(
        id=incident_id,
        events=[e.id for e in events],
        reports=sorted(origins),
        sources=sorted(set(source_of.values())),
        independent_sources=independent,
        event_type=_most_common([e.event_type for e in events]),
        date_start=start,
        date_end=end,
        place=place,
        place_name=place_name,
        lat=lat,
        lon=lon,
        fatalities=fatality_summary(events, report_origin, reports),
        conflicts=find_conflicts(events, source_of),
        explanation=explanation,
        confidence=round(min(scores), 3) if len(events) > 1 and scores else 1.0,
    )
