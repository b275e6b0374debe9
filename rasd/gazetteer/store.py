"""Gazetteer entries, their compact TSV file format, and the in-memory index.

The bundled file ``rasd/gazetteer/data/geonames.tsv.gz`` and imported files share one format:
gzip'd UTF-8 TSV, one entry per line, the columns of :data:`COLUMNS`; ``names`` holds the
alternate names joined by ``|``. Curated entries (``rasd/taxonomy/places.yaml``) are loaded by
:mod:`rasd.gazetteer.curated` into the same records.
"""

from __future__ import annotations

import gzip
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasd.gazetteer.keys import KEY_VERSION, fold, translit_key, typo_key

COLUMNS = (
    "id", "name", "names", "lat", "lon", "country", "admin1", "admin2",
    "feature_class", "feature_code", "population", "parent", "note", "keys",
)
BUNDLED = Path(__file__).parent / "data" / "geonames.tsv.gz"
_SCRIPT_OK = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0700-\u1dff"
                           r"\u2e80-\ua4cf\uac00-\ud7af]")


@dataclass(slots=True)
class Place:
    """One gazetteer entry (a GeoNames feature, an imported row or a curated entry)."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str
    admin1: str = ""
    admin2: str = ""
    feature_class: str = "P"
    feature_code: str = ""
    population: int = 0
    names: list[str] = field(default_factory=list)
    parent: str = ""  # id of the town a neighbourhood / landmark belongs to
    note: str = ""

    def all_names(self) -> list[str]:
        return [self.name, *[n for n in self.names if n != self.name]]

    def to_row(self) -> list[str]:
        lat = "" if self.lat is None else f"{self.lat:.5f}"
        lon = "" if self.lon is None else f"{self.lon:.5f}"
        names = "|".join(n.replace("|", " ").replace("\t", " ") for n in self.names)
        return [self.id, self.name, names, lat, lon, self.country, self.admin1, self.admin2,
                self.feature_class, self.feature_code, str(self.population), self.parent,
                self.note.replace("\t", " ").replace("\n", " ")]

    @classmethod
    def from_row(cls, row: list[str]) -> Place:
        row = row + [""] * (len(COLUMNS) - 1 - len(row))
        return cls(
            id=row[0], name=row[1], names=[n for n in row[2].split("|") if n],
            lat=float(row[3]) if row[3] else None, lon=float(row[4]) if row[4] else None,
            country=row[5], admin1=row[6], admin2=row[7], feature_class=row[8] or "P",
            feature_code=row[9], population=int(row[10] or 0), parent=row[11], note=row[12],
        )


def name_keys(names: Iterable[str]) -> list[tuple[str, str, str]]:
    """(key, typo key, exact form) of each indexable name: what the index stores."""
    out = []
    for name in names:
        if not indexable(name):
            continue
        key = translit_key(name)
        if key:
            typo = typo_key(name) if len(key) >= 4 else ""
            out.append((key, typo, exact_form(name)))
    return out


def write_tsv(places: Iterable[Place], path: Path) -> int:
    """Write ``places`` (with their precomputed lookup keys) to a gzip'd TSV file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"#keys={KEY_VERSION}\t" + "\t".join(COLUMNS) + "\n")
        for place in places:
            keys = "|".join(";".join(k) for k in name_keys(place.all_names()))
            out.write("\t".join([*place.to_row(), keys]) + "\n")
            count += 1
    return count


