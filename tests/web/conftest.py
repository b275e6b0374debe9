"""Fixtures of the web app's tests: a workspace holding a small fictional corpus.

Every report here is FICTIONAL, written for these tests. The corpus is made through the real
store functions: reports by ``ingest_paths``, then mentions, events, entities, an incident and a
review queue as the machine stages would store them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.ingest.run import Overrides, ingest_paths
from rasd.model import Actor, Count, Entity, Event, Incident, Mention, Span
from rasd.store.judgements import replace_queue
from rasd.store.records import replace_incidents, save_entities, save_extraction
from rasd.store.reports import get_report
from rasd.web.app import create_app
from rasd.web.security import CSRF_FIELD
from rasd.workspace import Workspace

ENGLISH_A = ("FICTIONAL TEST REPORT. Idlib, 4 April 2017. Warplanes of the regime forces struck "
             "the vegetable market of Kafr Zita, killing at least 12 civilians, "
             "according to the local council head Samir Haddad.")
ENGLISH_B = ("FICTIONAL TEST REPORT. An air strike hit the market of Kafr Zita on 4 April 2017; "
             "the Kafr Zita Relief Team counted 15 civilians killed.")
ARABIC = "تقرير تجريبي خيالي. قصفت الطائرات سوق كفرزيتا في ريف حماة وقتل ١٢ مدنياً."
HOSTILE = ('FICTIONAL HOSTILE REPORT <script>alert("pwned")</script> near Kafr Zita '
           '<img src=x onerror=alert(1)> and "quotes" & ampersands.')


@dataclass
class Corpus:
    """Ids of what the fixture stored."""

    reports: dict[str, str] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, str] = field(default_factory=dict)
    incident: str = "inc-fictional-1"
    place: str = "geo-test-kafr-zita"
    group: str = "grp-syrian-government-forces"


def _ingest(ws: Workspace, folder: Path, name: str, body: str, source: str, title: str,
            published: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(body, encoding="utf-8")
    summary = ingest_paths(ws, [path], Overrides(source=source, title=title,
                                                 published=published))
    assert summary.ingested, summary.line()
    return summary.ingested[0]


def _mention(report: str, text: str, body: str, kind: str, entity: str | None = None,
             value: object = None) -> Mention:
    start = body.index(text)
    return Mention(id=f"men-{report[-6:]}-{start}", report=report, kind=kind,  # type: ignore[arg-type]
                   start=start, end=start + len(text), text=text, value=value, entity=entity,
                   reason="test fixture", extractor="fixture/1", confidence=0.9)


def _event(report: str, body: str, evidence: str, killed: int, corpus: Corpus,
           key: str) -> Event:
    start = body.index(evidence)
    return Event(
        id=f"evt-{key}", report=report, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", violations=["killing_of_civilians"],
        date_start=date(2017, 4, 4), date_end=date(2017, 4, 4), time_precision=1,
        place=corpus.place, place_name="Kafr Zita", lat=35.37, lon=36.6, geo_precision=1,
        country="SY", admin1="Hama",
        actors=[Actor(role="perpetrator", name="the regime forces", entity=corpus.group)],
        counts=[Count(kind="killed", low=killed, best=killed, high=None, who="civilians")],
        evidence=[Span(start, start + len(evidence), evidence)], confidence=0.8,
        extractor="fixture/1")


def build_corpus(ws: Workspace, folder: Path) -> Corpus:
    corpus = Corpus()
    folder.mkdir(parents=True, exist_ok=True)
    specs = [("a", ENGLISH_A, "Idlib Fictional Monitor", "Market strike (A)", "2017-04-05"),
             ("b", ENGLISH_B, "Kafr Zita Fictional Team", "Market strike (B)", "2017-04-06"),
             ("ar", ARABIC, "Fictional Arabic Desk", "قصف السوق", "2017-04-05"),
             ("hostile", HOSTILE, "Fictional <b>Hostile</b> Source", '<script>alert(2)</script>',
              "2017-04-07")]
    for key, body, source, title, published in specs:
        corpus.reports[key] = _ingest(ws, folder, key, body, source, title, published)
    with ws.engine.begin() as conn:
        texts = {k: get_report(conn, rid).text for k, rid in corpus.reports.items()}  # type: ignore[union-attr]
        save_entities(conn, [
            Entity(id=corpus.place, kind="place", name="Kafr Zita",
                   attributes={"lat": 35.37, "lon": 36.6, "admin1": "Hama"}),
            Entity(id=corpus.group, kind="group", name="Syrian government forces")])
        _store_extractions(conn, corpus, texts)
        replace_incidents(conn, [Incident(
            id=corpus.incident, events=[corpus.events["a"], corpus.events["b"]],
            reports=[corpus.reports["a"], corpus.reports["b"]],
            sources=["src-idlib-fictional-monitor", "src-kafr-zita-fictional-team"],
            independent_sources=2, event_type="Explosions/Remote violence",
            date_start=date(2017, 4, 4), date_end=date(2017, 4, 4), place=corpus.place,
            place_name="Kafr Zita", lat=35.37, lon=36.6, fatalities=(12, 12, 15),
            explanation={"corroboration": "corroborated by 2 independent sources"})])
        replace_queue(conn, "entity-pair", [{
            "subject": corpus.mentions["a-place"], "other": corpus.mentions["b-place"],
            "score": 0.7, "explanation": {"features": [["name", 0.5, True, "same key"]]}}])
    return corpus


def _store_extractions(conn: object, corpus: Corpus, texts: dict[str, str]) -> None:
    a, b, hostile = corpus.reports["a"], corpus.reports["b"], corpus.reports["hostile"]
    place_a = _mention(a, "Kafr Zita", texts["a"], "place", corpus.place)
    place_b = _mention(b, "Kafr Zita", texts["b"], "place", corpus.place)
    corpus.mentions.update({"a-place": place_a.id, "b-place": place_b.id})
    found_a = [place_a, _mention(a, "regime forces", texts["a"], "group", corpus.group),
               _mention(a, "Samir Haddad", texts["a"], "person"),
               _mention(a, "at least 12", texts["a"], "quantity", value=12)]
    event_a = _event(a, texts["a"], "Warplanes of the regime forces struck", 12, corpus, "a")
    event_b = _event(b, texts["b"], "An air strike hit the market", 15, corpus, "b")
    hostile_event = _event(hostile, texts["hostile"], "<img src=x onerror=alert(1)>", 1,
                           corpus, "hostile")
    hostile_event.place_name = '<script>alert("place")</script>'
    hostile_mention = _mention(hostile, '<script>alert("pwned")</script>', texts["hostile"],
                               "person")
    save_extraction(conn, a, found_a, [event_a])  # type: ignore[arg-type]
    save_extraction(conn, b, [place_b], [event_b])  # type: ignore[arg-type]
    save_extraction(conn, hostile, [hostile_mention], [hostile_event])  # type: ignore[arg-type]
    corpus.events.update({"a": event_a.id, "b": event_b.id, "hostile": hostile_event.id})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "tiles(kind): the browser tests' map tiles: 'local' (a "
                            "tile server on this machine) or 'unreachable'")


@pytest.fixture
def corpus(ws: Workspace, tmp_path: Path) -> Corpus:
    return build_corpus(ws, tmp_path / "incoming")


@pytest.fixture
def client(ws: Workspace, corpus: Corpus) -> Iterator[TestClient]:
    app = create_app(ws.settings)
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def token_of(client: TestClient) -> str:
    """The CSRF token the app puts in its pages (GET a page first to get a session)."""
    page = client.get("/review").text
    marker = f'name="{CSRF_FIELD}" value="'
    at = page.index(marker) + len(marker)
    return page[at:page.index('"', at)]
