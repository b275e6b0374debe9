"""The shortcuts of the second speed round give what the code they replaced gave (issue 4).

Each test compares a shortcut with the straightforward computation it replaced, written out
here, on fictional text written for Rasd or on random offsets.
"""

from __future__ import annotations

import bisect
import gc
import random
import re
from typing import Any

import spacy
from spacy.tokens import Doc, Span

from rasd.extract import event_rules
from rasd.extract.pipeline import _pool, build_pipeline, shutdown_pools
from rasd.extract.quantities import Found, _to_spans, word_starts
from rasd.extract.spans import span_bounds

_OLD_CLAUSE_SPLIT = re.compile(r";|,?\s+\b(?:while|whereas|meanwhile|elsewhere)\b|\.\s", re.I)
PIECES = ["Rebels", " shelled", " the", " town", ";", ",", ".", " ", "  ", "\n", " while",
          " WHILE", " whereas", " Meanwhile", " elsewhere", "where", " awhile", " ſ", " x.y",
          " 5", " whilst", " elsewhere,", "somewhere", " ten", " often", " someone"]


def _texts(seed: int, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))) for _ in range(n)]


def test_clause_split_with_lookahead_finds_what_the_plain_pattern_found() -> None:
    for text in _texts(1):
        assert [m.span() for m in event_rules.CLAUSE_SPLIT.finditer(text)] == \
            [m.span() for m in _OLD_CLAUSE_SPLIT.finditer(text)], text


def test_every_alternative_of_the_clause_split_passes_its_prefilter() -> None:
    samples = ["Shells fell; the road closed.", "Shells fell. The road closed."]
    samples += [f"Shells fell{sep}{word} the road closed" for word in event_rules.CLAUSE_WORDS
                for sep in (" ", ", ", " \n ")]
    samples += [s.upper() for s in samples]
    for text in samples:
        assert event_rules.CLAUSE_SPLIT.search(text), text
        assert event_rules.may_split(text, text.lower(), 0, len(text)), text
    for text in _texts(2):
        if event_rules.CLAUSE_SPLIT.search(text):
            assert event_rules.may_split(text, text.lower(), 0, len(text)), text
    assert not event_rules.may_split("Shells fell at dawn.", "shells fell at dawn.", 0, 20)


def _doc_with(key: str, items: list[tuple[int, int, dict[str, Any]]]) -> Doc:
    """A doc whose per-doc cache of ``key`` spans holds ``items`` (the cache the rules read)."""
    doc = spacy.blank("en")("x " * 200)
    doc.user_data["rasd_plain"] = {key: sorted(items, key=lambda t: t[:2])}
    return doc


def _event(rng: random.Random) -> dict[str, Any]:
    a = rng.randint(0, 300)
    c = (a + rng.randint(0, 20), a + rng.randint(20, 60))
    trigger = (c[0] + 2, c[0] + 2 + rng.randint(1, 8)) if rng.random() < 0.8 else None
    return {"trigger": trigger, "clause": c, "sentence": (a, a + rng.randint(60, 90))}


def _old_fill_date(spans: list[tuple[int, int, dict[str, Any]]], event: dict[str, Any]) -> Any:
    anchor = (event["trigger"] or event["clause"])[0]
    for key, (start, end) in (("clause", event["clause"]), ("sentence", event["sentence"])):
        dated = [d for d in spans[bisect.bisect_left(spans, (start,)):]
                 if d[0] < end and d[1] <= end and d[2].get("start")]
        if dated:
            a, b, value = min(dated, key=lambda d: abs(d[0] - anchor))
            return {"start": value["start"], "end": value["end"],
                    "precision": value["precision"], "span": (a, b), "rule": key}
    return None


def test_fill_date_stopping_at_the_clause_end_takes_what_the_full_scan_took() -> None:
    rng = random.Random(7)
    for _ in range(300):
        items = []
        for k in range(rng.randint(0, 12)):
            a = rng.randint(0, 380)
            value = {"start": f"2017-01-{k + 1:02d}", "end": "2017-01-30", "precision": "day"}
            items.append((a, a + rng.randint(1, 25), value if rng.random() < 0.8 else {}))
        doc = _doc_with("date", items)
        for _ in range(5):
            event = _event(rng)
            event_rules.fill_date(doc, event, None)
            assert event.get("date") == _old_fill_date(doc.user_data["rasd_plain"]["date"],
                                                       event)


