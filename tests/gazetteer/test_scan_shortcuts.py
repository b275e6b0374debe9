"""The place finder's shortcuts (tests before costly patterns, one-pass scans) give what the
plain definitions they replace give, on random texts built from words that make the patterns
match and almost match. Every word and sentence here is FICTIONAL, written for Rasd."""

from __future__ import annotations

import random
import re

from spacy.language import Language

from rasd.extract.places import PlacesComponent
from rasd.gazetteer.areas import _BEFORE, _may_end_before
from rasd.gazetteer.geocode import CUE_LOCATIVE, CUE_NEAR, CUE_PROVINCE, CUE_TYPED
from rasd.gazetteer.textcues import (
    LOCATIVE,
    NEAR_AFTER,
    NEAR_BEFORE,
    PROVINCE_WORDS,
    pattern_cue,
)
from rasd.gazetteer.textscan import whole_words
from rasd.gazetteer.typed import _NOUN, TYPED_NOUNS, _noun_positions, _run_ending, words

WORDS = [*sorted(words(
    "of the The OF rural Rural north northern North-Eastern south-west east western West "
    "countryside Countryside suburbs outskirts areas rural villages parts part in near province "
    "and 's Idlib Kafr al-Fictiva Tell Sawda Jordanian SYRIANS Syrian Syrians syrian-born "
    "town towns downtown village camp campus road roads roundabout street square district "
    "suburb hamlet neighbourhood neighborhood wilayat governorates , . ; : -"
)), "\n"]
SEPARATORS = (" ", " ", " ", "  ", "\t", "", "\n", ", ")


def _texts(seed: int, count: int = 400) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(WORDS) + rng.choice(SEPARATORS)
                    for _ in range(rng.randrange(1, 16))) for _ in range(count)]


def test_area_phrase_test_never_skips_a_match() -> None:
    checked = 0
    for text in _texts(11, 3000):
        for start in range(1, len(text) + 1):
            if _BEFORE.search(text, max(0, start - 50), start) is not None:
                checked += 1
                assert _may_end_before(text[max(0, start - 50):start].lower()), (text, start)
    assert checked > 500
    assert not _may_end_before("shelled the town of ")
    assert _may_end_before("the eastern countryside of ")


def test_place_nouns_found_as_the_pattern_finds_them() -> None:
    for text in _texts(12):
        assert _noun_positions(text) == [(m.start(), m.group()) for m in _NOUN.finditer(text)]


def _run_ending_by_pattern(text: str, pos: int) -> tuple[int, int] | None:
    base = max(0, pos - 60)
    name = r"(?:(?:al|el|ash|as|an|ad|ar|az|at|ath|adh|ez|es|esh|ed|er|en|et|ul|il)[-‐])?"
    cap = r"[A-Z\u00C0-\u00DE][\w'’‘`]*(?:-[\w'’‘`]+)*"
    m = re.search(rf"{name}{cap}(?:[ \t]+{name}{cap})*$", text[base:pos])
    return None if m is None else (base + m.start(), base + m.end())


def test_run_endings_as_the_pattern_finds_them() -> None:
    for text in _texts(13):
        for pos in range(len(text) + 1):
            assert _run_ending(text, pos) == _run_ending_by_pattern(text, pos), (text, pos)


def _cue_by_words(text: str, start: int, end: int) -> str | None:
    """The cue rule as first written: every word read, padded with empty ones."""
    a0, a1, a2, *_ = [w.rstrip(",.;:").lower()
                      for w in text[end:end + 40].split(None, 3)[:3]] + ["", "", ""]
    *_, b2, b1 = ["", ""] + [w.rstrip(",.;:").lower()
                             for w in text[max(0, start - 50):start].rsplit(None, 2)[-2:]]
    if a0 in PROVINCE_WORDS or b1 == "wilayat" or (a0 == "and" and a2 in PROVINCE_WORDS) or (
        b2 in PROVINCE_WORDS and b1 == "of"
    ):
        return CUE_PROVINCE
    if a0 in NEAR_AFTER or (a0 in ("'s", "’s") and a1 in NEAR_AFTER):
        return CUE_NEAR
    if b1 in {"near", "outside", "around", "rural"} or (b1 == "of" and b2 in NEAR_BEFORE):
        return CUE_NEAR
    if b1 == "of" and b2 in TYPED_NOUNS:
        return CUE_TYPED
    if b1 in LOCATIVE:
        return CUE_LOCATIVE
    return None


def test_cues_as_the_word_rule_reads_them() -> None:
    cues = set()
    for text in _texts(14, 3000):
        for m in re.finditer(r"Idlib|Tell Sawda|Kafr", text):
            cue = pattern_cue(text, m.start(), m.end())
            assert cue == _cue_by_words(text, m.start(), m.end()), text
            cues.add(cue)
    assert cues == {None, CUE_PROVINCE, CUE_NEAR, CUE_TYPED, CUE_LOCATIVE}


def test_nationality_words_found_whole(nlp: Language) -> None:
    component = nlp.get_pipe("rasd_places")
    assert isinstance(component, PlacesComponent)
    finder, _ = component._load()
    for text in _texts(15):
        by_scan = [m.span() for m in finder._demonym_re.finditer(text)
                   if not (m.start() and re.match(r"\w", text[m.start() - 1]))]
        assert by_scan == whole_words(text, finder._demonyms), text
