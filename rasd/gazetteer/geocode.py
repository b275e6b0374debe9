"""Geocoding place mentions with the report's context, with an explanation for each choice.

Input: the place mentions of one report (:class:`PlaceQuery`, found by ``rasd/extract/places.py``
or written by hand), each with the pattern it came in ("X countryside", "near X", "the village
of X", "the Y district of X" ...). Output: one :class:`Resolution` per mention: gazetteer entry,
lat/lon, country (ISO alpha-2), admin1, feature class and ``geo_precision`` as ACLED codes it
(1 a named town; 2 part of a region, near a town, a neighbourhood/landmark; 3 a region, coded to
its capital or centre), or no entry with a reason.

How a candidate is scored (see :func:`prior_score` and :meth:`Geocoder.resolve`): its kind and
population, its country (Syria first, then its neighbours), whether the text spells one of its
names exactly or only meets it under the transliteration key, the pattern's hint (a province,
a town), then the document's context: the governorates that the report's unambiguous places
establish, closeness to those places, and the area a pattern puts the mention in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from rasd.gazetteer.anchors import Nearby, base_precision, governorate, is_area, is_inside
from rasd.gazetteer.keys import translit_key, typo_key
from rasd.gazetteer.regions import SEAT_KM, Regions
from rasd.gazetteer.store import Gazetteer, Place, distance_km, exact_form

_ARABIC = re.compile("[\u0600-\u06ff]")
ACCEPT = 3.0  # a candidate below this score leaves the mention unresolved
ANCHOR = 3.8  # a mention resolved at or above this establishes context for the others
NEIGHBOURS = {"IQ": 0.3, "LB": 0.3, "JO": 0.3, "TR": 0.0}
#: pattern cues the finder attaches to a mention
CUE_PROVINCE = "province"  # "X province", "the governorate of X", "Wilayat X"
CUE_NEAR = "near"  # "X countryside", "near X", "the outskirts of X", "east of X"
CUE_TYPED = "typed"  # "the village of X", "the towns of A, B and C", "X's bakeries"
CUE_LOCATIVE = "locative"  # "in X", "at X", "from X"
CUE_REGION = "region"  # "the eastern countryside of X", "X countryside", "west of X"
Scored = tuple[Place, float, list[str]]


@dataclass
class PlaceQuery:
    """One place mention to geocode."""

    text: str
    cue: str | None = None
    container: int | None = None  # index of the mention of the area it lies in
    kind_word: str | None = None  # "village", "neighbourhood", ... when the text says it
    sentence_start: bool = False
    weak: bool = False  # a common English word elsewhere in the document
    headline: bool = False  # in a title-case line, where every word is capitalised
    direction: str | None = None  # compass point of an area phrase ("eastern countryside")
    region: str | None = None  # how an area phrase said it: countryside, of, adjective


@dataclass
class Resolution:
    """The geocoder's answer for one mention."""

    text: str
    place: Place | None
    score: float = 0.0
    geo_precision: int | None = None
    lat: float | None = None
    lon: float | None = None
    explanation: list[str] = field(default_factory=list)
    reason: str | None = None
    area: Place | None = None  # the area an unresolved mention is coded to
    label: str | None = None  # the name of a part of the entry ("eastern countryside of X")
    _written: tuple[dict[str, object], float, str] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def entity(self) -> str | None:
        return self.place.id if self.place else None

    def value(self) -> dict[str, object]:
        """The JSON-able value written to ``span._.value``."""
        p = self.place or self.area
        return {
            "name": self.label or (self.place.name if self.place else self.text),
            "lat": self.lat, "lon": self.lon,
            "country": p.country if p else None, "admin1": p.admin1 or None if p else None,
            "admin2": p.admin2 or None if p else None,
            "feature_class": p.feature_class if p else None,
            "geo_precision": self.geo_precision, "explanation": "; ".join(self.explanation),
        }

    def written(self) -> tuple[dict[str, object], float, str]:
        """``(value, confidence, reason)`` for a span, built once per resolution (reports and
        the geocoder's caches share resolutions): copy the value before changing it."""
        if self._written is None:
            confidence = round(min(1.0, max(0.05, self.score / 6.0)), 2) if self.place else 0.3
            self._written = (self.value(), confidence,
                             self.reason or "; ".join(self.explanation))
        return self._written


