"""Linking person, group and place mentions across reports to entities.

:func:`link` takes new mentions (all kinds of the new reports: places and groups give persons
their context), the entities known so far and the judgements people made, and returns new or
updated entities, which entity each mention belongs to, why, and the pairs a person should look
at. Incremental and exact: only the components of kept pairs (scored at or above the review
threshold without a veto, or judged) that the new mentions or the judgements touch are scored and
clustered again; the result equals a full re-link from scratch (see :mod:`rasd.resolve.cluster`).
Components are linked one at a time and explanations are written out when read
(:mod:`rasd.resolve.explain`), so memory stays linear in the number of mentions.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasd.model import Entity, Judgement, Mention, stable_id
from rasd.resolve import judgements as jmod
from rasd.resolve.capped import capped_pairs
from rasd.resolve.cluster import Candidates, Pair, cluster, grow
from rasd.resolve.entities import person_entity, person_id
from rasd.resolve.explain import JUDGEMENT, LINKED, SINGLE, Explanations
from rasd.resolve.items import Item, form_mention, from_form, person_items
from rasd.resolve.known import link_groups, link_places, resolve_groups
from rasd.resolve.score import Scored
from rasd.settings import Settings


@dataclass
class ReviewPair:
    """Two entities to compare: the best pair of their mentions in the uncertain band."""

    id: str
    kind: str
    entity_a: str
    entity_b: str
    mention_a: str
    mention_b: str
    score: float
    explanation: dict[str, Any]
    names: tuple[str, str] = ("", "")


@dataclass
class LinkResult:
    """What a run of :func:`link` decided."""

    entities: list[Entity] = field(default_factory=list)
    assignments: dict[str, str] = field(default_factory=dict)
    explanations: Explanations = field(default_factory=Explanations)
    review: list[ReviewPair] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # entity ids merged into others / renamed
    unlinked: dict[str, str] = field(default_factory=dict)  # mention id -> reason
    capped: dict[str, int] = field(default_factory=dict)  # blocking key -> size (cluster.py)


@dataclass
class _Judged:
    must: list[Pair]
    cannot: dict[int, set[int]]
    pairs: set[Pair]


def _resolve_judgements(judgements: list[Judgement], index: dict[str, int],
                        anchors: dict[str, str]) -> _Judged:
    must: list[Pair] = []
    cannot: dict[int, set[int]] = {}
    pairs: set[Pair] = set()
    for pair, j in sorted(jmod.live(judgements).items(), key=lambda kv: sorted(kv[0])):
        ids = [anchors.get(x, x) for x in sorted(pair)]
        if len(ids) != 2 or ids[0] not in index or ids[1] not in index:
            continue
        i, k = sorted((index[ids[0]], index[ids[1]]))
        if i == k:
            continue
        pairs.add((i, k))
        if j.decision == "positive":
            must.append((i, k))
        elif j.decision == "negative":
            cannot.setdefault(i, set()).add(k)
            cannot.setdefault(k, set()).add(i)
    return _Judged(must, cannot, pairs)


def _gather(new_items: list[Item], entities: list[Entity]) -> tuple[list[Item], set[str]]:
    """Old items (from entity forms) not re-submitted, then the new items; new mention ids."""
    new_ids = {item.mention for item in new_items}
    old = [from_form(form, e.id) for e in sorted(entities, key=lambda e: e.id)
           if e.kind == "person" for form in e.attributes.get("forms", [])
           if form_mention(form) not in new_ids]
    return old + new_items, new_ids


def _explain(cands: Candidates, groups: list[list[int]], scores: dict[Pair, Scored],
             judged: _Judged, eids: dict[int, str], out: Explanations) -> None:
    """Record why each member is in its entity: the best pair inside it, or the best candidate."""
    best_in: dict[int, tuple[float, int]] = {}
    for (i, j), s in scores.items():
        if eids[i] != eids[j]:
            continue
        for a, b in ((i, j), (j, i)):
            if s.score > best_in.get(a, (-1.0, -1))[0]:
                best_in[a] = (s.score, b)
    must = {x for p in judged.must for x in p}
    for members in groups:
        for m in members:
            if len(members) == 1:
                how, ref = SINGLE, int(cands.best_with[m])
            else:
                how = LINKED if m in best_in else JUDGEMENT
                ref = best_in[m][1] if m in best_in else -1
            out.person(cands, m, eids[m], how, ref, m in must)


def _review(cands: Candidates, scores: dict[Pair, Scored], eids: dict[int, str],
            judged: _Judged, settings: Settings) -> list[ReviewPair]:
    judged_entities = {frozenset((eids[i], eids[j])) for i, j in judged.pairs
                       if i in eids and j in eids}
    best: dict[frozenset[str], tuple[float, Pair]] = {}
    for (i, j), s in scores.items():
        if s.veto or s.score < settings.link_review or eids[i] == eids[j]:
            continue
        if s.auto and s.score >= settings.link_accept:
            continue  # kept apart by a conflict elsewhere in the two clusters: not a question
        key = frozenset((eids[i], eids[j]))
        if key in judged_entities:
            continue
        if s.score > best.get(key, (-1.0, (0, 0)))[0]:
            best[key] = (s.score, (i, j))
    out = [_review_pair(cands, i, j, eids[i], eids[j], score)
           for _, (score, (i, j)) in sorted(best.items(), key=lambda kv: sorted(kv[0]))]
    out.sort(key=lambda r: (-r.score, r.id))
    return out


def _review_pair(cands: Candidates, i: int, j: int, ei: str, ej: str, score: float,
                 **extra: Any) -> ReviewPair:
    items = cands.items
    (a, ea), (b, eb) = sorted(((i, ei), (j, ej)), key=lambda x: items[x[0]].mention)
    return ReviewPair(id=stable_id("rev", *sorted((ea, eb))), kind="person", entity_a=ea,
                      entity_b=eb, mention_a=items[a].mention, mention_b=items[b].mention,
                      score=round(score, 4),
                      explanation={**cands.score(i, j, explain=True).explanation(), **extra},
                      names=(items[a].text, items[b].text))


def _capped_review(cands: Candidates, result: LinkResult, judged: _Judged, touched: set[str],
                   settings: Settings) -> None:
    """Queue the best pairs of the capped blocks this run touched (rasd.resolve.capped)."""
    items, assigned = cands.items, result.assignments

    def entity_of(k: int) -> str:
        return assigned.get(items[k].mention) or items[k].entity or items[k].mention

    skip = {frozenset((r.entity_a, r.entity_b)) for r in result.review}
    skip |= {frozenset((entity_of(i), entity_of(j))) for i, j in judged.pairs}
    for score, i, j, key in capped_pairs(cands, entity_of, touched, skip, settings.link_review,
                                         settings.link_capped_review):
        result.review.append(_review_pair(
            cands, i, j, entity_of(i), entity_of(j), score,
            capped_block={key: len(cands.blocks[key])},
            why="a capped name block: these two were not compared when linking"))


def _confidence(scores: dict[Pair, Scored], eids: dict[int, str]) -> dict[str, float]:
    """Per entity: the weakest accepted pair inside it (1.0 for a single mention)."""
    found: dict[str, float] = {}
    for (i, j), s in scores.items():
        if eids[i] == eids[j] and s.auto and not s.veto:
            found[eids[i]] = min(found.get(eids[i], 1.0), s.score)
    return found


def _components(cands: Candidates, seeds: list[int], review: float
                ) -> Iterator[tuple[list[int], dict[Pair, Scored]]]:
    done = bytearray(len(cands.items))
    for seed in seeds:
        if not done[seed]:
            yield grow(cands, seed, done, review)


def link_persons(new_items: list[Item], entities: list[Entity], judgements: list[Judgement],
                 settings: Settings, result: LinkResult) -> None:
    """Link person items against person entities; adds to ``result``."""
    items, new_ids = _gather(new_items, entities)
    index = {item.mention: i for i, item in enumerate(items)}
    anchors = {e.id: jmod.anchor(e) for e in entities if e.kind == "person"}
    judged = _resolve_judgements(judgements, index, anchors)
    cands = Candidates(items, judged.pairs)
    seeds = [index[m] for m in sorted(new_ids)] + sorted({x for p in judged.pairs for x in p})
    old_ids: set[str] = set()
    new_entity_ids: set[str] = set()
    for members, scores in _components(cands, seeds, settings.link_review):
        groups = cluster(items, members, scores, settings.link_accept, judged.must,
                         judged.cannot)
        eids = {m: person_id(items[k] for k in g) for g in groups for m in g}
        old_ids.update(items[m].entity for m in members if items[m].entity)  # type: ignore[misc]
        confidence = _confidence(scores, eids)
        for g in groups:
            entity = person_entity([items[k] for k in g], confidence.get(eids[g[0]], 1.0))
            result.entities.append(entity)
            new_entity_ids.add(entity.id)
        result.assignments.update({items[m].mention: eids[m] for m in members})
        _explain(cands, groups, scores, judged, eids, result.explanations)
        result.review.extend(_review(cands, scores, eids, judged, settings))
    result.removed.extend(sorted(old_ids - new_entity_ids))
    result.capped.update(cands.capped())
    _capped_review(cands, result, judged, new_entity_ids, settings)
    cands.release()


def link(mentions: list[Mention], entities: list[Entity], judgements: list[Judgement],
         settings: Settings, *, report_dates: Mapping[str, date] | None = None,
         report_parents: Mapping[str, str] | None = None) -> LinkResult:
    """Link person, group and place mentions to entities (see module doc).

    ``mentions``: the mentions of the new reports (all kinds); ``entities``: the entities known
    so far (person entities carry their linked forms); ``judgements``: every judgement on
    record (withdrawn ones are ignored); ``report_dates``: report id -> date, for the date
    feature; ``report_parents``: attachment report id -> the report of the mail it came with
    (``Report.parent``), so that a short form in an attachment can stand for the one full name
    of its message (coreference spans a mail and its attachments). Returns new and updated
    entities, assignments for the new mentions and for old mentions whose entity changed, an
    explanation per mention, and the review queue of the components that were linked again
    (with the best pairs of the capped name blocks they touch, :mod:`rasd.resolve.capped`).
    """
    was_enabled = gc.isenabled()
    gc.disable()  # millions of small tuples: collection passes would cost more than they free
    try:
        return _link(mentions, entities, judgements, settings, report_dates, report_parents)
    finally:
        if was_enabled:
            gc.enable()


def _link(mentions: list[Mention], entities: list[Entity], judgements: list[Judgement],
          settings: Settings, report_dates: Mapping[str, date] | None,
          report_parents: Mapping[str, str] | None) -> LinkResult:
    result = LinkResult()
    existing = {e.id: e for e in entities}
    groups = [m for m in mentions if m.kind == "group"]
    resolved = resolve_groups(groups)
    persons = person_items(mentions, report_dates, {k: v[0] for k, v in resolved.items() if v[0]},
                           report_parents)
    link_persons(persons, entities, judgements, settings, result)
    del persons
    result.entities.extend(link_groups(groups, resolved, existing, result.assignments,
                                       result.explanations, result.unlinked))
    places = [m for m in mentions if m.kind == "place"]
    result.entities.extend(link_places(places, existing, result.assignments,
                                       result.explanations, result.unlinked))
    result.review.sort(key=lambda r: (-r.score, r.id))
    return result
