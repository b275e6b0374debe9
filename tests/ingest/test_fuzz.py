"""Random bytes and random feed rows at every reader: a result or one clear error, never a crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.ingest.base import Draft, IngestError
from rasd.ingest.formats import read_any

SUFFIXES = [".txt", ".md", ".html", ".pdf", ".eml", ".jsonl", ".csv"]
PREFIXES = [b"", b"%PDF-1.4\n", b"---\ntitle: x\n---\n", b"<html><body>", b"From: a@b\n\n",
            b"id,text\n", b'{"text": ']


def _read_all(data: bytes, name: str) -> list[Draft | IngestError]:
    try:
        return list(read_any(data, name))
    except IngestError as exc:
        return [exc]


def _check(items: list[Draft | IngestError], name: str) -> None:
    for item in items:
        if isinstance(item, IngestError):
            message = str(item)
            assert message.startswith(name) and "\n" not in message
        else:
            assert isinstance(item, Draft) and item.text.strip()
            assert "\x00" not in item.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.sampled_from(SUFFIXES), prefix=st.sampled_from(PREFIXES),
       body=st.binary(max_size=2000))
def test_random_bytes_never_crash_a_reader(suffix: str, prefix: bytes, body: bytes) -> None:
    name = "fuzz" + suffix
    try:
        items = _read_all(prefix + body, name)
    except Exception as exc:  # the ingest runner turns these into one-line errors too
        raise AssertionError(f"{name} raised {type(exc).__name__}: {exc}") from exc
    _check(items, name)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)
ROWS = st.dictionaries(
    st.sampled_from(["id", "text", "title", "source", "published", "url", "language",
                     "fictional", "other"]), JSON_VALUES, max_size=8)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(ROWS, min_size=1, max_size=6))
def test_random_feed_rows_jsonl(rows: list[dict[str, object]]) -> None:
    data = "\n".join(json.dumps(r) for r in rows).encode()
    items = _read_all(data, "feed.jsonl")
    _check(items, "feed.jsonl")
    assert len(items) == len(rows)  # one report or one error per row


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=9), max_size=6))
def test_random_feed_rows_csv(cells: list[list[str]]) -> None:
    header = "id,text,title,source,published,url,language,fictional\n"
    body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in cells)
    _check(_read_all((header + body).encode(), "feed.csv"), "feed.csv")
