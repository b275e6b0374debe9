"""The audit chain shows tampering; search means the same on both backends."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from rasd.ingest.run import ingest_paths
from rasd.store.audit import verify_chain
from rasd.store.search import search, terms
from rasd.store.tables import audit
from rasd.workspace import Workspace

REPORTS = {
    "a.txt": "Fictional: warplanes struck the vegetable market in Khan Shaykhun.",
    "b.txt": "Fictional: the market in Douma was shelled; the vegetable sellers fled.",
    "c.txt": "Fictional: قصف سوق الخضار في دوما",
    "d.txt": "Fictional: Élite units entered the town.",
}


def _ingest(ws: Workspace, tmp_path: Path) -> dict[str, str]:
    for name, body in REPORTS.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    summary = ingest_paths(ws, [tmp_path / n for n in REPORTS])
    return {Path(o.name).name: o.report or "" for o in summary.outcomes}


def test_audit_chain_holds_and_shows_tampering(ws: Workspace, tmp_path: Path) -> None:
    _ingest(ws, tmp_path)
    with ws.engine.begin() as conn:
        assert verify_chain(conn) == []
        conn.execute(update(audit).where(audit.c.seq == 2).values(user="someone else"))
    with ws.engine.connect() as conn:
        broken = verify_chain(conn)
    assert [b.seq for b in broken] == [2]


def test_search_semantics(ws: Workspace, tmp_path: Path) -> None:
    ids = _ingest(ws, tmp_path)
    with ws.engine.connect() as conn:
        def found(query: str) -> set[str]:
            return {h.report for h in search(conn, query)}
        assert found("market") == {ids["a.txt"], ids["b.txt"]}
        assert found("MARKET vegetable") == {ids["a.txt"], ids["b.txt"]}
        assert found('"vegetable market"') == {ids["a.txt"]}
        assert found("market khan") == {ids["a.txt"]}
        assert found("دوما") == {ids["c.txt"]}
        assert found("elite") == {ids["d.txt"]}  # diacritics folded
        assert found("markets") == set()  # no stemming on either backend
        assert found("") == set() and found("'; DROP TABLE reports; --") == set()
        [hit] = search(conn, "Douma shelled")
        assert "Douma" in hit.snippet


def test_query_terms() -> None:
    assert terms('air "vegetable market" x-y') == [["air"], ["vegetable", "market"], ["x"], ["y"]]
