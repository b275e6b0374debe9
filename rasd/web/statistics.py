"""Statistics: events by month x type x perpetrator x governorate, on SQLite and PostgreSQL.

Events count when not rejected and not background. An event with two perpetrators is in the
cube row of each, but counted once in every per-dimension total.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from rasd.web.queries import Filters, is_sqlite, perpetrators_sql

STAT_DIMENSIONS = ("month", "event_type", "perpetrator", "governorate")


def _month(conn: Connection) -> str:
    return ("substr(e.date_start, 1, 7)" if is_sqlite(conn)
            else "to_char(e.date_start, 'YYYY-MM')")


def _stat_where(f: Filters, params: dict[str, Any]) -> str:
    clauses = ["e.status <> 'rejected'", "NOT e.background"]
    if f.event_type:
        params["event_type"] = f.event_type
        clauses.append("e.event_type = :event_type")
    if f.governorate:
        params["governorate"] = f.governorate
        clauses.append("e.admin1 = :governorate")
    if f.perpetrator:
        params["perpetrator"] = f.perpetrator
        clauses.append("p.perp = :perpetrator")
    return " AND ".join(clauses)


def _stat_from(conn: Connection) -> str:
    return f"events e LEFT JOIN ({perpetrators_sql(conn)}) p ON p.event_id = e.id"


def statistics_cube(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    """Rows of (month, event_type, perpetrator, governorate, events, fatalities).

    Unknown values are empty strings; the perpetrator is an entity id, else the name reported.
    """
    params: dict[str, Any] = {}
    sql = (f"SELECT coalesce({_month(conn)}, ''), e.event_type, coalesce(p.perp, ''), "
           f"coalesce(e.admin1, ''), count(*), sum(coalesce(e.fatalities_best, 0)) "
           f"FROM {_stat_from(conn)} WHERE {_stat_where(f, params)} "
           "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
    return [dict(zip((*STAT_DIMENSIONS, "events", "fatalities"),
                     (*r[:4], int(r[4]), int(r[5] or 0)), strict=True))
            for r in conn.execute(text(sql), params)]


def statistics_by(conn: Connection, f: Filters, dimension: str) -> list[tuple[str, int, int]]:
    """(value, distinct events, fatalities) per value of one dimension, events counted once."""
    column = {"month": _month(conn), "event_type": "e.event_type", "perpetrator": "p.perp",
              "governorate": "e.admin1"}[dimension]
    params: dict[str, Any] = {}
    inner = (f"SELECT DISTINCT e.id, {column} AS value, coalesce(e.fatalities_best, 0) AS dead "
             f"FROM {_stat_from(conn)} WHERE {_stat_where(f, params)}")
    order = "1" if dimension == "month" else "2 DESC, 1"
    sql = (f"SELECT coalesce(value, ''), count(*), sum(dead) FROM ({inner}) d "
           f"GROUP BY 1 ORDER BY {order}")
    return [(str(v), int(n), int(d or 0)) for v, n, d in conn.execute(text(sql), params)]


def every_month(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``counts`` of "YYYY-MM" months with the months between them filled in with 0, so a
    chart's axis is time (a quiet month shows as a gap, not as nothing)."""
    known = dict(counts)
    months = sorted(k for k in known if len(k) == 7 and k[4] == "-")
    if not months:
        return []
    year, month = int(months[0][:4]), int(months[0][5:])
    found = []
    while True:
        key = f"{year:04d}-{month:02d}"
        found.append((key, known.get(key, 0)))
        if key >= months[-1]:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
