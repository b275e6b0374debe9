"""Perpetrators from the whole report (rules 5 and 6 of :mod:`rasd.extract.perpetrators`), for
violent events the wording of their own clauses left without one; each at lower confidence,
its rule saying why:

- a signature weapon (``weapons`` of ``perpetrators.yaml``: "barrel bombs");
- the report's attacker: the one side it names as perpetrator of its other news events (of the
  same type where there are some, else of any violent type); none where it blames several;
- the one side it names as attacker anywhere ("killed by X", "X was behind", "accused X of");
- for an air strike on an area held by one side with no attacker named at all, the party
  documented as bombing such areas (``area_attackers``: an inference, said as such).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rasd.extract.perpetrator_values import (
    VIOLENT,
    GroupRef,
    Lexicon,
    actor_by_id,
    actor_of,
    has_perpetrator,
    lexicon,
    side_key,
)
from rasd.extract.prefilter import fold_pattern, folded

_KILLED_BY = fold_pattern(
    r"\b(?:killed|attacked|shelled|bombed|targeted|hit|struck|carried out|launched|conducted|"
    r"executed|abducted|kidnapped|fired|dropped|perpetrated|massacred|shot)\s+by\s+(?:the\s+)?"
    r"(?:[\w'-]+\s+)?$")
_BLAMED = fold_pattern(r"\s+(?:was|were|is|are)\s+(?:(?:most\s+)?likely\s+)?(?:behind|responsible"
                     r"\s+for)\b")
_ACCUSED = fold_pattern(r"\baccus(?:ed|es|ing)\s+(?:the\s+)?$")


def fill_from_report(text: str, events: list[dict[str, Any]], groups: list[GroupRef]) -> None:
    """Rules 5 and 6 for violent events the wording of their own clauses left without one."""
    lex = lexicon()
    named: dict[str, Any] | None = None
    looked = False
    attackers: dict[str | None, dict[str, Any] | None] = {}  # by event type, until a change
    for event in events:
        if event["event_type"] not in VIOLENT or has_perpetrator(event):
            continue
        if not looked:
            named, looked = _named_attacker(text, groups), True
        targets = {a["entity"] for a in event["actors"] if a["role"] == "target"}
        actor = _weapon(text, event, lex)
        if actor is None:
            if event["event_type"] not in attackers:
                attackers[event["event_type"]] = _report_attacker(events, event)
            actor = attackers[event["event_type"]]
            actor = dict(actor) if actor is not None else named or \
                _area_attacker(text, event, lex)
        if actor is not None and actor["entity"] not in targets:
            event["actors"].insert(0, actor)
            event["rules"].append(f"perpetrator: {actor['rule']}")
            if "report's attacker" not in actor["rule"]:
                attackers.clear()  # the event now counts among the others: read them again


def _weapon(text: str, event: dict[str, Any], lex: Lexicon) -> dict[str, Any] | None:
    weapons = _named_weapons(text, lex)
    for start, end in event["evidence"]:
        for pattern, gid in weapons:
            m = pattern.search(text, start, end)
            if m:
                return actor_by_id(gid, "perpetrator", "signature weapon", m.span())
    return None


def _named_weapons(text: str, lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    """The weapon patterns whose first words (:func:`rasd.extract.prefilter.first_words`)
    the report holds somewhere: the others cannot match in any of its clauses."""
    fold = folded(text)
    return [(p, gid) for (p, gid), words in zip(lex.weapons, lex.weapon_words, strict=True)
            if words is None or any(w in fold for w in words)]


def _report_attacker(events: list[dict[str, Any]], event: dict[str, Any]) -> dict[str, Any] | None:
    """The one side the report names as perpetrator of its other news events: of the same
    type where it has some, else of any violent type. It depends on ``event`` only through its
    type (``event`` has no perpetrator, so it is never among the others): the caller keeps the
    answer per type until an event gains a perpetrator (a report of 40 events read once, not
    40 times)."""
    others = [e for e in events if e is not event and not e["background"]
              and e["modality"] == "asserted" and e["event_type"] in VIOLENT
              and has_perpetrator(e) and not any("report's attacker" in r for r in e["rules"])]
    same = [e for e in others if e["event_type"] == event["event_type"]]
    for pool, rule in ((same, "the report's attacker in its other such events"),
                       (others, "the report's attacker in its other violent events")):
        firsts = [next(a for a in e["actors"] if a["role"] == "perpetrator" and a["entity"])
                  for e in pool]
        if firsts and len({side_key(a) for a in firsts}) == 1:
            gid = Counter(a["entity"] for a in firsts).most_common(1)[0][0]
            first = next(a for a in firsts if a["entity"] == gid)
            return {**first, "span": None, "words": None, "rule": rule}
        if firsts:
            return None  # the report blames more than one side: leave it unknown
    return None


def _named_attacker(text: str, groups: list[GroupRef]) -> dict[str, Any] | None:
    """The one side the report says did something violent "by X" ("killed by X")."""
    fold = folded(text)  # the patterns run on it; "by", "accus": looked for first
    hits = [g for g in groups
            if (fold.find("by", max(0, g.start_char - 40), g.start_char) >= 0
                and _KILLED_BY.search(fold[max(0, g.start_char - 40):g.start_char]))
            or _BLAMED.match(fold, g.end_char, g.end_char + 40)
            or (text.startswith(" of ", g.end_char)
                and fold.find("accus", max(0, g.start_char - 30), g.start_char) >= 0
                and _ACCUSED.search(fold[max(0, g.start_char - 30):g.start_char]))]
    if not hits or len({g.value.get("side") or g.entity for g in hits}) != 1:
        return None
    return actor_of(hits[0], "perpetrator", "named as the attacker elsewhere in the report")


def _area_attacker(text: str, event: dict[str, Any], lex: Lexicon) -> dict[str, Any] | None:
    """An air strike on an area held by one side, nobody named: the documented attacker."""
    for pattern, gid, subs in lex.areas:
        if event["sub_event_type"] not in subs:
            continue
        for start, end in event["evidence"]:
            m = pattern.search(text, start, end)
            if m:
                return actor_by_id(gid, "perpetrator", "inferred from the area attacked "
                                   f"({m.group(0)!r}): no attacker named", None)
    return None
