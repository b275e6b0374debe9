"""Events a report tells: the ``rasd_events`` component.

Sets ``doc._.events`` to a list of event dicts (see :func:`_new_event` for the keys; every
value that came from the text keeps its character offsets). The steps, each explainable:

1. clauses: sentences split at ``;`` and at "while" / "meanwhile", of the sentences holding a
   word that can start a trigger (:mod:`rasd.extract.prefilter`) or a count of people killed;
2. a trigger lexicon per ACLED sub-event type (``rasd/taxonomy/event_types.yaml``): the clause
   takes its highest-priority sub-event; a clause with a casualty count and no trigger becomes a
   bare killing, typed later (by the report's nearest event told with a trigger, else by its
   victims);
3. the clause's parts: perpetrator and target (:mod:`rasd.extract.perpetrators`), victims and
   counts from the quantity spans, place and date from the place and date spans (clause, then
   sentence, then the report), modality from cue words before the trigger, violations from the
   sub-type and cue words (``violations.yaml``), background history from dates long before
   the report's date or cue phrases;
4. one event per occurrence: clauses of one event type whose places and dates agree are merged
   (a headline and the paragraph retelling it make one event, not two); then the report-level
   perpetrators for violent events still without one (:mod:`rasd.extract.report_attackers`).
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract import event_places, perpetrators, report_attackers
from rasd.extract import event_rules as rules
from rasd.extract import spans as _spans
from rasd.extract.event_arabic import ArabicTriggers
from rasd.extract.prefilter import Dispatch, LeadScan, folded, shared_candidates, union_starts

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
    triggers: Dispatch  # one named group per sub-event: s0, s1, ... (rasd.extract.prefilter)
    arabic: ArabicTriggers  # the same groups, of the Arabic trigger words
    cues: Dispatch  # one named group per violation: v_<id>
    violations: dict[str, dict[str, Any]]
    starts: LeadScan  # the lead words of triggers and cues, read in one scan


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("rasd.taxonomy").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The event types, sub-event types and violation tags, compiled (once per process);
    patterns run on ASCII-lower-cased text."""
    subs = []
    for etype, spec in _load_yaml("event_types.yaml")["event_types"].items():
        for sub, sspec in spec["sub_event_types"].items():
            subs.append((SubEvent(etype, sub, int(sspec["priority"]),
                                  tuple(sspec.get("violations", []))), sspec["triggers"],
                         sspec.get("triggers_ar", [])))
    subs.sort(key=lambda s: -s[0].priority)
    vio = _load_yaml("violations.yaml")["violations"]
    triggers = Dispatch([(f"s{i}", list(t)) for i, (_, t, _) in enumerate(subs)])
    arabic = ArabicTriggers([(f"s{i}", list(a)) for i, (_, _, a) in enumerate(subs)])
    cues = Dispatch([(f"v_{k}", list(v["cues"])) for k, v in vio.items() if v.get("cues")])
    return Taxonomy(subs=tuple(s for s, _, _ in subs), triggers=triggers, arabic=arabic,
                    cues=cues, violations=vio, starts=union_starts((triggers, cues)))


def _arabic(doc: Doc, tax: Taxonomy) -> list[tuple[int, int, str]]:
    """(start, end, group) of the Arabic triggers of the doc, once per doc (none, after one
    search, in a report without an Arabic letter)."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "arabic" not in cache:
        cache["arabic"] = tax.arabic.find(rules.doc_text(doc))
    found: list[tuple[int, int, str]] = cache["arabic"]
    return found


def _trigger_hits(lower: str, tax: Taxonomy, clause: tuple[int, int],
                  candidates: list[tuple[int, re.Pattern[str]]],
                  arabic: list[tuple[int, int, str]]) -> list[tuple[str, int, int]]:
    """(group, start, end) of the triggers in the clause, English and Arabic, in text order
    (``candidates``: :func:`_cands` of the doc; ``arabic``: :func:`_arabic` of the doc)."""
    hits = list(tax.triggers.finditer(lower, *clause, candidates))
    if arabic:
        i = bisect.bisect_left(arabic, (clause[0],))
        while i < len(arabic) and arabic[i][0] < clause[1]:
            if arabic[i][1] <= clause[1]:
                hits.append((arabic[i][2], arabic[i][0], arabic[i][1]))
            i += 1
        hits.sort(key=lambda h: h[1])
    return hits


def _cands(doc: Doc, tax: Taxonomy, which: str) -> list[tuple[int, re.Pattern[str]]]:
    """The words of the doc that may start a trigger (``which`` = "triggers") or a violation
    cue ("cues"), both read in one scan once per doc
    (:func:`rasd.extract.prefilter.shared_candidates`)."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if which not in cache:
        cache["triggers"], cache["cues"] = shared_candidates(
            rules.lower_text(doc), (tax.triggers, tax.cues), tax.starts)
    found: list[tuple[int, re.Pattern[str]]] = cache[which]
    return found


