"""The trigger prefilter finds exactly what the whole alternation finds (fictional text)."""

from __future__ import annotations

import re

from rasd.extract.events import _load_yaml
from rasd.extract.prefilter import Dispatch, first_words, prefixes

TEXT = ("Warplanes struck the fictional town of Tell Sawda on Monday. A car bomb exploded near "
        "the bakery; the de-escalation agreement collapsed. Residents were shot dead at a "
        "checkpoint, and the hospital was bombed. Airstrikes and air raids continued while "
        "the hunger strike went on. Militants executed five men and abducted ten.").lower()


def test_first_words_of_fragments() -> None:
    assert first_words("(?:were |was )?bombed") == {"were", "was", "bombed"}
    assert first_words("raids?(?! on homes)") == {"raid"}
    assert first_words("(?<!hunger )strikes?") == {"strike"}
    assert first_words("(?:car|truck) bombs?") == {"car", "truck"}
    assert first_words("de-escalation") == {"de"}
    assert first_words(r"\w+ killed") is None


def test_dispatch_equals_whole_alternation() -> None:
    groups: list[tuple[str, list[str]]] = []
    for spec in _load_yaml("event_types.yaml")["event_types"].values():
        for sub in spec["sub_event_types"].values():
            groups.append((f"s{len(groups)}", list(sub["triggers"])))
    whole = re.compile(r"\b(?:" + "|".join(f"(?P<{n}>{'|'.join(f)})" for n, f in groups)
                       + r")\b")
    expected = [(m.lastgroup, m.start(), m.end()) for m in whole.finditer(TEXT)]
    found = list(Dispatch(groups).finditer(TEXT, 0, len(TEXT)))
    assert found == expected
    assert len(found) >= 8


def test_candidates_by_key_pattern_equal_candidates_by_prefixes() -> None:
    groups = [("a", ["car bombs?", "de-escalation", "shot dead"]),
              ("b", ["air ?strikes?", "executed"])]
    dispatch = Dispatch(groups)
    text = TEXT + " de la 2nd carbomb de-escalation_de 9shot dead"
    expected = dispatch.candidates(text, prefixes(text))
    assert dispatch.candidates(text) == expected
    assert len(expected) >= 6


def test_arabic_triggers_are_filed_and_found_like_the_whole_alternation() -> None:
    """Arabic-script words are filed under their first letters (the filing stays on: no
    fallback to the whole alternation) and found where the whole alternation finds them."""
    assert first_words("غارات") == {"غارات"}
    groups = [(f"s{i}", list(sub["triggers"])) for i, sub in enumerate(
        sub for spec in _load_yaml("event_types.yaml")["event_types"].values()
        for sub in spec["sub_event_types"].values())]
    dispatch = Dispatch(groups)
    assert dispatch.fallback is None
    text = TEXT + " قتل 12 مدنياً في غارات جوية وقصف مدفعي، وشنت القوات حملة اعتقالات."
    whole = re.compile(r"\b(?:" + "|".join(f"(?P<{n}>{'|'.join(f)})" for n, f in groups)
                       + r")\b")
    expected = [(m.lastgroup, m.start(), m.end()) for m in whole.finditer(text)]
    assert list(dispatch.finditer(text, 0, len(text))) == expected
    assert sum(1 for _, start, _ in expected if start > len(TEXT)) >= 3
