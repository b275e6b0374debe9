"""Pairwise scores and their explanations (fictional names)."""

from __future__ import annotations

from conftest import group, person, place

from rasd.resolve.items import Item, person_items
from rasd.resolve.score import score_pair


def items(*mentions) -> list[Item]:  # type: ignore[no-untyped-def]
    return person_items(list(mentions))


def test_shared_family_name_alone_never_links() -> None:
    a, b = items(person("x1", "Khaled al-Hamwi"), person("x2", "Ahmad al-Hamwi"),
                 place("x1", "geo-hama", "Hama", "Hama"), place("x2", "geo-hama", "Hama", "Hama"))
    scored = score_pair(a, b)
    assert scored.veto and not scored.auto and scored.score <= 0.01
    given = [f for f in scored.features if f[0] == "given"]
    assert given and given[0][2] is False and given[0][1] < 0


def test_surname_only_short_form_goes_no_further_than_review() -> None:
    a, b = items(person("x1", "Suheil al-Hassan"), person("x2", "Colonel al-Hassan"))
    scored = score_pair(a, b)
    assert not scored.auto


def test_shared_kunya_in_different_towns_and_roles_is_apart() -> None:
    a, b = items(person("x1", "Abu Omar", role="commander", affiliation="grp-islamic-state"),
                 place("x1", "geo-raqqa", "Raqqa", "Raqqa"),
                 person("x2", "Abu Omar", role="doctor"),
                 place("x2", "geo-daraa", "Daraa", "Daraa"))
    scored = score_pair(a, b)
    assert not scored.auto and scored.score < 0.1
    assert {f[0] for f in scored.features if not f[2] and f[1] < 0} >= {"place", "role"}


def test_nisba_agrees_with_stated_nationality() -> None:
    a, b = items(person("x1", "Abu Omar al-Tunisi"), place("x1", "geo-raqqa", "Raqqa", "Raqqa"),
                 group("x1", "grp-islamic-state"),
                 person("x2", "Abu Omar", nationality="Tunisian"),
                 place("x2", "geo-raqqa", "Raqqa", "Raqqa"), group("x2", "grp-islamic-state"))
    scored = score_pair(a, b)
    assert ("origin", 2.0, True, "TN") in scored.features
    other = items(person("x3", "Abu Omar", nationality="Iraqi"))[0]
    assert score_pair(a, other).veto


def test_context_moves_the_score_both_ways() -> None:
    base = items(person("x1", "Osama Haddad"), person("x2", "Usama Haddad"))
    same = items(person("x1", "Osama Haddad"), place("x1", "geo-homs", "Homs", "Homs"),
                 person("x2", "Usama Haddad"), place("x2", "geo-homs", "Homs", "Homs"))
    apart = items(person("x1", "Osama Haddad", affiliation="grp-a"),
                  person("x2", "Usama Haddad", affiliation="grp-b"))
    assert score_pair(*apart).score < score_pair(*base).score < score_pair(*same).score


def test_every_feature_is_explained() -> None:
    a, b = items(person("x1", "Dr. Osama Haddad"), person("x2", "Usama Haddad", role="doctor"))
    explanation = score_pair(a, b).explanation()
    assert explanation["features"]
    for name, weight, agreed, detail in explanation["features"]:
        assert isinstance(name, str) and isinstance(weight, float)
        assert isinstance(agreed, bool) and isinstance(detail, str)
