"""Speed, memory and key collisions of the gazetteer (issue 3).

Prints: gazetteer load time and memory; lookups per second (transliteration key + index
lookup, on names the key cache has not seen); the places component's CPU cost per 5 KB of
text, on bench/throughput.py's generated fictional reports and on the FA-KES articles when
``../shared/data`` has them; and the collisions of :func:`translit_key` over the whole
gazetteer (keys shared by entries more than 25 km apart).

Times are CPU times of this process (``time.process_time``): the machine is shared, wall time
would measure the neighbours. Run: ``.venv/bin/python bench/geocode_speed.py [--reports N]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"


def bench_load() -> None:
    from rasd.gazetteer.load import build_gazetteer
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    loaded = build_gazetteer()
    took = time.process_time() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gaz = loaded.gazetteer
    print(f"load: {took:.3f} s, {len(gaz)} entries, {len(gaz.by_key)} keys, "
          f"peak RSS +{(after - before) / 1024:.1f} MB (process {after / 1024:.1f} MB)")


def bench_lookups(n: int = 200_000) -> None:
    from rasd.gazetteer.keys import translit_key, word_keys
    from rasd.gazetteer.load import load_gazetteer
    gaz = load_gazetteer().gazetteer
    names = [name for p in gaz.places.values() for name in p.all_names()]
    rng = random.Random(7)
    queries = [rng.choice(names) + ("" if i % 3 else f" {i}") for i in range(n)]
    translit_key.cache_clear()
    word_keys.cache_clear()
    start = time.process_time()
    hits = sum(1 for q in queries if gaz.by_key.get(translit_key(q)))
    took = time.process_time() - start
    print(f"lookups: {n / took:,.0f} /s uncached-ish ({hits} hits of {n}); ", end="")
    start = time.process_time()
    for q in queries:
        gaz.by_key.get(translit_key(q))
    took = time.process_time() - start
    print(f"{n / took:,.0f} /s with the key cache warm")


def _report_sets(limit: int) -> dict[str, list[str]]:
    """FA-KES dev articles (where ../shared/data has them) and bench/throughput.py's generated
    fictional 5 KB reports."""
    import sys
    sys.path.insert(0, str(ROOT))
    from bench.throughput import fictional
    sets = {"fictional 5 KB (bench/throughput.py)": [fictional(5, i) for i in range(limit)]}
    if FAKES.exists():
        with FAKES.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))[:limit]
        sets["FA-KES dev"] = [f"{r['article_title']}\n{r['article_content']}" for r in rows]
    return sets


def bench_component(limit: int, repeat: int = 3) -> None:
    """CPU ms per 5 KB of the places component alone (tokenizer and sentencizer excluded)."""
    import spacy

    import rasd.extract.places  # noqa: F401
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    places = nlp.add_pipe("rasd_places")
    for label, texts in _report_sets(limit).items():
        docs = [nlp(t) for t in texts]  # runs the component once: loads, warms caches
        kb = sum(len(t) for t in texts) / 1024
        best = min(_cpu(places, docs) for _ in range(repeat))
        found = sum(len(d.spans["place"]) for d in docs)
        print(f"component, {label}: {len(docs)} reports of {kb / len(docs):.1f} KB, "
              f"{best * 1000 / kb * 5:.2f} ms CPU per 5 KB (best of {repeat}), "
              f"{found / kb * 5:.0f} place spans per 5 KB")
        find, resolve = _parts(places, texts, repeat)
        print(f"  of which finding mentions {find * 1000 / kb * 5:.2f} ms, geocoding "
              f"{resolve * 1000 / kb * 5:.2f} ms (the rest: spans and their values)")


def _parts(component: Any, texts: list[str], repeat: int) -> tuple[float, float]:
    """CPU seconds of the finder and of the geocoder alone over ``texts`` (best of repeat)."""
    finder, geocoder = component._load()
    find = resolve = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        founds = [finder.find(text, []) for text in texts]
        find = min(find, time.process_time() - start)
        start = time.process_time()
        for items in founds:
            geocoder.resolve([f.query for f in items])
        resolve = min(resolve, time.process_time() - start)
    return find, resolve


def _cpu(component: Any, docs: list[Any]) -> float:
    start = time.process_time()
    for doc in docs:
        component(doc)
    return time.process_time() - start


def bench_collisions() -> None:
    from rasd.gazetteer.load import load_gazetteer
    from rasd.gazetteer.stats import key_collisions
    c = key_collisions(load_gazetteer().gazetteer)
    print(f"collisions: {c.keys} keys; {c.shared} ({c.shared / c.keys:.1%}) name 2+ entries; "
          f"{c.far} ({c.far_share:.1%}) name entries > 25 km apart; keys of Syrian entries: "
          f"{c.syrian_keys}, of which {c.syrian_far} ({c.syrian_far_share:.1%}) collide > 25 km")
    print("  entries per key:", dict(sorted(c.sizes.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="reports per set")
    args = parser.parse_args()
    bench_load()
    bench_lookups()
    bench_component(args.reports)
    bench_collisions()


if __name__ == "__main__":
    main()
