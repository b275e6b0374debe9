"""What the text finders of counts and money share: the :class:`Found` item and
:func:`word_starts`, which tells them where to try their patterns."""

from __future__ import annotations

import re
import string
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


#: every ASCII character after which a word starts (not a letter, a digit or "-") -> " "
_TO_SPACE = str.maketrans({c: " " for c in map(chr, range(128))
                           if not (c.isalnum() or c == "-")})
_BYTES_TO_SPACE = bytes(ord(chr(b).translate(_TO_SPACE)) if b < 128 else b for b in range(256))
#: every non-ASCII character that is not a letter or a digit (``str.isalnum``)
_OTHER_MARK = re.compile(r"[^\x00-\x7f\w]")
#: up to how many plain words :func:`word_starts` finds with ``str.find``
_FEW = 4
#: the characters a word list may hold for :func:`_spaced_starts`
_PLAIN = frozenset(string.ascii_lowercase + string.digits + "- ")


def word_starts(lower: str, words: tuple[str, ...]) -> set[int]:
    """Offsets where one of ``words`` starts a word in ``lower`` (not after a letter, digit or
    "-"; the word need not end there: ``words`` may be stems). A word that opens with another
    word of the list is not looked for: where it starts a word, so does the shorter one
    (:func:`_shortest`).

    The words of letters, digits, "-" and spaces are found in one regular-expression pass
    (:func:`_spaced_starts`); the others ("$", "s.p."), and the words of a short list (up to
    :data:`_FEW`: the pass costs what five ``str.find`` do), with ``str.find`` per word (one
    alternation of the words over the text itself was measured twice as slow: the engine
    tries every alternative at every position)."""
    plain, other = _split(words)
    if len(plain) <= _FEW:
        out, other = set(), plain + other
    else:
        out = _spaced_starts(lower, plain)
    for word in other:
        i = lower.find(word)
        while i >= 0:
            if i == 0 or not (lower[i - 1].isalnum() or lower[i - 1] == "-"):
                out.add(i)
            i = lower.find(word, i + 1)
    return out


@lru_cache(maxsize=64)
def _split(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The shortest words (:func:`_shortest`) of letters, digits, "-" and spaces, and the
    others."""
    stems = _shortest(words)
    return (tuple(w for w in stems if _PLAIN.issuperset(w)),
            tuple(w for w in stems if not _PLAIN.issuperset(w)))


def _spaced_starts(lower: str, stems: tuple[str, ...]) -> set[int]:
    """:func:`word_starts` of plain stems: in the text's copy with every character a word starts
    after turned into a space (:func:`_spaced`), a word starts right after each space, so one
    pattern, a space and then (looked ahead) a stem, finds them all: the engine jumps from
    space to space. A stem holding a space ("of them") may match the copy where the text has
    other marks ("of, them"): its offset is checked in the text itself."""
    out = {m.end() for m in _after_space(stems).finditer(_spaced(lower))
           if " " not in m.group(1) or lower.startswith(stems, m.end())}
    if lower.startswith(stems):
        out.add(0)
    return out


@lru_cache(maxsize=4)
def _spaced(lower: str) -> str:
    """``lower`` with every character a word starts after (not a letter, a digit or "-":
    ``str.isalnum``) turned into a space (same offsets); kept for the few word lists read from
    one text. The rare non-ASCII ones ("’", "“", "\\x95") by one pattern pass (``\\w`` is
    ``str.isalnum`` or "_", which is ASCII), then the ASCII ones by a translation table: of
    the string where it is all ASCII, else of its UTF-8 bytes (``str.translate`` reads a
    string holding any other character 40 times slower; the bytes of those characters are
    all over 127, so the table leaves them as they are)."""
    if lower.isascii():
        return lower.translate(_TO_SPACE)
    lower = _OTHER_MARK.sub(" ", lower)
    if lower.isascii():
        return lower.translate(_TO_SPACE)
    raw = lower.encode("utf-8", "surrogatepass").translate(_BYTES_TO_SPACE)
    return raw.decode("utf-8", "surrogatepass")


@lru_cache(maxsize=64)
def _after_space(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(" (?=(" + _trie(stems) + "))")


def _trie(stems: tuple[str, ...] | list[str]) -> str:
    """An alternation of ``stems`` (none opens with another: :func:`_shortest`) factored by
    their first letters ("k(?:ill|idn)|w(?:oun|ere)"): it matches the same stem wherever the
    flat one does (at most one stem can match at a place), but the engine tests each first
    letter once instead of every stem in turn (61 casualty stems: 2.5 times faster)."""
    by_first: dict[str, list[str]] = {}
    for stem in stems:
        by_first.setdefault(stem[0], []).append(stem[1:])
    alts = []
    for first, rests in sorted(by_first.items()):
        if len(rests) == 1:
            alts.append(re.escape(first + rests[0]))
        else:
            alts.append(re.escape(first) + "(?:" + _trie(rests) + ")")
    return "|".join(alts)


@lru_cache(maxsize=64)
def _shortest(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` less those that open with another of them ("sixteen" with "six")."""
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))
