"""A report's main event: the occurrence the report is about, as a coder would pick it."""

from __future__ import annotations

from rasd.model import Event

#: characters of a report that make its lede (headline, dateline and first paragraph)
LEDE_CHARS = 600


def main_event(events: list[Event], lede: int = LEDE_CHARS) -> Event | None:
    """The first asserted news event (not background) told with a death toll in the report's
    lede; else the first news event of the lede; else the report's first news event.

    News writing puts the event the report is about first (the inverted pyramid); a larger
    toll later in the lede is most often a related event or a running total ("...bringing the
    number killed this month to 200"), so the first toll is taken, not the largest."""
    news = [e for e in events if not e.background and e.modality == "asserted"] or \
        [e for e in events if not e.background]
    if not news:
        return None
    early = sorted((e for e in news if e.evidence and e.evidence[0].start < lede),
                   key=lambda e: e.evidence[0].start)
    if not early:
        return news[0]
    return next((e for e in early if e.fatalities()), early[0])
