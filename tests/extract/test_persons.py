"""rasd_persons: names of people (sentences written for Rasd, fictional)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import rasd.extract.groups
import rasd.extract.persons  # noqa: F401  (registers the factories)


@functools.lru_cache(maxsize=1)
def nlp() -> Language:  # groups then persons, as in the full pipeline
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("rasd_groups")
    pipeline.add_pipe("rasd_persons")
    return pipeline


def run(text: str) -> Doc:
    return nlp()(text)


def names(text: str) -> list[str]:
    doc = run(text)
    return [s.text for s in doc.spans["person"]]


def value(text: str, name: str) -> dict[str, Any]:
    doc = run(text)
    return next(dict(s._.value) for s in doc.spans["person"] if s.text == name)


def test_kunya_and_nisba() -> None:
    v = value("Abu Omar al-Tunisi led the raid.", "Abu Omar al-Tunisi")
    assert v["parts"]["kunya"] == "Abu Omar"
    assert v["parts"]["nisba"] == "al-Tunisi"
    assert v["nationality"] == "TN"


def test_given_nasab_compound() -> None:
    v = value("Abd al-Rahman bin Khalil was detained.", "Abd al-Rahman bin Khalil")
    assert v["parts"]["given"] == "Abd al-Rahman"
    assert v["parts"]["nasab"] == "bin Khalil"


def test_nickname_in_quotes() -> None:
    text = 'Mahmoud "Abu Jandal" al-Homsi was seen at the checkpoint.'
    v = value(text, 'Mahmoud "Abu Jandal" al-Homsi')
    assert v["parts"]["nickname"] == "Abu Jandal"
    assert v["parts"]["given"] == "Mahmoud"


def test_quoted_kunya_after_nationality() -> None:
    v = value("The Tunisian 'Abu Hamza' ran the court.", "Abu Hamza")
    assert v["nationality"] == "TN"
    assert v["parts"]["kunya"] == "Abu Hamza"


def test_title_and_role_are_kept_out_of_the_name() -> None:
    v = value("Activist Yasser Hamdan filmed the strike.", "Yasser Hamdan")
    assert v["role"] == "activist"
    v = value("The raid killed Dr. Kassab in his clinic.", "Kassab")
    assert v["title"] == "Dr." and v["category"] == "medical"


def test_western_names_and_particles() -> None:
    assert "Pierre de Lacroix" in names("The envoy Pierre de Lacroix arrived in Geneva.")


def test_affiliation_before_the_name() -> None:
    v = value("IS commander Abu Khattab al-Iraqi was killed.", "Abu Khattab al-Iraqi")
    assert v["affiliation"] == "grp-islamic-state"
    assert v["category"] == "combatant"


def test_affiliation_in_apposition() -> None:
    text = "Samer Qassab, a commander of the Free Syrian Army, denied it."
    v = value(text, "Samer Qassab")
    assert v["affiliation"] == "grp-free-syrian-army"
    assert v["role"] == "commander"


def test_partial_reference_points_at_the_full_name() -> None:
    text = "Fadi Haddad runs the clinic. Haddad said the roof collapsed."
    doc = run(text)
    full, part = list(doc.spans["person"])
    assert part.text == "Haddad"
    assert part._.value["refers_to"] == (full.start_char, full.end_char)


def test_partial_reference_not_linked_when_two_people_share_it() -> None:
    text = "Fadi Haddad and Rana Haddad were arrested. Haddad was released later."
    doc = run(text)
    last = list(doc.spans["person"])[-1]
    assert last.text == "Haddad"
    assert last._.value["refers_to"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Shells fell on Abu Kamal at dawn.",
        "Clashes in the Sheikh Maqsoud neighbourhood continued.",
        "The Khaled bin al-Walid mosque was damaged.",
        "The Salah al-Din district was shelled.",
        "Residents of Maarat-al-Numan fled.",
        "Regime Shelling Kills Dozens In Eastern Ghouta",
        "FIGHTERS SEIZE HILL NEAR ALEPPO",
        "General Command of the Army said the town was secured.",
        "Islam forbids this, the preacher said.",
        "On Monday the Sultan Murad Division entered the town.",
    ],
)
def test_not_persons(text: str) -> None:
    assert names(text) == []


def test_no_person_overlaps_a_group() -> None:
    doc = run("Fighters of Nour al-Din al-Zenki and Jaysh Khalid ibn al-Walid clashed.")
    groups = {i for s in doc.spans["group"] for i in range(s.start, s.end)}
    assert groups
    assert all(not groups & set(range(s.start, s.end)) for s in doc.spans["person"])


def test_single_given_name_in_a_list_of_victims() -> None:
    assert names("The dead included Hassan, 12, and his cousin Yousef.") == ["Hassan", "Yousef"]


def test_headline_needs_lexicon_names() -> None:
    found = names("Shelling Kills Ahmed Haddad And Two Children\nThe shelling began at noon.")
    assert found == []
