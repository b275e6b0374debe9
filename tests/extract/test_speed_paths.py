"""The faster paths of extraction give what the plain ones give (issue 4, speed).

Each test compares a shortcut with the straightforward computation it replaced, on fictional
text written for Rasd.
"""

from __future__ import annotations

import gc
import random
import re
import weakref
from datetime import date
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Span
from spacy.util import filter_spans

from rasd.extract import event_rules, report_attackers
from rasd.extract.events import _holds, load_taxonomy
from rasd.extract.group_names import longest_first
from rasd.extract.perpetrators import actor_by_id, attack_nouns, lexicon
from rasd.extract.pipeline import extract, make_doc, mention_id, release
from rasd.extract.prefilter import literal_words, shared_candidates
from rasd.extract.spans import token_range, token_view
from rasd.model import Report, stable_id

TEXT = ("Warplanes struck the fictional town of Tell Sawda on Monday; a car bomb exploded near "
        "the bakery while residents fled. Meanwhile, militants executed five men. Elsewhere "
        "the siege went on, whereas the shelling stopped. The U.S. envoy said so. 9shot "
        "de-escalation_de raided homes, looted shops and arrested 20 men.")
SENTENCES = [
    "Rebels shelled the market, but nobody was hurt.", "The army advanced and the town fell.",
    "Although the road was open, trucks waited; nobody moved.", "Jets struck at dawn.",
    "Five died WHILE the clinic burned.", "They fled, as the shells fell, to the camp.",
    "He said: the strike hit. Then it stopped.", "Whereas the north was calm, the south burned.",
    "Fighting went on elsewhere.", "Shelling resumed after the truce, before noon.",
    "The WHİLE sign", "Arrests in Tell Sawda; raids at night.", "Meanwhile, nothing.",
    "No comma here at all", "Gunmen attacked the post. ", "A.B. said it happened.",
]


def test_shared_candidates_equal_each_dispatchs_own() -> None:
    tax = load_taxonomy()
    for text in (TEXT.lower(), " ".join(SENTENCES).lower(), "de la 2nd carbomb x-ray"):
        triggers, cues = shared_candidates(text, (tax.triggers, tax.cues), tax.starts)
        assert triggers == tax.triggers.candidates(text)
        assert cues == tax.cues.candidates(text)
    assert len(shared_candidates(TEXT.lower(), (tax.triggers, tax.cues), tax.starts)[0]) >= 5


def test_clause_split_prefilter_misses_no_split() -> None:
    text = " ".join([*SENTENCES, TEXT])
    lower = text.lower()
    splits = 0
    for m in re.finditer(r"[^.!?]+[.!?]?", text):
        start, end = m.span()
        if list(event_rules.CLAUSE_SPLIT.finditer(text, start, end)):
            splits += 1
            assert event_rules.may_split(text, lower, start, end), text[start:end]
    assert splits >= 8
    assert not event_rules.may_split("Jets struck at dawn.", "jets struck at dawn.", 0, 20)


def test_ranges_inside_by_bisection() -> None:
    rng = random.Random(3)
    ranges = sorted({(a, a + rng.randint(1, 9)) for a in (rng.randint(0, 200) for _ in range(40))})
    for _ in range(300):
        start = rng.randint(0, 210)
        end = start + rng.randint(0, 40)
        assert _holds(ranges, start, end) == any(a >= start and b <= end for a, b in ranges)


def test_mention_id_is_the_stable_id() -> None:
    assert mention_id("r-1", "place", 3, 17) == stable_id("men", "r-1", "place", 3, 17)
    assert mention_id("ré\x1f", "date", 0, 0) == stable_id("men", "ré\x1f", "date", 0, 0)


def test_token_range_equals_char_span_expand() -> None:
    nlp = spacy.blank("en")
    rng = random.Random(5)
    for text in (TEXT, "  Two  spaces\n\nand\ttabs .. end  ", "a"):
        doc = nlp(text)
        view = token_view(doc)
        for _ in range(300):
            start = rng.randint(0, len(text) - 1)
            end = rng.randint(start + 1, len(text))
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else (span.start, span.end)
            assert token_range(doc, view, start, end) == expected, (text, start, end)


