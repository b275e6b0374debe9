"""Cues in the text around a place mention: datelines, headlines, sentence starts, and whether
a capitalised word is also written as an ordinary lower-case word in the report."""

from __future__ import annotations

import re

_SENT_END = ".!?\n:;\"“”"
_WORDS = re.compile(r"\b[A-Za-z]")
_UPPER_WORDS = re.compile(r"\b[A-Z]")

#: what follows a dateline's place: more names (", Syria"), a date, an agency, then a dash
_DATELINE_TAIL = re.compile(
    r"(?:,?[ \t]*[A-Z][\w'’]*){0,3},?[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?[ \t]*)?"
    r"(?:\([^)\n]{1,40}\)[ \t]*)?(?:-|–|—)"
)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` is in a dateline ("BEIRUT (Agency) - ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 120:
        return False
    name = text[start:end]
    if name.isupper() and len(name) >= 4:
        return True
    return _DATELINE_TAIL.match(text, end, min(len(text), end + 60)) is not None


def sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t'\"“‘(":
        i -= 1
    return i < 0 or text[i] in _SENT_END


def title_case(text: str, begin: int, pos: int) -> bool:
    """Whether the sentence from ``begin`` around ``pos`` is in title case (a headline)."""
    ends = [i for i in (text.find("\n", pos), text.find(". ", pos)) if i >= 0]
    end = min([*ends, pos + 200])
    words = len(_WORDS.findall(text, begin, end))
    return words >= 4 and len(_UPPER_WORDS.findall(text, begin, end)) >= 0.6 * words


def appears_lower(text: str, word: str) -> bool:
    """Whether ``word`` (lower case) occurs in ``text`` as a whole lower-case word."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if (pos == 0 or not text[pos - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        pos = text.find(word, end)
    return False
