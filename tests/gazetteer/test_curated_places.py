"""Curated entries of rasd/taxonomy/places.yaml through the places component. Sentences are
FICTIONAL, written for Rasd."""

from __future__ import annotations

import pytest
from conftest import Places


@pytest.mark.parametrize(("text", "surface", "entity", "admin1"), [
    ("Fighters gathered at the al-Naim roundabout on Friday.", "al-Naim roundabout",
     "geo-rasd-naeem-square", "Raqqa"),
    ("تجمع المقاتلون في دوار النعيم يوم الجمعة.", "دوار النعيم", "geo-rasd-naeem-square", "Raqqa"),
    ("Shells fell on the town of al-Quriyah on Monday.", "al-Quriyah", "geo-rasd-quriyah",
     "Deir ez-Zor"),
])
def test_curated_places_resolve(places: Places, text: str, surface: str, entity: str,
                                admin1: str) -> None:
    hits = [(v, e) for t, v, e in places(text) if surface in t]
    assert hits, places(text)
    value, found = hits[0]
    assert found == entity and value["admin1"] == admin1
