"""Near-duplicate detection: shingles, MinHash, LSH (fictional texts)."""

from __future__ import annotations

import random
from datetime import date

from corroborate_builders import WIRE, make_report
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.corroborate.duplicates import (
    BRUTE_FORCE_MAX,
    MinHasher,
    containment,
    find_copies,
    jaccard,
    shingles,
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("One two, three four five!") == shingles("one TWO three: four five")
    assert shingles("") == set()
    assert len(shingles("a b c d e f")) == 2


def test_trimmed_copy_is_contained() -> None:
    full, trimmed = shingles(WIRE), shingles(WIRE[: len(WIRE) // 2])
    assert containment(full, trimmed) > 0.95
    assert jaccard(full, trimmed) < 0.6


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_minhash_estimates_jaccard(seed: int) -> None:
    rng = random.Random(seed)
    a = set(rng.sample(range(10**6), 300))
    b = set(rng.sample(sorted(a), rng.randint(50, 300))) | set(rng.sample(range(10**6), 100))
    hasher = MinHasher(perms=128)
    estimate = MinHasher.similarity(hasher.signature(a), hasher.signature(b))
    assert abs(estimate - jaccard(a, b)) < 0.2


def _corpus(n: int) -> list:  # type: ignore[type-arg]
    rng = random.Random(7)
    words = [f"w{i}" for i in range(5000)]
    return [make_report(f"r{i:04d}", "src-x", "Fictional. " + " ".join(rng.choices(words, k=80)),
                        published=date(2017, 1, 1)) for i in range(n)]


def test_copies_found_among_many_reports_through_lsh() -> None:
    reports = _corpus(BRUTE_FORCE_MAX + 50)
    original = reports[10]
    words = original.text.split()
    edited = " ".join([*words[:30], "changed", *words[31:70]])  # edited and trimmed
    copy = make_report("r9999", "src-y", edited, published=date(2017, 1, 2))
    found = find_copies([*reports, copy])
    assert found == {"r9999": ("r0010", found["r9999"][1])}
    assert found["r9999"][1] > 0.8


def test_copy_points_to_the_earliest_report() -> None:
    a = make_report("ra", "s1", WIRE, published=date(2017, 4, 5))
    b = make_report("rb", "s2", WIRE + " Updated.", published=date(2017, 4, 6))
    c = make_report("rc", "s3", WIRE, published=date(2017, 4, 7))
    found = find_copies([c, b, a])
    assert {k: v[0] for k, v in found.items()} == {"rb": "ra", "rc": "ra"}


def test_unrelated_texts_are_not_copies() -> None:
    assert find_copies(_corpus(30)) == {}
