"""p50/p95 of ``GET /search`` (results page with facets) over synthetic FICTIONAL reports.

    .venv/bin/python bench/web_search.py               # 100,000 reports, SQLite
    .venv/bin/python bench/web_search.py --n 10000     # smaller
    .venv/bin/python bench/web_search.py --db postgresql://postgres@127.0.0.1:5432/DB
    .venv/bin/python bench/web_search.py --reuse /tmp/rasd-web-bench-XXXX/ws --by-filter

Reports are made of a small made-up vocabulary (every one marked fictional), one event each,
a quarter of them in two-report incidents. Queries mix rare words, common words, phrases and
facet filters; each is timed through the whole app (FastAPI TestClient, templates included).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient
from sqlalchemy import text

from rasd.settings import Settings
from rasd.store.tables import (
    event_actors,
    events,
    incident_events,
    incidents,
    reports,
    sources,
)
from rasd.web.app import create_app
from rasd.web.queries import Filters, search_page
from rasd.workspace import Workspace, init, open_workspace

PLACES = ["Kafr Zita", "Maarat", "Douma", "Tabqa", "Mayadin", "Saraqib", "Darayya", "Azaz"]
GOVS = ["Hama", "Idlib", "Rif Dimashq", "Raqqa", "Deir ez-Zor", "Aleppo"]
TYPES = [("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
         ("Violence against civilians", "Attack"), ("Violence against civilians", "Abduction")]
GROUPS = ["grp-syrian-government-forces", "grp-islamic-state", "grp-fictional-militia",
          "grp-unknown-gunmen"]
WORDS = [
    "market", "school", "hospital", "bakery", "checkpoint", "convoy", "shelling", "barrel",
    "rocket", "mortar", "drone", "raid", "arrest", "detention", "siege", "displacement",
    "civilians", "children", "women", "fighters", "residents", "witnesses", "council",
    "monitor", "statement", "village", "town", "district", "road", "bridge", "mosque",
]
QUERIES = ["market", "civilians", "hospital bakery", '"barrel rocket"', "Douma", "zzznothing",
           "checkpoint convoy siege", "fictional", "report", "Tabqa drone"]
FILTERS: list[dict[str, str]] = [{}, {"event_type": "Battles"}, {"governorate": "Idlib"},
                                 {"perpetrator": "grp-islamic-state"},
                                 {"date_from": "2016-01-01", "date_to": "2016-06-30"},
                                 {"corroboration": "2"}, {"source": "src-fictional-3"}]


def _report(i: int, rnd: random.Random, day: date) -> dict[str, Any]:
    place = rnd.choice(PLACES)
    body = (f"FICTIONAL REPORT {i}. {place}, {day.isoformat()}. "
            + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(60, 160))) + ".")
    digest = f"{i:064x}"
    return {"id": f"rep-{i:016d}", "sha256": digest, "archive_path": f"none/{digest}",
            "media_type": "text/plain", "title": f"Fictional report {i} from {place}",
            "published": day, "language": "en", "source_id": f"src-fictional-{i % 40}",
            "received_at": datetime.now(UTC), "text": body, "protected": {}, "fictional": True}


def _event(i: int, rnd: random.Random, day: date) -> dict[str, Any]:
    kind, sub = rnd.choice(TYPES)
    killed = rnd.randint(0, 30)
    return {"id": f"evt-{i:016d}", "report_id": f"rep-{i:016d}", "event_type": kind,
            "sub_event_type": sub, "violations": [], "date_start": day, "date_end": day,
            "time_precision": 1, "place_name": rnd.choice(PLACES), "lat": 35.0, "lon": 37.0,
            "geo_precision": 1, "country": "SY", "admin1": rnd.choice(GOVS),
            "actors": [{"role": "perpetrator", "name": "x", "entity": rnd.choice(GROUPS),
                        "mention": None, "actor_type": None}],
            "counts": [], "money": [], "fatalities_best": killed, "fatalities_low": killed,
            "fatalities_high": killed, "evidence": [], "status": "suggested"}


def build(ws: Workspace, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    start = date(2013, 1, 1)
    with ws.engine.begin() as conn:
        conn.execute(sources.insert(), [{"id": f"src-fictional-{k}", "name": f"Fictional {k}"}
                                        for k in range(40)])
    batch = 5000
    for first in range(0, n, batch):
        days = {i: start + timedelta(days=rnd.randint(0, 2500)) for i in
                range(first, min(n, first + batch))}
        with ws.engine.begin() as conn:
            conn.execute(reports.insert(), [_report(i, rnd, d) for i, d in days.items()])
            found = [_event(i, rnd, d) for i, d in days.items()]
            conn.execute(events.insert(), found)
            conn.execute(event_actors.insert(), [  # as rasd.store.records.insert_events does
                {"event_id": e["id"], "role": a["role"], "actor": a["entity"] or a["name"],
                 "report_id": e["report_id"]} for e in found for a in e["actors"]])
            pairs = [i for i in days if i % 8 == 0 and i + 1 in days]
            conn.execute(incidents.insert(), [{
                "id": f"inc-{i:016d}", "sources": [], "independent_sources": 2,
                "conflicts": [], "explanation": {}} for i in pairs])
            conn.execute(incident_events.insert(), [
                {"incident_id": f"inc-{i:016d}", "event_id": f"evt-{j:016d}",
                 "report_id": f"rep-{j:016d}"} for i in pairs for j in (i, i + 1)])
    if ws.engine.dialect.name == "postgresql":  # as autovacuum would after such a load
        with ws.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))


def measure(client: TestClient, rounds: int, url: str) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each request (CPU: this process, so the app and, on
    SQLite, the database; PostgreSQL's own work is in its server process, outside it)."""
    wall, cpu = [], []
    for _ in range(rounds):
        for q in QUERIES:
            for f in FILTERS:
                began, began_cpu = time.perf_counter(), time.process_time()
                answer = client.get(url, params={"q": q, **f})
                wall.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
                assert answer.status_code == 200
    return sorted(wall), sorted(cpu)


