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

from rasd.gazetteer.keys import translit_key
from rasd.model import Entity, Mention, stable_id
from rasd.resolve.entities import merge_known
from rasd.resolve.explain import Explanations
from rasd.taxonomy.registry import alias_key, load_actors, phrase_key

PLACE_FIELDS = ("lat", "lon", "country", "admin1", "admin2", "feature_class", "geo_precision")
GROUP_FIELDS = ("actor_type", "side", "kind", "country", "parent")


def _contextual(text: str, named: set[str]) -> tuple[str | None, str] | None:
    """A generic reference ("the army") resolved as the actor dictionary says, or None."""
    actors = load_actors()
    for key in (phrase_key(text), "the " + phrase_key(text)):
        ids = actors.contextual.get(key)
        if not ids:
            continue
        near = {g for g in ids if g in named or set(actors.ancestors(g)) & named}
        if len(near) == 1:
            return near.pop(), "generic reference: the group the report names"
        if len(near) > 1:
            return None, "generic reference: the report names several groups it may mean"
        if key in actors.defaults:
            return actors.defaults[key], "generic reference: the dictionary's default"
        return None, "generic reference: no group named in the report"
    return None


def explicit_group(mention: Mention) -> tuple[str, str] | None:
    """(group id, how) of a mention the extractor resolved or the dictionary names, else None."""
    if mention.entity:
        return mention.entity, "actor dictionary (extraction)"
    found = load_actors().lookup(mention.text.strip())
    if len(found) == 1:
        return found[0].id, "actor dictionary alias"
    return None


def group_entity_id(mention: Mention, named: set[str]) -> tuple[str | None, str]:
    """(entity id, how) of a group mention; ``named``: the groups its report names explicitly.

    A group the dictionary does not know becomes a local group (``grp-local-<hash>`` of its
    name key); an ambiguous generic reference links to nobody (the id is None).
    """
    explicit = explicit_group(mention)
    if explicit:
        return explicit
    generic = _contextual(mention.text.strip(), named)
    if generic:
        return generic
    if len(load_actors().lookup(mention.text.strip())) > 1:
        return None, "alias of several groups in the actor dictionary"
    key = translit_key(alias_key(mention.text))
    return stable_id("grp-local", key), "not in the actor dictionary: local group by name key"


def resolve_groups(mentions: list[Mention]) -> dict[str, tuple[str | None, str]]:
    """Mention id -> (group entity id or None, how), generic references resolved per report."""
    named: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        explicit = explicit_group(m)
        if explicit:
            named[m.report].add(explicit[0])
    return {m.id: group_entity_id(m, named[m.report]) for m in mentions}


def link_groups(mentions: list[Mention], resolved: dict[str, tuple[str | None, str]],
                existing: dict[str, Entity], assignments: dict[str, str],
                explanations: Explanations, unlinked: dict[str, str]) -> list[Entity]:
    """Group entities for ``mentions`` (resolved by :func:`resolve_groups`)."""
    actors = load_actors()
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        eid, how = resolved[m.id]
        if eid is None:
            unlinked[m.id] = how
            continue
        by_entity[eid].append(m)
        assignments[m.id] = eid
        explanations.simple(m.id, eid, how)
    out = []
    for eid, ms in sorted(by_entity.items()):
        known = actors.get(eid)
        extra = {f: getattr(known, f, None) for f in GROUP_FIELDS}
        out.append(merge_known(existing.get(eid), ms, "group", eid,
                               known.name if known else None, extra))
    return out


def link_places(mentions: list[Mention], existing: dict[str, Entity],
                assignments: dict[str, str], explanations: Explanations,
                unlinked: dict[str, str]) -> list[Entity]:
    """Place entities (one per gazetteer id) for ``mentions``."""
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.entity:
            unlinked[m.id] = m.reason or "no gazetteer entry"
            continue
        by_entity[m.entity].append(m)
        assignments[m.id] = m.entity
        explanations.simple(m.id, m.entity, "gazetteer (places stage)")
    out = []
    for eid, ms in sorted(by_entity.items()):
        values = [m.value for m in ms if isinstance(m.value, dict)]
        first = min(values, key=lambda v: sorted(v.items(), key=str).__repr__(), default={})
        extra = {f: first.get(f) for f in PLACE_FIELDS}
        extra["gazetteer_id"] = eid
        out.append(merge_known(existing.get(eid), ms, "place", eid, first.get("name"), extra))
    return out
