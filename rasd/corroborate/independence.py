"""Which independent sources each report of an incident counts toward.

A report counts toward its own outlet when it tells any of its events in the incident on its
own authority: no attribution, or an informant who is no source of its own (a doctor,
"activists", "residents": the outlet's own gathering) — even where it also quotes other sources
("Levant Wire, own interviews, also cites the Observatory" counts as Levant Wire). A report whose
facts come *only* from other sources counts toward those sources instead: the names in
``attributed_to`` that resolve to known sources, or the citation cues ("according to the
Observatory") in the sentences of the events' evidence (see docs/corroboration.md).
 Outlets count through their
independence group (one owner or network counts once). A near-duplicate of an earlier report
(:mod:`rasd.corroborate.duplicates`) counts toward the earlier report's outlet, never its own.
A source citing itself ("told Free Syria Voice" in Free Syria Voice) is its own reporting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rasd.model import Event, Report, Source

from .citations import (
    Citation,
    CitationFinder,
    sentence_bounds,
    source_key,
    split_attribution,
)

__all__ = ["CitationFinder", "Origin", "OriginResolver", "source_key"]


@dataclass(frozen=True)
class Origin:
    """An independent source a report counts toward, and why."""

    key: str
    reason: str
    via: str | None = None  # the report copied, or the cited name

    def as_dict(self) -> dict[str, Any]:
        return {"origin": self.key, "reason": self.reason, "via": self.via}


def event_origins(
    event: Event, report: Report, own: str, finder: CitationFinder,
    citations: Sequence[Citation],
) -> list[Origin]:
    """The sources ``event`` (as ``report`` tells it) rests on; ``own``: the outlet's key.

    Own reporting comes first when the report tells the event on its own authority."""
    cited: dict[str, Origin] = {}
    own_authority = not event.attributed_to
    for part in split_attribution(event.attributed_to):
        resolved = finder.resolve(part)
        if resolved is None or resolved[0] == own:
            own_authority = True
        elif resolved[0] not in cited:
            cited[resolved[0]] = Origin(resolved[0], f"attributed to {part}", resolved[1])
    text = report.text or ""
    for span in event.evidence:
        left, right = sentence_bounds(text, span.start, span.end)
        for c in citations:
            if c.start < right and c.end > left and c.key != own and c.key not in cited:
                cited[c.key] = Origin(c.key, f'cites "{c.text}"', c.name)
                if not event.attributed_to:
                    own_authority = False
    if own_authority or not cited:
        return [Origin(own, "own reporting of " + own), *cited.values()]
    return list(cited.values())


@dataclass
class OriginResolver:
    """Origins of reports: own outlet, cited sources or the report copied (memoised)."""

    reports: dict[str, Report]
    sources: dict[str, Source]
    finder: CitationFinder
    copies: dict[str, tuple[str, float]]

    def __post_init__(self) -> None:
        self._citations: dict[str, list[Citation]] = {}

    def own_key(self, report: Report) -> str:
        if report.source is None:
            return "report:" + report.id
        source = self.sources.get(report.source)
        return source_key(source) if source else report.source

    def citations(self, report: Report) -> list[Citation]:
        if report.id not in self._citations:
            self._citations[report.id] = self.finder.find(report.text or "")
        return self._citations[report.id]

    def origins(self, report: Report, events: Sequence[Event]) -> list[Origin]:
        """What ``report`` counts toward as the teller of ``events`` (its events in one
        incident): the first is its main origin."""
        copied = self.copies.get(report.id)
        teller = self.reports.get(copied[0], report) if copied else report
        own = self.own_key(teller)
        found: dict[str, Origin] = {}
        for event in sorted(events, key=lambda e: e.id):
            for origin in event_origins(event, report, own, self.finder, self.citations(report)):
                found.setdefault(origin.key, origin)
        if not found or own in found:  # own reporting: the citations do not add sources
            found = {own: found.get(own) or Origin(own, "own reporting of " + own)}
        if copied:
            words = f"copy of report {copied[0]} (containment {copied[1]:.2f}); "
            return [Origin(o.key, words + o.reason, o.via or copied[0]) for o in found.values()]
        return list(found.values())
