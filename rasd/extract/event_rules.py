"""The syntax-light rules that fill an event's parts (used by :mod:`rasd.extract.events`).

Each rule records what it did in ``event["rules"]`` so an analyst sees why a value was taken.
"""

from __future__ import annotations

import bisect
import itertools
import re
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from rasd.extract import perpetrators
from rasd.extract import spans as _spans
from rasd.extract.main_event import event_counts
from rasd.extract.prefilter import case_free, fold_pattern, folded
from rasd.model import TIME_WEEK

#: the words that open a new clause inside a sentence
CLAUSE_WORDS = ("while", "whereas", "meanwhile", "elsewhere")
#: where a sentence splits into clauses: ";", a clause word, a full stop before a space; the
#: lookahead lets the engine skip, with one class test, every position none of them starts at
#: (same matches: each alternative opens with ";", ",", "." or a space)
CLAUSE_SPLIT = re.compile(r"(?=[;,.\s])(?:;|,?\s+\b(?:" + "|".join(CLAUSE_WORDS)
                          + r")\b|\.\s)", re.I)
#: the same, to run on the folded text (prefilter.case_free): the same places, faster
CLAUSE_SPLIT_FOLDED = case_free(CLAUSE_SPLIT)
#: what ``may_split`` looks for: the clause words that hold no other one ("while" is in
#: "meanwhile")
_SPLIT_KEYS = tuple(w for w in CLAUSE_WORDS if not any(o != w and o in w for o in CLAUSE_WORDS))

_MODALITY = [
    ("denied", re.compile(r"\b(?:denied|denies|deny|denying|refuted|dismissed (?:the )?"
                          r"(?:reports?|claims?|accusations?)|did not|didn't|never)\b", re.I)),
    ("hypothetical", re.compile(r"\b(?:if|would|could|might|may|unless|in case|risk of)\b",
                                re.I)),
    ("planned", re.compile(r"\b(?:ahead of|plans? to|planning|planned|prepar(?:ing|es|e) "
                           r"(?:for|to)|will|intends? to|massing|expected to|threaten(?:s|ed)? "
                           r"to|vow(?:s|ed)? to|upcoming|imminent|about to)\b", re.I)),
]
#: whether any pattern of _MODALITY matches, in one search of the folded window: most events
#: have no cue (prefilter.case_free: the case-insensitive patterns run only where one matches)
_ANY_MODALITY = fold_pattern("|".join(f"(?:{p.pattern})" for _, p in _MODALITY))
_DENIED_SENTENCE = re.compile(r"\b(?:denied|denies)\b")
_PLANNED_AFTER = re.compile(r"\b(?:ahead of|in preparation for|in anticipation of)\b", re.I)
_ANY_PLANNED_AFTER = case_free(_PLANNED_AFTER)
#: a word each match of _BACKGROUND / _CUMULATIVE holds (a quick test before the pattern)
_BACKGROUND_WORDS = ("in 19", "in 20", "since the", "year of the", "years ago", "in the past",
                     "back in", "histor", "previously", "anniversary")
_CUMULATIVE_WORDS = ("since", "so far", "in total", "toll", "across", "over the past",
                     "hundreds of thousands", "war", "conflict")
#: "over / in the past 24 hours, two days, week": recent news, neither history nor a running toll
_RECENT = r"(?!\s+(?:\w+\s+)?(?:hours?|days?|night|weekend|week)\b)"
_BACKGROUND = re.compile(
    r"\b(?:in (?:19\d\d|200\d|2010)|since the (?:start|beginning|outbreak) of the "
    r"(?:war|revolution|uprising|conflict|crisis)|(?:first|second) year of the "
    r"(?:revolution|uprising|war|conflict)|years ago|in the past" + _RECENT + r"|back in|history|"
    r"historic(?:al)?|"
    r"previously|anniversary)\b", re.I)


doc_text = _spans.doc_text  # the doc's text, built once per doc (rasd.extract.spans)
lower_text = _spans.lower_text  # its A-Z lower-cased copy, same offsets


