"""Speed and memory of extraction (see docs/benchmarks/extract.md, "Speed and memory").

    .venv/bin/python bench/throughput.py [--reports 200] [--kb 5] [--big-mb 0] [--fakes]
                                         [--workers 0] [--repeat 1] [--gc-freeze]

In one run on the same texts, with wall-clock and CPU time (``time.process_time``: the machine
is shared, CPU time is the steadier number):

- spaCy's bare tokenizer (``nlp.make_doc``) and the full pipeline (``extract_many``, one
  process), as tokens/s and reports/s, and the full / bare time ratio (best of ``--repeat``:
  the components' per-name caches are warm for these texts, as in a large ingest where the same
  places and groups come back);
- the full pipeline's first pass over the texts, met unseen after a warm-up on other (generated)
  texts: the cold figure;
- milliseconds of CPU per report for each pipeline component (run one after the other over
  every report, best of ``--repeat``), and what is left for turning docs into records;
- with ``--workers N``, ``extract_many(workers=N)`` (a process pool), wall time and the CPU
  time of all processes;
- with ``--big-mb N``, one report of N/2 and one of N megabytes: time grows linearly when the
  ratio of the two times is near 2;
- the CPU time the cycle collector takes during the full pipeline (``gc.callbacks``);
- peak memory (max RSS of this process, and of the pool's processes).

``--gc-freeze`` builds, warms and freezes the pipeline (``gc.freeze()``) before timing, as
the pool's workers do (``rasd.extract.pipeline.freeze_pipeline``): the one-process numbers then
show what a worker spends.

Texts are generated fictional reports of about ``--kb`` kilobytes (or, with ``--fakes``, the
FA-KES development articles read at run time from ../shared/data, never copied; with
``--fakes-kb 4 6.5`` only those of 4 to 6.5 KB: the 43 real news reports of about 5 KB).
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402

from rasd.extract.pipeline import (  # noqa: E402
    build_pipeline,
    extract_many,
    freeze_pipeline,
    make_doc,
    new_pipeline,
    shutdown_pools,
)
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
    "Activist {g} {f} told the network that {n} people were detained at a checkpoint.",
    "{g} {f}, a fictional teacher, said the school in {p} was hit on {d}.",
]
PLACES = ["Aleppo", "Idlib", "Douma", "Raqqa", "Homs", "Daraa", "Hama", "Maarat al-Numan"]
DAYS = ["Monday", "Tuesday", "Saturday", "March 3", "the third of June", "last week"]
GIVEN = ["Samir", "Rana", "Khaled", "Huda", "Yousef", "Nour"]
FAMILY = ["Haddad", "Qassab", "al-Tamimi", "Darwish", "al-Halabi"]
Clock = tuple[float, float]


def fictional(kb: float, seed: int) -> str:
    """A fictional report of about ``kb`` kilobytes made of the sentences above."""
    rng = random.Random(seed)
    parts: list[str] = ["Fictional report written for the Rasd benchmark."]
    size = len(parts[0])
    while size < kb * 1024:
        parts.append(rng.choice(SENTENCES).format(
            p=rng.choice(PLACES), d=rng.choice(DAYS), n=rng.randint(2, 60),
            g=rng.choice(GIVEN), f=rng.choice(FAMILY)))
        size += len(parts[-1]) + 1
    return " ".join(parts)


def reports(n: int, kb: float, use_fakes: bool,
            sizes: tuple[float, float] | None = None) -> list[Report]:
    """``n`` generated reports of ``kb`` kilobytes, or the first ``n`` FA-KES articles (those
    of ``sizes`` = (least, most) kilobytes when it is given)."""
    texts: list[str]
    path = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"
    if use_fakes and path.exists():
        with path.open(encoding="utf-8") as fh:
            texts = [r["article_content"] for r in csv.DictReader(fh)]
        if sizes:
            texts = [t for t in texts if sizes[0] <= len(t.encode()) / 1024 <= sizes[1]]
        texts = texts[:n]
    else:
        if use_fakes:
            print(f"FA-KES not found at {path}: using generated fictional reports")
        texts = [fictional(kb, i) for i in range(n)]
    return [report(f"b{i}", t, not use_fakes) for i, t in enumerate(texts)]


def report(rid: str, text: str, fictional: bool = True) -> Report:
    return Report(id=rid, sha256="", text=text, media_type="text/plain", archive_path="",
                  published=date(2017, 4, 5), fictional=fictional)


def timed(fn: Callable[[], object]) -> Clock:
    """(wall seconds, CPU seconds of this process) of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def collector_ms(fn: Callable[[], object]) -> float:
    """CPU milliseconds the cycle collector spends during ``fn()`` (``gc.callbacks``)."""
    spent, began = [0.0], [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.process_time()
        else:
            spent[0] += time.process_time() - began[0]

    gc.callbacks.append(watch)
    try:
        fn()
    finally:
        gc.callbacks.remove(watch)
    return spent[0] * 1000


def rate(label: str, tokens: int, n: int, clock: Clock) -> None:
    wall, cpu = clock
    print(f"{label:15s}: wall {tokens / wall:12,.0f} tokens/s {n / wall:9,.1f} reports/s | "
          f"CPU {tokens / cpu:12,.0f} tokens/s {n / cpu:9,.1f} reports/s")


def run(items: list[Report], repeat: int) -> float:
    """Bare tokenizer and full pipeline on ``items``; the pipeline's CPU ms per report."""
    nlp = build_pipeline()
    # warm up (lazy data) on other texts, so the first timed pass meets these ones unseen
    extract_many([report(f"w{i}", fictional(5, 10_000 + i)) for i in range(5)], nlp=nlp)
    fresh = new_pipeline()  # its own vocabulary: spaCy meets these words unseen too
    bare_first = timed(lambda: [fresh.make_doc(r.text) for r in items])
    first = timed(lambda: extract_many(items, nlp=nlp))
    tokens = sum(len(nlp.make_doc(r.text)) for r in items)
    bare = min((timed(lambda: [nlp.make_doc(r.text) for r in items]) for _ in range(repeat)),
               key=lambda c: c[1])
    full = min((timed(lambda: extract_many(items, nlp=nlp)) for _ in range(repeat)),
               key=lambda c: c[1])
    chars = sum(len(r.text) for r in items)
    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    print(f"{len(items)} reports, {chars / len(items) / 1024:.1f} KB and "
          f"{tokens / len(items):.0f} tokens each (best of {repeat})")
    rate("bare tokenizer", tokens, len(items), bare)
    rate("full pipeline", tokens, len(items), full)
    print(f"full / bare time ratio: wall {full[0] / bare[0]:.0f}x, CPU {full[1] / bare[1]:.0f}x")
    print("first pass over the same texts, met unseen (spaCy's vocabulary and the components'"
          " per-name caches cold for them):")
    rate("bare tokenizer", tokens, len(items), bare_first)
    rate("full pipeline", tokens, len(items), first)
    print(f"full / bare time ratio: wall {first[0] / bare_first[0]:.0f}x, "
          f"CPU {first[1] / bare_first[1]:.0f}x")
    # the mean, not the best: a full collection comes once in a few hundred reports
    spent = sum(collector_ms(lambda: extract_many(items, nlp=nlp)) for _ in range(repeat))
    print(f"cycle collector: {spent / repeat / len(items):.2f} ms of CPU per report "
          f"(full pipeline, mean of {repeat})")
    return full[1] / len(items) * 1000


def components(items: list[Report], full_ms: float, repeat: int) -> None:
    """CPU milliseconds per report of each component, run one after the other on all docs
    (each component ``repeat`` times over the same docs, the best time kept)."""
    nlp = build_pipeline()
    docs: list[Doc] = []
    make = timed(lambda: docs.extend(make_doc(nlp, r.text, r) for r in items))[1]
    spent = {"make_doc (tokenizer)": make}
    for name, proc in nlp.pipeline:
        spent[name] = min(timed(lambda proc=proc: [proc(d) for d in docs])[1]  # type: ignore[misc]
                          for _ in range(repeat))
    per = {k: v / len(items) * 1000 for k, v in spent.items()}
    print("CPU ms per report: " + ", ".join(f"{k} {v:.2f}" for k, v in per.items()))
    print(f"sum {sum(per.values()):.2f} ms; records and batching "
          f"{full_ms - sum(per.values()):.2f} ms (full pipeline {full_ms:.2f} ms)")


def pool(items: list[Report], workers: int) -> None:
    """``extract_many`` with a process pool: wall time and the CPU of every process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = timed(lambda: extract_many(items, workers=workers))
    shutdown_pools()  # the children's CPU time is counted once they have exited
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"{workers} workers: wall {len(items) / wall:,.1f} reports/s; CPU of all processes "
          f"{cpu + children:.1f} s ({len(items) / (cpu + children):,.1f} reports/s per core); "
          f"pool start included")


def big(mb: float) -> None:
    """Time of one report of mb/2 and one of mb megabytes (linear: the ratio is near 2)."""
    nlp = build_pipeline()
    took = []
    for size in (mb / 2, mb):
        text = fictional(size * 1024, seed=1)
        wall, cpu = timed(lambda text=text: extract_many([report("big", text)],  # type: ignore[misc]
                                                         nlp=nlp))
        took.append(cpu)
        print(f"one report of {size:.2f} MB: wall {wall:.1f} s, CPU {cpu:.1f} s "
              f"({len(text) / cpu / 1024:,.0f} KB/s CPU)")
    print(f"CPU time ratio {mb:g} MB / {mb / 2:g} MB: {took[1] / took[0]:.2f} (linear: 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--kb", type=float, default=5.0)
    parser.add_argument("--big-mb", type=float, default=0.0)
    parser.add_argument("--fakes", action="store_true")
    parser.add_argument("--fakes-kb", type=float, nargs=2, metavar=("LEAST", "MOST"),
                        help="only the FA-KES articles of this size (4 6.5: real 5 KB reports)")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings")
    parser.add_argument("--gc-freeze", action="store_true",
                        help="freeze the built pipeline first, as pool workers do")
    args = parser.parse_args()
    items = reports(args.reports, args.kb, args.fakes or bool(args.fakes_kb), args.fakes_kb)
    if args.gc_freeze:
        freeze_pipeline()
    full_ms = run(items, args.repeat)
    components(items, full_ms, args.repeat)
    if args.workers > 1:
        pool(items, args.workers)
    if args.big_mb:
        big(args.big_mb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:,.0f} MB" + (f"; largest pool process {kids:,.0f} MB"
                                                     if kids else ""))


if __name__ == "__main__":
    main()
