"""Casualty counts in Arabic-script text (used by :mod:`rasd.extract.quantities`).

Arabic reporting puts the act before the count ("مقتل 12 مدنياً", "اعتقال ما لا يقل عن 38
شاباً", "أعدم التنظيم ... خمسة شبان"), names the dead with a noun after it ("12 قتيلاً",
"30 جريحاً"), updates a toll ("ارتفعت حصيلة ... إلى 12 شهيداً"), gives a part ("بينهم ثلاثة
أطفال") or counts cases ("أكثر من 300 حالة اختفاء قسري"). The vocabulary — casualty verbs and
nouns by kind, whom a count counts, qualifiers, number words — is data:
``rasd/taxonomy/counts_ar.yaml``; the values are those of the English finder (the same kinds,
qualifier senses and vague amounts, see :mod:`rasd.extract.count_rules`).

The patterns are tried (anchored ``match``) only at the words that can open one, found by one
word scan with a cached look-up per word. Words are matched on a folded copy of the text: hamza
forms of alef written ا, taa marbuta ه, alef maqsura ي, and short vowels, tanween and tatweel
dropped; an offset table maps matches back to the report's characters, so spans are exact.
Digits may be ASCII, Arabic-Indic (٠-٩) or Eastern Arabic-Indic (۰-۹), with ٬ or , between
thousands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from rasd.extract.count_rules import bounds
from rasd.extract.numbers import VAGUE
from rasd.taxonomy.registry import load_yaml

#: any Arabic letter: the finder runs only on texts that hold one
HAS_ARABIC = re.compile(r"[\u0621-\u064a]")
_MARKS_RE = re.compile("[\u064b-\u0652\u0670\u0640]")
_FOLD = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"), ("ى", "ي"))
_LETTER = "\u0621-\u064a\u0671-\u06d3"
_B = rf"(?<![{_LETTER}])"  # a word starts
_E = rf"(?![{_LETTER}])"  # a word ends
_PREFIX = "(?:و|ف)?(?:ب|ل)?(?:ال)?"  # "and", "by", "to", "the" written on the word
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_QUOTE = "[\"«»“”]"
_DIGITS = frozenset("0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")
_PART_WORDS = frozenset({"بينهم", "منهم", "من"})
_NB = rf"(?<![{_DIGIT}])(?:(?<![{_LETTER}])|(?<=و))"  # a number starts ("و30": "and 30")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The Arabic count vocabulary (``rasd/taxonomy/counts_ar.yaml``)."""
    data: dict[str, Any] = load_yaml("counts_ar.yaml")
    return data


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, a space matching any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(set(words), key=len, reverse=True))


def _lookup(table: dict[str, list[str]]) -> dict[str, str]:
    return {w: key for key, words in table.items() for w in words}


