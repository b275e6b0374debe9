"""Events → incidents: blocking, pairwise links, union with a guard against chaining,
judgements, stable ids (see docs/corroboration.md).

Compatible pairs at or above the threshold are joined best first; two groups join only when
*every* pair across them passes the hard tests of :func:`~rasd.corroborate.match.pair_score`
and no judgement keeps them apart. So a province-level account compatible with two towns of
its province joins one of them, never bridging the two into one incident.

Ids: an incident keeps the id it had in ``existing`` (the incidents of the last run, which
also keep their members together: new events attach, nothing is re-split but by judgement);
a new incident is named for its anchor, the event of its earliest-published report
(:func:`~rasd.corroborate.incident.anchor_id`), so a re-run from scratch gives the same ids as
long as later reports arrive later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from rasd.model import Event, Incident, Judgement, Report, Source, stable_id

from .blocking import candidate_pairs
from .duplicates import find_copies
from .incident import Membership, anchor_id, assemble
from .independence import CitationFinder, OriginResolver
from .judgements import Constraints, constraints
from .match import LINK_THRESHOLD, Features, TypeTable, explain, features_of, pair_score, type_table

#: the cross pairs checked before two groups join are capped (larger groups: a sample)
MAX_GUARD_PAIRS = 5000


class UnionFind:
    """Disjoint sets of event indices, with their member lists."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def group(self, root: int) -> list[int]:
        return self.members.get(root) or [root]

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        ga, gb = self.group(ra), self.group(rb)
        if len(ga) < len(gb):
            ra, rb, ga, gb = rb, ra, gb, ga
        self.parent[rb] = ra
        if ra in self.members:
            self.members[ra].extend(gb)
        else:
            self.members[ra] = [*ga, *gb]
        self.members.pop(rb, None)
        return ra

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def _may_join(
    uf: UnionFind, ra: int, rb: int, feats: Sequence[Features], table: TypeTable,
    cons: Constraints,
) -> bool:
    ga, gb = uf.group(ra), uf.group(rb)
    step = max(1, (len(ga) * len(gb)) // MAX_GUARD_PAIRS)
    for n, (x, y) in enumerate((x, y) for x in ga for y in gb):
        fx, fy = feats[x], feats[y]
        if cons.cannot and cons.forbids(fx.event_id, fy.event_id):
            return False
        if n % step == 0 and pair_score(fx, fy, table) is None:
            return False
    return True


def link_events(
    feats: Sequence[Features], cons: Constraints, seeds: Iterable[Sequence[int]] = (),
    threshold: float = LINK_THRESHOLD, table: TypeTable | None = None,
) -> tuple[UnionFind, list[tuple[float, int, int]]]:
    """Group the events; return the groups and every link at or above ``threshold``."""
    table = table or type_table()
    uf = UnionFind(len(feats))
    for seed in seeds:
        for other in seed[1:]:
            uf.union(seed[0], other)
    index = {f.event_id: f.index for f in feats}
    for a, b in cons.must:
        if a in index and b in index:
            uf.union(index[a], index[b])
    links = []
    for i, j in candidate_pairs(feats):
        score = pair_score(feats[i], feats[j], table)
        if score is not None and score >= threshold:
            links.append((score, min(i, j), max(i, j)))
    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    for _, i, j in links:
        ri, rj = uf.find(i), uf.find(j)
        if ri != rj and _may_join(uf, ri, rj, feats, table, cons):
            uf.union(ri, rj)
    return uf, links


def _eligible(event: Event, cons: Constraints, include_background: bool) -> bool:
    return (event.status != "rejected" and event.id not in cons.rejected
            and (include_background or not event.background))


def build_incidents(
    events: Sequence[Event],
    reports: Iterable[Report],
    sources: Iterable[Source] = (),
    judgements: Iterable[Judgement] = (),
    existing: Sequence[Incident] | None = None,
    *,
    threshold: float = LINK_THRESHOLD,
    include_background: bool = False,
    explain_members: bool = True,
) -> list[Incident]:
    """Group ``events`` into incidents (sorted by id), with sources, conflicts, explanations.

    Rejected and background events (unless ``include_background``) are left out; a denial
    joins the assertion it denies, plans join plans (:data:`~rasd.corroborate.match.MODES`).
    ``existing``: the incidents of the last run (ids and memberships kept, new events attach).
    ``judgements`` override the rules (see :mod:`rasd.corroborate.judgements`).
    """
    found = iter_incidents(events, reports, sources, judgements, existing, threshold=threshold,
                           include_background=include_background,
                           explain_members=explain_members)
    return sorted(found, key=lambda inc: inc.id)


def iter_incidents(
    events: Sequence[Event],
    reports: Iterable[Report],
    sources: Iterable[Source] = (),
    judgements: Iterable[Judgement] = (),
    existing: Sequence[Incident] | None = None,
    *,
    threshold: float = LINK_THRESHOLD,
    include_background: bool = False,
    explain_members: bool = True,
) -> Iterator[Incident]:
    """:func:`build_incidents` one incident at a time, in no particular order: for callers
    that write millions of incidents in batches without holding them all."""
    report_by_id = {r.id: r for r in reports}
    source_list = list(sources)
    existing = list(existing or [])
    cons = constraints(judgements, [e.id for e in events], existing)
    chosen = sorted((e for e in events if _eligible(e, cons, include_background)),
                    key=lambda e: _anchor_key(e, report_by_id))  # input order never matters
    shared: dict[frozenset[str], frozenset[str]] = {}
    feats = [features_of(i, e, _published(report_by_id.get(e.report)), shared)
             for i, e in enumerate(chosen)]
    index = {e.id: i for i, e in enumerate(chosen)}
    seeds = [[index[m] for m in inc.events if m in index and (m, inc.id) not in cons.excluded]
             for inc in existing]
    uf, links = link_events(feats, cons, [s for s in seeds if len(s) > 1], threshold)
    groups = uf.groups()
    del uf
    placed = _apply_placements(groups, _assign_ids(groups, chosen, report_by_id, existing),
                               chosen, index, cons)
    del groups
    best = _best_links(placed, links)
    del links
    judged = {e for pair in cons.must for e in pair} | {e for e, _ in cons.belongs}
    copies = find_copies([report_by_id[r] for r in _shared_reports(placed, chosen, report_by_id)])
    resolver = OriginResolver(report_by_id, {s.id: s for s in source_list},
                              CitationFinder(source_list), copies)
    for iid, group in placed.items():
        members = [_membership(i, group, feats, best, judged, explain_members) for i in group]
        yield assemble(iid, [chosen[i] for i in group], report_by_id, resolver, members)


def _published(report: Report | None) -> date | None:
    return report.published if report else None


def _anchor_key(event: Event, reports: dict[str, Report]) -> tuple[date, str, str]:
    published = _published(reports.get(event.report)) or date.max
    return (published, event.report, event.id)


def _assign_ids(
    groups: list[list[int]], events: Sequence[Event], reports: dict[str, Report],
    existing: Sequence[Incident],
) -> list[str]:
    """Existing ids first (largest overlap wins), then anchor ids."""
    previous = {m: inc.id for inc in existing for m in inc.events}
    overlap = []
    for g, group in enumerate(groups):
        for iid, n in Counter(previous[events[i].id] for i in group
                              if events[i].id in previous).items():
            overlap.append((-n, iid, g))
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for _, iid, g in sorted(overlap):
        if ids[g] is None and iid not in taken:
            ids[g] = iid
            taken.add(iid)
    for g, group in enumerate(groups):
        if ids[g] is None:
            anchor = min((events[i] for i in group), key=lambda e: _anchor_key(e, reports))
            iid = anchor_id(anchor.id)
            if iid in taken:
                iid = stable_id("inc", *sorted(events[i].id for i in group))
            ids[g] = iid
            taken.add(iid)
    return [i for i in ids if i is not None]


def _apply_placements(
    groups: list[list[int]], ids: list[str], events: Sequence[Event], index: dict[str, int],
    cons: Constraints,
) -> dict[str, list[int]]:
    """Groups by id, after the final word of event-incident judgements."""
    placed = {iid: list(group) for iid, group in zip(ids, groups, strict=True)}
    where = {i: iid for iid, group in placed.items() for i in group}
    for event_id, iid in cons.excluded:
        i = index.get(event_id)
        if i is not None and where.get(i) == iid and len(placed[iid]) > 1:
            placed[iid].remove(i)
            new_id = stable_id("inc", event_id, "apart-from", iid)
            placed[new_id] = [i]
            where[i] = new_id
    for event_id, iid in cons.belongs:
        i = index.get(event_id)
        if i is not None and iid in placed and where.get(i) != iid:
            old = where[i]
            placed[old].remove(i)
            if not placed[old]:
                del placed[old]
            placed[iid].append(i)
            where[i] = iid
    return placed


def _best_links(
    placed: dict[str, list[int]], links: list[tuple[float, int, int]]
) -> dict[int, tuple[float, int]]:
    """Each event's best link to another event of its incident: (score, partner)."""
    where = {i: iid for iid, group in placed.items() for i in group}
    best: dict[int, tuple[float, int]] = {}
    for score, i, j in links:
        if where[i] == where[j]:
            if score > best.get(i, (-1.0, 0))[0]:
                best[i] = (score, j)
            if score > best.get(j, (-1.0, 0))[0]:
                best[j] = (score, i)
    return best


def _membership(
    i: int, group: list[int], feats: Sequence[Features], best: dict[int, tuple[float, int]],
    judged: set[str], explain_members: bool,
) -> Membership:
    f = feats[i]
    if len(group) == 1:
        return Membership(f.event_id, 1.0, "alone")
    if f.event_id in judged:
        return Membership(f.event_id, 1.0, "judgement")
    if i in best:
        score, j = best[i]
        detail = explain(f, feats[j]) if explain_members else None
        return Membership(f.event_id, score, "rules", feats[j].event_id, detail)
    return Membership(f.event_id, 0.5, "existing")


def _shared_reports(
    placed: dict[str, list[int]], events: Sequence[Event], reports: dict[str, Report]
) -> list[str]:
    """Reports of incidents told by more than one report (where copies matter)."""
    out: set[str] = set()
    for group in placed.values():
        told = {events[i].report for i in group}
        if len(told) > 1:
            out |= {r for r in told if r in reports}
    return sorted(out)