def read_tsv_keys(path: Path) -> Iterator[tuple[Place, list[tuple[str, str, str]] | None]]:
    """Entries of a gzip'd (or plain) gazetteer TSV file, with their stored keys when current."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    current = False
    for line in io.StringIO(raw.decode("utf-8")):
        if line.startswith("#"):
            current = line.startswith(f"#keys={KEY_VERSION}\t")
            continue
        if not line.strip():
            continue
        row = line.rstrip("\n").split("\t")
        keys = None
        if current and len(row) > len(COLUMNS) - 1:
            keys = [tuple(k.split(";", 2)) for k in row[len(COLUMNS) - 1].split("|") if k]
        yield Place.from_row(row[: len(COLUMNS) - 1]), keys  # type: ignore[misc]


def read_tsv(path: Path) -> Iterator[Place]:
    """Entries of a gazetteer TSV file."""
    for place, _ in read_tsv_keys(path):
        yield place


def indexable(name: str) -> bool:
    """Whether a name is worth a key: Latin or Arabic script, not a code."""
    if len(name) < 2 or _OTHER_SCRIPT.search(name) or not _SCRIPT_OK.search(name):
        return False
    return not any(ch.isdigit() for ch in name)


class Gazetteer:
    """Entries by id and by lookup key. Build with :func:`rasd.gazetteer.load.load_gazetteer`."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self.places: dict[str, Place] = {}
        self.by_key: dict[str, list[str]] = {}
        self.by_typo: dict[str, list[str]] = {}
        self.exact: dict[str, list[str]] = {}  # folded name (article-less) -> ids
        self.countries: dict[str, list[str]] = {}  # ISO code -> id of the country entry
        self.prefixes: set[str] = set()  # every prefix of every key: n-gram search stops early
        for place in places:
            self.add(place)

    def __len__(self) -> int:
        return len(self.places)

    def add(
        self, place: Place, names: Iterable[str] = (),
        keys: list[tuple[str, str, str]] | None = None,
    ) -> None:
        """Add an entry (a later entry with the same id replaces the earlier one's record).

        ``keys`` are the entry's precomputed (key, typo, exact) triples, if the file had them.
        """
        self.places[place.id] = place
        if place.feature_code == "PCLI":
            _append(self.countries, place.country, place.id)
        if keys is None:
            keys = name_keys(place.all_names())
        for key, typo, exact in keys:
            self._index(place.id, key, typo, exact)
        for name in names:
            self.add_name(place.id, name)

    def _index(self, place_id: str, key: str, typo: str, exact: str) -> None:
        if key not in self.by_key:
            self.prefixes.update(key[:n] for n in range(1, len(key) + 1))
        _append(self.by_key, key, place_id)
        _append(self.exact, exact, place_id)
        if typo:
            _append(self.by_typo, typo, place_id)

    def add_name(self, place_id: str, name: str) -> None:
        """Index ``name`` as a name of the entry ``place_id``."""
        for key, typo, exact in name_keys([name]):
            self._index(place_id, key, typo, exact)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def lookup(self, name: str) -> list[Place]:
        """Entries whose key equals the key of ``name``."""
        return [self.places[i] for i in self.by_key.get(translit_key(name), ())]

    def lookup_key(self, key: str) -> list[str]:
        return self.by_key.get(key, [])


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two entries (inf where either lacks coordinates)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + (
        math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


KM_PER_DEGREE = 6371.0 * math.pi / 180


def within_km(a: Place, b: Place, km: float) -> bool:
    """``distance_km(a, b) <= km``, without the trigonometry where the latitudes alone are
    further apart (a great circle is never shorter than its difference in latitude)."""
    if a.lat is None or b.lat is None or abs(a.lat - b.lat) * KM_PER_DEGREE > km * 1.001:
        return False
    return distance_km(a, b) <= km


@lru_cache(maxsize=100_000)
def exact_form(name: str) -> str:
    """A name folded (case, diacritics, apostrophes) and without a leading article."""
    words = [w for w in re.split(r"[\s\-]+", fold(name)) if w]
    while len(words) > 1 and words[0] in {"al", "el", "as", "ash", "ad", "ar", "az", "an",
                                          "at", "ath", "ez", "es", "ed", "er", "en", "the"}:
        words = words[1:]
    return " ".join(words)


def _append(index: dict[str, list[str]], key: str, value: str) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)
