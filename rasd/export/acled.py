"""ACLED-style CSV: one row per incident (an occurrence, however many reports tell it).

Columns follow ACLED's export; values are coded as ACLED codes them where Rasd knows them
(docs/export.md lists what is filled and how). The row's event is the incident's most confident
member; fatalities are the incident's conservative best estimate.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

from sqlalchemy import Connection

from rasd.model import Entity, Event, Incident
from rasd.store import records
from rasd.store import reports as report_store

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
           "independent_sources", "rasd_incident")
INTER = {"state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
         "rioters": 5, "protesters": 6, "civilians": 7, "external/other forces": 8,
         "external forces": 8}
COUNTRIES = {"SY": ("Syria", 760, "Middle East"), "IQ": ("Iraq", 368, "Middle East"),
             "TR": ("Turkey", 792, "Middle East"), "LB": ("Lebanon", 422, "Middle East"),
             "JO": ("Jordan", 400, "Middle East")}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Political violence; Demonstrations",
            "Strategic developments": "Strategic developments"}


def _inter(actor_type: str | None) -> int | str:
    return INTER.get((actor_type or "").lower(), "")


def _actors(event: Event, roles: tuple[str, ...],
            entities: dict[str, Entity]) -> list[tuple[str, str | None]]:
    found = []
    for actor in event.actors:
        if actor.role in roles:
            entity = entities.get(actor.entity or "")
            name = entity.name if entity else actor.name
            kind = actor.actor_type or (entity.attributes.get("actor_type") if entity else None)
            found.append((name, kind))
    return found


def _side(actors: list[tuple[str, str | None]]) -> tuple[str, str, int | str]:
    if not actors:
        return "", "", ""
    first, *rest = actors
    return first[0], "; ".join(a for a, _ in rest), _inter(first[1])


def _victims(event: Event, entities: dict[str, Entity]) -> tuple[str, str, int | str]:
    side = _side(_actors(event, ("target", "victim"), entities))
    if side[0] or event.event_type != "Violence against civilians":
        return side
    return "Civilians (Syria)", "", 7


def incident_row(incident: Incident, event: Event, entities: dict[str, Entity],
                 names: dict[str, str]) -> dict[str, Any]:
    actor1, assoc1, inter1 = _side(_actors(event, ("perpetrator",), entities))
    actor2, assoc2, inter2 = _victims(event, entities)
    country, iso, region = COUNTRIES.get(event.country or "SY", (event.country or "", "", ""))
    day = incident.date_start or event.date_start
    fat = incident.fatalities
    notes = " ".join(s.text for s in event.evidence)[:500]
    return {
        "event_id_cnty": f"RASD{incident.id.split('-', 1)[-1].upper()}",
        "event_date": day.isoformat() if day else "", "year": day.year if day else "",
        "time_precision": event.time_precision or "", "disorder_type":
        DISORDER.get(event.event_type, ""), "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": actor1, "assoc_actor_1": assoc1,
        "inter1": inter1, "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": (f"{inter1}{inter2}" if inter1 != "" and inter2 != ""
                        else f"{inter1}0" if inter1 != "" else ""),
        "civilian_targeting": ("Civilian targeting" if inter2 == 7 else ""),
        "iso": iso, "region": region, "country": country, "admin1": event.admin1 or "",
        "admin2": "", "admin3": "", "location": incident.place_name or event.place_name or "",
        "latitude": incident.lat if incident.lat is not None else event.lat or "",
        "longitude": incident.lon if incident.lon is not None else event.lon or "",
        "geo_precision": event.geo_precision or "",
        "source": "; ".join(names.get(s, s) for s in incident.sources),
        "source_scale": "", "notes": notes,
        "fatalities": fat[1] if fat and fat[1] is not None else 0,
        "tags": "" if incident.independent_sources > 1 else "single source",
        "independent_sources": incident.independent_sources, "rasd_incident": incident.id,
    }


def write_acled(conn: Connection, out: TextIO) -> int:
    events = {e.id: e for e in records.iter_events(conn)}
    entities = {e.id: e for e in records.iter_entities(conn)}
    names = {s.id: s.name for s in report_store.list_sources(conn)}
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for incident in records.iter_incidents(conn):
        members = [events[e] for e in incident.events if e in events]
        if not members:
            continue
        lead = max(members, key=lambda e: (e.confidence, -(e.geo_precision or 9), e.id))
        writer.writerow(incident_row(incident, lead, entities, names))
        n += 1
    return n
