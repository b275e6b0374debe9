"""Domain record semantics (fictional values)."""

from __future__ import annotations

from rasd.model import Count, Event


def _event(*counts: Count) -> Event:
    return Event(id="evt-1", report="rep-1", event_type="Violence against civilians",
                 sub_event_type="Attack", counts=list(counts))


def test_fatalities_of_an_exact_count() -> None:
    assert _event(Count("killed", 7, 7, 7)).fatalities() == (7, 7, 7)


def test_vague_counts_are_conservative_and_leave_high_open() -> None:
    dozens = Count("killed", 24, None, None, qualifier="dozens")
    assert _event(dozens).fatalities() == (24, 24, None)
    at_least = Count("killed", 12, 12, None, qualifier="at least")
    assert _event(at_least, Count("executed", 3, 3, 3)).fatalities() == (15, 15, None)


def test_fatalities_ignore_other_kinds() -> None:
    assert _event(Count("injured", 5, 5, 5)).fatalities() is None
    assert _event(Count("killed", None, 30, 30, qualifier="nearly"),
                  Count("injured", 5, 5, 5)).fatalities() == (30, 30, 30)
