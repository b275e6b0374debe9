"""Speed, memory and key collisions of the gazetteer (issue 3).

Prints: gazetteer load time and memory; lookups per second (transliteration key + index
lookup, on names the key cache has not seen); the places component's cost per 5 KB report
(FA-KES articles when ``../shared/data`` has them, else fictional text built from gazetteer
names); and the collisions of :func:`translit_key` over the whole gazetteer (keys shared by
entries more than 25 km apart).

Run: ``.venv/bin/python bench/geocode_speed.py [--reports N]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"


def bench_load() -> None:
    from rasd.gazetteer.load import build_gazetteer
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    loaded = build_gazetteer()
    took = time.perf_counter() - start
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
    start = time.perf_counter()
    hits = sum(1 for q in queries if gaz.by_key.get(translit_key(q)))
    took = time.perf_counter() - start
    print(f"lookups: {n / took:,.0f} /s uncached-ish ({hits} hits of {n}); ", end="")
    start = time.perf_counter()
    for q in queries:
        gaz.by_key.get(translit_key(q))
    took = time.perf_counter() - start
    print(f"{n / took:,.0f} /s with the key cache warm")


def _reports(limit: int) -> list[str]:
    if FAKES.exists():
        with FAKES.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))[:limit]
        return [f"{r['article_title']}\n{r['article_content']}" for r in rows]
    print("(FA-KES absent: fictional text built from gazetteer names)")
    from rasd.gazetteer.load import load_gazetteer
    gaz = load_gazetteer().gazetteer
    names = [p.name for p in gaz.places.values() if p.country == "SY"]
    rng = random.Random(3)
    filler = "Fictional report: shelling hit the town of {} near {} on Monday, witnesses said. "
    return ["".join(filler.format(rng.choice(names), rng.choice(names)) for _ in range(60))
            for _ in range(limit)]


def bench_component(limit: int) -> None:
    import spacy

    import rasd.extract.places  # noqa: F401
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    texts = _reports(limit)
    docs = list(nlp.pipe(texts))
    places = nlp.add_pipe("rasd_places")
    places(docs[0])  # loads the gazetteer
    chars = sum(len(t) for t in texts)
    start = time.perf_counter()
    found = sum(len(places(doc).spans["place"]) for doc in docs)
    took = time.perf_counter() - start
    per5k = took / (chars / 5000) * 1000
    print(f"component: {len(docs)} reports, {chars / len(docs):.0f} chars avg, "
          f"{per5k:.2f} ms per 5 KB report (tokenizer excluded), {found} place spans")


def bench_collisions() -> None:
    from rasd.gazetteer.geocode import distance_km
    from rasd.gazetteer.load import load_gazetteer
    gaz = load_gazetteer().gazetteer
    shared = far = 0
    sizes: Counter[int] = Counter()
    for ids in gaz.by_key.values():
        sizes[min(len(ids), 10)] += 1
        if len(ids) < 2:
            continue
        shared += 1
        places = [gaz.places[i] for i in ids]
        if any(distance_km(a, b) > 25 for a in places for b in places if a.id < b.id):
            far += 1
    total = len(gaz.by_key)
    syria = [k for k, ids in gaz.by_key.items() if any(gaz.places[i].country == "SY" for i in ids)]
    sy_far = sum(1 for k in syria if len({i for i in gaz.by_key[k]}) > 1 and any(
        distance_km(gaz.places[a], gaz.places[b]) > 25
        for a in gaz.by_key[k] for b in gaz.by_key[k] if a < b))
    print(f"collisions: {total} keys; {shared} ({shared / total:.1%}) name 2+ entries; "
          f"{far} ({far / total:.1%}) name entries > 25 km apart; keys of Syrian entries: "
          f"{len(syria)}, of which {sy_far} ({sy_far / max(1, len(syria)):.1%}) collide > 25 km")
    print("  entries per key:", dict(sorted(sizes.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    args = parser.parse_args()
    bench_load()
    bench_lookups()
    bench_component(args.reports)
    bench_collisions()


if __name__ == "__main__":
    main()
