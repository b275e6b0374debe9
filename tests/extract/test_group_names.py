"""Named armed groups not in the actor dictionary (sentences written for Rasd, fictional)."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

import rasd.extract.groups  # noqa: F401  (registers the factory)
from rasd.extract.group_names import group_head, local_group_id
from rasd.model import Mention
from rasd.resolve.known import group_entity_id


@functools.lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("rasd_tokens")
    pipeline.add_pipe("rasd_groups")
    return pipeline


def groups(text: str) -> list[tuple[str, str]]:
    doc = nlp()(text)
    return [(s.text, s._.entity) for s in doc.spans["group"]]


def test_english_name_with_a_head_noun_is_a_local_group() -> None:
    found = groups("Residents said the so-called Silver Olive Brigade set up a checkpoint.")
    assert found == [("Silver Olive Brigade", local_group_id("Silver Olive Brigade"))]


def test_local_id_is_the_linkers() -> None:
    gid = local_group_id("the Silver Olive Brigade")
    mention = Mention(id="m1", report="r1", kind="group", start=0, end=20,
                      text="Silver Olive Brigade")
    assert group_entity_id(mention, set())[0] == gid
    assert gid.startswith("grp-local-")


def test_every_head_of_the_data_file() -> None:
    for head in ("Battalion", "Division", "Front", "Movement", "Regiment", "Legion"):
        text = f"Fighters of the Red Valley {head} shelled the checkpoint on Monday, medics said."
        assert [t for t, _ in groups(text)] == [f"the Red Valley {head}"], head


def test_name_with_of_and_article_forms() -> None:
    text = "Fighters of the Martyrs of al-Qasr Battalion held the bridge on Monday, a monitor said."
    assert [t for t, _ in groups(text)] == ["the Martyrs of al-Qasr Battalion"]


def test_transliterated_heads() -> None:
    text = ("On Monday fighters of Liwa Suyuf al-Haqq and of Katibat Nujum al-Layl attacked a "
            "checkpoint, while Harakat Rimal al-Sahil stayed out of the fighting.")
    found = [t for t, _ in groups(text)]
    assert found == ["Liwa Suyuf al-Haqq", "Katibat Nujum al-Layl", "Harakat Rimal al-Sahil"]
    assert group_head("Liwa Suyuf al-Haqq") == "brigade"
    assert group_head("Firqat al-Sahil") == "division"
    assert group_head("the Silver Olive Brigade") == "brigade"


def test_dictionary_alias_wins() -> None:
    assert groups("Jaish al-Islam shelled the town on Monday, a monitor said.") == [
        ("Jaish al-Islam", "grp-jaysh-al-islam")]


def test_no_name_no_group() -> None:
    assert groups("Rebel Brigade fighters attacked the checkpoint at dawn, residents said.") == []
    assert groups("He said the brigade and the army were both there on Monday.") == [
        ("the army", "grp-syrian-arab-army")]
    assert groups("The Commander of the Brigade met the elders of the town on Monday.") == []


def test_nationality_alone_is_no_faction() -> None:
    assert groups("Soldiers of the Lebanese Brigade crossed on Monday, a monitor said.") == []


def test_title_before_the_name_is_left_out() -> None:
    found = groups("The Commander of Silver Olive Brigade met the elders of the town on Monday.")
    assert [t for t, _ in found] == ["Silver Olive Brigade"]


def test_headline_case_line_is_not_read() -> None:
    assert groups("Gunmen Storm Village Near Silver Olive Brigade Positions") == []


def test_translation_and_transliteration_apart_without_a_statement() -> None:
    text = ("The Silver Olive Brigade took the village on Monday. Liwa al-Zaytun al-Fiddi "
            "denied any role in the raid, a monitor said.")
    (_, a), (_, b) = groups(text)
    assert a != b


def test_name_in_parentheses_is_the_same_group() -> None:
    text = ("The Silver Olive Brigade (Liwa al-Zaytun al-Fiddi) took the village on Monday. "
            "Later, Liwa al-Zaytun al-Fiddi denied any role in the raid, a monitor said.")
    found = groups(text)
    assert [t for t, _ in found] == ["The Silver Olive Brigade", "Liwa al-Zaytun al-Fiddi",
                                     "Liwa al-Zaytun al-Fiddi"]
    assert {e for _, e in found} == {local_group_id("Silver Olive Brigade")}


def test_local_name_in_parentheses_after_a_dictionary_group() -> None:
    text = "The Army of Islam (Jaish Zahran al-Kabir) shelled the town on Monday, a monitor said."
    found = groups(text)
    assert [e for _, e in found] == ["grp-jaysh-al-islam", "grp-jaysh-al-islam"]


def test_headline_run_into_the_text_is_not_read() -> None:
    text = ("Mon Aug 1 2016 Jaish Nujum Fighters Killed by Army Strikes Near Town. "
            "Fighters of the group were hit on Monday, a monitor said.")
    assert [t for t, _ in groups(text)] == []


def test_transliterated_name_ends_after_its_article_parts() -> None:
    text = "Witnesses said Jaish Al Nujum Fighters stormed the village on Monday at dawn."
    assert [t for t, _ in groups(text)] == ["Jaish Al Nujum"]


def test_names_run_together_are_no_name() -> None:
    text = ("Factions including the Red Valley Army Silver Olive Brigade and others joined the "
            "talks, the statement said.")
    assert "Red Valley Army Silver Olive Brigade" not in [t for t, _ in groups(text)]
    assert "Silver Olive Brigade" not in [t for t, _ in groups(text)]
