"""Accuracy of extraction, printed as numbers (see docs/benchmarks/extract.md).

    .venv/bin/python bench/extract_eval.py [--fakes-only | --gold-only] [--limit N]
    .venv/bin/python bench/extract_eval.py --speed   # CPU time of the dates / quantities finders
    .venv/bin/python bench/extract_eval.py --misses [--context]  # FA-KES fatality misses

(a) The demo corpus gold (``examples/gold.yaml``, fictional reports written for this project):
    precision / recall / F1 per mention kind (a predicted span counts when it overlaps a gold
    occurrence of the gold text), date and count accuracy on matched mentions, event type and
    sub-type accuracy on gold events matched by their evidence phrase.

(b) FA-KES development set (real articles, crowd annotations; read from
    ``../shared/data/fakes/``, never copied; skipped with a message where absent). For each
    article the *main event* is the first asserted, non-background event of the lede (first
    600 characters) whose death toll is told in the lede (see :func:`main_event` and
    docs/extraction.md, "Choosing an event's toll"). ``--misses`` lists every fatality miss
    (gold toll, chosen toll, each killed count read with its kind, qualifier, flags and
    sentence index, the events carrying them) and counts them by class
    (``bench/extract_misses.py``); ``--context`` adds each count's sentence, printed to the
    terminal only. Scores:

    - date: the main event's date within ±2 days of the annotated date;
    - fatalities: best count == nb_civilians + nb_noncivilians (the crowd counted civilians and
      non-civilians separately; children and women are part of the civilians and not added);
    - event type, by the documentation center's cause of death:
      shelling -> Explosions/Remote violence (Shelling/artillery/missile attack or Air/drone
      strike); explosion -> Explosions/Remote violence (Remote explosive/landmine/IED or
      Suicide bomb); chemical and toxic gases -> Explosions/Remote violence (Chemical weapon);
      shooting -> Battles or Violence against civilians (any sub-type of Battles, or Attack);
      execution -> Violence against civilians (Attack, violation `execution`);
      unknown -> any (left out of the accuracy);
    - governorate: the main event's admin1 (from the places component) equals the annotated
      governorate (``damascus`` there covers Rif Dimashq too);
    - perpetrator: the actor category maps to sides / ids of the actor dictionary:
      syrian government or russian troops -> side government, or a Russian group;
      isis -> grp-islamic-state (or its parts); international coalition forces -> a coalition
      group; armed opposition groups -> side opposition; self administration forces -> side
      kurdish; al-nusra front -> a Nusra / HTS group. Scored on articles whose actor is known:
      accuracy (no perpetrator counts as wrong) and precision (of perpetrators given);
    - ceilings: the share of articles where *some* date the text gives (a date mention, the
      dateline or the day before it) is within ±2 days of the gold date, and where some killed
      count found equals the gold toll — what a perfect choice of event could score.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.extract_gold import evaluate_gold  # noqa: E402
from rasd.extract.dates import dateline  # noqa: E402
from rasd.extract.main_event import main_event  # noqa: E402
from rasd.extract.pipeline import build_pipeline, extract_many  # noqa: E402
from rasd.model import Event, Report  # noqa: E402

FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"

CAUSE_TYPES: dict[str, set[tuple[str, str | None]]] = {
    "shelling": {("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                 ("Explosions/Remote violence", "Air/drone strike")},
    "explosion": {("Explosions/Remote violence", "Remote explosive/landmine/IED"),
                  ("Explosions/Remote violence", "Suicide bomb")},
    "chemical and toxic gases": {("Explosions/Remote violence", "Chemical weapon")},
    "shooting": {("Battles", None), ("Violence against civilians", "Attack")},
    "execution": {("Violence against civilians", "Attack")},
}
GOVERNORATES = {
    "aleppo": {"aleppo", "halab"}, "damascus": {"damascus", "rif dimashq", "rif-dimashq",
                                                "damascus countryside", "dimashq"},
    "idlib": {"idlib", "idleb"}, "deir ezzor": {"deir ez-zor", "deir ezzor", "deir al-zor",
                                                "dayr az zawr", "deir ez zor", "deir-ez-zor"},
    "homs": {"homs", "hims"}, "raqqa": {"raqqa", "ar-raqqah", "ar raqqah", "al-raqqah"},
    "hasakeh": {"hasakeh", "hasakah", "al-hasakah", "al hasakah", "hasaka", "al-hasakeh"},
    "hama": {"hama", "hamah"}, "daraa": {"daraa", "dar'a", "deraa"},
    "lattakia": {"latakia", "lattakia", "al-ladhiqiyah", "latakia governorate"},
    "quneitra": {"quneitra", "al-qunaytirah"}, "tartous": {"tartus", "tartous"},
}


def load_sides() -> dict[str, dict[str, Any]]:
    """Actor dictionary entries by id (side, country, parent), read from the YAML."""
    import yaml

    path = ROOT / "rasd" / "taxonomy" / "actors.yaml"
    if not path.exists():
        return {}
    groups = yaml.safe_load(path.read_text(encoding="utf-8")).get("groups", [])
    return {g["id"]: g for g in groups if isinstance(g, dict) and "id" in g}


def actor_matches(category: str, entity: str, groups: dict[str, dict[str, Any]]) -> bool:
    """Whether a perpetrator entity fits a FA-KES actor category."""
    g = groups.get(entity, {})
    chain = {entity, str(g.get("parent") or "")}
    side, country = g.get("side"), g.get("country")
    text = " ".join(chain).lower()
    if category.startswith("syrian government"):
        return side == "government" or country == "RU" or "russia" in text
    if "islamic state" in category:
        return "islamic-state" in text or "isis" in text
    if category.startswith("international coalition"):
        return "coalition" in text
    if category.startswith("armed opposition"):
        return side == "opposition"
    if category.startswith("self administration"):
        return side == "kurdish"
    if category.startswith("al-nusra"):
        return "nusra" in text or "hts" in text or "tahrir" in text
    return False


def type_ok(cause: str, event: Event | None) -> bool:
    if event is None:
        return False
    for etype, sub in CAUSE_TYPES[cause]:
        if event.event_type == etype and (sub is None or event.sub_event_type == sub):
            return True
    return False


def _int(raw: str) -> int:
    try:
        return int(float(raw or 0))
    except ValueError:
        return 0


def load_fakes(limit: int | None) -> list[dict[str, str]] | None:
    if not FAKES.exists():
        print(f"FA-KES skipped: {FAKES} not found")
        return None
    with FAKES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rows[:limit] if limit else rows


def gold_toll(row: dict[str, str]) -> int:
    """The crowd's death toll of an article: civilians + non-civilians."""
    return _int(row["nb_civilians"]) + _int(row["nb_noncivilians"])


