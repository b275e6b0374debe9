"""How often the transliteration key lets distinct places meet: collisions over a gazetteer.

A key is a blocking key: two entries under one key are both candidates for a mention, and the
geocoder has to keep them apart with context. :func:`key_collisions` counts how many keys name
more than one entry, and how many name entries farther apart than ``km`` (distinct places, not
one place recorded twice).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rasd.gazetteer.geocode import distance_km
from rasd.gazetteer.store import Gazetteer


@dataclass
class Collisions:
    """Collision counts of one gazetteer's keys."""

    keys: int = 0  # distinct keys
    shared: int = 0  # keys naming 2+ entries
    far: int = 0  # keys naming entries more than ``km`` apart
    syrian_keys: int = 0  # keys naming at least one Syrian entry
    syrian_far: int = 0  # of those, keys naming entries more than ``km`` apart
    sizes: Counter[int] = field(default_factory=Counter)  # entries per key (10 = 10 or more)

    @property
    def far_share(self) -> float:
        return self.far / self.keys if self.keys else 0.0

    @property
    def syrian_far_share(self) -> float:
        return self.syrian_far / self.syrian_keys if self.syrian_keys else 0.0


def key_collisions(gaz: Gazetteer, km: float = 25.0) -> Collisions:
    """Collisions of the transliteration keys of ``gaz`` (see the module doc)."""
    out = Collisions()
    for ids in gaz.by_key.values():
        out.keys += 1
        out.sizes[min(len(ids), 10)] += 1
        places = [gaz.places[i] for i in ids]
        syrian = any(p.country == "SY" for p in places)
        out.syrian_keys += syrian
        if len(places) < 2:
            continue
        out.shared += 1
        if any(distance_km(a, b) > km for k, a in enumerate(places) for b in places[k + 1:]):
            out.far += 1
            out.syrian_far += syrian
    return out
