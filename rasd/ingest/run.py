"""Ingest: files and feeds into the archive and the database, one transaction per report.

A report is archived first, then stored in one transaction; if storing fails the archived file
is removed again (when this ingest created it), so a failure leaves the workspace as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from rasd.ingest.archive import sha256_of
from rasd.ingest.base import Draft, IngestError
from rasd.ingest.dates import dateline, parse_published
from rasd.ingest.formats import find_files, read_any
from rasd.ingest.language import detect
from rasd.model import TIME_DAY, Report, Source
from rasd.store import reports as store
from rasd.workspace import Workspace


@dataclass
class Overrides:
    """Metadata given on the command line; it wins over what the files say."""

    source: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass
class Outcome:
    name: str
    status: str  # ingested, duplicate, failed
    message: str = ""
    report: str | None = None


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ingested(self) -> list[str]:
        return [o.report for o in self.outcomes if o.status == "ingested" and o.report]

    def line(self) -> str:
        return (f"{self.count('ingested')} ingested, {self.count('duplicate')} already in the "
                f"workspace, {self.count('failed')} failed")


def source_id(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.lower(), flags=re.UNICODE).strip("-")
    return f"src-{slug[:56] or 'unknown'}"


def _finish(draft: Draft, overrides: Overrides) -> None:
    draft.source = overrides.source or draft.source
    draft.title = overrides.title or draft.title
    if overrides.published:
        parsed = parse_published(overrides.published)
        if parsed is None:
            raise IngestError(f"--published {overrides.published!r}: not a date (YYYY-MM-DD)")
        draft.published, draft.published_precision = parsed
    if draft.published is None:
        found = dateline(draft.text)
        if found:
            draft.published, draft.published_precision = found, TIME_DAY
    draft.language = (draft.language or detect(draft.text) or "und").lower()


def _report(draft: Draft, digest: str, relpath: str, parent: str | None) -> Report:
    return Report(
        id=f"rep-{digest[:16]}", sha256=digest, text=draft.text, media_type=draft.media_type,
        archive_path=relpath, title=draft.title, published=draft.published,
        published_precision=draft.published_precision, url=draft.url, language=draft.language,
        source=source_id(draft.source) if draft.source else None,
        external_id=draft.external_id, received_at=datetime.now(UTC), parent=parent,
        original_name=draft.name, protected=draft.protected, fictional=draft.fictional,
    )


def _store_new(ws: Workspace, conn: Connection, draft: Draft, overrides: Overrides,
               digest: str, parent: str | None) -> str:
    """Archive the original and write its report inside the caller's transaction."""
    _finish(draft, overrides)
    stored = ws.archive.put(draft.data)
    report = _report(draft, digest, stored.relpath, parent)
    try:
        if report.source and report.source not in ws.known_sources:
            source = Source(id=report.source, name=draft.source or report.source)
            store.ensure_source(conn, source, ws.settings.user)
        store.add_report(conn, report, ws.settings.user)
    except IntegrityError as exc:  # same bytes as a report whose archived original is gone
        ws.archive.discard(stored)
        raise IngestError(f"{draft.name}: already a report, but its archived original is "
                          "missing (run `rasd verify`)") from exc
    except (SQLAlchemyError, ValueError, TypeError) as exc:
        ws.archive.discard(stored)
        raise IngestError(f"{draft.name}: not stored ({type(exc).__name__})") from exc
    return report.id


def store_draft(ws: Workspace, draft: Draft, overrides: Overrides,
                parent: str | None = None) -> Iterator[Outcome]:
    """Archive and store one draft, then its attachments (linked to it)."""
    digest = sha256_of(draft.data)
    with ws.engine.begin() as conn:
        # every report's original is in the archive: bytes it lacks are new (a stat, no query)
        existing = store.report_id_by_sha256(conn, digest) if ws.archive.has(digest) else None
        if existing is None:
            existing = _store_new(ws, conn, draft, overrides, digest, parent)
            outcome = Outcome(draft.name, "ingested", "", existing)
        else:
            outcome = Outcome(draft.name, "duplicate", f"same bytes as {existing}", existing)
    if draft.source and outcome.status == "ingested":  # committed: the source is stored
        ws.known_sources.add(source_id(draft.source))
    yield outcome
    for attachment in draft.attachments:
        yield from _guarded(ws, attachment, overrides, existing)


def _guarded(ws: Workspace, draft: Draft, overrides: Overrides,
             parent: str | None = None) -> Iterator[Outcome]:
    try:
        yield from store_draft(ws, draft, overrides, parent)
    except IngestError as exc:
        yield Outcome(draft.name, "failed", str(exc))


def _safe(items: Iterator[Draft | IngestError], name: str) -> Iterator[Draft | IngestError]:
    """A reader's items; a reader that breaks on hostile input ends with an error item."""
    try:
        yield from items
    except IngestError:
        raise
    except Exception as exc:
        yield IngestError(f"{name}: unreadable ({type(exc).__name__})")


def ingest_file(ws: Workspace, path: Path, overrides: Overrides) -> Iterator[Outcome]:
    """Every report in one file (a feed gives many), each stored on its own."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > ws.settings.max_file_bytes:
            raise IngestError(f"{name}: too large ({size / 1e6:.1f} MB; the limit is "
                              f"{ws.settings.max_file_mb:g} MB, set RASD_MAX_FILE_MB)")
        if size == 0:
            raise IngestError(f"{name}: empty file")
        data = path.read_bytes()
        for item in _safe(read_any(data, name), name):
            if isinstance(item, IngestError):
                yield Outcome(name, "failed", str(item))
            else:
                yield from _guarded(ws, item, overrides)
    except IngestError as exc:
        yield Outcome(name, "failed", str(exc))
    except OSError as exc:
        yield Outcome(name, "failed", f"{name}: cannot read ({exc.strerror})")


def ingest_paths(ws: Workspace, paths: list[Path], overrides: Overrides | None = None,
                 on_outcome: Callable[[Outcome], None] | None = None) -> Summary:
    """Ingest files and folders; every problem is an outcome, the batch always goes on."""
    overrides = overrides or Overrides()
    summary = Summary()
    for item in find_files(paths):
        outcomes = ([Outcome(str(item), "failed", str(item))] if isinstance(item, IngestError)
                    else ingest_file(ws, item, overrides))
        for outcome in outcomes:
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return summary
