"""Search semantics of the web app, the same on SQLite FTS5 and PostgreSQL full text.

Every test runs on both backends (the ``ws`` fixture); the corpus is the FICTIONAL one of
conftest.py: reports A and B (one air strike each, an incident of 2 independent sources),
an Arabic report with no event and a hostile report with one event outside any incident.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient

from rasd.store.tables import reports
from rasd.web.queries import PAGE_SIZE, Filters, first_hits
from rasd.workspace import Workspace
from tests.web.conftest import Corpus, token_of

HIT = re.compile(r'href="/reports/(rep-[^"]+)"')


def hits(client: TestClient, **params: str) -> set[str]:
    """The report ids of the results page (asserting the shown total agrees)."""
    page = client.get("/search", params=params)
    assert page.status_code == 200, page.text
    found = set(HIT.findall(page.text))
    total = re.search(r'id="total">(\d+)<', page.text)
    assert total is not None and int(total.group(1)) == len(found), params
    return found


def facet_counts(client: TestClient, **params: str) -> dict[str, int]:
    """{facet link's value: reports} of the facets fragment."""
    page = client.get("/search/facets", params=params).text
    found = re.findall(r'<a href="/search\?([^"]+)"[^>]*>[^<]*</a> <span class="n">(\d+)<',
                       page)
    return {query.replace("&amp;", "&"): int(n) for query, n in found}


def test_every_word_and_phrase_must_occur(client: TestClient, corpus: Corpus) -> None:
    """Case folded, words in any order, phrases in theirs, Arabic too; the engines' own
    query syntax is plain text."""
    r = corpus.reports
    assert hits(client, q="KAFR zita") == {r["a"], r["b"], r["hostile"]}
    assert hits(client, q="kafr civilians") == {r["a"], r["b"]}
    assert hits(client, q="kafr warplanes") == {r["a"]}
    assert hits(client, q="kafr nowhereword") == set()
    assert hits(client, q='"vegetable market"') == {r["a"]}
    assert hits(client, q='"market vegetable"') == set()
    assert hits(client, q='market vegetable') == {r["a"]}
    assert hits(client, q='"air strike" "15 civilians"') == {r["b"]}
    assert hits(client, q="كفرزيتا") == {corpus.reports["ar"]}
    assert hits(client, q="سوق كفرزيتا") == {corpus.reports["ar"]}
    for q in ('"unbalanced', "NEAR(kafr zita)", "kafr OR nothing", "title:kafr", "kafr*",
              "x' OR 1=1 --", "-kafr", "^kafr", "(", "&|!"):
        assert client.get("/search", params={"q": q}).status_code == 200, q


def test_facet_filters(client: TestClient, corpus: Corpus) -> None:
    """Event type, governorate, perpetrator (of the reports' events), source, corroboration
    level and date range (published in it, or telling of an event that happened in it)."""
    r = corpus.reports
    with_events = {r["a"], r["b"], r["hostile"]}
    assert hits(client, event_type="Explosions/Remote violence") == with_events
    assert hits(client, event_type="Battles") == set()
    assert hits(client, governorate="Hama") == with_events
    assert hits(client, governorate="Idlib") == set()  # in A's text, not an event's place
    assert hits(client, perpetrator=corpus.group) == with_events
    assert hits(client, perpetrator=corpus.group, q="market") == {r["a"], r["b"]}
    assert hits(client, corroboration="2") == {r["a"], r["b"]}
    assert hits(client, corroboration="none") == {r["ar"], r["hostile"]}
    assert hits(client, corroboration="1") == set()
    assert hits(client, corroboration="3") == set()
    assert hits(client, source="src-kafr-zita-fictional-team") == {r["b"]}
    assert hits(client, source="src-kafr-zita-fictional-team", corroboration="none") == set()
    # every event happened on 4 April, when no report was published yet
    assert hits(client, date_from="2017-04-04", date_to="2017-04-04") == {
        r["a"], r["b"], r["hostile"]}
    assert hits(client, date_from="2017-04-05", date_to="2017-04-05") == {r["a"], r["ar"]}
    assert hits(client, date_from="2017-04-07") == {r["hostile"]}
    assert hits(client, date_to="2017-04-03") == set()


def test_facet_counts_and_ranking(client: TestClient, corpus: Corpus) -> None:
    counts = facet_counts(client, q="kafr")
    assert counts["q=kafr&event_type=Explosions%2FRemote+violence"] == 3
    assert counts["q=kafr&governorate=Hama"] == 3
    assert counts["q=kafr&corroboration=2"] == 2
    assert counts["q=kafr&corroboration=none"] == 1
    assert counts["q=kafr&source=src-kafr-zita-fictional-team"] == 1
    narrowed = facet_counts(client, q="kafr", source="src-kafr-zita-fictional-team")
    assert narrowed["q=kafr&source=src-kafr-zita-fictional-team&governorate=Hama"] == 1
    page = client.get("/search", params={"q": "kafr"}).text
    ranked = HIT.findall(page)
    assert ranked[0] == corpus.reports["b"]  # names Kafr Zita twice, in the shortest text
    assert 'id="unranked"' not in page


def test_rejected_events_count_nowhere(client: TestClient, corpus: Corpus) -> None:
    token = token_of(client)
    answer = client.post(f"/events/{corpus.events['b']}/decision",
                         data={"decision": "reject"}, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200
    r = corpus.reports
    assert hits(client, governorate="Hama") == {r["a"], r["hostile"]}
    assert hits(client, perpetrator=corpus.group) == {r["a"], r["hostile"]}
    assert hits(client, date_from="2017-04-04", date_to="2017-04-04") == {r["a"], r["hostile"]}
    assert facet_counts(client, q="kafr")["q=kafr&governorate=Hama"] == 2


def test_pages_and_the_cap(client: TestClient, corpus: Corpus, ws: Workspace) -> None:
    extra = PAGE_SIZE + 5
    with ws.engine.begin() as conn:
        conn.execute(reports.insert(), [{
            "id": f"rep-paging-{i:04d}", "sha256": f"{i:064x}", "archive_path": f"x/{i}",
            "media_type": "text/plain", "title": f"Paging {i}", "published": date(2019, 1, 1),
            "language": "en", "received_at": datetime.now(UTC), "fictional": True,
            "text": f"FICTIONAL paging report number {i} about zebrafish.", "protected": {}}
            for i in range(extra)])
    page_one = client.get("/search", params={"q": "zebrafish"}).text
    assert f'id="total">{extra}<' in page_one and "page 1 of 2" in page_one
    shown_one = set(HIT.findall(page_one))
    shown_two = set(HIT.findall(client.get("/search", params={"q": "zebrafish",
                                                              "page": "2"}).text))
    assert len(shown_one) == PAGE_SIZE and len(shown_two) == 5
    assert shown_one.isdisjoint(shown_two)
    assert len(shown_one | shown_two) == extra
    with ws.engine.connect() as conn:
        capped = first_hits(conn, Filters(q="kafr"), cap=2)
        whole = first_hits(conn, Filters(q="kafr"), cap=10)
    assert capped.capped and not whole.capped
    assert capped.ids == [corpus.reports["hostile"], corpus.reports["b"]]  # last received
    assert set(whole.ids) == {corpus.reports[k] for k in ("a", "b", "hostile")}
    assert whole.sources[corpus.reports["b"]] == "src-kafr-zita-fictional-team"
