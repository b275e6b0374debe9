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
    assert event.fatalities()[:2] == (12, 12)  # "at least": no upper bound
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


def _perps(nlp: Language, report_of, text: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    import pytest

    if "rasd_groups" not in nlp.pipe_names:
        pytest.skip("groups component not installed")
    return [[a.entity for a in e.actors if a.role == "perpetrator" and a.entity]
            for e in _events(nlp, report_of, text)]


def test_attack_phrase_names_both_parties(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (perps,) = _perps(nlp, report_of, "Regime and Russian warplanes struck the fictional "
                      "village of Tell Sawda on Monday, killing four civilians.")
    assert perps == ["grp-syrian-government-forces", "grp-russian-forces"]


def test_strikes_are_air_strikes(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "Russian strikes killed 34 civilians in the village.")
    assert event.sub_event_type == "Air/drone strike"
    assert [a.entity for a in event.actors if a.role == "perpetrator"] == ["grp-russian-forces"]


def test_held_areas_are_targets_not_perpetrators(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    text = "Shelling hit a village held by the Islamic State on Tuesday, killing two people."
    (perps,) = _perps(nlp, report_of, text)
    assert perps == []
    (event,) = _events(nlp, report_of, text)
    assert [a.entity for a in event.actors if a.role == "target"] == ["grp-islamic-state"]


def test_victims_side_is_not_the_killer(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    assert _perps(nlp, report_of, "Twelve rebels were killed in clashes with government "
                  "forces near the town on Monday.") == [["grp-syrian-government-forces"]]
    (perps,) = _perps(nlp, report_of, "Government forces killed 20 Islamic State fighters "
                      "near the town on Monday.")
    assert perps == ["grp-syrian-government-forces"]


def test_country_as_agent_and_signature_weapon(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    assert _perps(nlp, report_of, "Air strikes carried out by Russia killed six people in "
                  "the village on Monday.") == [["grp-russian-forces"]]
    (event,) = _events(nlp, report_of, "A barrel bomb hit a bakery in the town on Monday, "
                       "killing five people.")
    assert [a.entity for a in event.actors if a.role == "perpetrator"] == ["grp-syrian-air-force"]


def test_no_attacker_named_no_perpetrator(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    assert _perps(nlp, report_of, "Unknown gunmen killed two men in the market, the Syrian "
                  "Observatory for Human Rights said.") == [[]]


def test_either_or_and_held_district(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    import pytest

    if "rasd_groups" not in nlp.pipe_names:
        pytest.skip("groups component not installed")
    doc = nlp("Turkish or Russian warplanes bombed the fictional hospital on Monday, killing "
              "nine patients.")
    (raw,) = doc._.events
    assert [a["rule"] for a in raw["actors"] if a["role"] == "perpetrator"] == [
        "attack phrase, one of the parties it names with 'or'"] * 2
    (event,) = _events(nlp, report_of, "Russian or Syrian warplanes bombed the fictional "
                       "hospital on Monday, killing nine patients.")
    assert [(a.entity, a.rule) for a in event.actors if a.role == "perpetrator"] == [
        ("grp-syrian-or-russian-air-forces", "attack phrase")]  # neither state blamed alone
    (event,) = _events(nlp, report_of, "The regime-held district was shelled by rebels on "
                       "Monday, killing three people.")
    roles = {(a.role, a.entity) for a in event.actors if a.entity}
    assert roles == {("perpetrator", "grp-syrian-opposition-rebels"),
                     ("target", "grp-syrian-government-forces")}


def test_toll_of_the_past_day_is_news(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    recent = _events(nlp, report_of, "Air strikes killed 20 fighters over the past 24 hours.")
    assert [e.background for e in recent] == [False]
    old = _events(nlp, report_of, "Air strikes killed 2000 fighters over the past years.")
    assert [e.background for e in old] == [True]


def test_chemical_massacre_is_a_chemical_attack(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "The opposition said a chemical massacre in the "
                       "fictional town of Tell Sawda killed 40 people on Monday.")
    assert event.sub_event_type == "Chemical weapon"


def test_a_group_pounded_by_strikes_is_not_their_perpetrator(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    """A passive headline ("X Pounded by 40 Airstrikes") makes X the side hit, not the subject
    of the trigger (fictional)."""
    perps = _perps(nlp, report_of, "Jaish al-Fatah Pounded by 40 Airstrikes in the South of "
                   "the City. Russian warplanes targeted Jaish al-Fatah positions on Monday.")
    assert perps and all("grp-jaysh-al-fatah" not in p for p in perps)
    assert any("grp-russian-forces" in p for p in perps)
    passive = _perps(nlp, report_of, "Jaish al-Fatah shot down by 12 air strikes near the city "
                     "on Monday, killing nine fighters.")
    assert all("grp-jaysh-al-fatah" not in p for p in passive)


def test_arabic_triggers_type_the_event(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    """Arabic-script trigger words (event_types.yaml) pass the prefilter and type the event
    (fictional sentences: an air strike with its toll, an arrest campaign)."""
    (strike,) = _events(nlp, report_of, "قتل 12 مدنياً في غارات جوية على مدينة سراقب يوم الاثنين.")
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.fatalities() == (12, 12, 12)
    (arrests,) = _events(nlp, report_of, "شنت قوات النظام حملة اعتقالات في مدينة دوما.")
    assert arrests.sub_event_type == "Arrests"
