"""Accuracy of the places component (issue 3).

1. Demo corpus gold (``examples/gold.yaml``, one entry per distinct place text per report;
   the whole extraction pipeline, so that person and group names are not taken for places,
   matched against every occurrence of that text): share of gold place entries found (a
   predicted place span overlaps an occurrence), share resolved within 25 km of the gold
   coordinates, and precision (predicted place spans that overlap an occurrence of a gold text).
2. FA-KES development set (``../shared/data/fakes/fakes-dev.csv``, read at run time, never
   copied): governorate against the crowd's ``location`` (``damascus`` there includes Rif
   Dimashq), two ways:

   - *main event*: the whole extraction pipeline, the main event chosen by
     ``bench/extract_eval.py``'s :func:`main_event`, its place's admin1 (what the extraction
     benchmark scores);
   - *place vote* (places component alone, :func:`main_governorate`): every Syrian sub-national
     place span votes for its governorate, weight 3 in the title, 2 in the first three
     sentences, 1 elsewhere; a precision-3 mention votes half; with no vote the answer is
     "aleppo" (the majority class).

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rasd.extract.places  # noqa: E402, F401  (registers the factory)
from bench.extract_eval import GOVERNORATES, main_event  # noqa: E402
from rasd.extract.pipeline import build_pipeline, extract_many  # noqa: E402
from rasd.model import Report  # noqa: E402

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
        part = msg.get_body(preferencelist=("plain", "html"))
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


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text`` not inside a Latin word ("Syria" is not found
    in "Syrian"; Arabic clitics glue on, so "ريف" is found in "بريف")."""
    import re
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(needle) + r"(?![A-Za-z0-9])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def eval_gold(nlp: Language, show: int) -> dict[str, float] | None:
    if not GOLD.exists():
        print(f"demo gold: {GOLD} absent, skipped")
        return None
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    tally: Counter[str] = Counter()
    errors: list[str] = []
    for rep in gold.get("reports", []):
        text = report_text(str(rep.get("file", "")))
        if text is not None:
            _gold_report(nlp, rep, text, tally, errors)
    for line in errors[:show]:
        print("  ", line)
    n_gold = tally["gold"]
    result = {
        "gold_places": n_gold, "found": tally["found"] / max(1, n_gold),
        "within_25km": tally["within"] / max(1, n_gold),
        "precision": tally["pred_ok"] / max(1, tally["pred"]), "predicted": tally["pred"],
    }
    print("demo gold:", {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
    return result


def _gold_report(nlp: Language, rep: dict[str, Any], text: str, tally: Counter[str],
                 errors: list[str]) -> None:
    doc = nlp(text)
    spans = list(doc.spans["place"])
    all_ranges: list[tuple[int, int]] = []
    for g in rep.get("places") or []:
        tally["gold"] += 1
        ranges = occurrences(text, str(g["text"]))
        if not ranges:
            errors.append(f"{rep['key']}: gold text not in report: {g['text']!r}")
            continue
        all_ranges += ranges
        hit = [s for s in spans if any(s.start_char < e and s.end_char > b for b, e in ranges)]
        if not hit:
            errors.append(f"{rep['key']}: missed {g['text']!r}")
            continue
        tally["found"] += 1
        close = [s for s in hit if s._.value["lat"] is not None and g.get("lat") is not None
                 and km(s._.value["lat"], s._.value["lon"], float(g["lat"]),
                        float(g["lon"])) <= 25.0]
        if close:
            tally["within"] += 1
        else:
            v = hit[0]._.value
            errors.append(f"{rep['key']}: {g['text']!r} -> {hit[0].text!r} {v['name']} "
                          f"{v['lat']},{v['lon']} (gold {g.get('name')} {g.get('lat')},"
                          f"{g.get('lon')})")
    for s in spans:
        tally["pred"] += 1
        if any(s.start_char < e and s.end_char > b for b, e in all_ranges):
            tally["pred_ok"] += 1
        else:
            errors.append(f"{rep['key']}: extra {s.text!r} -> {s._.value['name']}")


# ---------------------------------------------------------------- FA-KES
def main_governorate(doc: Doc, title_chars: int) -> str | None:
    """The governorate of the report's main place (heuristic, see module doc)."""
    sents = list(doc.sents)
    lead_end = sents[min(len(sents) - 1, 2)].end_char if sents else 0
    votes: dict[str, float] = {}
    for span in doc.spans["place"]:
        v = span._.value
        if v["country"] != "SY" or not v["admin1"]:
            continue
        lead = span.start_char < lead_end
        weight = 3.0 if span.start_char < title_chars else 2.0 if lead else 1.0
        if v["geo_precision"] == 3:
            weight *= 0.5
        votes[v["admin1"]] = votes.get(v["admin1"], 0.0) + weight
    return max(votes, key=lambda k: votes[k]) if votes else None  # first of equals


def fakes_rows(limit: int | None) -> list[dict[str, str]] | None:
    if not FAKES.exists():
        print(f"FA-KES: {FAKES} absent, skipped")
        return None
    with FAKES.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))[:limit]


def eval_fakes_vote(nlp: Language, rows: list[dict[str, str]], show: int) -> float:
    """Governorate by the places component's vote (see the module doc)."""
    correct = 0
    errors = []
    for row in rows:
        title = row["article_title"].strip()
        doc = nlp(f"{title}\n{row['article_content']}")
        gov = main_governorate(doc, len(title) + 1)
        label = FAKES_LABEL.get(gov, "aleppo") if gov else "aleppo"
        if label == row["location"].strip():
            correct += 1
        else:
            errors.append(f"{row['unit_id']}: vote {label}, gold {row['location']}")
    for line in errors[:show]:
        print("  ", line)
    return correct / max(1, len(rows))


def eval_fakes_main_event(rows: list[dict[str, str]], show: int) -> tuple[float, float]:
    """Governorate of the main event, through the whole extraction pipeline: the share right
    with this script's admin1 -> label map, and with ``bench/extract_eval.py``'s name sets
    (which lack "Hasakah", the gazetteer's name of the hasakeh governorate)."""
    reports = [Report(id=f"fakes-{r['unit_id']}", sha256="", text=r["article_content"],
                      media_type="text/plain", archive_path="", title=r["article_title"])
               for r in rows]
    results = extract_many(reports, nlp=build_pipeline())
    correct = as_extract_eval = 0
    errors = []
    for row, ex in zip(rows, results, strict=True):
        event = main_event(ex.events)
        admin1 = (event.admin1 or "") if event else ""
        gold = row["location"].strip()
        as_extract_eval += admin1.lower() in GOVERNORATES.get(gold, {gold})
        if FAKES_LABEL.get(admin1) == gold:
            correct += 1
        else:
            errors.append(f"{row['unit_id']}: main event {admin1 or None!s} at "
                          f"{event.place_name if event else None!r}, gold {gold}")
    for line in errors[:show]:
        print("  ", line)
    return correct / max(1, len(rows)), as_extract_eval / max(1, len(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fakes-limit", type=int, default=None)
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()
    nlp = pipeline()
    eval_gold(build_pipeline(), args.show_errors)
    rows = fakes_rows(args.fakes_limit)
    if rows is not None:
        vote = eval_fakes_vote(nlp, rows, args.show_errors)
        main, as_extract = eval_fakes_main_event(rows, args.show_errors)
        print(f"FA-KES dev: {len(rows)} articles; governorate accuracy: main event "
              f"{main:.3f} ({as_extract:.3f} with extract_eval's name sets), "
              f"place vote {vote:.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
