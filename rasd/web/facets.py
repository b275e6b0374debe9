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


def _actors(conn: Connection) -> tuple[str, str, str]:
    """(FROM item, role, key) of the actors of event ``e``: key is entity id, else name."""
    if is_sqlite(conn):
        return ("json_each(e.actors) a", "json_extract(a.value, '$.role')",
                "coalesce(json_extract(a.value, '$.entity'), json_extract(a.value, '$.name'))")
    return ("json_array_elements(e.actors) a", "a->>'role'",
            "coalesce(a->>'entity', a->>'name')")


def _events_sql(conn: Connection) -> str:
    """(report, event type, governorate, perpetrator) of the hits' events not rejected: one
    row per perpetrator (an event without one gives a row with none)."""
    actors, role, key = _actors(conn)
    return (f"SELECT e.report_id, e.event_type, e.admin1, {key} FROM {_hits_from(conn)} "
            f"JOIN events e ON e.report_id = h.value LEFT JOIN {actors} "
            f"ON {role} = 'perpetrator' WHERE e.status <> 'rejected'")


def _levels_sql(conn: Connection) -> str:
    """(report, most independent sources) of the hits in an incident."""
    return (f"SELECT e.report_id, max(i.independent_sources) FROM {_hits_from(conn)} "
            "JOIN events e ON e.report_id = h.value "
            "JOIN incident_events ie ON ie.event_id = e.id "
            "JOIN incidents i ON i.id = ie.incident_id GROUP BY e.report_id")


def _level(sources: int | None) -> str:
    if sources is None:
        return "none"
    return "3" if sources >= 3 else ("2" if sources == 2 else "1")


def _counts(conn: Connection, hits: Hits) -> dict[str, list[tuple[str, int]]]:
    params = {"ids": json.dumps(hits.ids)}
    pairs: dict[str, set[tuple[str, str]]] = {"event_type": set(), "governorate": set(),
                                               "perpetrator": set()}
    for report, kind, admin1, perpetrator in conn.execute(text(_events_sql(conn)), params):
        pairs["event_type"].add((kind, report))
        if admin1 is not None:
            pairs["governorate"].add((admin1, report))
        if perpetrator is not None:
            pairs["perpetrator"].add((str(perpetrator), report))
    found = {name: _top(Counter(value for value, _ in found)) for name, found in pairs.items()}
    best = {str(r): int(n) for r, n in conn.execute(text(_levels_sql(conn)), params)}
    found["corroboration"] = _top(Counter(_level(best.get(i)) for i in hits.ids))
    found["source"] = _top(Counter(s for s in hits.sources.values() if s))
    return found


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
