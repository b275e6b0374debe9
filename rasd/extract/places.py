"""The places component: place mentions, geocoded together with the document's context.

``nlp.add_pipe("rasd_places", after="rasd_persons")`` writes ``doc.spans["place"]`` per
``rasd/extract/spans.py``: ``span._.entity`` = gazetteer id (None with ``span._.reason`` where no
entry fits), ``span._.value`` = ``{name, lat, lon, country, admin1, admin2, feature_class,
geo_precision, explanation, dateline}`` (``dateline``: the place is named in a dateline,
"BEIRUT (Agency) -": where the reporter is, not where the event happened). It leaves alone the
tokens of ``doc.spans["person"]`` and ``doc.spans["group"]``. The gazetteer is loaded once per
process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract.spans import (
    doc_text,
    lower_text,
    register_extensions,
    span_bounds,
    token_range,
    token_view,
    write_spans,
)
from rasd.gazetteer.finder import Found, PlaceFinder
from rasd.gazetteer.geocode import CUE_TYPED, Geocoder, Resolution
from rasd.gazetteer.load import load_gazetteer

EXTRACTOR = "rasd_places/0.1"


class PlacesComponent:
    """Finds, geocodes and writes place spans."""

    def __init__(self, nlp: Language, name: str, extra: str | None) -> None:
        self.name = name
        self.extra = Path(extra) if extra else None
        self._finder: PlaceFinder | None = None
        self._geocoder: Geocoder | None = None
        register_extensions()

    def _load(self) -> tuple[PlaceFinder, Geocoder]:
        if self._finder is None or self._geocoder is None:
            loaded = load_gazetteer(self.extra)
            self._finder = PlaceFinder(loaded.gazetteer, loaded.vocabulary)
            self._geocoder = Geocoder(loaded.gazetteer)
        return self._finder, self._geocoder

    def __call__(self, doc: Doc) -> Doc:
        finder, geocoder = self._load()
        blocked = [(a, b) for key in ("person", "group") for _, _, a, b in span_bounds(doc, key)]
        found = finder.find(doc_text(doc), blocked, lower_text(doc))
        resolutions = geocoder.resolve([f.query for f in found])
        view = token_view(doc)
        data: dict[Any, Any] = doc.user_data
        spans: list[tuple[int, int, int, int]] = []
        last = 0  # the token where the last span ends
        for item, res in zip(found, resolutions, strict=True):
            if item.country is not None:
                res = geocoder.country(item.country, item.query.text) or res
            if res.place is None and res.lat is None and item.query.cue != CUE_TYPED:
                continue  # a gazetteer-name lookalike nobody would code: not a place mention
            bounds = token_range(doc, view, item.start, item.end)
            if bounds is not None and bounds[0] >= last:
                start, last = bounds
                chars = view.idx[start], view.end_char(last - 1)
                _write(data, *chars, item, res)
                spans.append((start, last, *chars))
        write_spans(doc, "place", spans)
        return doc


def _write(data: dict[Any, Any], start: int, end: int, item: Found, res: Resolution) -> None:
    """A span's extensions, written where spaCy keeps them (as
    :func:`rasd.extract.spans.set_span_extensions` does, without a call per value)."""
    value, confidence, reason = res.written()
    data["._.", "entity", start, end] = res.entity
    data["._.", "value", start, end] = {**value, "dateline": item.dateline}
    data["._.", "confidence", start, end] = confidence
    data["._.", "reason", start, end] = reason


@Language.factory(
    "rasd_places",
    default_config={"extra": None},
    assigns=["doc.spans"],
    requires=[],
)
def make_places(nlp: Language, name: str, extra: str | None) -> PlacesComponent:
    """The places component; ``extra`` is an imported gazetteer file (see `rasd gazetteer`)."""
    return PlacesComponent(nlp, name, extra)
