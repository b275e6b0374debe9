"""The bundled gazetteer: what it holds, and that it loads fast (the real number is in
docs/benchmarks/places.md; this bound is generous for a loaded machine)."""

from __future__ import annotations

import time

from rasd.gazetteer.load import build_gazetteer
from rasd.gazetteer.store import BUNDLED, read_tsv


def test_bundled_gazetteer_loads_quickly_with_its_parts() -> None:
    start = time.process_time()
    loaded = build_gazetteer()
    took = time.process_time() - start
    assert took < 2.0
    gaz = loaded.gazetteer
    by_country = {cc: sum(1 for p in gaz.places.values() if p.country == cc)
                  for cc in ("SY", "IQ", "TR", "LB", "JO")}
    assert all(n > 50 for n in by_country.values()), by_country
    governorates = [p for p in gaz.places.values() if p.country == "SY" and
                    p.feature_code == "ADM1"]
    assert len(governorates) == 14
    assert len(gaz.countries) > 200  # every country
    assert loaded.vocabulary.demonyms["lebanese"] == "LB"


def test_bundled_entries_carry_arabic_names_and_admin1() -> None:
    rows = {p.id: p for p in read_tsv(BUNDLED)}
    aleppo = rows["geo-170063"]
    assert aleppo.admin1 == "Aleppo" and aleppo.population > 1_000_000
    assert "حلب" in aleppo.names
    assert all(p.lat is not None for p in rows.values() if p.feature_class == "P")