def may_split(text: str, lower: str, start: int, end: int) -> bool:
    """Whether ``CLAUSE_SPLIT`` can match in ``text[start:end]`` (``lower``: its A-Z
    lower-cased copy): it needs a ";", a "." before the last character ("\\.\\s") or a clause
    word (:data:`CLAUSE_WORDS`, each found through one of :data:`_SPLIT_KEYS`), looked for with
    ``str.find`` (the pattern is tried at every space). Text beyond ASCII always runs the
    pattern (case-insensitive matching folds some of it to ASCII letters: "ſ" is an "s")."""
    return (text.find(";", start, end) >= 0 or text.find(".", start, end - 1) >= 0
            or any(lower.find(key, start, end) >= 0 for key in _SPLIT_KEYS)
            or not (text.isascii() or text[start:end].isascii()))


def bounds_of(doc: Doc, key: str) -> list[tuple[int, int]]:
    """(start char, end char) of the spans of a group (:func:`rasd.extract.spans.span_bounds`:
    read once per doc, not a ``Span`` object per mention)."""
    return [(a, b) for _, _, a, b in _spans.span_bounds(doc, key)]


def plain_spans(doc: Doc, key: str) -> list[tuple[int, int, dict[str, Any]]]:
    """(start char, end char, value) of the ``key`` spans that have a value, sorted, once per
    doc (reading ``span._.value`` goes through spaCy's slow extension lookup)."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if key not in cache:
        data: dict[Any, Any] = doc.user_data  # span._.value, read directly (spans.py)
        bounds = bounds_of(doc, key)
        cache[key] = sorted(((a, b, v) for a, b in bounds
                             if isinstance(v := data.get(("._.", "value", a, b)), dict)),
                            key=lambda t: t[:2])
    found: list[tuple[int, int, dict[str, Any]]] = cache[key]
    return found




def armed_groups(doc: Doc) -> list[perpetrators.GroupRef]:
    """The armed-group mentions with a dictionary id, as plain values, once per doc."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "armed" not in cache:
        text, data = doc_text(doc), doc.user_data
        refs = (perpetrators.GroupRef.at(a, b, text, data) for a, b in bounds_of(doc, "group"))
        cache["armed"] = sorted((r for r in refs if r is not None), key=lambda r: r.start_char)
    found: list[perpetrators.GroupRef] = cache["armed"]
    return found


def _groups(doc: Doc, start: int, end: int) -> list[perpetrators.GroupRef]:
    """The armed groups inside [start, end), by bisection over their starts."""
    groups = armed_groups(doc)
    cache = doc.user_data["rasd_plain"]
    if "armed_at" not in cache:
        cache["armed_at"] = [g.start_char for g in groups]
    i = bisect.bisect_left(cache["armed_at"], start)
    out = []
    while i < len(groups) and groups[i].start_char < end:
        if groups[i].end_char <= end:
            out.append(groups[i])
        i += 1
    return out


def fill_actors(doc: Doc, event: dict[str, Any], triggers: list[tuple[int, int, str]]) -> None:
    """Perpetrator and target (:mod:`rasd.extract.perpetrators`); victims from the counts."""
    anchor = event["trigger"] or (event["counts"][0]["span"] if event["counts"] else None)
    if anchor is None:
        return
    groups = _groups(doc, *event["sentence"])
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "nouns" not in cache:
        cache["nouns"] = perpetrators.attack_nouns(lower_text(doc))
    perpetrators.assign(doc_text(doc), lower_text(doc), event, groups, triggers, cache["nouns"])
    for count in event["counts"]:
        if count.get("who") and not count.get("subset"):
            event["actors"].append({"role": "victim", "name": count["who"], "entity": None,
                                    "span": count["span"], "actor_type": None, "side": None,
                                    "rule": "who of a count"})


