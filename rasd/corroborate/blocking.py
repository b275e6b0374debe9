"""Candidate pairs of events, blocked by time window and area, so that millions of events
need no all-pairs comparison.

A sweep over events sorted by the start of their (slack-widened) date interval keeps, per area
key, the events whose interval is still open; each new event is compared only with the open
events under its keys. Area keys:

- a town-level event (geo precision 1-2 with coordinates) sits in the 0.5° grid cells its
  ±0.2° box touches (any two such events within ~18 km share a cell) and in its province's
  "all" list; it looks in its cells and in its province's "region" list;
- a province-level event (geo precision 3, or no coordinates) sits in its province's "region"
  and "all" lists and looks in the "all" list (so it meets every event of its province);
- any event with a place id also sits and looks under that id.

Events with no usable date or place (undated, year-level or longer than
:data:`~rasd.corroborate.match.MAX_LONG_DAYS`, unplaced) are not swept; they are
paired with the events of their own report and with events naming the same person.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from rasd.model import GEO_REGION

from .match import Features

CELL_DEG = 0.5
BOX_DEG = 0.2
#: groups larger than this (a report with hundreds of events, a person in thousands) are not
#: paired all-against-all
MAX_GROUP = 400

Key = tuple[str, object]


def _cells(lat: float, lon: float) -> list[Key]:
    xs = {math.floor((lon + d) / CELL_DEG) for d in (-BOX_DEG, BOX_DEG)}
    ys = {math.floor((lat + d) / CELL_DEG) for d in (-BOX_DEG, BOX_DEG)}
    return [("c", (x, y)) for x in xs for y in ys]


def area_keys(f: Features) -> tuple[list[Key], list[Key]]:
    """(keys the event sits under, keys it looks under)."""
    put: list[Key] = []
    look: list[Key] = []
    regional = (f.gprec or GEO_REGION) >= GEO_REGION or f.lat is None or f.lon is None
    if not regional and f.lat is not None and f.lon is not None:
        cells = _cells(f.lat, f.lon)
        put += cells
        look += cells
        if f.admin1:
            put.append(("all", f.admin1))
            look.append(("region", f.admin1))
    elif f.admin1:
        put += [("region", f.admin1), ("all", f.admin1)]
        look.append(("all", f.admin1))
    if f.place:
        put.append(("place", f.place))
        look.append(("place", f.place))
    return put, look


def sweepable(f: Features) -> bool:
    return (f.usable_date or f.long_date) and f.usable_place and f.lo is not None


def sweep_pairs(feats: Sequence[Features]) -> Iterator[tuple[int, int]]:
    """Pairs of swept events whose intervals overlap and whose area keys meet."""
    order = sorted((f for f in feats if sweepable(f)), key=lambda f: (f.lo, f.index))
    open_by_key: dict[Key, list[tuple[int, int]]] = {}  # key -> [(hi, index)]
    for f in order:
        assert f.lo is not None and f.hi is not None
        put, look = area_keys(f)
        seen: set[int] = set()
        for key in look:
            bucket = open_by_key.get(key)
            if not bucket:
                continue
            alive = [entry for entry in bucket if entry[0] >= f.lo]
            open_by_key[key] = alive
            for _, other in alive:
                if other not in seen:
                    seen.add(other)
                    yield other, f.index
        for key in put:
            open_by_key.setdefault(key, []).append((f.hi, f.index))


def side_pairs(feats: Sequence[Features]) -> Iterator[tuple[int, int]]:
    """Pairs the sweep cannot see: within a report, or naming one person, where at least one
    of the two events was not swept."""
    groups: dict[Key, list[Features]] = {}
    for f in feats:
        groups.setdefault(("report", f.report), []).append(f)
        for person in f.persons:
            groups.setdefault(("person", person), []).append(f)
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        if len(members) < 2 or len(members) > MAX_GROUP:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (min(a.index, b.index), max(a.index, b.index))
                if (sweepable(a) and sweepable(b)) or pair in seen:
                    continue
                seen.add(pair)
                yield pair


def candidate_pairs(feats: Sequence[Features]) -> Iterator[tuple[int, int]]:
    """Every pair of events that could be one occurrence, each pair once."""
    yield from sweep_pairs(feats)
    yield from side_pairs(feats)
