"""Readable names for the ids pages show: entities and sources by name, reports by title.

Pages keep ids in links and CSV files (stable, exact) and show these labels to people.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from rasd.model import Conflict
from rasd.store.tables import entities, reports, sources

CHUNK = 500  # ids per IN (...) list


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for at in range(0, len(ids), CHUNK):
        yield ids[at:at + CHUNK]


def labels(conn: Connection, ids: Iterable[Any]) -> dict[str, str]:
    """{id: name} for the entity, source and report ids among ``ids`` (others are left out)."""
    wanted = sorted({i for i in ids if isinstance(i, str) and i})
    found: dict[str, str] = {}
    for part in _chunks(wanted):
        for table, column in ((entities, entities.c.name), (sources, sources.c.name),
                              (reports, reports.c.title)):
            rows = conn.execute(select(table.c.id, column).where(table.c.id.in_(part)))
            found.update({str(i): str(n) for i, n in rows if n})
    return found


def conflict_ids(conflicts: list[Conflict]) -> set[str]:
    """Every id a conflicts table names: its values (perpetrators), sources and reports."""
    found: set[str] = set()
    for conflict in conflicts:
        for value in conflict.values:
            raw = value.get("value")
            found.update(x for x in (raw if isinstance(raw, list) else [raw]) if isinstance(x, str))
            found.update(value.get("sources", []))
            found.update(value.get("reports", []))
    return found
