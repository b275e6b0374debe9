"""A report's main event (fictional events)."""

from __future__ import annotations

from rasd.extract.main_event import main_event
from rasd.model import Count, Event, Span


def _event(eid: str, start: int, killed: int | None = None, **kw: object) -> Event:
    event = Event(id=eid, report="rep-1", event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike",
                  evidence=[Span(start, start + 10, "fictional")])
    if killed is not None:
        event.counts = [Count("killed", killed, killed, killed)]
    for key, value in kw.items():
        setattr(event, key, value)
    return event


def test_first_toll_in_the_lede_wins_over_a_larger_later_one() -> None:
    events = [_event("e1", 20), _event("e2", 120, killed=4), _event("e3", 300, killed=200)]
    assert main_event(events).id == "e2"  # type: ignore[union-attr]


def test_background_and_unasserted_events_are_not_main() -> None:
    events = [_event("old", 10, killed=30, background=True),
              _event("plan", 50, modality="planned"), _event("news", 900, killed=2)]
    assert main_event(events).id == "news"  # type: ignore[union-attr]
    assert main_event([_event("old", 10, background=True)]) is None


def test_without_a_toll_the_first_event_of_the_lede() -> None:
    assert main_event([_event("e2", 400), _event("e1", 100)]).id == "e1"  # type: ignore[union-attr]


def test_a_toll_merged_in_from_below_the_lede_does_not_make_the_main_event() -> None:
    far = _event("e1", 20, killed=5)
    far.counts[0].evidence = Span(2400, 2401, "5")  # merged in from a later paragraph
    told_here = _event("e2", 200, killed=24)
    told_here.counts[0].evidence = Span(230, 232, "24")
    assert main_event([far, told_here]).id == "e2"  # type: ignore[union-attr]
    assert main_event([far]).id == "e1"  # type: ignore[union-attr]


def test_an_event_without_a_toll_takes_a_later_telling_of_the_same_type_and_province() -> None:
    lede = _event("e1", 10, admin1="Idlib")
    again = _event("e2", 900, killed=7, admin1="Idlib")
    elsewhere = _event("e3", 700, killed=30, admin1="Aleppo")
    assert main_event([lede, elsewhere, again]).id == "e2"  # type: ignore[union-attr]
    other_type = _event("e4", 800, killed=3, event_type="Battles", admin1="Idlib")
    assert main_event([lede, other_type]).id == "e1"  # type: ignore[union-attr]
