"""B-cubed scores on small hand-made groupings."""

from __future__ import annotations

import pytest

from rasd.corroborate.evaluation import bcubed


def test_perfect_grouping() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == (1.0, 1.0, 1.0)


def test_everything_merged_loses_precision() -> None:
    p, r, _ = bcubed({"a": 0, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 2})
    assert r == 1.0
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_missing_items_are_singletons() -> None:
    p, r, f = bcubed({}, {"a": 1, "b": 1})
    assert (p, r) == (1.0, 0.5)
    assert f == pytest.approx(2 / 3)
