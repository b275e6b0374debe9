"""Persons, groups and attribution: accuracy on the demo gold, coverage on FA-KES, speed.

    .venv/bin/python bench/actors_eval.py [--gold] [--fakes] [--speed] [--events-speed] [--n 200]

- gold: precision/recall of person and group mentions against examples/gold.yaml (a predicted
  span counts when it overlaps an occurrence of a gold mention's text), and how consistently
  each gold group entity gets one dictionary id;
- fakes: how often the FA-KES ``actor`` category's party is among the groups found in the
  article (the data is read from ../shared/data/fakes, never copied; skipped when absent);
- speed: CPU ms per 5 KB report for rasd_groups + rasd_persons + rasd_attribution (one core);
- events-speed: CPU ms per 5 KB report of rasd_events alone, after the full pipeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_gold import occurrences

import rasd.extract.attribution
import rasd.extract.groups
import rasd.extract.persons
import rasd.extract.spans  # noqa: F401  (registers rasd_tokens)
from rasd.taxonomy import load_actors

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold.yaml"
COMPONENTS = ("rasd_groups", "rasd_persons", "rasd_attribution")
FAKES_ACTORS: dict[str, set[str]] = {  # FA-KES actor category -> sides / ids that count
    "syrian government or russian troops": {"government", "grp-russian-forces"},
    "the organization of the islamic state in iraq and the levant - isis": {"grp-islamic-state"},
    "international coalition forces": {"grp-us-led-coalition", "grp-us-forces",
                                       "grp-french-forces", "grp-british-forces"},
    "armed opposition groups": {"opposition"},
    "self administration forces": {"kurdish"},
    "al-nusra front": {"grp-jabhat-al-nusra", "grp-hayat-tahrir-al-sham"},
}


def pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("rasd_tokens")  # the shared token lists, built once per doc as in the pipeline
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _score(doc: Any, kind: str, gold: list[dict[str, Any]], tally: Counter[str],
           ids: dict[str, Counter[str]], misses: list[str]) -> None:
    pred = list(doc.spans.get(kind, []))
    occs = [(g, o) for g in gold for o in occurrences(doc.text, str(g["text"]))]
    tally[f"{kind}:pred"] += len(pred)
    for span in pred:
        hit = [g for g, o in occs if span.start_char < o[1] and o[0] < span.end_char]
        tally[f"{kind}:tp_pred"] += bool(hit)
        if hit and kind == "group":
            ids[str(hit[0].get("entity"))][str(span._.entity)] += 1
        if not hit:
            misses.append(f"FP {kind}: {span.text!r}")
    for g in gold:
        tally[f"{kind}:gold"] += 1
        found = any(s.start_char < o[1] and o[0] < s.end_char
                    for o in occurrences(doc.text, str(g["text"])) for s in pred)
        tally[f"{kind}:tp_gold"] += found
        if not found:
            misses.append(f"FN {kind}: {g['text']!r}")


def evaluate_gold(nlp: Language, verbose: bool) -> None:
    if not GOLD.exists():
        print(f"gold skipped: {GOLD} not found")
        return
    from extract_gold import _report  # the demo-file reader shared with bench/extract_eval.py

    data = yaml.safe_load(GOLD.read_text(encoding="utf-8")) or {}
    tally: Counter[str] = Counter()
    ids: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    for entry in data.get("reports", []):
        report = _report(entry)
        if report is None:
            tally["missing"] += 1
            continue
        doc = nlp(report.text)
        _score(doc, "person", entry.get("persons") or [], tally, ids, misses)
        _score(doc, "group", entry.get("groups") or [], tally, ids, misses)
    print(f"Demo gold ({len(data.get('reports', []))} reports, {tally['missing']} unreadable)")
    for kind in ("person", "group"):
        p = tally[f"{kind}:tp_pred"] / max(1, tally[f"{kind}:pred"])
        r = tally[f"{kind}:tp_gold"] / max(1, tally[f"{kind}:gold"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {kind:7s} P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"(gold {tally[f'{kind}:gold']}, predicted {tally[f'{kind}:pred']})")
    agree = sum(c.most_common(1)[0][1] for c in ids.values())
    total = sum(sum(c.values()) for c in ids.values())
    print(f"  group id consistency: {agree}/{total} matched spans carry their gold entity's "
          f"majority id")
    if verbose:
        print("\n".join(f"    {m}" for m in misses))


def evaluate_fakes(nlp: Language, n: int) -> None:
    from _fakes import fakes_rows

    rows = fakes_rows()[:n]
    actors = load_actors()
    tally: Counter[str] = Counter()
    for row in rows:
        want = FAKES_ACTORS.get(row["actor"])
        if not want:
            continue
        doc = nlp(row["article_title"] + "\n" + row["article_content"])
        found = set()
        for span in doc.spans["group"]:
            group = actors.groups[str(span._.entity)]
            found |= {group.id, group.side, *actors.ancestors(group.id)}
        tally[row["actor"] + ":n"] += 1
        tally[row["actor"] + ":found"] += bool(found & want)
    print(f"FA-KES ({len(rows)} articles): actor category's party found among the groups")
    for cat in FAKES_ACTORS:
        total = tally[cat + ":n"]
        if total:
            print(f"  {cat[:45]:45s} {tally[cat + ':found'] / total:.3f} ({total} articles)")


def speed(nlp: Language, reports: int = 200) -> None:
    text = _five_kb_text()
    docs = [nlp.make_doc(text) for _ in range(reports)]
    for name in ("sentencizer", "rasd_tokens"):  # not timed: shared by every component
        proc = nlp.get_pipe(name)
        docs = [proc(d) for d in docs]
    timings: dict[str, float] = {}
    for name in COMPONENTS:
        proc = nlp.get_pipe(name)
        start = time.process_time()  # CPU time: the shared machine's load inflates wall time
        docs = [proc(d) for d in docs]
        timings[name] = (time.process_time() - start) * 1000 / reports
    total = sum(timings.values())
    detail = ", ".join(f"{k} {v:.2f}" for k, v in timings.items())
    print(f"Speed: {total:.2f} ms CPU per {len(text)}-char report ({detail}) over {reports} "
          "reports")


def events_speed(reports: int = 60) -> None:
    """CPU ms per 5 KB report of rasd_events alone, after the rest of the full pipeline."""
    from rasd.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    docs = [nlp.make_doc(_five_kb_text()) for _ in range(reports)]
    for name, proc in nlp.pipeline:
        if name != "rasd_events":
            docs = [proc(d) for d in docs]
    proc = nlp.get_pipe("rasd_events")
    docs = [proc(d) for d in docs]  # warm: taxonomy and lexicons loaded
    start = time.process_time()
    docs = [proc(d) for d in docs]
    ms = (time.process_time() - start) * 1000 / reports
    events = sum(len(d._.events) for d in docs) / reports
    print(f"Events speed: rasd_events {ms:.2f} ms CPU per 5 KB report ({events:.0f} events each)")


def _five_kb_text() -> str:
    """5 KB of FA-KES article text when present, else fictional sentences written for Rasd."""
    try:
        import csv

        from _fakes import FAKES

        with (FAKES / "fakes-dev.csv").open(encoding="utf-8", newline="") as fh:
            parts = [r["article_content"] for r in csv.DictReader(fh)][:10]
    except OSError:
        parts = ['Activist Fadi Haddad said IS commander Abu Omar al-Tunisi fled, according to '
                 'the Syrian Observatory. "We buried eleven people," said Hiba Darwish. '] * 40
    return " ".join(parts)[:5000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", action="store_true")
    parser.add_argument("--fakes", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--events-speed", action="store_true", help="rasd_events CPU time")
    parser.add_argument("--verbose", action="store_true", help="list gold misses")
    parser.add_argument("--n", type=int, default=602, help="FA-KES articles to read")
    args = parser.parse_args()
    every = not (args.gold or args.fakes or args.speed or args.events_speed)
    nlp = pipeline()
    if args.gold or every:
        evaluate_gold(nlp, args.verbose)
    if args.fakes or every:
        evaluate_fakes(nlp, args.n)
    if args.speed or every:
        speed(nlp)
    if args.events_speed or every:
        events_speed()


if __name__ == "__main__":
    main()
