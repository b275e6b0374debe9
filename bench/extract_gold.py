"""Scores extraction against the demo corpus gold (``examples/gold.yaml``); used by
``bench/extract_eval.py``. Skips with a message while the gold file is absent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language

from rasd.extract.pipeline import Extraction, extract
from rasd.model import Report

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold.yaml"
KINDS = ("person", "group", "place", "date", "quantity", "money")
PLURAL = {"person": "persons", "group": "groups", "place": "places", "date": "dates",
          "quantity": "quantities", "money": "money"}


def _report(entry: dict[str, Any]) -> Report | None:
    from rasd.ingest.formats import read_document

    name = str(entry["file"])
    part = None
    if "#" in name:
        if name.split("#", 1)[0].endswith(".jsonl"):
            return _feed_row(entry)
        name, part = name.split("#", 1)  # a mail's attachment: "message.eml#file.txt"
    path = ROOT / "examples" / "reports" / name
    if not path.exists():
        return None
    draft = read_document(path.read_bytes(), path.name)[0]
    if part is not None:
        found = [a for a in draft.attachments if a.name.endswith("/" + part)]
        if not found:
            return None
        draft = found[0]
    return Report(id=str(entry["key"]), sha256="", text=draft.text, media_type=draft.media_type,
                  archive_path="", title=draft.title, published=draft.published)


def _feed_row(entry: dict[str, Any]) -> Report | None:
    import json

    file, row_id = str(entry["file"]).split("#", 1)
    path = ROOT / "examples" / "reports" / file
    if not path.exists() or not file.endswith(".jsonl"):
        return None
    from datetime import date

    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if str(row.get("id")) == row_id:
            pub = row.get("published")
            return Report(id=str(entry["key"]), sha256="", text=row.get("text", ""),
                          media_type="text/plain", archive_path="", title=row.get("title"),
                          published=date.fromisoformat(pub[:10]) if pub else None)
    return None


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, start = [], text.find(needle)
    while start >= 0 and needle:
        out.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_kind(report: Report, ex: Extraction, kind: str, gold: list[dict[str, Any]],
                tally: Counter[str]) -> None:
    predicted = [m for m in ex.mentions if m.kind == kind]
    gold_spans = [(g, occ) for g in gold for occ in occurrences(report.text, str(g["text"]))]
    hit_pred = {i for i, m in enumerate(predicted)
                if any(_overlap((m.start, m.end), occ) for _, occ in gold_spans)}
    tally[f"{kind}:pred"] += len(predicted)
    tally[f"{kind}:tp_pred"] += len(hit_pred)
    for g in gold:
        occs = occurrences(report.text, str(g["text"]))
        match = next((m for m in predicted for o in occs if _overlap((m.start, m.end), o)), None)
        tally[f"{kind}:gold"] += 1
        tally[f"{kind}:tp_gold"] += match is not None
        if match is not None and kind in ("date", "quantity"):
            tally[f"{kind}:valued"] += 1
            tally[f"{kind}:value_ok"] += _value_ok(kind, g, match.value or {})


def _value_ok(kind: str, gold: dict[str, Any], value: dict[str, Any]) -> bool:
    if kind == "date":
        return (str(gold.get("start")) == str(value.get("start"))
                and str(gold.get("end")) == str(value.get("end")))
    return all(gold.get(k) == value.get(k) for k in ("kind", "low", "best", "high"))


def _score_events(report: Report, ex: Extraction, gold: list[dict[str, Any]],
                  tally: Counter[str]) -> None:
    tally["event:pred"] += len(ex.events)
    for g in gold:
        tally["event:gold"] += 1
        occs = occurrences(report.text, str(g.get("evidence") or "")) or []
        match = next((e for e in ex.events for s in e.evidence for o in occs
                      if _overlap((s.start, s.end), o)), None)
        if match is None:
            continue
        tally["event:matched"] += 1
        tally["event:type_ok"] += match.event_type == g.get("event_type")
        tally["event:sub_ok"] += match.sub_event_type == g.get("sub_event_type")
        if g.get("date_start"):
            tally["event:dated"] += 1
            tally["event:date_ok"] += str(match.date_start) == str(g["date_start"])
        fat = (g.get("fatalities") or {}).get("best")
        if fat is not None:
            tally["event:counted"] += 1
            tally["event:fat_ok"] += (match.fatalities() or (0, 0, 0))[1] == fat
        tally["event:modality_ok"] += match.modality == g.get("modality", "asserted")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def evaluate_gold(nlp: Language) -> Counter[str] | None:
    """Print the demo-corpus scores; None when the gold file is absent."""
    import yaml

    if not GOLD.exists():
        print(f"demo gold skipped: {GOLD} not found")
        return None
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8")) or {}
    tally: Counter[str] = Counter()
    for entry in data.get("reports", []):
        report = _report(entry)
        if report is None:
            tally["missing"] += 1
            continue
        ex = extract(nlp, report)
        for kind in KINDS:
            _score_kind(report, ex, kind, entry.get(PLURAL[kind]) or [], tally)
        _score_events(report, ex, entry.get("events") or [], tally)
    print(f"\nDemo corpus gold ({GOLD.relative_to(ROOT)}); reports not found: {tally['missing']}")
    print(f"  {'kind':10s} {'P':>6s} {'R':>6s} {'F1':>6s}  gold  pred")
    for kind in KINDS:
        p = tally[f"{kind}:tp_pred"] / tally[f"{kind}:pred"] if tally[f"{kind}:pred"] else 0.0
        r = tally[f"{kind}:tp_gold"] / tally[f"{kind}:gold"] if tally[f"{kind}:gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {kind:10s} {p:6.3f} {r:6.3f} {f1:6.3f} {tally[f'{kind}:gold']:5d} "
              f"{tally[f'{kind}:pred']:5d}")
    print(f"  date value accuracy (matched)      "
          f"{_ratio(tally['date:value_ok'], tally['date:valued'])}")
    print(f"  count value accuracy (matched)     "
          f"{_ratio(tally['quantity:value_ok'], tally['quantity:valued'])}")
    print(f"  events: gold {tally['event:gold']}, predicted {tally['event:pred']}, "
          f"matched by evidence {tally['event:matched']}")
    for key in ("type", "sub", "modality"):
        print(f"  event {key} accuracy (matched)    "
              f"{_ratio(tally[f'event:{key}_ok'], tally['event:matched'])}")
    print(f"  event date accuracy                "
          f"{_ratio(tally['event:date_ok'], tally['event:dated'])}")
    print(f"  event fatalities accuracy          "
          f"{_ratio(tally['event:fat_ok'], tally['event:counted'])}")
    return tally
