"""Analysts' judgements on incidents, as constraints that override the rules and survive re-runs.

Understood subject kinds (a :class:`~rasd.model.Judgement` each; the latest non-deleted one
per subject and other wins; ``unsure`` is ignored):

- ``event-incident``: ``subject`` an event id, ``other`` an incident id. Positive: the event
  belongs to that incident; negative: it does not.
- ``event-pair``: ``subject`` and ``other`` event ids. Positive: one occurrence; negative: two.
- ``event``: negative (rejected) keeps the event out of every incident.

An incident is known by its members in ``existing`` (the incidents stored by the last run), or,
without them, by its anchor event (incident ids are derived from their anchor event, see
:func:`rasd.corroborate.incident.anchor_id`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rasd.model import Incident, Judgement

from .incident import anchor_id


@dataclass
class Constraints:
    """Event-id pairs to join or keep apart, events to leave out, incident placements."""

    must: list[tuple[str, str]] = field(default_factory=list)
    cannot: set[tuple[str, str]] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)
    belongs: list[tuple[str, str]] = field(default_factory=list)  # (event, incident)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (event, incident)
    used: list[str] = field(default_factory=list)  # ids of the judgements applied

    def forbids(self, a: str, b: str) -> bool:
        return (min(a, b), max(a, b)) in self.cannot


def latest(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The judgement in force per (kind, subject, other): latest, not deleted, not unsure."""
    current: dict[tuple[str, str, str | None], Judgement] = {}
    for j in sorted(judgements, key=lambda j: (j.created_at, j.id)):
        current[(j.subject_kind, j.subject, j.other)] = j
    in_force = [j for j in current.values() if j.deleted_at is None and j.decision != "unsure"]
    return sorted(in_force, key=lambda j: (j.created_at, j.id))


def _incident_members(
    incident: str, existing: dict[str, Incident], anchors: dict[str, str]
) -> list[str]:
    if incident in existing:
        return list(existing[incident].events)
    anchor = anchors.get(incident)
    return [anchor] if anchor else []


def constraints(
    judgements: Iterable[Judgement],
    event_ids: Sequence[str],
    existing: Iterable[Incident] = (),
) -> Constraints:
    """The constraints the judgements in force put on grouping ``event_ids``."""
    in_force = latest(judgements)
    out = Constraints()
    if not in_force:
        return out
    known = set(event_ids)
    by_id = {inc.id: inc for inc in existing}
    needs_anchor = any(j.subject_kind == "event-incident" and j.other not in by_id
                       for j in in_force)
    anchors = {anchor_id(e): e for e in event_ids} if needs_anchor else {}
    for j in in_force:
        if j.subject not in known:
            continue
        positive = j.decision == "positive"
        if j.subject_kind == "event":
            if not positive:
                out.rejected.add(j.subject)
        elif j.subject_kind == "event-pair" and j.other in known:
            _pair(out, j.subject, j.other, positive)
        elif j.subject_kind == "event-incident" and j.other:
            for member in _incident_members(j.other, by_id, anchors):
                if member in known and member != j.subject:
                    _pair(out, j.subject, member, positive)
            (out.belongs if positive else out.excluded).append((j.subject, j.other))
        else:
            continue
        out.used.append(j.id)
    return out


def _pair(out: Constraints, a: str, b: str, positive: bool) -> None:
    pair = (min(a, b), max(a, b))
    if positive:
        out.must.append(pair)
        out.cannot.discard(pair)
    else:
        out.cannot.add(pair)
        out.must = [p for p in out.must if p != pair]
