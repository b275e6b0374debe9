"""Entity records from linked mentions: canonical names, aliases, attributes with provenance."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from rasd.model import Entity, Mention, stable_id
from rasd.resolve.items import Item, to_form

EXTRACTOR = "rasd.resolve/1"
PERSON_PREFIX = "per"


def person_id(items: Iterable[Item]) -> str:
    """The id of a person entity: derived from its first mention id (order-free)."""
    return stable_id(PERSON_PREFIX, min(item.mention for item in items))


def _statements(items: list[Item], attr: str) -> list[dict[str, Any]]:
    """[{value, mentions}] for one attribute, most-mentioned first (the forms give each
    mention's report)."""
    found: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        value = getattr(item, attr)
        for v in value if isinstance(value, tuple) else (value,):
            if v:
                found[str(v)].append(item)
    rows = [{"value": v, "mentions": sorted(i.mention for i in its)} for v, its in found.items()]
    rows.sort(key=lambda r: (-len(r["mentions"]), r["value"]))
    return rows


def _places(items: list[Item]) -> dict[str, int]:
    """Co-mentioned places (gazetteer ids) -> in how many of the entity's reports, most first."""
    reports: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for place in item.places:
            reports[place].add(item.report)
    ranked = sorted(reports.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {place: len(rs) for place, rs in ranked}


def canonical_name(items: list[Item]) -> tuple[str, list[str]]:
    """The fullest, most frequent surface form, and the other forms as aliases."""
    counts = Counter(item.text.strip() for item in items)
    fullness = {item.text.strip(): item.fullness() for item in items}
    ranked = sorted(counts, key=lambda t: (-fullness[t], -counts[t], len(t), t))
    return ranked[0], sorted(ranked[1:])


def person_entity(items: list[Item], confidence: float) -> Entity:
    """A person entity from its linked items."""
    items = sorted(items, key=lambda i: i.mention)
    name, aliases = canonical_name(items)
    attributes: dict[str, Any] = {
        "anchor": items[0].mention,
        "reports": sorted({i.report for i in items}),
        "titles": _statements(items, "title"),
        "roles": _statements(items, "category"),
        "affiliations": _statements(items, "affiliation"),
        "origins": _statements(items, "origin"),
        "places": _places(items),
        "forms": [to_form(i) for i in items],
    }
    return Entity(id=person_id(items), kind="person", name=name, aliases=aliases,
                  attributes=attributes, extractor=EXTRACTOR, confidence=round(confidence, 4))


def merge_known(entity: Entity | None, mentions: list[Mention], kind: str, eid: str,
                name: str | None, extra: dict[str, Any]) -> Entity:
    """A group or place entity of a known id (actor dictionary, gazetteer) with its new aliases.

    The name is the dictionary's or gazetteer's where known, else the longest form seen (ties:
    alphabetical), so linking in batches or all at once names it the same.
    """
    forms = set(entity.aliases) | {entity.name} if entity else set()
    forms.update(m.text.strip() for m in mentions)
    canonical = name or sorted(forms, key=lambda t: (-len(t), t))[0]
    attributes = dict(entity.attributes) if entity else {}
    attributes.update({k: v for k, v in extra.items() if v is not None})
    return Entity(id=eid, kind=kind,  # type: ignore[arg-type]
                  name=canonical, aliases=sorted(forms - {canonical}), attributes=attributes,
                  extractor=EXTRACTOR, confidence=1.0)
