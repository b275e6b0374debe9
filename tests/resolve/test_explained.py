"""Every automatic link is explained; judgements hold across incremental runs (fictional)."""

from __future__ import annotations

from conftest import make_corpus, person, place

from rasd.model import Entity
from rasd.resolve import judgements as jm
from rasd.resolve.link import link
from rasd.settings import Settings


def test_every_automatic_link_has_a_score_and_its_features(settings: Settings) -> None:
    corpus = make_corpus()
    result = link(corpus, [], [], settings)
    sizes: dict[str, int] = {}
    for m in corpus:
        if m.kind == "person":
            sizes[result.assignments[m.id]] = sizes.get(result.assignments[m.id], 0) + 1
    linked = [m for m in corpus if m.kind == "person" and sizes[result.assignments[m.id]] > 1]
    assert len(linked) >= 6
    for m in linked:
        why = result.explanations[m.id]
        assert why["how"] == "linked" and why["with"] and why["score"] >= settings.link_accept
        assert any(agreed for _, _, agreed, _ in why["features"])
        assert all(isinstance(detail, str) and detail for *_, detail in why["features"])


def test_negative_judgement_keeps_apart_when_reports_arrive_later(settings: Settings) -> None:
    first = [person("n1", "Rami Nassar"), place("n1", "geo-town", "Town", "Hama")]
    second = [person("n2", "Rami Nasar"), place("n2", "geo-town", "Town", "Hama")]
    apart = jm.judge(first[0].id, second[0].id, "negative", "analyst1", "two cousins")
    base = link(first, [], [apart], settings)
    later = link(second, base.entities, [apart], settings)
    assert later.assignments[second[0].id] != base.assignments[first[0].id]
    together = link(first + second, [], [], settings)
    assert together.assignments[first[0].id] == together.assignments[second[0].id]
    entities: dict[str, Entity] = {e.id: e for e in base.entities}
    undo = link(second, list(entities.values()), [jm.withdraw(apart)], settings)
    assert undo.assignments[second[0].id] == undo.assignments[first[0].id]
