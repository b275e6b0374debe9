"""Scores of a grouping against a gold grouping (used by ``bench/corroborate_*.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


def bcubed(
    predicted: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]
) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of ``predicted`` (item → cluster) against ``gold``.

    Items missing from ``predicted`` count as singletons. Per item: precision is the share of
    its predicted cluster that shares its gold cluster, recall the share of its gold cluster
    that shares its predicted cluster; both are averaged over the gold items.
    """
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    pred: dict[Item, Hashable] = {i: predicted.get(i, ("singleton", i)) for i in items}
    pair = Counter((pred[i], gold[i]) for i in items)
    pred_size = Counter(pred.values())
    gold_size = Counter(gold[i] for i in items)
    precision = sum(pair[(pred[i], gold[i])] / pred_size[pred[i]] for i in items) / len(items)
    recall = sum(pair[(pred[i], gold[i])] / gold_size[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
