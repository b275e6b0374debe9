"""Events a report tells: the ``rasd_events`` component.

Sets ``doc._.events`` to a list of event dicts (see :func:`_new_event` for the keys; every
value that came from the text keeps its character offsets). The steps, each explainable:

1. clauses: sentences split at ``;`` and at "while" / "meanwhile";
2. a trigger lexicon per ACLED sub-event type (``rasd/taxonomy/event_types.yaml``): the clause
   takes its highest-priority sub-event; a clause with a casualty count and no trigger becomes a
   bare killing, typed later;
3. the clause's parts: perpetrator and target from the group spans by syntax-light rules,
   victims and counts from the quantity spans, place and date from the place and date spans
   (clause, then sentence, then the report), modality from cue words before the trigger,
   violations from the sub-type and cue words (``violations.yaml``), background history from
   dates long before the report's date or cue phrases;
4. one event per occurrence: clauses of one event type whose places and dates agree are merged
   (a headline and the paragraph retelling it make one event, not two).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from rasd.extract import event_rules as rules
from rasd.extract import spans as _spans

_spans.register_extensions()

CIVILIAN_WHO = {"civilians", "children", "women"}
NON_VIOLENT = {"Strategic developments", "Protests"}


def is_civilian(who: str | None) -> bool:
    """Whether a count's victims ("civilians", "children+women") are civilians."""
    return bool(who) and bool(set(str(who).split("+")) & CIVILIAN_WHO)


@dataclass(frozen=True)
class SubEvent:
    event_type: str
    sub_event_type: str
    priority: int
    violations: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    subs: tuple[SubEvent, ...]
    triggers: re.Pattern[str]  # one named group per sub-event: s0, s1, ...
    cues: re.Pattern[str]  # one named group per violation: v_<id>
    violations: dict[str, dict[str, Any]]


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("rasd.taxonomy").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The event types, sub-event types and violation tags, compiled (once per process)."""
    subs, alts = [], []
    for etype, spec in _load_yaml("event_types.yaml")["event_types"].items():
        for sub, sspec in spec["sub_event_types"].items():
            subs.append((SubEvent(etype, sub, int(sspec["priority"]),
                                  tuple(sspec.get("violations", []))), sspec["triggers"]))
    subs.sort(key=lambda s: -s[0].priority)
    for i, (_, triggers) in enumerate(subs):
        alts.append(f"(?P<s{i}>{'|'.join(triggers)})")
    vio = _load_yaml("violations.yaml")["violations"]
    cue_alts = [f"(?P<v_{k}>{'|'.join(v['cues'])})" for k, v in vio.items() if v.get("cues")]
    return Taxonomy(
        subs=tuple(s for s, _ in subs),
        triggers=re.compile(rf"\b(?:{'|'.join(alts)})\b"),  # run on ascii-lowered text
        cues=re.compile(rf"\b(?:{'|'.join(cue_alts)})\b"),
        violations=vio,
    )


def _group_index(m: re.Match[str], prefix: str) -> str | None:
    for key, val in m.groupdict().items():
        if val is not None and key.startswith(prefix):
            return key[len(prefix):]
    return None


def _spans_in(doc: Doc, key: str, start: int, end: int) -> list[Span]:
    return [s for s in rules.spans_of(doc, key) if s.start_char >= start and s.end_char <= end]


def _new_event(sub: SubEvent | None, clause: tuple[int, int], sent: tuple[int, int],
               trigger: tuple[int, int] | None) -> dict[str, Any]:
    return {
        "event_type": sub.event_type if sub else None,
        "sub_event_type": sub.sub_event_type if sub else None,
        "violations": list(sub.violations) if sub else [],
        "trigger": trigger, "clause": clause, "sentence": sent,
        "date": None, "place": None, "actors": [], "counts": [], "money": [],
        "modality": "asserted", "modality_cue": None, "attributed_to": None,
        "background": False, "evidence": [clause], "confidence": 0.5, "rules": [],
    }


def _clause_events(doc: Doc, tax: Taxonomy, clause: tuple[int, int],
                   sent: tuple[int, int]) -> dict[str, Any] | None:
    best: tuple[int, SubEvent, tuple[int, int]] | None = None
    for m in tax.triggers.finditer(rules.lower_text(doc), clause[0], clause[1]):
        idx = _group_index(m, "s")
        if idx is None:
            continue
        found = tax.subs[int(idx)]
        if best is None or found.priority > best[0]:
            best = (found.priority, found, m.span())
    counts = [s for s in _spans_in(doc, "quantity", *clause) if s._.value]
    if best is None and not any(c._.value["kind"] in ("killed", "executed") for c in counts):
        return None
    sub: SubEvent | None = best[1] if best else None
    trigger: tuple[int, int] | None = best[2] if best else None
    killed = any(c._.value["kind"] in ("killed", "executed", "injured") for c in counts)
    if sub and killed and sub.event_type in NON_VIOLENT and sub.sub_event_type != "Arrests":
        sub, trigger = None, None
    event = _new_event(sub, clause, sent, trigger)
    event["counts"] = clause_totals([_count(s) for s in counts])
    event["money"] = [{**s._.value, "span": (s.start_char, s.end_char)}
                      for s in _spans_in(doc, "money", *clause) if s._.value]
    rules.fill_actors(doc, event)
    rules.fill_modality(doc, event)
    _fill_violations(doc, tax, event)
    return event


def clause_totals(counts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts of one kind for distinct victims in one clause add up ("5 civilians and 3
    children were killed" is 8); subsets ("including 3 children") stay apart."""
    out = [c for c in counts if c.get("subset")]
    kinds: dict[str, list[dict[str, Any]]] = {}
    for c in counts:
        if not c.get("subset"):
            kinds.setdefault(c["kind"], []).append(c)
    for group in kinds.values():
        whos = [c.get("who") for c in group]
        if len(group) == 1 or None in whos or len(set(whos)) < len(whos):
            out.extend(group)
            continue
        total = dict(group[0])
        for key in ("low", "best", "high"):
            vals = [c[key] for c in group]
            total[key] = None if None in vals else sum(vals)
        total["who"] = "+".join(str(w) for w in whos)
        total["span"] = (group[0]["span"][0], group[-1]["span"][1])
        total["parts"] = group
        out.append(total)
    return out


