"""``event_actors`` (the search's perpetrator filter and facet) stays in step with the events'
actors: written with them, replaced with them, kept with the events a person decided on, and
filled from the events of an older workspace by migration 0004. Both backends; every text
FICTIONAL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select, text

from rasd.model import Actor
from rasd.store.db import head_revision, make_engine, migrate
from rasd.store.records import actor_rows, get_event, iter_events, save_extraction, set_event_status
from rasd.store.tables import event_actors
from rasd.workspace import Workspace
from tests.web.conftest import Corpus
from tests.web.test_search import facet_counts, hits

OTHER = "grp-fictional-other-militia"


def _stored(ws: Workspace) -> set[tuple[str, str, str, str]]:
    with ws.engine.connect() as conn:
        return {tuple(r) for r in conn.execute(select(
            event_actors.c.event_id, event_actors.c.role, event_actors.c.actor,
            event_actors.c.report_id))}


def _expected(ws: Workspace) -> set[tuple[str, str, str, str]]:
    with ws.engine.connect() as conn:
        return {(r["event_id"], r["role"], r["actor"], r["report_id"])
                for r in actor_rows(iter_events(conn))}


def test_rows_follow_the_events(ws: Workspace, corpus: Corpus, client: TestClient) -> None:
    assert _stored(ws) == _expected(ws)
    assert len(_stored(ws)) == 3  # one perpetrator in each of the three events
    a, b = corpus.reports["a"], corpus.reports["b"]
    with ws.engine.begin() as conn:
        set_event_status(conn, corpus.events["b"], "confirmed", "tester")
        for report, key in ((a, "a"), (b, "b")):
            event = get_event(conn, corpus.events[key])
            assert event is not None
            event.actors = [Actor(role="perpetrator", name="another fictional militia",
                                  entity=OTHER),
                            Actor(role="victim", name="fictional shop owners")]
            save_extraction(conn, report, [], [event])  # the machine runs again
    assert _stored(ws) == _expected(ws)
    # A's event was replaced; B's, confirmed by a person, was kept as it was
    assert hits(client, perpetrator=OTHER) == {a}
    assert hits(client, perpetrator=corpus.group) == {b, corpus.reports["hostile"]}
    assert facet_counts(client).get(f"perpetrator={OTHER}") == 1
    with ws.engine.begin() as conn:
        save_extraction(conn, a, [], [])
    assert _stored(ws) == _expected(ws)
    assert hits(client, perpetrator=OTHER) == set()


def test_migration_fills_the_table(tmp_path: Path, db_url: str | None) -> None:
    url = db_url or f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0003")
    actors = [{"role": "perpetrator", "name": "fictional gunmen", "entity": None},
              {"role": "perpetrator", "name": "a fictional brigade", "entity": "grp-x"},
              {"role": "perpetrator", "name": "the fictional brigade", "entity": "grp-x"},
              {"role": "victim", "name": "fictional farmers", "entity": None}]
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO reports (id, sha256, archive_path, media_type, received_at, text, "
            "protected, fictional) VALUES ('rep-old', :sha, 'x', 'text/plain', :at, "
            "'Fictional old report.', '{}', true)"), {"sha": "0" * 64, "at": datetime.now(UTC)})
        conn.execute(text(
            "INSERT INTO events (id, report_id, event_type, sub_event_type, violations, actors, "
            "counts, money, evidence) VALUES ('evt-old', 'rep-old', 'Battles', 'Armed clash', "
            "'[]', :actors, '[]', '[]', '[]')"), {"actors": json.dumps(actors)})
    migrate(engine, head_revision())
    with engine.connect() as conn:
        found = set(conn.execute(select(event_actors.c.role, event_actors.c.actor,
                                        event_actors.c.report_id)).all())
    assert found == {("perpetrator", "fictional gunmen", "rep-old"),
                     ("perpetrator", "grp-x", "rep-old"),
                     ("victim", "fictional farmers", "rep-old")}
    engine.dispose()
