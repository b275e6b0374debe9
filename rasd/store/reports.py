"""Reading and writing sources and reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select, update

from rasd.model import Report, Source
from rasd.store import audit
from rasd.store.convert import report_row, row_report, row_source, source_row
from rasd.store.tables import reports, sources

AUDITED_REPORT_FIELDS = ("id", "sha256", "title", "source_id", "published", "external_id")


def ensure_source(conn: Connection, source: Source, user: str) -> None:
    """Insert ``source`` unless a source with its id exists."""
    exists = conn.execute(select(sources.c.id).where(sources.c.id == source.id)).scalar()
    if not exists:
        conn.execute(sources.insert(), source_row(source))
        audit.record(conn, user, "create", "source", source.id, after=source_row(source))


def get_source(conn: Connection, source_id: str) -> Source | None:
    row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
    return row_source(row) if row else None


def list_sources(conn: Connection) -> list[Source]:
    return [row_source(r) for r in conn.execute(select(sources).order_by(sources.c.name))]


def report_id_by_sha256(conn: Connection, sha256: str) -> str | None:
    return conn.execute(select(reports.c.id).where(reports.c.sha256 == sha256)).scalar()


INSERT_REPORT = reports.insert()  # built once: ingest runs it for every report


def add_report(conn: Connection, report: Report, user: str) -> None:
    """Insert one report (the caller holds the transaction) and audit it."""
    row = report_row(report)
    conn.execute(INSERT_REPORT, row)
    audit.record(conn, user, "ingest", "report", report.id,
                 after={k: row[k] for k in AUDITED_REPORT_FIELDS})


def get_report(conn: Connection, report_id: str) -> Report | None:
    row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
    return row_report(row) if row else None


def iter_reports(conn: Connection, unprocessed_by: str | None = None,
                 ids: list[str] | None = None) -> Iterator[Report]:
    """All reports in ingest order; only those not yet processed by ``unprocessed_by``."""
    query = select(reports).order_by(reports.c.received_at, reports.c.id)
    if unprocessed_by is not None:
        query = query.where(
            (reports.c.processed_by.is_(None)) | (reports.c.processed_by != unprocessed_by))
    if ids is not None:
        query = query.where(reports.c.id.in_(ids))
    for row in conn.execute(query):
        yield row_report(row)


def mark_processed(conn: Connection, report_id: str, processor: str) -> None:
    conn.execute(update(reports).where(reports.c.id == report_id).values(processed_by=processor))


def count_reports(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(reports)).scalar() or 0)


def archive_paths(conn: Connection) -> list[tuple[str, str, str]]:
    """(report id, sha256, archive path) of every report."""
    query = select(reports.c.id, reports.c.sha256, reports.c.archive_path)
    return [(r.id, r.sha256, r.archive_path) for r in conn.execute(query)]


def report_summary(conn: Connection) -> dict[str, Any]:
    """Counts by language, media type and source, for `rasd demo` and the web app."""
    def grouped(column: Any) -> dict[str, int]:
        query = select(column, func.count()).group_by(column)
        return {str(k): int(n) for k, n in conn.execute(query)}
    return {
        "reports": count_reports(conn),
        "by_language": grouped(reports.c.language),
        "by_media_type": grouped(reports.c.media_type),
        "by_source": grouped(reports.c.source_id),
    }


def upsert_source(conn: Connection, source: Source, user: str) -> None:
    """Insert ``source`` or update its name, kind and independence group."""
    before = get_source(conn, source.id)
    if before is None:
        ensure_source(conn, source, user)
        return
    if before != source:
        conn.execute(update(sources).where(sources.c.id == source.id).values(**source_row(source)))
        audit.record(conn, user, "update", "source", source.id, source_row(before),
                     source_row(source))
