"""Casualty counts and money: the ``rasd_quantities`` component.

Finds how many people were killed, wounded, arrested, abducted, executed, missing, displaced,
besieged or defected, with the report's qualifier ("at least", "more than", "nearly",
"dozens") turned into low / best / high, and amounts of money with their currency. Writes
``doc.spans["quantity"]`` (value ``{kind, low, best, high, qualifier, who, subset,
cumulative}``) and ``doc.spans["money"]`` (value ``{amount, currency}``). The span covers the
qualifier and the number ("at least 12"); the rule that took it is named in ``span._.reason``.

Speed: the patterns of :mod:`rasd.extract.count_rules` are tried only where a count can start —
at each number (digits or a number word, found with :func:`rasd.extract.finds.word_starts`)
and at each casualty word whose letters open one of the pattern's phrases — with an anchored
``match``; nothing scans the whole text with a large alternation. The slow runs are the
failing ones, so a pattern is not run where the clause from the number on (up to ". ", ";" or
":", which no count phrase holds) lacks a word it needs: the casualty word of ``PASSIVE``,
"them"/"whom"/"those" of ``OF_THEM``, the rise verb of ``RISE``. Money is read by
:mod:`rasd.extract.money`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from rasd.extract import count_rules as R
from rasd.extract import spans as _spans
from rasd.extract.count_arabic import HAS_ARABIC, find_arabic_counts
from rasd.extract.finds import Found, word_starts
from rasd.extract.money import find_money
from rasd.extract.numbers import ascii_lower

_spans.register_extensions()
__all__ = ["Found", "QuantityFinder", "find_counts", "find_money", "word_starts"]

#: how far after a number its casualty word may stand (the longest shape of ``R.PASSIVE``)
_REACH = 220
_DIGITS = re.compile(r"\d[\d,.٬٫]*")
#: the last word of each qualifier ("least" of "at least")
_QUALIFIER_ENDS = frozenset(q.split()[-1] for q in R.QUALIFIER_SET)


#: the number words and the ASCII digits, found together in an ASCII text (:func:`_numbers`)
_NUMBER_OPENERS = (*R.NUMBER_WORDS, *"0123456789")


def _numbers(lower: str) -> set[int]:
    """Where a number starts: a number word (:func:`word_starts`), or a run of ``_DIGITS``
    not after a letter, "-" or "_". In an ASCII text the digits are found with the words, in
    one pass: a digit :func:`word_starts` finds (not after a letter, digit or "-") is such a
    start unless it follows "_" or continues the run of an earlier digit ("1,200": a digit
    before the "," or "." right before it; :func:`_continues_digits`)."""
    if not lower.isascii():
        nums = word_starts(lower, R.NUMBER_WORDS)
        for m in _DIGITS.finditer(lower):
            p = m.start()
            if p == 0 or not (lower[p - 1].isalpha() or lower[p - 1] in "-_"):
                nums.add(p)
        return nums
    return {p for p in word_starts(lower, _NUMBER_OPENERS)
            if not lower[p].isdigit() or p == 0 or not _continues_digits(lower, p)}


def _continues_digits(lower: str, p: int) -> bool:
    """Whether the digit at ``p`` (an ASCII text) follows "_", or digits and then only "," and
    "." (``_DIGITS`` reads it with them)."""
    k = p - 1
    if lower[k] == "_":
        return True
    while k >= 0 and lower[k] in ",.":
        k -= 1
    return k < p - 1 and k >= 0 and lower[k].isdigit()


def _count_starts(lower: str) -> list[int]:
    """Where a count may start: each number, moved back over a qualifier before it."""
    nums = _numbers(lower)
    out = set(nums)
    for p in nums:
        words = lower[max(0, p - 24):p].split()
        if not words or words[-1] not in _QUALIFIER_ENDS:
            continue  # no qualifier ends right before the number
        for k in (3, 2, 1):
            phrase = " ".join(words[-k:])
            if len(words) >= k and phrase in R.QUALIFIER_SET:
                at = lower.rfind(words[-k], max(0, p - 24), p)
                if at >= 0:
                    out.add(at)
                break
    return sorted(out)


def _found(m: re.Match[str], kind: str, reason: str, subset: bool = False) -> Found | None:
    rng = R.count_range(m)
    if rng is None or R.not_a_count(m):
        return None
    low, best, high, qual = rng
    start, end = R.count_span(m)
    value = {"kind": kind, "low": low, "best": best, "high": high, "qualifier": qual,
             "who": R.who_of(m), "subset": subset, "cumulative": False, "list": start}
    return Found(start, end, value, reason)


def _cumulative(lower: str, end: int) -> bool:
    """Whether the sentence of a count gives a toll of the whole war (see ``R.CUMULATIVE``)."""
    lo = max(0, end - 300)
    first = max(lower.rfind(". ", lo, end), lower.rfind("\n", lo, end)) + 1
    sentence = lower[first:end + 160]
    stop = sentence.find(". ", end - first)
    if stop >= 0:
        sentence = sentence[:stop]
    if "since" not in sentence and "war" not in sentence and "conflict" not in sentence and \
            "crisis" not in sentence and "throughout" not in sentence:
        return False
    return R.CUMULATIVE.search(sentence) is not None



def _at_numbers(lower: str, starts: list[int], verbs: list[int],
                taken: list[Found]) -> Iterator[Found]:
    ends = {p for f in taken for p in range(f.start, f.end)}
    for p in starts:
        if p in ends:
            continue  # already read from the casualty word before it
        after = bisect.bisect_right(verbs, p)
        if after == len(verbs) or verbs[after] > p + _REACH:
            continue  # no casualty word close enough after the number
        ahead, stop, verb = lower[p:p + 160], _clause_end(lower, p), verbs[after]
        for pattern, reason, subset, hint in _NUMBER_RULES:
            if (hint and hint not in ahead) or _cannot_open(pattern, lower, p, verb, stop):
                continue
            m = pattern.match(lower, p)
            if m is None or (pattern is R.PASSIVE and m.group("verb").endswith("ing")):
                continue  # "5 civilians ... injuring 15": the -ing verb has another subject
            item = _found(m, R.kind_of(m), reason, subset)
            if item is not None:
                yield item
                if pattern is R.PASSIVE:
                    yield from _list_before(lower, starts, item.start, item.value)
                    yield from _and_one(lower, item.end, m.end(), item.value)
                break


def _at_words(lower: str, anchors: list[int]) -> Iterator[Found]:
    for p in anchors:
        word = _LETTERS.match(lower, p)
        letters = word.group() if word else ""
        for pattern, reason, subset, openers in _rules_for(lower[p:p + 4]):
            if openers and letters not in openers:
                continue  # "forces" opens no casualty verb: the pattern cannot match here
            if pattern is R.RISE and not _rises(lower, p):
                continue
            m = pattern.match(lower, p)
            item = _found(m, R.kind_of(m), reason, subset) if m else None
            if m is None or item is None:
                continue
            if any(pattern is rule for rule in _TOLL_RULES):  # a Pattern's hash reads its code
                _toll_flags(lower, m, item.value)
            yield item
            if pattern is R.ACTIVE:
                yield from _and_one(lower, item.end, m.end(), item.value)
                if item.value["who"]:
                    yield from _list_after(lower, m.end(), item.value)
            break


#: where a clause ends: no count pattern matches across ". ", ";" or ":" (a "." in a match is
#: one of a number, "2.5", always followed by a digit)
_CLAUSE_END = re.compile(r"\. |[;:]")
#: the words of ``R.OF_THEM`` after its "of", and the rise verbs of ``R.RISE`` (their stems)
_OF_WHOM = ("them", "whom", "those")
_RISE_VERBS = ("ris", "rose", "climb", "jump", "reach", "increase", "mounted")


def _clause_end(lower: str, p: int) -> int:
    """Where the clause from ``p`` on ends (:data:`_CLAUSE_END`; the text's end if nowhere)."""
    m = _CLAUSE_END.search(lower, p)
    return m.start() if m else len(lower)


def _cannot_open(pattern: re.Pattern[str], lower: str, p: int, verb: int, stop: int) -> bool:
    """Whether a number rule surely fails at ``p``, read without running it (the slow runs
    are the failing ones): ``R.PASSIVE`` ends on a casualty word, and the first one after
    ``p`` (``verb``) lies past the clause end ``stop``; ``R.OF_THEM`` needs "them", "whom" or
    "those" before ``stop``."""
    if pattern is R.PASSIVE:
        return verb > stop
    if pattern is R.OF_THEM:
        clause = lower[p:stop]
        return not any(w in clause for w in _OF_WHOM)
    return False


def _rises(lower: str, p: int) -> bool:
    """Whether a rise verb (``R.RISE``: "rose", "climbed", "reached" ...) starts in the clause
    from ``p`` on: a ``R.RISE`` match reaches its verb without crossing a clause end."""
    clause = lower[p:_clause_end(lower, p)]
    return any(w in clause for w in _RISE_VERBS)


#: (pattern, reason, subset, a word the next 160 characters must hold for the pattern to run)
_NUMBER_RULES = (
    (R.WERE_AMONG, "part of a toll ('were among')", True, " among "),
    (R.OF_THEM, "part of a toll ('N of them')", True, " of "),
    (R.OF_DEAD, "part of a toll ('N of the dead')", True, " of the "),
    (R.PASSIVE, "count before a casualty word", False, ""),
    (R.CASES, "cases of a violation", False, " cases of "),
)
def _toll_flags(lower: str, m: re.Match[str], value: dict[str, Any]) -> None:
    """A toll statement that says the toll rose ("rose to", "bringing the toll to") is an
    ``update`` of its event's toll, unless it is a running total of a period ("this month",
    "since"); one the report calls earlier ("revising an earlier toll of 9") is ``previous``."""
    said, at = lower[m.start():m.end()], R.count_span(m)[0]
    if R.PREVIOUS.search(lower, max(0, at - 60), at):
        value["previous"] = True
    elif R.UPDATE.search(said) and not R.PERIOD.search(lower, m.start(), m.end() + 40):
        value["update"] = True


#: (pattern, reason, subset, the letters it opens with, the runs of letters it can open with
#: where they are known (:func:`rasd.extract.count_rules.openers`))
_WORD_RULES: tuple[tuple[re.Pattern[str], str, bool, tuple[str, ...], frozenset[str]], ...] = (
    (R.ACTIVE, "count after a casualty word", False, R.VERB_STEMS, R.ACTIVE_OPENERS),
    (R.NOMINAL, "count of a casualty noun ('the death of')", False, R.NOUN_STEMS,
     R.NOMINAL_OPENERS),
    (R.AMONG_DEAD, "part of a toll ('among the dead')", True, ("among",), frozenset()),
    (R.TOLL, "death toll", False, ("toll",), frozenset()),
    (R.BRING_TOLL, "death toll", False, ("brin", "brou", "rais", "tak", "took"), frozenset()),
    (R.BRING_NUMBER, "count brought to a number", False, ("brin", "brou", "rais", "tak",
                                                           "took"), frozenset()),
    (R.RISE, "toll rose to a number", False, R.RISE_STEMS, frozenset()),
)
_LETTERS = re.compile(r"[a-z]+")
#: the rules that read a toll statement (a rise in it makes the count an ``update``)
_TOLL_RULES = (R.TOLL, R.BRING_TOLL, R.BRING_NUMBER, R.RISE)
_WordRule = tuple[re.Pattern[str], str, bool, frozenset[str]]


@lru_cache(maxsize=4096)
def _rules_for(prefix: str) -> tuple[_WordRule, ...]:
    """The word rules that can start with a word opening with ``prefix`` (its first letters)."""
    return tuple((pattern, reason, subset, openers)
                 for pattern, reason, subset, opening, openers in _WORD_RULES
                 if any(prefix.startswith(o) or o.startswith(prefix) for o in opening))


def _list_after(lower: str, end: int, head: dict[str, Any]) -> Iterator[Found]:
    """Further counts after one (``head``, its value): "killed 14 jihadists and 5 civilians",
    one list with it (``list``: the same id); a part right after it ("11 people, six of them
    children") is a subset, never added to it."""
    kind, subset = head["kind"], bool(head.get("subset"))
    while True:
        m = R.LIST_NEXT.match(lower, end)
        item = _found(m, kind, "listed with a count", subset) if m else None
        if m is None or item is None:
            part = R.LIST_PART.match(lower, end)
            item = _found(part, kind, "part of a count ('N of them')", True) if part else None
            if item is not None:
                yield item
                return
            yield from _and_one(lower, end, end, head)
            return
        item.value["list"] = head["list"]
        yield item
        end = m.end()


def _and_one(lower: str, start: int, end: int, like: dict[str, Any]) -> Iterator[Found]:
    """"five women and a child": the child is a count of one (added up with the five); looked
    for right at ``start`` (after a listed count) or inside a matched count [start, end)."""
    if lower.startswith((" and ", ", and ", " as well as ", " plus "), start):
        m = R.AND_ONE.match(lower, start)
    elif " and " in lower[start:end]:
        m = R.AND_ONE.search(lower, start, end)
    else:
        return
    if m is None or m.end() > max(end, start + 60):
        return
    value = {"kind": like["kind"], "low": 1, "best": 1, "high": 1, "qualifier": None,
             "who": R.WHO_KIND.get(" ".join(m.group("who").split())),
             "subset": bool(like.get("subset")), "cumulative": False,
             "list": like.get("list", m.start("num"))}
    yield Found(m.start("num"), m.end("num"), value, "one more after a count")


_LIST_ITEM = re.compile(rf"{R.COUNT}{R.WHO_NP}\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _list_before(lower: str, starts: list[int], start: int,
                 head: dict[str, Any]) -> Iterator[Found]:
    """Counts listed before a matched one (``head``, its value): "5 civilians and 3 children
    were killed", one list with it."""
    while lower.endswith(("and ", ", "), 0, start):
        first = bisect.bisect_left(starts, start - 80)
        item = None
        for p in starts[first:bisect.bisect_left(starts, start)]:
            m = _LIST_ITEM.fullmatch(lower, p, start)
            item = _found(m, head["kind"], "listed with a count") if m else None
            if item is not None:
                break
        if item is None:
            return
        item.value["list"] = head["list"]
        yield item
        start = item.start


def find_counts(text: str, lower: str | None = None) -> list[Found]:
    """Every count of people in ``text``, overlapping ones removed (earliest, longest first);
    a part ("including 3 children") after a count takes that count's kind. ``lower``: the
    text ASCII-lower-cased, where the caller has it (the patterns are lower-case)."""
    lower = ascii_lower(text) if lower is None else lower
    verbs = sorted(word_starts(lower, R.WORD_STEMS))
    starts = _count_starts(lower)
    found = list(_at_words(lower, verbs))
    found += _at_numbers(lower, starts, verbs, found)
    if not text.isascii() and HAS_ARABIC.search(text):  # isascii: most reports, no scan
        found += [Found(*item) for item in find_arabic_counts(text)]
    out = _dedupe(found)
    out.extend(_subsets(lower, out))
    out = _dedupe(out)
    for f in out:
        f.value["cumulative"] = _cumulative(lower, f.end)
    return out


def _subsets(lower: str, found: list[Found]) -> list[Found]:
    """Parts ("including 3 children") of the count that ends at most 120 characters before."""
    out = []
    by_end = sorted(found, key=lambda f: f.end)
    ends = [f.end for f in by_end]
    for p in sorted(word_starts(lower, R.SUBSET_STEMS)):
        m = R.SUBSET.match(lower, p)
        if m is None:
            continue
        i = bisect.bisect_right(ends, m.start()) - 1
        if i < 0 or m.start() - ends[i] >= 120:
            continue
        kind = by_end[i].value["kind"]
        item = _found(m, kind, "part of a count before it", subset=True)
        if item:
            out.append(item)
            out.extend(_list_after(lower, m.end(), item.value))
    return out


def _dedupe(found: list[Found]) -> list[Found]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start), not f.value["subset"]))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _to_spans(doc: Doc, found: list[Found], key: str, label: str) -> None:
    """``doc.spans[key]``: the spans of the tokens covering each item, as
    ``char_span(alignment_mode="expand")`` gives them (:func:`rasd.extract.spans.token_range`),
    extensions set into ``user_data`` and the bounds kept for later readers."""
    view = _spans.token_view(doc)
    spans: list[_spans.Bounds] = []
    for f in found:
        bounds = _spans.token_range(doc, view, f.start, f.end)
        if bounds is None:
            continue
        first, last = bounds
        chars = view.idx[first], view.end_char(last - 1)
        _spans.set_span_extensions(
            doc, *chars, value=f.value, reason=f.reason,
            confidence=0.9 if f.value.get("qualifier") is None else 0.8)
        spans.append((first, last, *chars))
    _spans.write_spans(doc, key, spans, label)


class QuantityFinder:
    """The ``rasd_quantities`` component: casualty counts and money."""

    def __call__(self, doc: Doc) -> Doc:
        text, lower = _spans.doc_text(doc), _spans.lower_text(doc)  # one copy for the doc
        _to_spans(doc, find_counts(text, lower), "quantity", "QUANTITY")
        _to_spans(doc, find_money(text, lower), "money", "MONEY")
        return doc


@Language.factory(
    "rasd_quantities",
    default_config={},
    assigns=["doc.spans", "span._.value"],
    requires=[],
)
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder()
