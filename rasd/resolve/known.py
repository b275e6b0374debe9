"""Linking group and place mentions to the actor dictionary and the gazetteer.

Group mentions usually arrive with ``Mention.entity`` already set to a ``grp-<slug>`` of the
actor dictionary (``rasd/taxonomy/actors.yaml``); a group mention without one is looked up by its
name and aliases (transliteration-insensitive for aliases of six letters or more, exact for the
short ones such as "IS"). A group the dictionary does not know becomes a local group entity
(``grp-local-<hash>`` of its name key), so two spellings of one unknown brigade meet only when
their keys are equal. Place mentions carry their gazetteer id (``geo-...``) from the places
stage; a place mention without one stays unlinked, with a reason.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.gazetteer.keys import fold, translit_key
from rasd.model import Entity, Mention, stable_id
from rasd.resolve.entities import merge_known

PLACE_FIELDS = ("lat", "lon", "country", "admin1", "admin2", "feature_class", "geo_precision")
GROUP_FIELDS = ("actor_type", "side", "kind", "country", "parent")
MIN_KEYED_ALIAS = 6


@lru_cache(maxsize=1)
def actor_dictionary() -> tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, str]]:
    """(groups by id, exact alias -> id, alias key -> id) of ``rasd/taxonomy/actors.yaml``."""
    try:
        text = resources.files("rasd.taxonomy").joinpath("actors.yaml").read_text("utf-8")
    except FileNotFoundError:
        return {}, {}, {}
    data = yaml.safe_load(text) or {}
    groups = {g["id"]: g for g in data.get("groups", []) if isinstance(g, dict) and "id" in g}
    exact: dict[str, str] = {}
    keyed: dict[str, str] = {}
    for gid, group in groups.items():
        for alias in [group.get("name", ""), *(group.get("aliases") or [])]:
            alias = str(alias)
            exact.setdefault(alias, gid)
            if len(alias) >= MIN_KEYED_ALIAS:
                keyed.setdefault(_group_key(alias), gid)
        for alias in group.get("exact", []) or []:
            exact.setdefault(str(alias), gid)
    return groups, exact, keyed


def _group_key(text: str) -> str:
    folded = fold(text).strip()
    folded = folded.removeprefix("the ")
    return translit_key(folded)


def group_entity_id(mention: Mention) -> tuple[str, str]:
    """(entity id, how) of a group mention."""
    if mention.entity:
        return mention.entity, "actor dictionary (extraction)"
    _, exact, keyed = actor_dictionary()
    text = mention.text.strip()
    bare = text[4:] if text.lower().startswith("the ") else text
    for candidate in (text, bare):
        if candidate in exact:
            return exact[candidate], "actor dictionary alias"
    key = _group_key(text)
    if len(text) >= MIN_KEYED_ALIAS and key in keyed:
        return keyed[key], "actor dictionary alias (spelling variant)"
    return stable_id("grp-local", key), "not in the actor dictionary: local group by name key"


def link_groups(mentions: list[Mention], existing: dict[str, Entity],
                assignments: dict[str, str], explanations: dict[str, dict[str, Any]]
                ) -> list[Entity]:
    """Group entities for ``mentions``; fills ``assignments`` and ``explanations``."""
    groups, _, _ = actor_dictionary()
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        eid, how = group_entity_id(m)
        by_entity[eid].append(m)
        assignments[m.id] = eid
        explanations[m.id] = {"entity": eid, "how": how}
    out = []
    for eid, ms in sorted(by_entity.items()):
        known = groups.get(eid, {})
        extra = {f: known.get(f) for f in GROUP_FIELDS}
        out.append(merge_known(existing.get(eid), ms, "group", eid, known.get("name"), extra))
    return out


def link_places(mentions: list[Mention], existing: dict[str, Entity],
                assignments: dict[str, str], explanations: dict[str, dict[str, Any]],
                unlinked: dict[str, str]) -> list[Entity]:
    """Place entities (one per gazetteer id) for ``mentions``."""
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.entity:
            unlinked[m.id] = m.reason or "no gazetteer entry"
            continue
        by_entity[m.entity].append(m)
        assignments[m.id] = m.entity
        explanations[m.id] = {"entity": m.entity, "how": "gazetteer (places stage)"}
    out = []
    for eid, ms in sorted(by_entity.items()):
        values = [m.value for m in ms if isinstance(m.value, dict)]
        first = min(values, key=lambda v: sorted(v.items(), key=str).__repr__(), default={})
        extra = {f: first.get(f) for f in PLACE_FIELDS}
        extra["gazetteer_id"] = eid
        out.append(merge_known(existing.get(eid), ms, "place", eid, first.get("name"), extra))
    return out