def prior_score(place: Place) -> float:
    """What a candidate is worth before the document's context."""
    if place.feature_code in {"ADM1", "PCLI"}:
        score = 3.0
    elif place.id.startswith("geo-rasd-"):
        score = 2.0 + (place.population >= 20_000) * 0.5
    elif place.feature_class != "P":
        score = 1.0  # imported hills, wadis, buildings: generic names, context needed
    else:
        pop = place.population
        score = 3.0 if pop >= 100_000 else 2.5 if pop >= 20_000 else 2.0 if pop >= 5_000 else (
            1.5 if pop >= 1_000 else 1.0)
    if place.country == "SY":
        score += 1.0
    else:
        score += NEIGHBOURS.get(place.country, 0.0 if place.feature_code == "PCLI" else -1.0)
        if place.country == "TR" and place.population < 5_000:
            score -= 0.5
    return score


def candidates(gaz: Gazetteer, text: str) -> list[tuple[Place, str]]:
    """Entries the text may name, each with how it matched: exact, key or typo."""
    exact_ids = set(gaz.exact.get(exact_form(text), ()))
    key = translit_key(text)
    ids = list(gaz.by_key.get(key, ()))
    out = [(gaz.places[i], "exact" if i in exact_ids else "key") for i in ids]
    if not out and len(key) >= 4:
        out = [(gaz.places[i], "typo") for i in gaz.by_typo.get(typo_key(text), ())]
    return out


def similarity(text: str, place: Place) -> float:
    """How close the spelling is to the entry's nearest name (0..1)."""
    return _similarity(exact_form(text), (place.name, *place.names))


@lru_cache(maxsize=50_000)
def _similarity(form: str, names: tuple[str, ...]) -> float:
    """:func:`similarity` of a folded text and an entry's names (name first; a repeated name
    changes no maximum), kept: :func:`case_blind` and the scores ask for the same pairs."""
    return max((fuzz.ratio(form, exact_form(n)) for n in names), default=0) / 100


def candidate_score(query: PlaceQuery, place: Place, quality: str) -> tuple[float, list[str]]:
    """Score of one candidate for one mention, without document context."""
    score = prior_score(place)
    why = [f"{place.name} ({place.country}{', ' + place.admin1 if place.admin1 else ''})"]
    if quality == "exact":
        score += 1.5
    elif quality == "key":
        sim = similarity(query.text, place)
        score += 1.0 if sim >= 0.9 else 0.3 if sim >= 0.8 else -1.5 if sim >= 0.7 else -2.5
        if place.feature_code == "PCLI":
            score -= 2.5  # country names are spelled the one way
        if sim < 0.8:
            why.append(f"spelling only close to its names ({sim:.2f})")
    elif quality == "typo":
        score -= 1.5
        why.append("spelling meets it only with letters swapped")
    if place.country != "SY" and place.feature_code != "PCLI" and (
        exact_form(query.text) != exact_form(place.name)
    ) and not (quality == "exact" and place.population >= 500_000
               and _ARABIC.search(query.text)):
        score -= 2.0  # abroad, only the main name (or its Arabic name) is a sure spelling
    if len(translit_key(query.text)) <= 2 and quality != "exact":
        score -= 1.0
    if query.cue == CUE_PROVINCE:
        score += 1.5 if place.feature_code == "ADM1" else -0.5
    elif place.feature_code == "ADM1":
        score -= 0.2  # a bare "Idlib" names the city more often than the province
    if query.cue in {CUE_TYPED, CUE_LOCATIVE}:
        score += 1.0 if query.cue == CUE_TYPED else 0.4
    if query.weak:
        score -= 2.0
        why.append("the word is also used as an ordinary word in this report")
    if query.sentence_start and quality != "exact":
        score -= 0.5
    if query.headline and quality != "exact":
        score -= 2.0  # title case capitalises every word: only a name's own spelling counts
        why.append("in a title-case line, spelled unlike any of its names")
    return score, why


def case_blind(gaz: Gazetteer, text: str) -> bool:
    """Whether a mention's sentence-start and title-case flags can change no resolution of
    ``text``: they only lower the score of a candidate not spelled exactly
    (:func:`candidate_score`), and a candidate below ``ACCEPT - 3.4`` is never chosen, with
    context or without. So they matter only where such a candidate reaches that bar under
    some cue with the flags and ``weak`` unset (each of them only lowers a score). The best
    cue for a province (ADM1) is "province" (+1.5; "typed" gives -0.2 + 1.0, "locative"
    -0.2 + 0.4, the others -0.2), for any other entry "typed" (+1.0; "locative" +0.4,
    "province" -0.5, the others 0); a small margin keeps rounding on the safe side."""
    for place, quality in candidates(gaz, text):
        if quality == "exact":
            continue
        query = PlaceQuery(text, cue=CUE_PROVINCE if place.feature_code == "ADM1" else CUE_TYPED)
        if candidate_score(query, place, quality)[0] + 3.4 >= ACCEPT - 1e-6:
            return False
    return True


