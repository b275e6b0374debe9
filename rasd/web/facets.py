"""Facet counts of a search: distinct reports among the hits per event type, perpetrator,
governorate, source and corroboration level.

The hits are found once (:func:`rasd.web.queries.first_hits`, up to ``COUNT_CAP``) and given
to each facet's query as one JSON array of report ids, joined to the events through their
report index: the same SQL on both backends but for the JSON functions. Rejected events
count nowhere. Beyond ``COUNT_CAP`` hits the counts are over the first ``COUNT_CAP`` (in the
order of the results), and the page says so.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from rasd.web.labels import labels
from rasd.web.queries import FACET_LIMIT, LEVELS, Filters, Hits, first_hits, is_sqlite

FACETS = ("event_type", "perpetrator", "governorate", "source", "corroboration")


@dataclass
class Facets:
    """{facet: [(value, label, reports)]}, most reports first; ``over``: the hits counted."""

    values: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    over: int = 0
    capped: bool = False


def _hits_from(conn: Connection) -> str:
    """A FROM item of the hits' report ids (``h.value``), given as one JSON array ``:ids``."""
    if is_sqlite(conn):
        return "json_each(:ids) h"
    return "json_array_elements_text(CAST(:ids AS json)) AS h(value)"


def _events_sql(conn: Connection) -> str:
    """(facet, value, reports) of the hits' events not rejected, counted by the database: the
    rows (report, event type, governorate, perpetrator) are made once (one per perpetrator;
    an event without one gives a row with none) and grouped three ways."""
    rows = (f"SELECT e.report_id AS report, e.event_type AS kind, e.admin1 AS admin1, "
            f"a.actor AS perp FROM {_hits_from(conn)} JOIN events e ON e.report_id = h.value "
            "LEFT JOIN event_actors a ON a.event_id = e.id AND a.role = 'perpetrator' "
            "WHERE e.status <> 'rejected'")
    return (f"WITH ev AS MATERIALIZED ({rows}) "
            "SELECT 'event_type', kind, count(DISTINCT report) FROM ev GROUP BY kind "
            "UNION ALL SELECT 'governorate', admin1, count(DISTINCT report) FROM ev "
            "WHERE admin1 IS NOT NULL GROUP BY admin1 "
            "UNION ALL SELECT 'perpetrator', perp, count(DISTINCT report) FROM ev "
            "WHERE perp IS NOT NULL GROUP BY perp")


def _levels_sql(conn: Connection) -> str:
    """(level, reports) of the hits in an incident: the most independent sources of the
    incidents holding one of the report's events, as "1", "2" or "3" (3 or more)."""
    best = (f"SELECT ie.report_id, max(i.independent_sources) AS most FROM {_hits_from(conn)} "
            "JOIN incident_events ie ON ie.report_id = h.value "
            "JOIN incidents i ON i.id = ie.incident_id GROUP BY ie.report_id")
    level = "CASE WHEN most >= 3 THEN '3' WHEN most = 2 THEN '2' ELSE '1' END"
    return f"SELECT {level} AS level, count(*) FROM ({best}) b GROUP BY {level}"


def _counts(conn: Connection, hits: Hits) -> dict[str, list[tuple[str, int]]]:
    params = {"ids": json.dumps(hits.ids)}
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for facet, value, reports in conn.execute(text(_events_sql(conn)), params):
        counts[facet][str(value)] = int(reports)
    for level, reports in conn.execute(text(_levels_sql(conn)), params):
        counts["corroboration"][str(level)] = int(reports)
    outside = len(hits.ids) - sum(counts["corroboration"].values())
    if outside:
        counts["corroboration"]["none"] = outside
    counts["source"] = Counter(s for s in hits.sources.values() if s)
    return {name: _top(found) for name, found in counts.items()}


def _top(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]


def facets(conn: Connection, f: Filters) -> Facets:
    """The facet counts of the search ``f`` (its page number is ignored)."""
    hits = first_hits(conn, f)
    tops = _counts(conn, hits) if hits.ids else {name: [] for name in FACETS}
    names = labels(conn, [k for name in ("perpetrator", "source") for k, _ in tops[name]])
    found = {name: [(k, (LEVELS if name == "corroboration" else names).get(k, k), n)
                    for k, n in tops[name]] for name in FACETS}
    return Facets(found, over=len(hits.ids), capped=hits.capped)
