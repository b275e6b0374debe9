"""What every reader returns, the errors it raises, and decoding of unknown encodings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from charset_normalizer import from_bytes

#: Encodings reports about the region arrive in, tried before any other guess.
ENCODINGS = ("utf_16", "cp1252", "cp1256", "iso8859_6", "cp1254", "iso8859_9", "cp1251")


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


class IngestError(Exception):
    """A file or row that cannot be ingested; the message is one line for the user."""


@dataclass
class Draft:
    """A report as a reader found it, before it is archived and stored."""

    data: bytes  # the original bytes to archive
    text: str
    media_type: str
    name: str  # file name, or "feed.jsonl#row-id"
    title: str | None = None
    published: date | None = None
    published_precision: int | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    external_id: str | None = None
    fictional: bool = False
    protected: dict[str, Any] = field(default_factory=dict)
    attachments: list[Draft] = field(default_factory=list)


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(ENCODINGS)).best() or from_bytes(data).best()
    if best is None:
        raise IngestError(f"{name}: unknown text encoding (not UTF-8, none detected)")
    return str(best)


def truthy(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "y", "on"}


def clean_text(text: str) -> str:
    """Normalise line ends and drop NUL and other control characters that break storage."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)
