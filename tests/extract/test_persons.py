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
    pipeline.add_pipe("rasd_tokens")
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
    assert v["parts"]["family"] == "Kassab" and v["parts"]["given"] is None  # a surname


def test_title_before_a_lexicon_given_name_keeps_it_given() -> None:
    assert value("Dr. Ahmed said it.", "Ahmed")["parts"]["given"] == "Ahmed"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Brigadier General Issam Hamdan was killed on the road to the village.",
         "Issam Hamdan", "Brigadier General"),
        ("Defence Minister Ali Abdullah Ayoub visited the front.", "Ali Abdullah Ayoub",
         "Defence Minister"),
        ("He met Lt. Col. Samir Haddad at the gate.", "Samir Haddad", "Lt. Col."),
        ("The envoy met Brig. Gen. Omar Haddad.", "Omar Haddad", "Brig. Gen."),
    ],
)
def test_titles_of_several_words(text: str, name: str, title: str) -> None:
    v = value(text, name)
    assert v["title"] == title
    assert v["category"] in {"combatant", "official"}


def test_abbreviated_title_does_not_end_the_sentence() -> None:
    doc = run("He met Lt. Col. Samir Haddad. He was promoted to Lt. The next day he left.")
    assert [s.text for s in doc.sents] == ["He met Lt. Col. Samir Haddad.",
                                           "He was promoted to Lt.", "The next day he left."]


def test_laqab_after_kunya() -> None:
    v = value("Abu Hafs al-Ansari gave the order.", "Abu Hafs al-Ansari")
    assert v["parts"]["kunya"] == "Abu Hafs"
    assert v["parts"]["laqab"] == "al-Ansari"
    assert v["parts"]["nisba"] is None  # al-Ansari names no country


def test_middle_given_name_is_the_nasab() -> None:
    v = value("Ali Abdullah Ayoub, a fictional teacher, was detained.", "Ali Abdullah Ayoub")
    assert (v["parts"]["given"], v["parts"]["nasab"], v["parts"]["family"]) == (
        "Ali", "Abdullah", "Ayoub")
    v = value("The envoy John Paul Miller arrived.", "John Paul Miller")
    assert (v["parts"]["given"], v["parts"]["nasab"], v["parts"]["family"]) == (
        "John", None, "Miller")


def test_western_name_with_apposition_and_later_surname() -> None:
    text = "John Miller, a British journalist, was released. Miller said he was well."
    doc = run(text)
    full, part = list(doc.spans["person"])
    assert full.text == "John Miller" and full._.value["nationality"] == "GB"
    assert full._.value["category"] == "media"
    assert part.text == "Miller" and part._.value["refers_to"] == (full.start_char, full.end_char)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents of Salah al-Din fled the shelling.", []),
        ("The Salah al-Din district was shelled again.", []),
        ("Salah al-Din al-Shishani led the assault.", ["Salah al-Din al-Shishani"]),
        ("Salah al-Din Haddad, a teacher, was detained.", ["Salah al-Din Haddad"]),
        ("Shells fell on Abu Kamal at dawn.", []),
        ("Fighters of Nour al-Din al-Zenki entered the town.", []),
        ("Nour al-Din Haddad said the road was closed.", ["Nour al-Din Haddad"]),
    ],
)
def test_names_that_are_places_or_groups_settled_by_context(text: str,
                                                            expected: list[str]) -> None:
    assert names(text) == expected


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


ARABIC = ("قال الناشط سامر الحلبي إن القصف استمر. وأفاد شقيقه عمر بأن أبو حمزة الشامي أمر "
          "بالاعتقال. وأضاف: اعتقلوا سامر أمام مسجد خالد بن الوليد، ونقلوا الحلبي إلى الفرع. "
          "وقال المتطوع حسن قطريب: وجدنا الجثث. وعمار العلي (31 عاماً) نجا.")  # fictional


def test_arabic_script_names() -> None:
    doc = run(ARABIC)
    found = {s.text: dict(s._.value) for s in doc.spans["person"]}
    assert found["سامر الحلبي"]["parts"]["family"] == "الحلبي"
    assert found["عمر"]["title"] == "شقيقه"
    assert found["أبو حمزة الشامي"]["parts"]["kunya"] == "أبو حمزة"
    assert found["حسن قطريب"]["parts"]["given"] == "حسن"
    assert found["وعمار العلي"]["name"] == "عمار العلي"  # the conjunction stays out of the name
    assert "خالد" not in found and "خالد بن الوليد" not in found  # a mosque


def test_arabic_later_partial_names_point_at_the_full_name() -> None:
    doc = run(ARABIC)
    spans = list(doc.spans["person"])
    full = next(s for s in spans if s.text == "سامر الحلبي")
    later = [s for s in spans if s.text in {"سامر", "الحلبي"}]
    assert len(later) == 2
    assert all(s._.value["refers_to"] == (full.start_char, full.end_char) for s in later)


def test_arabic_words_without_evidence_are_not_persons() -> None:
    assert names("قصفت الطائرات مدينة حماة يوم الثلاثاء وقتل محمد.") == []
    assert names("سقطت قذائف على أبو كمال فجراً.") == []
