"""After ingest: extraction, then linking, then corroboration — each stage reading what the one
before it stored, each idempotent, none overwriting a person's decision."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from rasd.corroborate.cluster import build_incidents
from rasd.corroborate.incremental import related
from rasd.extract.pipeline import (
    EXTRACTOR,
    Extraction,
    build_pipeline,
    extract_many,
    shutdown_pools,
)
from rasd.model import Event, Mention, Report
from rasd.resolve.explain import link_reason
from rasd.resolve.link import LinkResult, link
from rasd.store import judgements as judgement_store
from rasd.store import records
from rasd.store import reports as report_store
from rasd.workspace import Workspace

BATCH = 200
Progress = Callable[[str, int], None]  # (stage, reports done)


@dataclass
class Processed:
    reports: int = 0
    mentions: int = 0
    events: int = 0
    entities: int = 0
    review: int = 0
    incidents: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def _batches(items: list[Report], size: int = BATCH) -> Iterator[list[Report]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _save_batch(ws: Workspace, found: list[Extraction], done: Processed) -> None:
    with ws.engine.begin() as conn:
        for extraction in found:
            records.save_extraction(conn, extraction.report, extraction.mentions,
                                    extraction.events)
            report_store.mark_processed(conn, extraction.report, EXTRACTOR)
            done.mentions += len(extraction.mentions)
            done.events += len(extraction.events)
            for m in extraction.mentions:
                done.by_kind[m.kind] = done.by_kind.get(m.kind, 0) + 1


def extract_reports(ws: Workspace, ids: list[str] | None, progress: Progress | None,
                    done: Processed) -> list[str]:
    """Extract mentions and events of the reports not yet processed by this extractor."""
    with ws.engine.connect() as conn:
        todo = list(report_store.iter_reports(conn, unprocessed_by=EXTRACTOR, ids=ids))
    nlp = build_pipeline() if ws.settings.workers <= 1 else None
    try:
        for batch in _batches(todo):
            _save_batch(ws, extract_many(batch, workers=ws.settings.workers, nlp=nlp), done)
            done.reports += len(batch)
            if progress:
                progress("extracting", done.reports)
    finally:
        shutdown_pools()  # the workers hold a pipeline each: no idle ones in a server
    return [r.id for r in todo]


def _report_context(ws: Workspace) -> tuple[dict[str, date], dict[str, str]]:
    """(report -> published date, attachment -> the mail it came in) for linking."""
    dates: dict[str, date] = {}
    parents: dict[str, str] = {}
    with ws.engine.connect() as conn:
        for r in report_store.iter_reports(conn):
            if r.published:
                dates[r.id] = r.published
            if r.parent:
                parents[r.id] = r.parent
    return dates, parents


def link_mentions(ws: Workspace, report_ids: list[str] | None, done: Processed) -> LinkResult:
    """Link the mentions of ``report_ids`` (all reports when None) to entities."""
    with ws.engine.connect() as conn:
        wanted = set(report_ids) if report_ids is not None else None
        mentions = [m for m in records.iter_mentions(conn)
                    if m.kind in ("person", "group", "place")
                    and (wanted is None or m.report in wanted)]
        entities = [] if report_ids is None else list(records.iter_entities(conn))
        judgements = judgement_store.live_judgements(conn, "entity-pair")
    dates, parents = _report_context(ws)
    result = link(mentions, entities, judgements, ws.settings, report_dates=dates,
                  report_parents=parents)
    reasons = {m: (None, reason) for m, reason in result.unlinked.items()}
    links: dict[str, tuple[str | None, str | None]] = {
        m: (e, link_reason(result.explanations.get(m))) for m, e in result.assignments.items()}
    with ws.engine.begin() as conn:
        if report_ids is None:
            records.delete_entities(conn, [e.id for e in records.iter_entities(conn)])
        records.delete_entities(conn, result.removed)
        records.save_entities(conn, result.entities)
        records.set_mention_links(conn, {**reasons, **links})
        touched = None if report_ids is None else {*result.assignments.values(), *result.removed}
        judgement_store.replace_queue(conn, "entity-pair", [
            {"subject": r.entity_a, "other": r.entity_b, "score": r.score,
             "explanation": {**r.explanation, "mentions": [r.mention_a, r.mention_b],
                             "names": list(r.names)}} for r in result.review], touched)
    done.entities = len(result.entities)
    done.review = len(result.review)
    return result


def _with_linked_actors(events: list[Event], mentions: dict[str, Mention]) -> list[Event]:
    """Actors point at the entity their mention was linked to (persons become entities)."""
    for event in events:
        for actor in event.actors:
            mention = mentions.get(actor.mention or "")
            if mention is not None and mention.entity:
                actor.entity = mention.entity
    return events


def corroborate(ws: Workspace, done: Processed, new_reports: list[str] | None = None) -> None:
    """Group events into incidents: all of them, or (incrementally) the events of
    ``new_reports`` with the stored events and incidents they touch. Existing incidents keep
    their ids; either way the result is the same as a full run."""
    with ws.engine.connect() as conn:
        mentions = {m.id: m for m in records.iter_mentions(conn)
                    if m.kind in ("person", "group")}
        events = _with_linked_actors(list(records.iter_events(conn)), mentions)
        reports = list(report_store.iter_reports(conn))
        sources = report_store.list_sources(conn)
        judgements = judgement_store.live_judgements(conn)
        existing = list(records.iter_incidents(conn))
    stale: list[str] | None = None
    if new_reports is not None:
        fresh = set(new_reports)
        by_report = {r.id: r for r in reports}
        near = related([e for e in events if e.report in fresh],
                       [e for e in events if e.report not in fresh], by_report, existing)
        events, existing, stale = near.events, near.incidents, [i.id for i in near.incidents]
    incidents = build_incidents(events, reports, sources, judgements, existing)
    with ws.engine.begin() as conn:
        records.replace_incidents(conn, incidents, stale)
        done.incidents = records.count_incidents(conn)


def process(ws: Workspace, report_ids: list[str] | None = None,
            progress: Progress | None = None, relink: bool = False) -> Processed:
    """Run the stages after ingest on ``report_ids`` (every unprocessed report when None)."""
    done = Processed()
    new = extract_reports(ws, report_ids, progress, done)
    if new or relink:
        link_mentions(ws, None if relink else new, done)
        corroborate(ws, done, None if relink else new)
    return done
