"""Fast scans of a report's text shared by the place finder: occurrences of fixed words
(``str.find``, not a regular expression tried at every character) and overlap tests against
sorted character ranges."""

from __future__ import annotations

import bisect
import string
from itertools import accumulate

from rasd.gazetteer.keys import ARTICLES

#: lower-cases ASCII letters only, so offsets never move (``str.lower`` may lengthen a string)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_BYTES_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())


def ascii_lower(text: str) -> str:
    """``text`` with A-Z lower-cased and every other character left as it is (same length, same
    offsets). A text holding a non-ASCII character is translated as UTF-8 bytes: ``str.translate``
    reads it 15 times slower, and the bytes of non-ASCII characters are all over 127, which the
    table keeps."""
    if text.isascii():
        return text.translate(ASCII_LOWER)
    raw = text.encode("utf-8", "surrogatepass").translate(_BYTES_LOWER)
    return raw.decode("utf-8", "surrogatepass")


def positions(text: str, needles: tuple[str, ...]) -> list[int]:
    """Sorted start offsets of every occurrence of the needles in ``text``."""
    out = []
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            out.append(pos)
            pos = text.find(needle, pos + len(needle))
    out.sort()
    return out


def whole_words(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Ranges of the occurrences of ``words`` as whole words (``\\b`` both sides), in order."""
    out = []
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (not pos or not _word_char(text[pos - 1])) and (
                end == len(text) or not _word_char(text[end])
            ):
                out.append((pos, end))
            pos = text.find(word, end)
    out.sort()
    return out


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Ranges:
    """Character ranges, asked whether any overlaps a range (bisection over the sorted starts,
    with the furthest end reached so far)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _, e in ordered), max))

    def hits(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # the ranges that start before ``end``
        return k > 0 and self.reach[k - 1] > start


def article_before(text: str, start: int) -> int:
    """Start of an article glued before ``start`` ("al-" of "al-Raqa"), else ``start``."""
    if start < 3 or text[start - 1] not in "-‐":
        return start
    for size in (2, 3):
        begin = start - 1 - size
        if begin >= 0 and text[begin:start - 1].lower() in ARTICLES and (
            begin == 0 or text[begin - 1] in " \t\n(\"“"
        ):
            return begin
    return start


def word_before(text: str, pos: int) -> str:
    words = text[max(0, pos - 40):pos].rsplit(None, 1)
    return words[-1] if words else ""
