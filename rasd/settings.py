"""Every setting of Rasd, once: name, default, help text and its ``RASD_*`` environment variable.

Settings are read from the environment when :func:`load` is called; nothing is read at import.
Command-line flags override them (the CLI passes its values to :func:`load`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


def _meta(help_text: str, env: str) -> dict[str, str]:
    return {"help": help_text, "env": env}


@dataclass(frozen=True)
class Settings:
    """The configuration of one run of Rasd."""

    workspace: Path = field(
        default=Path("rasd-workspace"),
        metadata=_meta("Workspace folder (database, archive, config).", "RASD_WORKSPACE"),
    )
    db: str | None = field(
        default=None,
        metadata=_meta(
            "SQLAlchemy URL of the database; SQLite in the workspace when unset.", "RASD_DB"
        ),
    )
    max_file_mb: float = field(
        default=50.0,
        metadata=_meta("Largest file ingest accepts, in megabytes.", "RASD_MAX_FILE_MB"),
    )
    fsync: bool = field(
        default=True,
        metadata=_meta("Flush each archived original to disk before its report is stored.",
                       "RASD_FSYNC"),
    )
    user: str = field(
        default_factory=lambda: os.environ.get("USER", "analyst"),
        metadata=_meta("Name recorded on judgements and audit entries.", "RASD_USER"),
    )
    extract: bool = field(
        default=True,
        metadata=_meta("Run extraction, linking and corroboration on ingest.", "RASD_EXTRACT"),
    )
    workers: int = field(
        default=1,
        metadata=_meta("Processes used for extraction of large ingests.", "RASD_WORKERS"),
    )
    gazetteer_extra: Path | None = field(
        default=None,
        metadata=_meta(
            "Extra gazetteer file (imported GeoNames/OCHA entries); the workspace's when unset.",
            "RASD_GAZETTEER_EXTRA",
        ),
    )
    link_accept: float = field(
        default=0.85,
        metadata=_meta("Score at or above which two names are linked automatically.",
                       "RASD_LINK_ACCEPT"),
    )
    link_review: float = field(
        default=0.6,
        metadata=_meta("Score at or above which a pair goes to the review queue.",
                       "RASD_LINK_REVIEW"),
    )
    link_capped_review: int = field(
        default=5,
        metadata=_meta("Most pairs per capped name block (over 40 names) sent to the review "
                       "queue.", "RASD_LINK_CAPPED_REVIEW"),
    )
    tile_url: str = field(
        default="",
        metadata=_meta(
            "Map tile URL template for the web app; empty gives a plain offline background.",
            "RASD_TILE_URL",
        ),
    )
    host: str = field(
        default="127.0.0.1",
        metadata=_meta("Address `rasd serve` listens on.", "RASD_HOST"),
    )
    port: int = field(default=8000, metadata=_meta("Port `rasd serve` listens on.", "RASD_PORT"))

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def db_url(self) -> str:
        """The database URL: the given one, else SQLite inside the workspace."""
        if self.db:
            return self.db
        return f"sqlite:///{(self.workspace / 'rasd.db').resolve()}"


def _convert(raw: str, default: Any, name: str) -> Any:
    kind = type(default) if default is not None else str
    if name == "gazetteer_extra" or isinstance(default, Path):
        return Path(raw)
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind in (int, float):
        try:
            return kind(raw)
        except ValueError as exc:
            raise ValueError(f"setting {name}: {raw!r} is not a number") from exc
    return raw


def load(**overrides: Any) -> Settings:
    """Settings from defaults, then ``RASD_*`` variables, then non-None ``overrides``."""
    values: dict[str, Any] = {}
    for f in fields(Settings):
        env = f.metadata["env"]
        if env in os.environ and os.environ[env] != "":
            default = f.default if f.default is not None else None
            values[f.name] = _convert(os.environ[env], default, f.name)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)


def describe() -> list[tuple[str, str, str, str]]:
    """(name, env, default, help) for every setting: used by the docs and `rasd settings`."""
    rows = []
    for f in fields(Settings):
        default = f.default_factory() if callable(f.default_factory) else f.default
        rows.append((f.name, f.metadata["env"], str(default), f.metadata["help"]))
    return rows
