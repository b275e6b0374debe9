"""Evaluate cross-report linking on the gold of the demo corpus (``examples/gold.yaml``).

Input: the gold person and group mentions (surface text only: name parts are parsed from the
text by ``rasd.resolve.keys``, no role, affiliation or nationality the extractor would add; group
texts are looked up in the actor dictionary, generic references resolved per report), with each
report's gold places as context and the report's date. Output: pairwise precision / recall / F1
and B-cubed precision / recall / F1 for persons, for groups and for both together (a mention left
unlinked counts as an entity of its own), and every false merge (two mentions of different gold
entities put in one entity) so it can be read and fixed. Places are not scored here: the places
stage gives them their gazetteer ids (``bench/geocode_eval.py``); linking only groups them.

    .venv/bin/python bench/link_eval.py [--gold examples/gold.yaml] [--extracted] [--missed]

With ``--missed`` every gold pair of persons left apart is printed with both mentions, the pair's
score, whether a rule kept it from linking automatically, its features (``rasd.resolve.score``)
and whether it waits in the review queue, so the gap to the recall target can be read. The last
line also gives the pairwise precision / recall a reviewer would reach by accepting the queued
pairs that are true (extra information only: the targets are for automatic links).

With ``--extracted`` the input is what the extraction pipeline finds in the demo reports (person
values with their parts, roles, affiliations and nationalities; groups and places with the ids
extraction gave them), all linked together; each gold mention is scored through the extracted
mention that overlaps it (a gold mention extraction missed counts as an entity of its own, so
extraction recall lowers linking recall here).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from rasd.model import Mention, stable_id
from rasd.resolve.cluster import Candidates
from rasd.resolve.items import person_items
from rasd.resolve.known import resolve_groups
from rasd.resolve.link import LinkResult, link
from rasd.settings import load

Pairs = set[frozenset[str]]


def _mention(report: str, kind: str, n: int, row: dict[str, Any], **extra: Any) -> Mention:
    text = str(row["text"])
    return Mention(id=stable_id("gold", report, kind, n, text), report=report,
                   kind=kind, start=n, end=n + len(text), text=text,  # type: ignore[arg-type]
                   **extra)


def gold_mentions(gold: dict[str, Any]) -> tuple[list[Mention], dict[str, str], dict[str, date]]:
    """(mentions, mention id -> gold entity key, report dates) from the gold file."""
    mentions: list[Mention] = []
    truth: dict[str, str] = {}
    dates: dict[str, date] = {}
    for report in gold.get("reports", []):
        key = str(report["key"])
        if isinstance(report.get("published"), date):
            dates[key] = report["published"]
        for n, row in enumerate(report.get("persons") or []):
            m = _mention(key, "person", n, row, value={"name": row["text"]})
            mentions.append(m)
            truth[m.id] = str(row["entity"])
        for n, row in enumerate(report.get("groups") or []):
            m = _mention(key, "group", n, row)
            mentions.append(m)
            truth[m.id] = str(row["entity"])
        for n, row in enumerate(report.get("places") or []):
            geo = "geo-gold-" + str(row.get("name") or row["text"]).lower().replace(" ", "-")
            mentions.append(_mention(key, "place", n, row, entity=geo,
                                     value={"name": row.get("name"), "admin1": row.get("admin1"),
                                            "country": row.get("country")}))
    return mentions, truth, dates


def report_parents(gold: dict[str, Any]) -> dict[str, str]:
    """Attachment report key -> the key of the mail it came with ("message.eml#file.txt")."""
    by_file = {str(r["file"]): str(r["key"]) for r in gold.get("reports", [])}
    found = {}
    for r in gold.get("reports", []):
        head, _, part = str(r["file"]).partition("#")
        if part and head in by_file and not head.endswith(".jsonl"):
            found[str(r["key"])] = by_file[head]
    return found


def extracted_mentions(gold: dict[str, Any]) -> tuple[list[Mention], dict[str, str],
                                                     dict[str, date], list[Mention]]:
    """(extracted mentions, gold id -> extracted mention id, report dates, gold mentions)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from extract_gold import _report, occurrences  # bench helpers: read the demo reports

    from rasd.extract.pipeline import build_pipeline, extract

    nlp = build_pipeline()
    golden, _, dates = gold_mentions(gold)
    found: list[Mention] = []
    via: dict[str, str] = {}
    for entry in gold.get("reports", []):
        report = _report(entry)
        if report is None:
            continue
        got = [m for m in extract(nlp, report).mentions if m.kind in ("person", "group", "place")]
        found.extend(got)
        seen: dict[tuple[str, str], int] = defaultdict(int)
        for g in (m for m in golden if m.report == report.id and m.kind != "place"):
            k = seen[(g.kind, g.text)]
            seen[(g.kind, g.text)] += 1
            spans = occurrences(report.text, g.text)
            if k < len(spans):
                hit = next((m for m in got if m.kind == g.kind
                            and m.start < spans[k][1] and spans[k][0] < m.end), None)
                if hit is not None:
                    via[g.id] = hit.id
    return found, via, dates, golden


