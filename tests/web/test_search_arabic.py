"""Arabic vowel marks (harakat), shadda and tatweel in full-text search, on both backends.

Left alone, SQLite FTS5 splits a word at each mark (they are not letters to unicode61), so does
Python's ``\\w`` in the query, and PostgreSQL keeps them inside the word: ``كتب`` would not find
``كَتَبَ`` anywhere, and the two backends would disagree. Every text here is FICTIONAL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text, update

from rasd.store.search import MARKS, fold, search, terms
from rasd.store.tables import reports
from rasd.web.app import create_app
from rasd.workspace import Workspace
from tests.web.conftest import _ingest
from tests.web.test_search import hits

VOWELLED = "تقرير خيالي للاختبار: قَصَفَتِ الطّائِرَاتُ مَدْرَسَةً فِي قَرْيَةٍ خيالية."
PLAIN = "تقرير خيالي آخر للاختبار: الطائرات قصفت مدرسة في قرية خيالية ثانية."
TATWEEL = "تقرير خيالي ثالث للاختبار عن مـسـتـشـفـى في بلدة خيالية."


@pytest.fixture
def arabic(ws: Workspace, tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "incoming"
    folder.mkdir()
    return {key: _ingest(ws, folder, key, body, "Fictional Arabic Desk", f"تقرير {key}",
                         "2020-01-01")
            for key, body in (("vowelled", VOWELLED), ("plain", PLAIN), ("tatweel", TATWEEL))}


@pytest.fixture
def client(ws: Workspace, arabic: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(ws.settings), base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def test_query_words_are_not_split_at_marks() -> None:
    assert terms("قَصَفَتِ الطّائِرَاتُ") == [["قصفت"], ["الطائرات"]]
    assert terms('"مـسـتـشـفـى فِي"') == [["مستشفى", "في"]]
    assert fold("Café الطّائِرَاتُ") == "Café الطائرات"
    assert all(fold(mark) == "" for mark in MARKS)


def test_marks_and_tatweel_are_ignored(client: TestClient, arabic: dict[str, str]) -> None:
    both = {arabic["vowelled"], arabic["plain"]}
    assert hits(client, q="مدرسة") == both
    assert hits(client, q="مَدْرَسَةً") == both
    assert hits(client, q="الطّائِرَاتُ قصفت") == both
    assert hits(client, q='"قصفت الطائرات"') == {arabic["vowelled"]}  # the words in order
    assert hits(client, q='"الطائرات قَصَفَتْ"') == {arabic["plain"]}
    assert hits(client, q="مستشفى") == {arabic["tatweel"]}
    assert hits(client, q="مُسْتَشْفَى") == {arabic["tatweel"]}
    assert hits(client, q="مستشفيات") == set()  # no stemming, marks or not


def test_snippet_finds_the_vowelled_word(client: TestClient, arabic: dict[str, str]) -> None:
    page = client.get("/search", params={"q": "قرية"}).text
    assert "قَرْيَةٍ" in page


def test_changed_and_deleted_reports_stay_in_step(ws: Workspace,
                                                  arabic: dict[str, str]) -> None:
    with ws.engine.begin() as conn:
        conn.execute(update(reports).where(reports.c.id == arabic["plain"])
                     .values(text="تقرير خيالي مُعَدَّل عن جِسْرٍ."))
        assert [h.report for h in search(conn, "جسر")] == [arabic["plain"]]
        assert [h.report for h in search(conn, "مدرسة")] == [arabic["vowelled"]]
        conn.execute(reports.delete().where(reports.c.id == arabic["vowelled"]))
        assert search(conn, "مدرسة") == []
        if conn.dialect.name == "sqlite":  # the index agrees with its (folded) content
            conn.execute(text("INSERT INTO reports_fts(reports_fts) "
                              "VALUES ('integrity-check')"))
