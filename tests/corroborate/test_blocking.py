"""Blocking loses no compatible pair: candidates are checked against all pairs (fictional,
randomly generated events)."""

from __future__ import annotations

from datetime import date

from corroborate_builders import make_report, random_events
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.corroborate import build_incidents, iter_incidents
from rasd.corroborate.blocking import candidate_pairs
from rasd.corroborate.match import LINK_THRESHOLD, features_of, pair_score, type_table


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_every_linkable_pair_is_a_candidate(seed: int) -> None:
    events = random_events(seed)
    feats = [features_of(i, e, date(2017, 4, 14)) for i, e in enumerate(events)]
    table = type_table()
    candidates = {(min(a, b), max(a, b)) for a, b in candidate_pairs(feats)}
    for i, a in enumerate(feats):
        for b in feats[i + 1 :]:
            score = pair_score(a, b, table)
            if score is not None and score >= LINK_THRESHOLD:
                assert (a.index, b.index) in candidates, (a, b)


def test_candidates_are_each_given_once() -> None:
    feats = [features_of(i, e, date(2017, 4, 14)) for i, e in enumerate(random_events(3))]
    pairs = [(min(a, b), max(a, b)) for a, b in candidate_pairs(feats)]
    assert len(pairs) == len(set(pairs))


def test_iter_incidents_gives_what_build_incidents_gives() -> None:
    events = random_events(5)
    reports = [make_report(f"r{i}", f"src-{i % 7}") for i in range(60)]
    listed = build_incidents(events, reports)
    streamed = sorted(iter_incidents(events, reports), key=lambda inc: inc.id)
    assert [(i.id, i.events) for i in listed] == [(i.id, i.events) for i in streamed]
    assert sorted(e for i in listed for e in i.events) == sorted(e.id for e in events)
