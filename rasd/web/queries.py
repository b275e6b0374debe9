"""Search with facets, and statistics: SQL with one meaning on SQLite and PostgreSQL.

A search is the reports that hold every word of the query (as :mod:`rasd.store.search`: FTS5 on
SQLite, ``rasd_simple`` full text on PostgreSQL) and pass every facet filter. Facets count
distinct reports among the hits. Rejected events count nowhere. The date range keeps a report
published in it or telling of an event that happened in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from rasd.store.search import terms

PAGE_SIZE = 20
COUNT_CAP = 10_000  # hits counted (and ranked) up to this many
FACET_LIMIT = 15
LEVELS = {"none": "not in an incident", "1": "single source", "2": "2 independent sources",
          "3": "3 or more independent sources"}


@dataclass
class Filters:
    """What the search form asks for; empty strings and None mean "any"."""

    q: str = ""
    event_type: str = ""
    perpetrator: str = ""
    governorate: str = ""
    source: str = ""
    corroboration: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    def active(self) -> dict[str, str]:
        """The filters in force, for the page's "remove filter" links."""
        found = {k: str(getattr(self, k) or "") for k in
                 ("event_type", "perpetrator", "governorate", "source", "corroboration",
                  "date_from", "date_to")}
        return {k: v for k, v in found.items() if v}


@dataclass
class Result:
    report: str
    title: str | None
    published: date | None
    source: str | None
    language: str | None
    snippet: str


@dataclass
class Page:
    filters: Filters
    total: int
    results: list[Result]
    capped: bool = False


def _is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _date(conn: Connection, value: date) -> Any:
    return value.isoformat() if _is_sqlite(conn) else value


def _text_match(conn: Connection, q: str, params: dict[str, Any]) -> str | None:
    parts = terms(q)
    if not parts:
        return None
    if _is_sqlite(conn):
        params["q"] = " AND ".join('"' + " ".join(words) + '"' for words in parts)
        return FTS_CLAUSE
    params["q"] = " & ".join("(" + " <-> ".join(words) + ")" for words in parts)
    return "r.search @@ to_tsquery('rasd_simple', :q)"


def perpetrators_sql(conn: Connection) -> str:
    """(event id, report id, perpetrator key) rows: entity id, else the name as reported."""
    if _is_sqlite(conn):
        return ("SELECT e.id AS event_id, e.report_id, "
                "coalesce(json_extract(a.value, '$.entity'), json_extract(a.value, '$.name')) "
                "AS perp FROM events e, json_each(e.actors) a "
                "WHERE json_extract(a.value, '$.role') = 'perpetrator' "
                "AND e.status <> 'rejected'")
    return ("SELECT e.id AS event_id, e.report_id, coalesce(a->>'entity', a->>'name') AS perp "
            "FROM events e, json_array_elements(e.actors) a "
            "WHERE a->>'role' = 'perpetrator' AND e.status <> 'rejected'")


FTS_CLAUSE = "r.rowid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q)"
LEVEL_SQL = ("SELECT ie.report_id, max(i.independent_sources) AS level FROM incident_events ie "
             "JOIN incidents i ON i.id = ie.incident_id GROUP BY ie.report_id")


def _level_clause(level: str) -> str:
    if level == "none":
        return "r.id NOT IN (SELECT report_id FROM incident_events)"
    test = ">= 3" if level == "3" else ("= 2" if level == "2" else "<= 1")
    return f"r.id IN (SELECT report_id FROM ({LEVEL_SQL}) lv WHERE lv.level {test})"


def _event_clause(column: str, name: str) -> str:
    return (f"r.id IN (SELECT report_id FROM events WHERE {column} = :{name} "
            "AND status <> 'rejected')")


def _date_clause(conn: Connection, f: Filters, params: dict[str, Any]) -> str | None:
    if not f.date_from and not f.date_to:
        return None
    low = f.date_from or date(1, 1, 1)
    high = f.date_to or date(9999, 12, 31)
    params["date_from"], params["date_to"] = _date(conn, low), _date(conn, high)
    return ("(r.published BETWEEN :date_from AND :date_to OR r.id IN (SELECT report_id FROM "
            "events WHERE status <> 'rejected' AND date_start <= :date_to "
            "AND coalesce(date_end, date_start) >= :date_from))")


