"""A report's main event and an event's death toll, chosen the way a conflict-data coder would.

:func:`event_counts` decides which of the counts read in an event's clauses are its toll
(:func:`rasd.extract.event_rules.merge_events` calls it once the clauses are merged);
:func:`main_event` picks the occurrence a report is about. The rules, each documented in
docs/extraction.md ("Choosing an event's toll"):

- counts add up only where the text lists them together ("5 civilians and 3 children were
  killed", the ``list`` id the quantities finder gives); two counts that merely share a clause
  (a headline and the lede run together, "killed 41 civilians … 16 children were killed") do not;
- per kind the first count given is the event's (news tells its event's toll first; running
  totals come after), except that a vague one ("dozens", "several") gives way to the first
  precise count at least as large that the event also gives ("Dozens killed … killed at least
  37": 37), and a toll the report says was updated gives way to the update ("the death toll
  rose to 53", "raised the toll to 61");
- killed and executed are one death toll: an execution told again as a killing in another
  clause ("executed 22 prisoners … 22 people died in the square") is not counted twice; both
  kinds are kept only when one clause tells them.
"""

from __future__ import annotations

from typing import Any

from rasd.model import Event

#: characters of a report that make its lede (headline, dateline and first paragraph)
LEDE_CHARS = 600
#: count kinds that are one death toll (:meth:`rasd.model.Event.fatalities` adds them up)
DEATHS = frozenset({"killed", "executed"})


def main_event(events: list[Event], lede: int = LEDE_CHARS) -> Event | None:
    """The first asserted news event (not background) of the report's lede whose death toll
    is told in the lede; else the first lede event with a toll (merged in from further down);
    else the first news event of the lede; else the report's first news event. A main event
    without a toll takes a later telling of it (:func:`_retold`) that gives one.

    News writing puts the event the report is about first (the inverted pyramid); a larger
    toll later in the lede is most often a related event or a running total ("...bringing the
    number killed this month to 200"), so the first toll is taken, not the largest."""
    news = [e for e in events if not e.background and e.modality == "asserted"] or \
        [e for e in events if not e.background]
    if not news:
        return None
    early = sorted((e for e in news if e.evidence and e.evidence[0].start < lede),
                   key=lambda e: e.evidence[0].start)
    if not early:
        return news[0]
    chosen = next((e for e in early if _lede_toll(e, lede)), None) or \
        next((e for e in early if e.fatalities()), early[0])
    if chosen.fatalities() is None:
        chosen = next((e for e in news if e.fatalities() and _retold(chosen, e)), chosen)
    return chosen


def _retold(first: Event, later: Event) -> bool:
    """Whether ``later`` may tell ``first`` again: told after it, of the same event type, in
    the same province where both name one."""
    return bool(later.evidence and first.evidence) and \
        later.evidence[0].start > first.evidence[0].start and \
        later.event_type == first.event_type and \
        (first.admin1 is None or later.admin1 is None or first.admin1 == later.admin1)


def _lede_toll(event: Event, lede: int) -> bool:
    """Whether the event's death toll is told in the lede (not merged in from far below)."""
    return any(c.kind in DEATHS and c.evidence is not None and c.evidence.start < lede
               for c in event.counts)


def event_counts(counts: list[dict[str, Any]],
                 clauses: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """The counts of one event: per kind the count that is its toll (see the module
    docstring), then the parts ("including 3 children", ``subset``: never added). No count
    or a single one (not a clause total of ``parts``) is returned as it is: the rules below
    give the same."""
    if len(counts) < 2 and not (counts and counts[0].get("parts")):
        return list(counts)
    parts = [c for c in counts if c.get("subset")]
    whole = listed_totals([a for c in counts if not c.get("subset") for a in _atoms(c)])
    slots: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(whole, key=_start):
        slots.setdefault("deaths" if c["kind"] in DEATHS else c["kind"], []).append(c)
    out = []
    for slot, group in slots.items():
        chosen = _toll_of(group)
        out.append(chosen)
        if slot == "deaths":
            here = _clause_of(chosen, clauses)
            out += [c for c in group if c["kind"] != chosen["kind"] and here is not None
                    and _clause_of(c, clauses) == here]
    return out + parts


def _atoms(count: dict[str, Any]) -> list[dict[str, Any]]:
    """The counts a clause total was made of (``parts``), or the count itself."""
    parts: list[dict[str, Any]] = count.get("parts") or [count]
    return parts


def listed_totals(counts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts of one kind in one list (the same ``list`` id) added up, with ``parts``; every
    other count as it is. Without a ``list`` id a count stands alone."""
    groups: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for c in counts:
        key = (c["kind"], c.get("list") if c.get("list") is not None else id(c))
        groups.setdefault(key, []).append(c)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=_start)
        total = dict(group[0])
        for field in ("low", "best", "high"):
            vals = [c[field] for c in group]
            total[field] = None if None in vals else sum(vals)
        total["who"] = "+".join(dict.fromkeys(str(c["who"]) for c in group if c.get("who"))) \
            or None
        total["span"] = (group[0]["span"][0], group[-1]["span"][1])
        total["parts"] = group
        out.append(total)
    return out


def _toll_of(group: list[dict[str, Any]]) -> dict[str, Any]:
    """The toll among counts of one kind, in text order (rules in the module docstring)."""
    group = [c for c in group if not c.get("previous")] or group
    chosen = group[0]
    for c in group[1:]:
        if chosen["best"] is None and c["best"] is not None and \
                c["best"] >= (chosen.get("low") or 0):
            chosen = c  # a vague count made precise
        elif c.get("update") and c["best"] is not None and not c.get("cumulative"):
            chosen = c  # the toll rose: the report's latest figure for the event
    return chosen


def _clause_of(count: dict[str, Any], clauses: list[tuple[int, int]] | None) -> int | None:
    start = _start(count)
    for i, (a, b) in enumerate(clauses or []):
        if a <= start < b:
            return i
    return None


def _start(count: dict[str, Any]) -> int:
    span = count.get("span")
    return int(span[0]) if span else 1 << 30