def evaluate_fakes(limit: int | None = None, misses: bool = False,
                   context: bool = False) -> dict[str, float] | None:
    """Scores the main events of the FA-KES articles; with ``misses``, first lists and
    classifies the fatality misses (``bench/extract_misses.py``; article text is printed only
    with ``context``, never written anywhere)."""
    rows = load_fakes(limit)
    if rows is None:
        return None
    reports = [Report(id=f"fakes-{r['unit_id']}", sha256="", text=r["article_content"],
                      media_type="text/plain", archive_path="", title=r["article_title"])
               for r in rows]
    nlp = build_pipeline()
    t0 = time.perf_counter()
    results = extract_many(reports, nlp=nlp)
    elapsed = time.perf_counter() - t0
    if misses:
        from bench.extract_misses import list_misses

        list_misses(rows, results, main_event, gold_toll, context)
    groups = load_sides()
    tally: Counter[str] = Counter()
    for row, ex in zip(rows, results, strict=True):
        _score_row(row, main_event(ex.events), groups, tally)
        _score_ceiling(row, ex.mentions, tally)
    n = len(rows)
    out = {
        "articles": n,
        "date ±2 days": tally["date"] / n,
        "fatalities exact": tally["fat"] / n,
        "fatalities exact (gold > 0)": tally["fat_pos"] / max(1, tally["n_pos"]),
        "event type (known cause)": tally["type"] / max(1, tally["n_cause"]),
        "event type (all, unknown = any)": (tally["type"] + n - tally["n_cause"]) / n,
        "sub-event type (known cause)": tally["sub"] / max(1, tally["n_cause"]),
        "governorate": tally["gov"] / n,
        "perpetrator accuracy (known actor)": tally["perp"] / max(1, tally["n_actor"]),
        "perpetrator precision (known actor)": tally["perp"] / max(1, tally["perp_given"]),
        "main event found": tally["found"] / n,
        "ceiling: a date given within ±2 days": tally["date_ceiling"] / n,
        "ceiling: a killed count found = gold": tally["fat_ceiling"] / n,
        "seconds": elapsed,
    }
    print(f"\nFA-KES development set ({n} articles, {FAKES})")
    for key, value in out.items():
        print(f"  {key:40s} {value:.3f}" if isinstance(value, float) else f"  {key:40s} {value}")
    return out


