"""Speed and memory of extraction (see docs/benchmarks/extract.md).

    .venv/bin/python bench/throughput.py [--reports 200] [--kb 5] [--big-mb 0] [--fakes]

Times, in one run on the same texts: spaCy's bare tokenizer (``nlp.make_doc``) and the full
pipeline (``extract_many``), as tokens/s and reports/s on one core; then peak memory (max RSS).
Texts are generated fictional reports of about ``--kb`` kilobytes (or, with ``--fakes``, the
FA-KES development articles read from ../shared/data, never copied). ``--big-mb N`` also times
one report of N megabytes and one of N/2, to show that time grows linearly with length.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.extract.pipeline import build_pipeline, extract_many  # noqa: E402
from rasd.model import Report  # noqa: E402

SENTENCES = [
    "Warplanes struck a market in the town of {p} on {d}, killing at least {n} civilians.",
    "Government forces shelled the eastern districts of {p} with artillery and rockets.",
    "A car bomb exploded near a bakery in {p}, wounding {n} people, a local council said.",
    "Militants executed {n} men in the main square of {p} last week.",
    "Clashes between rebels and government forces continued near {p} for a third day.",
    "Residents said the water station in {p} had been out of service since {d}.",
    "The committee called for an investigation and for aid to reach {p} without delay.",
    "Dozens of families fled {p} towards the border, according to the monitor.",
]
PLACES = ["Aleppo", "Idlib", "Douma", "Raqqa", "Homs", "Daraa", "Hama", "Maarat al-Numan"]
DAYS = ["Monday", "Tuesday", "Saturday", "March 3", "the third of June", "last week"]


def fictional(kb: float, seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = ["Fictional report written for the Rasd benchmark."]
    while sum(len(p) + 1 for p in parts) < kb * 1024:
        parts.append(rng.choice(SENTENCES).format(p=rng.choice(PLACES), d=rng.choice(DAYS),
                                                  n=rng.randint(2, 60)))
    return " ".join(parts)


def reports(n: int, kb: float, use_fakes: bool) -> list[Report]:
    texts: list[str]
    path = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"
    if use_fakes and path.exists():
        with path.open(encoding="utf-8") as fh:
            texts = [r["article_content"] for r in csv.DictReader(fh)][:n]
    else:
        if use_fakes:
            print(f"FA-KES not found at {path}: using generated fictional reports")
        texts = [fictional(kb, i) for i in range(n)]
    return [Report(id=f"b{i}", sha256="", text=t, media_type="text/plain", archive_path="",
                   published=date(2017, 4, 5), fictional=not use_fakes)
            for i, t in enumerate(texts)]


def run(n: int, kb: float, use_fakes: bool) -> None:
    nlp = build_pipeline()
    items = reports(n, kb, use_fakes)
    extract_many(items[:5], nlp=nlp)  # warm up (lazy data, caches)
    t0 = time.perf_counter()
    tokens = sum(len(nlp.make_doc(r.text)) for r in items)
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_many(items, nlp=nlp)
    full = time.perf_counter() - t0
    chars = sum(len(r.text) for r in items)
    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    print(f"{len(items)} reports, {chars / len(items) / 1024:.1f} KB and "
          f"{tokens / len(items):.0f} tokens each")
    print(f"bare tokenizer : {tokens / bare:12,.0f} tokens/s {len(items) / bare:10,.1f} reports/s")
    print(f"full pipeline  : {tokens / full:12,.0f} tokens/s {len(items) / full:10,.1f} reports/s")
    print(f"full / bare time ratio: {full / bare:.1f}x")


def big(mb: float) -> None:
    nlp = build_pipeline()
    for size in (mb / 2, mb):
        text = fictional(size * 1024, seed=1)
        t0 = time.perf_counter()
        extract_many([Report(id="big", sha256="", text=text, media_type="text/plain",
                             archive_path="", published=date(2017, 4, 5), fictional=True)],
                     nlp=nlp)
        took = time.perf_counter() - t0
        print(f"one report of {size:.1f} MB: {took:.1f} s ({len(text) / took / 1024:,.0f} KB/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--kb", type=float, default=5.0)
    parser.add_argument("--big-mb", type=float, default=0.0)
    parser.add_argument("--fakes", action="store_true")
    args = parser.parse_args()
    run(args.reports, args.kb, args.fakes)
    if args.big_mb:
        big(args.big_mb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
