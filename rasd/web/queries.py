"""Search: SQL with one meaning on SQLite and PostgreSQL (facet counts: :mod:`.facets`).

A search is the reports that hold every word of the query (as :mod:`rasd.store.search`: FTS5 on
SQLite, ``rasd_simple`` full text on PostgreSQL) and pass every facet filter. Rejected events
count nowhere. The date range keeps a report published in it or telling of an event that
happened in it. The semantics and the caps are described in docs/web.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, select, text

from rasd.store.search import locate, terms
from rasd.store.tables import reports, sources

PAGE_SIZE = 20
#: hits counted, and counted in facets, up to this many: the cost of a filtered search over a
#: common word grows with it (docs/benchmarks/web.md: 5,000 gave a p95 of 124 / 157 ms CPU)
COUNT_CAP = 2_000
RANK_CAP = 1_000  # a text query's hits are ranked by relevance up to this many
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
    ranked: bool = False


FTS_CLAUSE = "r.rowid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q)"
#: SQLite: a filter given as a set of report rowids (from an index alone). Where the FTS5 index
#: drives the query, the set is checked on its rowid (``+f.rowid``: not used to look rows up),
#: before the report's row is read: most hits of a common word are dropped at that cost only.
ROWID_IN = "r.rowid IN"
PG_TEXT_CLAUSE = "r.search @@ to_tsquery('rasd_simple', :q)"


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _date(conn: Connection, value: date) -> Any:
    return value.isoformat() if is_sqlite(conn) else value


def _text_match(conn: Connection, q: str, params: dict[str, Any]) -> str | None:
    parts = terms(q)
    if not parts:
        return None
    if is_sqlite(conn):
        params["q"] = " AND ".join('"' + " ".join(words) + '"' for words in parts)
        return FTS_CLAUSE
    params["q"] = " & ".join("(" + " <-> ".join(words) + ")" for words in parts)
    return PG_TEXT_CLAUSE


def perpetrators_sql(conn: Connection) -> str:
    """(event id, report id, perpetrator key) rows: entity id, else the name as reported."""
    return ("SELECT e.id AS event_id, e.report_id, a.actor AS perp FROM events e "
            "JOIN event_actors a ON a.event_id = e.id "
            "WHERE a.role = 'perpetrator' AND e.status <> 'rejected'")


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
    told = ("SELECT report_id FROM events WHERE status <> 'rejected' AND date_start <= :date_to "
            "AND coalesce(date_end, date_start) >= :date_from")
    if not is_sqlite(conn):
        return f"(r.published BETWEEN :date_from AND :date_to OR r.id IN ({told}))"
    return (f"{ROWID_IN} (SELECT rowid FROM reports WHERE published BETWEEN :date_from AND "
            f":date_to UNION SELECT rowid FROM reports WHERE id IN ({told}))")


def _source_clause(conn: Connection, value: str, params: dict[str, Any]) -> str:
    params["source"] = value
    if is_sqlite(conn):
        return f"{ROWID_IN} (SELECT rowid FROM reports WHERE source_id = :source)"
    return "r.source_id = :source"


def _perpetrator_clause(value: str, params: dict[str, Any]) -> str:
    params["perpetrator"] = value
    # rejected events are few (a person's decision): excluded through their status index
    return ("r.id IN (SELECT report_id FROM event_actors WHERE role = 'perpetrator' "
            "AND actor = :perpetrator AND event_id NOT IN "
            "(SELECT id FROM events WHERE status = 'rejected'))")


def where(conn: Connection, f: Filters, params: dict[str, Any]) -> list[str]:
    """The SQL conditions on ``reports r`` of every filter in force (params filled in).

    The text condition, when there is one, is first (see :func:`_first_hits_sql`)."""
    clauses = [c for c in (_text_match(conn, f.q, params), _date_clause(conn, f, params)) if c]
    if f.event_type:
        params["event_type"] = f.event_type
        clauses.append(_event_clause("event_type", "event_type"))
    if f.governorate:
        params["governorate"] = f.governorate
        clauses.append(_event_clause("admin1", "governorate"))
    if f.perpetrator:
        clauses.append(_perpetrator_clause(f.perpetrator, params))
    if f.source:
        clauses.append(_source_clause(conn, f.source, params))
    if f.corroboration in LEVELS:
        clauses.append(_level_clause(f.corroboration))
    return clauses


def _other_conditions(clauses: list[str], fts: bool) -> str:
    """The conditions but the text one (``fts``: for a query driven by SQLite's FTS5 index)."""
    others = [c for c in clauses if c not in (FTS_CLAUSE, PG_TEXT_CLAUSE)]
    cond = " AND ".join(others or ["1 = 1"])
    return cond.replace(ROWID_IN, "+f.rowid IN") if fts else cond


def _first_hits_sql(conn: Connection, clauses: list[str], text_query: bool) -> str:
    """(id, source) of the first ``:cap`` hits: newest received first when there is a text
    query (on SQLite driven by the FTS index, so the LIMIT stops it early), else latest
    published first."""
    cond = _other_conditions(clauses, text_query and is_sqlite(conn))
    if text_query and is_sqlite(conn):
        return ("SELECT r.id, r.source_id FROM reports_fts f JOIN reports r "
                f"ON r.rowid = f.rowid WHERE reports_fts MATCH :q AND {cond} "
                "ORDER BY f.rowid DESC LIMIT :cap")
    if text_query:
        return (f"SELECT r.id, r.source_id FROM reports r WHERE {PG_TEXT_CLAUSE} AND {cond} "
                "ORDER BY r.received_at DESC, r.id LIMIT :cap")
    return (f"SELECT r.id, r.source_id FROM reports r WHERE {cond} "
            "ORDER BY r.published DESC NULLS LAST, r.id LIMIT :cap")


def _ranked_sql(conn: Connection, clauses: list[str]) -> str:
    """One page of the hits of a text query, most relevant first."""
    cond = _other_conditions(clauses, is_sqlite(conn))
    if is_sqlite(conn):
        return ("SELECT r.id FROM reports_fts f JOIN reports r ON r.rowid = f.rowid "
                f"WHERE reports_fts MATCH :q AND {cond} ORDER BY bm25(reports_fts), r.id "
                "LIMIT :limit OFFSET :offset")
    return (f"SELECT r.id FROM reports r WHERE {PG_TEXT_CLAUSE} AND {cond} "
            "ORDER BY ts_rank(r.search, to_tsquery('rasd_simple', :q)) DESC, r.id "
            "LIMIT :limit OFFSET :offset")


@dataclass
class Hits:
    """The first hits of a search (see :func:`first_hits`)."""

    ids: list[str]
    sources: dict[str, str | None]
    capped: bool
    clauses: list[str]
    params: dict[str, Any]

    @property
    def rankable(self) -> bool:
        """A text query with few enough hits to rank them all by relevance."""
        return "q" in self.params and len(self.ids) <= RANK_CAP


def first_hits(conn: Connection, f: Filters, cap: int = COUNT_CAP) -> Hits:
    """Up to ``cap`` hits, newest first (``capped``: there were more)."""
    params: dict[str, Any] = {}
    clauses = where(conn, f, params)
    rows = list(conn.execute(text(_first_hits_sql(conn, clauses, "q" in params)),
                             {**params, "cap": cap + 1}))
    return Hits([r[0] for r in rows[:cap]], {r[0]: r[1] for r in rows[:cap]},
                len(rows) > cap, clauses, params)


def _page_ids(conn: Connection, hits: Hits, page: int) -> list[str]:
    if not hits.rankable:
        return hits.ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return list(conn.execute(text(_ranked_sql(conn, hits.clauses)), {
        **hits.params, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}).scalars())


def search_page(conn: Connection, f: Filters) -> Page:
    """One page of results and the total (counted up to ``COUNT_CAP``: beyond it, the
    page says "more than"). A text query's hits are ranked by relevance when there are no
    more than ``RANK_CAP`` of them, else shown newest received first."""
    hits = first_hits(conn, f)
    page = max(1, min(f.page, max(1, -(-len(hits.ids) // PAGE_SIZE))))
    shown = _page_ids(conn, hits, page)
    rows = {r[0]: r for r in conn.execute(
        select(reports.c.id, reports.c.title, reports.c.published, sources.c.name,
               reports.c.language, reports.c.text, reports.c.source_id)
        .select_from(reports.outerjoin(sources, sources.c.id == reports.c.source_id))
        .where(reports.c.id.in_(shown)))} if shown else {}
    results = [Result(r[0], r[1], _as_date(r[2]), r[3] or r[6], r[4], snippet(r[5], f.q))
               for r in (rows[i] for i in shown if i in rows)]
    return Page(filters=replace(f, page=page), total=len(hits.ids), results=results,
                capped=hits.capped, ranked=hits.rankable)


def snippet(body: str, q: str, width: int = 220) -> str:
    """A piece of ``body`` around the first word of the query (the start when none)."""
    found = [p for p in (locate(body, words[0]) for words in terms(q)) if p >= 0]
    at = max(0, min(found) - width // 3) if found else 0
    piece = " ".join(body[at:at + width].split())
    return ("…" if at else "") + piece + ("…" if at + width < len(body) else "")


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