class _Rules:
    """The Arabic patterns, compiled once from the vocabulary."""

    def __init__(self, v: dict[str, Any]) -> None:
        self.kind = _lookup(v["kinds"])
        self.noun = _lookup(v["nouns"])
        self.after = _lookup(v["after"])
        self.who = _lookup(v["who"])
        self.qualifiers: dict[str, str] = v["qualifiers"]
        self.numbers: dict[str, int] = v["numbers"]
        self.not_a_count = re.compile(rf"\s*(?:{alternation(v['not_after'])}){_E}")
        self.vague: dict[str, str] = v["vague"]
        words = alternation(list(self.numbers))
        num = (rf"[{_DIGIT}]{{1,3}}(?:[,٬][{_DIGIT}]{{3}})+|[{_DIGIT}]+"
               rf"|(?:{words}){_E}(?:\s+و?(?:{words}){_E})*"
               rf"|(?:{alternation(list(self.vague))}){_E}")
        count = rf"(?:(?P<qual>{alternation(list(self.qualifiers))})\s+)?(?P<num>{num})"
        who = rf"(?:ال)?(?P<who>{alternation(list(self.who))}){_E}"
        noun = rf"(?:ال)?(?P<noun>{alternation(list(self.noun))}){_E}"
        kinds = {k: w for k, w in self.kind.items() if w != "toll"}
        self.act_words = frozenset(kinds)
        self.count_words = frozenset([*self.numbers, *self.vague,
                                      *(q.split()[0] for q in self.qualifiers)])
        self.before = re.compile(
            rf"{_B}{_PREFIX}(?P<act>{alternation(list(kinds))}){_E}"
            rf"(?P<mid>(?:\s+{_QUOTE}?[{_LETTER}]+{_QUOTE}?){{0,6}}?)\s+{count}"
            rf"(?:\s+(?:{who}|{noun}))?")
        self.noun_after = re.compile(rf"{_NB}{count}\s+{noun}")
        self.toll = re.compile(
            rf"{_B}{_PREFIX}حصيله{_E}[^.،؛\n]{{0,80}}?{_B}(?:الي|ل)\s*{count}"
            rf"(?:\s+(?:{noun}|{who}))?")
        self.part = re.compile(rf"{_B}(?:من\s+)?(?:بينهم|منهم){_E}\s+{count}\s+{who}")
        self.cases = re.compile(rf"{_NB}{count}\s+(?:حاله|حالات)\s+{_PREFIX}"
                                rf"(?P<act>{alternation(list(kinds))}){_E}")
        self.then_act = re.compile(
            rf"{_NB}{count}\s+{who}(?:\s+[{_LETTER}]+){{0,5}}?\s+{_PREFIX}"
            rf"(?P<act>{alternation(list(self.after))}){_E}")


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules(vocabulary())


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded copy of ``text`` (see the module docstring) and, for each of its
    characters, the offset of that character in ``text`` (None: the same offsets)."""
    folded = text
    for old, new in _FOLD:  # str.replace: far faster than translate on non-ASCII text
        if old in folded:
            folded = folded.replace(old, new)
    marks = [m.start() for m in _MARKS_RE.finditer(folded)]
    if not marks:
        return folded, None
    keep: list[int] = []
    prev = 0
    for p in marks:
        keep.extend(range(prev, p))
        prev = p + 1
    keep.extend(range(prev, len(folded)))
    return _MARKS_RE.sub("", folded), keep


def parse_arabic_number(raw: str) -> int | None:
    """The value of digits or Arabic number words ("خمسه وعشرين" = 25, "ثلاثه عشر" = 13)."""
    raw = raw.replace("٬", "").replace(",", "")
    if raw.isdigit():
        return int(raw)
    table = rules().numbers
    total, current = 0, 0
    for token in raw.split():
        value = table.get(token.removeprefix("و") if token not in table else token)
        if value is None:
            return None
        if value >= 1000:
            total, current = total + max(current, 1) * value, 0
        elif value == 100 and 0 < current < 10:
            current *= 100
        else:
            current += value
    return total + current or None


def _value(r: _Rules, m: re.Match[str], kind: str, subset: bool) -> dict[str, Any] | None:
    num = " ".join(m.group("num").split())
    qual = " ".join((m.group("qual") or "").split()) or None
    who_word = m.groupdict().get("who")
    if num in r.vague:
        # as "dozens": a conservative low and no best
        return {"kind": kind, "low": VAGUE[r.vague[num]][0], "best": None, "high": None,
                "qualifier": num,
                "who": r.who.get(who_word or ""), "subset": subset, "cumulative": False}
    n = parse_arabic_number(num)
    if n is None or (1900 <= n <= 2100 and not who_word and not m.groupdict().get("noun")):
        return None
    low, best, high = bounds(n, r.qualifiers.get(qual or "", "exact"))
    return {"kind": kind, "low": low, "best": best, "high": high, "qualifier": qual,
            "who": r.who.get(who_word or ""), "subset": subset, "cumulative": False}


def _kind(r: _Rules, m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("noun"):
        return r.noun[groups["noun"]]
    act = groups.get("act")
    if act:
        return r.kind.get(act) or r.after.get(" ".join(act.split()))
    return None


_TOKEN = re.compile(rf"[{_LETTER}]+|[{_DIGIT}]+")
_PREFIX_LETTERS = ("و", "ف", "ب", "ل", "ال")


@lru_cache(maxsize=65536)
def _opens(word: str) -> tuple[str, ...]:
    """What a word may open: an act ("act"), the toll noun ("toll"), a part ("part") or a
    count ("count"), read from the word and the word without the prefixes written on it
    ("وبالقصف" -> "قصف"); cached, as a report repeats its words."""
    if word[0] in _DIGITS:
        return ("count",)
    forms = {word}
    for prefix in _PREFIX_LETTERS:
        forms |= {w[len(prefix):] for w in list(forms) if w.startswith(prefix) and
                  len(w) > len(prefix) + 1}
    r = rules()
    found = [what for what, hit in (("act", bool(forms & r.act_words)),
                                    ("toll", "حصيله" in forms), ("part", word in _PART_WORDS),
                                    ("count", bool(forms & r.count_words))) if hit]
    return tuple(found)


def _anchors(folded: str) -> Iterator[tuple[int, str]]:
    """(offset, what may start there) for each word that can open a count shape. The shapes
    are then tried only there, with an anchored ``match`` (no scan of the text with large
    patterns)."""
    for m in _TOKEN.finditer(folded):
        for what in _opens(m.group()):
            yield m.start(), what


def _matches(r: _Rules, folded: str) -> Iterator[tuple[re.Match[str], str, str, bool]]:
    """(match, kind, reason, subset) of each Arabic count shape in the folded text."""
    for at, what in _anchors(folded):
        if what == "toll" and (m := r.toll.match(folded, at)):
            yield m, _kind(r, m) or "killed", "death toll (Arabic)", False
        elif what == "act" and (m := r.before.match(folded, at)):
            if m.group("mid") and not (m.group("who") or m.group("noun")):
                continue  # words between the act and a bare number: "قتل ... عام 2012"
            yield m, _kind(r, m) or "killed", "count after a casualty word (Arabic)", False
        elif what == "part" and (m := r.part.match(folded, at)):
            yield m, "", "part of a count (Arabic)", True
        elif what == "count":
            if m := r.noun_after.match(folded, at):
                yield m, _kind(r, m) or "killed", "count before a casualty noun (Arabic)", False
            if m := r.cases.match(folded, at):
                yield m, _kind(r, m) or "missing", "cases of a violation (Arabic)", False
            if m := r.then_act.match(folded, at):
                yield m, _kind(r, m) or "killed", "count before a casualty word (Arabic)", False


def find_arabic_counts(text: str) -> list[tuple[int, int, dict[str, Any], str]]:
    """(start, end, value, reason) of every count in the Arabic-script parts of ``text``; a
    part ("بينهم ثلاثة أطفال") takes the kind of the count before it."""
    r = rules()
    folded, offsets = fold(text)
    out = []
    for m, kind, reason, subset in _matches(r, folded):
        if r.not_a_count.match(folded, m.end("num")):
            continue
        value = _value(r, m, kind or "killed", subset)
        if value is None:
            continue
        a = m.start("qual") if m.group("qual") else m.start("num")
        start, end = (a, m.end("num")) if offsets is None else \
            (offsets[a], offsets[m.end("num") - 1] + 1)
        value["list"] = start
        if reason.startswith("death toll") and "ارتفع" in folded[max(0, m.start() - 20):m.end()]:
            value["update"] = True  # "ارتفعت حصيلة ... إلى 12": the toll rose
        out.append((start, end, value, reason))
    out.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    for i, (start, _end, value, _reason) in enumerate(out):
        if value["subset"]:
            before = [v for s, _, v, _ in out[:i] if s < start and not v["subset"]]
            value["kind"] = before[-1]["kind"] if before else "killed"
    return out