def _score_row(row: dict[str, str], event: Event | None, groups: dict[str, dict[str, Any]],
               tally: Counter[str]) -> None:
    gold_date = datetime.strptime(row["date"], "%m/%d/%y").date()
    gold_fat = gold_toll(row)
    tally["found"] += event is not None
    if event is not None and event.date_start is not None:
        tally["date"] += _near(event.date_start, event.date_end, gold_date)
    fat = event.fatalities() if event else None
    predicted = fat[1] if fat else 0
    tally["fat"] += predicted == gold_fat
    if gold_fat > 0:
        tally["n_pos"] += 1
        tally["fat_pos"] += predicted == gold_fat
    cause = row["cause_of_death"]
    if cause in CAUSE_TYPES:
        tally["n_cause"] += 1
        ok = type_ok(cause, event)
        etypes = {t for t, _ in CAUSE_TYPES[cause]}
        tally["type"] += bool(event and event.event_type in etypes)
        tally["sub"] += ok and (cause != "execution" or "execution" in (event.violations
                                                                          if event else []))
    admin1 = (event.admin1 or "").lower() if event else ""
    tally["gov"] += admin1 in GOVERNORATES.get(row["location"], {row["location"]})
    actor = row["actor"]
    if actor != "unknown":
        tally["n_actor"] += 1
        perps = [a.entity for a in (event.actors if event else [])
                 if a.role == "perpetrator" and a.entity]
        tally["perp_given"] += bool(perps)
        tally["perp"] += bool(perps) and actor_matches(actor, perps[0], groups)


def _score_ceiling(row: dict[str, str], mentions: list[Any], tally: Counter[str]) -> None:
    """What the best choice could score: some date the text gives (a date mention, or the
    report's dateline or the day before it) within ±2 days of the gold date; some killed count
    found equal to the gold toll (or none found where the gold is 0)."""
    gold_date = datetime.strptime(row["date"], "%m/%d/%y").date()
    spans = [(m.value["start"], m.value["end"]) for m in mentions
             if m.kind == "date" and (m.value or {}).get("start")]
    near = any(_near(date.fromisoformat(a), date.fromisoformat(b), gold_date) for a, b in spans)
    line = dateline(row["article_content"])
    near = near or (line is not None and _near(line - timedelta(days=1), line, gold_date))
    tally["date_ceiling"] += near
    gold_fat = gold_toll(row)
    killed = {(m.value or {}).get("best") for m in mentions if m.kind == "quantity"
              and (m.value or {}).get("kind") in ("killed", "executed")}
    tally["fat_ceiling"] += gold_fat in killed or (gold_fat == 0 and not killed)


def _near(start: date, end: date | None, gold: date, days: int = 2) -> bool:
    end = end or start
    return (start - gold).days <= days and (gold - end).days <= days


def component_speed(n: int = 60, repeat: int = 3) -> None:
    """CPU milliseconds per 5 KB report of the dates and of the quantities + money finders
    (the functions the components call), on generated fictional 5 KB reports and on the
    FA-KES articles (scaled to 5 KB)."""
    from bench.throughput import fictional
    from rasd.extract.dates import find_dates
    from rasd.extract.quantities import find_counts, find_money

    base = date(2017, 4, 5)
    sets = {"fictional 5 KB": [fictional(5, i) for i in range(n)]}
    rows = load_fakes(None)
    if rows:
        sets["FA-KES dev"] = [r["article_content"] for r in rows]
    jobs = {"dates": lambda t: find_dates(t, base),
            "quantities + money": lambda t: (find_counts(t), find_money(t))}
    for label, texts in sets.items():
        kb = sum(len(t) for t in texts) / 1024
        for name, job in jobs.items():
            for t in texts[:5]:
                job(t)  # warm caches (dateparser's first call)
            best = min(_cpu(job, texts) for _ in range(repeat))
            print(f"  {label:16s} {name:20s} {best * 1000 / kb * 5:6.2f} ms CPU per 5 KB")


def _cpu(job: Any, texts: list[str]) -> float:
    t0 = time.process_time()
    for text in texts:
        job(text)
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fakes-only", action="store_true")
    parser.add_argument("--gold-only", action="store_true")
    parser.add_argument("--speed", action="store_true",
                        help="only the CPU time of the dates and quantities finders")
    parser.add_argument("--limit", type=int, default=None, help="first N FA-KES articles")
    parser.add_argument("--misses", action="store_true",
                        help="list and classify the FA-KES fatality misses (no text)")
    parser.add_argument("--context", action="store_true",
                        help="with --misses: print each count's sentence to the terminal")
    args = parser.parse_args()
    if args.speed:
        component_speed()
        return
    if not args.fakes_only and not args.misses:
        evaluate_gold(build_pipeline())
    if not args.gold_only:
        evaluate_fakes(args.limit, args.misses, args.context)


if __name__ == "__main__":
    main()
