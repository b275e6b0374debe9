"""Text views for the command line: incidents, entities, sources, the demo's summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table
from sqlalchemy import Connection

from rasd.ingest.run import source_id
from rasd.model import Incident, Source
from rasd.store import records
from rasd.store import reports as report_store
from rasd.taxonomy import load_actors
from rasd.workspace import Workspace

SOURCE_KINDS = ("news", "ngo", "field-network", "monitor", "official", "unknown")


class SourcesFileError(ValueError):
    """A sources file that cannot be read; the message names the file and entry."""


def _source(entry: Any, path: Path, number: int) -> Source:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise SourcesFileError(f"{path} entry {number}: needs at least a name")
    kind = str(entry.get("kind") or "unknown")
    if kind not in SOURCE_KINDS:
        raise SourcesFileError(f"{path} entry {number}: kind {kind!r} is not one of "
                               f"{', '.join(SOURCE_KINDS)}")
    sid = source_id(str(entry["name"]))
    group = entry.get("independence_group") or entry.get("network")
    return Source(id=sid, name=str(entry["name"]), kind=kind,
                  independence_group=str(group) if group else sid)


def import_sources(conn: Connection, path: Path, user: str) -> int:
    """Sources from a YAML list of {name, kind, independence_group}; returns how many."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SourcesFileError(f"{path}: cannot read it ({type(exc).__name__})") from exc
    entries = data.get("sources", data) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise SourcesFileError(f"{path}: expected a list of sources")
    found = [_source(e, path, n) for n, e in enumerate(entries, 1)]
    for source in found:
        report_store.upsert_source(conn, source, user)
    return len(found)


def _fatalities(incident: Incident) -> str:
    if not incident.fatalities:
        return "-"
    low, best, high = incident.fatalities
    if high is None:  # "at least", "dozens": the top is open
        return f"at least {low}" if low == best else f"{best} ({low}–?)"
    spread = f" ({low}–{high})" if high != low else ""
    return f"{best}{spread}"


def incident_lines(incident: Incident, names: dict[str, str]) -> list[str]:
    """An incident in a few lines: when, where, what, how many, who says so."""
    i = incident
    dates = (f"{i.date_start}" if i.date_start == i.date_end
             else f"{i.date_start} – {i.date_end}")
    level = ("single source" if i.independent_sources <= 1
             else f"corroborated by {i.independent_sources}")
    return [f"{i.id}  {dates}  {i.place_name or '?'}  {i.event_type or '?'}  "
            f"killed {_fatalities(i)}",
            f"    {level}: {', '.join(names.get(s, s) for s in i.sources)} "
            f"({len(i.reports)} reports)"]


def shown(value: Any, names: Mapping[str, str] | None = None, joiner: str = " – ") -> str:
    """A conflicting value as people write it: a date interval "a – b", a single day "a",
    ids as the names of their places, groups and people ("a or b" for several parties)."""
    names = names or {}
    if isinstance(value, (list, tuple)):
        parts = [names.get(str(v), str(v)) for v in value if v is not None]
        if len(set(parts)) == 1:
            return parts[0]
        return joiner.join(parts) if parts else "?"
    return names.get(str(value), str(value))


#: how several values of one side of a conflict are joined (two parties named together)
JOINERS = {"perpetrator": " and "}


def print_conflicts(console: Console, incident: Incident, names: dict[str, str]) -> None:
    for conflict in incident.conflicts:
        said = "; ".join(
            f"{shown(v.get('value'), names, JOINERS.get(conflict.field, ' – '))} "
            f"({', '.join(names.get(s, s) for s in v.get('sources', []))})"
            for v in conflict.values)
        console.print(f"    conflict on {conflict.field}: {said}", markup=False)


def source_names(conn: Connection) -> dict[str, str]:
    """Names of sources and of entities (places, groups, people) by id, for display."""
    names = {e.id: e.name for e in records.iter_entities(conn)}
    names.update({g.id: g.name for g in load_actors().groups.values()})
    names.update({s.id: s.name for s in report_store.list_sources(conn)})
    return names


