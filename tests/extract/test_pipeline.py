"""The pipeline end to end: records, stable ids, batching, and odd input (generated, fictional)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from rasd.extract.pipeline import EXTRACTOR, build_pipeline, chunks, extract, extract_many

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


def test_long_sentence_and_no_punctuation(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    words = ["shelling", "killed", "12", "civilians", "on", "Tuesday", "the", "village", "and"]
    text = " ".join(rng.choice(words) for _ in range(2000))
    ex = extract(nlp, report_of(text))
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text


def test_table_text(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    rows = "\n".join(f"| Village {i} | {i} killed | {i * 2} injured |" for i in range(200))
    ex = extract(nlp, report_of(rows))
    assert any(m.kind == "quantity" for m in ex.mentions)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_odd_unicode_never_crashes(text: str) -> None:
    from datetime import date

    from rasd.model import Report

    report = Report(id="r-odd", sha256="", text=text, media_type="text/plain", archive_path="",
                    published=date(2017, 4, 5), fictional=True)
    ex = extract(build_pipeline(), report)
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text
