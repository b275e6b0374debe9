"""Judgements (people's decisions) and the review queue of undecided machine suggestions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from rasd.model import Judgement, stable_id
from rasd.store import audit
from rasd.store.convert import jsonable, judgement_row, row_judgement
from rasd.store.tables import judgements, review_queue

DECISIONS = ("positive", "negative", "unsure")


def new_judgement(subject_kind: str, subject: str, other: str | None, decision: str,
                  user: str, comment: str | None = None) -> Judgement:
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    now = datetime.now(UTC)
    return Judgement(id=stable_id("jdg", subject_kind, subject, other, user, now.isoformat()),
                     subject_kind=subject_kind, subject=subject, other=other,
                     decision=decision,  # type: ignore[arg-type]
                     user=user, created_at=now, comment=comment)


def add_judgement(conn: Connection, judgement: Judgement) -> None:
    """Record a decision; an earlier live decision by anyone on the same subject is withdrawn."""
    for old in live_judgements(conn, judgement.subject_kind, judgement.subject, judgement.other):
        withdraw(conn, old.id, judgement.user)
    row = judgement_row(judgement)
    conn.execute(judgements.insert().values(**row))
    audit.record(conn, judgement.user, "judge", judgement.subject_kind, judgement.subject,
                 after=jsonable(row))


def withdraw(conn: Connection, judgement_id: str, user: str) -> None:
    """Soft-delete a judgement: it stays in the log with the time it was withdrawn."""
    now = datetime.now(UTC)
    conn.execute(update(judgements).where(judgements.c.id == judgement_id)
                 .values(deleted_at=now))
    audit.record(conn, user, "withdraw", "judgement", judgement_id,
                 after={"deleted_at": now.isoformat()})


def live_judgements(conn: Connection, subject_kind: str | None = None,
                    subject: str | None = None, other: str | None = None) -> list[Judgement]:
    """Judgements not withdrawn; pairs match in either order."""
    query = select(judgements).where(judgements.c.deleted_at.is_(None))
    if subject_kind:
        query = query.where(judgements.c.subject_kind == subject_kind)
    if subject and other:
        query = query.where(
            ((judgements.c.subject == subject) & (judgements.c.other == other))
            | ((judgements.c.subject == other) & (judgements.c.other == subject)))
    elif subject:
        query = query.where(judgements.c.subject == subject)
    return [row_judgement(r) for r in conn.execute(query.order_by(judgements.c.created_at))]


def all_judgements(conn: Connection) -> list[Judgement]:
    return [row_judgement(r) for r in
            conn.execute(select(judgements).order_by(judgements.c.created_at))]


def replace_queue(conn: Connection, kind: str, items: list[dict[str, Any]],
                  touched: set[str] | None = None) -> None:
    """Queue items ({subject, other, score, explanation}) of one kind in place of the old ones:
    all of them, or (with ``touched``) only those naming one of the ``touched`` subjects."""
    stale = delete(review_queue).where(review_queue.c.kind == kind)
    if touched is not None:
        names = list(touched)
        stale = stale.where(review_queue.c.subject.in_(names) | review_queue.c.other.in_(names))
    conn.execute(stale)
    rows = [{"id": stable_id("rvw", kind, i["subject"], i.get("other")), "kind": kind,
             "subject": i["subject"], "other": i.get("other"), "score": float(i["score"]),
             "explanation": jsonable(i.get("explanation", {}))} for i in items]
    for row in rows:  # a pair already queued (from an untouched side) is replaced
        conn.execute(delete(review_queue).where(review_queue.c.id == row["id"]))
    if rows:
        conn.execute(review_queue.insert(), rows)


def queue(conn: Connection, kind: str | None = None) -> list[dict[str, Any]]:
    query = select(review_queue).order_by(review_queue.c.score.desc(), review_queue.c.id)
    if kind:
        query = query.where(review_queue.c.kind == kind)
    return [dict(r._mapping) for r in conn.execute(query)]
