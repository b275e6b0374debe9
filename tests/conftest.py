"""Fixtures shared by every stage's tests: a real workspace on SQLite and on PostgreSQL.

Every test that takes ``ws`` runs once on a fresh SQLite file and, where
``RASD_TEST_POSTGRES_URL`` is set, once on a fresh PostgreSQL database of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rasd.settings import Settings
from rasd.workspace import Workspace, init

POSTGRES_URL = os.environ.get("RASD_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _admin_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def postgres_db() -> Iterator[str]:
    """A fresh PostgreSQL database for one test (dropped afterwards)."""
    if not POSTGRES_URL:
        pytest.skip("RASD_TEST_POSTGRES_URL is not set")
    name = f"rasd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = POSTGRES_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """None for SQLite in the workspace, or the URL of a fresh PostgreSQL database."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_db"))
    return None


@pytest.fixture
def settings(tmp_path: Path, db_url: str | None) -> Settings:
    return Settings(workspace=tmp_path / "ws", db=db_url, user="tester", extract=False)


@pytest.fixture
def ws(settings: Settings) -> Iterator[Workspace]:
    workspace = init(settings)
    try:
        yield workspace
    finally:
        workspace.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In CI (RASD_REQUIRE_POSTGRES=1) a missing PostgreSQL is an error, not a skip."""
    if os.environ.get("RASD_REQUIRE_POSTGRES") == "1" and not POSTGRES_URL:
        raise pytest.UsageError("RASD_REQUIRE_POSTGRES=1 but RASD_TEST_POSTGRES_URL is not set")
