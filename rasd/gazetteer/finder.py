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

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from rasd.gazetteer.curated import Vocabulary
from rasd.gazetteer.geocode import CUE_LOCATIVE, CUE_NEAR, CUE_PROVINCE, CUE_TYPED, PlaceQuery
from rasd.gazetteer.keys import ARTICLES, join_keys, typo_key, word_keys
from rasd.gazetteer.store import Gazetteer, Place, exact_form

MAX_WORDS = 6


def words(text: str) -> frozenset[str]:
    """The space-separated words of ``text``."""
    return frozenset(text.split())


INNER_NOUNS = words(
    "camp airbase airport dam crossing field prison countryside city region canton road base "
    "plain valley mountains mountain military air refugee gas oil oilfield international border "
    "suburbs district square of industrial displacement springs"
)
TYPED_NOUNS = words(
    "village villages town towns city cities neighbourhood neighbourhoods neighborhood "
    "neighborhoods district districts camp camps hamlet suburb suburbs area areas"
)
PROVINCE_WORDS = words("province provinces governorate governorates wilayat wilaya")
NEAR_AFTER = words("countryside outskirts suburbs")
NEAR_BEFORE = words(
    "near outside around countryside outskirts suburbs vicinity rural north south east west "
    "northeast northwest southeast southwest north-east north-west south-east south-west"
)
LOCATIVE = words("in at from into to of inside across")
POSSESSED = words(
    "bakeries bakery hospital hospitals market markets streets residents neighbourhoods "
    "schools mosques centre center outskirts countryside suburbs old"
)
AREA_WORDS = words(
    "in the a of , countryside province governorate near outskirts rural suburbs northern "
    "southern eastern western north south east west northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western"
)
_ART = "(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + ")"
_CAP = r"[A-Z\u00C0-\u00DE\u0600-\u06FF][\w'’‘`\u0600-\u06FF]*(?:-[\w'’‘`]+)*"
_INNER = "(?:" + "|".join(sorted(INNER_NOUNS | ARTICLES, key=len, reverse=True)) + r")(?![\w-])"
_NAME_WORD = rf"(?:{_ART}[-‐])?{_CAP}"
RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:{_NAME_WORD}|{_INNER}))*")

_POSSESSIVE = re.compile(r"['’]s\s+(" + "|".join(POSSESSED) + r")\b")
_AROUND = re.compile(r"['’]s\b|[\w][\w'’-]*|[,;:.]")
_SENT_END = ".!?\n:;\"“”"


