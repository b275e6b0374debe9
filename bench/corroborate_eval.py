"""Corroboration against the demo corpus gold (``examples/gold.yaml``).

    .venv/bin/python bench/corroborate_eval.py [--mode gold|extracted|both] [--verbose]

Mode ``gold``: the gold events, converted to :class:`~rasd.model.Event` records, with the gold
reports (their text read from ``examples/reports/``) and sources (with their independence
groups), are grouped by :func:`rasd.corroborate.build_incidents`. Nothing of the gold answers
(``incident``, ``copy_of``, ``cites``, ``independent_sources``) is given to it.
Mode ``extracted``: the events the extraction pipeline finds in the same reports (persons and
groups linked as ``rasd.process`` links them) are grouped; each gold event takes the incident
of the extracted event whose evidence overlaps its own.

Prints B-cubed precision / recall / F1 over the gold events (an event with no extracted match
is a singleton) and the share of gold incidents whose independent-source count is exact (the
count of the predicted incident holding most of the gold incident's events).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.corroborate import build_incidents  # noqa: E402
from rasd.corroborate.evaluation import bcubed  # noqa: E402
from rasd.model import Actor, Count, Event, Incident, Report, Source, Span  # noqa: E402

GOLD = ROOT / "examples" / "gold.yaml"
REPORTS = ROOT / "examples" / "reports"


def source_id(name: str) -> str:
    from rasd.ingest.run import source_id as ingest_source_id

    return ingest_source_id(name)


def load_text(file: str) -> tuple[str, date | None]:
    """The text (and publication date) of a gold report file, read as ingest reads it."""
    from rasd.ingest.formats import read_any

    name, _, row = file.partition("#")
    path = REPORTS / name
    for draft in read_any(path.read_bytes(), path.name):
        if isinstance(draft, Exception):
            continue
        for part in [draft, *draft.attachments]:  # "x.eml#attachment-name": an attachment
            if not row or part.external_id == row or part.name.endswith(("#" + row, "/" + row)):
                if not row and part is not draft:
                    continue
                return part.text, part.published or draft.published
    raise SystemExit(f"{file}: report not found in {path}")


def gold_sources(gold: dict[str, Any]) -> list[Source]:
    return [Source(source_id(s["name"]), s["name"], s.get("kind", "unknown"),
                   s.get("independence_group")) for s in gold.get("sources") or []]


def gold_reports(gold: dict[str, Any]) -> list[Report]:
    out = []
    for entry in gold["reports"]:
        text, published = load_text(str(entry["file"]))
        out.append(Report(id=entry["key"], sha256="", text=text, media_type="text/plain",
                          archive_path="", published=_date(entry.get("published")) or published,
                          source=source_id(entry["source"]), language=entry.get("language"),
                          fictional=True))
    return out


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _entity(key: str | None, kinds: dict[str, str]) -> str | None:
    if not key:
        return None
    kind = kinds.get(key) or ("group" if key.startswith("G") else "person")
    return ("grp-gold-" if kind == "group" else "per-gold-") + key.lower()


def gold_event(entry: dict[str, Any], report: Report, kinds: dict[str, str]) -> Event:
    place = entry.get("place") or {}
    fat = entry.get("fatalities") or None
    counts = [Count("killed", fat.get("low"), fat.get("best"), fat.get("high"),
                    who=entry.get("victims"))] if fat and fat.get("best") is not None else []
    perp = _entity(entry.get("perpetrator"), kinds)
    evidence = []
    phrase = str(entry.get("evidence") or "")
    if phrase and phrase in report.text:
        start = report.text.index(phrase)
        evidence.append(Span(start, start + len(phrase), phrase))
    return Event(
        id=entry["key"], report=report.id, event_type=entry["event_type"],
        sub_event_type=entry.get("sub_event_type") or "",
        violations=list(entry.get("violations") or []),
        date_start=_date(entry.get("date_start")), date_end=_date(entry.get("date_end")),
        time_precision=entry.get("time_precision"),
        place=("geo-gold-" + str(place["name"]).lower().replace(" ", "-")) if place else None,
        place_name=place.get("name"), lat=place.get("lat"), lon=place.get("lon"),
        geo_precision=place.get("geo_precision"), country="SY" if place else None,
        admin1=place.get("admin1"),
        actors=[Actor("perpetrator", entry["perpetrator"], entity=perp)] if perp else [],
        counts=counts, modality=entry.get("modality", "asserted"),
        attributed_to=entry.get("attributed_to"), evidence=evidence, status="confirmed",
    )


def gold_events(gold: dict[str, Any], reports: dict[str, Report]) -> tuple[list[Event],
                                                                          dict[str, str]]:
    """The gold events as Event records, and each one's gold incident."""
    kinds = {e["key"]: e["kind"] for e in gold.get("entities") or []}
    events, truth = [], {}
    for entry in gold["reports"]:
        for ev in entry.get("events") or []:
            events.append(gold_event(ev, reports[entry["key"]], kinds))
            truth[ev["key"]] = ev.get("incident") or ("alone:" + ev["key"])
    return events, truth


