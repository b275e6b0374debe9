"""The syntax-light rules that fill an event's parts (used by :mod:`rasd.extract.events`).

Each rule records what it did in ``event["rules"]`` so an analyst sees why a value was taken.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span

from rasd.extract.numbers import ascii_lower
from rasd.model import TIME_WEEK

CLAUSE_SPLIT = re.compile(r";|,?\s+\b(?:while|whereas|meanwhile|elsewhere)\b|\.\s", re.I)

_BY_AGENT = re.compile(r"\b(?:by|claimed by|carried out by|launched by|from)\s+(?:the\s+)?"
                       r"(?:[\w'-]+\s+){0,2}$", re.I)
_TARGET_BEFORE = re.compile(r"\b(?:against|targeting|targeted|on|at|positions of|"
                            r"held by|controlled by|territory of)\s+(?:the\s+)?"
                            r"(?:[\w'-]+\s+){0,2}$",
                            re.I)
_SUBJECT_GAP = re.compile(r"^(?:['’]s)?[\w\s'’-]{0,60}$")
_GAP_STOP = re.compile(r"\b(?:and|or|but|that|which|who|against|on\s+(?:the\s+)?positions|"
                       r"killed|said|says|told|reported|accused|blamed)\b", re.I)
_CLAIM = re.compile(r"\bclaimed\s+(?:responsibility|the\s+attack|the\s+bombing)\b", re.I)

_MODALITY = [
    ("denied", re.compile(r"\b(?:denied|denies|deny|denying|refuted|dismissed (?:the )?"
                          r"(?:reports?|claims?|accusations?)|did not|didn't|never)\b", re.I)),
    ("hypothetical", re.compile(r"\b(?:if|would|could|might|may|unless|in case|risk of)\b",
                                re.I)),
    ("planned", re.compile(r"\b(?:ahead of|plans? to|planning|planned|prepar(?:ing|es|e) "
                           r"(?:for|to)|will|intends? to|massing|expected to|threaten(?:s|ed)? "
                           r"to|vow(?:s|ed)? to|upcoming|imminent|about to)\b", re.I)),
]
_PLANNED_AFTER = re.compile(r"\b(?:ahead of|in preparation for|in anticipation of)\b", re.I)
_BACKGROUND = re.compile(
    r"\b(?:in (?:19\d\d|200\d|2010)|since the (?:start|beginning|outbreak) of the "
    r"(?:war|revolution|uprising|conflict|crisis)|(?:first|second) year of the "
    r"(?:revolution|uprising|war|conflict)|years ago|in the past|back in|history|historic(?:al)?|"
    r"previously|anniversary)\b", re.I)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("rasd_text")
    if not isinstance(text, str):
        text = doc.user_data["rasd_text"] = doc.text
    return text


def lower_text(doc: Doc) -> str:
    """The doc's text with A-Z lower-cased (same length, same offsets), once per doc."""
    text = doc.user_data.get("rasd_lower")
    if not isinstance(text, str):
        text = doc.user_data["rasd_lower"] = ascii_lower(doc_text(doc))
    return text


def spans_of(doc: Doc, key: str) -> list[Span]:
    """The spans of a group as a list, built once per doc."""
    cache = doc.user_data.setdefault("rasd_spans", {})
    if key not in cache:
        cache[key] = list(doc.spans[key]) if key in doc.spans else []
    found: list[Span] = cache[key]
    return found


def _value(span: Span) -> dict[str, Any]:
    value = span._.value
    return value if isinstance(value, dict) else {}


def _actor(span: Span, role: str, rule: str) -> dict[str, Any]:
    value = _value(span)
    return {"role": role, "name": value.get("name") or span.text, "entity": span._.entity,
            "span": (span.start_char, span.end_char), "actor_type": value.get("actor_type"),
            "side": value.get("side"), "rule": rule}


def _groups(doc: Doc, start: int, end: int) -> list[Span]:
    return [g for g in spans_of(doc, "group") if g.start_char >= start and g.end_char <= end
            and (_value(g).get("kind") in (None, "armed"))]


