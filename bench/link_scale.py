"""Scale benchmark: link N synthetic person mentions (default 1,000,000) and report time and memory.

The synthetic world is generated, not read: identities with a given name (spelling families of
``rasd/taxonomy/name_variants.yaml``), a made-up family name, sometimes a kunya, a home
governorate, town, affiliation and role; reports of about four persons each, from one
governorate, with its place and group mentions as context. Mentions vary the way reporting
does: other spellings of the given name, "al-" / "el-" / glued "Al" / no article, doubled or
single letters and other vowels in the family name, titles, kunya-only and surname-only forms.
Pairwise precision / recall against the generating identities are printed too (sampled).

    .venv/bin/python bench/link_scale.py [--n 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from typing import Any

from rasd.model import Mention
from rasd.resolve.keys import vocabulary
from rasd.resolve.link import link
from rasd.settings import load

AREAS = ["Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Rif Dimashq", "Daraa", "Quneitra",
         "As-Suwayda", "Tartus", "Latakia", "Raqqa", "Deir ez-Zor", "Al-Hasakah"]
ONSETS = ["b", "d", "f", "h", "j", "k", "kh", "m", "n", "q", "r", "s", "sh", "t", "z", "gh", "l"]
VOWELS = ["a", "i", "ou", "a", "e", "aa"]
TITLES = ["Colonel", "Sheikh", "Dr.", "Captain", "Brigadier General", "Commander"]


def family_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        parts = [rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3))]
        name = "".join(parts) + rng.choice(["", "i", "ani", "awi", "n", "r", "d"])
        names.add(name.capitalize())
    return sorted(names)


def vary_family(rng: random.Random, name: str) -> str:
    low = name.lower()
    r = rng.random()
    if r < 0.15:
        low = low.replace("ou", "u", 1) if "ou" in low else low.replace("e", "a", 1)
    elif r < 0.3:
        i = rng.randrange(1, len(low))
        low = low[:i] + low[i] + low[i:] if low[i] not in "aeiou" else low
    word = low.capitalize()
    article = rng.random()
    if article < 0.5:
        return "al-" + word
    if article < 0.65:
        return "el-" + word
    if article < 0.75:
        return "Al" + low
    return word


def make_identities(rng: random.Random, count: int) -> list[dict[str, Any]]:
    vocab = vocabulary()
    spellings: dict[str, list[str]] = {}
    for spelling, fam in vocab.families.items():
        if not fam.startswith("abd_") and "_" not in spelling:
            spellings.setdefault(fam, []).append(spelling)
    given_pool = sorted(spellings)
    families = family_names(rng, max(2000, count // 8))
    people = []
    for _ in range(count):
        area = rng.randrange(len(AREAS))
        people.append({
            "given": rng.choice(given_pool), "family": rng.choice(families),
            "kunya": rng.choice(given_pool) if rng.random() < 0.2 else None,
            "area": area, "town": f"geo-syn-{area}-{rng.randrange(40)}",
            "group": f"grp-syn-{rng.randrange(30)}",
            "title": rng.choice(TITLES) if rng.random() < 0.3 else None,
        })
    return [dict(p, spellings=spellings[str(p["given"])]) for p in people]


def surface(rng: random.Random, p: dict[str, Any]) -> str:
    given = rng.choice(p["spellings"]).capitalize()
    family = vary_family(rng, p["family"])
    r = rng.random()
    if p["kunya"] and r < 0.3:
        kunya = rng.choice(["Abu ", "Abou "]) + p["kunya"].capitalize()
        return kunya if rng.random() < 0.4 else f"{kunya} {family}"
    if r > 0.93 and p["title"]:
        return f"{p['title']} {family}"
    title = p["title"] + " " if p["title"] and rng.random() < 0.4 else ""
    return f"{title}{given} {family}"


def make_mentions(n: int, seed: int) -> tuple[list[Mention], dict[str, int]]:
    """(mentions, person mention id -> identity) for n person mentions."""
    rng = random.Random(seed)
    people = make_identities(rng, max(10, n // 5))
    by_area: dict[int, list[int]] = {}
    for i, p in enumerate(people):
        by_area.setdefault(p["area"], []).append(i)
    weights = {a: [1.0 / (1 + i % 50) for i in range(len(ids))] for a, ids in by_area.items()}
    mentions: list[Mention] = []
    truth: dict[str, int] = {}
    count = 0
    report_no = 0
    while count < n:
        report_no += 1
        rid = f"rep-{report_no}"
        area = rng.randrange(len(AREAS))
        chosen = rng.choices(by_area[area], weights=weights[area], k=rng.randint(2, 6))
        for k, who in enumerate(chosen[: n - count]):
            p = people[who]
            mid = f"men-{rid}-{k}"
            mentions.append(Mention(id=mid, report=rid, kind="person", start=k, end=k + 1,
                                    text=surface(rng, p), value=None))
            truth[mid] = who
            count += 1
        for k, who in enumerate(sorted(set(chosen))):
            p = people[who]
            if rng.random() < 0.7:  # most reports say where each person was
                mentions.append(Mention(id=f"men-{rid}-p{k}", report=rid, kind="place",
                                        start=90 + k, end=91 + k, text="town", entity=p["town"],
                                        value={"admin1": AREAS[p["area"]]}))
            if rng.random() < 0.5:
                mentions.append(Mention(id=f"men-{rid}-g{k}", report=rid, kind="group",
                                        start=95 + k, end=96 + k, text="group",
                                        entity=p["group"]))
    return mentions, truth


def sampled_quality(assign: dict[str, str], truth: dict[str, int],
                    rng: random.Random) -> tuple[float, float]:
    by_entity: dict[str, list[str]] = {}
    by_truth: dict[int, list[str]] = {}
    for m, who in truth.items():
        by_entity.setdefault(assign[m], []).append(m)
        by_truth.setdefault(who, []).append(m)
    def sample(groups: list[list[str]], k: int) -> list[tuple[str, str]]:
        multi = [g for g in groups if len(g) > 1]
        pairs = [rng.sample(g, 2) for g in rng.choices(multi, k=k)] if multi else []
        return [(a, b) for a, b in pairs]
    predicted = sample(list(by_entity.values()), 20000)
    gold = sample(list(by_truth.values()), 20000)
    precision = sum(truth[a] == truth[b] for a, b in predicted) / max(1, len(predicted))
    recall = sum(assign[a] == assign[b] for a, b in gold) / max(1, len(gold))
    return precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    t0 = time.perf_counter()
    mentions, truth = make_mentions(args.n, args.seed)
    t1, c1 = time.perf_counter(), time.process_time()
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = link(mentions, [], [], load())
    t2, c2 = time.perf_counter(), time.process_time()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    persons = sum(1 for e in result.entities if e.kind == "person")
    sizes = Counter(min(len(e.attributes.get("forms", [])), 10) for e in result.entities
                    if e.kind == "person")
    precision, recall = sampled_quality(result.assignments, truth, random.Random(args.seed))
    print(f"person mentions: {args.n:,} (identities {len(set(truth.values())):,}, "
          f"all mentions {len(mentions):,})")
    print(f"generate: {t1 - t0:.1f} s   link: {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU "
          f"({args.n / max(c2 - c1, 1e-9):,.0f} person mentions per CPU second)")
    print(f"peak memory (RSS): {peak_mb:,.0f} MB (after generating the input: {before_mb:,.0f} MB)")
    print(f"capped blocks (sorted neighbourhood): {len(result.capped):,}")
    print(f"person entities: {persons:,}   review pairs: {len(result.review):,}")
    capped = [r for r in result.review if r.explanation.get("capped_block")]
    true = sum(1 for r in capped if truth.get(r.mention_a) == truth.get(r.mention_b))
    print(f"review pairs from capped blocks: {len(capped):,} ({true:,} of them one identity)")
    print(f"entity sizes (10 = 10+): {dict(sorted(sizes.items()))}")
    print(f"sampled pairwise precision {precision:.4f}  recall {recall:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
