"""A keyword prefilter for the long trigger and cue patterns of :mod:`rasd.extract.events`.

Python's ``re`` tries every alternative of a pattern at every word boundary, so a pattern of a
few hundred alternatives costs milliseconds on a 5 KB report. :class:`Dispatch` files each
alternative under the first three letters of the words it can start with; a word of the text
whose first letters have no file costs one set lookup, and at the others only the few
alternatives filed there are tried.

The first words are read from the pattern fragments themselves (no second list to keep in
step): the words each fragment can start with, through its alternatives and optional leading
groups ("(?:were |was )?bombed" starts with "were", "was" or "bombed"), less a trailing letter
marked optional ("raids?" gives "raid"); a 2-letter word only before a hyphen ("de-escalation").
A fragment that can start otherwise (``\\w+``, a short word) turns the filing off: the whole
pattern then runs everywhere. A word of the text is a candidate only where it starts with one of
the first words of its file's fragments ("the" is no candidate for "thermobaric").

:func:`folded` and :func:`case_free` serve the case-insensitive patterns of the event rules:
Python's ``re`` folds the case of every character it compares under IGNORECASE, so a pattern of
lower-case words runs 3-5 times faster as a case-sensitive twin on a folded copy of the text
(the same matches at the same places).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

#: the letters a filed word may start with: A-Z lower-cased, and the Arabic letters (hamza to
#: yeh; Arabic has no case), so that Arabic-script triggers are filed like English ones
LETTERS = "a-z\u0621-\u064a"
#: a word start: no word character (``\w``, as ``\b`` reads it) before; the alternatives all
#: open with ``\b``, so a candidate elsewhere ("9shot", "de_escalation") can never match
_PREFIX = re.compile(rf"(?<!\w)[{LETTERS}]{{2,3}}")
#: each non-ASCII character ``re.IGNORECASE`` matches to an ASCII letter, and that letter: "İ",
#: "ı" (i), "ſ" (s), the Kelvin sign (k) (tests/extract/test_prefilter.py checks the list)
FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


@lru_cache(maxsize=4)
def folded(text: str) -> str:
    """``text`` with each character that a case-insensitive pattern matches to an ASCII letter
    written as that letter (A-Z lower-cased, and :data:`FOLD`; same offsets), once per text.

    Where such a pattern matches ``text``, its case-sensitive twin (:func:`case_free`) matches
    the folded text at the same places, and the lower-case words it needs are there."""
    if text.isascii():
        return text.lower()
    low = text.encode().lower().decode()  # bytes.lower: A-Z only, multibyte UTF-8 untouched
    for char, letter in FOLD:
        if char in low:
            low = low.replace(char, letter)
    return low


def fold_pattern(source: str) -> re.Pattern[str]:
    """A case-insensitive pattern of lower-case words, compiled to run on :func:`folded`
    text (:func:`case_free`)."""
    return case_free(re.compile(source, re.IGNORECASE))


def case_free(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of a case-insensitive ``pattern`` whose literal letters are all
    lower-case, for :func:`folded` text: the same matches at the same places (Python's ``re``
    folds the case of every character it compares under IGNORECASE: 3-5 times slower)."""
    if re.search("[A-Z]", re.sub(r"\\.", "", pattern.pattern)):
        raise ValueError(f"upper-case letters in {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def holds_any(fold: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether one of the lower-case ``words`` lies in ``fold[start:end]`` (:func:`folded`)."""
    return any(fold.find(w, start, end) >= 0 for w in words)


class Dispatch:
    """A long alternation of named groups, run only where a word can start one of them.

    ``groups`` are (group name, fragments) in priority order (the first alternative that
    matches at a place wins, as in one big ``re`` alternation). Each fragment is filed under
    the first three letters of each word it can start with; at each word of the text whose
    first three letters have a file, only that file's small pattern is tried. Where a fragment
    can start otherwise, the whole alternation runs everywhere (slower, same result).
    """

    def __init__(self, groups: list[tuple[str, list[str]]]) -> None:
        filed: dict[str, list[tuple[str, str]]] = {}
        leads: dict[str, set[str] | None] = {}
        self.fallback: re.Pattern[str] | None = None
        for name, fragments in groups:
            for fragment in fragments:
                words = first_words(fragment.lower())
                if words is None:
                    whole = "|".join(f"(?P<{n}>{'|'.join(fs)})" for n, fs in groups if fs)
                    self.fallback = re.compile(rf"\b(?:{whole})\b")
                    break
                sure = _UNSURE_LEAD.search(fragment.lower()) is None
                for key in {w[:3] for w in words}:
                    filed.setdefault(key, []).append((name, fragment))
                    kept = leads.setdefault(key, set())
                    leads[key] = kept | words if kept is not None and sure else None
        self.patterns = {key: _compile(items) for key, items in filed.items()}
        #: per key, the words a match there starts with (None: not sure): a word of the
        #: text that starts with none of them is no candidate ("the" of "thermobaric")
        self.leads = {key: None if w is None else tuple(sorted(w)) for key, w in leads.items()}
        self.starts = _key_pattern(self.patterns)

    def candidates(self, lower: str, found: list[tuple[int, str]] | None = None,
                   ) -> list[tuple[int, re.Pattern[str]]]:
        """(offset, pattern) of the words of ``lower`` that have a file: read once per text,
        then given to :meth:`finditer` for each stretch of it; ``found`` = :func:`prefixes`
        of the text, where already read (else one scan for the filed prefixes only)."""
        patterns, leads = self.patterns, self.leads
        if found is None:
            found = [(m.start(), m.group()) for m in self.starts.finditer(lower)]
        return [(at, patterns[key]) for at, key in found if key in patterns
                and ((lead := leads[key]) is None or lower.startswith(lead, at))]


    def finditer(self, lower: str, start: int, end: int,
                 candidates: list[tuple[int, re.Pattern[str]]] | None = None,
                 ) -> Iterator[tuple[str, int, int]]:
        """(group name, start, end) of the non-overlapping matches in ``lower[start:end]``;
        ``candidates`` of the whole text (:meth:`candidates`) spare reading its words again."""
        if self.fallback is not None:
            for m in self.fallback.finditer(lower, start, end):
                if m.lastgroup:
                    yield m.lastgroup, m.start(), m.end()
            return
        if candidates is None:
            candidates = self.candidates(lower[:end])
        i = bisect.bisect_left(candidates, (start,))  # (start,) sorts before (start, pattern)
        last = start
        while i < len(candidates) and candidates[i][0] < end:
            at, pattern = candidates[i]
            i += 1
            if at < last:  # a candidate is a word start (after no \w): \b holds there
                continue
            hit = pattern.match(lower, at, end)
            if hit is not None and hit.lastgroup:
                last = hit.end()
                yield hit.lastgroup, hit.start(), hit.end()

    def hit_in(self, start: int, end: int,
               candidates: list[tuple[int, re.Pattern[str]]]) -> bool:
        """Whether a candidate word (:meth:`candidates`) starts inside [start, end)."""
        if self.fallback is not None:
            return True
        i = bisect.bisect_left(candidates, (start,))  # (start,) sorts before (start, pattern)
        return i < len(candidates) and candidates[i][0] < end


def union_starts(dispatches: tuple[Dispatch, ...]) -> LeadScan:
    """The scan of several dispatches together, for :func:`shared_candidates`."""
    return LeadScan(dispatches)


def shared_candidates(lower: str, dispatches: tuple[Dispatch, ...], starts: LeadScan,
                      ) -> list[list[tuple[int, re.Pattern[str]]]]:
    """:meth:`Dispatch.candidates` of several dispatches read in one scan of ``lower`` with
    their :func:`union_starts` (see :class:`LeadScan`)."""
    if starts.dispatches != dispatches:
        raise ValueError("starts were made for other dispatches")
    return starts.candidates(lower)


class LeadScan:
    """The candidates (:meth:`Dispatch.candidates`) of several dispatches in one scan.

    A word start is a candidate of a dispatch where its key (first three letters, or a
    2-letter word) has a file and, unless the file's leads are unsure, one of the file's lead
    words starts there. Both tests are one pattern here: a trie of those lead words (and of
    the keys whose leads are unsure), greedy, so that at a word start it matches the longest
    of them that starts there; every other that starts there is a prefix of that one. So the
    dispatches a place is a candidate of follow from the matched word alone (a table made
    once), and the words that are no candidate ("the" of "thermobaric") never leave ``re``.
    """

    def __init__(self, dispatches: tuple[Dispatch, ...]) -> None:
        self.dispatches = dispatches
        alternatives: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
        for index, dispatch in enumerate(dispatches):
            for key, pattern in dispatch.patterns.items():
                leads = dispatch.leads[key]
                words = [key] if leads is None else [w for w in leads if w[:3] == key]
                for word in words:
                    alternatives.setdefault(word, []).append((index, pattern))
        #: per word the scan can match, the (dispatch, pattern) of each dispatch it is a
        #: candidate of: those of the alternatives it starts with (a 2-letter one only as
        #: the whole word, where no letter follows)
        self.table: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {}
        for word in alternatives:
            found: dict[int, re.Pattern[str]] = {}
            for size in range(len(word), 1, -1):
                if size == 2 and len(word) > 2:
                    break
                for index, pattern in alternatives.get(word[:size], ()):
                    found.setdefault(index, pattern)
            self.table[word] = tuple(sorted(found.items()))
        body = _trie_pattern(list(alternatives)) or r"(?!x)x"
        #: a word start is the text's start or a place after a character ``\w`` does not
        #: match: the scan matches that character first, so that ``re`` tries the trie only
        #: after spaces and punctuation (a pattern opening with ``(?<!\w)`` is tried at
        #: every character); the first word of the text is read apart (``first``)
        self.scan = re.compile(rf"\W({body})")
        self.first = re.compile(body)

    def candidates(self, lower: str) -> list[list[tuple[int, re.Pattern[str]]]]:
        """Per dispatch, (offset, pattern) of the words of ``lower`` that are its candidates."""
        out: list[list[tuple[int, re.Pattern[str]]]] = [[] for _ in self.dispatches]
        table = self.table
        m = self.first.match(lower)
        if m is not None:
            for index, pattern in table[m.group()]:
                out[index].append((0, pattern))
        for m in self.scan.finditer(lower):
            at = m.start(1)
            for index, pattern in table[m.group(1)]:
                out[index].append((at, pattern))
        return out


def _trie_pattern(words: list[str]) -> str:
    """A pattern matching the longest of ``words`` that starts at a place (a 2-letter word
    only where no letter follows it, as :func:`_key_pattern` reads a 2-letter key)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = len(word) == 2  # the end of a word; True: no letter may follow it
    return _node_pattern(trie) if trie else ""


def _node_pattern(node: dict[str, Any]) -> str:
    children = [re.escape(ch) + _node_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if "" not in node:
        return children[0] if len(children) == 1 else f"(?:{'|'.join(children)})"
    if not children:
        return f"(?![{LETTERS}])" if node[""] else ""
    if node[""]:
        return f"(?:{'|'.join(children)}|(?![{LETTERS}]))"
    return f"(?:{'|'.join(children)})?"


def literal_words(text: str, words: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """(start, end) of what ``\\b(?:w1|w2|...)\\b`` finds in ``text`` for literal ``words``,
    by ``str.find`` (a regular expression tries every alternative at every position): at each
    place the first word of the list that ends at a word boundary, non-overlapping, left to
    right. None where a word does not start and end with a word character (then ``\\b``
    means something else: use the pattern)."""
    if not all(w and _word_char(w[0]) and _word_char(w[-1]) for w in words):
        return None
    best: dict[int, int] = {}  # start -> end of the first word of the list that fits there
    for word in words:
        i = text.find(word)
        while i >= 0:
            end = i + len(word)
            if i not in best and (i == 0 or not _word_char(text[i - 1])) and (
                    end == len(text) or not _word_char(text[end])):
                best[i] = end
            i = text.find(word, i + 1)
    out: list[tuple[int, int]] = []
    for start in sorted(best):
        if not out or start >= out[-1][1]:
            out.append((start, best[start]))
    return out


def _word_char(ch: str) -> bool:
    """What ``\\w`` matches: a letter, digit or numeric character, or "_"."""
    return ch.isalnum() or ch == "_"


def prefixes(lower: str) -> list[tuple[int, str]]:
    """(offset, first three letters) of each word of 2+ letters of ``lower``."""
    return [(m.start(), m.group()) for m in _PREFIX.finditer(lower)]


def _key_pattern(keys: Iterable[str]) -> re.Pattern[str]:
    """The places where :func:`prefixes` would give one of ``keys``: a word start (no ``\\w``
    before) followed by the key, a 2-letter key only where no third letter follows;
    alternatives grouped by first letter so that each word start costs a few comparisons."""
    by_first: dict[str, list[str]] = {}
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        by_first.setdefault(key[0], []).append(
            re.escape(key[1:]) + (f"(?![{LETTERS}])" if len(key) == 2 else ""))
    alts = "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})"
                    for first, rest in sorted(by_first.items()))
    return re.compile(rf"(?<!\w)(?:{alts})" if alts else r"(?!x)x")


def _compile(items: list[tuple[str, str]]) -> re.Pattern[str]:
    names: list[str] = []
    by_name: dict[str, list[str]] = {}
    for name, fragment in items:
        if name not in by_name:
            names.append(name)
        by_name.setdefault(name, []).append(fragment)
    return re.compile("(?:" + "|".join(f"(?P<{n}>{'|'.join(by_name[n])})" for n in names)
                      + r")\b")


def first_words(fragment: str) -> set[str] | None:
    """The literal first words a regular-expression fragment can start with (3+ letters, a
    trailing optional letter dropped), or None where it can start otherwise."""
    alternatives = _split(fragment, "|")
    if len(alternatives) > 1:
        return _union(first_words(a) for a in alternatives)
    if fragment.startswith(("(?<!", "(?<=", "(?!", "(?=")):
        return first_words(fragment[_close(fragment) + 1:])
    if fragment.startswith("("):
        end = _close(fragment)
        inner = fragment[3 if fragment.startswith("(?:") else 1:end]
        rest = fragment[end + 1:]
        optional = rest[:1] in ("?", "*")
        rest = rest[1:] if optional else rest
        words = first_words(inner) if inner.strip() else set()
        if optional or not inner.strip():
            return _union([words, first_words(rest)])
        return words
    m = _LEAD.match(fragment)
    if m is None:
        return None
    word = m.group(1)[:-1] if m.group(2) else m.group(1)
    if len(word) == 2 and fragment[m.end():].startswith("-"):  # "de-escalation"
        return {word}
    return {word} if len(word) >= 3 else None


_LEAD = re.compile(rf"([{LETTERS}]+)(\??)")
#: a letter that may repeat or go missing otherwise than by a trailing "?" ("kil*ed"): the
#: words :func:`first_words` reads may then not lead every match of the fragment
_UNSURE_LEAD = re.compile(rf"[{LETTERS}](?:[*{{]|\?(?![ )|]|$))")


def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return out


def _scan(text: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) of each character of a pattern ``text`` outside
    escapes and character classes (``depth``: open parentheses)."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = text.index("]", i + 1)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        yield i, ch, depth
        i += 1


def _close(text: str) -> int:
    """Index of the parenthesis closing the one at ``text[0]`` (escapes and classes skipped)."""
    for i, ch, depth in _scan(text):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced pattern: {text!r}")


def _split(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside parentheses and classes."""
    parts, start = [], 0
    for i, ch, depth in _scan(text):
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
