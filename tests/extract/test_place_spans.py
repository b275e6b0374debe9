"""The place spans written with their bounds read back as spaCy's own span group gives them.
Every sentence here is FICTIONAL, written for Rasd."""

from __future__ import annotations

from spacy.language import Language

from rasd.extract.spans import span_bounds, write_spans


def test_kept_bounds_are_the_groups_own(nlp: Language) -> None:
    text = ("Jets struck Idlib and the eastern countryside of Aleppo on Monday; residents of "
            "the fictional village of Tell Sawda fled towards Hama.")
    doc = nlp(text)
    kept = span_bounds(doc, "place")
    fresh = [(s.start, s.end, s.start_char, s.end_char) for s in doc.spans["place"]]
    assert kept == fresh and len(kept) >= 3
    assert [text[a:b] for _, _, a, b in kept][:2] == ["Idlib", "eastern countryside of Aleppo"]
    for span in doc.spans["place"]:
        assert span._.value is not None and "dateline" in span._.value


def test_written_spans_replace_the_group(nlp: Language) -> None:
    doc = nlp("Shells fell on Douma and on Homs.")
    words = [(t.i, t.i + 1, t.idx, t.idx + len(t)) for t in doc if t.text in {"Douma", "Homs"}]
    write_spans(doc, "place", words[:1])
    assert span_bounds(doc, "place") == words[:1]
    assert [s.text for s in doc.spans["place"]] == ["Douma"]
    doc.spans["place"] = [doc[words[1][0]:words[1][1]]]  # written elsewhere: read afresh
    assert span_bounds(doc, "place") == words[1:]