def _count(span: Span) -> dict[str, Any]:
    return {**span._.value, "span": (span.start_char, span.end_char)}


def _fill_violations(doc: Doc, tax: Taxonomy, event: dict[str, Any]) -> None:
    found = list(event["violations"])
    violent = event["event_type"] not in ("Protests", "Strategic developments", "Riots")
    for m in tax.cues.finditer(rules.lower_text(doc), *event["clause"]):
        tag = _group_index(m, "v_")
        if tag is None or tag in found:
            continue
        if tag in ("attack_on_civilian_objects", "attack_on_medical") and not violent:
            continue
        found.append(tag)
    killed_civ = any(c["kind"] in ("killed", "executed") and is_civilian(c.get("who"))
                     for c in event["counts"])
    if killed_civ and "killing_of_civilians" not in found:
        found.append("killing_of_civilians")
    event["violations"] = found


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) characters of each sentence, read from arrays (no Token objects made)."""
    if len(doc) == 0:
        return []
    if not doc.has_annotation("SENT_START"):
        return [(0, len(rules.doc_text(doc)))]
    starts = doc.to_array("SENT_START")
    idx = doc.to_array("IDX")
    firsts = [i for i in range(len(doc)) if i == 0 or starts[i] == 1]
    last = doc[-1]
    bounds = []
    for a, b in itertools.pairwise([*firsts, len(doc)]):
        end = last.idx + len(last.text) if b == len(doc) else int(idx[b])
        text_end = rules.doc_text(doc)[int(idx[a]):end].rstrip()
        bounds.append((int(idx[a]), int(idx[a]) + len(text_end)))
    return bounds


def _clauses(doc: Doc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for bounds in sentence_bounds(doc):
        cuts = [bounds[0]]
        for m in rules.CLAUSE_SPLIT.finditer(rules.doc_text(doc), *bounds):
            cuts.append(m.start())
        cuts.append(bounds[1])
        out.extend(((a, b), bounds) for a, b in itertools.pairwise(cuts) if b > a)
    return out


def _published(doc: Doc) -> date | None:
    base = doc.user_data.get("published")
    return base if isinstance(base, date) else None


def find_events(doc: Doc) -> list[dict[str, Any]]:
    """The events of ``doc``: one dict per occurrence, with the spans each value came from."""
    tax = load_taxonomy()
    base = _published(doc)
    main_place = rules.main_place(doc)
    events = []
    for clause, sent in _clauses(doc):
        event = _clause_events(doc, tax, clause, sent)
        if event is None:
            continue
        rules.fill_place(doc, event, main_place)
        rules.fill_date(doc, event, base)
        rules.fill_background(doc, event, base)
        rules.fill_attribution(doc, event)
        events.append(event)
    merged = rules.merge_events(events)
    for event in merged:
        _finish(event)
    return merged


def _finish(event: dict[str, Any]) -> None:
    if event["event_type"] is None:
        whos = {c.get("who") for c in event["counts"]}
        fighters_only = whos <= {"fighters"} and any(event["actors"])
        event["event_type"], event["sub_event_type"] = (
            ("Battles", "Armed clash") if fighters_only
            else ("Violence against civilians", "Attack"))
        event["rules"].append("typed from its victims (no trigger word)")
        event["confidence"] -= 0.1
    unknown_or_civ = any(c["kind"] == "killed" and (is_civilian(c.get("who")) or c.get("who")
                                                    in ("people", None)) for c in event["counts"])
    if event["sub_event_type"] == "Attack" and unknown_or_civ and \
            "killing_of_civilians" not in event["violations"]:
        event["violations"].append("killing_of_civilians")
    score = 0.35 + 0.15 * bool(event["trigger"]) + 0.1 * bool(event["place"])
    score += 0.1 * bool(event["date"] and event["date"].get("span"))
    score += 0.1 * bool(event["counts"]) + 0.1 * any(
        a["role"] == "perpetrator" for a in event["actors"])
    event["confidence"] = round(min(0.95, score + event["confidence"] - 0.5), 2)


class EventFinder:
    """The ``rasd_events`` component."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = find_events(doc)
        return doc


@Language.factory(
    "rasd_events",
    default_config={},
    assigns=["doc._.events"],
    requires=["doc.sents"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    load_taxonomy()
    return EventFinder()


def report_window(base: date | None, days: int = 365) -> date | None:
    """The date before which a dated event counts as background history."""
    return base - timedelta(days=days) if base else None
