"""Entries' areas, precision and containment, and what a report's sure places (anchors) say of a
candidate entry."""

from __future__ import annotations

from collections import Counter

from rasd.gazetteer.store import KM_PER_DEGREE, Place, within_km


def is_area(place: Place) -> bool:
    return place.feature_class in {"A", "L"}


def governorate(place: Place) -> str | None:
    """The Syrian governorate (common English name) an entry lies in; None outside Syria."""
    if place.country != "SY" or place.feature_code == "PCLI":
        return None
    return place.admin1 or None


def base_precision(place: Place) -> int:
    """ACLED precision of a mention of the entry itself."""
    if place.feature_class == "A":
        return 3
    if place.feature_class == "L":
        return 2 if "precision 2" in place.note else 3
    if place.feature_class in {"S", "H", "T", "V"} or place.feature_code == "PPLX" or place.parent:
        return 2
    return 1


def is_inside(inner: Place, outer: Place) -> bool:
    """Whether ``inner`` lies inside ``outer`` (a country, governorate, region or town)."""
    if inner.id == outer.id:
        return True
    if outer.feature_code == "PCLI":
        return inner.country == outer.country
    if outer.feature_code == "ADM1":
        return inner.country == outer.country and inner.admin1 == outer.admin1
    if inner.feature_code in {"PCLI", "ADM1"}:
        return False
    if inner.parent == outer.id:
        return True
    radius = 30.0 if outer.feature_class == "L" else 8.0
    same_area = not outer.admin1 or inner.admin1 == outer.admin1
    return same_area and within_km(inner, outer, radius)


class Nearby:
    """What the report's sure places (anchors) say of a candidate: its governorate, its
    vicinity; computed once per candidate entry and report."""

    def __init__(self, anchors: dict[str, Place]) -> None:
        self.anchors = anchors
        self.governorates = Counter(governorate(a) for a in anchors.values())
        self.points = [a for a in anchors.values() if not is_area(a)]
        self._said: dict[str, tuple[float, list[str]]] = {}

    def say(self, place: Place) -> tuple[float, list[str]]:
        hit = self._said.get(place.id)
        if hit is None:
            hit = self._said[place.id] = self._anchors(place)
        return hit

    def says_any(self, places: list[tuple[Place, float, list[str]]]) -> bool:
        """Whether the anchors say anything (a gain or a reason) of any of the candidates."""
        for place, _, _ in places:
            gain, why = self.say(place)
            if gain or why:
                return True
        return False

    def _anchors(self, place: Place) -> tuple[float, list[str]]:
        score, why = 0.0, []
        gov = governorate(place)
        if gov and place.feature_code != "ADM1":
            same = self.governorates.get(gov, 0) - (place.id in self.anchors)  # the others
            if same:
                score += 0.8 + 0.3 * min(2, same - 1)
                why.append(f"in {gov}, a governorate this report names")
        if self.points and not is_area(place):
            near = self._near(place)
            if near is not None:
                score += 0.6
                why.append(f"near {near.name}, also named here")
        return score, why

    def _near(self, place: Place) -> Place | None:
        """The first point anchor other than ``place`` within 30 km of it (``within_km``, with
        its test of the latitudes alone made here first)."""
        pid, lat = place.id, place.lat
        if lat is None:
            return None  # within_km says no
        for a in self.points:
            if a.lat is not None and abs(a.lat - lat) * KM_PER_DEGREE <= 30.0 * 1.001 and (
                a.id != pid and within_km(place, a, 30.0)
            ):
                return a
        return None
