"""Builders for the corroboration tests (a module name of its own: no clash with other
stages). Every place name is real; every report, person and event here is fictional, written
for these tests."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rasd.model import Actor, Count, Event, Judgement, Report, Span, stable_id

TYPES = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Abduction/forced disappearance": "Violence against civilians",
    "Armed clash": "Battles",
    "Other": "Strategic developments",
}

#: (lat, lon, admin1) of real towns
PLACES = {
    "Khan Shaykhun": (35.44, 36.65, "Idlib"),
    "Saraqib": (35.86, 36.80, "Idlib"),
    "Maarrat al-Numan": (35.65, 36.67, "Idlib"),
    "Douma": (33.57, 36.40, "Rif Dimashq"),
    "Idlib province": (35.80, 36.60, "Idlib"),
}


def make_event(
    key: str,
    report: str,
    sub: str = "Air/drone strike",
    day: date | None = date(2017, 4, 4),
    place: str | None = "Khan Shaykhun",
    geo: int = 1,
    perps: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    killed: int | None = None,
    who: str | None = "civilians",
    **extra: Any,
) -> Event:
    lat = lon = admin1 = None
    if place:
        lat, lon, admin1 = PLACES[place]
    actors = [Actor("perpetrator", p, entity=p) for p in perps]
    actors += [Actor("victim", p, entity=p) for p in persons]
    counts = [Count("killed", killed, killed, killed, who=who)] if killed is not None else []
    fields: dict[str, Any] = {
        "event_type": TYPES[sub],
        "sub_event_type": sub,
        "date_start": day,
        "date_end": day,
        "time_precision": 1 if day else None,
        "place": ("geo-" + place.lower().replace(" ", "-")) if place else None,
        "place_name": place,
        "lat": lat,
        "lon": lon,
        "admin1": admin1,
        "country": "SY" if place else None,
        "geo_precision": geo if place else None,
        "actors": actors,
        "counts": counts,
    }
    fields.update(extra)
    return Event(id=key, report=report, **fields)


def make_report(
    key: str, source: str, text: str = "", published: date = date(2017, 4, 5)
) -> Report:
    return Report(id=key, sha256=stable_id("sha", key, text), text=text, media_type="text/plain",
                  archive_path=f"archive/{key}", source=source, published=published,
                  fictional=True)


def make_judgement(kind: str, subject: str, other: str | None, decision: str,
                   minute: int = 0) -> Judgement:
    return Judgement(id=stable_id("jdg", kind, subject, other, decision, minute),
                     subject_kind=kind, subject=subject, other=other,
                     decision=decision,  # type: ignore[arg-type]
                     user="tester", created_at=datetime(2026, 1, 1, 12, minute, tzinfo=UTC))


def evidence(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


#: a fictional wire story (about 90 words), used to make copies
WIRE = (
    "Fictional report. Warplanes struck the market of Khan Shaykhun in the early morning, "
    "killing at least twelve people, among them three children, local rescuers said. The "
    "strikes hit a crowded vegetable market and a nearby bakery shortly after dawn, when "
    "families were buying bread before the start of the working day. Rescue teams pulled "
    "survivors from the rubble for several hours and the wounded were taken to a field "
    "hospital in the south of the town. Residents said the aircraft returned twice and that "
    "a second strike hit the road leading to the hospital."
)


RANDOM_SUBS = ["Air/drone strike", "Shelling/artillery/missile attack", "Arrests", "Attack"]


def random_events(seed: int, n: int = 120) -> list[Event]:
    rng = random.Random(seed)
    events = []
    for i in range(n):
        event = make_event(f"e{i}", f"r{rng.randrange(n // 2)}", sub=rng.choice(RANDOM_SUBS),
                           day=date(2017, 4, 1) + timedelta(days=rng.randrange(12)),
                           persons=(f"per-{rng.randrange(5)}",) if rng.random() < 0.2 else ())
        event.lat = 35.0 + rng.uniform(0, 0.6)
        event.lon = 36.5 + rng.uniform(0, 0.6)
        event.admin1 = rng.choice(["Idlib", "Hama"])
        event.place = f"geo-{rng.randrange(30)}"
        event.geo_precision = rng.choice([1, 1, 2, 3])
        roll = rng.random()
        if roll < 0.1:
            event.date_start = event.date_end = None
            event.time_precision = None
        elif roll < 0.2 and event.date_start is not None:
            event.time_precision, event.date_end = 3, event.date_start + timedelta(days=29)
        events.append(event)
    return events
