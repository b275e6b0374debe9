"""Fixtures of the corroboration tests (fictional sources)."""

from __future__ import annotations

import pytest

from rasd.model import Source


@pytest.fixture
def sources() -> list[Source]:
    return [
        Source("src-idlib-monitor", "Idlib Monitor", "news"),
        Source("src-north-voice", "North Voice", "news", independence_group="net-north"),
        Source("src-north-voice-tv", "North Voice TV", "news", independence_group="net-north"),
        Source("src-levant-wire", "Levant Wire", "news"),
        Source("src-sohr", "Syrian Observatory for Human Rights", "monitor"),
    ]
