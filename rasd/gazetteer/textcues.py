"""Cues in the text around a place mention: the pattern it comes in ("X province", "near X"),
datelines, headlines, sentence starts, and whether a capitalised word is also written as an
ordinary lower-case word in the report."""

from __future__ import annotations

import re

from rasd.gazetteer.geocode import CUE_LOCATIVE, CUE_NEAR, CUE_PROVINCE, CUE_TYPED
from rasd.gazetteer.typed import TYPED_NOUNS, words

_SENT_END = ".!?\n:;\"“”"
_WORDS = re.compile(r"\b[A-Za-z]")
_UPPER_WORDS = re.compile(r"\b[A-Z]")

#: what follows a dateline's place: more names (", Syria"), a date, an agency, then a dash
_DATELINE_TAIL = re.compile(
    r"(?:,?[ \t]*[A-Z][\w'’]*){0,3},?[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?[ \t]*)?"
    r"(?:\([^)\n]{1,40}\)[ \t]*)?(?:-|–|—)"
)

PROVINCE_WORDS = words("province provinces governorate governorates wilayat wilaya")
NEAR_AFTER = words("countryside outskirts suburbs")
NEAR_BEFORE = words(
    "near outside around countryside outskirts suburbs vicinity rural north south east west "
    "northeast northwest southeast southwest north-east north-west south-east south-west"
)
LOCATIVE = words("in at from into to of inside across")


def pattern_cue(text: str, start: int, end: int) -> str | None:
    """The cue the words around a name give ("X province", "near X", "the village of X",
    "in X"), for the geocoder."""
    after = text[end:end + 40].split(None, 3)
    before = text[max(0, start - 50):start].rsplit(None, 2)
    a0 = after[0].rstrip(",.;:").lower() if after else ""
    b1 = before[-1].rstrip(",.;:").lower() if before else ""
    # the other words only where a rule reads them
    b2 = before[-2].rstrip(",.;:").lower() if b1 == "of" and len(before) > 1 else ""
    if a0 in PROVINCE_WORDS or b1 == "wilayat" or (
        a0 == "and" and len(after) > 2  # X and Y provinces
        and after[2].rstrip(",.;:").lower() in PROVINCE_WORDS
    ) or (b2 in PROVINCE_WORDS and b1 == "of"):
        return CUE_PROVINCE
    if a0 in NEAR_AFTER or (a0 in ("'s", "’s") and len(after) > 1
                            and after[1].rstrip(",.;:").lower() in NEAR_AFTER):
        return CUE_NEAR
    if b1 in {"near", "outside", "around", "rural"} or (b1 == "of" and b2 in NEAR_BEFORE):
        return CUE_NEAR
    if b1 == "of" and b2 in TYPED_NOUNS:
        return CUE_TYPED
    if b1 in LOCATIVE:
        return CUE_LOCATIVE
    return None


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` is in a dateline ("BEIRUT (Agency) - ...")."""
    line_start = text.rfind("\n", max(0, start - 121), start) + 1
    if start - line_start > 120:
        return False
    name = text[start:end]
    if name.isupper() and len(name) >= 4:
        return True
    window = text[end:end + 60]
    if "-" not in window and "–" not in window and "—" not in window:
        return False  # the tail ends with a dash
    return _DATELINE_TAIL.match(text, end, min(len(text), end + 60)) is not None


def sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t'\"“‘(":
        i -= 1
    return i < 0 or text[i] in _SENT_END


def title_case(text: str, begin: int, pos: int) -> bool:
    """Whether the sentence from ``begin`` around ``pos`` is in title case (a headline)."""
    return TitleCase(text).at(begin, pos)


_CLASSES = str.maketrans({
    chr(i): "U" if chr(i).isupper() else "l" if chr(i).islower() else
    "w" if chr(i).isalnum() or chr(i) == "_" else " " for i in range(128)
})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _char_classes(text: str) -> str:
    """" " + one letter per character of ``text``: ``U`` an ASCII capital, ``l`` an ASCII small
    letter, ``w`` another word character, a space for the rest (word starts are " U", " l")."""
    classes = text.translate(_CLASSES)
    if not classes.isascii():
        classes = _NON_ASCII.sub(lambda m: "w" if m.group().isalnum() else " ", classes)
    return " " + classes


class TitleCase:
    """:func:`title_case` over one text: word starts counted in a per-character class string
    (``str.count``), the sentence around a position found within 200 characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._classes: str | None = None
        self._firsts: dict[int, int] = {}  # where a sentence starts -> the first position asked
        self._begins: dict[int, bool] = {}

    def around(self, pos: int) -> bool:
        """Title case of the sentence around ``pos``, cached by where the sentence starts (and
        read, as the first time, up to the end seen from the first position noted in it)."""
        begin = self._begin(pos)
        hit = self._begins.get(begin)
        if hit is None:
            first = self._firsts.setdefault(begin, pos)
            hit = self._begins[begin] = self.at(begin, first)
        return hit

    def note(self, pos: int) -> None:
        """Count ``pos`` as asked, without the answer: :meth:`around` of a later position in the
        same sentence answers as if ``pos`` had been asked first (the answer is read lazily)."""
        self._firsts.setdefault(self._begin(pos), pos)

    def _begin(self, pos: int) -> int:
        text = self.text
        low = max(0, pos - 200)
        return max(text.rfind("\n", low, pos), text.rfind(". ", low, pos), pos - 200) + 1

    def at(self, begin: int, pos: int) -> bool:
        text = self.text
        end = pos + 200
        line = text.find("\n", pos, end)
        if line >= 0:  # the line ends before ``pos + 200``
            end = line
        stop = text.find(". ", pos, pos + 201)
        if 0 <= stop < end:
            end = stop
        if self._classes is None:
            self._classes = _char_classes(text)
        upper = self._classes.count(" U", begin, end + 1)  # pairs at begin..end-1: word starts
        words = upper + self._classes.count(" l", begin, end + 1)
        return words >= 4 and upper >= 0.6 * words


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