def _signature(query: PlaceQuery) -> tuple[object, ...]:
    """What a query's resolution depends on, besides the document's context."""
    return (query.text, query.cue, query.weak, query.sentence_start, query.headline,
            query.direction, query.region, query.kind_word)


class Geocoder:
    """Candidates and context-aware choices over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.regions = Regions(gazetteer)
        self._scored: dict[tuple[str, str | None, bool, bool, bool], list[Scored]] = {}
        #: by :func:`_signature`: the candidates context could lift, and the choice without
        #: context (the same in every report)
        self._alone: dict[tuple[object, ...], tuple[list[Scored], Resolution]] = {}

    def candidates(self, text: str) -> list[tuple[Place, str]]:
        """Entries the text may name, each with how it matched: exact, key or typo."""
        return candidates(self.gaz, text)

    @staticmethod
    def similarity(text: str, place: Place) -> float:
        """How close the spelling is to the entry's nearest name (0..1)."""
        return similarity(text, place)

    def score(self, query: PlaceQuery, place: Place, quality: str) -> tuple[float, list[str]]:
        """Score of one candidate for one mention, without document context."""
        return candidate_score(query, place, quality)

    def governorate_area(self, place: Place) -> Place | None:
        """The first-level area entry (governorate) an entry lies in."""
        for pid in self.gaz.exact.get(exact_form(place.admin1), ()) if place.admin1 else ():
            area = self.gaz.places[pid]
            if area.feature_code == "ADM1" and area.country == place.country:
                return area
        return None

    def country(self, code: str, text: str) -> Resolution | None:
        """A country named by a country or nationality word ("the Jordanian border")."""
        for place_id in self.gaz.countries.get(code, ()):
            place = self.gaz.places[place_id]
            why = [f"{place.name}: a country word", "precision 3"]
            return Resolution(text, place, ACCEPT, 3, place.lat, place.lon, why)
        return None

    def scored(self, query: PlaceQuery) -> list[Scored]:
        """Candidates with their context-free scores (cached: reports repeat names)."""
        key = (query.text, query.cue, query.weak, query.sentence_start, query.headline)
        hit = self._scored.get(key)
        if hit is None:
            if len(self._scored) > 50_000:
                self._scored.clear()
            hit = [(place, *self.score(query, place, quality))
                   for place, quality in self.candidates(query.text)]
            self._scored[key] = hit
        return hit

    def resolve(self, queries: list[PlaceQuery]) -> list[Resolution]:
        """Resolve every mention of one document together (two passes: anchors, then all)."""
        sigs = [_signature(q) for q in queries]
        alone = [self._without_context(q, sig) for q, sig in zip(queries, sigs, strict=True)]
        anchors = {r.place.id: r.place for _, r in alone
                   if r.place is not None and r.score >= ANCHOR}
        memo: dict[tuple[object, ...], Resolution] = {}  # a report repeats its mentions
        nearby = Nearby(anchors)
        out: list[Resolution] = []
        for query, sig, (cand, first) in zip(queries, sigs, alone, strict=True):
            container = alone[query.container][1] if query.container is not None else None
            key = (*sig, id(container) if container is not None else None)
            hit = memo.get(key)
            if hit is None:
                if container is None and not (anchors and nearby.says_any(cand)):
                    hit = first  # the anchors say nothing of its candidates: no context
                else:
                    hit = self._choose(query, cand, anchors, container, nearby)
                memo[key] = hit
            out.append(hit)
        return out

    def _without_context(self, query: PlaceQuery, sig: tuple[object, ...]
                         ) -> tuple[list[Scored], Resolution]:
        """The candidates of a query that context could lift (``score + 3.4 >= ACCEPT``; the
        others never win, with context or without), and its resolution without context."""
        hit = self._alone.get(sig)
        if hit is None:
            if len(self._alone) > 50_000:
                self._alone.clear()
            viable = [c for c in self.scored(query) if c[1] + 3.4 >= ACCEPT]
            hit = self._alone[sig] = (viable, self._choose(query, viable, {}, None))
        return hit

    def _choose(
        self, query: PlaceQuery, cands: list[Scored], anchors: dict[str, Place],
        container: Resolution | None, nearby: Nearby | None = None,
    ) -> Resolution:
        best: tuple[float, Place, list[str], list[str]] | None = None
        near = (nearby or Nearby(anchors)) if anchors else None
        inside = container is not None and container.place is not None
        for place, score, why in cands:
            if score + 3.4 < ACCEPT:
                continue  # no context could lift it
            if inside:
                score, why = self._container(place, score, why, container)
            extra: list[str] = []  # what the anchors say, joined to the winner's why only
            if near is not None:
                gain, extra = near.say(place)
                score = score + gain
            if best is None or score > best[0] or (
                score == best[0] and prior_score(place) > prior_score(best[1])
            ):
                best = (score, place, why, extra)
        if best is not None and best[0] >= ACCEPT:
            return self._resolved(query, best[1], best[0], best[2] + best[3], container)
        return self._unresolved(query, best[:3] if best else None, container)

    @staticmethod
    def _container(place: Place, score: float, why: list[str],
                   container: Resolution | None) -> tuple[float, list[str]]:
        """The area the text puts the mention in ("Y, a village in X"): inside it, or not."""
        if container is None or container.place is None:
            return score, why
        if is_inside(place, container.place) or (
            governorate(place) and governorate(place) == governorate(container.place)
        ):
            return score + 2.0, [*why, f"inside {container.place.name}, as the text says"]
        return score - 4.0, why  # the text puts it elsewhere: a namesake at best

    def _resolved(
        self, query: PlaceQuery, place: Place, score: float, why: list[str],
        container: Resolution | None,
    ) -> Resolution:
        why = list(why)  # the scored cache's list: never appended to (it grew per call)
        if query.cue == CUE_REGION:
            region = self._region(query, place, score, why)
            if region is not None:
                return region
        precision = base_precision(place)
        if query.cue in {CUE_NEAR, CUE_REGION}:
            precision = max(precision, 2)
            why.append("part of the area around it (countryside / near / outskirts)")
        lat, lon = place.lat, place.lon
        if lat is None or lon is None:  # an imported entry without coordinates
            area = self.governorate_area(place)
            lat, lon = (area.lat, area.lon) if area else (None, None)
            precision = 3
            why.append(f"no coordinates: coded to {area.name if area else 'nothing'}")
        why.append(f"precision {precision}")
        return Resolution(query.text, place, round(score, 2), precision, lat, lon, why)

    def region_area(self, query: PlaceQuery, place: Place) -> Place | None:
        """The governorate or country a region phrase names, or None (a town's surroundings).

        "the countryside of X", "west of X", "southern X": X a governorate, a country, or the
        seat of a governorate (the city of the same name). "eastern X" of a city of more than
        600,000 people names a part of the city ("eastern Aleppo"), not of its governorate.
        """
        if place.feature_code in {"ADM1", "PCLI"}:
            return place
        if place.feature_class != "P":
            return None
        area = self.governorate_area(place)
        if area is None or distance_km(place, area) > SEAT_KM:
            return None
        if query.region == "adjective" and place.population >= 600_000:
            return None
        return area

    def _region(self, query: PlaceQuery, place: Place, score: float,
                why: list[str]) -> Resolution | None:
        area = self.region_area(query, place)
        if area is None:
            return None
        lat, lon = self.regions.part(area, query.direction)
        part = f"{query.direction}ern " if query.direction in {"north", "south", "east",
                                                                "west"} else (
            f"{query.direction} " if query.direction else "")
        label = f"{part}countryside of {area.name}" if area.feature_code != "PCLI" else (
            f"{part}{area.name}")
        why = [*why, f"{label}: a part of {area.name}, coded to the centre of its places "
                     f"that way" if query.direction else f"{label}: coded to {area.name}",
               "precision 3"]
        return Resolution(query.text, area, round(score, 2), 3, lat, lon, why, label=label)

    def _unresolved(
        self, query: PlaceQuery, best: tuple[float, Place, list[str]] | None,
        container: Resolution | None,
    ) -> Resolution:
        reason = "not in the gazetteer" if best is None else (
            f"no candidate is sure enough (best: {best[1].name}, score {best[0]:.1f})")
        if query.cue == CUE_TYPED and container is not None and container.place is not None:
            area = container.place
            if container.geo_precision and container.geo_precision >= 2 and not is_area(area):
                area = self.governorate_area(area) or area  # "a village in the X countryside"
            precision = 3 if is_area(area) else 2
            why = [f"{query.text}: {reason}; coded to {area.name}, the area the text puts it in",
                   f"precision {precision}"]
            return Resolution(query.text, None, 0.0, precision, area.lat, area.lon, why,
                              reason=f"{reason}; coded to {area.id}", area=area)
        return Resolution(query.text, None, best[0] if best else 0.0, None, None, None,
                          [reason], reason=reason)

