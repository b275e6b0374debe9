"""The shortcuts of the counts, persons, attribution and groups speed round give what the code
they replaced gave.

Each test compares a shortcut with the straightforward computation it replaced, written out
here, on fictional text written for Rasd or on random choices.
"""

from __future__ import annotations

import random
import re

import numpy
import spacy
from spacy.attrs import IS_QUOTE, IS_TITLE
from spacy.tokens import Span

from rasd.extract import attribution, count_rules
from rasd.extract.finds import word_starts
from rasd.extract.groups import _NamedBefore
from rasd.extract.money import _MONEY_HINTS
from rasd.extract.person_names import starts_of
from rasd.taxonomy.registry import load_actors

PIECES = ["Rebels", " killed", " kill", "-kill", "_kill", "5kill", " of", " them", " of them",
          ",", ".", " ", "  ", "\n", "\t", "(", ")", '"', "“", "”", "’", "'", " one", "one",
          " someone", " often", " ten", "-ten", " among", " including", " of,them", " of whom",
          " $5", " s.p.", " sp", " pounds", " é", "ö", "ملا", " ٣", " AMONG", " Killed", "—",
          " Abu", " al", "-", "Haddad", "«", "»", "``", "''", " SANA", " Aleppo’s"]


def _texts(seed: int, n: int = 600) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16))) for _ in range(n)]


def _old_word_starts(lower: str, words: tuple[str, ...]) -> set[int]:
    out: set[int] = set()
    for word in words:
        i = lower.find(word)
        while i >= 0:
            if i == 0 or not (lower[i - 1].isalnum() or lower[i - 1] == "-"):
                out.add(i)
            i = lower.find(word, i + 1)
    return out


def test_word_starts_in_one_pass_equal_those_found_word_by_word() -> None:
    lists = (count_rules.WORD_STEMS, count_rules.NUMBER_WORDS, count_rules.SUBSET_STEMS,
             _MONEY_HINTS, ("of them", "of whom", "kill", "one", "$", "s.p."))
    texts = [t.lower() for t in _texts(5)]
    texts += ["of them killed one", "of,them of  them (killed) _one x-one 5one one",
              "killed\tone\nof them—among “including” someone"]
    ascii_texts = 0
    for text in texts:
        ascii_texts += text.isascii()
        for words in lists:
            assert word_starts(text, words) == _old_word_starts(text, words), (text, words)
    assert ascii_texts > 100 and len(texts) - ascii_texts > 100  # both ways are tried
    assert word_starts("of,them of them", ("of them",)) == {8}


def test_name_starts_from_the_token_texts_equal_spacy_flags() -> None:
    nlp = spacy.blank("en")
    for text in [*_texts(6, 300), "“Abu Omar” said 'the Doctor' « Haddad » ``x'' O'Brien"]:
        doc = nlp(text)
        flags = numpy.asarray(doc.to_array([IS_TITLE, IS_QUOTE]), dtype=bool)
        expected = [int(i) for i in numpy.nonzero(flags[:, 0] | flags[:, 1])[0]]
        assert starts_of(doc) == expected, text


def test_punctuation_from_the_token_text_equals_spacy_flags() -> None:
    nlp = spacy.blank("en")
    seen = 0
    for text in _texts(7, 300):
        for token in nlp(text):
            assert attribution._punct(token.text) == token.is_punct, token.text
            seen += token.is_punct
    assert seen > 100


def test_groups_named_before_grown_in_one_pass_equal_those_read_each_time() -> None:
    actors = load_actors()
    ids = sorted(actors.groups)
    rng = random.Random(8)
    for _ in range(200):
        explicit = sorted((rng.randint(0, 60), 0, rng.choice(ids))
                          for _ in range(rng.randint(0, 8)))
        named = _NamedBefore(actors, explicit)
        for start in sorted(rng.randint(0, 70) for _ in range(5)):
            old = {label for s, _, label in explicit if s < start}
            old |= {a for gid in list(old) for a in actors.ancestors(gid)}
            assert named.at(start) == old


def test_word_rules_match_only_where_the_word_opens_as_one_of_their_phrases() -> None:
    letters = re.compile(r"[a-z]+")
    cases = [(count_rules.ACTIVE, count_rules.ACTIVE_OPENERS, f"the raid {w} 12 civilians.")
             for w in count_rules.VERB_KIND]
    cases += [(count_rules.NOMINAL, count_rules.NOMINAL_OPENERS,
               f"they documented the {w} of 12 civilians in the fictional town.")
              for w in count_rules.NOUN_KIND]
    matched = 0
    for pattern, openers, text in cases:
        for p in range(len(text)):
            if pattern.match(text, p):
                word = letters.match(text, p)
                assert word is not None and word.group() in openers, text
                matched += 1
    assert matched >= len(count_rules.NOUN_KIND) + 60


def test_first_overlapping_span_by_token_index_equals_a_scan_of_every_span() -> None:
    nlp = spacy.blank("en")
    rng = random.Random(9)
    for _ in range(60):
        words = ["Rana", "said", "the", "fictional", ","]
        doc = nlp(" ".join(rng.choice(words) for _ in range(30)))
        spans = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randint(0, 29)
            spans.append(Span(doc, start, rng.randint(start + (rng.random() > 0.1), 30)))
        doc.spans["person"] = spans
        bounds = [(s.start, s.end, s.start_char, s.end_char) for s in spans]
        for _ in range(40):
            start = rng.randint(0, 30)
            end = rng.randint(max(0, start - 1), 30)
            old = next((b for b in bounds if b[0] < end and start < b[1]), None)
            assert attribution._overlapping(doc, "person", start, end) == old
