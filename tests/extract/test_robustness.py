"""Odd input never crashes extraction, spans stay exact, time grows linearly with length.

Every text here is generated or written for Rasd (fictional). The 5 MB report takes about a
minute of CPU: it runs where ``RASD_SLOW_TESTS=1`` is set (the shared development machine has
two cores for several people).
"""

from __future__ import annotations

import os
import random
import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from rasd.extract.pipeline import CHUNK_CHARS, Extraction, build_pipeline, extract
from rasd.model import Report
from tests.extract.conftest import make_report

WORDS = ["shelling", "killed", "12", "civilians", "on", "Tuesday", "the", "village", "and",
         "activist", "Samir", "Haddad", "said", "at", "least", "wounded", "Aleppo", "market"]
ODD = {
    "combining marks": "Sa\u0301mir Hadda\u0308d said the village of Kafr Zi\u0327ta was shelled.",
    "right-to-left marks": "\u200fActivist Samir Haddad\u200f said \u202bشهداء\u202c 12 were "
                           "killed on Tuesday.\u200e",
    "zero-width joiners": "Sa\u200dmir Had\u200cdad said at least 1\u200b2 civilians were "
                          "killed in Al\u2060eppo.",
    "emoji": "🙏 Samir Haddad 👍🏽 said 12 civilians 👨‍👩‍👧 were killed in Idlib 🇸🇾 on Monday.",
    "arabic script": "قال ناشط إن 12 مدنيا قتلوا في قصف على إدلب يوم الثلاثاء.",
    "control characters": "Samir\x00 Haddad\x07 said\x1b 12\x7f civilians\u0085 were killed.",
    "lone marks": "\u0301\u0308 \u200d\u200d \ufeff 12 killed \u0301",
    "fullwidth": "Ｓａｍｉｒ Ｈａｄｄａｄ ｓａｉｄ １２ ｃｉｖｉｌｉａｎｓ were killed.",
    "nbsp and odd spaces": "Samir\u00a0Haddad\u2009said\u3000at\u00a0least 12 were\u2028killed.",
}


def assert_exact(report: Report, ex: Extraction) -> None:
    """Every mention and evidence span quotes the report's text at its offsets."""
    text = report.text
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text, m
    for event in ex.events:
        for span in event.evidence:
            assert text[span.start:span.end] == span.text
        for count in event.counts:
            if count.evidence is not None:
                assert text[count.evidence.start:count.evidence.end] == count.evidence.text


def run(nlp: Language, text: str) -> Extraction:
    report = make_report(text)
    ex = extract(nlp, report)
    assert_exact(report, ex)
    return ex


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_unicode_samples(nlp: Language, name: str) -> None:
    run(nlp, ODD[name])


def test_odd_unicode_inside_names_keeps_offsets(nlp: Language) -> None:
    text = ("Fictional. Activist Samir Haddad said 12 civilians were killed. "
            "\u200fActivist Sa\u0301mir Hadda\u0308d\u200f said 3 were wounded.")
    ex = run(nlp, text)
    assert any(m.kind == "person" and m.text == "Samir Haddad" for m in ex.mentions)
    nfc = unicodedata.normalize("NFC", text)
    assert len(nfc) != len(text)  # combining marks kept as written, offsets into the raw text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))  # no lone surrogates
def test_random_text_never_crashes(text: str) -> None:
    run(build_pipeline(), text)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "|", "\t", "\n", "\u200d", "🙂", "\u0301", ".", "'",
                                 '"', "al-", "Abu", "(", "-"]), max_size=300))
def test_random_word_soup_never_crashes(words: list[str]) -> None:
    run(build_pipeline(), " ".join(words))


def test_two_thousand_word_sentence(nlp: Language) -> None:
    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(2000)) + "."
    ex = run(nlp, text)
    assert any(m.kind == "quantity" for m in ex.mentions)


def test_text_without_punctuation_or_capitals(nlp: Language) -> None:
    rng = random.Random(11)
    text = "\n".join(" ".join(rng.choice(WORDS).lower() for _ in range(40)) for _ in range(50))
    run(nlp, text)


def test_tables_with_pipes_and_tabs(nlp: Language) -> None:
    pipes = "\n".join(f"| Village {i} | {i} killed | {i * 2} injured |" for i in range(1, 120))
    tabs = "\n".join(f"Village {i}\t{i} killed\t{i * 2} injured\tTuesday" for i in range(1, 120))
    for text in (pipes, tabs, "| | |\n|---|---|\n||\t\t|\n"):
        ex = run(nlp, text)
        if text is not pipes:
            continue
        counts = [m for m in ex.mentions if m.kind == "quantity"]
        assert counts and all("|" not in m.text for m in counts)


def _cpu(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def test_time_grows_linearly(nlp: Language) -> None:
    """Four times the text takes about four times the CPU: the bound (10) rules out n²."""
    rng = random.Random(3)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30))) + "."
                 for _ in range(600)]
    small, large = " ".join(sentences[:150]), " ".join(sentences)
    assert 3.5 < len(large) / len(small) < 4.5
    run(nlp, small[:2000])  # warm up
    ratio = _cpu(lambda: run(nlp, large)) / _cpu(lambda: run(nlp, small))
    assert ratio < 10, ratio


def test_one_long_line_is_cut_into_pieces(nlp: Language) -> None:
    """A text longer than a piece with no paragraph or sentence end is still cut and read."""
    rng = random.Random(5)
    text = " ".join(rng.choice(WORDS) for _ in range(CHUNK_CHARS // 4))
    assert len(text) > CHUNK_CHARS and "." not in text and "\n" not in text
    ex = run(nlp, text)
    assert max(m.end for m in ex.mentions) > CHUNK_CHARS


@pytest.mark.skipif(os.environ.get("RASD_SLOW_TESTS") != "1", reason="set RASD_SLOW_TESTS=1")
def test_five_megabyte_report(nlp: Language) -> None:
    rng = random.Random(9)
    parts: list[str] = []
    size = 0
    while size < 5 * 1024 * 1024:
        parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))) + ".")
        parts.append("\n\n" if rng.random() < 0.1 else "")
        size += len(parts[-2]) + len(parts[-1]) + 1
    ex = run(nlp, " ".join(parts))
    assert len(ex.mentions) > 1000
