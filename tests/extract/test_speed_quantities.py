"""The shortcuts of the count finder (session 5) against the code they stand for: each skip of
a pattern is compared with running the pattern, on random texts built from count phrases."""

from __future__ import annotations

import random
import re

import pytest

from rasd.extract import count_rules as R
from rasd.extract import finds, quantities
from rasd.gazetteer.textscan import ASCII_LOWER, ascii_lower

COUNT_PIECES = [" ", "  ", "\n", ", ", ". ", ".", "; ", ": ", '"', " - ", "5", "12", "1,200",
                "2.5", "two", "Twenty", "dozens", "at least ", "more than ", "between 3 and 5",
                " people", " civilians", " children", " women", " fighters", " of them",
                " of whom", " of those", " were", " killed", " wounded", " died", " dead",
                " injuring", " including", " among", " the", " death toll", " toll",
                " rose to ", " has risen to ", " climbed to", " reached", " number of dead",
                " victims", " in aleppo", " on monday", " said", " and", " a child", " by"]


def _texts(seed: int, n: int = 1500) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(COUNT_PIECES) for _ in range(rng.randint(3, 24)))
            for _ in range(n)]


def _values(text: str) -> list[tuple[int, int, str, dict[str, object]]]:
    return [(f.start, f.end, f.reason, f.value) for f in quantities.find_counts(text)]


def test_skipped_count_patterns_would_not_have_matched(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts(3)
    fast = [_values(t) for t in texts]
    monkeypatch.setattr(quantities, "_cannot_open", lambda *args: False)
    monkeypatch.setattr(quantities, "_rises", lambda *args: True)
    slow = [_values(t) for t in texts]
    assert fast == slow
    reasons = {r for found in slow for _, _, r, _ in found}
    assert {"count before a casualty word", "part of a toll ('N of them')",
            "toll rose to a number"} <= reasons  # the skipped patterns do match here


def test_no_count_pattern_holds_a_clause_end() -> None:
    """What the skips rely on: a ``.`` in a match is one of a number (a digit follows), and no
    phrase of the vocabulary holds ". ", ";" or ":"."""
    for text in _texts(4, 600):
        lower = text.lower()
        for pattern in (R.PASSIVE, R.OF_THEM, R.RISE):
            for p in range(len(lower)):
                m = pattern.match(lower, p)
                if m:
                    assert not re.search(r"\. |[;:]", m.group()), (text, pattern.pattern[:40])
    phrases = [*R.VERB_KIND, *R.NOUN_KIND, *R.WHO_KIND, *R.QUALIFIERS]
    assert not [w for w in phrases if re.search(r"[.;:]", w)]


def test_trie_alternation_matches_what_the_flat_one_matches() -> None:
    rng = random.Random(9)
    lists = [finds._shortest(words) for words in (R.WORD_STEMS, R.NUMBER_WORDS,
                                                 R.SUBSET_STEMS, ("a", "b", "ab-c", "x y"))]
    for stems in lists:
        flat = re.compile("|".join(map(re.escape, stems)))
        trie = re.compile(finds._trie(stems))
        letters = sorted({c for stem in stems for c in stem})
        probes = [*stems, *(s[:-1] for s in stems), *(s + "x" for s in stems)]
        probes += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
                   for _ in range(3000)]
        for probe in probes:
            a, b = flat.match(probe), trie.match(probe)
            assert (a and a.group()) == (b and b.group()), (stems, probe)


def _old_numbers(lower: str) -> set[int]:
    nums = finds.word_starts(lower, R.NUMBER_WORDS)
    for m in re.finditer(r"\d[\d,.٬٫]*", lower):
        p = m.start()
        if p == 0 or not (lower[p - 1].isalpha() or lower[p - 1] in "-_"):
            nums.add(p)
    return nums


def test_numbers_found_with_the_number_words_equal_the_digit_scan() -> None:
    rng = random.Random(12)
    pieces = ["1", "25", ",", ".", ",.", "_", "-", " ", "x", "one", "ten", "tens of", "a",
              "1,200", "2.5", "5.", ".5", "٣", "é", "\n", "(", "$"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(4000)]
    for text in texts:
        assert quantities._numbers(text) == _old_numbers(text), text


def test_spaced_copy_blanks_exactly_the_characters_that_are_not_letters_or_digits() -> None:
    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    spaced = finds._spaced(chars)
    assert len(spaced) == len(chars)
    blank = [c for c, s in zip(chars, spaced, strict=True) if s == " " and c != " "]
    assert blank == [c for c in chars if c != " " and not (c.isalnum() or c == "-")]


def test_ascii_lower_by_bytes_equals_the_string_translation() -> None:
    chars = "".join(map(chr, range(0x110000)))  # lone surrogates too
    for text in (chars, chars[::-7], "ABC é Ḃ \udc80 XYZ", "AB’C", "PLAIN ASCII"):
        assert ascii_lower(text) == text.translate(ASCII_LOWER)


def test_spaced_copy_by_bytes_equals_the_string_translation() -> None:
    rng = random.Random(13)
    pieces = ["A", "b", " ", ",", "_", "-", "é", "ملا", "’", "\x95", "٣", "Ḃ", "\udc80", "x y"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        old = finds._OTHER_MARK.sub(" ", text.translate(finds._TO_SPACE))
        assert finds._spaced(text) == old, text
