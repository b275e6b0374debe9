"""A workspace: the database, the evidence archive and a small config file, in one folder."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from rasd import __version__
from rasd.ingest.archive import Archive
from rasd.settings import Settings
from rasd.store.db import StoreError, connect

CONFIG_NAME = "rasd.json"


class WorkspaceError(Exception):
    """The workspace cannot be created or opened; the message is meant for the user."""


@dataclass
class Workspace:
    settings: Settings
    engine: Engine
    archive: Archive
    #: sources known to be stored (sources are never deleted): no look-up per ingested report
    known_sources: set[str] = field(default_factory=set)

    @property
    def path(self) -> Path:
        return self.settings.workspace

    def close(self) -> None:
        self.engine.dispose()


def _config_path(settings: Settings) -> Path:
    return settings.workspace / CONFIG_NAME


def exists(settings: Settings) -> bool:
    return _config_path(settings).is_file()


def init(settings: Settings) -> Workspace:
    """Create the workspace folder, archive and database (idempotent), then open it."""
    root = settings.workspace
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root}: exists and is not a folder")
    try:
        (root / "archive").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot create workspace {root}: {exc.strerror}") from exc
    config = _config_path(settings)
    if not config.exists():
        body = {"rasd_workspace": 1, "created_by": f"rasd {__version__}",
                "created_at": datetime.now(UTC).isoformat()}
        config.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return open_workspace(settings)


def open_workspace(settings: Settings, create: bool = False) -> Workspace:
    """Open an existing workspace (or create it, with ``create``); upgrades its schema."""
    if not exists(settings):
        if create:
            return init(settings)
        raise WorkspaceError(
            f"no workspace at {settings.workspace} (run `rasd init` or pass --workspace)")
    try:
        engine = connect(settings.db_url)
    except StoreError as exc:
        raise WorkspaceError(str(exc)) from exc
    return Workspace(settings=settings, engine=engine,
                     archive=Archive(settings.workspace / "archive", fsync=settings.fsync))
