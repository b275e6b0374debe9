"""Hand-written SVG bar charts: geometry here, markup in templates/_chart.html (escaped).

No chart library: the numbers are few, the charts must work offline and under a strict
Content-Security-Policy (no inline styles: colours come from CSS classes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    horizontal: bool = False
    maximum: int = 0


def columns(title: str, data: list[tuple[str, int]], width: int = 720,
            height: int = 220) -> Chart:
    """Vertical bars in order (months): label below every few bars."""
    chart = Chart(title, width, height, maximum=max((v for _, v in data), default=0))
    if not data:
        return chart
    plot = height - 40
    step = (width - 40) / len(data)
    for i, (label, value) in enumerate(data):
        h = plot * value / chart.maximum if chart.maximum else 0
        chart.bars.append(Bar(label, value, 30 + i * step, 10 + plot - h,
                              min(max(step * 0.8, 1.0), 48.0), h))
    return chart


def rows(title: str, data: list[tuple[str, int]], width: int = 720,
         row_height: int = 22) -> Chart:
    """Horizontal bars, one row per value (types, perpetrators, governorates)."""
    chart = Chart(title, width, row_height * len(data) + 10, horizontal=True,
                  maximum=max((v for _, v in data), default=0))
    label_width, plot = 260, width - 260 - 60
    for i, (label, value) in enumerate(data):
        w = plot * value / chart.maximum if chart.maximum else 0
        chart.bars.append(Bar(label, value, label_width, 5 + i * row_height, w, row_height - 6))
    return chart


@dataclass
class Mark:
    label: str
    when: str
    kind: str
    href: str
    x: float
    row: int


def timeline(items: list[tuple[date, str, str, str]], width: int = 720,
             max_rows: int = 10) -> list[Mark]:
    """Points on one time axis: (date, label, kind, link) each; rows avoid overlaps (up to
    ``max_rows``: beyond, points share the last row)."""
    dated = sorted(items, key=lambda i: (i[0], i[1]))
    if not dated:
        return []
    first, last = dated[0][0], dated[-1][0]
    span = max((last - first).days, 1)
    marks: list[Mark] = []
    ends: list[float] = []
    for when, label, kind, href in dated:
        x = 20 + (width - 40) * (when - first).days / span
        row = next((r for r, end in enumerate(ends) if x - end > 12),
                   min(len(ends), max_rows - 1))
        if row == len(ends):
            ends.append(x)
        ends[row] = x
        marks.append(Mark(label, when.isoformat(), kind, href, x, row))
    return marks
