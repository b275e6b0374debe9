"""The array sentencizer (rasd.extract.spans.ArraySentencizer) against spaCy's own."""

from __future__ import annotations

import random

import spacy

from rasd.extract.spans import ArraySentencizer

PIECES = ["Samir", "said", "so", ".", "!", "?", "...", "\"", "'", "(", ")", ",", ";", ":", "-",
          "—", "«", "»", "5", "km", "Dr.", "U.S.", "\n", "\n\n", "  ", "؟", "。", "🙂", "etc.",
          "?!", ".\"", "a", "The"]
TEXTS = [
    "", " ", ".", "...", "One. Two! Three? Four", "He left. \"Why?\" she asked. (Nobody knew.)",
    "Line one.\n\n  Line two!  And three?\t\"Quoted.\" Dr. Haddad (al-Tunisi) said: 5-6 hurt.",
    "No punctuation at all in this line", "Ends with a quote.\"", "!!! ??? Hello",
]


def _starts(nlp: spacy.Language, text: str, array: bool) -> list[bool]:
    doc = nlp.make_doc(text)
    pipe = ArraySentencizer() if array else nlp.create_pipe("sentencizer")
    pipe(doc)
    return [bool(t.is_sent_start) for t in doc]


def test_same_sentence_starts_as_spacy() -> None:
    nlp = spacy.blank("en")
    rng = random.Random(7)
    texts = TEXTS + [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
                     for _ in range(400)]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(200)]
    for text in texts:
        assert _starts(nlp, text, True) == _starts(nlp, text, False), text


def test_pipeline_uses_it() -> None:
    from rasd.extract.pipeline import new_pipeline

    nlp = new_pipeline()
    assert nlp.pipe_names[0] == "sentencizer"
    assert isinstance(nlp.get_pipe("sentencizer"), ArraySentencizer)
    doc = nlp("It fell. Run! They said so (quietly.) Then silence")
    assert [s.text for s in doc.sents] == ["It fell.", "Run!", "They said so (quietly.)",
                                          "Then silence"]


def test_punct_chars_loaded_later_are_used() -> None:
    nlp = spacy.blank("en")
    mine = ArraySentencizer()
    mine.from_bytes(nlp.create_pipe("sentencizer", config={"punct_chars": ["|"]}).to_bytes())
    doc = mine(nlp.make_doc("one | two. three"))
    assert [t.i for t in doc if t.is_sent_start] == [0, 2]


def test_same_sentence_start_values_as_spacy_where_some_are_set() -> None:
    """The raw SENT_START values (1, -1, 0) equal spaCy's, on docs whose starts are partly set
    beforehand, with and without ``overwrite``."""
    from spacy.attrs import SENT_START

    nlp = spacy.blank("en")
    rng = random.Random(5)
    for overwrite in (False, True):
        for _ in range(150):
            text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
            preset = {i: rng.choice((True, False)) for i in range(40) if rng.random() < 0.2}
            got = []
            for pipe in (ArraySentencizer(), nlp.create_pipe("sentencizer")):
                pipe.overwrite = overwrite
                doc = nlp.make_doc(text)
                for i, start in preset.items():
                    if i < len(doc):
                        doc[i].is_sent_start = start
                got.append(pipe(doc).to_array([SENT_START]).tolist())
            assert got[0] == got[1], (text, preset, overwrite)


def test_member_by_bisection_equals_isin() -> None:
    import numpy

    from rasd.extract.spans import _member

    rng = random.Random(9)
    for size in (0, 1, 2, 7, 130):
        table = numpy.array(sorted({rng.randrange(2**64) for _ in range(size)}), dtype=numpy.uint64)
        values = [rng.randrange(2**64) for _ in range(50)] + [int(v) for v in table[:5]]
        values += [0, 2**64 - 1]
        array = numpy.array(values, dtype=numpy.uint64)
        assert _member(array, table).tolist() == numpy.isin(array, table).tolist()
