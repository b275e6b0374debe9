"""The extraction pipeline: a blank English spaCy model with Rasd's components, and
:func:`extract`, from a :class:`rasd.model.Report` to its mentions and events.

Components, in order: ``sentencizer``, ``rasd_tokens`` (the per-doc token lists, text and
sentence bounds every later component reads: :mod:`rasd.extract.spans`), ``rasd_groups``,
``rasd_persons``, ``rasd_places``, ``rasd_dates``, ``rasd_quantities``, ``rasd_attribution``,
``rasd_events``. The groups, persons, places and attribution components live in their own
modules; a component whose module is not installed is left out with a logged warning (the rest
still runs).

Long texts are cut at paragraph or sentence ends into pieces of at most :data:`CHUNK_CHARS`
characters, each run on its own, offsets shifted back: memory stays flat and time linear.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import logging
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract import dates as _dates  # noqa: F401  (registers rasd_dates)
from rasd.extract import events as _events  # noqa: F401  (registers rasd_events)
from rasd.extract import quantities as _quantities  # noqa: F401  (registers rasd_quantities)
from rasd.extract.dates import dateline
from rasd.extract.spans import doc_text, span_bounds
from rasd.model import (
    Actor,
    Count,
    Event,
    Mention,
    Money,
    Report,
    Span,
)

log = logging.getLogger(__name__)

VERSION = "0.1"
EXTRACTOR = f"rasd-extract/{VERSION}"
CHUNK_CHARS = 100_000
#: most reports sent to a worker process at once
POOL_BATCH = 64
_POOLS: dict[int, ProcessPoolExecutor] = {}
#: (factory, module) of the components written elsewhere, in pipeline order
OPTIONAL = {
    "rasd_groups": "rasd.extract.groups",
    "rasd_persons": "rasd.extract.persons",
    "rasd_places": "rasd.extract.places",
    "rasd_attribution": "rasd.extract.attribution",
}
ORDER = ("rasd_groups", "rasd_persons", "rasd_places", "rasd_dates", "rasd_quantities",
         "rasd_attribution", "rasd_events")
SPAN_KINDS = ("person", "group", "place", "date", "quantity", "money")


@dataclass
class Extraction:
    """What extraction found in one report."""

    report: str
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def _available(factory: str) -> bool:
    if factory in OPTIONAL and not Language.has_factory(factory):
        try:
            importlib.import_module(OPTIONAL[factory])
        except ImportError as exc:
            log.warning("component %s left out: %s", factory, exc)
            return False
    return Language.has_factory(factory)


def new_pipeline() -> Language:
    """A fresh pipeline (use :func:`build_pipeline` for the cached one)."""
    nlp = spacy.blank("en")
    nlp.max_length = CHUNK_CHARS * 2
    nlp.add_pipe("rasd_sentencizer", name="sentencizer")
    nlp.add_pipe("rasd_tokens")
    for factory in ORDER:
        if _available(factory):
            nlp.add_pipe(factory)
    return nlp


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The extraction pipeline, built once per process."""
    return new_pipeline()


def make_doc(nlp: Language, text: str, report: Report) -> Doc:
    """A tokenised doc carrying the report's metadata in ``user_data``."""
    doc = nlp.make_doc(text)
    doc.user_data["rasd_text"] = text  # spaCy keeps every character: doc.text == text
    published = report.published or dateline(report.text)
    doc.user_data.update({"published": published, "title": report.title,
                          "language": report.language, "report": report.id})
    return doc


