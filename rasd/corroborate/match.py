"""Pairwise compatibility of two events, with the reasons (see docs/corroboration.md).

Two events may tell the same occurrence when every *hard* test passes — compatible type,
overlapping date intervals (given their precision), the same or a nearby place (given its
precision, a province-level account inside the province of a town-level one), compatible
modality, no different named people in a person-centred event — and their weighted *score* reaches
:data:`LINK_THRESHOLD`. :func:`pair_score` gives the score (``None`` when a hard test fails);
:func:`explain` says, feature by feature, why.

Events are first reduced to :class:`Features` (small, slotted) so that millions of pairs can
be compared quickly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.model import GEO_NEAR, GEO_REGION, GEO_TOWN, TIME_DAY, TIME_MONTH, TIME_WEEK, Event

#: a pair joins when its score reaches this
LINK_THRESHOLD = 0.6
#: the score weights of type, date and place; actors, persons and counts add or subtract
W_TYPE, W_DATE, W_PLACE = 0.25, 0.25, 0.3
#: days added on each side of an interval, by time precision (night raids cross midnight,
#: "yesterday" is resolved against a publication date that may be a day late); week and month
#: intervals are already as wide as the words that gave them
DATE_SLACK = {TIME_DAY: 1, TIME_WEEK: 0, TIME_MONTH: 0}
#: undated events take the fortnight before their report's publication
UNDATED_DAYS = 14
#: precision code of an interval taken from the publication date
TIME_INFERRED = 5
#: the longest interval (days) that can corroborate on its own; vaguer needs a shared person
MAX_SPAN_DAYS = 62
#: the longest interval (days) that can corroborate at all (same type and place needed)
MAX_LONG_DAYS = 400
#: what telling it in the same report adds, when date and place agree well
B_SAME_REPORT = 0.1
#: km within which two places may be one occurrence, by the vaguer geo precision
NEAR_KM = {GEO_TOWN: 3.0, GEO_NEAR: 15.0}
#: score of an unknown date or place; score of a province-level place containing the other
UNKNOWN_SCORE, CONTAIN_SCORE = 0.1, 0.4
#: what a shared actor, a shared named person, a different named person, a similar toll add
B_SHARED_ACTOR, B_SHARED_PERSON, B_OTHER_PERSON, B_SIMILAR_TOLL = 0.1, 0.3, 0.15, 0.05
#: modalities that may join: a denial answers the assertion it denies, a hedged claim ("may
#: have") tells the same occurrence; plans join only plans
MODES = {"asserted": "fact", "denied": "fact", "planned": "plan", "hypothetical": "fact"}
_DATE_SCORE = {TIME_DAY: 1.0, TIME_WEEK: 0.6, TIME_MONTH: 0.4, TIME_INFERRED: 0.3}


@dataclass(frozen=True)
class TypeTable:
    """Sub-event type compatibility, read from ``compatibility.yaml``."""

    same: float
    family: float
    type_only: float
    catch_all_score: float
    families: dict[str, frozenset[str]]
    person_centred: frozenset[str]
    catch_all: frozenset[str]

    def score(self, type_a: str, sub_a: str, type_b: str, sub_b: str) -> float:
        """0 when the two types cannot be one occurrence, else how well they agree."""
        if sub_a and sub_b:
            if sub_a == sub_b:
                return self.same
            fam_a, fam_b = self.families.get(sub_a), self.families.get(sub_b)
            if fam_a and fam_b and fam_a & fam_b:
                return self.family
            if sub_a in self.catch_all or sub_b in self.catch_all:
                return self.catch_all_score
            return 0.0
        return self.type_only if type_a == type_b else 0.0


@lru_cache(maxsize=1)
def type_table() -> TypeTable:
    """The compatibility table shipped with the package (loaded once)."""
    text = resources.files("rasd.corroborate").joinpath("compatibility.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    families: dict[str, set[str]] = {}
    for name, members in data["families"].items():
        for sub in members:
            families.setdefault(sub, set()).add(name)
    scores = data["scores"]
    return TypeTable(
        same=float(scores["same"]),
        family=float(scores["family"]),
        type_only=float(scores["type_only"]),
        catch_all_score=float(scores.get("catch_all", 0.0)),
        families={k: frozenset(v) for k, v in families.items()},
        person_centred=frozenset(data.get("person_centred", [])),
        catch_all=frozenset(data.get("catch_all", [])),
    )


@dataclass(frozen=True, slots=True)
class Features:
    """What matching needs of one event, precomputed."""

    index: int
    event_id: str
    report: str
    event_type: str
    sub_type: str
    lo: int | None  # date interval (ordinal days) widened by the precision slack
    hi: int | None
    tprec: int | None
    lat: float | None
    lon: float | None
    gprec: int | None
    country: str | None
    admin1: str | None
    place: str | None
    perps: frozenset[str]
    persons: frozenset[str]
    deaths: int | None
    mode: str = "fact"  # fact (asserted or denied), plan, hypothesis: only like joins like

    @property
    def span_days(self) -> int | None:
        if self.lo is None or self.hi is None:
            return None
        return self.hi - self.lo

    @property
    def usable_date(self) -> bool:
        """An interval narrow enough to corroborate without a shared named person."""
        span = self.span_days
        return span is not None and span <= MAX_SPAN_DAYS

    @property
    def long_date(self) -> bool:
        """A long interval (a siege, a campaign): corroborates only the same type, same place."""
        span = self.span_days
        return span is not None and MAX_SPAN_DAYS < span <= MAX_LONG_DAYS

    @property
    def usable_place(self) -> bool:
        return self.admin1 is not None or self.lat is not None or self.place is not None


def norm_admin(value: str | None) -> str | None:
    """A comparison key for a province name ("Idlib", "Idleb Governorate" → "idlib")."""
    if not value:
        return None
    key = value.lower().replace("governorate", "").replace("province", "").strip(" -")
    return key.replace("idleb", "idlib").replace("al-", "").replace("ar-", "") or None


def _interval(event: Event, published: date | None) -> tuple[int | None, int | None, int | None]:
    if event.date_start is None and event.date_end is None:
        if published is None:
            return None, None, None
        last = published.toordinal()
        return last - UNDATED_DAYS, last, TIME_INFERRED
    start = event.date_start or event.date_end
    end = event.date_end or event.date_start
    assert start is not None and end is not None
    prec = event.time_precision or (TIME_DAY if start == end else TIME_WEEK)
    slack = DATE_SLACK.get(prec, 0)
    return start.toordinal() - slack, end.toordinal() + slack, prec


def _is_group(entity: str) -> bool:
    return entity.startswith("grp-")


def features_of(
    index: int, event: Event, published: date | None = None,
    shared: dict[frozenset[str], frozenset[str]] | None = None,
) -> Features:
    """Reduce ``event`` to the features matching compares (``published``: its report's date;
    ``shared``: a dict in which equal actor sets are shared, to save memory on many events)."""
    lo, hi, prec = _interval(event, published)
    perps = frozenset(
        a.entity for a in event.actors if a.entity and a.role in {"perpetrator", "participant"}
    )
    persons = frozenset(a.entity for a in event.actors if a.entity and not _is_group(a.entity))
    if shared is not None:
        perps = shared.setdefault(perps, perps)
        persons = shared.setdefault(persons, persons)
    gprec = event.geo_precision
    if gprec is None:
        gprec = GEO_TOWN if event.lat is not None else (GEO_REGION if event.admin1 else None)
    admin1 = norm_admin(event.admin1)
    if gprec == GEO_NEAR and admin1 and norm_admin(event.place_name) == admin1:
        gprec = GEO_REGION  # "in Idlib", not sure whether the city: may be the province
    fatal = event.fatalities()
    return Features(
        index=index,
        event_id=event.id,
        report=event.report,
        event_type=event.event_type or "",
        sub_type=event.sub_event_type or "",
        lo=lo,
        hi=hi,
        tprec=prec,
        lat=event.lat,
        lon=event.lon,
        gprec=gprec,
        country=event.country,
        admin1=admin1,
        place=event.place,
        perps=perps,
        persons=persons,
        deaths=fatal[1] if fatal else None,
        mode=MODES.get(event.modality, "fact"),
    )


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (equirectangular; exact enough below 100 km)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def date_score(a: Features, b: Features) -> float | None:
    """How well two date intervals agree; None when they do not overlap."""
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return UNKNOWN_SCORE
    if a.hi < b.lo or b.hi < a.lo:
        return None
    vaguer = max(a.tprec or TIME_INFERRED, b.tprec or TIME_INFERRED)
    if vaguer == TIME_DAY:
        return 1.0 if a.lo == b.lo else 0.7
    return _DATE_SCORE.get(vaguer, UNKNOWN_SCORE)


def place_score(a: Features, b: Features) -> float | None:
    """How well two places agree; None when they cannot be one place.

    :data:`CONTAIN_SCORE` means "a province-level account inside the province of the other".
    """
    if a.country and b.country and a.country != b.country:
        return None
    if a.place and a.place == b.place:
        return 1.0
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    if not (a.usable_place and b.usable_place):
        return UNKNOWN_SCORE
    if (a.gprec or GEO_REGION) >= GEO_REGION or (b.gprec or GEO_REGION) >= GEO_REGION:
        return CONTAIN_SCORE if a.admin1 and a.admin1 == b.admin1 else None
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    km = km_between(a.lat, a.lon, b.lat, b.lon)
    if km > NEAR_KM[max(a.gprec or GEO_TOWN, b.gprec or GEO_TOWN)]:
        return None
    if km <= 1.0:
        return 0.9
    return 0.7 if a.gprec == GEO_TOWN and b.gprec == GEO_TOWN else 0.6


def _similar_tolls(x: int, y: int) -> bool:
    return max(x, y) <= 1.5 * min(x, y) or abs(x - y) <= 2


def actor_bonus(a: Features, b: Features, table: TypeTable) -> float | None:
    """What shared or different actors, named people and tolls add; None: different people
    named in a person-centred event (two arrests are two occurrences)."""
    bonus = 0.0
    if a.perps and b.perps:
        bonus += B_SHARED_ACTOR if a.perps & b.perps else -B_SHARED_ACTOR
    if a.persons and b.persons:
        if a.persons & b.persons:
            bonus += B_SHARED_PERSON
        elif a.sub_type in table.person_centred or b.sub_type in table.person_centred:
            return None
        else:
            bonus -= B_OTHER_PERSON
    if a.deaths and b.deaths and _similar_tolls(a.deaths, b.deaths):
        bonus += B_SIMILAR_TOLL
    return bonus


def pair_score(a: Features, b: Features, table: TypeTable) -> float | None:
    """The score of two events being one occurrence, or None when a hard test fails.

    0.0: nothing contradicts, but nothing links them either (a catch-all type across reports,
    a pair too vague to corroborate): they may share an incident through others, never link."""
    if a.mode != b.mode:
        return None
    t = table.score(a.event_type, a.sub_type, b.event_type, b.sub_type)
    if t <= 0:
        return None
    d = date_score(a, b)
    if d is None:
        return None
    p = place_score(a, b)
    if p is None:
        return None
    bonus = actor_bonus(a, b, table)
    if bonus is None:
        return None
    if a.report == b.report:
        bonus += B_SAME_REPORT if d >= 0.7 and p >= 0.7 else 0.0
    elif t == table.catch_all_score or (
        not (a.persons & b.persons) and _too_vague(a, b, t, d, p, table)
    ):
        return 0.0
    return round(min(W_TYPE * t + W_DATE * d + W_PLACE * p + bonus, 1.0), 6)


def _too_vague(a: Features, b: Features, t: float, d: float, p: float, table: TypeTable) -> bool:
    """Too vague to corroborate across reports without a shared named person."""
    if d <= UNKNOWN_SCORE or p <= UNKNOWN_SCORE:
        return True
    if a.usable_date and b.usable_date:
        return False
    both_known = (a.usable_date or a.long_date) and (b.usable_date or b.long_date)
    return not (both_known and t >= table.same and p >= 0.6)


def explain(a: Features, b: Features, table: TypeTable | None = None) -> dict[str, Any]:
    """Each feature's part in the score of ``a`` and ``b``, in words (for analysts)."""
    table = table or type_table()
    score = pair_score(a, b, table)
    feats: dict[str, Any] = {"score": None if score is None else round(score, 3)}
    t = table.score(a.event_type, a.sub_type, b.event_type, b.sub_type)
    kinds = f"{a.sub_type or a.event_type} / {b.sub_type or b.event_type}"
    feats["type"] = _why(t, ("same type " if t >= table.same else "compatible types ") + kinds
                         if t else "incompatible types " + kinds)
    feats["date"] = _why(date_score(a, b), _date_words(a, b))
    feats["place"] = _why(place_score(a, b), _place_words(a, b))
    if a.perps and b.perps:
        shared = sorted(a.perps & b.perps)
        feats["actors"] = _why(B_SHARED_ACTOR if shared else -B_SHARED_ACTOR,
                               "shared " + ", ".join(shared) if shared
                               else "different actors (kept as a conflict)")
    if a.persons and b.persons:
        shared = sorted(a.persons & b.persons)
        feats["persons"] = _why(B_SHARED_PERSON if shared else -B_OTHER_PERSON,
                                "same named people " + ", ".join(shared) if shared
                                else "different named people")
    if a.deaths and b.deaths and _similar_tolls(a.deaths, b.deaths):
        feats["counts"] = _why(B_SIMILAR_TOLL, f"similar tolls {a.deaths} / {b.deaths}")
    if a.mode != b.mode:
        feats["modality"] = _why(None, f"{a.mode} / {b.mode}: only like joins like")
    if a.report == b.report:
        same = date_score(a, b) or 0.0
        near = place_score(a, b) or 0.0
        feats["report"] = _why(B_SAME_REPORT if same >= 0.7 and near >= 0.7 else 0.0,
                               "restated in the same report")
    return feats


