"""The web app's pages over a fictional corpus, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io

from fastapi.testclient import TestClient
from sqlalchemy import select

from rasd.store.judgements import live_judgements
from rasd.store.records import get_event
from rasd.store.tables import judgements
from rasd.workspace import Workspace
from tests.web.conftest import Corpus, token_of


def test_search_finds_by_words_and_facets(client: TestClient, corpus: Corpus) -> None:
    page = client.get("/search", params={"q": "market Kafr"}).text
    assert f"/reports/{corpus.reports['a']}" in page
    assert f"/reports/{corpus.reports['b']}" in page
    assert f"/reports/{corpus.reports['hostile']}" not in page  # no "market" in it
    assert 'id="total">2<' in page
    assert 'hx-get="/search/facets?q=market+Kafr"' in page
    facets = client.get("/search/facets", params={"q": "market Kafr"}).text
    assert "Syrian government forces" in facets  # perpetrator, labelled by entity name
    assert '<span class="n">2</span>' in facets


def test_search_facet_filters_narrow_the_hits(client: TestClient, corpus: Corpus) -> None:
    page = client.get("/search", params={"q": "Kafr", "source": "src-kafr-zita-fictional-team"})
    assert 'id="total">1<' in page.text
    assert f"/reports/{corpus.reports['b']}" in page.text
    assert 'Source: <span dir="auto">Kafr Zita Fictional Team</span>' in page.text  # its name
    none = client.get("/search", params={"q": "Kafr", "date_from": "2018-01-01"}).text
    assert 'id="total">0<' in none
    graded = client.get("/search", params={"corroboration": "2"}).text
    assert 'id="total">2<' in graded


def test_bad_date_is_reported_not_an_error(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Kafr", "date_from": "yesterday"})
    assert page.status_code == 200
    assert "not a date" in page.text


def test_report_page_highlights_and_offers_the_original(client: TestClient, corpus: Corpus,
                                                        ws: Workspace) -> None:
    page = client.get(f"/reports/{corpus.reports['a']}").text
    assert 'class="ann k-place"' in page
    assert 'class="ann k-event"' in page or "k-event" in page
    assert f'id="ann-{corpus.events["a"]}"' in page
    assert f'id="ann-{corpus.mentions["a-place"]}"' in page
    original = client.get(f"/reports/{corpus.reports['a']}/original")
    assert original.status_code == 200
    assert original.headers["content-type"] == "application/octet-stream"
    assert "attachment" in original.headers["content-disposition"]
    digest = hashlib.sha256(original.content).hexdigest()
    assert digest == original.headers["x-content-sha256"]
    assert digest in page


def test_arabic_report_is_right_to_left(client: TestClient, corpus: Corpus) -> None:
    page = client.get(f"/reports/{corpus.reports['ar']}").text
    assert 'id="report-text" dir="rtl" lang="ar"' in page
    english = client.get(f"/reports/{corpus.reports['a']}").text
    assert 'id="report-text" dir="auto"' in english


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/reports/rep-nope", "/incidents/inc-nope", "/entities/x", "/events/evt-x",
                "/reports/rep-nope/original"):
        assert client.get(url).status_code == 404, url


def test_confirm_records_judgement_and_status(client: TestClient, corpus: Corpus,
                                             ws: Workspace) -> None:
    event = corpus.events["a"]
    answer = client.post(f"/events/{event}/decision", data={"decision": "confirm"},
                         headers={"X-CSRF-Token": token_of(client), "HX-Request": "true"})
    assert answer.status_code == 200
    assert "status-confirmed" in answer.text
    with ws.engine.connect() as conn:
        assert get_event(conn, event).status == "confirmed"  # type: ignore[union-attr]
        (judged,) = live_judgements(conn, "event", event)
    assert (judged.decision, judged.user) == ("positive", "tester")


def test_rejected_event_leaves_the_incident_counts(client: TestClient, corpus: Corpus) -> None:
    before = client.get(f"/incidents/{corpus.incident}").text
    assert 'id="independent">2<' in before
    token = token_of(client)
    client.post(f"/events/{corpus.events['b']}/decision", data={"decision": "reject"},
                headers={"X-CSRF-Token": token})
    after = client.get(f"/incidents/{corpus.incident}").text
    assert 'id="independent">1<' in after
    assert "1 standing, 1 rejected" in after
    assert "status-rejected" in after


def test_edit_changes_fields_and_records_it(client: TestClient, corpus: Corpus,
                                           ws: Workspace) -> None:
    event = corpus.events["a"]
    answer = client.post(f"/events/{event}/edit", follow_redirects=False, data={
        "csrf_token": token_of(client), "event_type": "Violence against civilians",
        "sub_event_type": "Attack", "violations": "killing_of_civilians, home_raid",
        "date_start": "2017-04-03", "date_end": "2017-04-04", "place_name": "Kafr Zita",
        "admin1": "Hama"})
    assert answer.status_code == 303
    with ws.engine.connect() as conn:
        stored = get_event(conn, event)
        (judged,) = live_judgements(conn, "event", event)
    assert stored is not None and stored.status == "edited"
    assert stored.event_type == "Violence against civilians"
    assert stored.violations == ["home_raid", "killing_of_civilians"]
    assert str(stored.date_start) == "2017-04-03"
    assert judged.comment is not None and "event_type" in judged.comment


def test_pair_decision_is_a_judgement(client: TestClient, corpus: Corpus,
                                     ws: Workspace) -> None:
    a, b = corpus.mentions["a-place"], corpus.mentions["b-place"]
    assert "Kafr Zita" in client.get("/review").text
    answer = client.post("/pairs/decision", data={"subject": a, "other": b,
                                                  "decision": "negative"},
                         headers={"X-CSRF-Token": token_of(client), "HX-Request": "true"})
    assert answer.status_code == 200 and "different" in answer.text
    with ws.engine.connect() as conn:
        rows = conn.execute(select(judgements.c.subject_kind, judgements.c.decision,
                                   judgements.c.user)).all()
    assert [tuple(r) for r in rows] == [("entity-pair", "negative", "tester")]
    assert 'name="subject"' not in client.get("/review").text  # judged: off the queue


def test_entity_page_lists_mentions_across_reports(client: TestClient, corpus: Corpus) -> None:
    page = client.get(f"/entities/{corpus.place}").text
    assert f"/reports/{corpus.reports['a']}" in page
    assert f"/reports/{corpus.reports['b']}" in page
    assert "Mentions (2)" in page
    assert "<svg" in page  # the timeline


def test_map_points_carry_precision(client: TestClient, corpus: Corpus) -> None:
    points = client.get("/map/points.json").json()["points"]
    kinds = {(p["kind"], p["id"]) for p in points}
    assert ("incident", corpus.incident) in kinds
    assert ("event", corpus.events["hostile"]) in kinds  # not in an incident
    assert ("event", corpus.events["a"]) not in kinds  # shown through its incident
    assert all(p["precision"] == 1 for p in points)


def test_statistics_page_and_csv(client: TestClient, corpus: Corpus) -> None:
    assert "Events by month" in client.get("/stats").text
    answer = client.get("/stats.csv")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert sum(int(r["events"]) for r in rows) == 3
    assert {r["month"] for r in rows} == {"2017-04"}
    assert {r["perpetrator"] for r in rows} == {corpus.group}
    assert {r["perpetrator_name"] for r in rows} == {"Syrian government forces"}
    assert "Syrian government forces" in client.get("/stats").text  # charts show names
    only_b = client.get("/stats.csv", params={"governorate": "Nowhere"}).text
    assert len(only_b.strip().splitlines()) == 1  # the header only


def test_incident_shows_source_names_and_texts_side_by_side(client: TestClient,
                                                             corpus: Corpus) -> None:
    page = client.get(f"/incidents/{corpus.incident}").text
    assert 'id="sources"><span dir="auto">Idlib Fictional Monitor</span>' in page
    assert "Kafr Zita Fictional Team" in page
    assert page.count('class="column-text"') == 2
    assert '<span class="ann k-event">An air strike hit the market</span>' in page
    assert page.index(corpus.reports["a"]) < page.index(corpus.reports["b"])  # oldest first
