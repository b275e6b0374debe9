"""The web app's small pure parts: month axes, timelines, highlight segments."""

from __future__ import annotations

from datetime import date

from rasd.model import Event, Mention, Span
from rasd.web.charts import columns, timeline
from rasd.web.highlight import segments, spans_of
from rasd.web.statistics import every_month


def test_every_month_fills_the_gaps_across_years() -> None:
    filled = every_month([("2016-11", 3), ("2017-02", 1), ("", 9)])
    assert filled == [("2016-11", 3), ("2016-12", 0), ("2017-01", 0), ("2017-02", 1)]
    assert every_month([]) == []


def test_column_bars_stay_narrow_when_few() -> None:
    chart = columns("one month", [("2017-04", 3)])
    assert chart.bars[0].width <= 48 and chart.bars[0].height > 0


def test_timeline_rows_are_capped() -> None:
    marks = timeline([(date(2017, 1, 1), str(i), "event", "/") for i in range(40)],
                     max_rows=5)
    assert len(marks) == 40 and max(m.row for m in marks) == 4
    spread = timeline([(date(2017, 1, 1), "a", "event", "/"),
                       (date(2017, 12, 31), "b", "report", "/")])
    assert [m.row for m in spread] == [0, 0] and spread[0].x < spread[1].x


def test_segments_carry_every_span_over_them() -> None:
    body = "FICTIONAL: shelling of the Kafr Zita market"
    place = Mention(id="m1", report="r", kind="place", start=body.index("Kafr"),
                    end=body.index("Kafr") + 9, text="Kafr Zita")
    event = Event(id="e1", report="r", event_type="x", sub_event_type="y",
                  evidence=[Span(11, len(body), body[11:])])
    cut = segments(body, spans_of([place], [event], len(body)))
    assert "".join(s.text for s in cut) == body
    inner = next(s for s in cut if s.text == "Kafr Zita")
    assert inner.kinds == ["event", "place"] and set(inner.ids) == {"m1", "e1"}
    assert cut[0].ids == []
    outside = Mention(id="m2", report="r", kind="person", start=5, end=999, text="?")
    assert spans_of([outside], [], len(body)) == []

