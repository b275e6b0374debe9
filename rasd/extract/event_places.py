"""An event's place (used by :mod:`rasd.extract.events`): the most specific place mention near
its trigger, else the report's main place; datelines and countries give way to a place inside a
province of the report's main country."""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from spacy.tokens import Doc

from rasd.extract import spans as _spans

doc_text = _spans.doc_text


def _place_value(place: tuple[int, int, int, dict[str, Any]], rule: str) -> dict[str, Any]:
    value = place[3]
    return {"span": (place[0], place[1]), "entity": value["entity"], "name": value["name"],
            "value": value["value"], "rule": rule}


def _places(doc: Doc) -> list[tuple[int, int, int, dict[str, Any]]]:
    """(start, end, geo precision, {entity, name, value, key}) of the place mentions, sorted,
    read once per doc (``span._`` lookups are slow)."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "places" not in cache:
        found = []
        whole = doc_text(doc)
        data: dict[Any, Any] = doc.user_data  # span._ values, read directly (spans.py)
        for _, _, a, b in _spans.span_bounds(doc, "place"):
            value, entity = data.get(("._.", "value", a, b)), data.get(("._.", "entity", a, b))
            value, text = value if isinstance(value, dict) else {}, whole[a:b]
            found.append((a, b, int(value.get("geo_precision") or 3),
                          {"entity": entity, "name": value.get("name") or text, "value": value,
                           "key": entity or text.lower()}))
        cache["places"] = sorted(found, key=lambda t: t[:2])
    places: list[tuple[int, int, int, dict[str, Any]]] = cache["places"]
    return places


def place_tiers(doc: Doc) -> dict[tuple[int, int], int]:
    """How fit each place mention is to be an event's place, best first: 0, a place inside a
    province of the report's main country (the country most of its places are in); 1, a place
    inside a province elsewhere; 2, a country or wider area; 3, a dateline (where the reporter
    files from, not where the event happened)."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "place_tiers" not in cache:
        places = _places(doc)
        countries = Counter(p[3]["value"].get("country") for p in places
                            if p[3]["value"].get("admin1") and not p[3]["value"].get("dateline"))
        main = countries.most_common(1)[0][0] if countries else None
        cache["place_tiers"] = {(p[0], p[1]): _tier(p[3]["value"], main) for p in places}
    tiers: dict[tuple[int, int], int] = cache["place_tiers"]
    return tiers


def _tier(value: dict[str, Any], main_country: str | None) -> int:
    if value.get("dateline"):
        return 3
    if not value.get("admin1"):
        return 2
    return 0 if value.get("country") == main_country else 1


def main_place(doc: Doc) -> tuple[int, int, int, dict[str, Any]] | None:
    """The report's main place: the most specific of the places named most often early on,
    among the best-tiered ones (see :func:`place_tiers`)."""
    places = _places(doc)
    if not places:
        return None
    tiers = place_tiers(doc)
    best = min(tiers.values())
    places = [p for p in places if tiers[(p[0], p[1])] == best]
    keyed = Counter(p[3]["key"] for p in places)
    early = [p for p in places if p[0] < 600] or places
    return min(early, key=lambda p: (-keyed[p[3]["key"]], p[2], p[0]))


def _tiered(doc: Doc) -> tuple[list[tuple[int, int, int, dict[str, Any]]], list[int]]:
    """The place mentions (:func:`_places`) and the tier of each (:func:`place_tiers`, read
    through its span as there), once per doc."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "places_tiered" not in cache:
        places, tiers = _places(doc), place_tiers(doc)
        cache["places_tiered"] = (places, [tiers[(p[0], p[1])] for p in places])
    tiered: tuple[list[tuple[int, int, int, dict[str, Any]]], list[int]] = \
        cache["places_tiered"]
    return tiered


def fill_place(doc: Doc, event: dict[str, Any],
               fallback: tuple[int, int, int, dict[str, Any]] | None) -> None:
    """The most specific place span nearest the trigger: clause, then sentence, then report.
    Of the places inside, the first with the least (tier, precision, distance) wins, as
    ``min`` picks it."""
    anchor = (event["trigger"] or event["clause"])[0]
    places, tier_of = _tiered(doc)
    for key, (start, end) in (("clause", event["clause"]), ("sentence", event["sentence"])):
        i = bisect.bisect_left(places, (start,))
        best, rank = -1, (0, 0, 0)
        while i < len(places) and places[i][0] < end:
            place = places[i]
            if place[1] <= end:
                mine = (tier_of[i], place[2], abs(place[0] - anchor))
                if best < 0 or mine < rank:
                    best, rank = i, mine
            i += 1
        if best >= 0:
            if fallback is not None and \
                    rank[0] > place_tiers(doc).get((fallback[0], fallback[1]), 3):
                break  # "in Syria", a dateline: the report's main place says more
            event["place"] = _place_value(places[best], key)
            return
    if fallback is not None:
        event["place"] = _place_value(fallback, "report's main place")
