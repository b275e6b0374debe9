"""Blocking, candidate pairs and precision-first clustering of person items.

Candidate pairs come from blocks (items sharing a blocking key, :func:`keys.blocking_keys`), from
the person mentions of one report, and from judgements. A block larger than ``MAX_BLOCK`` is not
compared all against all: its items are sorted by name and each is compared with its
``WINDOW`` neighbours (sorted neighbourhood), so the work stays near-linear.

Clustering is greedy over accepted pairs, best first (ties broken by ids), and merges two clusters
only when no name part of one contradicts the other's and no negative judgement lies between them.
Because candidate pairs and the merge order depend only on the set of items, linking a component
again from scratch gives the same clusters: that is what makes incremental linking exact
(:mod:`rasd.resolve.link` re-clusters only the components that new items touch).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rasd.resolve.items import Item
from rasd.resolve.score import Scored, conflicts, score_pair

MAX_BLOCK = 40
WINDOW = 6
MAX_REPORT_PERSONS = 60

Pair = tuple[int, int]


class Candidates:
    """The candidate graph over items: blocks, report groups, judgement pairs."""

    def __init__(self, items: list[Item], judged: Iterable[Pair] = ()) -> None:
        self.items = items
        self.blocks: dict[str, list[int]] = defaultdict(list)
        self.reports: dict[str, list[int]] = defaultdict(list)
        self.judged: dict[int, set[int]] = defaultdict(set)
        for i, item in enumerate(items):
            for key in item.keys:
                self.blocks[key].append(i)
            self.reports[item.report].append(i)
        for i, j in judged:
            self.judged[i].add(j)
            self.judged[j].add(i)
        self._position: dict[str, dict[int, int]] = {}
        self._sorted: dict[str, list[int]] = {}

    def _window(self, key: str, i: int) -> list[int]:
        if key not in self._sorted:
            members = self.blocks[key]
            order = sorted(members,
                           key=lambda k: (_name_sort(self.items[k]), self.items[k].mention))
            self._sorted[key] = order
            self._position[key] = {k: p for p, k in enumerate(order)}
        order, pos = self._sorted[key], self._position[key][i]
        return order[max(0, pos - WINDOW): pos] + order[pos + 1: pos + 1 + WINDOW]

    def neighbours(self, i: int) -> set[int]:
        """Items to compare with item ``i``."""
        found: set[int] = set(self.judged.get(i, ()))
        for key in self.items[i].keys:
            members = self.blocks[key]
            if len(members) <= MAX_BLOCK:
                found.update(members)
            else:
                found.update(self._window(key, i))
        same_report = self.reports[self.items[i].report]
        if len(same_report) <= MAX_REPORT_PERSONS:
            found.update(same_report)
        found.discard(i)
        return found

    def component(self, seeds: Iterable[int], seen: set[int]) -> list[int]:
        """Every item reachable from ``seeds`` (marking them in ``seen``), sorted."""
        stack = [s for s in seeds if s not in seen]
        seen.update(stack)
        found = list(stack)
        while stack:
            for j in self.neighbours(stack.pop()):
                if j not in seen:
                    seen.add(j)
                    stack.append(j)
                    found.append(j)
        return sorted(found)


def _name_sort(item: Item) -> str:
    return "|".join(v or "" for v in (item.surname, item.given, item.kunya, item.nasab))


def _coreference(items: list[Item], i: int, j: int, report_items: list[int]) -> bool:
    """Whether ``items[i]`` is a short form whose only full name in the report is ``items[j]``."""
    a, b = items[i], items[j]
    if a.report != b.report or len(a.name_slots()) != 1 or len(b.name_slots()) < 2:
        return False
    slot, value = next(iter(a.name_slots().items()))
    if b.name_slots().get(slot) != value:
        return False
    full = {items[k].signature() for k in report_items
            if len(items[k].name_slots()) >= 2 and items[k].name_slots().get(slot) == value}
    return len(full) == 1


def score_component(cands: Candidates, members: list[int]) -> dict[Pair, Scored]:
    """Scores of every candidate pair inside a component."""
    items = cands.items
    inside = set(members)
    scores: dict[Pair, Scored] = {}
    for i in members:
        for j in cands.neighbours(i):
            if j not in inside or (min(i, j), max(i, j)) in scores:
                continue
            a, b = (i, j) if items[i].mention < items[j].mention else (j, i)
            report = cands.reports[items[a].report]
            coref = _coreference(items, a, b, report) or _coreference(items, b, a, report)
            scores[(min(i, j), max(i, j))] = score_pair(items[a], items[b], coref)
    return scores


class Clusters:
    """Union-find with the signatures and negative judgements each cluster carries."""

    def __init__(self, members: list[int], items: list[Item],
                 cannot: dict[int, set[int]]) -> None:
        self.parent = {m: m for m in members}
        self.members = {m: [m] for m in members}
        self.signatures = {m: {items[m].signature()} for m in members}
        self.cannot = cannot

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def blocked(self, ra: int, rb: int) -> bool:
        small, large = sorted((ra, rb), key=lambda r: len(self.members[r]))
        large_set = set(self.members[large])
        for m in self.members[small]:
            if self.cannot.get(m, set()) & large_set:
                return True
        return any(conflicts(x, y) for x in self.signatures[ra] for y in self.signatures[rb])

    def union(self, ra: int, rb: int) -> int:
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        self.members[keep].extend(self.members.pop(drop))
        self.signatures[keep] |= self.signatures.pop(drop)
        return keep

    def groups(self) -> list[list[int]]:
        return [sorted(ms) for ms in self.members.values()]


def cluster(items: list[Item], members: list[int], scores: dict[Pair, Scored],
            accept: float, must: list[Pair], cannot: dict[int, set[int]]) -> list[list[int]]:
    """Greedy precision-first clustering of one component (see module doc)."""
    clusters = Clusters(members, items, cannot)
    for i, j in sorted(must):
        if i not in clusters.parent or j not in clusters.parent:
            continue
        ri, rj = clusters.find(i), clusters.find(j)
        if ri != rj:
            clusters.union(ri, rj)
    edges = [(s.score, p) for p, s in scores.items() if s.auto and s.score >= accept]
    edges.sort(key=lambda e: (-e[0], *sorted((items[e[1][0]].mention, items[e[1][1]].mention))))
    for _, (i, j) in edges:
        ri, rj = clusters.find(i), clusters.find(j)
        if ri != rj and not clusters.blocked(ri, rj):
            clusters.union(ri, rj)
    return clusters.groups()
