"""Every mention and event extraction produces, as sorted JSON lines: a guard for speed work.

    .venv/bin/python bench/extract_snapshot.py OUT.jsonl [--fakes 300] [--generated 100]

Run before and after a change meant to keep output the same (an optimisation), then
``diff`` the two files: any line that differs is a changed mention or event. Texts: the demo
corpus gold reports (``examples/``), the first ``--fakes`` FA-KES development articles (read
at run time from ../shared/data, never copied; skipped where absent) and ``--generated``
fictional 5 KB reports of ``bench/throughput.py``. The snapshot holds article text
(mention texts, evidence), so write it outside the repository (e.g. under /tmp).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._fakes import FAKES, fakes_rows  # noqa: E402
from bench.extract_gold import GOLD, _report  # noqa: E402
from bench.throughput import fictional, report  # noqa: E402
from rasd.extract.pipeline import build_pipeline, extract_many  # noqa: E402
from rasd.model import Report  # noqa: E402


def corpus(n_fakes: int, n_generated: int) -> list[Report]:
    """The reports of the snapshot, in a fixed order."""
    import yaml

    out: list[Report] = []
    entries = (yaml.safe_load(GOLD.read_text(encoding="utf-8")) or {}).get("reports", [])
    out.extend(r for r in map(_report, entries) if r is not None)
    if n_fakes and (FAKES / "fakes-dev.csv").is_file():
        out.extend(Report(id=f"fakes-{row['unit_id']}", sha256="", text=row["article_content"],
                          media_type="text/plain", archive_path="", title=row["article_title"])
                   for row in fakes_rows()[:n_fakes])
    out.extend(report(f"gen-{i}", fictional(5, i)) for i in range(n_generated))
    return out


def lines(reports: list[Report]) -> list[str]:
    """One JSON line per mention and per event of every report, sorted."""
    found: list[str] = []
    for ex in extract_many(reports, nlp=build_pipeline()):
        for kind, items in (("mention", ex.mentions), ("event", ex.events)):
            for item in items:
                row: dict[str, Any] = {"kind": kind, **dataclasses.asdict(item)}
                found.append(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--fakes", type=int, default=300)
    parser.add_argument("--generated", type=int, default=100)
    args = parser.parse_args()
    reports = corpus(args.fakes, args.generated)
    found = lines(reports)
    args.out.write_text("".join(x + "\n" for x in found), encoding="utf-8")
    print(f"{len(reports)} reports, {len(found)} mentions and events -> {args.out}")


if __name__ == "__main__":
    main()