def where(conn: Connection, f: Filters, params: dict[str, Any]) -> list[str]:
    """The SQL conditions on ``reports r`` of every filter in force (params filled in)."""
    clauses = [c for c in (_text_match(conn, f.q, params), _date_clause(conn, f, params)) if c]
    if f.event_type:
        params["event_type"] = f.event_type
        clauses.append(_event_clause("event_type", "event_type"))
    if f.governorate:
        params["governorate"] = f.governorate
        clauses.append(_event_clause("admin1", "governorate"))
    if f.perpetrator:
        params["perpetrator"] = f.perpetrator
        clauses.append(f"r.id IN (SELECT report_id FROM ({perpetrators_sql(conn)}) p "
                       "WHERE p.perp = :perpetrator)")
    if f.source:
        params["source"] = f.source
        clauses.append("r.source_id = :source")
    if f.corroboration in LEVELS:
        clauses.append(_level_clause(f.corroboration))
    return clauses


def _hits_sql(conn: Connection, clauses: list[str]) -> str:
    """The ids of the hits; on SQLite driven by the FTS index, so a LIMIT stops it early."""
    if FTS_CLAUSE in clauses and _is_sqlite(conn):
        cond = " AND ".join([c for c in clauses if c != FTS_CLAUSE] or ["1 = 1"])
        return ("SELECT r.id FROM reports_fts f JOIN reports r ON r.rowid = f.rowid "
                f"WHERE reports_fts MATCH :q AND {cond}")
    cond = " AND ".join(clauses) if clauses else "1 = 1"
    return f"SELECT r.id FROM reports r WHERE {cond}"


def _ordered_sql(conn: Connection, clauses: list[str], text_query: bool, ranked: bool) -> str:
    """One page of hits: by relevance, or (too many to rank) the newest received first."""
    cols = "r.id, r.title, r.published, r.source_id, r.language, r.text"
    page = "LIMIT :limit OFFSET :offset"
    if text_query and _is_sqlite(conn):
        cond = " AND ".join([c for c in clauses if c != FTS_CLAUSE] or ["1 = 1"])
        order = "bm25(reports_fts), r.id" if ranked else "f.rowid DESC"
        return (f"SELECT {cols} FROM reports_fts f JOIN reports r ON r.rowid = f.rowid "
                f"WHERE reports_fts MATCH :q AND {cond} ORDER BY {order} {page}")
    cond = " AND ".join(clauses) if clauses else "1 = 1"
    if text_query and ranked:
        order = "ts_rank(r.search, to_tsquery('rasd_simple', :q)) DESC, r.id"
    elif text_query:
        order = "r.received_at DESC, r.id"
    else:
        order = "r.published DESC, r.id"
    return f"SELECT {cols} FROM reports r WHERE {cond} ORDER BY {order} {page}"