def fill_actors(doc: Doc, event: dict[str, Any]) -> None:
    """Perpetrator and target from the group spans of the clause; victims from the counts."""
    text, (c_start, c_end) = doc_text(doc), event["clause"]
    anchor = event["trigger"] or (event["counts"][0]["span"] if event["counts"] else None)
    if anchor is None:
        return
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for g in _groups(doc, c_start, c_end):
        before = text[max(c_start, g.start_char - 40):g.start_char]
        if _BY_AGENT.search(before):
            found[(g.start_char, g.end_char)] = _actor(g, "perpetrator", "by-agent")
        elif _TARGET_BEFORE.search(before):
            found[(g.start_char, g.end_char)] = _actor(g, "target", "object of attack")
        elif g.end_char <= anchor[0]:
            gap = text[g.end_char:anchor[0]]
            if _SUBJECT_GAP.match(gap) and not _GAP_STOP.search(gap):
                found[(g.start_char, g.end_char)] = _actor(g, "perpetrator", "subject of trigger")
        elif g.start_char >= anchor[1] and _CLAIM.search(text[g.end_char:c_end][:30]):
            found[(g.start_char, g.end_char)] = _actor(g, "perpetrator", "claimed")
        elif g.start_char >= anchor[1] and event["trigger"]:
            found[(g.start_char, g.end_char)] = _actor(g, "target", "object of trigger")
    event["actors"] = list(found.values())
    _add_claims(doc, event)
    for count in event["counts"]:
        if count.get("who") and not count.get("subset"):
            event["actors"].append({"role": "victim", "name": count["who"], "entity": None,
                                    "span": count["span"], "actor_type": None, "side": None,
                                    "rule": "who of a count"})


def _add_claims(doc: Doc, event: dict[str, Any]) -> None:
    """"<group> claimed responsibility" in the same sentence names the perpetrator."""
    if any(a["role"] == "perpetrator" for a in event["actors"]):
        return
    s_start, s_end = event["sentence"]
    for g in _groups(doc, s_start, s_end):
        if _CLAIM.search(doc_text(doc)[g.end_char:g.end_char + 40]):
            event["actors"].append(_actor(g, "perpetrator", "claimed responsibility"))
            return


def fill_modality(doc: Doc, event: dict[str, Any]) -> None:
    """asserted / planned / denied / hypothetical from cue words just before the trigger."""
    anchor = event["trigger"] or event["counts"][0]["span"]
    window = doc_text(doc)[max(event["clause"][0], anchor[0] - 60):anchor[0]]
    s_text = doc_text(doc)[event["sentence"][0]:event["sentence"][1]]
    after = doc_text(doc)[anchor[1]:min(event["clause"][1], anchor[1] + 30)]
    for modality, pattern in _MODALITY:
        m = pattern.search(window)
        if m is None and modality == "planned":
            m = _PLANNED_AFTER.search(after)
        if m is None and modality == "denied":
            m = re.search(r"\b(?:denied|denies)\b", s_text, re.I)
        if m:
            event["modality"], event["modality_cue"] = modality, m.group(0)
            return


def _place_value(span: Span, rule: str) -> dict[str, Any]:
    return {"span": (span.start_char, span.end_char), "entity": span._.entity,
            "name": _value(span).get("name") or span.text, "value": _value(span), "rule": rule}


def _rank(span: Span, anchor: int) -> tuple[int, int]:
    precision = _value(span).get("geo_precision") or 3
    return precision, abs(span.start_char - anchor)


def main_place(doc: Doc) -> Span | None:
    """The report's main place: the most specific of the places named most often early on."""
    places = spans_of(doc, "place")
    if not places:
        return None
    keyed = Counter(p._.entity or p.text.lower() for p in places)
    early = [p for p in places if p.start_char < 600] or places
    return min(early, key=lambda p: (-keyed[p._.entity or p.text.lower()],
                                     _value(p).get("geo_precision") or 3, p.start_char))


