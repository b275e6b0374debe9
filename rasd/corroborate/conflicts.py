"""Disagreements between the reports of one incident, kept side by side, and the fatality
summary (see docs/corroboration.md, "Conflicts").

Fatalities (low / best / high), conservative as ACLED and UCDP code them:

1. each report gives one figure: per sub-event type the largest of its events (a report
   restating itself is not counted twice), summed over the types (the clashes and the
   civilians shot near the front are two parts of one incident);
2. each independent origin gives one figure — that of its latest report (an outlet that
   updates its toll supersedes its own earlier figure; on one day the higher update wins);
3. ``low`` is the lowest figure any origin gives (its ``low``, else its ``best``);
4. ``best`` is the *lower median* of the origins' best figures: with two origins that disagree
   (4 against 80) the lower one, ACLED's "most conservative estimate"; with more, one origin's
   early or partial count does not pull it down to its own (UCDP's best estimate: the most
   credible figure, kept apart from the low and high ones);
5. ``high`` is the highest figure any origin gives (its ``high``, else its ``best``; open when
   every origin says "at least").

Conflicts: differing tolls, perpetrators, dates (day-precise ones), places (precise ones; a
province-level account inside a town-level one is no conflict), sub-event types, modality (one
report asserts, another denies), and characterisations of the victims (civilians in one report,
fighters in another; the same named victim a civilian here and a fighter there).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from rasd.model import GEO_NEAR, TIME_DAY, Conflict, Event, Report
from rasd.taxonomy import load_actors

#: words that characterise victims as civilians or as combatants
CIVILIAN_WORDS = ("civilian", "child", "children", "women", "woman", "resident", "student",
                  "worker", "patient", "doctor", "nurse", "journalist", "family", "families")
COMBATANT_WORDS = ("fighter", "soldier", "militant", "rebel", "troop", "combatant", "gunm",
                   "member", "officer", "jihadist", "militia", "recruit", "terrorist")
#: qualifiers that leave the high figure open ("at least 12": high unknown)
OPEN_ENDED = frozenset({"at least", "more than", "over", "upwards of", "no fewer than"})
_CIVILIAN_TYPES = ("civilian",)
_COMBATANT_TYPES = ("state forces", "rebel", "militia", "political militia", "identity militia",
                    "external", "armed group", "fighter")


def characterise(words: str | None) -> str | None:
    """``"civilian"``, ``"combatant"`` or None for a victim description or actor type."""
    if not words:
        return None
    low = words.lower()
    if any(w in low for w in COMBATANT_WORDS + _COMBATANT_TYPES):
        return "combatant"
    if any(w in low for w in CIVILIAN_WORDS + _CIVILIAN_TYPES):
        return "civilian"
    return None


def _figure(event: Event) -> tuple[int, int, int | None] | None:
    fatal = event.fatalities()
    if fatal is None or fatal[1] is None:
        return None
    low, best, high = fatal[0] or best_of(fatal), best_of(fatal), fatal[2]
    killed = [c for c in event.counts if c.kind in {"killed", "executed"}]
    open_ended = any(c.high is None and (c.qualifier or "").lower() in OPEN_ENDED
                     for c in killed)
    return low, best, (None if open_ended and high == best else high)


def best_of(fatal: tuple[int | None, int | None, int | None]) -> int:
    return fatal[1] or 0


Figure = tuple[int, int, int | None]


def _report_figures(events: Sequence[Event]) -> dict[str, Figure]:
    """Report id → its figure: per sub-event type the largest, summed over the types."""
    per_type: dict[str, dict[str, Figure]] = {}
    for event in events:
        fig = _figure(event)
        if fig is None:
            continue
        types = per_type.setdefault(event.report, {})
        kept = types.get(event.sub_event_type)
        if kept is None or fig[1] > kept[1]:
            types[event.sub_event_type] = fig
    out: dict[str, Figure] = {}
    for rid, types in per_type.items():
        figs = list(types.values())
        highs = [f[2] for f in figs]
        high = None if any(h is None for h in highs) else sum(h or 0 for h in highs)
        out[rid] = (sum(f[0] for f in figs), sum(f[1] for f in figs), high)
    return out


def fatality_summary(
    events: Sequence[Event], origin_of: Mapping[str, str], reports: Mapping[str, Report]
) -> tuple[int | None, int | None, int | None] | None:
    """(low, best, high) of the incident's killed; ``origin_of``: report id → origin key."""
    latest: dict[str, tuple[tuple[date, int], Figure]] = {}
    for rid, fig in _report_figures(events).items():
        report = reports.get(rid)
        when = (report.published if report and report.published else date.min, fig[1])
        origin = origin_of.get(rid, rid)
        if origin not in latest or when > latest[origin][0]:
            latest[origin] = (when, fig)
    if not latest:
        return None
    figures = [fig for _, fig in latest.values()]
    bests = sorted(f[1] for f in figures)
    highs = [h for _, _, h in figures if h is not None]
    return (min(f[0] for f in figures), bests[(len(bests) - 1) // 2],
            max(highs) if highs else None)


def _group(
    events: Sequence[Event], value_of: Callable[[Event], Hashable | None],
    source_of: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Each distinct value with the sources, reports and events that gave it (none when the
    events agree)."""
    values = [(value_of(event), event) for event in events]
    if len({v for v, _ in values if v is not None}) < 2:
        return []
    groups: dict[Hashable, dict[str, set[str]]] = {}
    for value, event in values:
        if value is None:
            continue
        entry = groups.setdefault(value, {"sources": set(), "reports": set(), "events": set()})
        entry["sources"].add(source_of.get(event.report, event.report))
        entry["reports"].add(event.report)
        entry["events"].add(event.id)
    return [
        {"value": _jsonable(value), **{k: sorted(v) for k, v in entry.items()}}
        for value, entry in sorted(groups.items(), key=lambda kv: str(kv[0]))
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset):
        return [_jsonable(v) for v in (sorted(value, key=str) if isinstance(value, frozenset)
                                       else value)]
    return value


def _perpetrators(event: Event) -> frozenset[str] | None:
    names = frozenset(party(a.entity) if a.entity else a.name
                      for a in event.actors if a.role == "perpetrator")
    return names or None


@lru_cache(maxsize=4096)
def party(entity: str) -> str:
    """A group as the party it is part of (the Syrian air force: the Syrian government's
    forces): reports naming a unit and reports naming its army do not disagree on who did it."""
    return load_actors().party(entity) if entity.startswith("grp-") else entity


def _day(event: Event) -> tuple[date, date] | None:
    if event.time_precision != TIME_DAY or event.date_start is None:
        return None
    return event.date_start, event.date_end or event.date_start


def _precise_place(event: Event) -> str | None:
    if event.geo_precision is None or event.geo_precision > GEO_NEAR:
        return None
    return event.place or event.place_name


def _toll(event: Event) -> int | None:
    fig = _figure(event)
    return fig[1] if fig else None


def _victims(event: Event) -> str | None:
    kinds = {characterise(c.who) for c in event.counts if c.kind in {"killed", "executed"}}
    kinds |= {characterise(a.actor_type) for a in event.actors if a.role == "victim"}
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else None


def _person_characterisations(
    events: Sequence[Event], source_of: Mapping[str, str]
) -> list[Conflict]:
    by_person: dict[str, list[Event]] = {}
    for event in events:
        for actor in event.actors:
            if actor.role == "victim" and actor.entity and not actor.entity.startswith("grp-"):
                by_person.setdefault(actor.entity, []).append(event)
    conflicts = []
    for person, person_events in sorted(by_person.items()):
        def label(e: Event, person: str = person) -> str | None:
            return next((characterise(a.actor_type) for a in e.actors
                         if a.entity == person and characterise(a.actor_type)), None)
        values = _group(person_events, label, source_of)
        if values:
            conflicts.append(Conflict(field=f"characterisation:{person}", values=values))
    return conflicts


FIELDS: dict[str, Callable[[Event], Hashable | None]] = {
    "fatalities": _toll,
    "perpetrator": _perpetrators,
    "date": _day,
    "place": _precise_place,
    "sub_event_type": lambda e: e.sub_event_type or None,
    "modality": lambda e: e.modality,
    "characterisation": _victims,
}


def find_conflicts(events: Sequence[Event], source_of: Mapping[str, str]) -> list[Conflict]:
    """Each field on which the events disagree, every value with the sources and reports that
    gave it (``source_of``: report id → source id)."""
    if len(events) < 2:
        return []
    conflicts = []
    for name, value_of in FIELDS.items():
        values = _group(events, value_of, source_of)
        if values:
            conflicts.append(Conflict(field=name, values=values))
    return conflicts + _person_characterisations(events, source_of)
