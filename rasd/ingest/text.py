"""Plain text and Markdown, with optional YAML front matter holding the report's metadata."""

from __future__ import annotations

from typing import Any

import yaml

from rasd.ingest.base import Draft, IngestError, clean_text, decode
from rasd.ingest.meta import apply_metadata


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text that may start with a ``---`` YAML block."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    body = text[end + 4:]
    return meta, body.lstrip("\n")


def read_text(data: bytes, name: str, media_type: str = "text/plain") -> list[Draft]:
    text = clean_text(decode(data, name))
    meta, body = split_front_matter(text)
    if not body.strip():
        raise IngestError(f"{name}: empty file, no text")
    draft = Draft(data=data, text=body.strip(), media_type=media_type, name=name)
    apply_metadata(draft, meta, name)
    return [draft]