def print_incidents(ws: Workspace, console: Console, min_sources: int = 0) -> int:
    with ws.engine.connect() as conn:
        incidents = list(records.iter_incidents(conn, min_sources))
        names = source_names(conn)
    for incident in incidents:
        for line in incident_lines(incident, names):
            console.print(line, markup=False)
        print_conflicts(console, incident, names)
    return len(incidents)


def print_demo_summary(ws: Workspace, console: Console) -> None:
    with ws.engine.connect() as conn:
        summary = report_store.report_summary(conn)
        mentions = Counter(m.kind for m in records.iter_mentions(conn))
        events = Counter(e.event_type for e in records.iter_events(conn))
        entities = Counter(e.kind for e in records.iter_entities(conn))
    console.print(f"reports: {summary['reports']} by language {summary['by_language']}, "
                  f"by format {summary['by_media_type']}, from {len(summary['by_source'])} "
                  "sources")
    console.print(f"mentions: {dict(mentions)}")
    console.print(f"events: {dict(events)}")
    console.print(f"entities: {dict(entities)}")
    console.print("Incidents corroborated by two or more independent sources:")
    print_incidents(ws, console, min_sources=2)


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence of ``text`` that holds [start, end), cut to ``limit`` characters."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ", "۔ "))
    right_marks = [p for p in (text.find(m, end) for m in (". ", "\n", "! ", "? ")) if p >= 0]
    right = min(right_marks) + 1 if right_marks else len(text)
    sentence = " ".join(text[left + 1:right].split())
    return sentence if len(sentence) <= limit else sentence[:limit] + "…"


def print_entities(ws: Workspace, console: Console, kind: str | None, query: str | None) -> int:
    with ws.engine.connect() as conn:
        counts = Counter(m.entity for m in records.iter_mentions(conn) if m.entity)
        found = [e for e in records.iter_entities(conn, kind)
                 if not query or any(query.lower() in n.lower() for n in [e.name, *e.aliases])]
    rows = [(e.id, e.kind, e.name, str(counts.get(e.id, 0)),
             "; ".join([a for a in e.aliases if a != e.name][:6])) for e in found]
    if not console.is_terminal:  # piped or captured: one tab-separated line each, never wrapped
        for row in rows:
            console.print("\t".join(row), markup=False, soft_wrap=True)
        return len(found)
    table = Table()
    table.add_column("entity", no_wrap=True, min_width=20)  # ids are copied into `rasd entity`
    for column in ("kind", "name", "mentions", "also written"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return len(found)


#: entity attributes the linker keeps for itself (name forms, anchor mention)
INTERNAL_ATTRIBUTES = frozenset({"forms", "anchor"})


def attribute_text(value: Any) -> str:
    """Statements ``[{value, mentions}]`` as their values; counts ``{key: n}`` as "key ×n"."""
    if isinstance(value, list):
        return "; ".join(str(v.get("value")) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} ×{n}" for k, n in sorted(value.items(), key=lambda kv: -kv[1]))
    return str(value)


def print_entity(ws: Workspace, console: Console, entity_id: str) -> bool:
    with ws.engine.connect() as conn:
        entity = records.get_entity(conn, entity_id)
        if entity is None:
            return False
        mentions = list(records.iter_mentions(conn, entity=entity_id))
        reports = {m.report: report_store.get_report(conn, m.report) for m in mentions}
        names = source_names(conn)
    console.print(f"{entity.name} ({entity.kind}, {entity.id})", markup=False)
    if entity.aliases:
        console.print(f"  also written: {'; '.join(entity.aliases)}", markup=False)
    for key, value in sorted(entity.attributes.items()):
        if key not in INTERNAL_ATTRIBUTES and value:
            console.print(f"  {key}: {attribute_text(value)}", markup=False)
    for m in mentions:
        report = reports[m.report]
        if report is None:
            continue
        day = report.published.isoformat() if report.published else "----------"
        source = names.get(report.source or "", report.source or "?")
        console.print(f"\n{day} {source} {report.id}: “{m.text}”", markup=False)
        console.print(f"  {sentence_around(report.text, m.start, m.end)}", markup=False)
        if m.reason:
            console.print(f"  why: {m.reason}", markup=False)
    return True