@dataclass
class Found:
    """A mention: character range, the query for the geocoder, or a country code."""

    start: int
    end: int
    query: PlaceQuery
    country: str | None = None  # ISO code for country / nationality words
    matched: bool = True  # the gazetteer has a name for it


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t'\"“‘(":
        i -= 1
    return i < 0 or text[i] in _SENT_END


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

    def find(self, text: str, blocked: list[tuple[int, int]]) -> list[Found]:
        """Mentions in ``text`` not overlapping the ``blocked`` character ranges."""
        found: list[Found] = []
        countries: list[Found] = []
        for run in RUN.finditer(text):
            start = run.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "'’‘"):
                continue  # inside a word
            start = _article_before(text, start)  # "al-Raqa"
            for begin, end in self._matches(text[start:run.end()], start):
                if _overlaps(begin, end, blocked):
                    continue
                item = self._match(text, begin, end)
                if item is not None:
                    found.append(item)
            if any(w.lower() in self.vocab.demonyms for w in run.group().split()):
                countries += self._countries(text, run.group(), run.start(), blocked)
        taken = blocked + [(f.start, f.end) for f in found]
        found += self._typed_unknown(text, taken)
        taken += [(f.start, f.end) for f in found]
        found += [c for c in countries if not _overlaps(c.start, c.end, taken)]
        found.sort(key=lambda f: f.start)
        self._containers(text, found)
        return found

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
            if len(key) < 2 or key not in gaz.by_key:
                if j in breaks:
                    break
                continue
            text = run[spans[i][0]:spans[j][1]]
            named = _namey(word) and not (j == i and word.isupper() and len(word) <= 4) and (
                j == i or _close(gaz, text, key))
            noun = word.lower() in INNER_NOUNS and word != "of" and exact_form(text) in gaz.exact
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

    def _match(self, text: str, start: int, end: int) -> Found | None:
        name = text[start:end]
        if exact_form(name) in self.vocab.not_places or name.lower() in self.vocab.demonyms:
            return None
        if "." in name:
            return None  # abbreviations: "Dr."
        if start > 1 and name[0].islower() and _is_cap(_word_before(text, start)):
            return None  # "Mohammed al-Halabi": a name's nisba, not the place
        single = " " not in name
        if single and name.endswith("s") and exact_form(name) not in self.gaz.exact and (
            exact_form(name[:-1]) in self.gaz.exact
        ):
            name = name[:-1]
        weak = single and _appears_lower(text, name.lower())
        query = PlaceQuery(name, cue=self._cue(text, start, end), weak=weak,
                           sentence_start=_sentence_start(text, start))
        return Found(start, end, query)

    @staticmethod
    def _cue(text: str, start: int, end: int) -> str | None:
        after = [w.rstrip(",.;:").lower() for w in text[end:end + 40].split()[:3]]
        before = [w.rstrip(",.;:").lower() for w in text[max(0, start - 50):start].split()[-3:]]
        if (after[:1] and after[0] in PROVINCE_WORDS) or before[-1:] == ["wilayat"] or (
            before[-2:-1] and before[-2] in PROVINCE_WORDS and before[-1] == "of"
        ):
            return CUE_PROVINCE
        if (after[:1] and after[0] in NEAR_AFTER) or after[:2] in (["'s", "countryside"],
                                                                   ["’s", "countryside"]):
            return CUE_NEAR
        if before and (before[-1] in {"near", "outside", "around", "rural"} or (
            before[-1] == "of" and len(before) > 1 and before[-2] in NEAR_BEFORE)):
            return CUE_NEAR
        if len(before) > 1 and before[-1] == "of" and before[-2] in TYPED_NOUNS:
            return CUE_TYPED
        if before and before[-1] in LOCATIVE:
            return CUE_LOCATIVE
        return None

    def _typed_unknown(self, text: str, taken: list[tuple[int, int]]) -> list[Found]:
        """Places the gazetteer lacks that the text plainly calls places."""
        out: list[Found] = []
        pos = text.find(" of ")
        while pos >= 0:
            kind = text[max(0, pos - 16):pos].rsplit(None, 1)[-1:]
            if kind and kind[0].lower() in TYPED_NOUNS:
                for start, end in _name_list(text, pos + 4):
                    self._add_typed(text, start, end, kind[0].lower(), taken, out)
            pos = text.find(" of ", pos + 4)
        for m in _POSSESSIVE.finditer(text):
            run = _run_ending(text, m.start())
            if run is not None:
                self._add_typed(text, run[0], run[1], None, taken, out)
        return out

    def _add_typed(self, text: str, start: int, end: int, kind: str | None,
                   taken: list[tuple[int, int]], out: list[Found]) -> None:
        name = text[start:end]
        if _overlaps(start, end, taken) or exact_form(name) in self.vocab.not_places:
            return
        out.append(Found(start, end, PlaceQuery(name, cue=CUE_TYPED, kind_word=kind),
                         matched=False))
        taken.append((start, end))

    def _countries(self, text: str, run: str, offset: int,
                   blocked: list[tuple[int, int]]) -> list[Found]:
        """Nationality words of a run followed by a place noun ("the Jordanian border")."""
        out = []
        for m in re.finditer(r"\S+", run):
            code = self.vocab.demonyms.get(m.group().lower())
            if code is None:
                continue
            start, end = offset + m.start(), offset + m.end()
            nxt = _AROUND.match(text, end + 1) if text[end:end + 1] == " " else None
            if nxt and nxt.group().lower() in self.vocab.place_nouns and not _overlaps(
                start, end, blocked
            ):
                out.append(Found(start, end, PlaceQuery(m.group()), country=code))
        return out

    @staticmethod
    def _containers(text: str, found: list[Found]) -> None:
        """Link "Y, a village in X", "the Y district of X", "X's Y neighbourhood", "Y in X"."""
        for k, item in enumerate(found[:-1]):
            nxt = found[k + 1]
            if nxt.start - item.end > 60:
                continue
            between = [w.lower() for w in _AROUND.findall(text, item.end, nxt.start)]
            if not between or len(between) > 6:
                continue
            typed = any(w in TYPED_NOUNS for w in between)
            linking = between[-1] in {"in", "of"} or between[-2:] in (["in", "the"],
                                                                        ["of", "the"])
            if (typed and linking) or (item.query.cue == CUE_TYPED and _area_phrase(between)):
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


def _article_before(text: str, start: int) -> int:
    """Start of an article glued before ``start`` ("al-" of "al-Raqa"), else ``start``."""
    if start < 3 or text[start - 1] not in "-‐":
        return start
    for size in (2, 3):
        begin = start - 1 - size
        if begin >= 0 and text[begin:start - 1].lower() in ARTICLES and (
            begin == 0 or text[begin - 1] in " \t\n(\"“"
        ):
            return begin
    return start


def _appears_lower(text: str, word: str) -> bool:
    """Whether ``word`` (lower case) occurs in ``text`` as a whole lower-case word."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if (pos == 0 or not text[pos - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        pos = text.find(word, end)
    return False


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _area_phrase(between: list[str]) -> bool:
    """"in the western countryside of", ", in": words that put a place inside another."""
    return "in" in between[:2] and all(w in AREA_WORDS for w in between)


def _name_list(text: str, pos: int) -> list[tuple[int, int]]:
    """Ranges of the names in "A, B and C" starting at ``pos``."""
    out: list[tuple[int, int]] = []
    while len(out) < 12:
        m = RUN.match(text, pos)
        if m is None:
            break
        name = m.group()
        cut = re.search(r"\s+(?:of|camp|in)\b.*$", name)
        end = m.start() + (cut.start() if cut else len(name))
        out.append((m.start(), end))
        sep = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)").match(text, m.end())
        if sep is None:
            break
        pos = sep.end()
    return out


def _run_ending(text: str, pos: int) -> tuple[int, int] | None:
    """The run of capitalised words that ends at ``pos`` ("Qusayr" before "'s bakeries")."""
    m = re.search(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*$", text[max(0, pos - 60):pos])
    if m is None:
        return None
    base = max(0, pos - 60)
    return base + m.start(), base + m.end()
