"""The whole chain on real workspaces: ingest → extract → link → corroborate → export.

The reports are written for this test (fictional).
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from rasd.export.acled import write_acled
from rasd.export.geojson import write_geojson
from rasd.export.jsonl import write_jsonl
from rasd.ingest.run import ingest_paths
from rasd.process import process
from rasd.settings import Settings
from rasd.store import judgements as judgement_store
from rasd.store import records
from rasd.workspace import Workspace, init

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "export.schema.json").read_text())
REPORTS = {
    "a.txt": ("---\nsource: Idlib Test Monitor\npublished: 2017-11-15\nfictional: true\n---\n"
              "FICTIONAL. Syrian government warplanes struck the vegetable market in Maarat "
              "al-Numan in Idlib province on Tuesday, killing at least 12 civilians, activist "
              "Abu Yazan said."),
    "b.txt": ("---\nsource: Levant Test Wire\npublished: 2017-11-15\nfictional: true\n---\n"
              "FICTIONAL. An air strike hit a crowded market in Ma'arrat an-Nu'man on Tuesday, "
              "killing four people, a local official told the agency."),
    "c.txt": ("---\nsource: Raqqa Test Network\npublished: 2015-07-12\nfictional: true\n---\n"
              "FICTIONAL. Islamic State militants executed three men in the main square of Raqqa "
              "on Friday, accusing them of spying, residents said."),
}


@pytest.fixture
def full(tmp_path: Path, db_url: str | None) -> Workspace:
    ws = init(Settings(workspace=tmp_path / "ws", db=db_url, user="tester"))
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in REPORTS.items():
        (folder / name).write_text(body, encoding="utf-8")
    ingest_paths(ws, [folder])
    process(ws)
    yield ws
    ws.close()


def test_chain_fills_every_stage(full: Workspace) -> None:
    with full.engine.connect() as conn:
        mentions = list(records.iter_mentions(conn))
        events = list(records.iter_events(conn))
        entities = list(records.iter_entities(conn))
        incidents = list(records.iter_incidents(conn))
    assert {m.kind for m in mentions} >= {"place", "group", "date", "quantity"}
    assert all(_in_reports(m.text) for m in mentions)
    assert events and all(e.evidence for e in events)
    assert any(e.kind == "place" for e in entities)
    market = [i for i in incidents if len(i.reports) == 2]
    assert market, "the two accounts of the market strike form one incident"
    assert market[0].independent_sources == 2
    assert any(c.field == "fatalities" for c in market[0].conflicts)


def _in_reports(text: str) -> bool:
    return any(text in body for body in REPORTS.values())


def test_exports_are_valid(full: Workspace) -> None:
    with full.engine.connect() as conn:
        out = io.StringIO()
        write_jsonl(conn, out)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        for record in lines:
            jsonschema.validate(record, SCHEMA)
        assert {r["type"] for r in lines} == {"report", "entity", "mention", "event", "incident"}
        csv_out, geo_out = io.StringIO(), io.StringIO()
        rows = write_acled(conn, csv_out)
        features = write_geojson(conn, geo_out)
    assert rows >= 2 and csv_out.getvalue().startswith("event_id_cnty,event_date")
    geo = json.loads(geo_out.getvalue())
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == features


def test_rerun_is_idempotent_and_keeps_decisions(full: Workspace) -> None:
    with full.engine.begin() as conn:
        event = next(records.iter_events(conn))
        records.set_event_status(conn, event.id, "confirmed", "tester")
        judgement_store.add_judgement(conn, judgement_store.new_judgement(
            "event", event.id, None, "positive", "tester"))
        before = sorted((m.id, m.entity) for m in records.iter_mentions(conn))
        incidents_before = sorted(i.id for i in records.iter_incidents(conn))
    rerun = replace(full.settings)
    ws = Workspace(settings=rerun, engine=full.engine, archive=full.archive)
    process(ws, relink=True)
    with full.engine.connect() as conn:
        after = sorted((m.id, m.entity) for m in records.iter_mentions(conn))
        kept = records.get_event(conn, event.id)
        incidents_after = sorted(i.id for i in records.iter_incidents(conn))
    assert after == before
    assert kept is not None and kept.status == "confirmed"
    assert incidents_after == incidents_before


def test_incremental_equals_full(tmp_path: Path) -> None:
    """Reports arriving one by one give the incidents a single run over all of them gives."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in REPORTS.items():
        (folder / name).write_text(body, encoding="utf-8")
    one_by_one = init(Settings(workspace=tmp_path / "a", user="tester"))
    for name in REPORTS:
        ingest_paths(one_by_one, [folder / name])
        process(one_by_one)
    at_once = init(Settings(workspace=tmp_path / "b", user="tester"))
    ingest_paths(at_once, [folder])
    process(at_once)

    def grouping(ws: Workspace) -> list[tuple[str, ...]]:
        with ws.engine.connect() as conn:
            return sorted(tuple(sorted(i.events)) for i in records.iter_incidents(conn))
    assert grouping(one_by_one) == grouping(at_once)
    one_by_one.close()
    at_once.close()


def test_a_short_name_in_an_attachment_links_to_the_mail_full_name(tmp_path: Path) -> None:
    """The chain passes the mail relation to linking: "Ammar" in the attached testimony is the
    "Ammar al-Khatib" the mail names (fictional), and ingest stores the two as mail + attachment."""
    from tests.ingest.conftest import make_eml

    (tmp_path / "mail.eml").write_bytes(make_eml(
        "FICTIONAL. Attached is the testimony of the nurse Ammar al-Khatib, who treated the "
        "wounded in Saraqib after the air strike.",
        "FICTIONAL. Ammar said the air strike hit the clinic in Saraqib at dawn and that he "
        "counted nine wounded."))
    ws = init(Settings(workspace=tmp_path / "ws", user="tester"))
    ingest_paths(ws, [tmp_path / "mail.eml"])
    process(ws)
    with ws.engine.connect() as conn:
        persons = [m for m in records.iter_mentions(conn) if m.kind == "person"]
    ws.close()
    full = [m for m in persons if m.text == "Ammar al-Khatib"]
    short = [m for m in persons if m.text == "Ammar"]
    assert full and short and full[0].report != short[0].report
    assert full[0].entity is not None and short[0].entity == full[0].entity
