"""Area phrases around a place mention: "the eastern countryside of X", "western X countryside",
"X's northern countryside", "southern X", "west of X", "rural X", "the outskirts of X".

:func:`widen` extends a mention's character range over the phrase and sets its query's cue
(:data:`~rasd.gazetteer.geocode.CUE_REGION` for a countryside or a direction,
:data:`~rasd.gazetteer.geocode.CUE_NEAR` for outskirts / suburbs), ``direction`` (a compass
point) and ``region`` (``countryside``, ``of`` or ``adjective``: how the text said it). The
geocoder turns a region of a governorate (or of its seat) into the governorate's part in that
direction, precision 3; of a town, the area around the town, precision 2.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.gazetteer.curated import finder_words
from rasd.gazetteer.geocode import CUE_NEAR, CUE_PROVINCE, CUE_REGION, CUE_TYPED, PlaceQuery

_POINTS = {
    "north": "north", "south": "south", "east": "east", "west": "west",
    "northeast": "northeast", "northwest": "northwest", "southeast": "southeast",
    "southwest": "southwest",
}
_DIR = r"(?:north|south)?-?(?:east|west)|north|south"
_ADJ = rf"(?:{_DIR})(?:ern)?"
_OUTER = r"countryside|suburbs|outskirts|rural\s+areas|villages|areas|parts|part"
#: before the name: "the eastern countryside of ", "the countryside of ", "west of ", "northern "
_BEFORE = re.compile(
    rf"(?:\b(?P<adj>{_ADJ})\s+(?P<outer>{_OUTER})\s+of\s+(?:the\s+)?"
    rf"|\b(?P<outer2>countryside|suburbs|outskirts)\s+of\s+(?:the\s+)?"
    rf"|\b(?P<dir>{_DIR})\s+of\s+(?:the\s+)?"
    rf"|\b(?P<rural>rural)\s+"
    rf"|\b(?P<adj2>{_ADJ})\s+)$",
    re.IGNORECASE,
)
#: after the name: " countryside", "'s western countryside", " suburbs"
_AFTER = re.compile(
    rf"(?:['’]s)?\s+(?:(?P<adj>{_ADJ})\s+)?(?P<outer>countryside|suburbs|outskirts)\b",
    re.IGNORECASE,
)


_BEFORE_WORDS = ("north", "south", "east", "west", "rural", "countryside", "suburbs", "outskirts")
_AFTER_WORDS = ("countryside", "suburbs", "outskirts")


#: the last word of an area phrase before a name ("rural ", "northern ", "north-east "), or
#: the word before its "of" ("the countryside of ", "west of the ")
_BEFORE_ENDS = ("rural", "north", "south", "east", "west", "ern")
_BEFORE_OF = ("countryside", "suburbs", "outskirts", "areas", "villages", "part", "parts",
              "north", "south", "east", "west")


def _may_end_before(window: str) -> bool:
    """Whether ``window`` may end with an area phrase (what :data:`_BEFORE` ends with): a cheap
    test first, since a search tries that pattern at every position of the window."""
    if not window.isascii():
        return True  # letters that IGNORECASE matches otherwise than lower() ("İ", "ſ")
    if not window[-1:].isspace():
        return False
    words = window.rsplit(None, 3)
    if words[-1:] == ["the"]:
        words.pop()
        if words[-1:] != ["of"]:
            return False
    if words[-1:] == ["of"]:
        return len(words) > 1 and words[-2].endswith(_BEFORE_OF)
    return bool(words) and words[-1].endswith(_BEFORE_ENDS)


def point(word: str | None) -> str | None:
    """The compass point of a direction word ("north-eastern" -> "northeast")."""
    if not word:
        return None
    word = word.lower().replace("-", "")
    if word.endswith("ern"):
        word = word[:-3]
    return _POINTS.get(word)


@lru_cache(maxsize=1)
def _arabic() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """Patterns of the Arabic area words (``data/words.yaml``): before, after, their kinds."""
    words = finder_words()["arabic"]
    kinds = {w: kind for kind in ("countryside", "province", "town", "neighbourhood")
             for w in words[kind]}
    points = {w: p for p, ws in words["directions"].items() for w in ws}
    alt = "|".join(sorted(kinds, key=len, reverse=True))
    after = "|".join(sorted(points, key=len, reverse=True))
    return (re.compile(rf"(?:^|(?<=\s))(?:ب|و|وب)?({alt})\s+$"),
            re.compile(rf"\s+({after})(?!\w)"), kinds, points)


def widen_arabic(text: str, start: int, end: int, query: PlaceQuery) -> tuple[int, int]:
    """"ريف X الجنوبي", "محافظة X", "مدينة X", "حي X": the Arabic forms of the area phrases."""
    before_re, after_re, kinds, points = _arabic()
    before = before_re.search(text, max(0, start - 12), start)
    if before is None:
        return start, end
    kind = kinds[before.group(1)]
    new_start, new_end = before.start(1), end
    if kind == "countryside":
        query.cue, query.region = CUE_REGION, "countryside"
        after = after_re.match(text, end, min(len(text), end + 30))
        if after is not None:
            query.direction, new_end = points[after.group(1)], after.end()
    elif kind == "province":
        query.cue = CUE_PROVINCE
    else:
        query.cue, query.kind_word = CUE_TYPED, kind
        return start, end
    return new_start, new_end


def widen(text: str, start: int, end: int, query: PlaceQuery) -> tuple[int, int]:
    """The range of the area phrase around ``text[start:end]``; sets the query's cue."""
    if "\u0600" <= text[start:start + 1] <= "\u06ff":
        return widen_arabic(text, start, end, query)
    name_kind = query.text.lower().split()[-1] if query.text else ""
    if name_kind in {"countryside", "suburbs"}:  # "Damascus countryside": a name already
        return start, end
    window = text[max(0, start - 50):start].lower()
    before = _BEFORE.search(text, max(0, start - 50), start) if _may_end_before(window) and any(
        w in window for w in _BEFORE_WORDS) else None
    after = _AFTER.match(text, end, min(len(text), end + 40)) if any(
        w in text[end:end + 40].lower() for w in _AFTER_WORDS) else None
    outer = None
    direction: str | None = None
    new_start, new_end = start, end
    if before is not None:
        groups = before.groupdict()
        outer = groups["outer"] or groups["outer2"] or ("countryside" if groups["rural"] else None)
        direction = point(groups["adj"] or groups["dir"] or groups["adj2"])
        query.region = "of" if groups["dir"] else "adjective" if groups["adj2"] else "countryside"
        new_start = before.start()
    if after is not None:
        outer = after.group("outer")
        direction = direction or point(after.group("adj"))
        query.region = "countryside"
        new_end = after.end()
    if before is None and after is None:
        return start, end
    if outer is not None and outer.lower() in {"suburbs", "outskirts"}:
        query.cue, query.region = CUE_NEAR, None
    else:
        query.cue = CUE_REGION
    query.direction = direction
    return new_start, new_end
