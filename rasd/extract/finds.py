"""What the text finders of counts and money share: the :class:`Found` item and
:func:`word_starts`, the ``str.find`` scan that tells them where to try their patterns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass
class Found:
    """One count found in the text, before it becomes a span."""

    start: int
    end: int
    value: dict[str, Any]
    reason: str




def word_starts(lower: str, words: tuple[str, ...]) -> set[int]:
    """Offsets where one of ``words`` starts a word in ``lower`` (not after a letter, digit or
    "-"; the word need not end there: ``words`` may be stems). ``str.find`` per word: one
    compiled alternation of the words was measured twice as slow, the engine trying every
    alternative at every position. A word that opens with another word of the list is not
    looked for: where it starts a word, so does the shorter one (:func:`_shortest`)."""
    out: set[int] = set()
    for word in _shortest(words):
        i = lower.find(word)
        while i >= 0:
            if i == 0 or not (lower[i - 1].isalnum() or lower[i - 1] == "-"):
                out.add(i)
            i = lower.find(word, i + 1)
    return out


@lru_cache(maxsize=64)
def _shortest(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` less those that open with another of them ("sixteen" with "six")."""
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))
