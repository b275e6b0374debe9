"""Finding place mentions in a spaCy ``Doc``: gazetteer names over token n-grams, and patterns.

A match starts at a capitalised word (or a lower-case article before one: "al-Raqqa"), runs over
up to :data:`MAX_WORDS` words (capitalised words, articles, hyphens, a few place nouns such as
"camp" or "airbase") and is looked up by its transliteration key, built from cached word keys.
The longest match wins. Patterns then attach cues and containers ("Y, a village in X", "the Y
district of X", "X countryside", "X province", "near X") and add the places the text plainly
calls places though the gazetteer lacks them ("the village of X", "the towns of A, B and C",
"X's bakeries"). Country and nationality words followed by a place noun ("Lebanese territory")
are found too.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from rasd.gazetteer.curated import Vocabulary
from rasd.gazetteer.geocode import CUE_LOCATIVE, CUE_NEAR, CUE_PROVINCE, CUE_TYPED, PlaceQuery
from rasd.gazetteer.keys import ARTICLES, join_keys, typo_key, word_keys
from rasd.gazetteer.store import Gazetteer, Place, exact_form

MAX_WORDS = 6
INNER_NOUNS = frozenset(
    "camp airbase airport dam crossing field prison countryside city region canton road base "
    "plain valley mountains mountain military air refugee gas oil oilfield international border "
    "suburbs district square of industrial displacement springs".split()
)
TYPED_NOUNS = frozenset(
    "village villages town towns city cities neighbourhood neighbourhoods neighborhood "
    "neighborhoods district districts camp camps hamlet suburb suburbs area areas".split()
)
PROVINCE_WORDS = frozenset("province provinces governorate governorates wilayat wilaya".split())
NEAR_AFTER = frozenset("countryside outskirts suburbs".split())
NEAR_BEFORE = frozenset(
    "near outside around countryside outskirts suburbs vicinity rural north south east west "
    "northeast northwest southeast southwest north-east north-west south-east south-west".split()
)
LOCATIVE = frozenset("in at from into to of inside across".split())
POSSESSED = frozenset(
    "bakeries bakery hospital hospitals market markets streets residents neighbourhoods "
    "schools mosques centre center outskirts countryside suburbs old".split()
)


@dataclass
class Found:
    """A mention found in the text: token range, query for the geocoder, or a country."""

    start: int
    end: int
    query: PlaceQuery
    country: str | None = None  # ISO code for country / nationality words
    matched: bool = True  # the gazetteer has a name for it


def _cap(tok: Token) -> bool:
    text = tok.text
    return bool(text) and (text[0].isupper() or "\u0600" <= text[0] <= "\u06ff")


def _inner_ok(tok: Token) -> bool:
    low = tok.lower_
    return _cap(tok) or low in ARTICLES or tok.is_punct and low in {"-", "'", "’", "‘"} or (
        low in INNER_NOUNS or low.startswith(("al-", "el-", "ad-", "an-", "ar-", "as-", "az-")))


def _starts(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if _cap(tok):
        return not tok.is_punct and tok.lower_ not in STOP_WORDS
    if tok.lower_ in ARTICLES or tok.lower_.startswith(("al-", "el-")):
        j = i + 1
        while j < len(doc) and doc[j].text in {"-", "'", "’"}:
            j += 1
        return tok.lower_ not in {"as", "at", "an", "en", "es", "ed", "er", "et"} and (
            j < len(doc) and _cap(doc[j]) or "-" in tok.text)
    return False


def _longest(doc: Doc, i: int, gaz: Gazetteer) -> int:
    """End (exclusive) of the longest gazetteer match starting at token i, or i."""
    key, best = "", i
    for j in range(i, min(len(doc), i + MAX_WORDS)):
        tok = doc[j]
        if j > i and (not _inner_ok(tok) or tok.is_sent_start):
            break
        ini, med = word_keys(tok.text)
        key = join_keys(key, med if key else ini)
        if not key or len(key) < 2 or key not in gaz.by_key:
            continue
        if _cap(tok) and not (tok.is_upper and len(tok.text) <= 4 and j == i) and (
            j == i or _close(gaz, doc[i:j + 1].text, key)
        ):
            best = j + 1
        elif tok.lower_ in INNER_NOUNS and tok.lower_ != "of" and (
            exact_form(doc[i:j + 1].text) in gaz.exact  # "Yarmouk camp", "Hama airbase"
        ):
            best = j + 1
    text = doc[i].text
    if best == i and len(text) >= 5 and text.endswith("s") and _cap(doc[i]) and (
        exact_form(text[:-1]) in gaz.exact  # possessive without its apostrophe: "Aleppos"
    ):
        return i + 1
    if best == i and len(text) >= 5 and not doc[i].is_sent_start:
        typo = typo_key(doc[i].text)  # "Iblid": a transposition of a large place's name
        if any(_large(gaz.places[p]) for p in gaz.by_typo.get(typo, ())):
            best = i + 1
    return best


def _close(gaz: Gazetteer, text: str, key: str) -> bool:
    """Whether a multi-word text is spelled close to a name of an entry under its key."""
    form = exact_form(text)
    if form in gaz.exact:
        return True
    return any(fuzz.ratio(form, exact_form(name)) >= 80
               for pid in gaz.by_key.get(key, ()) for name in gaz.places[pid].all_names())


def _large(place: Place) -> bool:
    return place.population >= 20_000 or place.feature_code in {"ADM1", "PCLI"}


AREA_WORDS = frozenset(
    "in the a of , countryside province governorate near outskirts rural suburbs northern "
    "southern eastern western north south east west northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western".split()
)


def _area_phrase(words: list[str]) -> bool:
    """"in the western countryside of", ", in": words that put a place inside another."""
    return bool(words) and "in" in words[:2] and all(w in AREA_WORDS for w in words)


class PlaceFinder:
    """Finds place mentions in a Doc with one gazetteer and its word lists."""

    def __init__(self, gaz: Gazetteer, vocabulary: Vocabulary) -> None:
        self.gaz = gaz
        self.vocab = vocabulary

    def find(self, doc: Doc, blocked: set[int]) -> list[Found]:
        """Mentions not overlapping ``blocked`` token indices (persons' and groups' spans)."""
        lowers = {t.lower_ for t in doc if t.text.islower()}
        found: list[Found] = []
        i = 0
        while i < len(doc):
            end = _longest(doc, i, self.gaz) if _starts(doc, i) else i
            if end > i and not blocked.intersection(range(i, end)):
                item = self._match(doc, i, end, lowers)
                if item is not None:
                    found.append(item)
                i = end
                continue
            i += 1
        found += self._typed_unknown(doc, found, blocked)
        found += self._countries(doc, blocked, found)
        found.sort(key=lambda f: f.start)
        self._containers(doc, found)
        return found

    def _match(self, doc: Doc, i: int, end: int, lowers: set[str]) -> Found | None:
        span = doc[i:end]
        text = span.text
        if exact_form(text) in self.vocab.not_places or text.lower() in self.vocab.demonyms:
            return None
        if end - i == 1 and span[0].text.isupper() and len(text) <= 4 or "." in text:
            return None  # acronyms and abbreviations: "UN", "SDF", "Dr."
        if i > 0 and doc[i].text[0].islower() and _cap(doc[i - 1]) and not doc[i - 1].is_punct:
            return None  # "Mohammed al-Halabi": a name's nisba, not the place
        weak = end - i == 1 and doc[i].lower_ in lowers
        if end - i == 1 and text.endswith("s") and exact_form(text) not in self.gaz.exact and (
            exact_form(text[:-1]) in self.gaz.exact
        ):
            text = text[:-1]
        query = PlaceQuery(text, cue=self._cue(doc, i, end), weak=weak,
                           sentence_start=bool(doc[i].is_sent_start))
        return Found(i, end, query)

    def _cue(self, doc: Doc, i: int, end: int) -> str | None:
        after = [t.lower_ for t in doc[end:end + 3]]
        before = [t.lower_ for t in doc[max(0, i - 3):i]]
        if after[:1] and after[0] in PROVINCE_WORDS or before[-2:-1] and (
            before[-2] in PROVINCE_WORDS and before[-1] == "of") or before[-1:] == ["wilayat"]:
            return CUE_PROVINCE
        if after[:1] and after[0] in NEAR_AFTER or after[:2] in (["'s", "countryside"],
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

    def _typed_unknown(self, doc: Doc, found: list[Found], blocked: set[int]) -> list[Found]:
        """Places the gazetteer lacks that the text plainly calls places."""
        taken = {k for f in found for k in range(f.start, f.end)} | blocked
        out: list[Found] = []
        for tok in doc:
            starts: list[int] = []
            low = tok.lower_
            if low in TYPED_NOUNS and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
                starts = self._list_after(doc, tok.i + 2)
            elif low in {"'s", "’s"} and tok.i + 1 < len(doc) and (
                doc[tok.i + 1].lower_ in POSSESSED
            ) and tok.i > 0 and _cap(doc[tok.i - 1]):
                first = tok.i - 1
                while first > 0 and _cap(doc[first - 1]):
                    first -= 1
                starts = [first]
            for start in starts:
                end = start
                while end < len(doc) and end - start < 4 and _inner_ok(doc[end]) and (
                    end == start or not doc[end].is_sent_start) and doc[end].lower_ != "of":
                    end += 1
                while end > start and not _cap(doc[end - 1]):
                    end -= 1
                if end > start and not taken.intersection(range(start, end)):
                    text = doc[start:end].text
                    if exact_form(text) in self.vocab.not_places:
                        continue
                    out.append(Found(start, end, PlaceQuery(text, cue=CUE_TYPED, kind_word=low),
                                     matched=False))
                    taken.update(range(start, end))
        return out

    @staticmethod
    def _list_after(doc: Doc, i: int) -> list[int]:
        """Starts of the names in "A, B and C" beginning at token i."""
        starts = [i]
        j = i
        while j < len(doc) and j - i < 24:
            tok = doc[j]
            if tok.text in {",", "and"} and j + 1 < len(doc):
                nxt = j + 1 if doc[j + 1].lower_ != "and" else j + 2
                if nxt < len(doc) and (_cap(doc[nxt]) or doc[nxt].lower_ in ARTICLES):
                    starts.append(nxt)
                    j = nxt
                    continue
                break
            if not _inner_ok(tok) or (j > i and tok.is_sent_start):
                break
            j += 1
        return starts

    def _countries(self, doc: Doc, blocked: set[int], found: list[Found]) -> list[Found]:
        taken = {k for f in found for k in range(f.start, f.end)} | blocked
        out = []
        for tok in doc[:-1]:
            code = self.vocab.demonyms.get(tok.lower_)
            if code is None or tok.i in taken or not _cap(tok):
                continue
            if doc[tok.i + 1].lower_ in self.vocab.place_nouns:
                out.append(Found(tok.i, tok.i + 1, PlaceQuery(tok.text), country=code))
        return out

    @staticmethod
    def _containers(doc: Doc, found: list[Found]) -> None:
        """Link "Y, a village in X", "the Y district of X", "X's Y neighbourhood", "Y in X"."""
        for k, item in enumerate(found[:-1]):
            nxt = found[k + 1]
            between = [t.lower_ for t in doc[item.end:nxt.start]]
            if len(between) > 6 or not between:
                continue
            typed = any(w in TYPED_NOUNS for w in between)
            linking = between[-1] in {"in", "of"} or between[-2:] in (["in", "the"],
                                                                        ["of", "the"])
            if typed and linking or item.query.cue == CUE_TYPED and _area_phrase(between):
                item.query.container = k + 1
                if item.query.cue is None or item.query.cue == CUE_LOCATIVE:
                    item.query.cue = CUE_TYPED if not item.matched else item.query.cue
        for k, item in enumerate(found[1:], start=1):
            prev = found[k - 1]
            between = [t.lower_ for t in doc[prev.end:item.start]]
            after = doc[item.end].lower_ if item.end < len(doc) else ""
            if between in (["'s"], ["’s"]) and after in TYPED_NOUNS:
                item.query.container = k - 1
