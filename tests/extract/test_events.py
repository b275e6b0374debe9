"""Events from fictional sentences: type, modality, background, counts, one event per
occurrence. Perpetrator tests need the groups component and skip without it."""

from __future__ import annotations

from spacy.language import Language

from rasd.extract.events import load_taxonomy
from rasd.extract.pipeline import extract


def _events(nlp: Language, report_of, text: str):  # type: ignore[no-untyped-def]
    return extract(nlp, report_of(text)).events


def test_taxonomy_has_acled_shape() -> None:
    tax = load_taxonomy()
    assert len({s.event_type for s in tax.subs}) == 6
    assert len(tax.subs) == 25
    assert len(tax.violations) == 19


def test_air_strike_with_civilian_deaths(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "Warplanes struck the market on Tuesday, killing at "
                       "least 12 civilians, including 3 children.")
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence",
                                                        "Air/drone strike")
    assert event.fatalities() == (12, 12, 12)
    assert "killing_of_civilians" in event.violations
    assert str(event.date_start) == "2017-04-04" and event.time_precision == 1
    assert event.modality == "asserted" and not event.background


def test_headline_and_body_are_one_event(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, report_of, "Car bomb kills six in the city. A car bomb exploded "
                     "near the bakery on Monday, killing six people and wounding 20.")
    assert len(events) == 1
    assert events[0].sub_event_type == "Remote explosive/landmine/IED"
    assert {c.kind for c in events[0].counts} == {"killed", "injured"}


def test_execution(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "Militants executed five men in the square last week.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert "execution" in event.violations
    assert event.time_precision == 2


def test_planned_denied_hypothetical(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    text = ("Troops were massing ahead of an offensive on the valley. "
            "The ministry denied shelling the village. "
            "If talks fail, artillery would pound the hills.")
    modalities = [e.modality for e in _events(nlp, report_of, text)]
    assert modalities == ["planned", "denied", "hypothetical"]


def test_background_history_apart(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    text = ("Mortar shells hit the old quarter on Sunday, killing two people. "
            "In 1982 the city was shelled for weeks.")
    events = _events(nlp, report_of, text)
    assert [e.background for e in events] == [False, True]
    assert str(events[1].date_start) == "1982-01-01"


def test_cumulative_toll_is_not_news(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "More than 300000 people have been killed since the "
                       "conflict began.")
    assert event.background


def test_no_event_in_plain_text(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, report_of, "The committee met to discuss the school timetable.") == []


def test_perpetrator_subject_and_by_agent(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    import pytest

    if "rasd_groups" not in nlp.pipe_names:
        pytest.skip("groups component not installed")
    (e1,) = _events(nlp, report_of, "Syrian government forces shelled the village on Monday.")
    (e2,) = _events(nlp, report_of, "The bakery was hit by an air strike carried out by the "
                    "Islamic State on Monday.")
    perps = [[a.entity for a in e.actors if a.role == "perpetrator"] for e in (e1, e2)]
    assert perps[0] == ["grp-syrian-government-forces"]
    assert perps[1] and perps[1][0].startswith("grp-islamic-state")