def fill_modality(doc: Doc, event: dict[str, Any]) -> None:
    """asserted / planned / denied / hypothetical from cue words just before the trigger."""
    anchor = event["trigger"] or event["counts"][0]["span"]
    text, lower, fold = doc_text(doc), lower_text(doc), folded(doc_text(doc))
    w_start = max(event["clause"][0], anchor[0] - 60)
    window = text[w_start:anchor[0]]
    cued = _ANY_MODALITY.search(fold[w_start:anchor[0]]) is not None
    s_start, s_end = event["sentence"]
    a_end = min(event["clause"][1], anchor[1] + 30)
    for modality, pattern in _MODALITY:
        m = pattern.search(window) if cued else None
        if m is None and modality == "planned" and \
                _ANY_PLANNED_AFTER.search(fold[anchor[1]:a_end]) is not None:
            m = _PLANNED_AFTER.search(text[anchor[1]:a_end])
        if m is None and modality == "denied" and lower.find("deni", s_start, s_end) >= 0:
            m = _DENIED_SENTENCE.search(lower[s_start:s_end])
        if m:
            event["modality"], event["modality_cue"] = modality, m.group(0)
            return


def fill_date(doc: Doc, event: dict[str, Any], base: date | None) -> None:
    """The date span nearest the trigger in the clause, then the sentence, else the report's."""
    anchor = (event["trigger"] or event["clause"])[0]
    spans = plain_spans(doc, "date")
    for key, (start, end) in (("clause", event["clause"]), ("sentence", event["sentence"])):
        dated = []
        for i in range(bisect.bisect_left(spans, (start,)), len(spans)):
            d = spans[i]
            if d[0] >= end:
                break  # sorted by start: none further on starts inside
            if d[1] <= end and d[2].get("start"):
                dated.append(d)
        if dated:
            a, b, value = min(dated, key=lambda d: abs(d[0] - anchor))
            event["date"] = {"start": value["start"], "end": value["end"],
                             "precision": value["precision"], "span": (a, b), "rule": key}
            return
    if base is not None:
        event["date"] = {"start": base.isoformat(), "end": base.isoformat(),
                         "precision": TIME_WEEK, "span": None, "rule": "report's date"}


_NON_VIOLENT = {"Strategic developments", "Protests"}
_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+|its\s+|it\s+)?(?:\w+\s+){0,3}?(?:began|started|erupted|"
    r"broke out|intervened|declared|conflict|war|uprising|revolution|crisis|start|beginning|"
    r"outbreak|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d|last|early|mid|the end)|so far this|in total|"
    r"death toll (?:from|in) the (?:\w+-year )?(?:war|conflict)|across (?:the country|syria)|"
    rf"over the past{_RECENT}|hundreds of thousands|in the (?:\w+-year )?(?:war|conflict)\b)",
    re.I)
_ANY_CUMULATIVE, _ANY_BACKGROUND = case_free(_CUMULATIVE), case_free(_BACKGROUND)


def fill_background(doc: Doc, event: dict[str, Any], base: date | None) -> None:
    """History the report recalls: dated long before the report, or told with a cue phrase;
    a cumulative toll ("killed since the conflict began") is not a news event either."""
    c_start, c_end = event["clause"]
    lower, fold = lower_text(doc)[c_start:c_end], folded(doc_text(doc))
    m = _CUMULATIVE.search(doc_text(doc), c_start, c_end) if event["counts"] and any(
        cue in lower for cue in _CUMULATIVE_WORDS) and _ANY_CUMULATIVE.search(
        fold, c_start, c_end) else None
    if m:
        event["background"] = True
        event["rules"].append(f"cumulative toll '{m.group(0)}'")
        return
    when = event["date"]
    old = base and when and when.get("span") and when["end"] and \
        date.fromisoformat(when["end"]) < base - timedelta(days=365)
    if old:
        event["background"] = True
        event["rules"].append("dated more than a year before the report")
        return
    m = _BACKGROUND.search(doc_text(doc), c_start, c_end) if any(
        cue in lower for cue in _BACKGROUND_WORDS) and _ANY_BACKGROUND.search(
        fold, c_start, c_end) else None
    if m:
        event["background"] = True
        event["rules"].append(f"background cue '{m.group(0)}'")


