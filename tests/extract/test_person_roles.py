"""Roles and affiliations of persons from descriptions (sentences written for Rasd, fictional)."""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language

import rasd.extract.groups
import rasd.extract.persons  # noqa: F401  (registers the factories)
from rasd.extract.group_names import local_group_id

OLIVE = local_group_id("Silver Olive Brigade")
OPENING = "The Silver Olive Brigade set up checkpoints around the village on Monday. "


@functools.lru_cache(maxsize=1)
def nlp() -> Language:  # groups then persons, as in the full pipeline
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("rasd_tokens")
    pipeline.add_pipe("rasd_groups")
    pipeline.add_pipe("rasd_persons")
    return pipeline


def value(text: str, name: str) -> dict[str, Any]:
    doc = nlp()(text)
    return next(dict(s._.value) for s in doc.spans["person"] if s.text == name)


def test_possessive_role_before_a_comma() -> None:
    v = value(OPENING + "A farmer said the brigade's commander, Abu Sakhr, threatened him.",
              "Abu Sakhr")
    assert (v["role"], v["category"], v["affiliation"]) == ("commander", "combatant", OLIVE)


def test_role_of_the_group_before_a_nickname_cue() -> None:
    text = OPENING + "The raid was led by a commander of the brigade known as Abu Sakhr."
    v = value(text, "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == ("commander", OLIVE)


def test_role_of_a_named_group_before_a_cue() -> None:
    text = "The raid was led by a commander of the Silver Olive Brigade known as Abu Sakhr."
    v = value(text, "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == ("commander", OLIVE)


def test_role_alone_before_a_cue() -> None:
    v = value("The office is run by a commander known as Abu Sakhr.", "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == ("commander", None)


def test_apposition_after_the_name_with_a_local_group() -> None:
    text = "Abu Sakhr, a commander in the Silver Olive Brigade, denied the charge on Monday."
    v = value(text, "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == ("commander", OLIVE)


def test_apposition_with_a_back_reference() -> None:
    text = OPENING + "Abu Sakhr, the brigade's commander, denied the charge."
    v = value(text, "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == ("commander", OLIVE)


def test_back_reference_with_two_brigades_named_is_nobody() -> None:
    text = ("The Silver Olive Brigade and the Red Valley Brigade set up checkpoints on Monday. "
            "A farmer said the brigade's commander, Abu Sakhr, threatened him.")
    v = value(text, "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == ("commander", None)


def test_back_reference_with_no_brigade_named_is_nobody() -> None:
    v = value("A farmer said the brigade's commander, Abu Sakhr, threatened him.", "Abu Sakhr")
    assert v["affiliation"] is None


def test_no_role_phrase_before_the_comma() -> None:
    v = value(OPENING + "In the village, Abu Sakhr said nothing had happened.", "Abu Sakhr")
    assert (v["role"], v["affiliation"]) == (None, None)
