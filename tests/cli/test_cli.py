"""The command line as a user meets it: exit codes, one-line errors, the export contract."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from rasd.cli import app

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())
REPORT = ("---\ntitle: Fictional strike\nsource: Idlib Monitor\npublished: 2017-04-05\n"
          "witness: Umm Khaled (protected)\nfictional: true\n---\n"
          "FICTIONAL. Warplanes struck the market in Khan Shaykhun, killing at least 12 civilians.")


@pytest.fixture
def run(tmp_path: Path, db_url: str | None, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RASD_EXTRACT", "false")
    runner = CliRunner()
    base = ["--workspace", str(tmp_path / "ws")] + (["--db", db_url] if db_url else [])

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*base, *args], catch_exceptions=False)
    return invoke


def test_init_ingest_search_export_verify(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "r.txt").write_text(REPORT)
    assert run("init").exit_code == 0
    result = run("ingest", str(tmp_path / "r.txt"))
    assert result.exit_code == 0 and "1 ingested" in result.output
    again = run("ingest", str(tmp_path / "r.txt"))
    assert again.exit_code == 0 and "already ingested" in again.output
    assert "Fictional strike" in run("search", "market").output
    out = tmp_path / "export.jsonl"
    assert run("export", "--format", "jsonl", "-o", str(out)).exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    for record in lines:
        jsonschema.validate(record, SCHEMA)
    assert lines[0]["type"] == "report" and lines[0]["source"] == "Idlib Monitor"
    assert "Umm Khaled" not in out.read_text()  # protected fields never leave the workspace
    assert run("verify").exit_code == 0


def test_verify_finds_a_changed_original(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "r.txt").write_text(REPORT)
    run("ingest", str(tmp_path / "r.txt"))
    [original] = [p for p in (tmp_path / "ws" / "archive").rglob("*") if p.is_file()]
    os.chmod(original, 0o644)
    original.write_bytes(b"tampered")
    result = run("verify")
    assert result.exit_code == 1 and "original changed" in result.output
    original.unlink()
    assert "original missing" in run("verify").output


def test_ingest_of_nothing_good_exits_non_zero(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "rasd: " + str(tmp_path / "empty.txt") + ": empty file" in result.output
    assert "0 ingested, 0 already in the workspace, 2 failed" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["search", "x"], "no workspace at"),
    (["ingest", "x.txt", "--published", "someday"], "--published 'someday': not a date"),
    (["export", "--format", "xml"], "unknown format 'xml'"),
])
def test_user_mistakes_are_one_line(run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    if args[0] == "export":
        run("init")
    result = run(*args)
    assert result.exit_code == 2 and message in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1


def test_bad_database_url_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--workspace", str(tmp_path / "w"), "--db", "nosuch://x",
                                      "init"])
    assert result.exit_code == 2 and "cannot use database URL 'nosuch://x'" in result.output
