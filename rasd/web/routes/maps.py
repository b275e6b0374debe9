"""The map (Leaflet, clustered markers, geo precision shown) and statistics (charts, CSV)."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Connection, select

from rasd.store.tables import events, incident_events, incidents
from rasd.web.charts import columns, rows
from rasd.web.labels import labels
from rasd.web.queries import Filters
from rasd.web.render import reading, render, settings
from rasd.web.statistics import STAT_DIMENSIONS, every_month, statistics_by, statistics_cube

router = APIRouter()
POINT_LIMIT = 20_000


def _incident_points(conn: Connection) -> list[dict[str, Any]]:
    precision = {r[0]: r[1] for r in conn.execute(
        select(incident_events.c.incident_id, events.c.geo_precision)
        .join(events, events.c.id == incident_events.c.event_id)
        .where(events.c.geo_precision.is_not(None)))}
    query = (select(incidents.c.id, incidents.c.lat, incidents.c.lon, incidents.c.place_name,
                    incidents.c.event_type, incidents.c.date_start,
                    incidents.c.independent_sources, incidents.c.fatalities_best)
             .where(incidents.c.lat.is_not(None), incidents.c.lon.is_not(None))
             .limit(POINT_LIMIT))
    return [{"kind": "incident", "id": r.id, "lat": r.lat, "lon": r.lon,
             "place": r.place_name, "type": r.event_type,
             "date": r.date_start.isoformat() if hasattr(r.date_start, "isoformat")
             else r.date_start, "sources": r.independent_sources,
             "killed": r.fatalities_best, "precision": precision.get(r.id),
             "href": f"/incidents/{r.id}"} for r in conn.execute(query)]


def _event_points(conn: Connection) -> list[dict[str, Any]]:
    """Events outside any incident (not rejected), so nothing placed is missing."""
    grouped = select(incident_events.c.event_id)
    query = (select(events.c.id, events.c.lat, events.c.lon, events.c.place_name,
                    events.c.event_type, events.c.date_start, events.c.geo_precision,
                    events.c.fatalities_best)
             .where(events.c.lat.is_not(None), events.c.lon.is_not(None),
                    events.c.status != "rejected", events.c.id.not_in(grouped))
             .limit(POINT_LIMIT))
    return [{"kind": "event", "id": r.id, "lat": r.lat, "lon": r.lon, "place": r.place_name,
             "type": r.event_type,
             "date": r.date_start.isoformat() if hasattr(r.date_start, "isoformat")
             else r.date_start, "sources": None, "killed": r.fatalities_best,
             "precision": r.geo_precision, "href": f"/events/{r.id}"}
            for r in conn.execute(query)]


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return render(request, "map.html", tile_url=settings(request).tile_url)


@router.get("/map/points.json")
def map_points(request: Request) -> JSONResponse:
    with reading(request) as conn:
        points = _incident_points(conn) + _event_points(conn)
    return JSONResponse({"points": points})


def _filters(request: Request) -> Filters:
    args = request.query_params
    return Filters(event_type=args.get("event_type", ""),
                   perpetrator=args.get("perpetrator", ""),
                   governorate=args.get("governorate", ""))


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request) -> HTMLResponse:
    f = _filters(request)
    with reading(request) as conn:
        data = {d: statistics_by(conn, f, d) for d in STAT_DIMENSIONS}
        names = labels(conn, [v for v, _, _ in data["perpetrator"]])
    charts = [columns("Events by month", every_month([(v, n) for v, n, _ in data["month"]]))]
    titles = {"event_type": "Events by type", "perpetrator": "Events by perpetrator",
              "governorate": "Events by governorate"}
    for dim, title in titles.items():
        charts.append(rows(title, [(names.get(v, v) or "unknown", n)
                                   for v, n, _ in data[dim]][:25]))
    return render(request, "stats.html", charts=charts, data=data, filters=f, names=names,
                  params=f.active())


@router.get("/stats.csv")
def stats_csv(request: Request) -> Response:
    with reading(request) as conn:
        cube = statistics_cube(conn, _filters(request))
        names = labels(conn, [r["perpetrator"] for r in cube])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*STAT_DIMENSIONS, "perpetrator_name", "events",
                                             "fatalities"])
    writer.writeheader()
    for row in cube:
        row["perpetrator_name"] = names.get(row["perpetrator"], row["perpetrator"])
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=rasd-statistics.csv"})


def _csv_safe(value: Any) -> Any:
    """Values that a spreadsheet would run as a formula are prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
