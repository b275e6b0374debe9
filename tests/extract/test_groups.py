"""rasd_groups: the actor dictionary found in text (sentences written for Rasd, fictional)."""

from __future__ import annotations

import functools

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import rasd.extract.groups  # noqa: F401  (registers the factory)
from rasd.taxonomy import alias_key, load_actors


@functools.lru_cache(maxsize=1)
def nlp() -> Language:  # a pipeline of this component alone
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("rasd_groups")
    return pipeline


def groups(text: str) -> list[tuple[str, str]]:
    doc = pipeline_doc(text)
    return [(s.text, s._.entity) for s in doc.spans["group"]]


def pipeline_doc(text: str) -> Doc:
    return nlp()(text)


def test_dictionary_is_consistent() -> None:
    actors = load_actors()
    assert len(actors) > 100
    for group in actors.groups.values():
        assert group.id.startswith("grp-")
        assert group.actor_type in {
            "State Forces", "Rebel Groups", "Political Militias", "Identity Militias",
            "Rioters", "Protesters", "Civilians", "External/Other Forces",
        }
        assert group.side in {"government", "opposition", "jihadist", "kurdish", "foreign", "civil"}
    assert actors.ancestors("grp-4th-armoured-division")[:2] == [
        "grp-syrian-arab-army", "grp-syrian-government-forces",
    ]


def test_lookup_by_alias_key() -> None:
    actors = load_actors()
    assert alias_key("the Al-Nusra Front") == alias_key("el Nusra front")
    assert [g.id for g in actors.lookup("Daesh")] == ["grp-islamic-state"]
    assert [g.id for g in actors.lookup("IS")] == ["grp-islamic-state"]
    assert actors.lookup("is") == []
    assert [g.id for g in actors.lookup("داعش")] == ["grp-islamic-state"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regime forces shelled.", ("The regime forces", "grp-syrian-government-forces")),
        ("Fighters of ISIL entered the town.", ("ISIL", "grp-islamic-state")),
        ("Daesh militants withdrew at dawn.", ("Daesh militants", "grp-islamic-state")),
        ("Units of the Free Army held the hill.", ("the Free Army", "grp-free-syrian-army")),
        ("Jabhat al Nusra fighters moved in.", ("Jabhat al Nusra", "grp-jabhat-al-nusra")),
        ("The YPG took the dam.", ("The YPG", "grp-ypg")),
        ("US-led coalition jets struck.", ("US-led coalition jets", "grp-us-led-coalition")),
        ("Hezbollah fighters arrived.", ("Hezbollah fighters", "grp-hezbollah")),
    ],
)
def test_aliases(text: str, expected: tuple[str, str]) -> None:
    assert expected in groups(text)


def test_acronym_only_in_upper_case() -> None:
    assert groups("This is what is left of the market.") == []
    assert groups("IS claimed the attack.") == [("IS", "grp-islamic-state")]


def test_acronym_not_in_all_caps_headline() -> None:
    assert groups("WHAT IS LEFT OF THE MARKET") == []


def test_amnesty_as_word_is_not_the_ngo() -> None:
    assert groups("The decree granted a general amnesty to deserters.") == []
    assert groups("Amnesty said the prison was overcrowded.") == [("Amnesty", "grp-amnesty")]


def test_the_army_is_the_syrian_army_by_default() -> None:
    found = groups("The army said it had retaken the hill.")
    assert found == [("The army", "grp-syrian-arab-army")]


def test_the_army_follows_the_army_the_report_names() -> None:
    found = groups("The Turkish army moved south. The army said two soldiers died.")
    assert ("The army", "grp-turkish-forces") in found


def test_the_army_is_dropped_when_two_armies_are_named() -> None:
    found = groups("The Turkish army and the Iraqi army met. The army said it was ready.")
    assert all(text != "The army" for text, _ in found)


def test_generic_reference_resolves_to_the_only_candidate() -> None:
    text = "Islamic State fighters seized the village. The organization later executed two men."
    assert ("The organization", "grp-islamic-state") in groups(text)


