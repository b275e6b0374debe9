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

from spacy.language import Language
from spacy.tokens import Doc, Span

from rasd.extract.spans import doc_text, register_extensions
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
        blocked = [
            (span.start_char, span.end_char) for key in ("person", "group") if key in doc.spans
            for span in doc.spans[key]
        ]
        found = finder.find(doc_text(doc), blocked)
        resolutions = geocoder.resolve([f.query for f in found])
        spans: list[Span] = []
        for item, res in zip(found, resolutions, strict=True):
            if item.country is not None:
                res = geocoder.country(item.country, item.query.text) or res
            if res.place is None and res.lat is None and item.query.cue != CUE_TYPED:
                continue  # a gazetteer-name lookalike nobody would code: not a place mention
            span = self._span(doc, item, res)
            if span is not None and (not spans or span.start >= spans[-1].end):
                spans.append(span)
        doc.spans["place"] = spans
        return doc

    @staticmethod
    def _span(doc: Doc, item: Found, res: Resolution) -> Span | None:
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None:
            return None
        ext = span._  # one extension accessor, not four
        ext.entity = res.entity
        ext.value = {**res.value(), "dateline": item.dateline}
        ext.confidence = round(min(1.0, max(0.05, res.score / 6.0)), 2) if res.place else 0.3
        ext.reason = res.reason or "; ".join(res.explanation)
        return span


@Language.factory(
    "rasd_places",
    default_config={"extra": None},
    assigns=["doc.spans"],
    requires=[],
)
def make_places(nlp: Language, name: str, extra: str | None) -> PlacesComponent:
    """The places component; ``extra`` is an imported gazetteer file (see `rasd gazetteer`)."""
    return PlacesComponent(nlp, name, extra)