def _why(score: float | None, words: str) -> dict[str, Any]:
    return {"score": None if score is None else round(score, 3), "why": words}


def _date_words(a: Features, b: Features) -> str:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return "date unknown"
    span_a = f"{date.fromordinal(a.lo).isoformat()}..{date.fromordinal(a.hi).isoformat()}"
    span_b = f"{date.fromordinal(b.lo).isoformat()}..{date.fromordinal(b.hi).isoformat()}"
    if a.hi < b.lo or b.hi < a.lo:
        return f"dates do not overlap ({span_a} / {span_b})"
    if a.tprec == b.tprec == TIME_DAY and a.lo == b.lo:
        return f"same day {date.fromordinal(a.lo + DATE_SLACK[TIME_DAY]).isoformat()}"
    return f"dates overlap given their precision ({span_a} / {span_b})"


def _place_words(a: Features, b: Features) -> str:
    score = place_score(a, b)
    if a.place and a.place == b.place:
        return f"same place {a.place}"
    if score == CONTAIN_SCORE:
        return f"province {a.admin1} contains the other place (lower confidence)"
    if score is None:
        return "different or distant places"
    if score <= UNKNOWN_SCORE:
        return "place unknown"
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return f"places {km_between(a.lat, a.lon, b.lat, b.lon):.1f} km apart"