def by_filter(ws: Workspace, rounds: int) -> None:
    """CPU milliseconds of :func:`search_page` alone (no HTTP, no template) per filter."""
    spent: dict[str, list[float]] = {}
    with ws.engine.connect() as conn:
        for _ in range(rounds):
            for f in FILTERS:
                for q in QUERIES:
                    given = {k: date.fromisoformat(v) if k.startswith("date_") else v
                             for k, v in f.items()}
                    began = time.process_time()
                    search_page(conn, Filters(q=q, **given))  # type: ignore[arg-type]
                    spent.setdefault(str(f or "no filter"), []).append(
                        (time.process_time() - began) * 1000)
    for name, times in spent.items():
        print(f"search_page {name}: cpu median {statistics.median(times):.0f} ms, "
              f"max {max(times):.0f} ms")


def _line(name: str, timings: list[float]) -> str:
    p95 = timings[int(0.95 * (len(timings) - 1))]
    return (f"{name} p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
            f"max {timings[-1]:.1f} ms")


def _report_timings(url: str, timings: tuple[list[float], list[float]],
                    args: argparse.Namespace) -> None:
    backend = "postgresql" if args.db else "sqlite"
    print(f"{url} on {backend}, {args.n} reports, {len(timings[0])} requests: "
          f"{_line('wall', timings[0])}; {_line('cpu', timings[1])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic reports")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", default=None, help="PostgreSQL URL (an empty database)")
    parser.add_argument("--by-filter", action="store_true",
                        help="also time search_page alone, per filter (CPU)")
    parser.add_argument("--reuse", type=Path, default=None,
                        help="a workspace an earlier run built (with the same --n and --db)")
    args = parser.parse_args()
    folder = args.reuse.parent if args.reuse else Path(tempfile.mkdtemp(prefix="rasd-web-bench-"))
    settings = Settings(workspace=args.reuse or folder / "ws", db=args.db, user="bench",
                        extract=False)
    if args.reuse:
        ws = open_workspace(settings)
    else:
        ws = init(settings)
        began = time.perf_counter()
        build(ws, args.n)
        print(f"built {args.n} reports in {time.perf_counter() - began:.1f} s ({folder})")
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        client.get("/search", params={"q": "market"})  # warm up
        for url in ("/search", "/search/facets"):
            _report_timings(url, measure(client, args.rounds, url), args)
    if args.by_filter:
        by_filter(ws, args.rounds)
    ws.close()


if __name__ == "__main__":
    main()