_CUT = re.compile(r"\n\s*\n|(?<=[.!?])\s+")


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` cut at paragraph or sentence ends, pieces ≤ ``size``."""
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cuts = [m.end() for m in _CUT.finditer(window) if m.end() > size // 2]
        end = start + (cuts[-1] if cuts else size)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _docs(nlp: Language, reports: Iterable[Report]) -> Iterator[tuple[Report, int, Doc]]:
    def pieces() -> Iterator[tuple[Report, int, Doc]]:
        for report in reports:
            for offset, piece in chunks(report.text):
                yield report, offset, make_doc(nlp, piece, report)
    items = pieces()
    pairs = ((doc, (report, offset)) for report, offset, doc in items)
    for doc, (report, offset) in nlp.pipe(pairs, as_tuples=True, batch_size=32):
        yield report, offset, doc


def extract(nlp: Language, report: Report) -> Extraction:
    """Mentions and events of one report."""
    return next(iter(_extract_all(nlp, [report])))


def _extract_all(nlp: Language, reports: Iterable[Report]) -> Iterator[Extraction]:
    current: Extraction | None = None
    for report, offset, doc in _docs(nlp, reports):
        if current is None or current.report != report.id or offset == 0:
            if current is not None:
                yield current
            current = Extraction(report=report.id)
        current.mentions.extend(mentions_of(doc, report, offset))
        current.events.extend(events_of(doc, report, offset))
        doc.user_data.clear()  # as release(doc), and more: nothing reads this doc again
    if current is not None:
        yield current


def release(doc: Doc) -> None:
    """Drop the per-doc caches of the components once the doc's records are made.

    Caches holding spaCy spans (``Span.doc`` points back at the doc) make each doc a reference
    cycle that only Python's cycle collector frees, so every doc's thousands of small objects
    wait for it and it traverses them again and again; without the caches the doc is freed as
    soon as it is dropped (about 1 ms less per 5 KB report). :func:`_extract_all`, which
    drops its docs once their records are made, clears ``user_data`` whole instead (one C
    call, where this walks every key)."""
    data = doc.user_data
    for key in [k for k in data if isinstance(k, str) and k.startswith("rasd_")]:
        del data[key]


def extract_many(reports: list[Report], workers: int = 1,
                 nlp: Language | None = None) -> list[Extraction]:
    """Extraction of many reports, in order, batched with ``nlp.pipe``.

    ``workers`` > 1 spreads the reports over a pool of that many processes (kept for the next
    call; each builds the standard pipeline once, so ``nlp`` is not used there). Below
    ``2 * workers`` reports, or with ``workers`` ≤ 1, everything runs in this process.
    """
    if workers <= 1 or len(reports) < 2 * workers:
        pipeline = nlp or build_pipeline()
        with older_objects_frozen():
            return list(_extract_all(pipeline, reports))
    size = max(1, min(POOL_BATCH, len(reports) // (workers * 4)))
    parts = [reports[i:i + size] for i in range(0, len(reports), size)]
    pool = _pool(workers)
    try:
        return [x for part in pool.map(_work, parts) for x in part]
    except BrokenProcessPool:
        _POOLS.pop(workers, None)  # a worker died (killed, out of memory): start afresh next time
        raise


@contextmanager
def older_objects_frozen() -> Iterator[None]:
    """Leave every object older than the batch out of the cycle collector's passes while it
    runs (``gc.freeze()``), and give them back after (``gc.unfreeze()``).

    The pipeline's data (about 150,000 tracked objects) and the caller's own are walked again
    by every full pass of the collector, though a batch frees none of them; frozen for the
    batch, they are skipped, while what the batch makes is collected as usual. Frozen objects
    are only left alone, never freed early: whatever of them became garbage meanwhile is freed
    by the first pass after the batch. Both calls move whole lists (constant time). Where
    objects are frozen already (a pool worker, see :func:`freeze_pipeline`, or a caller's own
    choice) nothing is changed."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _pool(workers: int) -> ProcessPoolExecutor:
    pool = _POOLS.get(workers)
    if pool is None:
        pool = _POOLS[workers] = ProcessPoolExecutor(max_workers=workers, initializer=_warm)
    return pool


def shutdown_pools() -> None:
    """Stop the worker processes of :func:`extract_many` (they are also stopped at exit)."""
    while _POOLS:
        _POOLS.popitem()[1].shutdown(cancel_futures=True)


def _warm() -> None:
    freeze_pipeline()


#: a fictional report a worker extracts once, so that the data components load on first use
#: (the gazetteer, the actor dictionary) is in memory before the pipeline is frozen
_WARM_UP = Report(id="warm-up", sha256="", media_type="text/plain", archive_path="",
                  text="Jets struck the fictional town of Tell Sawda on Monday, killing 5 "
                       "civilians, activist Samir Haddad said.", fictional=True)


def freeze_pipeline() -> None:
    """Build the pipeline, run it once, then ``gc.freeze()``: for a pool worker's start.

    The pipeline and the data it loads (gazetteer, lexicons, spaCy's vocabulary: about 150,000
    tracked objects) live as long as the process, yet every full pass of the cycle collector
    walks them again; frozen, they are left out of those passes (docs/benchmarks/extract.md,
    round 2). Freezing is process-wide, so only the workers :func:`extract_many` starts, which
    do nothing else, call this; a caller's own process (the web server, a test run) is left
    as it is. Objects made later (caches, docs) are collected as usual."""
    nlp = build_pipeline()
    list(_extract_all(nlp, [_WARM_UP]))
    gc.collect()  # what loading left behind is freed, not frozen
    gc.freeze()


def _work(reports: list[Report]) -> list[Extraction]:
    return list(_extract_all(build_pipeline(), reports))


def mention_id(report: str, kind: str, start: int, end: int) -> str:
    """``stable_id("men", report, kind, start, end)``, the digest built without the generic
    join (one call per mention; tests/extract/test_speed_paths.py checks they agree)."""
    key = f"{report}\x1f{kind}\x1f{start}\x1f{end}".encode()
    return "men-" + hashlib.sha256(key).hexdigest()[:16]


def mentions_of(doc: Doc, report: Report, offset: int = 0) -> list[Mention]:
    """The spans of every mention kind as :class:`Mention` records.

    A span's values are read straight from ``doc.user_data`` where spaCy keeps them
    (:func:`rasd.extract.spans.span_extensions`), all four per span in one pass; the id is
    :func:`mention_id`'s digest with the report and kind part of its key joined once per kind,
    and the record is built with positional fields (what the keywords name, in field order)."""
    out: list[Mention] = []
    text = doc_text(doc)
    data: dict[Any, Any] = doc.user_data  # typed dict[str, Any] by spaCy; keys are tuples
    get = data.get
    rid = report.id
    sha256 = hashlib.sha256
    for kind in SPAN_KINDS:
        head = f"{rid}\x1f{kind}\x1f"
        for _, _, start, end in span_bounds(doc, kind):
            a, b = start + offset, end + offset
            digest = sha256(f"{head}{a}\x1f{b}".encode()).hexdigest()
            confidence = get(("._.", "confidence", start, end))
            out.append(Mention(
                "men-" + digest[:16], rid, kind, a, b, text[start:end],  # type: ignore[arg-type]
                get(("._.", "value", start, end)), get(("._.", "entity", start, end)),
                get(("._.", "reason", start, end)), EXTRACTOR, float(confidence or 0.5)))
    return out


def _span(text: str, rng: tuple[int, int] | None, offset: int) -> Span | None:
    """The record of the doc's characters ``rng`` (``text``: the doc's text)."""
    if rng is None:
        return None
    return Span(rng[0] + offset, rng[1] + offset, text[rng[0]:rng[1]])


def events_of(doc: Doc, report: Report, offset: int = 0) -> list[Event]:
    """The event dicts of ``doc._.events`` as :class:`Event` records."""
    text = doc_text(doc)
    return [_event(text, report, e, offset) for e in (doc._.events or [])]


def event_id(report: str, event_type: str, sub_event_type: str | None, start: int,
             end: int) -> str:
    """``stable_id("evt", report, event_type, sub_event_type, start, end)``, the digest built
    without the generic join (``str(None)`` and an f-string both write "None";
    tests/extract/test_speed_paths.py checks they agree)."""
    key = f"{report}\x1f{event_type}\x1f{sub_event_type}\x1f{start}\x1f{end}".encode()
    return "evt-" + hashlib.sha256(key).hexdigest()[:16]


def _event(text: str, report: Report, e: dict[str, Any], offset: int) -> Event:
    evidence = [Span(r[0] + offset, r[1] + offset, text[r[0]:r[1]])
                for r in e["evidence"] if r is not None]
    first = evidence[0] if evidence else Span(offset, offset, "")
    event = Event(
        id=event_id(report.id, e["event_type"], e["sub_event_type"], first.start, first.end),
        report=report.id, event_type=e["event_type"], sub_event_type=e["sub_event_type"],
        violations=list(e["violations"]), modality=e["modality"],
        attributed_to=e["attributed_to"], evidence=evidence, confidence=e["confidence"],
        extractor=EXTRACTOR, background=e["background"], rules=list(e.get("rules", [])))
    _set_date(event, e.get("date"))
    _set_place(event, e.get("place"))
    event.actors = [Actor(role=a["role"], name=a["name"], entity=a["entity"],
                          mention=_actor_mention(report, a, offset), actor_type=a["actor_type"],
                          rule=a.get("rule"))
                    for a in e["actors"]]
    event.counts = [Count(kind=c["kind"], low=c["low"], best=c["best"], high=c["high"],
                          qualifier=c["qualifier"], who=c["who"],
                          evidence=_span(text, c["span"], offset))
                    for c in e["counts"] if not c.get("subset")]
    event.money = [Money(amount=m["amount"], currency=m["currency"],
                         evidence=_span(text, m["span"], offset)) for m in e["money"]]
    return event


def _actor_mention(report: Report, actor: dict[str, Any], offset: int) -> str | None:
    if actor["role"] == "victim" or actor["span"] is None:
        return None
    start, end = actor["span"]
    return mention_id(report.id, "group", start + offset, end + offset)


def _set_date(event: Event, when: dict[str, Any] | None) -> None:
    if not when or not when.get("start"):
        return
    event.date_start = date.fromisoformat(when["start"])
    event.date_end = date.fromisoformat(when["end"])
    event.time_precision = when["precision"]


def _set_place(event: Event, place: dict[str, Any] | None) -> None:
    if not place:
        return
    value = place.get("value") or {}
    event.place, event.place_name = place.get("entity"), place.get("name")
    event.lat, event.lon = value.get("lat"), value.get("lon")
    event.geo_precision = value.get("geo_precision")
    event.country, event.admin1 = value.get("country"), value.get("admin1")
