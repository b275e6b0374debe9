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