def test_longest_first_equals_filter_spans() -> None:
    doc = spacy.blank("en")("one two three four five six seven eight nine ten eleven twelve")
    rng = random.Random(11)
    for _ in range(200):
        found = []
        for k in range(rng.randint(0, 8)):
            start = rng.randint(0, 11)
            found.append((start, rng.randint(start + 1, 12), f"g{k % 3}"))
        spans = [Span(doc, s, e, label=label) for s, e, label in found]
        assert longest_first(found) == [(s.start, s.end, s.label_) for s in filter_spans(spans)]


def _event(etype: str, evidence: tuple[int, int], perpetrator: str | None = None,
           rule: str = "attack phrase", sub: str = "Air/drone strike") -> dict[str, Any]:
    actors = [actor_by_id(perpetrator, "perpetrator", rule, None)] if perpetrator else []
    return {"event_type": etype, "sub_event_type": sub, "actors": actors, "rules": [],
            "background": False, "modality": "asserted", "evidence": [evidence]}


def _reference(text: str, events: list[dict[str, Any]]) -> None:
    """fill_from_report as written before its per-type cache: every event asks afresh."""
    lex = lexicon()
    named = report_attackers._named_attacker(text, [])
    for event in events:
        if event["event_type"] not in report_attackers.VIOLENT or \
                report_attackers.has_perpetrator(event):
            continue
        targets = {a["entity"] for a in event["actors"] if a["role"] == "target"}
        actor = report_attackers._weapon(text, event, lex) or \
            report_attackers._report_attacker(events, event) or named or \
            report_attackers._area_attacker(text, event, lex)
        if actor is not None and actor["entity"] not in targets:
            event["actors"].insert(0, actor)
            event["rules"].append(f"perpetrator: {actor['rule']}")


def test_report_attacker_cache_gives_what_asking_each_time_gives() -> None:
    text = "Barrel bombs fell on the town. Jets struck. Shells hit. Guns fired. Hell cannons."
    bombs, jets, guns, cannons = (0, 12), (31, 43), (51, 61), (62, 74)
    battle = "Battles"
    air = "Explosions/Remote violence"
    cases = [
        [_event(air, jets), _event(air, bombs), _event(air, jets), _event(battle, guns)],
        [_event(air, jets, "grp-russian-forces"), _event(air, jets), _event(air, bombs),
         _event(air, jets)],
        [_event(air, bombs), _event(air, cannons), _event(air, jets), _event(battle, guns),
         _event(battle, guns, "grp-free-syrian-army"), _event(battle, jets)],
        [_event(air, jets), _event("Protests", jets), _event(air, cannons), _event(air, jets)],
    ]
    for events in cases:
        expected = [dict(e, actors=list(e["actors"]), rules=list(e["rules"])) for e in events]
        _reference(text, expected)
        report_attackers.fill_from_report(text, events, [])
        assert events == expected
    assert any(len(e["actors"]) for e in cases[2])


def test_released_doc_is_freed_without_the_cycle_collector(nlp: Language) -> None:
    report = Report(id="r-free", sha256="", text=TEXT, media_type="text/plain",
                    archive_path="", published=date(2017, 4, 5), fictional=True)
    assert extract(nlp, report).events
    gc.disable()
    try:
        doc = nlp(make_doc(nlp, TEXT, report))
        alive = weakref.ref(doc)
        release(doc)
        del doc
        assert alive() is None  # freed by reference counting alone
    finally:
        gc.enable()


def test_attack_nouns_by_find_equal_the_pattern() -> None:
    lex = lexicon()
    texts = [TEXT.lower(), "the counter-attack and counterattack, attacks; attack_x 2attack "
             "éattack attacké the operations-room operation. a campaign's advance (offensive)",
             "attackattack attack", ""]
    for text in texts:
        assert attack_nouns(text) == [m.span() for m in lex.nouns.finditer(text)], text
    assert len(attack_nouns(texts[1])) >= 8
    assert literal_words("x-ray", ("-ray",)) is None
