"""Feeds: JSON Lines and CSV files whose rows are reports.

Fields: ``id, text, title, source, published, url, language`` (and ``fictional``). A row's archived
original is the row itself: the JSON line as it came, or a CSV row as canonical JSON.
Malformed rows are reported one by one; the others go on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from rasd.ingest.base import Draft, IngestError, clean_text, decode
from rasd.ingest.meta import apply_metadata

FIELDS = ("id", "text", "title", "source", "published", "url", "language")

Row = Draft | IngestError


def _draft(row: dict[str, Any], raw: bytes, name: str, label: str) -> Draft:
    text = row.get("text")
    text = clean_text(text).strip() if isinstance(text, str) else ""
    if not text:
        raise IngestError(f"{name} {label}: no text")
    row_id = row.get("id")
    where = f"{name}#{row_id}" if row_id not in (None, "") else f"{name}#{label}"
    draft = Draft(data=raw, text=text, media_type="application/x-rasd-row",
                  name=where)
    apply_metadata(draft, {k: v for k, v in row.items() if k != "text"}, f"{name} {label}")
    return draft


def _row_or_error(row: Any, raw: bytes, name: str, label: str) -> Row:
    if not isinstance(row, dict):
        return IngestError(f"{name} {label}: not an object with the fields {', '.join(FIELDS)}")
    try:
        return _draft(row, raw, name, label)
    except IngestError as exc:
        return exc


def read_jsonl(data: bytes, name: str) -> Iterator[Row]:
    text = decode(data, name)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{name} {label}: not valid JSON ({exc.msg})")
            continue
        yield _row_or_error(row, line.strip().encode("utf-8"), name, label)


def read_csv(data: bytes, name: str) -> Iterator[Row]:
    text = decode(data, name)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise IngestError(f"{name}: unreadable CSV header ({exc})") from exc
    if "text" not in header:
        raise IngestError(f"{name}: a feed needs a 'text' column (has: {', '.join(header)})")
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(f"{name} row {number}: malformed CSV ({exc})")
            return
        number += 1
        clean = {k: v for k, v in row.items() if isinstance(k, str)}
        raw = json.dumps(clean, sort_keys=True, ensure_ascii=False).encode("utf-8")
        yield _row_or_error(clean, raw, name, f"row {number}")