def fill_place(doc: Doc, event: dict[str, Any], fallback: Span | None) -> None:
    """The most specific place span nearest the trigger: clause, then sentence, then report."""
    anchor = (event["trigger"] or event["clause"])[0]
    for key, (start, end) in (("clause", event["clause"]), ("sentence", event["sentence"])):
        places = [p for p in spans_of(doc, "place")
                  if p.start_char >= start and p.end_char <= end]
        if places:
            event["place"] = _place_value(min(places, key=lambda p: _rank(p, anchor)), key)
            return
    if fallback is not None:
        event["place"] = _place_value(fallback, "report's main place")


def fill_date(doc: Doc, event: dict[str, Any], base: date | None) -> None:
    """The date span nearest the trigger in the clause, then the sentence, else the report's."""
    anchor = (event["trigger"] or event["clause"])[0]
    spans = spans_of(doc, "date")
    for key, (start, end) in (("clause", event["clause"]), ("sentence", event["sentence"])):
        dated = [d for d in spans if d.start_char >= start and d.end_char <= end
                 and _value(d).get("start")]
        if dated:
            best = min(dated, key=lambda d: abs(d.start_char - anchor))
            value = _value(best)
            event["date"] = {"start": value["start"], "end": value["end"],
                             "precision": value["precision"],
                             "span": (best.start_char, best.end_char), "rule": key}
            return
    if base is not None:
        event["date"] = {"start": base.isoformat(), "end": base.isoformat(),
                         "precision": TIME_WEEK, "span": None, "rule": "report's date"}


_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+|its\s+|it\s+)?(?:\w+\s+){0,3}?(?:began|started|erupted|"
    r"broke out|intervened|declared|conflict|war|uprising|revolution|crisis|start|beginning|"
    r"outbreak|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d|last|early|mid|the end)|so far this|in total|"
    r"death toll (?:from|in) the (?:\w+-year )?(?:war|conflict)|across (?:the country|syria)|"
    r"over the past|hundreds of thousands|in the (?:\w+-year )?(?:war|conflict)\b)", re.I)


def fill_background(doc: Doc, event: dict[str, Any], base: date | None) -> None:
    """History the report recalls: dated long before the report, or told with a cue phrase;
    a cumulative toll ("killed since the conflict began") is not a news event either."""
    m = _CUMULATIVE.search(doc_text(doc), *event["clause"])
    if m and event["counts"]:
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
    m = _BACKGROUND.search(doc_text(doc), *event["clause"])
    if m:
        event["background"] = True
        event["rules"].append(f"background cue '{m.group(0)}'")


def fill_attribution(doc: Doc, event: dict[str, Any]) -> None:
    """Who in the report said it, where the attribution component is installed."""
    try:
        from rasd.extract.attribution import attribution_for
    except ImportError:
        return
    start, end = event["trigger"] or event["clause"]
    found = attribution_for(doc, start, end)
    if found is None:
        return
    value = found._.value if isinstance(found, Span) else found
    if isinstance(value, dict):
        event["attributed_to"] = value.get("speaker")


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["background"] != b["background"] or a["modality"] != b["modality"]:
        return False
    if a["event_type"] and b["event_type"] and a["event_type"] != b["event_type"]:
        return False
    pa, pb = a["place"], b["place"]
    if pa and pb and (pa["entity"] or pa["name"]) != (pb["entity"] or pb["name"]) and \
            "main place" not in pa["rule"] + pb["rule"]:
        return False
    da, db = a["date"], b["date"]
    if da and db and da.get("span") and db.get("span"):
        return not (da["end"] < db["start"] or db["end"] < da["start"])
    return True


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
    for event in events:
        target = next((m for m in merged if _compatible(m, event)), None)
        if target is None:
            merged.append(event)
        else:
            _absorb(target, event)
    for event in merged:
        event["counts"] = total_counts(event["counts"])
    return merged


def total_counts(counts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One count per kind: the largest total given (subsets such as "including 3 children"
    are kept apart, with ``subset`` true, and are never added to the total)."""
    out: list[dict[str, Any]] = []
    by_kind: dict[str, dict[str, Any]] = {}
    for c in counts:
        if c.get("subset"):
            out.append(c)
        elif c["kind"] not in by_kind or (c["best"] or 0) > (by_kind[c["kind"]]["best"] or 0):
            by_kind[c["kind"]] = c
    return list(by_kind.values()) + out
