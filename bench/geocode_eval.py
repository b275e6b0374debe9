"""Accuracy of the places component (issue 3).

1. Demo corpus gold (``examples/gold.yaml``): share of gold place mentions found (a predicted
   place span overlaps the gold text), share resolved within 25 km of the gold coordinates, and
   precision (predicted place spans that overlap a gold place mention).
2. FA-KES development set (``../shared/data/fakes/fakes-dev.csv``): governorate of the main
   reported event against the crowd's ``location`` (``damascus`` there includes Rif Dimashq).
   Main place heuristic (:func:`main_governorate`): every Syrian sub-national place span votes
   for its governorate, weight 3 in the title, 2 in the first two sentences, 1 elsewhere; a
   precision-3 mention (a whole province) votes half. The governorate with most votes wins;
   with no vote the answer is "aleppo" (the majority class).

Run: ``.venv/bin/python bench/geocode_eval.py [--fakes-limit N] [--show-errors K]``.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

import rasd.extract.places  # noqa: F401  (registers the factory)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "examples" / "gold.yaml"
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"
FAKES_LABEL = {
    "Aleppo": "aleppo", "Damascus": "damascus", "Rif Dimashq": "damascus", "Idlib": "idlib",
    "Deir ez-Zor": "deir ezzor", "Homs": "homs", "Raqqa": "raqqa", "Hasakah": "hasakeh",
    "Hama": "hama", "Daraa": "daraa", "Latakia": "lattakia", "Quneitra": "quneitra",
    "Tartus": "tartous", "As-Suwayda": "sweida",
}


def pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("rasd_places")
    return nlp


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------- demo corpus gold
def report_text(ref: str) -> str | None:
    """The plain text of a demo report (front matter, tags and headers stripped)."""
    path_part, _, row_id = ref.partition("#")
    path = ROOT / "examples" / "reports" / path_part
    if not path.exists():
        return None
    raw = path.read_text(encoding="utf-8", errors="replace")
    if row_id:
        return _feed_row(path, raw, row_id)
    if path.suffix in {".txt", ".md"} and raw.startswith("---"):
        return raw.split("---", 2)[2] if raw.count("---") >= 2 else raw
    if path.suffix in {".html", ".htm"}:
        import html
        import re
        body = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", raw)
        return html.unescape(re.sub(r"<[^>]+>", " ", body))
    if path.suffix == ".eml":
        import email
        from email import policy
        msg = email.message_from_string(raw, policy=policy.default)
        part = msg.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
        return f"{msg['Subject']}\n{part.get_content() if part else ''}"
    return raw


def _feed_row(path: Path, raw: str, row_id: str) -> str | None:
    import io
    import json
    rows: list[dict[str, Any]]
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(raw)))
    for row in rows:
        if str(row.get("id")) == row_id:
            return f"{row.get('title') or ''}\n{row.get('text') or ''}"
    return None


def eval_gold(nlp: Language, show: int) -> dict[str, float] | None:
    if not GOLD.exists():
        print(f"demo gold: {GOLD} absent, skipped")
        return None
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    n_gold = found = within = n_pred = pred_ok = 0
    errors: list[str] = []
    for rep in gold.get("reports", []):
        text = report_text(str(rep.get("file", "")))
        places = rep.get("places") or []
        if text is None:
            continue
        doc = nlp(text)
        spans = list(doc.spans["place"])
        gold_ranges = []
        for g in places:
            start = text.find(str(g["text"]))
            n_gold += 1
            if start < 0:
                errors.append(f"{rep['key']}: gold text not in report: {g['text']!r}")
                continue
            rng = (start, start + len(str(g["text"])))
            gold_ranges.append(rng)
            hit = [s for s in spans if s.start_char < rng[1] and s.end_char > rng[0]]
            if not hit:
                errors.append(f"{rep['key']}: missed {g['text']!r}")
                continue
            found += 1
            v = hit[0]._.value
            if v["lat"] is not None and g.get("lat") is not None and km(
                v["lat"], v["lon"], float(g["lat"]), float(g["lon"])) <= 25.0:
                within += 1
            else:
                errors.append(f"{rep['key']}: {g['text']!r} -> {v['name']} {v['lat']},{v['lon']}"
                              f" (gold {g.get('name')} {g.get('lat')},{g.get('lon')})")
        for s in spans:
            n_pred += 1
            if any(s.start_char < e and s.end_char > b for b, e in gold_ranges):
                pred_ok += 1
            else:
                errors.append(f"{rep['key']}: extra {s.text!r} -> {s._.value['name']}")
    for line in errors[:show]:
        print("  ", line)
    result = {
        "gold_places": n_gold, "found": found / max(1, n_gold),
        "within_25km": within / max(1, n_gold), "precision": pred_ok / max(1, n_pred),
    }
    print("demo gold:", {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
    return result


# ---------------------------------------------------------------- FA-KES
def main_governorate(doc: Doc, title_chars: int) -> str | None:
    """The governorate of the report's main place (heuristic, see module doc)."""
    sents = list(doc.sents)
    lead_end = sents[min(len(sents) - 1, 2)].end_char if sents else 0
    votes: Counter[str] = Counter()
    for span in doc.spans["place"]:
        v = span._.value
        if v["country"] != "SY" or not v["admin1"]:
            continue
        lead = span.start_char < lead_end
        weight = 3.0 if span.start_char < title_chars else 2.0 if lead else 1.0
        if v["geo_precision"] == 3:
            weight *= 0.5
        votes[v["admin1"]] += weight
    return votes.most_common(1)[0][0] if votes else None


def eval_fakes(nlp: Language, limit: int | None, show: int) -> dict[str, float] | None:
    if not FAKES.exists():
        print(f"FA-KES: {FAKES} absent, skipped")
        return None
    with FAKES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    correct = answered = 0
    errors = []
    for row in rows:
        title = row["article_title"].strip()
        doc = nlp(f"{title}\n{row['article_content']}")
        gov = main_governorate(doc, len(title) + 1)
        label = FAKES_LABEL.get(gov, "aleppo") if gov else "aleppo"
        answered += gov is not None
        if label == row["location"].strip():
            correct += 1
        else:
            errors.append(f"{row['unit_id']}: predicted {label}, gold {row['location']}")
    for line in errors[:show]:
        print("  ", line)
    result = {"articles": len(rows), "governorate_accuracy": correct / max(1, len(rows)),
              "answered": answered / max(1, len(rows))}
    print("FA-KES dev:", {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fakes-limit", type=int, default=None)
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()
    nlp = pipeline()
    eval_gold(nlp, args.show_errors)
    eval_fakes(nlp, args.fakes_limit, args.show_errors)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
