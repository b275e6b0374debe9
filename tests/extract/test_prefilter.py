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
    fallback to the whole alternation) and found where the whole alternation finds them.
    (The taxonomy's Arabic triggers take clitics: rasd/extract/event_arabic.py matches them.)"""
    assert first_words("غارات") == {"غارات"}
    groups = [(f"s{i}", list(sub["triggers"])) for i, sub in enumerate(
        sub for spec in _load_yaml("event_types.yaml")["event_types"].values()
        for sub in spec["sub_event_types"].values())]
    groups.append(("ar", ["غارات", "وقصف", "حملة اعتقالات"]))
    dispatch = Dispatch(groups)
    assert dispatch.fallback is None
    text = TEXT + " قتل 12 مدنياً في غارات جوية وقصف مدفعي، وشنت القوات حملة اعتقالات."
    whole = re.compile(r"\b(?:" + "|".join(f"(?P<{n}>{'|'.join(f)})" for n, f in groups)
                       + r")\b")
    expected = [(m.lastgroup, m.start(), m.end()) for m in whole.finditer(text)]
    assert list(dispatch.finditer(text, 0, len(text))) == expected
    assert sum(1 for _, start, _ in expected if start > len(TEXT)) >= 3


def test_fold_lists_every_character_a_case_insensitive_letter_matches() -> None:
    """Each non-ASCII character that ``re.IGNORECASE`` matches to an ASCII letter is in FOLD,
    folded to that letter (else a case-free twin would miss a match)."""
    import sys

    from rasd.extract.prefilter import FOLD, folded

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = {ch: x for x in "abcdefghijklmnopqrstuvwxyz"
             for ch in re.findall(x, every, re.IGNORECASE) if not ch.isascii()}
    assert found == dict(FOLD)
    assert folded("İran ıs Kilo ſtrike ÉTÉ’S") == "iran is kilo strike ÉtÉ’s"  # É: no ASCII


def test_case_free_twins_match_where_the_case_insensitive_patterns_match() -> None:
    from rasd.extract import event_rules, perpetrators, report_attackers
    from rasd.extract.prefilter import case_free, folded

    texts = ["Forces BACKED by the Regime ", "killed By İSIS ", "the ſhelling of Rebel areas ",
             "Twelve OF the ", "Kilo positions held by ", "they WOULD attack; While rebels ",
             "since the War began, 300 were killed ", "accuſed the ", "Mar 12 the "]
    twins = [p for mod in (perpetrators, report_attackers) for p in vars(mod).values()
             if isinstance(p, re.Pattern) and not p.flags & re.IGNORECASE
             and re.sub(r"\\.", "", p.pattern).lower() == re.sub(r"\\.", "", p.pattern)]
    assert len(twins) >= 15
    pairs = [(re.compile(p.pattern, re.IGNORECASE), p) for p in twins]
    pairs += [(p, case_free(p)) for p in (event_rules.CLAUSE_SPLIT, event_rules._CUMULATIVE,
                                          event_rules._BACKGROUND, event_rules._PLANNED_AFTER)]
    for text in texts:
        fold = folded(text)
        for start in range(len(text)):
            for original, twin in pairs:
                a, b = original.search(text[start:]), twin.search(fold[start:])
                assert (a and a.span()) == (b and b.span()), (original.pattern, text, start)


def test_candidates_skip_words_that_lead_no_match() -> None:
    """A word whose first letters have a file but that starts none of the file's words ("the"
    for "thermobaric") is no candidate; the matches stay those of the whole alternation."""
    dispatch = Dispatch([("a", ["thermobaric"]), ("b", ["shot dead", "(?:were )?wounded"])])
    text = "the thermobaric bomb, then they shot theft; were wounded; wer shot dead"
    starts = [at for at, _ in dispatch.candidates(text)]
    assert starts == [text.index(w) for w in ("thermobaric", "shot theft", "were wounded",
                                              "wounded", "shot dead")]
    whole = re.compile(r"\b(?:(?P<a>thermobaric)|(?P<b>shot dead|(?:were )?wounded))\b")
    assert list(dispatch.finditer(text, 0, len(text))) == \
        [(m.lastgroup, m.start(), m.end()) for m in whole.finditer(text)]


def test_lead_scan_equals_each_dispatchs_own_candidates() -> None:
    """One trie scan (prefilter.LeadScan) finds, per dispatch, the candidates its own key
    scan and lead test find: keys with and without sure leads, a 2-letter key, a lead that is
    a prefix of another dispatch's lead, words glued to digits and underscores."""
    from rasd.extract.prefilter import shared_candidates, union_starts

    one = Dispatch([("a", ["car bombs?", "de-escalation", "shot dead", "kil*ed"]),
                    ("b", ["air ?strikes?", "executed", "deaths?"])])
    two = Dispatch([("c", ["killings?", "cars? burned", "shot", "de-mining", "dead bodies"]),
                    ("d", ["executions?", "airport", "des(?:troyed)?"])])
    text = "killings(" + TEXT + (" de la 2nd carbomb de-escalation_de 9shot dead killings "
                                 "kiled kil killed cars execution executed airport destroyed "
                                 "des de dea deaths _de de9 "
                                 "airstrike air strike\n(executed)-shot,dead") * 2
    starts = union_starts((one, two))
    assert shared_candidates(text, (one, two), starts) == [one.candidates(text),
                                                           two.candidates(text)]
    assert all(len(found) >= 8 for found in starts.candidates(text))
    assert starts.candidates(text)[1][0][0] == 0  # the text's first word
