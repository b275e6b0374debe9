"""Arabic-script event triggers (used by :mod:`rasd.extract.events`).

Arabic writes the conjunctions و and ف, the prepositions ب and ل and the article ال on the
word ("وبالغارات": "and with the air strikes"), and a pronoun after it ("اعتقاله": "his
arrest"), so a list of whole word forms misses most of what a report writes. The trigger words
of each sub-event type (``triggers_ar`` in ``rasd/taxonomy/event_types.yaml``) are the bare
forms — singular, dual, plural, feminine, past verb — and this module allows those clitics
around them; a phrase's later words may take the article ("طائرات حربية" finds "الطائرات
الحربية"). Words are matched, as the Arabic counts are, on the folded copy of
:func:`rasd.extract.count_arabic.fold` (hamza forms of alef ا, ة ه, ى ي, short vowels and
tatweel dropped), mapped back to the report's exact offsets.

The matcher runs only on texts that hold an Arabic letter: an English report costs one
``str.isascii`` (or, with a non-ASCII character, one search).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rasd.extract.count_arabic import _B, _E, _MARKS_RE, _PREFIX, HAS_ARABIC, fold

#: the clitics before a word (:mod:`rasd.extract.count_arabic`), and ل before the article,
#: which drops its alef ("للقصف": "to the shelling")
_BEFORE = f"(?:(?:و|ف)?لل|{_PREFIX})"

#: what a trigger may carry at its end: a pronoun (him/it, her/it, them: plural, dual,
#: feminine), or the alef of the accusative ending ("إعداماً")
ENDINGS = ("هما", "هم", "هن", "ها", "ه", "ا")


def _phrase(words: str) -> str:
    """A folded trigger as a pattern: its words apart by any spaces, each after the first
    with an optional article."""
    first, *rest = fold(words)[0].split()
    return r"\s+".join([re.escape(first), *(f"(?:ال)?{re.escape(w)}" for w in rest)])


class ArabicTriggers:
    """The Arabic trigger words of the sub-event types, in one pattern of named groups
    ``s0``, ``s1``, ... in the order given (the first group that matches at a place wins, as
    in :class:`rasd.extract.prefilter.Dispatch`: the most specific type first)."""

    def __init__(self, groups: Iterable[tuple[str, list[str]]]) -> None:
        alts = [f"(?P<{name}>{'|'.join(_phrase(w) for w in sorted(words, key=len, reverse=True))})"
                for name, words in groups if words]
        ending = "|".join(ENDINGS)
        self.pattern = re.compile(
            rf"{_B}{_BEFORE}(?:{'|'.join(alts)})(?:{ending})?{_E}" if alts else r"(?!x)x")

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, group name) of each trigger in ``text``, sorted, non-overlapping; the
        span is the trigger word, clitics and vowel marks included. Empty without an Arabic
        letter."""
        if text.isascii() or HAS_ARABIC.search(text) is None:  # isascii: 10x faster
            return []
        folded, offsets = fold(text)
        out = []
        for m in self.pattern.finditer(folded):
            start, end = m.span()
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
                while (mark := _MARKS_RE.match(text, end)) is not None:  # "غاراتٍ"
                    end = mark.end()
            out.append((start, end, str(m.lastgroup)))
        return out
