"""People's decisions on identities: same person, not the same, unsure — and taking them back.

A linking judgement has ``subject_kind`` ``"entity-pair"`` and names two ids: mention ids
(recommended: they never change) or entity ids (resolved to the entity's anchor mention at link
time). ``positive`` makes the two one entity, ``negative`` keeps them apart from then on (no
automatic link will ever put them in one entity), ``unsure`` only takes the pair off the review
queue. Judgements are never overwritten: a new decision on the same pair supersedes the older one
(the newest live judgement counts), and withdrawing one soft-deletes it (``deleted_at``). Merges
and splits are judgements too, so withdrawing them undoes them at the next link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from rasd.model import Decision, Entity, Judgement, stable_id
from rasd.resolve.items import form_mention

SUBJECT_KIND = "entity-pair"


def judge(a: str, b: str, decision: Decision, user: str, comment: str | None = None,
          at: datetime | None = None) -> Judgement:
    """A new judgement on the pair (a, b) of mention or entity ids."""
    if decision not in ("positive", "negative", "unsure"):
        raise ValueError(f"decision must be positive, negative or unsure, not {decision!r}")
    if a == b:
        raise ValueError("a judgement needs two different ids")
    when = at or datetime.now(UTC)
    first, second = sorted((a, b))
    jid = stable_id("jdg", SUBJECT_KIND, first, second, user, when.isoformat())
    return Judgement(id=jid, subject_kind=SUBJECT_KIND, subject=first, other=second,
                     decision=decision, user=user, created_at=when, comment=comment)


def anchor(entity: Entity) -> str:
    """The mention that stands for a person entity in judgements (its first mention)."""
    return str(entity.attributes.get("anchor") or entity.id)


def merge(a: Entity, b: Entity, user: str, comment: str | None = None) -> Judgement:
    """Say two entities are one: a positive judgement between their anchors."""
    return judge(anchor(a), anchor(b), "positive", user, comment)


def keep_apart(a: Entity, b: Entity, user: str, comment: str | None = None) -> Judgement:
    """Say two entities are different people: a negative judgement between their anchors."""
    return judge(anchor(a), anchor(b), "negative", user, comment)


def split(entity: Entity, mentions: Iterable[str], user: str,
          comment: str | None = None) -> list[Judgement]:
    """Take ``mentions`` out of ``entity``: each is judged not the same as the rest's anchor."""
    leaving = set(mentions)
    forms = entity.attributes.get("forms", [])
    staying = sorted(m for m in map(form_mention, forms) if m not in leaving)
    if not staying:
        raise ValueError("a split must leave at least one mention in the entity")
    return [judge(m, staying[0], "negative", user, comment) for m in sorted(leaving)]


def withdraw(judgement: Judgement, at: datetime | None = None) -> Judgement:
    """The judgement soft-deleted: it stays on record with the time it was withdrawn."""
    return replace(judgement, deleted_at=at or datetime.now(UTC))


def live(judgements: Iterable[Judgement]) -> dict[frozenset[str], Judgement]:
    """The judgement in force for each pair: the newest one not withdrawn."""
    found: dict[frozenset[str], Judgement] = {}
    for j in judgements:
        if j.subject_kind != SUBJECT_KIND or j.deleted_at is not None or not j.other:
            continue
        pair = frozenset((j.subject, j.other))
        old = found.get(pair)
        if old is None or (j.created_at, j.id) > (old.created_at, old.id):
            found[pair] = j
    return found
