"""Ingest throughput and peak memory on the FA-KES development articles, as a JSONL feed.

    .venv/bin/python bench/ingest.py [--repeat N]

Writes the articles to a temporary feed (outside the repository), ingests it into a fresh SQLite
workspace with extraction off, and prints reports/s, MB/s and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fakes import fakes_rows

from rasd.ingest.run import ingest_paths
from rasd.settings import Settings
from rasd.workspace import init


def _feed(rows: list[dict[str, str]], repeat: int, path: Path) -> int:
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for row in rows:
                published = datetime.strptime(row["date"], "%m/%d/%y").date().isoformat()
                record = {"id": f"{row['unit_id']}-{copy}", "title": row["article_title"],
                          "text": row["article_content"] + ("" if copy == 0 else f" [{copy}]"),
                          "source": row["source"], "published": published}
                line = json.dumps(record, ensure_ascii=False) + "\n"
                size += len(line.encode("utf-8"))
                out.write(line)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="copies of the 602 articles")
    args = parser.parse_args()
    rows = fakes_rows()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "fakes.jsonl"
        size = _feed(rows, args.repeat, feed)
        ws = init(Settings(workspace=Path(tmp) / "ws", extract=False))
        start, cpu = time.perf_counter(), time.process_time()
        summary = ingest_paths(ws, [feed])
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        ws.close()
    n = summary.count("ingested")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports ingested: {n} ({summary.count('failed')} failed) from {size / 1e6:.1f} MB")
    print(f"time: {elapsed:.2f} s  -> {n / elapsed:.0f} reports/s, {size / 1e6 / elapsed:.2f} MB/s")
    print(f"CPU time: {cpu:.2f} s -> {n / cpu:.0f} reports per CPU-second (one core)")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
