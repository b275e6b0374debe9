"""Parts of areas: "the eastern countryside of Aleppo" coded to a point in that part.

A governorate (or a country) mentioned with a direction is coded to the centre of its populated
places lying in that direction from its point (bearing within 60 degrees of it, more than 8 km
away): a data-driven "eastern countryside" that follows where the villages are (along the
Euphrates for Deir ez-Zor, say). With fewer than three such places, the point is moved 30 km
that way.
"""

from __future__ import annotations

import math
from collections import defaultdict

from rasd.gazetteer.store import Gazetteer, Place, distance_km

BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}
HALF_ANGLE = 60.0
MIN_KM = 8.0
SHIFT_KM = 30.0
SEAT_KM = 5.0  # a town this close to its governorate's point is its seat


def bearing(a: Place, b: Place) -> float:
    """Initial bearing from ``a`` to ``b`` in degrees (0 north, 90 east)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0,
                                            b.lon or 0.0))
    y = math.sin(lo2 - lo1) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(lo2 - lo1)
    return (math.degrees(math.atan2(y, x)) + 360.0) % 360.0


def shifted(place: Place, angle: float, km: float) -> tuple[float, float]:
    """``place``'s point moved ``km`` towards ``angle`` (flat approximation, fine at 30 km)."""
    lat, lon = place.lat or 0.0, place.lon or 0.0
    dlat = km * math.cos(math.radians(angle)) / 111.0
    dlon = km * math.sin(math.radians(angle)) / (111.0 * max(0.2, math.cos(math.radians(lat))))
    return round(lat + dlat, 4), round(lon + dlon, 4)


class Regions:
    """Points for the parts of governorates and countries, computed lazily and cached."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._members: dict[tuple[str, str], list[Place]] | None = None
        self._cache: dict[tuple[str, str], tuple[float, float]] = {}

    def members(self, area: Place) -> list[Place]:
        """Populated places with coordinates inside an area (a governorate or a country)."""
        if self._members is None:
            index: dict[tuple[str, str], list[Place]] = defaultdict(list)
            for place in self.gaz.places.values():
                if place.feature_class == "P" and place.lat is not None and place.lon is not None:
                    index[(place.country, "")].append(place)
                    if place.admin1:
                        index[(place.country, place.admin1)].append(place)
            self._members = index
        key = (area.country, "" if area.feature_code == "PCLI" else area.admin1)
        return self._members.get(key, [])

    def part(self, area: Place, direction: str | None) -> tuple[float | None, float | None]:
        """The point of ``area``'s part in ``direction`` (the area's own point without one)."""
        angle = BEARINGS.get(direction or "")
        if angle is None or area.lat is None or area.lon is None:
            return area.lat, area.lon
        key = (area.id, direction or "")
        hit = self._cache.get(key)
        if hit is None:
            inside = [p for p in self.members(area) if distance_km(area, p) > MIN_KM
                      and _off(bearing(area, p), angle) <= HALF_ANGLE]
            if len(inside) >= 3:
                hit = (round(sum(p.lat or 0.0 for p in inside) / len(inside), 4),
                       round(sum(p.lon or 0.0 for p in inside) / len(inside), 4))
            else:
                hit = shifted(area, angle, SHIFT_KM)
            self._cache[key] = hit
        return hit


def _off(a: float, b: float) -> float:
    diff = abs(a - b) % 360.0
    return min(diff, 360.0 - diff)
