"""Each reader on files written for the tests."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import FICTIONAL_REPORT, HTML_PAGE, make_eml, make_pdf

from rasd.ingest.base import Draft, IngestError
from rasd.ingest.dates import dateline, parse_published
from rasd.ingest.formats import read_any, read_document
from rasd.ingest.language import _plainly_english, detect
from rasd.model import TIME_DAY, TIME_MONTH, TIME_YEAR


def test_text_front_matter_is_metadata_not_text() -> None:
    data = ("---\ntitle: Strike\nsource: Idlib Monitor\npublished: 2017-04-05\n"
            "fictional: true\nwitness: Umm Khaled, phone 0999\n---\n" + FICTIONAL_REPORT).encode()
    [draft] = read_document(data, "r.txt")
    assert draft.text == FICTIONAL_REPORT
    assert (draft.title, draft.source, draft.published) == ("Strike", "Idlib Monitor",
                                                            date(2017, 4, 5))
    assert draft.fictional is True
    assert draft.protected == {"witness": "Umm Khaled, phone 0999"}
    assert draft.data == data  # the original bytes, front matter included, are what is archived


def test_markdown_and_non_utf8_text() -> None:
    [md] = read_document(b"# Title\n\nSome text about Douma.", "r.md")
    assert md.media_type == "text/markdown"
    latin = "Rapport fictif : bombardement à Douma, écoles touchées.".encode("cp1252")
    [draft] = read_document(latin, "r.txt")
    assert "bombardement à Douma" in draft.text


def test_empty_text_is_an_error() -> None:
    with pytest.raises(IngestError, match="empty"):
        read_document(b"---\ntitle: x\n---\n   \n", "empty.txt")


def test_html_keeps_main_text_and_drops_scripts_styles_navigation() -> None:
    [draft] = read_document(HTML_PAGE.encode(), "page.html")
    assert "Warplanes struck the vegetable market" in draft.text
    for unwanted in ("SCRIPT-SHOULD-NOT-APPEAR", "document.write", "color: red", "display"):
        assert unwanted not in draft.text
    assert draft.source == "Idlib Monitor" and draft.fictional
    assert draft.published == date(2017, 4, 5) and draft.title == "Market strike"


def test_html_fallback_when_trafilatura_finds_nothing() -> None:
    page = b"<html><script>alert(1)</script><body><p>Shelling on Douma.</p></body></html>"
    [draft] = read_document(page, "tiny.html")
    assert draft.text == "Shelling on Douma."


def test_pdf_with_text_layer() -> None:
    [draft] = read_document(make_pdf("Fictional report: shelling on Douma"), "r.pdf")
    assert "shelling on Douma" in draft.text
    assert draft.media_type == "application/pdf"


def test_pdf_without_text_layer_is_reported_as_scanned() -> None:
    with pytest.raises(IngestError, match="scanned, no text"):
        read_document(make_pdf(None), "scan.pdf")


def test_corrupt_pdf_is_one_clear_error() -> None:
    with pytest.raises(IngestError, match=r"r\.pdf: corrupt or unreadable PDF"):
        read_document(b"%PDF-1.4 garbage \x00\x01", "r.pdf")


def test_email_body_attachment_and_protected_sender() -> None:
    [draft] = read_document(make_eml(FICTIONAL_REPORT, "Fictional witness account."), "m.eml")
    assert draft.text == FICTIONAL_REPORT
    assert draft.title == "Fictional field report" and draft.source == "Test Network"
    assert draft.published == date(2017, 4, 8)
    assert "reporter@example.invalid" in draft.protected["sender"]
    [attachment] = draft.attachments
    assert attachment.text == "Fictional witness account."
    assert attachment.name == "m.eml/witness.txt"


def test_jsonl_rows_and_their_errors() -> None:
    rows = [{"id": "a1", "text": "Row about Raqqa.", "source": "Feed", "published": "2016-03"},
            "not an object", {"id": "a3", "title": "no text"}]
    data = "\n".join(json.dumps(r) for r in rows) + "\n{broken\n"
    items = list(read_any(data.encode(), "feed.jsonl"))
    first = items[0]
    assert isinstance(first, Draft) and first.external_id == "a1"
    assert (first.published, first.published_precision) == (date(2016, 3, 1), TIME_MONTH)
    assert first.name == "feed.jsonl#a1"
    errors = [str(i) for i in items[1:]]
    assert errors == ["feed.jsonl line 2: not an object with the fields id, text, title, source, "
                      "published, url, language", "feed.jsonl line 3: no text",
                      "feed.jsonl line 4: not valid JSON (Expecting property name enclosed in "
                      "double quotes)"]


def test_csv_feed() -> None:
    data = (b"id,text,title,source,published,url,language\n"
            b'c1,"Shelling hit Douma, residents said.",T,Feed,2018-02-20,,\n'
            b"c2,,T2,Feed,,,\n"
            b"c3,Text three,T3,Feed,not a date,,\n")
    items = list(read_any(data, "feed.csv"))
    assert isinstance(items[0], Draft) and items[0].text == "Shelling hit Douma, residents said."
    assert str(items[1]) == "feed.csv row 3: no text"
    assert str(items[2]) == "feed.csv row 4: cannot read the date 'not a date'"


def test_csv_without_text_column() -> None:
    with pytest.raises(IngestError, match="needs a 'text' column"):
        list(read_any(b"id,title\n1,x\n", "feed.csv"))


@pytest.mark.parametrize(("head", "expected"), [
    ("Wed 19 Apr 2017 Death toll rises in Douma", date(2017, 4, 19)),
    ("DAMASCUS, March 9, 2015 (Fictional) - Shelling", date(2015, 3, 9)),
    ("Beirut, 3rd June 2016: activists said", date(2016, 6, 3)),
    ("Posted 2018-02-20 by desk", date(2018, 2, 20)),
    ("No date here at all, only 31 Feb 2017 nonsense", None),
])
def test_dateline(head: str, expected: date | None) -> None:
    assert dateline(head) == expected


def test_dateline_only_near_the_top() -> None:
    assert dateline("x " * 300 + "March 9, 2015") is None


def test_parse_published_precisions() -> None:
    assert parse_published("2017") == (date(2017, 1, 1), TIME_YEAR)
    assert parse_published("2017-04-05T10:00:00Z") == (date(2017, 4, 5), TIME_DAY)
    assert parse_published("yesterday-ish") is None


def test_language_detection() -> None:
    assert detect(FICTIONAL_REPORT) == "en"
    assert detect("قصفت الطائرات الحربية سوق الخضار في بلدة خان شيخون صباح الثلاثاء") == "ar"
    assert detect("12345 !!!") is None
    assert detect("Fictional: shelling on Douma.") is None  # too short to tell: no guess


FRENCH = ("Fictif. Le conseil local a annoncé mardi que les forces de sécurité ont arrêté "
          "plusieurs personnes dans la ville de Homs, selon un communiqué publié par le ministère "
          "et relayé par les médias officiels du pays et des sources locales de la région.")
GERMAN = ("Fiktiv. Der Gemeinderat hat am Dienstag mitgeteilt, dass die Sicherheitskräfte in der "
          "Stadt Homs mehrere Personen festgenommen haben, wie das Ministerium in einer Erklärung "
          "mitteilte, die von staatlichen Medien und lokalen Quellen verbreitet wurde.")
SPANISH = ("Ficticio. El consejo local anunció el martes que las fuerzas de seguridad detuvieron a "
           "varias personas en la ciudad de Homs, según un comunicado publicado por el ministerio "
           "y difundido por los medios oficiales del país y por fuentes locales de la zona.")


def test_fast_english_path_leaves_other_languages_to_lingua() -> None:
    assert _plainly_english(FICTIONAL_REPORT * 3)
    for text, code in ((FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")):
        assert not _plainly_english(text)
        assert detect(text) == code
