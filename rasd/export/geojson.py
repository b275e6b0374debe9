"""GeoJSON: the incidents that have a place, as points, for maps and GIS tools."""

from __future__ import annotations

import json
from typing import Any, TextIO

from sqlalchemy import Connection

from rasd.model import Incident
from rasd.store import records
from rasd.store import reports as report_store


def feature(incident: Incident, names: dict[str, str]) -> dict[str, Any] | None:
    if incident.lat is None or incident.lon is None:
        return None
    fat = incident.fatalities
    return {
        "type": "Feature", "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [incident.lon, incident.lat]},
        "properties": {
            "event_type": incident.event_type, "place": incident.place_name,
            "date_start": incident.date_start.isoformat() if incident.date_start else None,
            "date_end": incident.date_end.isoformat() if incident.date_end else None,
            "fatalities_low": fat[0] if fat else None, "fatalities_best": fat[1] if fat else None,
            "fatalities_high": fat[2] if fat else None,
            "independent_sources": incident.independent_sources,
            "sources": [names.get(s, s) for s in incident.sources],
            "reports": incident.reports, "conflicts": [c.field for c in incident.conflicts],
        },
    }


def write_geojson(conn: Connection, out: TextIO) -> int:
    names = {s.id: s.name for s in report_store.list_sources(conn)}
    features = [f for f in (feature(i, names) for i in records.iter_incidents(conn)) if f]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