def _values_in(items: list[tuple[int, int, dict[str, Any]]], start: int, end: int,
               ) -> list[dict[str, Any]]:
    """The values of the spans ``items`` (:func:`rasd.extract.event_rules.plain_spans`)
    inside [start, end), each with its "span" offsets."""
    i = bisect.bisect_left(items, (start,))
    out = []
    while i < len(items) and items[i][0] < end:
        if items[i][1] <= end:
            out.append({**items[i][2], "span": (items[i][0], items[i][1])})
        i += 1
    return out


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


def _clause_events(doc: Doc, tax: Taxonomy, clause: tuple[int, int], sent: tuple[int, int],
                   hits: list[tuple[str, int, int]]) -> dict[str, Any] | None:
    """The event a clause tells (``hits``: its triggers, :func:`_trigger_hits`), or None
    where it has neither a trigger nor a count of people killed."""
    best: tuple[int, SubEvent, tuple[int, int]] | None = None
    triggers: list[tuple[int, int, str]] = []
    for name, start, end in hits:
        found = tax.subs[int(name[1:])]
        triggers.append((start, end, found.event_type))
        if best is None or found.priority > best[0]:
            best = (found.priority, found, (start, end))
    counts = _values_in(rules.plain_spans(doc, "quantity"), *clause)
    if best is None and not any(c["kind"] in ("killed", "executed") for c in counts):
        return None
    sub: SubEvent | None = best[1] if best else None
    trigger: tuple[int, int] | None = best[2] if best else None
    killed = any(c["kind"] in ("killed", "executed", "injured") for c in counts)
    if sub and killed and sub.event_type in NON_VIOLENT and sub.sub_event_type != "Arrests":
        sub, trigger = None, None
    event = _new_event(sub, clause, sent, trigger)
    event["counts"] = clause_totals(counts)
    event["money"] = _values_in(rules.plain_spans(doc, "money"), *clause)
    rules.fill_actors(doc, event, triggers)
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


def _fill_violations(doc: Doc, tax: Taxonomy, event: dict[str, Any]) -> None:
    found = list(event["violations"])
    violent = event["event_type"] not in ("Protests", "Strategic developments", "Riots")
    lower = rules.lower_text(doc)
    c_start, c_end = event["clause"]
    for name, _start, _end in tax.cues.finditer(lower, c_start, c_end, _cands(doc, tax, "cues")):
        tag = name[2:]
        if tag in found:
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
    """(start, end) characters of each sentence (:func:`rasd.extract.spans.sentences`)."""
    return [(a, b) for _, _, a, b in _spans.sentences(doc)]


def _clauses(doc: Doc, tax: Taxonomy,
             ) -> Iterator[tuple[tuple[int, int], tuple[int, int], list[tuple[str, int, int]]]]:
    """(clause, sentence, triggers of the clause) of the clauses that may tell an event: a
    trigger (:func:`_trigger_hits`) or a count of people killed. A sentence with neither a
    word that can start a trigger (prefilter) nor such a count is not split: none of its
    clauses could have one."""
    deaths = _deaths(doc)
    candidates, text = _cands(doc, tax, "triggers"), rules.doc_text(doc)
    fold = folded(text)
    lower = rules.lower_text(doc)
    arabic = _arabic(doc, tax)
    for bounds in sentence_bounds(doc):
        if not tax.triggers.hit_in(*bounds, candidates) and not _holds(deaths, *bounds) \
                and not _holds(arabic, *bounds):
            continue
        cuts = [bounds[0]]
        if rules.may_split(text, lower, *bounds):
            cuts.extend(m.start() for m in rules.CLAUSE_SPLIT_FOLDED.finditer(fold, *bounds))
        cuts.append(bounds[1])
        for clause in itertools.pairwise(cuts):
            if clause[1] <= clause[0]:
                continue
            hits = _trigger_hits(lower, tax, clause, candidates, arabic)
            if hits or _holds(deaths, *clause):
                yield clause, bounds, hits


