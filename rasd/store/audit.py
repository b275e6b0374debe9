"""The audit log: every write, append-only, each entry hash-chained to the one before it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text

from rasd.store.tables import audit

GENESIS = "0" * 64


LAST_HASH = select(audit.c.hash).order_by(audit.c.seq.desc()).limit(1)
INSERT = audit.insert()


def _canonical(entry: dict[str, Any], default: Any = None) -> str:
    return json.dumps(entry, sort_keys=True, default=default, ensure_ascii=False)


def _digest(prev_hash: str, entry: dict[str, Any]) -> str:
    canonical = _canonical(entry, default=str)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _entry(at: datetime, user: str, action: str, kind: str, record_id: str,
           before: Any, after: Any) -> dict[str, Any]:
    return {"at": at.isoformat(), "user": user, "action": action, "record_kind": kind,
            "record_id": record_id, "before": before, "after": after}


def record(conn: Connection, user: str, action: str, kind: str, record_id: str,
           before: Any = None, after: Any = None) -> None:
    """Append one entry to the audit log inside the caller's transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(7230101)"))
    last = conn.execute(LAST_HASH).scalar()
    prev = last or GENESIS
    at = datetime.now(UTC)
    # one serialisation: the canonical text is hashed, and read back it is what is stored
    # (dates and other values as their strings), so verify_chain re-computes the same digest
    canonical = _canonical(_entry(at, user, action, kind, record_id, before, after), default=str)
    entry = json.loads(canonical)
    conn.execute(INSERT, {
        "at": at, "user": user, "action": action, "record_kind": kind, "record_id": record_id,
        "before": entry["before"], "after": entry["after"], "prev_hash": prev,
        "hash": hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()})


@dataclass
class Broken:
    seq: int
    reason: str


def verify_chain(conn: Connection) -> list[Broken]:
    """Re-compute the chain; every entry whose hash or link does not hold is returned."""
    problems: list[Broken] = []
    prev = GENESIS
    for row in conn.execute(select(audit).order_by(audit.c.seq)):
        at = row.at.astimezone(UTC) if row.at.tzinfo else row.at.replace(tzinfo=UTC)
        entry = _entry(at, row.user, row.action, row.record_kind, row.record_id,
                       row.before, row.after)
        if row.prev_hash != prev:
            problems.append(Broken(row.seq, "link to the previous entry broken"))
        if _digest(row.prev_hash, entry) != row.hash:
            problems.append(Broken(row.seq, "entry changed after it was written"))
        prev = row.hash
    return problems
