"""Metadata fields shared by every format (front matter, <meta> tags, mail headers, feed rows)."""

from __future__ import annotations

from typing import Any

from rasd.ingest.base import Draft, IngestError, truthy
from rasd.ingest.dates import parse_published

PROTECTED_KEYS = ("informant", "informants", "witness", "witnesses", "contact", "phone")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def apply_metadata(draft: Draft, meta: dict[str, Any], name: str) -> None:
    """Set the draft's metadata from ``meta``; protected fields are kept apart."""
    draft.title = _text(meta.get("title")) or draft.title
    draft.source = _text(meta.get("source")) or draft.source
    draft.url = _text(meta.get("url")) or draft.url
    draft.language = _text(meta.get("language")) or draft.language
    draft.external_id = _text(meta.get("id")) or draft.external_id
    if "fictional" in meta:
        draft.fictional = truthy(meta["fictional"])
    if meta.get("published") not in (None, ""):
        parsed = parse_published(meta["published"])
        if parsed is None:
            raise IngestError(f"{name}: cannot read the date {meta['published']!r}")
        draft.published, draft.published_precision = parsed
    for key in PROTECTED_KEYS:
        if meta.get(key):
            draft.protected[key] = meta[key]