def _old_attribution(quotes: list[tuple[int, int, dict[str, Any]]], event: dict[str, Any]) -> Any:
    start, end = event["trigger"] or event["clause"]
    best: tuple[int, dict[str, Any]] | None = None
    for q_start, q_end, value in quotes:
        if q_start >= end:
            break
        overlap = min(end, q_end) - max(start, q_start)
        inside = q_start <= start and end <= q_end
        if inside or overlap * 2 >= max(1, end - start):
            rank = q_end - q_start if inside else 10**9 - overlap
            if best is None or rank < best[0]:
                best = (rank, value)
    return None if best is None else best[1].get("speaker")


def test_fill_attribution_by_bisection_takes_what_the_scan_of_every_quote_took() -> None:
    rng = random.Random(9)
    held = 0
    for _ in range(300):
        items = []
        for k in range(rng.randint(0, 10)):
            a = rng.randint(0, 380)
            items.append((a, a + rng.randint(1, 120), {"speaker": f"speaker {k}"}))
        doc = _doc_with("quote", items)
        for _ in range(5):
            event = {**_event(rng), "attributed_to": None}
            event_rules.fill_attribution(doc, event)
            expected = _old_attribution(doc.user_data["rasd_plain"]["quote"], event)
            assert event["attributed_to"] == expected
            held += expected is not None
    assert held >= 100


def test_span_bounds_follow_the_group_as_it_is_written_again() -> None:
    doc = spacy.blank("en")("Rana Haddad met Khaled Darwish in the fictional town of Tell Sawda.")
    assert span_bounds(doc, "person") == []
    doc.spans["person"] = [Span(doc, 0, 2), Span(doc, 3, 5)]
    plain = [(s.start, s.end, s.start_char, s.end_char) for s in doc.spans["person"]]
    assert span_bounds(doc, "person") == plain
    doc.spans["person"] = [Span(doc, 3, 5)]  # a new group
    assert span_bounds(doc, "person") == [plain[1]]
    doc.spans["person"].append(Span(doc, 10, 12))  # the same group, one span more
    assert span_bounds(doc, "person") == [plain[1], (10, 12, 56, 66)]


def _old_word_starts(lower: str, words: tuple[str, ...]) -> set[int]:
    out: set[int] = set()
    for word in words:
        i = lower.find(word)
        while i >= 0:
            if i == 0 or not (lower[i - 1].isalnum() or lower[i - 1] == "-"):
                out.add(i)
            i = lower.find(word, i + len(word))
    return out


def test_word_starts_of_the_shortest_words_equal_those_of_every_word() -> None:
    words = ("six", "sixteen", "sixty", "ten", "one", "tens of", "s.p.", "$", "wound", "wounded")
    texts = [t.lower() for t in _texts(3)]
    texts += ["sixteen-year-old six sixty often someone one-two $5 s.p.s.p. tens of tenses",
              "wounded,wounding 16sixteen _ten x-ten"]
    for text in texts:
        assert word_starts(text, words) == _old_word_starts(text, words), text
    assert len(word_starts(texts[-2], words)) >= 8


def test_count_spans_by_token_range_equal_char_span_expand() -> None:
    text = "At least 12 civilians were killed and  dozens  wounded in the fictional village."
    doc = spacy.blank("en")(text)
    rng = random.Random(4)
    found = []
    for _ in range(200):
        start = rng.randint(0, len(text) - 1)
        found.append(Found(start, rng.randint(start + 1, len(text)), {"qualifier": None}, "r"))
    _to_spans(doc, found, "quantity", "QUANTITY")
    spans = list(doc.spans["quantity"])
    expected = [doc.char_span(f.start, f.end, label="QUANTITY", alignment_mode="expand")
                for f in found]
    assert [(s.start, s.end, s.label_) for s in spans] == \
        [(s.start, s.end, s.label_) for s in expected if s is not None]
    assert all(doc.user_data[("._.", "reason", s.start_char, s.end_char)] == "r" for s in spans)


def _gazetteer_frozen() -> bool:
    """In a worker: the places component's gazetteer finder is loaded and frozen (frozen
    objects are not among those the collector tracks, ``gc.get_objects``)."""
    finder = build_pipeline().get_pipe("rasd_places")._finder
    return finder is not None and all(o is not finder for o in gc.get_objects())


def test_pool_workers_freeze_the_loaded_pipeline_and_this_process_does_not() -> None:
    frozen_here = gc.get_freeze_count()
    try:
        worker_frozen = _pool(2).submit(_gazetteer_frozen).result()
    finally:
        shutdown_pools()
    assert worker_frozen  # loaded before the freeze: left out of collection passes
    assert gc.get_freeze_count() == frozen_here
