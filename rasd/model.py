"""The domain records of Rasd (see docs/data-model.md).

Plain dataclasses: every stage reads the records the stage before it stored and writes its own.
Ids are stable strings derived from content (:func:`stable_id`), so re-running a stage gives the
same ids. Records made by a machine carry ``extractor`` (name/version) and ``confidence``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

MentionKind = Literal["person", "group", "place", "date", "quantity", "money"]
EntityKind = Literal["person", "group", "place"]
Role = Literal["perpetrator", "target", "victim", "participant"]
Modality = Literal["asserted", "planned", "denied", "hypothetical"]
Status = Literal["suggested", "confirmed", "rejected", "edited"]
Decision = Literal["positive", "negative", "unsure"]

#: time_precision codes (ACLED): 1 day, 2 week, 3 month, 4 year or vaguer
TIME_DAY, TIME_WEEK, TIME_MONTH, TIME_YEAR = 1, 2, 3, 4
#: geo_precision codes (ACLED): 1 named town, 2 part of a region / near a town, 3 region or larger
GEO_TOWN, GEO_NEAR, GEO_REGION = 1, 2, 3


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on ``parts``: the same input gives the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


@dataclass
class Span:
    """Character offsets into a report's ``text`` and the words found there."""

    start: int
    end: int
    text: str


@dataclass
class Source:
    """A publisher or network. Outlets of one owner or network share an independence group."""

    id: str
    name: str
    kind: str = "unknown"  # news, ngo, field-network, official, monitor, unknown
    independence_group: str | None = None


@dataclass
class Report:
    """One document as received: original bytes archived by ``sha256``, text extracted."""

    id: str
    sha256: str
    text: str
    media_type: str
    archive_path: str
    title: str | None = None
    published: date | None = None
    published_precision: int | None = None  # a TIME_* code
    url: str | None = None
    language: str | None = None
    source: str | None = None  # Source.id
    external_id: str | None = None
    received_at: datetime | None = None
    parent: str | None = None  # the message a mail attachment came with
    original_name: str | None = None
    protected: dict[str, Any] = field(default_factory=dict)  # informants, witnesses: never exported
    fictional: bool = False


@dataclass
class Mention:
    """A span of a report's text naming a person, group, place, date, quantity or money."""

    id: str
    report: str
    kind: MentionKind
    start: int
    end: int
    text: str
    value: Any = None
    entity: str | None = None
    reason: str | None = None  # why no entity, or how it was linked
    extractor: str = ""
    confidence: float = 1.0


@dataclass
class Entity:
    """A person, group or place known across reports."""

    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    extractor: str = ""
    confidence: float = 1.0


@dataclass
class Actor:
    """A party to an event, in a role."""

    role: Role
    name: str
    entity: str | None = None
    mention: str | None = None
    actor_type: str | None = None  # ACLED actor type, where known
    rule: str | None = None  # how the extractor tied this party to the event (None: a person)


@dataclass
class Count:
    """How many people something happened to, as the report puts it."""

    kind: str  # killed, injured, arrested, abducted, executed, missing, displaced, besieged,
    # defected, killed_or_injured (see rasd/taxonomy/counts.yaml)
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None = None  # "at least", "more than", "nearly", ...
    who: str | None = None  # civilians, fighters, children, women
    evidence: Span | None = None


@dataclass
class Money:
    amount: float
    currency: str
    evidence: Span | None = None


@dataclass
class Event:
    """One claim that something happened, as one report tells it."""

    id: str
    report: str
    event_type: str
    sub_event_type: str
    violations: list[str] = field(default_factory=list)
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int | None = None
    place: str | None = None  # Entity.id of the place
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    actors: list[Actor] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    modality: Modality = "asserted"
    attributed_to: str | None = None
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    status: Status = "suggested"
    extractor: str = ""
    background: bool = False  # history the report recalls, not the news it brings
    rules: list[str] = field(default_factory=list)  # why its values were taken (extraction)

    def fatalities(self) -> tuple[int | None, int | None, int | None] | None:
        """(low, best, high) of the killed counts, summed over distinct victim groups."""
        killed = [c for c in self.counts if c.kind in {"killed", "executed"}]
        if not killed:
            return None
        figures = [_count_figure(c) for c in killed]
        highs = [f[2] for f in figures]
        return (sum(f[0] for f in figures), sum(f[1] for f in figures),
                None if None in highs else sum(h or 0 for h in highs))


def _count_figure(c: Count) -> tuple[int, int, int | None]:
    """(low, best, high) of one count, conservative: "dozens" (low 24, no best) is best 24,
    high open; an exact "7" is 7, 7, 7; "at least 12" is 12, 12, open."""
    low = c.low if c.low is not None else (c.best or 0)
    best = c.best if c.best is not None else low
    if c.high is not None:
        high: int | None = c.high
    else:
        high = c.best if c.best is not None and c.low is None else None
    return low, best, high


@dataclass
class Conflict:
    """A field on which the reports of an incident disagree: each value with who said it."""

    field: str
    values: list[dict[str, Any]]  # {"value": ..., "sources": [...], "reports": [...]}


@dataclass
class Incident:
    """Events from one or more reports judged to be the same occurrence."""

    id: str
    events: list[str]
    reports: list[str]
    sources: list[str]
    independent_sources: int
    event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    place: str | None = None
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: tuple[int | None, int | None, int | None] | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    explanation: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.5


@dataclass
class Judgement:
    """A person's decision on a subject: a fact with a name and a time on it."""

    id: str
    subject_kind: str  # entity-pair, event, event-incident
    subject: str
    other: str | None
    decision: Decision
    user: str
    created_at: datetime
    comment: str | None = None
    deleted_at: datetime | None = None
