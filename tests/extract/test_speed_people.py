"""The faster paths of the persons, groups, attribution and records code give what the plain
ones give (issue 4, speed, session 5). Every text here is fictional, written for Rasd."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract.pipeline import (
    EXTRACTOR,
    SPAN_KINDS,
    event_id,
    make_doc,
    mention_id,
    mentions_of,
)
from rasd.extract.spans import span_bounds
from rasd.model import Mention, Report, stable_id

TEXT = ("Activist Samir Haddad said the Free Syrian Army shelled the fictional town of Tell "
        "Sawda on Monday, killing 5 civilians. \"We saw it,\" Haddad told the network. The New "
        "Dawn Brigade (Liwa al-Fajr al-Jadid) denied it, according to the monitor, and paid "
        "$200 to each family.")


def _report() -> Report:
    return Report(id="r-speed", sha256="", text=TEXT, media_type="text/plain", archive_path="",
                  fictional=True)


def _plain_mentions(doc: Doc, report: Report, offset: int) -> list[Mention]:
    """The records as built before: a Span per mention and ``span._`` per value."""
    out = []
    for kind in SPAN_KINDS:
        for span in doc.spans.get(kind, []):
            a, b = span.start_char + offset, span.end_char + offset
            out.append(Mention(
                id=stable_id("men", report.id, kind, a, b), report=report.id, kind=kind,  # type: ignore[arg-type]
                start=a, end=b, text=span.text, value=span._.value, entity=span._.entity,
                reason=span._.reason, extractor=EXTRACTOR,
                confidence=float(span._.confidence or 0.5)))
    return out


def test_event_id_is_the_stable_id() -> None:
    for parts in (("r-1", "Battles", "Armed clash", 3, 17), ("ré\x1f", "Violence", None, 0, 0)):
        assert event_id(*parts) == stable_id("evt", *parts)  # type: ignore[arg-type]
    assert mention_id("r-1", "group", 1, 2) == stable_id("men", "r-1", "group", 1, 2)


def test_records_equal_the_span_by_span_records(nlp: Language) -> None:
    report = _report()
    doc = make_doc(nlp, TEXT, report)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    kinds = {m.kind for m in mentions_of(doc, report)}
    assert {"person", "group", "place", "date", "quantity", "money"} <= kinds
    for offset in (0, 100):
        assert mentions_of(doc, report, offset) == _plain_mentions(doc, report, offset)


def test_kept_bounds_are_the_spans_own(nlp: Language) -> None:
    doc = nlp(TEXT)
    for key in ("person", "group", "quote", "place"):
        spans: list[Any] = list(doc.spans[key])
        assert spans, key
        assert span_bounds(doc, key) == [(s.start, s.end, s.start_char, s.end_char)
                                          for s in spans]
        assert all(s.label_ == ("" if key == "place" else key) for s in spans)
