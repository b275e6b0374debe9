"""Casualty counts and money: the ``rasd_quantities`` component.

Finds how many people were killed, wounded, arrested, abducted, executed, missing or displaced,
with the report's qualifier ("at least", "more than", "nearly", "dozens") turned into
low / best / high, and amounts of money with their currency. Writes ``doc.spans["quantity"]``
(value ``{kind, low, best, high, qualifier, who, subset}``; kinds as in ``rasd.model.Count``:
killed, injured, arrested, abducted, executed, missing, displaced) and ``doc.spans["money"]``
(value ``{amount, currency}``). The span covers the qualifier and the number ("at least 12");
the casualty word it belongs to is named in ``span._.reason``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from rasd.extract import spans as _spans
from rasd.extract.numbers import (
    NUMBER_PATTERN,
    VAGUE_PATTERN,
    ascii_lower,
    parse_number,
    vague_amount,
)

_spans.register_extensions()

KIND_WORDS: dict[str, str] = {
    "killed": r"killed|killing|kills|kill|dead|died|die|dying|deaths|death|lost their lives|"
    r"perished|massacred|slain|fatalities|shot dead|martyred|martyrs|bodies",
    "injured": r"wounded|wounding|injured|injuring|injuries|hurt|wounds|maimed",
    "arrested": r"arrested|arresting|arrests|detained|detaining|rounded up|jailed|imprisoned",
    "abducted": r"abducted|abducting|abductions|kidnapped|kidnapping|kidnaps|taken hostage",
    "executed": r"executed|executing|executions|beheaded|beheading|crucified|crucifying",
    "missing": r"missing|forcibly disappeared|disappeared",
    "displaced": r"displaced|displacing|forced to flee|fled their homes|fled",
}
WHO_WORDS: dict[str, str] = {
    "children": r"children|child|kids|infants|babies|boys|girls|minors|students|pupils",
    "women": r"women|woman",
    "fighters": r"fighters|fighter|militants|militant|soldiers|soldier|troops|rebels|"
    r"terrorists|jihadists|gunmen|members|member|personnel|servicemen|officers|insurgents|"
    r"combatants|militiamen|recruits|guards|policemen",
    "civilians": r"civilians|civilian|citizens|residents|villagers|worshippers|shoppers|"
    r"patients|doctors|medics|nurses|journalists|activists|farmers|workers|detainees|prisoners",
    "people": r"people|persons|person|individuals|others|men|family members|relatives|lives",
}
QUALIFIERS: dict[str, str] = {
    "at least": "low", "no fewer than": "low", "not less than": "low", "a minimum of": "low",
    "more than": "above", "over": "above", "upwards of": "above",
    "nearly": "high", "almost": "high", "up to": "high", "as many as": "high",
    "at most": "high", "fewer than": "below", "less than": "below",
    "about": "approx", "around": "approx", "some": "approx", "approximately": "approx",
    "roughly": "approx", "an estimated": "approx", "estimated": "approx",
    "a total of": "exact", "only": "exact",
}

_Q = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_NUM = rf"(?:{VAGUE_PATTERN}|{NUMBER_PATTERN})"
_VERB = "|".join(f"(?P<k_{k}>{v})" for k, v in KIND_WORDS.items())
_WHO = "|".join(f"(?P<w_{k}>{v})" for k, v in WHO_WORDS.items())
_MODS = r"(?:(?!(?:and|or|were|was|in|on|at|by)\b)[A-Za-z'’.-]+\s+){0,3}?"
_COUNT = (
    rf"(?P<qual>(?:{_Q})\s+)?(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})"
    rf"|(?P<num>{_NUM})(?:\s*[-–]\s*(?P<num2>\d+)|\s+to\s+(?P<num3>{_NUM}))?)"
)
_AUX = (
    r"(?:(?:were|was|have|has|had|are|is|being|been|got|reportedly|allegedly|also|later|"
    r"all|now|who|people|civilians|among them|in total|so far)\s+){0,4}"
)

_PASSIVE = re.compile(
    rf"\b{_COUNT}(?:\s+of)?(?:\s+(?:the\s+)?{_MODS}(?:{_WHO}))?\s+{_AUX}(?:{_VERB})\b",
)
_ACTIVE = re.compile(
    rf"\b(?:{_VERB})\s+(?:(?:nearly|almost|around)\s+)?{_COUNT}"
    rf"(?:(?:\s+of)?\s+(?:the\s+)?{_MODS}(?:{_WHO})\b|(?=\s*(?:[.,;:)]|and\b|in\b|$)))",
)
_TOLL = re.compile(
    rf"\b(?:death|casualty|fatality)\s+toll\b[^.;]{{0,50}}?\b(?:to|at|of|reached|hit|is|was)\s+"
    rf"{_COUNT}\b",
    re.IGNORECASE,
)
_SUBSET = re.compile(
    rf"\b(?:including|among them|among whom|of whom|of them|among the victims(?: were)?)"
    rf"\s+{_COUNT}\s+{_MODS}(?:{_WHO})\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(
    rf"\b{_COUNT}\s+{_MODS}(?:{_WHO})\s*(?:,\s*(?:and\s+)?|\s+and\s+)$", re.IGNORECASE
)

_CURRENCIES = {
    "syrian pound": "SYP", "syrian pounds": "SYP", "syp": "SYP", "s.p.": "SYP", "sp": "SYP",
    "syrian lira": "SYP", "syrian liras": "SYP", "dollars": "USD", "dollar": "USD",
    "us dollars": "USD", "u.s. dollars": "USD", "usd": "USD", "$": "USD", "us$": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR", "turkish lira": "TRY",
    "turkish liras": "TRY", "lira": "TRY", "tl": "TRY", "try": "TRY",
}
_CUR_AFTER = (
    r"syrian pounds?|syrian liras?|u\.?s\.? dollars|dollars?|usd|syp|s\.p\.|sp|euros?|eur|"
    r"turkish liras?|lira|tl"
)
_SCALE = r"(?:\s+(?P<scale>million|billion|thousand))?"
_MONEY = re.compile(
    rf"(?:(?P<pre>us\$|\$|€|usd|syp|eur)\s?(?P<n1>\d[\d,]*(?:\.\d+)?){_SCALE}\b"
    rf"|\b(?P<n2>{NUMBER_PATTERN})\s+(?P<scale2>million\s+|billion\s+)?(?P<post>{_CUR_AFTER})\b)",
    re.IGNORECASE,
)


@dataclass
class Found:
    """One count found in the text, before it becomes a span."""

    start: int
    end: int
    value: dict[str, Any]
    reason: str


def _group_kind(m: re.Match[str], prefix: str) -> str | None:
    for key, val in m.groupdict().items():
        if key.startswith(prefix) and val is not None:
            return key[len(prefix):]
    return None


def _between(m: re.Match[str]) -> tuple[int, int] | None:
    """(low, high) of "between 10 and 15", "10-15", "10 to 15"; None if there is no range."""
    if m.group("lo"):
        lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
    elif m.group("num2") or m.group("num3"):
        lo, hi = parse_number(m.group("num")), parse_number(m.group("num2") or m.group("num3"))
    else:
        return None
    if lo is None or hi is None or hi <= lo:
        return None
    return int(lo), int(hi)


def _range(m: re.Match[str]) -> tuple[int | None, int | None, int | None, str | None] | None:
    """(low, best, high, qualifier) of the count in ``m``; None if it is not a count."""
    qual = (m.group("qual") or "").strip().lower() or None
    rng = _between(m)
    if rng:
        return rng[0], rng[0], rng[1], "between"
    if m.group("lo"):
        return None
    num = m.group("num")
    vague = vague_amount(num)
    if vague:
        return vague[0], None, None, num.lower()
    value = parse_number(num)
    if value is None or value != int(value) or value > 10_000_000:
        return None
    n = int(value)
    sense = QUALIFIERS.get(qual or "", "exact")
    table = {
        "low": (n, n, None), "above": (n + 1, n + 1, None), "high": (None, n, n),
        "below": (None, max(n - 1, 0), max(n - 1, 0)), "approx": (None, n, None),
        "exact": (n, n, n),
    }
    low, best, high = table[sense]
    return low, best, high, qual


def _count_end(m: re.Match[str]) -> int:
    for name in ("hi", "num3", "num2", "num"):
        if m.group(name):
            return m.end(name)
    return m.end()


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|of|year|until|by|during)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\.?|\d)\s*$", re.IGNORECASE)


def _looks_like_year(m: re.Match[str]) -> bool:
    num = m.group("num") or ""
    if not re.fullmatch(r"(?:19|20)\d\d", num):
        return False
    return bool(_YEAR_BEFORE.search(m.string[max(0, m.start("num") - 12):m.start("num")]))


def _found(m: re.Match[str], kind: str, reason: str, subset: bool = False) -> Found | None:
    rng = _range(m)
    if rng is None or _looks_like_year(m):
        return None
    low, best, high, qual = rng
    start = m.start("qual") if m.group("qual") else m.start("lo" if m.group("lo") else "num")
    who = _group_kind(m, "w_")
    value = {"kind": kind, "low": low, "best": best, "high": high, "qualifier": qual,
             "who": who, "subset": subset}
    return Found(start, _count_end(m), value, reason)


def _list_before(text: str, start: int, kind: str) -> Iterator[Found]:
    """Counts listed before a matched one: "5 civilians and 3 children were killed"."""
    while True:
        window = text[max(0, start - 80):start]
        m = _LIST_ITEM.search(window)
        if m is None:
            return
        offset = start - len(window)
        shifted = _LIST_ITEM.fullmatch(text, offset + m.start(), start)
        if shifted is None:
            return
        found = _found(shifted, kind, "listed with a count")
        if found is None:
            return
        yield found
        start = found.start


def find_counts(text: str) -> list[Found]:
    """Every casualty count in ``text``, overlapping ones removed (earliest, longest first)."""
    text = ascii_lower(text)  # the patterns are lower-case: much faster than IGNORECASE
    found: list[Found] = []
    for m in _PASSIVE.finditer(text):
        kind = _group_kind(m, "k_") or "killed"
        item = _found(m, kind, f"count before '{m.group(0).split()[-1]}'")
        if item:
            found.append(item)
            found.extend(_list_before(text, item.start, kind))
    for m in _ACTIVE.finditer(text):
        kind = _group_kind(m, "k_") or "killed"
        item = _found(m, kind, "count after a casualty verb")
        if item:
            found.append(item)
    for m in _TOLL.finditer(text):
        item = _found(m, "killed", "death toll")
        if item:
            found.append(item)
    found.extend(_subsets(text, found))
    return _dedupe(found)


def _subsets(text: str, found: list[Found]) -> list[Found]:
    out = []
    for m in _SUBSET.finditer(text):
        before = [f for f in found if f.end <= m.start() and m.start() - f.end < 120]
        if not before:
            continue
        kind = max(before, key=lambda f: f.end).value["kind"]
        item = _found(m, kind, "part of a count before it", subset=True)
        if item:
            out.append(item)
    return out


def _dedupe(found: list[Found]) -> list[Found]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def find_money(text: str) -> list[Found]:
    """Every amount of money with a currency in ``text``."""
    out = []
    for m in _MONEY.finditer(text):
        raw = m.group("n1") or m.group("n2")
        amount = parse_number(raw)
        if amount is None:
            continue
        scale = (m.group("scale") or m.group("scale2") or "").strip().lower()
        amount *= {"million": 1_000_000, "billion": 1_000_000_000, "thousand": 1000}.get(scale, 1)
        cur_raw = (m.group("pre") or m.group("post") or "").lower()
        currency = _CURRENCIES.get(" ".join(cur_raw.split()), "USD" if "dollar" in cur_raw else "")
        if not currency:
            continue
        out.append(Found(m.start(), m.end(), {"amount": amount, "currency": currency},
                         f"amount in {currency}"))
    return out


def _to_spans(doc: Doc, found: list[Found], label: str) -> list[Span]:
    spans = []
    for f in found:
        span = doc.char_span(f.start, f.end, label=label, alignment_mode="expand")
        if span is None:
            continue
        span._.value = f.value
        span._.reason = f.reason
        span._.confidence = 0.9 if f.value.get("qualifier") is None else 0.8
        spans.append(span)
    return spans


class QuantityFinder:
    """The ``rasd_quantities`` component: casualty counts and money."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["quantity"] = _to_spans(doc, find_counts(doc.text), "QUANTITY")
        doc.spans["money"] = _to_spans(doc, find_money(doc.text), "MONEY")
        return doc


@Language.factory(
    "rasd_quantities",
    default_config={},
    assigns=["doc.spans", "span._.value"],
    requires=[],
)
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder()