def _deaths(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of the counts of people killed or executed, sorted by start, once per doc."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "deaths" not in cache:
        cache["deaths"] = [(a, b) for a, b, v in rules.plain_spans(doc, "quantity")
                           if v.get("kind") in ("killed", "executed")]
    deaths: list[tuple[int, int]] = cache["deaths"]
    return deaths


def _holds(ranges: Sequence[tuple[Any, ...]], start: int, end: int) -> bool:
    """Whether one of the ``ranges`` ((start, end, ...) sorted by start) lies inside
    [start, end): bisection, not a scan of every range per sentence."""
    i = bisect.bisect_left(ranges, (start,))
    while i < len(ranges) and ranges[i][0] < end:
        if ranges[i][1] <= end:
            return True
        i += 1
    return False


def _published(doc: Doc) -> date | None:
    base = doc.user_data.get("published")
    return base if isinstance(base, date) else None


def find_events(doc: Doc) -> list[dict[str, Any]]:
    """The events of ``doc``: one dict per occurrence, with the spans each value came from."""
    tax = load_taxonomy()
    base = _published(doc)
    main_place = event_places.main_place(doc)
    events = []
    for clause, sent, hits in _clauses(doc, tax):
        event = _clause_events(doc, tax, clause, sent, hits)
        if event is None:
            continue
        event_places.fill_place(doc, event, main_place)
        rules.fill_date(doc, event, base)
        rules.fill_background(doc, event, base)
        rules.fill_attribution(doc, event)
        events.append(event)
    merged = rules.merge_events(events)
    typed = [e for e in merged if e["trigger"] and e["event_type"] in perpetrators.VIOLENT
             and not e["background"]]
    for event in merged:
        _type_untyped(event, typed)
    report_attackers.fill_from_report(rules.doc_text(doc), merged, rules.armed_groups(doc))
    for event in merged:
        _finish(event)
    return merged


def _type_untyped(event: dict[str, Any], typed: list[dict[str, Any]]) -> None:
    """A killing told without a trigger word ("25 civilians were killed on Monday") takes the
    type of the nearest violent event the report tells with one, else a type from its victims."""
    if event["event_type"] is None and typed and not event["background"]:
        here = event["clause"][0]
        near = min(typed, key=lambda e: abs(e["clause"][0] - here))
        if abs(near["clause"][0] - here) <= 1500:
            event["event_type"], event["sub_event_type"] = near["event_type"], \
                near["sub_event_type"]
            event["violations"] += [v for v in near["violations"] if v not in event["violations"]]
            event["rules"].append("typed from the report's nearest event with a trigger word")
            event["confidence"] -= 0.1
    if event["event_type"] is None:
        whos = {c.get("who") for c in event["counts"]}
        fighters_only = whos <= {"fighters"} and any(event["actors"])
        event["event_type"], event["sub_event_type"] = (
            ("Battles", "Armed clash") if fighters_only
            else ("Violence against civilians", "Attack"))
        event["rules"].append("typed from its victims (no trigger word)")
        event["confidence"] -= 0.1


def _finish(event: dict[str, Any]) -> None:
    for actor in event["actors"]:  # the Event record keeps no per-actor rule: say it here
        if actor["role"] == "perpetrator" and \
                f"perpetrator: {actor['rule']}" not in event["rules"]:  # report-level: said
            event["rules"].append(f"perpetrator {actor['name']}: {actor['rule']}")
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
        doc.user_data.pop("rasd_plain", None)  # a doc run twice is read afresh
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