def fill_attribution(doc: Doc, event: dict[str, Any]) -> None:
    """Who in the report said it: the smallest attributed claim (``doc.spans["quote"]``, by
    :mod:`rasd.extract.attribution`) holding the trigger, else the one overlapping it most."""
    start, end = event["trigger"] or event["clause"]
    best: tuple[int, dict[str, Any]] | None = None
    quotes = plain_spans(doc, "quote")
    for i in range(bisect.bisect_left(_quote_reach(doc), start), len(quotes)):
        q_start, q_end, value = quotes[i]
        if q_start >= end:
            break
        overlap = min(end, q_end) - max(start, q_start)
        inside = q_start <= start and end <= q_end
        if inside or overlap * 2 >= max(1, end - start):
            rank = q_end - q_start if inside else 10**9 - overlap
            if best is None or rank < best[0]:
                best = (rank, value)
    if best is not None:
        event["attributed_to"] = best[1].get("speaker")


def _quote_reach(doc: Doc) -> list[int]:
    """The furthest end of the quotes up to each one (sorted by start), once per doc: the
    quotes before the first whose reach gets to the trigger's start all end before it, and
    neither hold nor overlap it (``fill_attribution`` skips them by bisection)."""
    cache = doc.user_data.setdefault("rasd_plain", {})
    if "quote_reach" not in cache:
        cache["quote_reach"] = list(itertools.accumulate(
            (q[1] for q in plain_spans(doc, "quote")), max))
    reach: list[int] = cache["quote_reach"]
    return reach


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["background"] != b["background"] or a["modality"] != b["modality"]:
        return False
    if a["event_type"] and b["event_type"] and a["event_type"] != b["event_type"]:
        return False
    if _killing_into_non_violent(a, b) or _killing_into_non_violent(b, a):
        return False
    pa, pb = a["place"], b["place"]
    if pa and pb and (pa["entity"] or pa["name"]) != (pb["entity"] or pb["name"]) and \
            "main place" not in pa["rule"] + pb["rule"]:
        return False
    da, db = a["date"], b["date"]
    if da and db and da.get("span") and db.get("span"):
        return not (da["end"] < db["start"] or db["end"] < da["start"])
    return True


def _killing_into_non_violent(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """An untyped killing is not merged into an agreement, an arrest or a looting."""
    return a["event_type"] is None and b["event_type"] in _NON_VIOLENT and any(
        c["kind"] in ("killed", "executed") for c in a["counts"])


def _absorb(into: dict[str, Any], other: dict[str, Any]) -> None:
    if into["event_type"] is None or (other["event_type"] and into["trigger"] is None):
        for key in ("event_type", "sub_event_type", "trigger"):
            into[key] = other[key]
    into["violations"] += [v for v in other["violations"] if v not in into["violations"]]
    for key in ("place", "date"):
        if into[key] is None or (other[key] and _weaker(into[key], other[key])):
            into[key] = other[key]
    seen = {(a["role"], a["entity"] or a["name"]) for a in into["actors"]}
    into["actors"] += [a for a in other["actors"] if (a["role"], a["entity"] or a["name"])
                       not in seen]
    into["counts"] += other["counts"]
    into["money"] += other["money"]
    into["evidence"] += other["evidence"]
    into["attributed_to"] = into["attributed_to"] or other["attributed_to"]


def _weaker(mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
    order = {"clause": 0, "sentence": 1}
    return order.get(str(mine.get("rule")), 2) > order.get(str(theirs.get("rule")), 2)


def merge_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per occurrence: merge clauses of one type whose place and date agree."""
    merged: list[dict[str, Any]] = []
    kinds: dict[tuple[bool, str], list[dict[str, Any]]] = {}  # only these can be compatible
    for event in events:
        same = kinds.setdefault((event["background"], event["modality"]), [])
        target = next((m for m in same if _compatible(m, event)), None)
        if target is None:
            merged.append(event)
            same.append(event)
        else:
            _absorb(target, event)
    for event in merged:
        event["counts"] = event_counts(event["counts"], event["evidence"])
    return merged