def pairs_of(assign: dict[str, str]) -> Pairs:
    groups: dict[str, list[str]] = defaultdict(list)
    for m, e in assign.items():
        groups[e].append(m)
    return {frozenset(p) for ms in groups.values() for p in combinations(sorted(ms), 2)}


def b_cubed(pred: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    pc: dict[str, set[str]] = defaultdict(set)
    tc: dict[str, set[str]] = defaultdict(set)
    for m in truth:
        pc[pred[m]].add(m)
        tc[truth[m]].add(m)
    p = sum(len(pc[pred[m]] & tc[truth[m]]) / len(pc[pred[m]]) for m in truth) / len(truth)
    r = sum(len(pc[pred[m]] & tc[truth[m]]) / len(tc[truth[m]]) for m in truth) / len(truth)
    return p, r


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(kinds: tuple[str, ...], mentions: list[Mention], truth: dict[str, str],
             assignments: dict[str, str]) -> dict[str, Any]:
    ids = [m.id for m in mentions if m.kind in kinds]
    text = {m.id: f"{m.report}:{m.text}" for m in mentions}
    t = {m: truth[m] for m in ids}
    pred = {m: assignments.get(m, "unlinked-" + m) for m in ids}
    tp_pairs, pp = pairs_of(t), pairs_of(pred)
    tp = len(tp_pairs & pp)
    precision = tp / len(pp) if pp else 1.0
    recall = tp / len(tp_pairs) if tp_pairs else 1.0
    bp, br = b_cubed(pred, t) if ids else (1.0, 1.0)
    false_merges = sorted((*sorted(text[m] for m in p), " / ".join(sorted(t[m] for m in p)))
                          for p in pp - tp_pairs)
    return {"mentions": len(ids), "gold_pairs": len(tp_pairs), "predicted_pairs": len(pp),
            "precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "b3_precision": bp, "b3_recall": br, "b3_f1": _f1(bp, br),
            "false_merges": false_merges}


def _features(features: list[list[Any]]) -> str:
    return "; ".join(f"{'+' if f[2] else '-'}{f[0]} {f[1]:+g}" + (f" ({f[3]})" if f[3] else "")
                     for f in features if f[0] != "prior")


def print_missed(linked: list[Mention], truth: dict[str, str], via: dict[str, str],
                 result: LinkResult, dates: dict[str, date], parents: dict[str, str]) -> None:
    """Every gold person pair left apart: both mentions, score, features, review status.

    ``linked``: the mentions given to ``link``; ``via``: gold mention id -> linked mention id
    (the identity for surface input)."""
    resolved = resolve_groups([m for m in linked if m.kind == "group"])
    items = person_items(linked, dates, {k: v[0] for k, v in resolved.items() if v[0]}, parents)
    index = {item.mention: i for i, item in enumerate(items)}
    cands = Candidates(items)
    queued = {frozenset((p.entity_a, p.entity_b)) for p in result.review}
    ids = sorted((g for g in truth if via.get(g) in index), key=lambda g: (truth[g], g))
    for a, b in combinations(ids, 2):
        pa, pb = (result.assignments.get(via[g], via[g]) for g in (a, b))
        if truth[a] != truth[b] or pa == pb:
            continue
        i, j = index[via[a]], index[via[b]]
        s = cands.score(i, j, explain=True)
        where = ("review queue" if frozenset((pa, pb)) in queued else
                 "apart" if j in cands.neighbours(i) else "apart, never compared: no shared block")
        feats = _features(s.explanation()["features"])  # type: ignore[arg-type]
        print(f"  MISSED {truth[a]}: {items[i].report}:{items[i].text!r} + "
              f"{items[j].report}:{items[j].text!r} score={s.score:.3f} veto={s.veto} "
              f"auto={s.auto} [{where}]\n    {feats}")
    for g in sorted(g for g in truth if g not in via):
        print(f"  NOT EXTRACTED {truth[g]}: {g}")


def after_review(assignments: dict[str, str], result: LinkResult, truth: dict[str, str],
                 via: dict[str, str]) -> dict[str, str]:
    """Assignments if a reviewer accepted every queued person pair whose mentions are one
    gold entity (and rejected the others): extra information, not the target."""
    gold_of = {v: g for g, v in via.items()}
    parent: dict[str, str] = {}

    def find(e: str) -> str:
        while parent.get(e, e) != e:
            e = parent[e]
        return e

    for p in result.review:
        a, b = gold_of.get(p.mention_a), gold_of.get(p.mention_b)
        if p.kind == "person" and a and b and truth.get(a) == truth.get(b):
            ra, rb = find(p.entity_a), find(p.entity_b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {m: find(e) for m, e in assignments.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=Path("examples/gold.yaml"))
    parser.add_argument("--extracted", action="store_true",
                        help="link what the extraction pipeline finds (see module doc)")
    parser.add_argument("--missed", action="store_true",
                        help="print every gold person pair left apart (see module doc)")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"skipped: {args.gold} not found (the demo corpus gold)")
        return 0
    gold = yaml.safe_load(args.gold.read_text("utf-8"))
    mentions, truth, dates = gold_mentions(gold)
    parents = report_parents(gold)
    if args.extracted:
        found, via, dates, mentions = extracted_mentions(gold)
        result = link(found, [], [], load(), report_dates=dates, report_parents=parents)
        assignments = {g: result.assignments[e] for g, e in via.items()
                       if e in result.assignments}
        print(f"extracted: {sum(1 for m in mentions if m.kind != 'place' and m.id in via)} of "
              f"{sum(1 for m in mentions if m.kind != 'place')} gold person/group mentions")
    else:
        for m in mentions:
            if m.kind == "group":
                m.entity = None  # link the surface text to the actor dictionary
        found, via = mentions, {m.id: m.id for m in mentions}
        result = link(mentions, [], [], load(), report_dates=dates, report_parents=parents)
        assignments = result.assignments
    for kinds in (("person",), ("group",), ("person", "group")):
        r = evaluate(kinds, mentions, truth, assignments)
        unlinked = sum(1 for m in mentions if m.kind in kinds and m.id not in assignments)
        print(f"{' + '.join(kinds)}: {r['mentions']} mentions, {r['gold_pairs']} gold pairs, "
              f"{r['predicted_pairs']} linked pairs, {unlinked} left unlinked")
        print(f"  pairwise  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")
        print(f"  B-cubed   P={r['b3_precision']:.3f} R={r['b3_recall']:.3f} F1={r['b3_f1']:.3f}")
        if args.extracted:
            inner = evaluate(kinds, [m for m in mentions if m.id in via], truth, assignments)
            print(f"  (the {inner['mentions']} extracted ones: pairwise P={inner['precision']:.3f}"
                  f" R={inner['recall']:.3f}, B-cubed F1={inner['b3_f1']:.3f})")
        if len(kinds) == 1:
            for a, b, keys in r["false_merges"]:
                print(f"  FALSE MERGE {a!r} + {b!r} (gold {keys})")
    print(f"review queue: {sum(1 for p in result.review if p.kind == 'person')} person pairs")
    if args.missed:
        persons = {m.id: truth[m.id] for m in mentions if m.kind == "person"}
        print_missed(found, persons, via, result, dates, parents)
        r = evaluate(("person",), mentions, truth, after_review(assignments, result, truth, via))
        print(f"person pairwise after review (queued true pairs accepted, extra information): "
              f"P={r['precision']:.3f} R={r['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
