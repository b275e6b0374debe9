"""Corroboration at scale: N synthetic events (default 1,000,000) grouped into incidents.

    .venv/bin/python bench/corroborate_scale.py [--events N] [--seed S] [--no-explain]

Synthetic occurrences are spread over ten years and 3,000 synthetic towns in Syria's bounding box
(14 provinces); each is told by 1-6 reports of 60 outlets in 40 networks, with the date off by
a day in some reports, the place given only as the province in some, sub-event types and
tolls that differ, perpetrators missing. Several occurrences share town, day and type (distinct
raids on one town a week apart; neighbouring towns on one day). Incidents are consumed as
``iter_incidents`` yields them, as a store writing batches would. Prints the time, the peak
resident memory (the synthetic input included), and B-cubed precision / recall against the
synthetic truth.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.corroborate.cluster import build_incidents, iter_incidents
from rasd.corroborate.evaluation import bcubed
from rasd.corroborate.incremental import related
from rasd.model import Actor, Count, Event, Incident, Report, Source

SUBS = [("Explosions/Remote violence", "Air/drone strike", 0.35),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.25),
        ("Battles", "Armed clash", 0.15),
        ("Violence against civilians", "Attack", 0.1),
        ("Strategic developments", "Arrests", 0.08),
        ("Violence against civilians", "Abduction/forced disappearance", 0.07)]
GROUPS = [f"grp-synthetic-{i}" for i in range(12)]
START = date(2012, 1, 1)
DAYS = 3650
TOWNS = 3000  # Syria has some 5,000 named localities


def _towns(rng: random.Random) -> list[tuple[str, float, float, str]]:
    towns = []
    for i in range(TOWNS):
        lat, lon = rng.uniform(32.4, 37.2), rng.uniform(35.8, 42.2)
        province = f"province-{int((lat - 32.4) / 1.2) * 4 + int((lon - 35.8) / 1.8)}"
        towns.append((f"geo-synthetic-{i}", lat, lon, province))
    return towns


Occurrence = tuple[int, tuple[str, float, float, str], tuple[str, str, float], date, str, int,
                   int]


def _occurrences(n_events: int, rng: random.Random) -> list[Occurrence]:
    towns = _towns(rng)
    weights = [w for _, _, w in SUBS]
    out: list[Occurrence] = []
    total = 0
    while total < n_events:
        town = rng.choice(towns)
        kind = rng.choices(SUBS, weights)[0]
        day = START + timedelta(days=rng.randrange(DAYS))
        tellers = min(rng.choice([1, 1, 2, 2, 3, 3, 4, 6]), n_events - total)
        out.append((len(out), town, kind, day, rng.choice(GROUPS), rng.randint(0, 40), tellers))
        total += tellers
    return out


def synthesize(n_events: int, seed: int) -> tuple[list[Event], list[Report], list[Source],
                                                  dict[str, int]]:
    """Events, reports, sources and the true occurrence of each event."""
    rng = random.Random(seed)
    sources = [Source(f"src-{i}", f"Outlet {i}", "news", f"net-{i % 40}") for i in range(60)]
    events, reports, truth = [], [], {}
    for occ, town, kind, day, perp, toll, tellers in _occurrences(n_events, rng):
        place, lat, lon, province = town
        etype, sub, _ = kind
        for k in range(tellers):
            rid = f"r{occ}-{k}"
            published = day + timedelta(days=rng.randint(0, 3))
            reports.append(Report(rid, "", "", "text/plain", "", source=rng.choice(sources).id,
                                  published=published, fictional=True))
            told = day + timedelta(days=rng.choice([0, 0, 0, 0, 1])) if rng.random() < 0.9 else None
            vague = rng.random() < 0.12
            event = Event(
                id=f"e{occ}-{k}", report=rid, event_type=etype, sub_event_type=sub,
                date_start=told, date_end=told, time_precision=1 if told else None,
                place=None if vague else place, lat=None if vague else lat,
                lon=None if vague else lon, geo_precision=3 if vague else 1,
                country="SY", admin1=province,
                actors=[Actor("perpetrator", perp, entity=perp)] if rng.random() < 0.6 else [],
                counts=[Count("killed", toll + d, toll + d, toll + d, who="civilians")
                        for d in [rng.choice([0, 0, 1, -1, 5])] if toll + d > 0],
            )
            events.append(event)
            truth[event.id] = occ
    return events, reports, sources, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-explain", action="store_true",
                        help="skip the per-member explanations")
    parser.add_argument("--new", type=int, default=0,
                        help="then add the events of the N latest reports incrementally")
    args = parser.parse_args()
    t0 = time.perf_counter()
    events, reports, sources, truth = synthesize(args.events, args.seed)
    t1 = time.perf_counter()
    print(f"synthesised {len(events):,} events, {len(reports):,} reports, "
          f"{len(set(truth.values())):,} occurrences in {t1 - t0:.1f} s")
    new: list[Event] = []
    if args.new:
        latest = {r.id for r in sorted(reports, key=lambda r: (r.published, r.id))[-args.new:]}
        new = [e for e in events if e.report in latest]
        events = [e for e in events if e.report not in latest]
    stored: list[Incident] = []
    predicted: dict[str, str] = {}
    incidents = corroborated = 0
    for inc in iter_incidents(events, reports, sources, explain_members=not args.no_explain):
        incidents += 1  # a store would write each batch here; nothing else is kept
        if args.new:  # what a store keeps of each incident for the next run
            stored.append(Incident(inc.id, inc.events, inc.reports, inc.sources,
                                   inc.independent_sources))
        corroborated += inc.independent_sources > 1
        predicted.update((e, inc.id) for e in inc.events)
    t2 = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = cpu.ru_maxrss / 1024
    p, r, f = bcubed(predicted, {e.id: truth[e.id] for e in events})
    print(f"clustered into {incidents:,} incidents ({corroborated:,} corroborated) in "
          f"{t2 - t1:.1f} s wall ({len(events) / (t2 - t1):,.0f} events/s); "
          f"CPU {cpu.ru_utime + cpu.ru_stime:.1f} s in all")
    print(f"peak resident memory {peak_mb:,.0f} MB (synthetic input included)")
    print(f"B-cubed precision {p:.3f} recall {r:.3f} F1 {f:.3f} (synthetic truth)")
    if new:
        incremental(new, events, reports, sources, stored)


def incremental(new: list[Event], old: list[Event], reports: list[Report],
                sources: list[Source], stored: list[Incident]) -> None:
    """Add ``new`` to the stored incidents, regrouping only what they can touch."""
    t0 = time.perf_counter()
    part = related(new, old, {r.id: r for r in reports}, stored)
    t1 = time.perf_counter()
    regrouped = build_incidents(part.events, reports, sources, existing=part.incidents)
    t2 = time.perf_counter()
    previous = {e for inc in part.incidents for e in inc.events}
    attached = sum(1 for inc in regrouped if set(inc.events) & previous
                   for e in inc.events if e not in previous)
    print(f"incremental: {len(new):,} new events; {len(part.events):,} events and "
          f"{len(part.incidents):,} stored incidents in their window selected in {t1 - t0:.1f} s, "
          f"regrouped in {t2 - t1:.1f} s; {attached:,} new events attached to stored incidents")


if __name__ == "__main__":
    main()
