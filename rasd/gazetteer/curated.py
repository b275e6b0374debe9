"""Curated places and aliases (``rasd/taxonomy/places.yaml``) merged into a gazetteer.

See the file's header for its schema. Curated entries get ids ``geo-rasd-<slug>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rasd.gazetteer.store import Gazetteer, Place, exact_form

CURATED = Path(__file__).parent.parent / "taxonomy" / "places.yaml"
WORDS = Path(__file__).parent / "data" / "words.yaml"
#: kind -> (feature_class, feature_code)
KINDS = {
    "town": ("P", "PPL"), "village": ("P", "PPL"), "neighbourhood": ("P", "PPLX"),
    "camp": ("S", "CMP"), "landmark": ("S", "BLDG"), "region": ("L", "RGN"),
}


@dataclass
class Vocabulary:
    """The word lists of the curated file."""

    demonyms: dict[str, str] = field(default_factory=dict)  # folded word -> ISO country code
    place_nouns: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()  # exact forms


@lru_cache(maxsize=1)
def finder_words() -> dict[str, Any]:
    """The finder's word lists (``data/words.yaml``): organisation nouns, Arabic area words."""
    return dict(yaml.safe_load(WORDS.read_text(encoding="utf-8")))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", exact_form(text)).strip("-")


def _find(gaz: Gazetteer, ref: str) -> Place | None:
    if ref in gaz.places:
        return gaz.places[ref]
    ids = gaz.exact.get(exact_form(ref), [])
    towns = [gaz.places[i] for i in ids if gaz.places[i].feature_class == "P"]
    return max(towns, key=lambda p: p.population, default=None)


def _curated_place(row: dict[str, Any], gaz: Gazetteer) -> Place:
    kind = str(row.get("kind", "town"))
    fclass, fcode = KINDS.get(kind, ("P", "PPL"))
    parent = _find(gaz, str(row["in"])) if row.get("in") else None
    note = str(row.get("note", ""))
    if row.get("precision"):
        note = f"precision {row['precision']}; {note}".strip("; ")
    return Place(
        id=f"geo-rasd-{slug(str(row['name']))}", name=str(row["name"]),
        names=[str(a) for a in row.get("aliases", []) or []],
        lat=float(row["lat"]), lon=float(row["lon"]), country=str(row.get("country", "SY")),
        admin1=str(row.get("admin1", "")), feature_class=fclass, feature_code=fcode,
        population=int(row.get("population", 0)), parent=parent.id if parent else "", note=note,
    )


def merge_curated(gaz: Gazetteer, path: Path = CURATED) -> Vocabulary:
    """Add the curated aliases and places of ``path`` to ``gaz``; returns its word lists."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    for row in data.get("aliases", []) or []:
        target = _find(gaz, str(row["of"]))
        if target is None:
            continue  # an alias of an entry this build lacks
        for name in row.get("names", []) or []:
            target.names.append(str(name))
            gaz.add_name(target.id, str(name))
    for row in data.get("places", []) or []:
        place = _curated_place(row, gaz)
        name = re.sub(r"\s*\(.*\)$", "", place.name)  # "Midan (Damascus)" is indexed as "Midan"
        gaz.add(place, names=[name])
    demonyms = {
        word.lower(): str(cc)
        for cc, words in (data.get("demonyms", {}) or {}).items() for word in words
    }
    return Vocabulary(
        demonyms=demonyms,
        place_nouns=frozenset(str(w).lower() for w in data.get("place_nouns", []) or []),
        not_places=frozenset(exact_form(str(w)) for w in data.get("not_places", []) or []),
    )
