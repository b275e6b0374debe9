"""Review candidates from capped name blocks: what the sorted neighbourhood may have missed.

A block of more than ``MAX_BLOCK`` items is compared by sorted neighbourhood only
(:mod:`rasd.resolve.cluster`), so two mentions of one person far apart in its sort order may
never meet. Flagging the block is not enough — nobody reads a list of keys — so after linking,
each capped block that this run touched gets a second, entity-level pass: one representative
per entity of the block (its fullest name), sorted by name, each compared with its ``WINDOW``
next representatives. Identical names have collapsed into one entity by then, so this pass
reaches pairs the item-level window could not. The best pairs scoring at or above
``link_review`` without a veto (at most ``link_capped_review`` per block) go to the review
queue, marked with the block; they are never linked automatically: a person decides.

The work is bounded like the window itself (at most ``WINDOW`` scores per entity of a block)
and only blocks holding an entity of this run are visited, so an incremental run does not
re-queue what an earlier run queued.
"""

from __future__ import annotations

from collections.abc import Callable

from rasd.resolve.cluster import WINDOW, Candidates, name_sort

Found = tuple[float, int, int, str]  # score, item, item, block key


def _representatives(cands: Candidates, members: list[int],
                     entity_of: Callable[[int], str]) -> list[int]:
    """One item per entity of the block (its fullest name), sorted by name."""
    items = cands.items
    best: dict[str, int] = {}
    for m in members:
        e = entity_of(m)
        k = best.get(e)
        if k is None or (items[m].fullness(), items[k].mention) > (items[k].fullness(),
                                                                  items[m].mention):
            best[e] = m
    return sorted(best.values(), key=lambda k: (name_sort(items[k]), items[k].mention))


def _block_pairs(cands: Candidates, key: str, reps: list[int], entity_of: Callable[[int], str],
                 touched: set[str], skip: set[frozenset[str]], review: float) -> list[Found]:
    found: list[Found] = []
    for p, i in enumerate(reps):
        for j in reps[p + 1: p + 1 + WINDOW]:
            ei, ej = entity_of(i), entity_of(j)
            if (ei not in touched and ej not in touched) or frozenset((ei, ej)) in skip:
                continue
            s = cands.score(i, j)
            if not s.veto and s.score >= review:
                found.append((s.score, i, j, key))
    return found


def capped_pairs(cands: Candidates, entity_of: Callable[[int], str], touched: set[str],
                 skip: set[frozenset[str]], review: float, per_block: int) -> list[Found]:
    """The best pairs of distinct entities in each capped block touched by this run.

    ``entity_of``: item -> its entity after linking; ``touched``: the entities of this run;
    ``skip``: entity pairs already queued or judged (extended with the pairs returned).
    """
    out: list[Found] = []
    if per_block <= 0:
        return out
    items = cands.items
    for key in sorted(cands.capped()):
        members = cands.blocks[key]
        if not any(entity_of(m) in touched for m in members):
            continue
        reps = _representatives(cands, members, entity_of)
        found = _block_pairs(cands, key, reps, entity_of, touched, skip, review)
        found.sort(key=lambda f: (-f[0], items[f[1]].mention, items[f[2]].mention))
        for f in found[:per_block]:
            skip.add(frozenset((entity_of(f[1]), entity_of(f[2]))))
            out.append(f)
    return out