def snippet(body: str, q: str, width: int = 220) -> str:
    """A piece of ``body`` around the first word of the query (the start when none)."""
    lowered = body.lower()
    found = [lowered.find(words[0]) for words in terms(q)]
    found = [p for p in found if p >= 0]
    at = max(0, min(found) - width // 3) if found else 0
    piece = " ".join(body[at:at + width].split())
    return ("…" if at else "") + piece + ("…" if at + width < len(body) else "")


def _facet(conn: Connection, sql: str, params: dict[str, Any]) -> list[tuple[str, int]]:
    rows = conn.execute(text(sql), {**params, "facet_limit": FACET_LIMIT}).all()
    return [(str(k), int(n)) for k, n in rows if k is not None]


def _facet_sqls(conn: Connection, hits: str) -> dict[str, str]:
    tail = "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :facet_limit"
    bucket = ("CASE WHEN lv.level IS NULL THEN 'none' WHEN lv.level >= 3 THEN '3' "
              "WHEN lv.level = 2 THEN '2' ELSE '1' END")
    return {
        "event_type": ("SELECT event_type, count(DISTINCT report_id) FROM events WHERE "
                       f"status <> 'rejected' AND report_id IN ({hits}) {tail}"),
        "governorate": ("SELECT admin1, count(DISTINCT report_id) FROM events WHERE "
                        f"status <> 'rejected' AND admin1 IS NOT NULL AND report_id IN ({hits}) "
                        f"{tail}"),
        "perpetrator": (f"SELECT perp, count(DISTINCT report_id) FROM ({perpetrators_sql(conn)}) "
                        f"p WHERE report_id IN ({hits}) {tail}"),
        "source": (f"SELECT r.source_id, count(*) FROM reports r WHERE r.id IN ({hits}) "
                   f"AND r.source_id IS NOT NULL {tail}"),
        "corroboration": (f"SELECT {bucket}, count(*) FROM ({hits}) h LEFT JOIN ({LEVEL_SQL}) lv "
                          f"ON lv.report_id = h.id {tail}"),
    }


def _labels(conn: Connection, kind: str, keys: list[str]) -> dict[str, str]:
    if not keys:
        return {}
    if kind == "corroboration":
        return dict(LEVELS)
    table = {"perpetrator": "entities", "source": "sources"}.get(kind)
    if table is None:
        return {}
    params = {f"k{i}": k for i, k in enumerate(keys)}
    marks = ", ".join(f":{p}" for p in params)
    rows = conn.execute(text(f"SELECT id, name FROM {table} WHERE id IN ({marks})"), params)
    return {str(i): str(n) for i, n in rows}


def facets(conn: Connection, hits: str, params: dict[str, Any]) -> dict[str, list[
        tuple[str, str, int]]]:
    """{facet: [(value, label, reports)]} over the hits."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    for name, sql in _facet_sqls(conn, hits).items():
        counts = _facet(conn, sql, params)
        labels = _labels(conn, name, [k for k, _ in counts])
        found[name] = [(k, labels.get(k, k), n) for k, n in counts]
    return found


def matching(conn: Connection, f: Filters) -> tuple[str, dict[str, Any]]:
    """The SQL of the hits' ids and its parameters."""
    params: dict[str, Any] = {}
    return _hits_sql(conn, where(conn, f, params)), params


def search_page(conn: Connection, f: Filters) -> Page:
    """One page of results and the total (counted up to ``COUNT_CAP``: beyond it, the
    page says "more than"; hits are ranked by relevance only up to that many)."""
    params: dict[str, Any] = {}
    clauses = where(conn, f, params)
    hits = _hits_sql(conn, clauses)
    total = int(conn.execute(text(f"SELECT count(*) FROM ({hits} LIMIT {COUNT_CAP + 1}) h"),
                             params).scalar() or 0)
    page = max(1, min(f.page, COUNT_CAP // PAGE_SIZE))
    sql = _ordered_sql(conn, clauses, "q" in params, ranked=total <= COUNT_CAP)
    rows = conn.execute(text(sql), {**params, "limit": PAGE_SIZE,
                                    "offset": (page - 1) * PAGE_SIZE}).all()
    results = [Result(r[0], r[1], _as_date(r[2]), r[3], r[4], snippet(r[5], f.q)) for r in rows]
    return Page(filters=f, total=min(total, COUNT_CAP), results=results,
                capped=total > COUNT_CAP)


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --- statistics: events by month x type x perpetrator x governorate -------------------------

STAT_DIMENSIONS = ("month", "event_type", "perpetrator", "governorate")


def _month(conn: Connection) -> str:
    return ("substr(e.date_start, 1, 7)" if _is_sqlite(conn)
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

    An event with two perpetrators is in the row of each; unknown values are empty strings.
    """
    params: dict[str, Any] = {}
    sql = (f"SELECT coalesce({_month(conn)}, ''), e.event_type, coalesce(p.perp, ''), "
           f"coalesce(e.admin1, ''), count(*), sum(coalesce(e.fatalities_best, 0)) "
           f"FROM {_stat_from(conn)} WHERE {_stat_where(f, params)} "
           "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
    return [dict(zip((*STAT_DIMENSIONS, "events", "fatalities"), (*r[:4], int(r[4]),
                                                                    int(r[5] or 0)), strict=True))
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
