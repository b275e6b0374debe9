"""Bounded blocking and exact incremental linking on generated fictional names."""

from __future__ import annotations

import random

from conftest import person, place

from rasd.model import Entity, Mention
from rasd.resolve.cluster import MAX_BLOCK, MAX_REPORT_PERSONS, WINDOW, Candidates
from rasd.resolve.items import person_items
from rasd.resolve.link import link
from rasd.settings import Settings

GIVEN = ["Omar", "Umar", "Khaled", "Ahmad", "Ahmed", "Yusuf", "Youssef", "Rami", "Fadi", "Samer"]
FAMILY = ["Nassar", "Haddad", "Kanaan", "Sabbagh", "Tawil", "Masri", "Jabri", "Zein"]


def fictional_reports(n_reports: int, seed: int) -> list[Mention]:
    rng = random.Random(seed)
    out: list[Mention] = []
    for r in range(n_reports):
        report = f"s{r}"
        town = rng.randrange(3)
        for _ in range(rng.randint(1, 3)):
            article = rng.choice(["al-", "el-", "", "Al"])
            family = FAMILY[rng.randrange(len(FAMILY))]
            family = article + (family.lower() if article == "Al" else family)
            out.append(person(report, f"{rng.choice(GIVEN)} {family}"))
        out.append(place(report, f"geo-town-{town}", f"Town {town}", "Hama"))
    return out


def test_a_common_name_block_is_compared_by_window_and_reported() -> None:
    ms = [person(f"w{i}", "Omar al-Nassar") for i in range(MAX_BLOCK * 3)]
    items = person_items(ms)
    cands = Candidates(items)
    bound = 2 * WINDOW * max(len(i.keys) for i in items) + MAX_REPORT_PERSONS
    assert all(len(cands.neighbours(i)) <= bound for i in range(len(items)))
    assert cands.capped() and max(cands.capped().values()) == len(ms)


def test_capped_blocks_still_link_identical_names_and_say_so(settings: Settings) -> None:
    ms = [person(f"w{i}", "Omar al-Nassar") for i in range(MAX_BLOCK * 2)]
    towns = [place(f"w{i}", "geo-town", "Town", "Hama") for i in range(MAX_BLOCK * 2)]
    result = link(ms + towns, [], [], settings)
    assert len({result.assignments[m.id] for m in ms}) == 1  # neighbours chain into one entity
    assert result.capped and "capped_block" in result.explanations[ms[0].id]


def test_incremental_in_random_batches_equals_full(settings: Settings) -> None:
    corpus = fictional_reports(60, seed=3)
    full = link(corpus, [], [], settings)
    reports = sorted({m.report for m in corpus})
    random.Random(5).shuffle(reports)
    entities: dict[str, Entity] = {}
    assignments: dict[str, str] = {}
    for start in range(0, len(reports), 7):
        batch = set(reports[start:start + 7])
        step = link([m for m in corpus if m.report in batch], list(entities.values()), [],
                    settings)
        for eid in step.removed:
            entities.pop(eid, None)
        entities.update({e.id: e for e in step.entities})
        assignments.update(step.assignments)
    persons = [m.id for m in corpus if m.kind == "person"]
    assert {m: assignments[m] for m in persons} == {m: full.assignments[m] for m in persons}
    assert {e.id for e in entities.values() if e.kind == "person"} == {
        e.id for e in full.entities if e.kind == "person"}


def test_link_restores_the_garbage_collector_state(settings: Settings) -> None:
    import gc

    ms = fictional_reports(3, seed=1)
    assert gc.isenabled()
    link(ms, [], [], settings)
    assert gc.isenabled()
    gc.disable()
    try:
        link(ms, [], [], settings)
        assert not gc.isenabled()
    finally:
        gc.enable()
