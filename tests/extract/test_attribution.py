"""rasd_attribution: who says what (sentences written for Rasd, fictional)."""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import rasd.extract.attribution
import rasd.extract.groups
import rasd.extract.persons  # noqa: F401  (registers the factories)
from rasd.extract.attribution import attribution_for


@functools.lru_cache(maxsize=1)
def nlp() -> Language:  # groups, persons, attribution (places, dates... are not needed here)
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    for name in ("rasd_groups", "rasd_persons", "rasd_attribution"):
        pipeline.add_pipe(name)
    return pipeline


def quotes(doc: Doc) -> list[tuple[str, dict[str, Any]]]:
    return [(s.text, dict(s._.value)) for s in doc.spans["quote"]]


def only(text: str) -> tuple[str, dict[str, Any]]:
    doc = nlp()(text)
    (found,) = quotes(doc)
    return found


def test_x_said_that() -> None:
    claim, v = only("Karim Nassar said that four shells hit the school.")
    assert claim == "four shells hit the school"
    assert (v["speaker"], v["speaker_kind"], v["cue"]) == ("Karim Nassar", "person", "said")


def test_claim_then_said_x_group() -> None:
    text = "Nine civilians died in the raid, the Syrian Observatory for Human Rights said."
    claim, v = only(text)
    assert claim == "Nine civilians died in the raid"
    assert v["speaker_kind"] == "group"
    assert v["speaker"] == "the Syrian Observatory for Human Rights"


def test_inverted_said_x_after_quotation() -> None:
    text = '"We buried eleven people," said Hiba Darwish, a nurse.'
    claim, v = only(text)
    assert claim == "We buried eleven people"
    assert v["speaker"] == "Hiba Darwish"


def test_according_to_sources() -> None:
    claim, v = only("According to local sources, the bakery was destroyed.")
    assert claim == "the bakery was destroyed"
    assert (v["speaker_kind"], v["cue"]) == ("source", "according to")


def test_according_to_at_the_end() -> None:
    claim, v = only("The regime dropped barrel bombs on the town, according to activists.")
    assert claim == "The regime dropped barrel bombs on the town"
    assert v["speaker_kind"] == "anonymous"


def test_told_hearer_and_affiliation_in_apposition() -> None:
    text = "Omar Sweid, a reporter for Orient News, told Reuters the checkpoint was stormed."
    claim, v = only(text)
    assert claim == "the checkpoint was stormed"
    assert v["hearer"] == "Reuters"
    assert v["affiliation"] == "grp-syrian-opposition-media"


def test_sources_told_media() -> None:
    claim, v = only("Medical sources told SANA that five people were injured.")
    assert claim == "five people were injured"
    assert v["speaker_kind"] == "source"
    assert v["hearer"] == "SANA"


def test_quotation_over_two_sentences_and_pronoun() -> None:
    text = ('Nadia Kurdi said: "The jets came twice. The second strike hit the bread queue." '
            "She added that the hospital was full.")
    doc = nlp()(text)
    found = quotes(doc)
    assert found[0][0] == "The jets came twice. The second strike hit the bread queue"
    assert found[1][1]["speaker"] == "Nadia Kurdi" and found[1][1]["pronoun"] == "She"


def test_attribution_for_words_inside_a_quotation() -> None:
    text = 'Nadia Kurdi said: "The jets came twice. The second strike hit the bread queue."'
    doc = nlp()(text)
    start = text.index("second strike")
    who = attribution_for(doc, start, start + len("second strike"))
    assert who is not None and who["speaker"] == "Nadia Kurdi"
    assert attribution_for(doc, 0, 5) is None


def test_unattributed_sentence_has_no_quote() -> None:
    doc = nlp()("Shells fell on the market at noon. The market was closed.")
    assert quotes(doc) == []


def test_statement_without_known_speaker_is_left_out() -> None:
    doc = nlp()("It said the convoy had left.")
    assert quotes(doc) == []
