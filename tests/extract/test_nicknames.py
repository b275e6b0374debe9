"""Quoted nicknames of people. Fictional sentences, written for Rasd."""

from __future__ import annotations

from typing import Any

import pytest
from test_persons import run


def persons(text: str) -> list[tuple[str, dict[str, Any]]]:
    doc = run(text)
    return [(s.text, dict(s._.value)) for s in doc.spans["person"]]


@pytest.mark.parametrize(("text", "name", "kunya"), [
    ("A man known as 'Abu Ali' opened fire at the checkpoint.", "Abu Ali", "Abu Ali"),
    ('The commander, nicknamed "the Butcher", ordered the raid.', "the Butcher", None),
    ("The jailer, known as 'the Doctor', beat the detainees.", "the Doctor", None),
    ("The Tunisian 'Abu Hamza' ran the court.", "Abu Hamza", "Abu Hamza"),
    ('A militant dubbed "Abu Suleiman al-Halabi" led the raid.', "Abu Suleiman al-Halabi",
     "Abu Suleiman"),
])
def test_a_quoted_nickname_is_a_person(text: str, name: str, kunya: str | None) -> None:
    found = persons(text)
    assert [n for n, _ in found] == [name]
    parts = found[0][1]["parts"]
    assert parts["nickname"] == name and parts["kunya"] == kunya


def test_a_nickname_after_a_name_is_its_part_and_refers_to_it() -> None:
    text = 'Samir Haddad, nicknamed "the Engineer", was arrested at dawn.'
    (full, full_value), (nick, nick_value) = persons(text)
    assert (full, nick) == ("Samir Haddad", "the Engineer")
    assert full_value["parts"]["nickname"] == "the Engineer"
    assert nick_value["refers_to"] == (0, len("Samir Haddad"))


@pytest.mark.parametrize("text", [
    'The alliance is known as "the Southern Front" in the area.',
    'Residents call the prison "the Slaughterhouse".',
    'The town, known as "the Gate of the North", was shelled.',
    "They call it 'the cage'.",
])
def test_quoted_words_without_a_person_are_not_a_nickname(text: str) -> None:
    assert persons(text) == []
