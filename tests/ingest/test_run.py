"""Ingest into a real workspace (SQLite file, and PostgreSQL where configured)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FICTIONAL_REPORT, HTML_PAGE, make_eml, make_pdf
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from rasd.ingest.archive import Archive, sha256_of
from rasd.ingest.run import Overrides, ingest_paths
from rasd.settings import Settings
from rasd.store import audit
from rasd.store import reports as report_store
from rasd.store.tables import audit as audit_table
from rasd.store.tables import reports, sources
from rasd.workspace import Workspace, init


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def _archive_files(ws: Workspace) -> list[Path]:
    return [p for p in ws.archive.root.rglob("*") if p.is_file()]


def _count(ws: Workspace, table: object) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_folder_of_mixed_formats(ws: Workspace, tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {
        "a.txt": ("---\nsource: Idlib Monitor\nfictional: true\n---\n" + FICTIONAL_REPORT).encode(),
        "sub/page.html": HTML_PAGE.encode(),
        "sub/deeper/r.pdf": make_pdf("Fictional: shelling on Douma"),
        "m.eml": make_eml("Fictional body of a message.", "Fictional attached testimony."),
        "feed.jsonl": b'{"id": "f1", "text": "Fictional row.", "source": "Feed"}\n',
        "ignored.png": b"\x89PNG",
    })
    summary = ingest_paths(ws, [folder])
    assert summary.count("ingested") == 6 and summary.count("failed") == 0
    assert len(_archive_files(ws)) == 6
    with ws.engine.connect() as conn:
        rows = {r.original_name: r for r in conn.execute(select(reports))}
        names = set(conn.execute(select(sources.c.name)).scalars())
    attachment = rows[str(folder / "m.eml") + "/witness.txt"]
    assert attachment.parent_id == rows[str(folder / "m.eml")].id
    assert names == {"Idlib Monitor", "Feed", "Test Network"}
    assert rows[str(folder / "a.txt")].fictional


def test_same_bytes_again_add_nothing(ws: Workspace, tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {"a.txt": FICTIONAL_REPORT.encode()})
    first = ingest_paths(ws, [folder])
    (tmp_path / "copy.txt").write_bytes(FICTIONAL_REPORT.encode())
    second = ingest_paths(ws, [folder, tmp_path / "copy.txt"])
    assert first.count("ingested") == 1
    assert second.count("ingested") == 0 and second.count("duplicate") == 2
    assert second.outcomes[0].report == first.outcomes[0].report
    assert _count(ws, reports) == 1 and len(_archive_files(ws)) == 1


def test_same_bytes_whose_original_went_missing_are_refused(ws: Workspace,
                                                            tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {"a.txt": FICTIONAL_REPORT.encode()})
    ingest_paths(ws, [folder])
    (original,) = _archive_files(ws)
    original.chmod(0o600)
    original.unlink()
    again = ingest_paths(ws, [folder])
    assert again.count("failed") == 1 and "rasd verify" in again.outcomes[0].message
    assert _count(ws, reports) == 1 and _archive_files(ws) == []


def test_bad_files_are_reported_and_the_batch_goes_on(ws: Workspace, tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {
        "empty.txt": b"", "scan.pdf": make_pdf(None), "broken.pdf": b"%PDF-1.4\x00\x01",
        "good.txt": FICTIONAL_REPORT.encode(), "bad.jsonl": b'{"id": 1}\n{"id": 2, "text": "ok"}\n',
    })
    summary = ingest_paths(ws, [folder, tmp_path / "missing.txt"])
    failed = sorted(o.message for o in summary.outcomes if o.status == "failed")
    assert summary.count("ingested") == 2
    reasons = sorted(m.rsplit(": ", 1)[1] if "missing" in m else m.split(": ", 1)[1]
                     for m in failed)
    assert reasons == ["corrupt or unreadable PDF (PdfStreamError)", "empty file",
                       "no such file or folder", "no text",
                       "scanned, no text (the PDF has no text layer; OCR it first)"]
    assert any("scanned, no text" in m for m in failed)
    assert any(m.endswith("missing.txt: no such file or folder") for m in failed)
    assert any("bad.jsonl line 1: no text" in m for m in failed)
    assert all("\n" not in m for m in failed)


def test_oversized_file_is_refused(tmp_path: Path, db_url: str | None) -> None:
    ws = init(Settings(workspace=tmp_path / "ws", db=db_url, max_file_mb=0.001))
    try:
        big = _write(tmp_path / "in", {"big.txt": b"word " * 1000})
        [outcome] = ingest_paths(ws, [big]).outcomes
        assert outcome.status == "failed" and "too large" in outcome.message
    finally:
        ws.close()


def test_overrides_and_dateline(ws: Workspace, tmp_path: Path) -> None:
    text = b"Wed 19 Apr 2017 Fictional: shelling hit the town of Douma, residents said."
    folder = _write(tmp_path / "in", {"a.txt": text})
    ingest_paths(ws, [folder], Overrides(source="Desk", title="Given title"))
    with ws.engine.connect() as conn:
        [report] = list(report_store.iter_reports(conn))
    assert report.title == "Given title" and report.source == "src-desk"
    assert report.published is not None and report.published.isoformat() == "2017-04-19"
    assert report.language == "en"


def test_failure_half_way_leaves_the_workspace_as_it_was(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_paths(ws, [_write(tmp_path / "one", {"a.txt": FICTIONAL_REPORT.encode()})])
    before = (_count(ws, reports), _count(ws, sources), _count(ws, audit_table),
              sorted(_archive_files(ws)))
    real_record = audit.record

    def failing_record(conn, user, action, kind, record_id, before=None, after=None):  # type: ignore[no-untyped-def]
        real_record(conn, user, action, kind, record_id, before, after)
        if kind == "report":  # the report row and its source are written; then the disk fails
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(audit, "record", failing_record)
    folder = _write(tmp_path / "two", {"b.txt": (b"---\nsource: New Outlet\n---\nOther text.")
})
    [outcome] = ingest_paths(ws, [folder]).outcomes
    assert outcome.status == "failed" and "not stored (OperationalError)" in outcome.message
    after = (_count(ws, reports), _count(ws, sources), _count(ws, audit_table),
             sorted(_archive_files(ws)))
    assert after == before


def test_archive_reads_the_older_two_level_layout(tmp_path: Path) -> None:
    data = b"Fictional report kept under the layout of earlier versions."
    digest = sha256_of(data)
    legacy = tmp_path / digest[:2] / digest[2:4] / digest
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(data)
    archive = Archive(tmp_path, fsync=False)
    assert archive.read(digest) == data
    stored = archive.put(data)
    assert not stored.created and stored.relpath == f"{digest[:2]}/{digest[2:4]}/{digest}"
    fresh = archive.put(b"Another fictional report.")
    assert fresh.created and fresh.relpath.count("/") == 1
