"""The FA-KES fatality misses, listed and classified (``bench/extract_eval.py --misses``).

For each article whose main-event toll differs from the crowd's (civilians + non-civilians) it
prints the gold toll, the chosen one, and every killed / executed count the quantities finder
read, with its kind, qualifier, ``who``, flags (subset, cumulative) and the index of its
sentence, plus the events that carry it. Nothing of the article's text is printed unless
``--context`` is given, and nothing is ever written to a file: the articles stay in
``../shared/data/fakes/``.

Each miss gets one class (the first that fits), so that a fix can be aimed at the largest:

- ``no main event`` — no event was chosen;
- ``gold 0, a toll given`` — the crowd gave no death toll (often an arrest, a bombing without
  dead, a political story) but the chosen event has one;
- ``no killed count read`` — the text has a toll the finder did not read (or none at all);
- ``gold is a sum of read counts`` — two read counts add up to the gold (civilians + fighters
  told apart, two places of one strike);
- ``gold read, main event has no toll`` — the toll was read but the chosen event carries none;
- ``gold read in the main event, other count kept`` — the merge kept another count of the kind;
- ``gold read in another event`` — the right count was read, but another event was chosen;
- ``gold read, in no event`` — a count read outside every event's clauses;
- ``gold not read`` — no read count equals the gold (a crowd total of several events, a
  misreading, or a toll the finder missed).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any

from rasd.model import Event, Mention

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
KILLED = ("killed", "executed")


def sentence_starts(text: str) -> list[int]:
    """Offsets where each sentence of ``text`` starts (a rough cut, for display only)."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _killed_counts(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.kind == "quantity"
            and (m.value or {}).get("kind") in KILLED]


def _event_of(events: list[Event], start: int) -> Event | None:
    for e in events:
        if any(c.evidence and c.evidence.start == start for c in e.counts):
            return e
    return None


def classify(gold: int, chosen: Event | None, events: list[Event],
             mentions: list[Mention]) -> str:
    """The class of a fatality miss (see the module docstring)."""
    if chosen is None:
        return "no main event"
    fat = chosen.fatalities()
    if gold == 0:
        return "gold 0, a toll given"
    killed = [m for m in _killed_counts(mentions) if not (m.value or {}).get("subset")]
    if not killed:
        return "no killed count read"
    values = [(m.value or {}).get("best") for m in killed]
    hits = [m for m, v in zip(killed, values, strict=True) if v == gold]
    if not hits:
        nums = [v for v in values if isinstance(v, int)]
        if any(a + b == gold for i, a in enumerate(nums) for b in nums[i + 1:]):
            return "gold is a sum of read counts"
        return "gold not read"
    if fat is None:
        return "gold read, main event has no toll"
    owners = [_event_of(events, m.start) for m in hits]
    if any(o is chosen for o in owners):
        return "gold read in the main event, other count kept"
    if any(o is not None for o in owners):
        return "gold read in another event"
    in_chosen = [m for m in hits if any(e.start <= m.start < e.end for e in chosen.evidence)]
    if in_chosen:
        return "gold read in the main event, other count kept"
    return "gold read, in no event"


def describe(row: dict[str, str], gold: int, chosen: Event | None, events: list[Event],
             mentions: list[Mention], context: bool = False) -> list[str]:
    """Lines telling one miss: the gold, the chosen toll, the candidates and the events."""
    text = row["article_content"]
    starts = sentence_starts(text)

    def sent(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    fat = chosen.fatalities() if chosen else None
    lines = [f"#{row['unit_id']} gold {gold} chosen {fat[1] if fat else 0} "
             f"[{classify(gold, chosen, events, mentions)}]"]
    for m in _killed_counts(mentions):
        v: dict[str, Any] = m.value or {}
        owner = _event_of(events, m.start)
        mark = "*" if owner is not None and owner is chosen else " "
        flags = ",".join(k for k in ("subset", "cumulative") if v.get(k))
        line = (f"  {mark} s{sent(m.start):<3d} @{m.start:<5d} {v.get('kind'):9s} "
                f"best={v.get('best')!s:6s} q={v.get('qualifier')!s:12s} "
                f"who={v.get('who')!s:10s} {flags:18s} {m.reason}")
        if context:
            line += " | " + text[starts[sent(m.start)]:m.end + 60].replace("\n", " ")[:220]
        lines.append(line)
    for e in events:
        f = e.fatalities()
        if f is None and e is not chosen:
            continue
        first = e.evidence[0].start if e.evidence else -1
        lines.append(f"    event s{sent(first)} @{first} {e.event_type} / {e.sub_event_type} "
                     f"toll={f[1] if f else None} bg={e.background} {e.modality}"
                     f"{' MAIN' if e is chosen else ''}")
    return lines


def list_misses(rows: list[dict[str, str]], results: list[Any], pick: Any, gold_of: Any,
                context: bool = False) -> Counter[str]:
    """Prints every fatality miss and returns the count of each class."""
    classes: Counter[str] = Counter()
    for row, ex in zip(rows, results, strict=True):
        chosen = pick(ex.events)
        gold = gold_of(row)
        fat = chosen.fatalities() if chosen else None
        if (fat[1] if fat else 0) == gold:
            continue
        lines = describe(row, gold, chosen, ex.events, ex.mentions, context)
        classes[classify(gold, chosen, ex.events, ex.mentions)] += 1
        print("\n".join(lines))
    print(f"\nfatality misses: {sum(classes.values())} of {len(rows)}")
    for name, n in classes.most_common():
        print(f"  {n:4d}  {name}")
    return classes
