"""Cutting a report's text into segments, each with the mentions and events that cover it.

Spans may nest or overlap (a place inside an event's evidence); the text is cut at every span
boundary, so each segment knows every annotation over it. The template escapes each segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from rasd.model import Event, Mention


@dataclass(frozen=True)
class Annotation:
    id: str
    kind: str  # a mention kind, or "event"
    start: int
    end: int


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def spans_of(mentions: list[Mention], events: list[Event], size: int) -> list[Annotation]:
    """Mentions and event evidence spans whose offsets lie inside a text of ``size``."""
    found = [Annotation(m.id, m.kind, m.start, m.end) for m in mentions]
    found += [Annotation(e.id, "event", s.start, s.end) for e in events for s in e.evidence]
    return [a for a in found if 0 <= a.start < a.end <= size]


def segments(text: str, spans: list[Annotation]) -> list[Segment]:
    """``text`` cut at every span boundary; segments carry the spans covering them."""
    cuts = sorted({0, len(text), *(a.start for a in spans), *(a.end for a in spans)})
    ordered = sorted(spans, key=lambda a: (a.start, -a.end, a.id))
    found: list[Segment] = []
    for start, end in pairwise(cuts):
        over = [a for a in ordered if a.start <= start and a.end >= end]
        kinds = list(dict.fromkeys(a.kind for a in over))
        ids = list(dict.fromkeys(a.id for a in over))
        found.append(Segment(text[start:end], kinds, ids))
    return found
