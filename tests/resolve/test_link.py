"""Linking across reports: the traps, judgements, incremental linking (fictional reports)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import group, make_corpus, person, place

from rasd.model import Entity, Mention
from rasd.resolve import judgements as jm
from rasd.resolve.link import LinkResult, link
from rasd.settings import Settings


def partition(mentions: list[Mention], result: LinkResult) -> set[frozenset[str]]:
    """The person mentions grouped by entity, as sets of (report, text)."""
    groups: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person" and m.id in result.assignments:
            groups.setdefault(result.assignments[m.id], set()).add(f"{m.report}:{m.text}")
    return {frozenset(g) for g in groups.values()}


def named(entities: list[Entity], text: str) -> Entity:
    return next(e for e in entities if text in [e.name, *e.aliases])


def together(parts: set[frozenset[str]], *names: str) -> bool:
    return any(set(names) <= g for g in parts)


def test_traps(corpus: list[Mention], settings: Settings) -> None:
    parts = partition(corpus, link(corpus, [], [], settings))
    assert together(parts, "r1:Brigadier General Suheil al-Hassan", "r2:Suhail al-Hasan",
                    "r3:Souheil el-Hassan", "r1:al-Hassan")
    assert not together(parts, "r1:Khaled al-Hamwi", "r1:Ahmad al-Hamwi")
    assert not together(parts, "r2:Khaled Alhamwi", "r1:Ahmad al-Hamwi")
    assert together(parts, "r1:Khaled al-Hamwi", "r2:Khaled Alhamwi")
    assert together(parts, "r4:Abu Omar al-Tunisi", "r5:Abu Omar")
    assert not together(parts, "r6:Abu Omar", "r5:Abu Omar")
    assert not together(parts, "r6:Abu Omar", "r4:Abu Omar al-Tunisi")
    assert together(parts, "r4:Osama Haddad", "r5:Dr. Usama Haddad")


def test_ambiguous_short_form_stays_alone(settings: Settings) -> None:
    ms = [person("q1", "Khaled al-Hamwi"), person("q1", "Ahmad al-Hamwi"),
          person("q1", "al-Hamwi")]
    result = link(ms, [], [], settings)
    assert len({result.assignments[m.id] for m in ms}) == 3


def test_every_person_mention_has_an_entity_and_an_explanation(corpus: list[Mention],
                                                               settings: Settings) -> None:
    result = link(corpus, [], [], settings)
    entity_ids = {e.id for e in result.entities}
    for m in corpus:
        if m.kind in ("person", "group", "place"):
            assert result.assignments[m.id] in entity_ids
            assert result.explanations[m.id]["entity"] == result.assignments[m.id]
    linked = next(result.explanations[m.id] for m in corpus if m.text == "Suhail al-Hasan")
    assert linked["how"] == "linked" and linked["score"] >= settings.link_accept
    assert any(f[0] == "given" and f[2] for f in linked["features"])


def test_entities_carry_names_aliases_and_provenance(corpus: list[Mention],
                                                     settings: Settings) -> None:
    result = link(corpus, [], [], settings)
    general = next(e for e in result.entities if "Suhail al-Hasan" in [e.name, *e.aliases])
    assert general.kind == "person"
    forms = {"Brigadier General Suheil al-Hassan", "Suhail al-Hasan", "Souheil el-Hassan"}
    assert general.name in forms  # the fullest, most frequent form
    assert forms | {"al-Hassan"} == {general.name, *general.aliases}
    titles = general.attributes["titles"]
    assert titles[0]["value"] in {"brigadier general", "general"} and titles[0]["mentions"]
    assert general.attributes["places"] == {"geo-hama": 2, "geo-mhardeh": 1}
    assert general.attributes["titles"][0]["mentions"]


def test_incremental_equals_full_relink(settings: Settings) -> None:
    corpus = make_corpus()
    full = link(corpus, [], [], settings)
    by_report: dict[str, list[Mention]] = {}
    for m in corpus:
        by_report.setdefault(m.report, []).append(m)
    entities: dict[str, object] = {}
    assignments: dict[str, str] = {}
    for report in ["r5", "r2", "r6", "r1", "r4", "r3"]:  # not the order of the full run
        step = link(by_report[report], list(entities.values()), [], settings)  # type: ignore[arg-type]
        for eid in step.removed:
            entities.pop(eid, None)
        entities.update({e.id: e for e in step.entities})
        assignments.update(step.assignments)
    persons = [m.id for m in corpus if m.kind == "person"]
    assert {m: assignments[m] for m in persons} == {m: full.assignments[m] for m in persons}
    assert {e.id for e in full.entities} == set(entities)


def test_incremental_scores_only_what_new_mentions_touch(settings: Settings) -> None:
    first = [person("a1", "Rami Nassar"), person("a2", "Rami Nasar")]
    base = link(first, [], [], settings)
    later = link([person("b1", "Fadi Kanaan")], base.entities, [], settings)
    assert set(later.assignments) == {m for m in later.assignments if m not in base.assignments}


def test_negative_judgement_keeps_apart_and_withdrawing_restores(corpus: list[Mention],
                                                                 settings: Settings) -> None:
    osama = next(m for m in corpus if m.text == "Osama Haddad")
    usama = next(m for m in corpus if m.text == "Dr. Usama Haddad")
    apart = jm.judge(osama.id, usama.id, "negative", "analyst1", "different clinics")
    result = link(corpus, [], [apart], settings)
    assert result.assignments[osama.id] != result.assignments[usama.id]
    assert not any({r.mention_a, r.mention_b} == {osama.id, usama.id} for r in result.review)
    again = link(corpus, [], [jm.withdraw(apart)], settings)
    assert again.assignments[osama.id] == again.assignments[usama.id]


def test_newer_judgement_supersedes_older(corpus: list[Mention], settings: Settings) -> None:
    osama = next(m for m in corpus if m.text == "Osama Haddad")
    usama = next(m for m in corpus if m.text == "Dr. Usama Haddad")
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    old = jm.judge(osama.id, usama.id, "negative", "a", at=t0)
    new = jm.judge(osama.id, usama.id, "positive", "b", at=t0 + timedelta(days=1))
    result = link(corpus, [], [new, old], settings)
    assert result.assignments[osama.id] == result.assignments[usama.id]


def test_merge_and_split_are_reversible_judgements(corpus: list[Mention],
                                                   settings: Settings) -> None:
    base = link(corpus, [], [], settings)
    khaled = named(base.entities, "Khaled al-Hamwi")
    ahmad = named(base.entities, "Ahmad al-Hamwi")
    merged = link(corpus, [], [jm.merge(khaled, ahmad, "analyst1")], settings)
    ids = {merged.assignments[jm.anchor(khaled)], merged.assignments[jm.anchor(ahmad)]}
    assert len(ids) == 1
    general = named(base.entities, "Suhail al-Hasan")
    short = next(m.id for m in corpus if m.text == "al-Hassan")
    cut = jm.split(general, [short], "analyst1", "another officer")
    split = link(corpus, [], cut, settings)
    assert split.assignments[short] != split.assignments[jm.anchor(general)]
    undone = link(corpus, [], [jm.withdraw(j) for j in cut], settings)
    assert undone.assignments[short] == undone.assignments[jm.anchor(general)]


def test_judgement_on_entity_ids_applies_to_existing_entities(corpus: list[Mention],
                                                              settings: Settings) -> None:
    base = link(corpus, [], [], settings)
    khaled = named(base.entities, "Khaled al-Hamwi")
    ahmad = named(base.entities, "Ahmad al-Hamwi")
    same = jm.judge(khaled.id, ahmad.id, "positive", "analyst1")
    result = link([], base.entities, [same], settings)
    assert result.assignments[jm.anchor(khaled)] == result.assignments[jm.anchor(ahmad)]
    assert set(result.removed) & {khaled.id, ahmad.id}


def test_uncertain_pairs_go_to_review(settings: Settings) -> None:
    ms = [person("v1", "Suheil al-Hassan"), place("v1", "geo-hama", "Hama", "Hama"),
          person("v2", "Colonel al-Hassan"), place("v2", "geo-hama", "Hama", "Hama"),
          person("v3", "Suheil al-Hassan", title="Colonel")]
    result = link(ms, [], [], settings)
    assert result.assignments[ms[2].id] != result.assignments[ms[0].id]
    pairs = [r for r in result.review if ms[2].id in (r.mention_a, r.mention_b)]
    assert pairs and all(settings.link_review <= r.score for r in pairs)
    assert pairs[0].explanation["features"]


def test_groups_link_to_the_actor_dictionary_and_places_to_the_gazetteer(
        settings: Settings) -> None:
    ms = [group("g1", "grp-islamic-state", "IS"), group("g2", None, "the Assad regime"),
          group("g3", None, "Liwa al-Fajr al-Jadid"), group("g4", None, "Liwa el-Fajr al-Jadeed"),
          place("g1", "geo-raqqa", "Ar-Raqqah", "Raqqa"),
          place("g2", "geo-raqqa", "Raqqa", "Raqqa")]
    ms.append(Mention(id="m-nowhere", report="g2", kind="place", start=0, end=3, text="Tal X",
                      reason="no gazetteer entry"))
    result = link(ms, [], [], settings)
    assert result.assignments[ms[0].id] == "grp-islamic-state"
    assert result.assignments[ms[1].id] == "grp-syrian-government-forces"
    assert result.assignments[ms[2].id].startswith("grp-local-")
    assert result.assignments[ms[4].id] == result.assignments[ms[5].id] == "geo-raqqa"
    raqqa = next(e for e in result.entities if e.id == "geo-raqqa")
    assert {"Ar-Raqqah", "Raqqa"} <= {raqqa.name, *raqqa.aliases}
    assert raqqa.attributes["admin1"] == "Raqqa"
    assert "m-nowhere" in result.unlinked and "m-nowhere" not in result.assignments


def test_relinking_is_idempotent(corpus: list[Mention], settings: Settings) -> None:
    first = link(corpus, [], [], settings)
    second = link(corpus, first.entities, [], settings)
    assert second.assignments == first.assignments
    assert not second.removed
