"""The pipeline end to end: records, stable ids, batching, processes, the shared token view.

Odd input is in test_robustness.py. Texts are generated or written for Rasd (fictional)."""

from __future__ import annotations

import gc

import spacy
from spacy.language import Language

from rasd.extract.pipeline import (
    EXTRACTOR,
    build_pipeline,
    chunks,
    extract,
    extract_many,
    make_doc,
    older_objects_frozen,
    shutdown_pools,
)
from rasd.extract.spans import (
    doc_text,
    lower_text,
    sentences,
    set_span_extensions,
    span_extensions,
    token_view,
)

TEXT = ("Fictional report. Warplanes struck the market in the town on Tuesday, killing at least "
        "12 civilians. A ransom of 500,000 Syrian pounds was demanded last week.")


def test_records_and_offsets(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    report = report_of(TEXT)
    ex = extract(nlp, report)
    kinds = {m.kind for m in ex.mentions}
    assert {"date", "quantity", "money"} <= kinds
    for m in ex.mentions:
        assert report.text[m.start:m.end] == m.text
        assert m.extractor == EXTRACTOR
    (event,) = ex.events
    for span in event.evidence:
        assert report.text[span.start:span.end] == span.text
    assert event.extractor == EXTRACTOR and 0 < event.confidence <= 1


def test_ids_are_stable(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    a, b = extract(nlp, report_of(TEXT)), extract(nlp, report_of(TEXT))
    assert [m.id for m in a.mentions] == [m.id for m in b.mentions]
    assert [e.id for e in a.events] == [e.id for e in b.events]
    other = extract(nlp, report_of(TEXT, rid="r-other"))
    assert {e.id for e in other.events}.isdisjoint({e.id for e in a.events})


def test_pipeline_is_cached() -> None:
    assert build_pipeline() is build_pipeline()


def test_extract_many_matches_single(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    reports = [report_of(TEXT + f" Item {i}.", rid=f"r{i}") for i in range(6)]
    many = extract_many(reports, nlp=nlp)
    assert [x.report for x in many] == [r.id for r in reports]
    assert [[e.id for e in x.events] for x in many] == [
        [e.id for e in extract(nlp, r).events] for r in reports]


def test_a_batch_freezes_older_objects_and_gives_them_back(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    with older_objects_frozen():
        seen.append(gc.get_freeze_count())
        extract_many([report_of(TEXT, rid="a"), report_of(TEXT, rid="b")], nlp=nlp)
    assert seen[0] > 1000  # the pipeline and this test's objects were frozen
    assert gc.get_freeze_count() == 0  # and given back to the collector
    extract_many([report_of(TEXT, rid="c")], nlp=nlp)
    assert gc.get_freeze_count() == 0


def test_a_batch_leaves_objects_frozen_by_the_caller_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with older_objects_frozen():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_chunks_cover_text_in_order() -> None:
    text = ("word " * 50 + ". ") * 2000
    pieces = list(chunks(text, size=5000))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 5000 for _, p in pieces)
    assert [o for o, _ in pieces] == sorted(o for o, _ in pieces)


def test_long_report_offsets(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    filler = "Nothing happened in the fictional village today. " * 3000  # ~150 KB
    report = report_of(filler + TEXT)
    ex = extract(nlp, report)
    assert ex.events
    for m in ex.mentions:
        assert report.text[m.start:m.end] == m.text


def test_extract_many_with_processes_matches_one_process(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    reports = [report_of(TEXT + f" Activist Samir Haddad{i} said so.", rid=f"r{i}")
               for i in range(9)]
    try:
        pooled = extract_many(reports, workers=2)
        again = extract_many(reports, workers=2)  # the pool is kept between calls
    finally:
        shutdown_pools()
    single = extract_many(reports, nlp=nlp)
    assert [x.report for x in pooled] == [r.id for r in reports]
    for a, b, c in zip(pooled, again, single, strict=True):
        ids = [m.id for m in a.mentions]
        assert ids == [m.id for m in b.mentions] == [m.id for m in c.mentions]
        assert [e.id for e in a.events] == [e.id for e in c.events]


VIEW_TEXTS = [
    "",
    "   ",
    TEXT,
    "Line one.\n\n  Line two!  And three?\t\"Quoted.\" Dr. Haddad (al-Tunisi) said: 5-6 were hurt.",
    "Sa\u0301mir\u200d Had\u200fdad 🙂 said\u00a0so.  \n",
]


def test_token_view_matches_spacy() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    for text in VIEW_TEXTS:
        doc = blank(text)
        view = token_view(doc)
        assert view.text == [t.text for t in doc]
        assert view.lower == [t.text.lower() for t in doc]
        assert view.idx == [t.idx for t in doc]
        assert view.space == [bool(t.whitespace_) for t in doc]
        assert view.sent_start == [bool(t.is_sent_start) for t in doc]
        assert doc_text(doc) == text == doc.text
        assert len(lower_text(doc)) == len(text)
        assert [(s[2], s[3]) for s in sentences(doc)] == [(s.start_char, s.end_char)
                                                         for s in doc.sents]
        assert token_view(doc) is view  # built once


def test_tokens_component_ignores_a_text_that_does_not_fit(nlp: Language) -> None:
    doc = nlp.make_doc("One. Two.")
    doc.user_data["rasd_text"] = "stale"
    tokens = nlp.get_pipe("rasd_tokens")
    assert doc_text(tokens(doc)) == "One. Two."
    assert token_view(doc).text == ["One", ".", "Two", "."]


def test_tokens_read_from_the_report_text(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    text = "Sa\u0301mir  Haddad\u200d said\n\n 12 🙂 died. "
    doc = make_doc(nlp, text, report_of(text))
    view = token_view(nlp.get_pipe("rasd_tokens")(doc))
    assert view.text == [t.text for t in doc] and doc_text(doc) == doc.text == text


def test_span_extensions_read_like_the_underscore(nlp: Language) -> None:
    doc = nlp("Fictional. Activist Samir Haddad said 12 civilians were killed in Aleppo.")
    spans = [s for key in ("person", "place", "quantity") for s in doc.spans.get(key, [])]
    assert len(spans) >= 2
    for s in spans:
        assert span_extensions(doc, s.start_char, s.end_char) == (
            s._.value, s._.entity, s._.reason, s._.confidence)
        assert s._.value is not None
    first = spans[0]
    set_span_extensions(doc, first.start_char, first.end_char, reason="checked")
    assert first._.reason == "checked"
