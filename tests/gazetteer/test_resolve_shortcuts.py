"""The finder's and geocoder's shortcuts give what the plain code they replace gives: title-case
answers read lazily, the flags skipped for case-blind names, the run cache's name checks.
Every sentence and village here is FICTIONAL, written for Rasd."""

from __future__ import annotations

import random

from rasd.gazetteer.geocode import (
    CUE_LOCATIVE,
    CUE_NEAR,
    CUE_PROVINCE,
    CUE_REGION,
    CUE_TYPED,
    Geocoder,
    PlaceQuery,
    Resolution,
    case_blind,
)
from rasd.gazetteer.load import LoadedGazetteer
from rasd.gazetteer.textcues import TitleCase, _char_classes

WORDS = ["The", "the", "Town", "town", "Of", "of", "Kafr", "Fictiva", "shelled", "In", "in",
         "AND", ".", ". ", "\n", "Near", "near", "Wadi", "al-Fictiva"]


def _old_around(text: str, cache: dict[int, bool], pos: int) -> bool:
    """``TitleCase.around`` as it was: the answer computed at the first position asked."""
    low = max(0, pos - 200)
    begin = max(text.rfind("\n", low, pos), text.rfind(". ", low, pos), pos - 200) + 1
    if begin not in cache:
        ends = [i for i in (text.find("\n", pos, pos + 200), text.find(". ", pos, pos + 201))
                if i >= 0]
        end = min([*ends, pos + 200])
        classes = _char_classes(text)
        upper = classes.count(" U", begin, end + 1)
        words = upper + classes.count(" l", begin, end + 1)
        cache[begin] = words >= 4 and upper >= 0.6 * words
    return cache[begin]


def test_title_case_noted_positions_answer_as_if_asked() -> None:
    rng = random.Random(5)
    checked = 0
    for _ in range(300):
        text = "".join(rng.choice(WORDS) + rng.choice(" \t") for _ in range(rng.randrange(5, 90)))
        positions = sorted(rng.sample(range(len(text)), min(len(text), 25)))
        old: dict[int, bool] = {}
        new = TitleCase(text)
        for pos in positions:
            expected = _old_around(text, old, pos)
            if rng.random() < 0.5:
                new.note(pos)  # asked by the old code, its answer unused
            else:
                checked += 1
                assert new.around(pos) == expected, (text, pos)
    assert checked > 2000


def _same(a: Resolution, b: Resolution) -> bool:
    return a.written() == b.written() and (a.entity, a.area) == (b.entity, b.area)


def test_case_blind_names_resolve_alike_with_either_flag(loaded: LoadedGazetteer) -> None:
    gaz = loaded.gazetteer
    names = sorted({n for p in gaz.places.values() for n in p.all_names()})
    names = [*random.Random(3).sample(names, min(len(names), 1500)), "Idlibs", "Idleb",
             "Ildib", "Fiktiya", "Tal", "Kafr", "Wahmi Kafr", "Aleppo", "Halab"]
    geocoder = Geocoder(gaz)  # its caches are keyed by the flags too
    blind = differ = 0
    for name in names:
        if not case_blind(gaz, name):  # the flags may change its resolution, and do for some
            plain = geocoder.resolve([PlaceQuery(name)])
            flagged = geocoder.resolve([PlaceQuery(name, sentence_start=True, headline=True)])
            differ += not _same(plain[0], flagged[0])
            continue
        blind += 1
        for cue in (None, CUE_PROVINCE, CUE_NEAR, CUE_TYPED, CUE_LOCATIVE, CUE_REGION):
            for weak in (False, True):
                plain = geocoder.resolve([PlaceQuery(name, cue=cue, weak=weak)])
                flagged = geocoder.resolve([PlaceQuery(name, cue=cue, weak=weak,
                                                            sentence_start=True,
                                                            headline=True)])
                assert _same(plain[0], flagged[0]), (name, cue, weak)
    assert 100 < blind < len(names) and differ > 10
