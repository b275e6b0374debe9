"""Finding place mentions in a report's text: gazetteer names over word n-grams, and patterns.

The finder works on the plain text with regular expressions (fast: it never walks spaCy
tokens) and returns character ranges; ``rasd/extract/places.py`` turns them into spans.

- A *run* is a sequence of capitalised words (or article-prefixed ones: "al-Raqqa"), with
  articles and a few place nouns ("camp", "airbase") between or after them, on one line and not
  broken by punctuation. In each run, from each word that can start a name, the longest n-gram
  (up to :data:`MAX_WORDS` words) whose transliteration key is in the gazetteer is a mention;
  keys are built from cached word keys.
- Patterns attach cues ("X province", "X countryside", "near X", "in X") and containers
  ("Y, a village in X", "the Y district of X") and add places the gazetteer lacks that the text
  plainly calls places ("the village of X", "the towns of A, B and C", "X's bakeries").
- Country and nationality words followed by a place noun ("Lebanese territory") are found too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from rasd.gazetteer.areas import widen
from rasd.gazetteer.curated import Vocabulary, finder_words
from rasd.gazetteer.geocode import (
    CUE_LOCATIVE,
    CUE_NEAR,
    CUE_PROVINCE,
    CUE_REGION,
    CUE_TYPED,
    PlaceQuery,
    case_blind,
)
from rasd.gazetteer.keys import ARTICLES, join_keys, typo_key, word_keys
from rasd.gazetteer.store import Gazetteer, Place, exact_form
from rasd.gazetteer.textcues import (
    TitleCase,
    appears_lower,
    is_dateline,
    pattern_cue,
    sentence_start,
)
from rasd.gazetteer.textscan import (
    Ranges,
    article_before,
    ascii_lower,
    positions,
    word_before,
)
from rasd.gazetteer.typed import TYPED_NOUNS, trim_start, typed_ranges, words

MAX_WORDS = 6


INNER_NOUNS = words(
    "camp airbase airport dam crossing field prison countryside city region canton road base "
    "plain valley mountains mountain military air refugee gas oil oilfield international border "
    "suburbs district square of industrial displacement springs roundabout street"
)
AREA_WORDS = words(
    "in the a of , countryside province governorate near outskirts rural suburbs northern "
    "southern eastern western north south east west northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western"
)
_ART = "(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + ")"
_AR = "\u0620-\u065F\u066E-\u06D3\u06D5-\u06FF"  # Arabic letters and marks, not punctuation
_CAP = rf"[A-Z\u00C0-\u00DE{_AR}][\w'’‘`{_AR}]*(?:-[\w'’‘`]+)*"
_INNER = "(?:" + "|".join(sorted(INNER_NOUNS | ARTICLES, key=len, reverse=True)) + r")(?![\w-])"
_NAME_WORD = rf"(?:{_ART}[-‐])?{_CAP}"
RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:{_NAME_WORD}|{_INNER}))*")

_AROUND = re.compile(r"['’]s\b|[\w][\w'’-]*|[,;:.]")
#: words between a place and the area phrase that follows it: "Y, north of X", "Y in X province"
_TO_AREA = ([","], ["in"], ["in", "the"], [",", "in"], [",", "in", "the"])
_AREA_WORDS = ("north", "south", "east", "west", "rural", "countryside", "suburbs", "outskirts")

_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w]*)")


@dataclass
class Found:
    """A mention: character range, the query for the geocoder, or a country code."""

    start: int
    end: int
    query: PlaceQuery
    country: str | None = None  # ISO code for country / nationality words
    matched: bool = True  # the gazetteer has a name for it
    dateline: bool = False  # named in a dateline: where the reporter is, not the event


def _close(gaz: Gazetteer, text: str, key: str) -> bool:
    """Whether a multi-word text is spelled close to a name of an entry under its key."""
    form = exact_form(text)
    if form in gaz.exact:
        return True
    return any(fuzz.ratio(form, exact_form(name)) >= 80
               for pid in gaz.by_key.get(key, ()) for name in gaz.places[pid].all_names())


def _large(place: Place) -> bool:
    return place.population >= 20_000 or place.feature_code in {"ADM1", "PCLI"}


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or "\u0600" <= word[:1] <= "\u06ff"


def _namey(word: str) -> bool:
    """A capitalised word, or one with an article glued on: "al-Raqa"."""
    if _is_cap(word):
        return True
    head, _, rest = word.partition("-")
    return bool(rest) and head.lower() in ARTICLES and _is_cap(rest)


def _can_start(word: str) -> bool:
    return _namey(word) and word.lower() not in STOP_WORDS


class PlaceFinder:
    """Finds place mentions in a text with one gazetteer and its word lists."""

    def __init__(self, gaz: Gazetteer, vocabulary: Vocabulary) -> None:
        self.gaz = gaz
        self.vocab = vocabulary
        self._typos: dict[str, bool] = {}
        self._names: dict[str, str | None] = {}
        self._blind: dict[str, bool] = {}  # name -> :func:`case_blind`
        self._runs: dict[str, list[tuple[int, int, str, bool]]] = {}
        words = sorted(vocabulary.demonyms, key=len, reverse=True)
        forms = [f for w in words for f in (w.capitalize(), w.upper())]
        self._demonyms = tuple(forms)
        #: the forms in one pass (a form that fails to end a word gives way to a shorter one)
        self._demonym_re = re.compile("(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)"
                                      if forms else "(?!)")
        self._headlines = TitleCase("")  # per document: whether a sentence is in title case
        self._weak: dict[str, bool] = {}  # per document: name -> also an ordinary word here
        self._read_before = False  # per document: whether the word before a match can matter
        self._area_words: list[int] = []  # per document: where area-phrase words are
        lists = finder_words()
        self.org_nouns = frozenset(str(w) for w in lists["organisation_nouns"])
        self.arabic_org_nouns = frozenset(str(w) for w in lists["arabic_organisation_nouns"])
        self._ascii_org_nouns = any(w.isascii() for w in self.arabic_org_nouns)
        self.arabic_not_places = frozenset(str(w) for w in lists["arabic_not_places"])

    def find(self, text: str, blocked: list[tuple[int, int]],
             lower: str | None = None) -> list[Found]:
        """Mentions in ``text`` not overlapping the ``blocked`` character ranges (``lower``:
        ``text`` with A-Z lower-cased, where the caller has it)."""
        found: list[Found] = []
        blocking = Ranges(blocked)
        self._headlines, self._weak = TitleCase(text), {}
        self._read_before = self._ascii_org_nouns or not text.isascii()
        self._area_words = positions(ascii_lower(text) if lower is None else lower, _AREA_WORDS)
        runs, match = self._runs, self._match
        for run in RUN.finditer(text):
            start, stop = run.span()
            if start:
                before = text[start - 1]
                if before.isalnum() or before in "'’‘":
                    continue  # inside a word
                if before in "-‐":
                    start = article_before(text, start)  # "al-Raqa"
            key = text[start:stop]
            hit = runs.get(key)
            if hit is None:
                hit = self._run_matches(key)
            for b, e, name, blind in hit:  # the run's longest gazetteer n-grams, cached
                begin, end = start + b, start + e
                if blocking.hits(begin, end):
                    continue
                item = match(text, begin, end, name, blind)
                if item is not None:
                    found.append(item)
        countries = self._countries(text, blocking)
        found = self._typed(text, found, blocking)
        if countries:
            taken = Ranges(blocked + [(f.start, f.end) for f in found])
            found += [c for c in countries if not taken.hits(c.start, c.end)]
        found.sort(key=lambda f: f.start)
        for item in found:
            item.dateline = is_dateline(text, item.start, item.end)
        self._containers(text, found)
        return found

    def _run_matches(self, run: str) -> list[tuple[int, int, str, bool]]:
        """:meth:`_matches` of a run not seen before, kept by its text (reports repeat their
        names), each with the name to geocode and :func:`case_blind` of it (checks of the name
        alone: a match whose name is never a place here is left out)."""
        if len(self._runs) > 200_000:
            self._runs.clear()
        hit = []
        for b, e in self._matches(run, 0):
            name = self._name(run[b:e])
            if name is not None:
                hit.append((b, e, name, self._case_blind(name)))
        self._runs[run] = hit
        return hit

    def _case_blind(self, name: str) -> bool:
        hit = self._blind.get(name)
        if hit is None:
            if len(self._blind) > 100_000:
                self._blind.clear()
            hit = self._blind[name] = case_blind(self.gaz, name)
        return hit

    def _matches(self, run: str, offset: int) -> list[tuple[int, int]]:
        """Longest gazetteer n-grams of one run, as character ranges."""
        spans: list[tuple[int, int]] = []
        breaks: set[int] = set()
        if " " not in run and "\t" not in run and not run.endswith(("'s", "’s")):
            return [(offset, offset + len(run))] if self._longest(run, [(0, len(run))], 0,
                                                                  breaks) else []
        for m in re.finditer(r"\S+", run):
            end = m.end()
            if run[end - 2:end] in ("'s", "’s") and end - m.start() > 3:
                end -= 2  # a possessive ends a name: "Qusayr's bakeries"
                breaks.add(len(spans))
            spans.append((m.start(), end))
        out, i = [], 0
        while i < len(spans):
            end = self._longest(run, spans, i, breaks)
            if end > i:
                out.append((offset + spans[i][0], offset + spans[end - 1][1]))
                i = end
            else:
                i += 1
        return out

    def _longest(self, run: str, spans: list[tuple[int, int]], i: int, breaks: set[int]) -> int:
        gaz = self.gaz
        first = run[spans[i][0]:spans[i][1]]
        if not _can_start(first):
            return i
        key, best = "", i
        for j in range(i, min(len(spans), i + MAX_WORDS)):
            word = run[spans[j][0]:spans[j][1]]
            ini, med = word_keys(word)
            key = join_keys(key, med if key else ini)
            if key and key not in gaz.prefixes:
                break
            text = run[spans[i][0]:spans[j][1]]
            if key not in gaz.by_key or (len(key) < 2 and exact_form(text) not in gaz.exact):
                if j in breaks:
                    break
                continue
            named = _namey(word) and not (j == i and word.isupper() and len(word) <= 4) and (
                j == i or _close(gaz, text, key))
            noun = word.lower() in INNER_NOUNS and word != "of" and _close(gaz, text, key)
            if named or noun:
                best = j + 1
            if j in breaks:
                break
        if best == i and len(first) >= 5 and first.endswith("s") and (
            exact_form(first[:-1]) in gaz.exact  # a possessive without its apostrophe: "Aleppos"
        ):
            return i + 1
        if best == i and len(first) >= 5 and _is_cap(first) and self._typo_large(first):
            return i + 1  # "Iblid": letters of a large place's name swapped
        return best

    def _typo_large(self, word: str) -> bool:
        hit = self._typos.get(word)
        if hit is None:
            if len(self._typos) > 100_000:
                self._typos.clear()
            ids = self.gaz.by_typo.get(typo_key(word), ())
            hit = self._typos[word] = any(_large(self.gaz.places[p]) for p in ids)
        return hit

    def _match(self, text: str, start: int, end: int, name: str, blind: bool) -> Found | None:
        """The mention of gazetteer name ``name`` at ``start:end``, unless its context says
        otherwise (``blind``: :func:`case_blind` of the name)."""
        nxt = _NEXT_WORD.match(text, end)
        if nxt is not None and nxt.group(1) in self.org_nouns:
            return None  # part of an organisation's name: "the Karama Center"
        if self._read_before or (start > 1 and name[0].islower()):
            before = word_before(text, start)  # only then can the tests below hold
            if before in self.arabic_org_nouns:
                return None  # "مركز كرامة" (the Karama Center)
            if start > 1 and name[0].islower() and _is_cap(before) and before[-1:].isalnum():
                return None  # "Mohammed al-Halabi": a name's nisba, not the place
        weak = self._weak.get(name)
        if weak is None:
            weak = self._weak[name] = " " not in name and name.lower() != name.upper() and (
                appears_lower(text, name.lower()))
        query = PlaceQuery(name, cue=pattern_cue(text, start, end), weak=weak)
        if blind:
            self._headlines.note(start)  # neither flag can change the resolution
        else:
            query.sentence_start = sentence_start(text, start)
            query.headline = self._headlines.around(start)
        if self._area_word_near(start, end) or "\u0600" <= text[start:start + 1] <= "\u06ff":
            start, end = widen(text, start, end, query)
        return Found(start, end, query)

    def _name(self, name: str) -> str | None:
        """The name to geocode for a gazetteer match, or None for words that are never places
        here (checks of the name alone, cached)."""
        if name in self._names:
            return self._names[name]
        out: str | None = name
        if exact_form(name) in self.vocab.not_places or name.lower() in self.vocab.demonyms or (
            name in self.org_nouns or "." in name  # abbreviations: "Dr."
        ) or name in self.arabic_not_places:  # "الثورة" (the revolution)
            out = None
        elif " " not in name and name.endswith("s") and exact_form(name) not in self.gaz.exact \
                and exact_form(name[:-1]) in self.gaz.exact:
            out = name[:-1]
        if len(self._names) > 100_000:
            self._names.clear()
        self._names[name] = out
        return out

    def _area_word_near(self, start: int, end: int) -> bool:
        """Whether a word of an area phrase ("eastern", "countryside") is within reach."""
        i = bisect.bisect_left(self._area_words, start - 50)
        return i < len(self._area_words) and self._area_words[i] < end + 40

    def _typed(self, text: str, found: list[Found], blocked: Ranges
               ) -> list[Found]:
        """``found`` with the places the text calls places added (see :mod:`typed`)."""
        for start, end, kind in typed_ranges(text):
            start = trim_start(text, start, end)
            name = text[start:end]
            if start >= end or blocked.hits(start, end) or (
                exact_form(name) in self.vocab.not_places or name.lower() in self.vocab.demonyms
            ):
                continue
            same = [f for f in found if f.start < end and start < f.end]
            for f in same:
                if (f.start, f.end) == (start, end) and f.query.cue in {None, CUE_LOCATIVE}:
                    f.query.cue, f.query.kind_word = CUE_TYPED, kind
            if any(f.start <= start and f.end >= end for f in same) or not all(
                start <= f.start and f.end <= end for f in same
            ):
                continue  # the gazetteer has the name whole, or a larger mention holds it
            held = {id(f) for f in same}  # (an equal mention overlaps too: it is in ``same``)
            found = [f for f in found if id(f) not in held]
            found.append(Found(start, end, PlaceQuery(name, cue=CUE_TYPED, kind_word=kind),
                               matched=False))
        return found

    def _countries(self, text: str, blocked: Ranges) -> list[Found]:
        """Nationality words followed by a place noun ("the Jordanian border")."""
        out = []
        for m in self._demonym_re.finditer(text):
            start, end = m.span()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # not a whole word
            nxt = _AROUND.match(text, end + 1) if text[end:end + 1] == " " else None
            if nxt and nxt.group().lower() in self.vocab.place_nouns and not blocked.hits(
                start, end
            ):
                code = self.vocab.demonyms[text[start:end].lower()]
                out.append(Found(start, end, PlaceQuery(text[start:end]), country=code))
        return out

    @staticmethod
    def _containers(text: str, found: list[Found]) -> None:
        """Link "Y, a village in X", "the Y district of X", "X's Y neighbourhood", "Y in X"."""
        for k, item in enumerate(found[:-1]):
            nxt = found[k + 1]
            gap = text[item.end:nxt.start]
            if len(gap) > 60 or "." in gap or ";" in gap or ":" in gap:
                continue  # far apart, or another clause (each of ".;:" is a word below)
            between = [w.lower() for w in _AROUND.findall(text, item.end, nxt.start)]
            if not between or len(between) > 6:
                continue  # (no word of ".;:" either: the gap holds none of them)
            typed = any(w in TYPED_NOUNS for w in between)
            linking = between[-1] in {"in", "of"} or between[-2:] in (["in", "the"],
                                                                        ["of", "the"])
            to_area = between in _TO_AREA or between[-1:] in (["near"], ["outside"])
            area = between == ["in"] or (
                to_area and nxt.query.cue in {CUE_REGION, CUE_PROVINCE, CUE_NEAR})
            if (typed and linking) or area or (
                item.query.cue == CUE_TYPED and _area_phrase(between)
            ):
                item.query.container = k + 1
                if not item.matched:
                    item.query.cue = CUE_TYPED
        for k, item in enumerate(found[1:], start=1):
            prev = found[k - 1]
            if item.start - prev.end > 3:
                continue
            between = [w.lower() for w in _AROUND.findall(text, prev.end, item.start)]
            after = _AROUND.findall(text, item.end, min(len(text), item.end + 30))[:1]
            if between in (["'s"], ["’s"]) and after and after[0].lower() in TYPED_NOUNS:
                item.query.container = k - 1








def _area_phrase(between: list[str]) -> bool:
    """"in the western countryside of", ", in": words that put a place inside another."""
    return "in" in between[:2] and all(w in AREA_WORDS for w in between)
