"""Numbers as reports write them: digits ("1,200", "2.5"), words ("twenty-three", "a hundred"),
scaled ("1.5 million", "3 thousand") and vague amounts ("dozens", "a number of").

:data:`NUMBER_PATTERN` is a regular-expression fragment (no groups) matching one number;
:func:`parse_number` turns a match into its value. :func:`vague_amount` gives the conservative
(low, best) reading of a vague amount ("dozens" -> at least 24).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.gazetteer.textscan import ascii_lower as ascii_lower  # re-exported for the finders

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

#: vague amounts: (low, best) — best is the conservative reading (documented in docs/extraction.md)
VAGUE = {
    "dozens": (24, 24), "scores": (40, 40), "hundreds": (200, 200), "thousands": (2000, 2000),
    "tens of thousands": (20000, 20000), "hundreds of thousands": (200000, 200000),
    "several": (3, None), "a number of": (2, None), "a few": (2, None), "many": (2, None),
    "some": (2, None), "numerous": (3, None),
}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
#: digits may be Arabic-Indic (٠-٩, ۰-۹: ``\d`` matches them), with "٬" between thousands and
#: "٫" before decimals
_DIGITS = r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?"
_W1 = rf"(?:{_WORD})(?:[\s-]+(?:{_WORD}))?"
_SC = rf"(?:[\s-]+(?:{_SCALE})(?:[\s-]+(?:and\s+)?{_W1})?)"
_WORD_NUM = rf"(?:{_W1}{_SC}*|a{_SC}+)"
#: one number, digits or words, optionally scaled ("2.5 million", "three hundred and twelve")
NUMBER_PATTERN = rf"(?:(?:{_DIGITS})(?:\s+(?:{_SCALE}))?|{_WORD_NUM})"
#: vague amounts, longest first
VAGUE_PATTERN = "|".join(sorted(VAGUE, key=len, reverse=True))

_NUMBER_RE = re.compile(rf"^(?:{NUMBER_PATTERN})$", re.IGNORECASE)
_TOKEN_RE = re.compile(rf"{_DIGITS}|[a-z]+", re.IGNORECASE)


def _words_value(tokens: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for tok in tokens:
        if tok in ("and", "a"):
            if tok == "a":
                current = max(current, 1)
            continue
        if tok in UNITS or tok in TENS:
            current += UNITS.get(tok, 0) + TENS.get(tok, 0)
            seen = True
        elif tok in SCALES:
            scale = SCALES[tok]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


@lru_cache(maxsize=8192)
def parse_number(text: str) -> int | float | None:
    """The value of one number written in digits or words; None if ``text`` is not one."""
    raw = " ".join(text.lower().replace("-", " ").split())
    if not raw or not _NUMBER_RE.match(raw):
        return None
    raw = raw.replace("a dozen", "twelve")
    tokens = _TOKEN_RE.findall(raw)
    if tokens and re.match(r"\d", tokens[0]):
        value = float(tokens[0].replace(",", "").replace("٬", "").replace("٫", "."))
        for tok in tokens[1:]:
            if tok not in SCALES:
                return None
            value *= SCALES[tok]
        return int(value) if value == int(value) else value
    return _words_value(tokens)


def vague_amount(text: str) -> tuple[int, int | None] | None:
    """(low, best) of a vague amount ("dozens" -> (24, 24)); None if ``text`` is not one."""
    return VAGUE.get(" ".join(text.lower().split()))
