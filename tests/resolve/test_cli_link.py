"""`rasd entities`, `rasd entity ID` and `rasd link --review` on a small workspace.

The reports and names are FICTIONAL. Person mentions are stored as the extraction stage would
store them (extraction itself is switched off), so the test exercises linking, storage and the
commands, on SQLite and (where configured) PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.extract.pipeline import EXTRACTOR
from rasd.model import Mention, stable_id
from rasd.settings import Settings
from rasd.store import judgements as judgement_store
from rasd.store import records
from rasd.store import reports as report_store
from rasd.workspace import open_workspace

REPORTS = {  # file name -> (published, text); every report is fictional
    "a.txt": ("2016-03-01", "FICTIONAL. In Hama, Suheil al-Hassan inspected the front. "
                            "Khaled al-Hamwi filmed the shelling."),
    "b.txt": ("2016-03-03", "FICTIONAL. Witnesses in Hama said Suhail al-Hasan ordered the "
                            "assault. Ahmad al-Hamwi treated the wounded."),
    "c.txt": ("2016-03-05", "FICTIONAL. Rami Nassar and Rami Nasir spoke in Hama."),
}
PERSONS = ["Suheil al-Hassan", "Khaled al-Hamwi", "Suhail al-Hasan", "Ahmad al-Hamwi",
           "Rami Nassar", "Rami Nasir"]


@pytest.fixture
def run(tmp_path: Path, db_url: str | None, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RASD_EXTRACT", "false")
    monkeypatch.setenv("COLUMNS", "250")  # entity ids in full in the tables
    runner = CliRunner()
    base = ["--workspace", str(tmp_path / "ws")] + (["--db", db_url] if db_url else [])

    def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*base, *args], input=stdin, catch_exceptions=False)
    return invoke


def _store_person_mentions(tmp_path: Path, db_url: str | None) -> None:
    """Person and place mentions for every ingested report, found in its text."""
    ws = open_workspace(Settings(workspace=tmp_path / "ws", db=db_url, extract=False))
    try:
        with ws.engine.begin() as conn:
            for report in report_store.iter_reports(conn):
                found = []
                for text in [*PERSONS, "Hama"]:
                    start = report.text.find(text)
                    if start < 0:
                        continue
                    kind = "place" if text == "Hama" else "person"
                    found.append(Mention(
                        id=stable_id("men", report.id, text), report=report.id,
                        kind=kind, start=start, end=start + len(text), text=text,  # type: ignore[arg-type]
                        value={"name": text, "admin1": "Hama"},
                        entity="geo-fictional-hama" if kind == "place" else None))
                records.save_extraction(conn, report.id, found, [])
                report_store.mark_processed(conn, report.id, EXTRACTOR)
    finally:
        ws.close()


@pytest.fixture
def linked(run, tmp_path: Path, db_url: str | None):  # type: ignore[no-untyped-def]
    assert run("init").exit_code == 0
    for name, (day, text) in REPORTS.items():
        (tmp_path / name).write_text(f"---\nsource: Fictional Monitor {name}\npublished: {day}\n"
                                     f"fictional: true\n---\n{text}\n")
        assert run("ingest", str(tmp_path / name)).exit_code == 0
    _store_person_mentions(tmp_path, db_url)
    result = run("link")
    assert result.exit_code == 0, result.output
    return run


def _entity_id(output: str, name: str) -> str:
    line = next(line for line in output.splitlines() if name in line)
    return next(word for word in line.split() if word.startswith("per-"))


def test_entities_lists_linked_persons_and_filters(linked) -> None:  # type: ignore[no-untyped-def]
    out = linked("entities", "--kind", "person").output
    general = _entity_id(out, "al-Hassan") if "al-Hassan" in out else _entity_id(out, "al-Hasan")
    assert "Khaled al-Hamwi" in out and "Ahmad al-Hamwi" in out
    assert _entity_id(out, "Khaled al-Hamwi") != _entity_id(out, "Ahmad al-Hamwi")
    assert general.startswith("per-")
    only = linked("entities", "--kind", "person", "Hamwi").output
    assert "Khaled al-Hamwi" in only and "Hassan" not in only
    assert "geo-fictional-hama" in linked("entities", "--kind", "place").output


def test_entity_shows_every_mention_with_its_sentence(linked) -> None:  # type: ignore[no-untyped-def]
    out = linked("entities", "--kind", "person", "Hasan").output
    eid = _entity_id(out, "Has")
    shown = linked("entity", eid).output
    assert "Suheil al-Hassan inspected the front" in shown
    assert "Suhail al-Hasan ordered the assault" in shown
    assert linked("entity", "per-nothing").exit_code != 0


def test_link_review_records_a_judgement_that_a_relink_keeps(linked, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             db_url: str | None) -> None:
    ws = open_workspace(Settings(workspace=tmp_path / "ws", db=db_url, extract=False))
    with ws.engine.connect() as conn:
        queued = judgement_store.queue(conn, "entity-pair")
    ws.close()
    names = [tuple(q["explanation"]["names"]) for q in queued]
    assert ("Rami Nasir", "Rami Nassar") in [tuple(sorted(n)) for n in names]
    result = linked("link", "--review", stdin="n: two different men\n" * len(queued))
    assert result.exit_code == 0 and f"{len(queued)} judgements recorded" in result.output
    ws = open_workspace(Settings(workspace=tmp_path / "ws", db=db_url, extract=False))
    with ws.engine.connect() as conn:
        made = judgement_store.live_judgements(conn, "entity-pair")
        assert {j.decision for j in made} == {"negative"} and len(made) == len(queued)
        assert made[0].comment == "two different men"
        assert judgement_store.queue(conn, "entity-pair") == []  # judged pairs leave the queue
        rami = {m.entity for m in records.iter_mentions(conn, kind="person")
                if m.text.startswith("Rami")}
    ws.close()
    assert len(rami) == 2
    again = linked("link", "--review", stdin="")
    assert "no pairs waiting for review" in again.output
