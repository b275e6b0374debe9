"""Named armed groups outside the actor dictionary ("local" groups) as perpetrators, and the
report-level inference counting each unknown group as its own party. Fictional sentences."""

from __future__ import annotations

from spacy.language import Language

from rasd.extract.pipeline import extract


def _perps(nlp: Language, report_of, text: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[a.entity or "" for a in e.actors if a.role == "perpetrator"]
            for e in extract(nlp, report_of(text)).events]


def test_a_local_brigade_is_the_perpetrator_of_its_attack(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (perps, *_) = _perps(nlp, report_of, "FICTIONAL. The Green Valley Brigade shelled Saraqib "
                         "on Monday, killing four civilians.")
    assert len(perps) == 1 and perps[0].startswith("grp-local-")


def test_one_local_attacker_is_the_reports_attacker(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    perps = _perps(nlp, report_of, "FICTIONAL. The Green Valley Brigade shelled Saraqib on "
                   "Monday, killing four civilians. On Tuesday a mortar hit the market of Ariha, "
                   "killing two.")
    assert len(perps) == 2 and perps[0] == perps[1] and perps[0][0].startswith("grp-local-")


def test_two_unknown_groups_are_two_parties(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    """Side unknown is not one side: with two local attackers the third event stays open."""
    perps = _perps(nlp, report_of, "FICTIONAL. The Green Valley Brigade shelled Saraqib on "
                   "Monday. The Black Banner Battalion shelled a school in Ariha on Tuesday. On "
                   "Wednesday a mortar hit the market of Jisr al-Shughur, killing two.")
    assert len(perps) == 3 and perps[0] != perps[1] and perps[2] == []
