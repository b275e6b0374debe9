"""The plain values and vocabularies the perpetrator rules work on.

Used by :mod:`rasd.extract.perpetrators` (which re-exports them) and
:mod:`rasd.extract.report_attackers`: armed-group mentions as plain values, the modifier, filler,
weapon and country vocabularies of ``rasd/taxonomy/perpetrators.yaml``, and event actors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span

from rasd.extract.prefilter import first_words
from rasd.taxonomy.registry import load_actors

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
#: group values that can act in an event: dictionary armed groups and the local named groups
#: of :mod:`rasd.extract.group_names` (side and actor type unknown)
ARMED_KINDS = (None, "armed", "local")

@dataclass(frozen=True, slots=True)
class GroupRef:
    """An armed-group mention as plain values (spaCy's ``span._`` lookups are slow)."""

    start_char: int
    end_char: int
    text: str
    entity: str
    value: dict[str, Any]

    @classmethod
    def of(cls, span: Span, text: str) -> GroupRef | None:
        """The mention of an armed group with a dictionary id, else None (``text``: the doc's
        text; ``span.text`` would build a Token per word)."""
        value, entity = span._.value, span._.entity
        if not entity or not isinstance(value, dict) or value.get("kind") not in ARMED_KINDS:
            return None
        start, end = span.start_char, span.end_char
        return cls(start, end, text[start:end], str(entity), value)

    @classmethod
    def at(cls, start: int, end: int, text: str, user_data: dict[Any, Any]) -> GroupRef | None:
        """:meth:`of` for the group span at these characters, its values read straight from
        the doc's ``user_data`` (where spaCy keeps ``span._`` values, see
        :func:`rasd.extract.spans.span_extensions`)."""
        value = user_data.get(("._.", "value", start, end))
        entity = user_data.get(("._.", "entity", start, end))
        if not entity or not isinstance(value, dict) or value.get("kind") not in ARMED_KINDS:
            return None
        return cls(start, end, text[start:end], str(entity), value)


@dataclass(frozen=True)
class Lexicon:
    modifiers: dict[str, str]  # lower-case word -> group id
    exact: dict[str, str]  # capitalised word -> group id, matched as written
    fillers: frozenset[str]
    weapons: tuple[tuple[re.Pattern[str], str], ...]
    areas: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]
    countries: re.Pattern[str]  # "by <country>": one named group per country, c0, c1, ...
    country_ids: tuple[str, ...]
    nouns: re.Pattern[str]  # attack nouns, on lower-cased text
    noun_words: tuple[str, ...]  # the same nouns as a list (prefilter.literal_words)
    #: the first words of each weapon pattern (prefilter.first_words; None: it may start
    #: otherwise): a report holding none of them cannot name the weapon
    weapon_words: tuple[frozenset[str] | None, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The modifier, filler and weapon vocabularies (``perpetrators.yaml``), once per process."""
    raw = resources.files("rasd.taxonomy").joinpath("perpetrators.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    lower: dict[str, str] = {}
    exact: dict[str, str] = {}
    for gid, words in data["modifiers"].items():
        for word in words:
            (exact if word.isupper() else lower)[word if word.isupper() else word.lower()] = gid
    weapons = tuple((re.compile(rf"\b(?:{'|'.join(pats)})\b", re.I), gid)
                    for gid, pats in data["weapons"].items())
    areas = tuple((re.compile(rf"\b(?:{'|'.join(a['areas'])})\b", re.I), a["attacker"],
                   frozenset(a["sub_event_types"])) for a in data.get("area_attackers", []))
    names = [(name, gid) for gid, names in data["countries"].items() for name in names]
    alts = "|".join(f"(?P<c{i}>{re.escape(name)})" for i, (name, _) in enumerate(names))
    countries = re.compile(r"\b(?:carried out|conducted|launched|perpetrated|by)\s+(?:the\s+)?"
                           rf"(?:{alts})(?![\w.-])")
    nouns = re.compile(rf"\b(?:{'|'.join(map(re.escape, data['attack_nouns']))})\b")
    starts = tuple(None if (w := first_words("|".join(pats).lower())) is None else frozenset(w)
                   for pats in data["weapons"].values())
    return Lexicon(lower, exact, frozenset(data["fillers"]), weapons, areas, countries,
                   tuple(gid for _, gid in names), nouns, tuple(data["attack_nouns"]), starts)


def actor_of(g: GroupRef, role: str, rule: str) -> dict[str, Any]:
    """An event actor from a group mention."""
    return {"role": role, "name": g.value.get("name") or g.text, "entity": g.entity,
            "span": (g.start_char, g.end_char), "actor_type": g.value.get("actor_type"),
            "side": g.value.get("side"), "rule": rule}


def side_key(actor: dict[str, Any]) -> str:
    """The party an actor stands for when a report's sides are counted: its side, or, for a
    local group whose side nobody documented, the group itself (two unknown groups are two
    parties, never one)."""
    return str(actor.get("side") or actor["entity"])


def actor_by_id(gid: str, role: str, rule: str, span: tuple[int, int] | None) -> dict[str, Any]:
    """An event actor from a dictionary id (a modifier word or a weapon named it): no group
    mention backs it, so ``span`` is None and ``words`` keeps the characters that named it."""
    group = load_actors(None).groups[gid]
    return {"role": role, "name": group.name, "entity": gid, "span": None, "words": span,
            "actor_type": group.actor_type, "side": group.side, "rule": rule}


def has_perpetrator(event: dict[str, Any]) -> bool:
    return any(a["role"] == "perpetrator" and a["entity"] for a in event["actors"])
