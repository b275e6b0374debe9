"""Blocking, candidate pairs and precision-first clustering of person items.

Candidate pairs come from blocks (items sharing a blocking key, :func:`keys.blocking_keys`), from
the person mentions of one report that share a name word, and from judgements. A block larger
than ``MAX_BLOCK`` is not compared all against all: its items are sorted by name and each is
compared with its ``WINDOW`` neighbours on either side (sorted neighbourhood), so the work stays
linear. Identical and near-identical names sort next to each other, so they still meet (and
chain into one entity); a pair the window leaves out is never scored, which the item's
explanation says (``capped_block``: the key and its size), and ``LinkResult.capped`` lists the
capped blocks for a person to look at.

Linking works on *kept* pairs only: pairs scored at or above ``link_review`` without a veto, and
judged pairs. :func:`grow` collects the connected component of kept pairs around a seed; every
other pair leaves no trace (it could neither link nor be reviewed). Clustering is greedy over
accepted pairs, best first (ties broken by mention ids), and merges two clusters only when no
name part of one contradicts the other's and no negative judgement lies between them. Greedy
merging only ever joins clusters along kept pairs, so it decomposes over kept components, and a
component depends only on its items: re-linking it from scratch gives the same clusters. That is
what makes incremental linking exact (:mod:`rasd.resolve.link` re-clusters only the components
that new items or judgements touch).
"""

from __future__ import annotations

from array import array
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
        self.reports: dict[str, list[int]] = defaultdict(list)  # by Item.thread()
        self.judged: dict[int, set[int]] = defaultdict(set)
        for i, item in enumerate(items):
            for key in item.keys:
                self.blocks[key].append(i)
            self.reports[item.thread()].append(i)
        for i, j in judged:
            self.judged[i].add(j)
            self.judged[j].add(i)
        self.words = [item.words() for item in items]
        self._position: dict[str, dict[int, int]] = {}
        self._sorted: dict[str, list[int]] = {}
        self.best_score = array("d", [-1.0]) * len(items)
        self.best_with = array("q", [-1]) * len(items)

    def release(self) -> None:
        """Drop what only candidate search needs (explanations keep items, blocks, reports)."""
        self.words = []
        self._sorted.clear()
        self._position.clear()

    def capped(self) -> dict[str, int]:
        """The blocks compared by sorted neighbourhood only: key -> size."""
        return {k: len(v) for k, v in self.blocks.items() if len(v) > MAX_BLOCK}

    def _window(self, key: str, i: int) -> list[int]:
        if key not in self._sorted:
            members = self.blocks[key]
            order = sorted(members,
                           key=lambda k: (name_sort(self.items[k]), self.items[k].mention))
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
        same_report = self.reports[self.items[i].thread()]
        if len(same_report) <= MAX_REPORT_PERSONS:
            mine, words = self.words[i], self.words
            found.update(j for j in same_report if any(w in mine for w in words[j]))
        found.discard(i)
        return found

    def score(self, i: int, j: int, explain: bool = False) -> Scored:
        """Score one pair (in mention order, so either way round gives the same score)."""
        items = self.items
        a, b = (i, j) if items[i].mention < items[j].mention else (j, i)
        coref = False
        if items[a].thread() == items[b].thread():
            report = self.reports[items[a].thread()]
            coref = _coreference(items, a, b, report) or _coreference(items, b, a, report)
        return score_pair(items[a], items[b], coref, explain)

    def note(self, i: int, j: int, score: float) -> None:
        """Remember each item's best-scoring candidate (for the explanation of a single)."""
        for a, b in ((i, j), (j, i)):
            if score > self.best_score[a]:
                self.best_score[a], self.best_with[a] = score, b


def grow(cands: Candidates, seed: int, done: bytearray, review: float
         ) -> tuple[list[int], dict[Pair, Scored]]:
    """The component of kept pairs around ``seed`` (marked ``done``) and its kept scores."""
    inside, stack = {seed}, [seed]
    scores: dict[Pair, Scored] = {}
    rejected: set[Pair] = set()
    while stack:
        i = stack.pop()
        judged = cands.judged.get(i, set())
        for j in cands.neighbours(i):
            key = (i, j) if i < j else (j, i)
            if done[j] or key in scores or key in rejected:
                continue
            s = cands.score(i, j)
            cands.note(i, j, s.score)
            if (not s.veto and s.score >= review) or j in judged:
                scores[key] = s
                if j not in inside:
                    inside.add(j)
                    stack.append(j)
            else:
                rejected.add(key)
    members = sorted(inside)
    for m in members:
        done[m] = 1
    return members, scores


def name_sort(item: Item) -> str:
    return "|".join(v or "" for v in (item.surname, item.given, item.kunya, item.nasab))


def _short_word(item: Item) -> tuple[str, str] | None:
    slots = item.name_slots()
    return next(iter(slots.items())) if len(slots) == 1 else None


def _fits(short: Item, slot: str, value: str, full: Item) -> bool:
    if short.bare:
        return value in (full.given, full.surname)
    return full.name_slots().get(slot) == value


def _coreference(items: list[Item], i: int, j: int, report_items: list[int]) -> bool:
    """Whether ``items[i]`` is a short form whose only full name in its document is ``items[j]``
    (``report_items``: the items of the report, with its mail message and attachments)."""
    a, b = items[i], items[j]
    short = _short_word(a)
    if a.thread() != b.thread() or short is None or len(b.name_slots()) < 2:
        return False
    slot, value = short
    if not _fits(a, slot, value, b):
        return False
    full = {items[k].signature() for k in report_items
            if len(items[k].name_slots()) >= 2 and _fits(a, slot, value, items[k])}
    return len(full) == 1


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
        if self.cannot:
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
