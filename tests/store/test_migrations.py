"""Alembic migrations: they build exactly the tables of rasd/store/tables.py, and upgrade old
workspaces in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from rasd.settings import Settings
from rasd.store.db import connect, current_revision, head_revision, make_engine, migrate
from rasd.store.search import search
from rasd.store.tables import metadata
from rasd.workspace import open_workspace

EXTRA = {"reports_fts", "reports_fts_data", "reports_fts_idx", "reports_fts_content",
         "reports_fts_docsize", "reports_fts_config", "alembic_version"}


def _url(tmp_path: Path, db_url: str | None) -> str:
    return db_url or f"sqlite:///{tmp_path / 'old.db'}"


def test_migrations_match_the_tables(tmp_path: Path, db_url: str | None) -> None:
    engine = connect(_url(tmp_path, db_url))
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    real = [d for d in diffs if not (d[0] == "remove_table" and d[1].name in EXTRA)
            and not (d[0] == "remove_column" and d[3].name == "search")
            and not (d[0] == "remove_index" and d[1].name == "ix_reports_search")]
    assert real == []
    engine.dispose()


def test_old_workspace_is_upgraded_when_opened(tmp_path: Path, db_url: str | None) -> None:
    url = _url(tmp_path, db_url)
    engine = make_engine(url)
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO reports (id, sha256, archive_path, media_type, received_at, text, "
                 "protected, fictional) VALUES ('rep-old', :sha, 'x', 'text/plain', :at, "
                 "'Fictional old report about Douma shelling.', '{}', true)"),
            {"sha": "0" * 64, "at": datetime.now(UTC)})
    assert current_revision(engine) == "0001"
    engine.dispose()
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "rasd.json").write_text('{"rasd_workspace": 1}')
    ws = open_workspace(Settings(workspace=tmp_path / "ws", db=url))
    try:
        assert current_revision(ws.engine) == head_revision()
        with ws.engine.connect() as conn:
            [hit] = search(conn, "douma shelling")
        assert hit.report == "rep-old"
    finally:
        ws.close()