def test_generic_reference_left_out_when_ambiguous() -> None:
    text = "IS and Jabhat al-Nusra fought. The organization lost ten men."
    assert all(text != "The organization" for text, _ in groups(text))


def test_generic_reference_without_any_candidate_is_left_out() -> None:
    assert groups("The militants stormed the checkpoint.") == []


def test_span_values() -> None:
    doc = nlp()("The Syrian Observatory for Human Rights counted the dead.")
    (span,) = doc.spans["group"]
    assert span._.value["id"] == "grp-sohr"
    assert span._.value["kind"] == "civil"
    assert span._.value["actor_type"] == "Civilians"
    assert 0 < span._.confidence <= 1


def test_longest_alias_wins() -> None:
    found = groups("Bashar al-Assad's forces advanced.")
    assert found == [("Bashar al-Assad's forces", "grp-syrian-government-forces")]


def test_the_air_force_is_the_syrian_one_unless_another_state_is_named() -> None:
    assert groups("The air force struck the fictional village of Tell Sawda.") == [
        ("The air force", "grp-syrian-air-force")]
    named_army = groups("The Syrian army advanced. The air force struck the hill.")
    assert ("The air force", "grp-syrian-air-force") in named_army
    israeli = groups("Israeli jets hit a depot. The air force said the strike was over.")
    assert ("The air force", "grp-israeli-forces") in israeli


def test_the_air_force_is_dropped_when_regime_and_russia_are_named() -> None:
    found = groups("Regime forces and Russian troops advanced. The air force struck the hill.")
    assert all(text != "The air force" for text, _ in found)


def test_plain_civil_defence_is_the_white_helmets() -> None:
    found = groups("Civil defence teams dug for hours. The civil defence said five were hurt.")
    assert [gid for _, gid in found] == ["grp-white-helmets", "grp-white-helmets"]


@pytest.mark.parametrize(("text", "expected"), [  # fictional Arabic sentences
    ("قصف النظام بلدة تل سودا.", ("النظام", "grp-syrian-government-forces")),
    ("اعتقلت ميليشيا الدفاع الوطني عشرة شبان.",
     ("ميليشيا الدفاع الوطني", "grp-national-defence-forces")),
    ("أعلن تنظيم داعش مسؤوليته. وقال التنظيم إن مقاتليه انسحبوا.",
     ("التنظيم", "grp-islamic-state")),
])
def test_arabic_generic_references(text: str, expected: tuple[str, str]) -> None:
    assert expected in groups(text)


def test_arabic_the_organization_needs_a_named_group() -> None:
    assert groups("وقال التنظيم إن مقاتليه انسحبوا.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The statement said the crusader coalition struck the bridge.", "grp-us-led-coalition"),
    ("A claim blamed the Crusader alliance for the strike.", "grp-us-led-coalition"),
    ("قال التنظيم إن طيران التحالف الصليبي قصف الجسر", "grp-us-led-coalition"),
    ("The Turkish occupation army shelled the village.", "grp-turkish-forces"),
    ("Turkish occupation forces shelled the village.", "grp-turkish-forces"),
    ("قصف جيش الاحتلال التركي القرية", "grp-turkish-forces"),
    ("قصف طيران النظام البلدة", "grp-syrian-air-force"),
    ("Turkish-backed mercenaries looted the shops.", "grp-syrian-national-army"),
])
def test_partisan_and_arabic_aliases(text: str, expected: str) -> None:
    assert expected in [gid for _, gid in groups(text)]


def test_mercenaries_of_the_occupation_army_keep_the_army_mention() -> None:
    found = groups("Mercenaries of the Turkish occupation army kidnapped two men.")
    assert found == [("the Turkish occupation army", "grp-turkish-forces")]


@pytest.mark.parametrize(("text", "gid"), [
    ("FICTIONAL. Fighters of Jeish al-Fath entered the town.", "grp-jaysh-al-fatah"),
    ("FICTIONAL. The Islamic Front said its fighters held the crossing.", "grp-islamic-front"),
])
def test_press_spellings_of_coalitions(text: str, gid: str) -> None:
    assert gid in {entity for _, entity in groups(text)}