def score(
    name: str, predicted: dict[str, str], truth: dict[str, str], incidents: Sequence[Incident],
    gold: dict[str, Any], verbose: bool,
) -> None:
    p, r, f = bcubed(predicted, truth)
    print(f"{name}: B-cubed precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
          f"over {len(truth)} gold events")
    by_id = {inc.id: inc for inc in incidents}
    wanted = {i["key"]: i.get("independent_sources") for i in gold.get("incidents") or []}
    if not wanted:
        print(f"{name}: source counts skipped (no `incidents` in the gold file yet)")
        return
    exact, rows = 0, []
    for key, count in sorted(wanted.items()):
        held = Counter(predicted[e] for e, i in truth.items() if i == key and e in predicted)
        inc = by_id.get(held.most_common(1)[0][0]) if held else None
        got = inc.independent_sources if inc else 0
        exact += got == count
        rows.append((key, count, got, inc))
    print(f"{name}: independent-source counts exact {exact}/{len(wanted)} = "
          f"{exact / len(wanted):.3f}")
    if verbose:
        for key, count, got, inc in rows:
            mark = "  " if got == count else "!!"
            members = [e for e, i in truth.items() if i == key]
            origins = inc.explanation.get("sources") if inc else {}
            print(f"  {mark} {key}: gold {count} got {got}; gold events {members}; "
                  f"predicted {inc.events if inc else None}")
            if got != count and origins:
                for rid, o in origins.items():
                    print(f"       {rid}: {o['origin']} ({o['reason']})")


def run_gold(gold: dict[str, Any], verbose: bool) -> None:
    sources, reports = gold_sources(gold), gold_reports(gold)
    events, truth = gold_events(gold, {r.id: r for r in reports})
    incidents = build_incidents(events, reports, sources)
    predicted = {e: inc.id for inc in incidents for e in inc.events}
    score("gold events", predicted, truth, incidents, gold, verbose)


def run_extracted(gold: dict[str, Any], verbose: bool) -> None:
    try:
        from rasd.extract.pipeline import build_pipeline  # noqa: F401
    except ImportError as exc:
        print(f"extracted events: skipped, no extraction pipeline ({exc})")
        return
    sources, reports = gold_sources(gold), gold_reports(gold)
    events, truth = gold_events(gold, {r.id: r for r in reports})
    found = extracted_events(reports)
    incidents = build_incidents(found, reports, sources)
    where = {e: inc.id for inc in incidents for e in inc.events}
    predicted, matched = {}, 0
    for g in events:
        hit = next((x for x in found if x.report == g.report and _overlaps(x, g)), None)
        if hit is not None and hit.id in where:
            predicted[g.id] = where[hit.id]
            matched += 1
    print(f"extracted events: {len(found)} found; {matched}/{len(events)} gold events matched "
          "by evidence and grouped")
    score("extracted events", predicted, truth, incidents, gold, verbose)
    p, r, f = bcubed(predicted, {e: i for e, i in truth.items() if e in predicted})
    print(f"extracted events, matched gold events only: B-cubed precision {p:.3f} recall "
          f"{r:.3f} F1 {f:.3f} over {len(predicted)}")


def extracted_events(reports: Sequence[Report]) -> list[Event]:
    """Events the pipeline extracts, their actors linked to entities as ``rasd.process`` does."""
    from rasd.extract.pipeline import build_pipeline, extract
    from rasd.resolve.link import link
    from rasd.settings import load

    nlp = build_pipeline()
    events, mentions = [], []
    for report in reports:
        found = extract(nlp, report)
        events += found.events
        mentions += found.mentions
    linked = link([m for m in mentions if m.kind in ("person", "group", "place")], [], [],
                  load(), report_dates={r.id: r.published for r in reports if r.published})
    entity_of = {m.id: m.entity for m in mentions if m.entity}
    entity_of.update(linked.assignments)
    for event in events:
        for actor in event.actors:
            actor.entity = entity_of.get(actor.mention or "", actor.entity)
    return events


def _overlaps(x: Event, g: Event) -> bool:
    return any(a.start < b.end and b.start < a.end for a in x.evidence for b in g.evidence)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["gold", "extracted", "both"], default="both")
    parser.add_argument("--verbose", action="store_true", help="list every gold incident")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: {GOLD} not found")
        return
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8")) or {}
    print(f"demo corpus gold: {len(gold.get('reports') or [])} reports, "
          f"{len(gold.get('incidents') or [])} incidents")
    if args.mode in ("gold", "both"):
        run_gold(gold, args.verbose)
    if args.mode in ("extracted", "both"):
        run_extracted(gold, args.verbose)


if __name__ == "__main__":
    main()
