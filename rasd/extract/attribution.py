"""Attribution: who in a report says what ("X said:", "said X", "according to X", "X told Y").

Component ``rasd_attribution`` writes ``doc.spans["quote"]``: each span covers the attributed
claim (the rest of the sentence, or the whole quotation, which may run over several sentences);
``span._.value`` = {speaker, speaker_start, speaker_end, speaker_kind: person | group | source |
anonymous, affiliation: group id or text, cue, hearer}. ``attribution_for(doc, start, end)``
answers who said the words at a character range. It runs after persons and groups and reads
their spans; a pronoun speaker ("he said") is tied to the person quoted just before.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from itertools import compress
from typing import Any, NamedTuple

from spacy.lang.lex_attrs import is_punct
from spacy.language import Language
from spacy.tokens import Doc, Span

from rasd.extract.spans import (
    Bounds,
    TokenView,
    doc_text,
    register_extensions,
    sentences,
    set_span_extensions,
    span_bounds,
    token_view,
    write_spans,
)

SPAN_KEY = "quote"
CUES = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "reported",
    "reports", "confirmed", "confirms", "claimed", "claims", "announced", "announces", "noted",
    "explained", "warned", "stressed", "affirmed", "asserted", "alleged", "insisted", "declared",
    "acknowledged", "estimated", "wrote", "tweeted", "recounted", "recalled", "testified",
}
SKIP_BEFORE = {"also", "later", "earlier", "previously", "further", "had", "has", "have", "was",
               "were", "is", "reportedly", "then", "separately", "repeatedly", "already",
               "again", "would", "could", "yesterday", "today"}
BOUNDARY = {",", ";", ":", '"', "“", "”", "(", ")", "—", "–", "-", "that", "and", "but", "while"}
OPEN_Q, CLOSE_Q = {'"', "“", "«"}, {'"', "”", "»"}
SOURCE_WORDS = {"source", "sources"}
ANONYMOUS_WORDS = {
    "resident", "residents", "witness", "witnesses", "eyewitness", "eyewitnesses", "activist",
    "activists", "doctor", "doctors", "medic", "medics", "official", "officials", "spokesman",
    "spokeswoman", "spokesperson", "survivor", "survivors", "relative", "relatives", "commander",
    "fighter", "fighters", "nurse", "rescuer", "rescuers", "volunteer", "journalist", "reporter",
    "correspondent", "monitor", "monitors", "man", "woman", "mother", "father", "villager",
    "villagers", "defector", "detainee", "prisoner", "teacher", "farmer", "people", "locals",
}
PRONOUNS = {"he", "she"}
_CUE_WORDS = CUES | {"according"}  # the words a sentence must hold to be read
_CLAIM_OPENERS = {":", *OPEN_Q}  # the claim starts after them: 'X said: "..."'
_PHRASE_ENDS = {",", ".", ";", ":", "(", *OPEN_Q}  # a speaker phrase after the cue ends there
_INVERTING = {",", "'", *CLOSE_Q}  # before the cue: '"...," said X'
_QUOTE_MARKS = OPEN_Q | CLOSE_Q


class Sent(NamedTuple):
    """A sentence's tokens [start, end): ``doc[start:end]`` would build a Span and its Tokens."""

    start: int
    end: int


@Language.factory("rasd_attribution", default_config={}, assigns=["doc.spans"], requires=[])
def make_attribution(nlp: Language, name: str) -> Attribution:
    """The attribution component."""
    return Attribution()


class Attribution:
    """Finds attributed claims; see the module docstring."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data.pop("rasd_attr_first", None)  # a doc run twice is read afresh
        view = doc.user_data["rasd_attr_view"] = token_view(doc)
        out: list[Bounds] = []
        if _CUE_WORDS.isdisjoint(view.lower):  # only the sentences holding a cue word are read
            write_spans(doc, SPAN_KEY, out, SPAN_KEY)
            return doc
        cues = list(compress(range(len(view)), map(_CUE_WORDS.__contains__, view.lower)))
        quotes = _quotations(view.text)
        last_person: dict[str, Any] | None = None
        for s_start, s_end, _, _ in sentences(doc):
            here = cues[bisect.bisect_left(cues, s_start):bisect.bisect_left(cues, s_end)]
            if not here:
                continue
            found = _attribute(doc, Sent(s_start, s_end), here, view.lower, quotes, last_person)
            if found is None:
                continue
            span, value = found
            if value["speaker_kind"] == "person":
                last_person = value
            bounds = (span[0], span[1], view.idx[span[0]], view.end_char(span[1] - 1))
            set_span_extensions(
                doc, bounds[2], bounds[3], value=value, reason=f"cue {value['cue']!r}",
                confidence=0.8 if value["speaker_kind"] in {"person", "group"} else 0.6)
            out.append(bounds)
        write_spans(doc, SPAN_KEY, _unique(out), SPAN_KEY)
        return doc


def _view(doc: Doc) -> TokenView:
    """The doc's token lists (:func:`rasd.extract.spans.token_view`; ``doc[i].text`` builds a
    Token per read), kept in ``user_data`` for the helpers below."""
    view = doc.user_data.get("rasd_attr_view")
    if not isinstance(view, TokenView):
        doc.user_data.pop("rasd_attr_first", None)  # a doc run twice is read afresh
        view = doc.user_data["rasd_attr_view"] = token_view(doc)
    return view


def _attribute(
    doc: Doc, sent: Sent, cues: list[int], lower: list[str], quotes: list[tuple[int, int]],
    last: dict[str, Any] | None,
) -> tuple[tuple[int, int], dict[str, Any]] | None:
    """The first cue of the sentence that names a speaker decides (``cues``: the token
    indices of its cue words, in order; ``lower``: the doc's lower-cased tokens)."""
    for i in cues:
        low = lower[i]
        if low == "according" and i + 1 < sent.end and lower[i + 1] == "to":
            return _according(doc, sent, i, last)
        if low in CUES and (i > sent.start or _inverted(doc, i)):
            found = _verb(doc, sent, i, quotes, last)
            if found is not None:
                return found
    return None


def _according(
    doc: Doc, sent: Sent, i: int, last: dict[str, Any] | None
) -> tuple[tuple[int, int], dict[str, Any]] | None:
    sp_start = i + 2
    sp_end = _phrase_end(doc, sp_start, sent.end)
    speaker = _speaker(doc, sp_start, sp_end, last)
    if speaker is None:
        return None
    if i == sent.start or (_view(doc).text[i - 1] in {",", "(", "—"} and i - 1 == sent.start):
        claim = (_skip_punct(doc, sp_end, sent.end), sent.end)
    else:
        claim = (sent.start, _trim_end(doc, sent.start, i))
    return _done(doc, sent, claim, speaker, "according to")


def _verb(
    doc: Doc, sent: Sent, v: int, quotes: list[tuple[int, int]], last: dict[str, Any] | None
) -> tuple[tuple[int, int], dict[str, Any]] | None:
    cue = _view(doc).lower[v]
    sp_start, sp_end, appos = _speaker_before(doc, sent, v)
    speaker = _speaker(doc, sp_start, sp_end, last, appos) if sp_start < sp_end else None
    if speaker is None or _view(doc).text[v - 1] in CLOSE_Q:
        if not _inverted(doc, v):
            return None
        sp_end = _phrase_end(doc, v + 1, sent.end)  # "..., said X." / '"...," said X.'
        speaker = _speaker(doc, v + 1, sp_end, last)
        claim = (sent.start, _trim_end(doc, sent.start, v))
        return _done(doc, sent, _quoted(doc, claim, quotes), speaker, cue) if speaker else None
    after, hearer = _after_cue(doc, v, sent.end)
    speaker["hearer"] = hearer
    if sp_start > sent.start and _view(doc).text[sp_start - 1] == ",":  # "CLAIM, X said."
        claim = (sent.start, _trim_end(doc, sent.start, sp_start))
    else:  # "X said (that) CLAIM" / 'X said: "..."'
        claim = (after, sent.end)
    return _done(doc, sent, _quoted(doc, claim, quotes), speaker, cue)


def _inverted(doc: Doc, v: int) -> bool:
    return v > 0 and _view(doc).text[v - 1] in _INVERTING


def _speaker_before(doc: Doc, sent: Sent, v: int) -> tuple[int, int, tuple[int, int] | None]:
    """The speaker phrase ending before the cue, skipping "also", "has"; and its apposition."""
    text, first = _view(doc).text, sent.start
    end = v
    while end > first and text[end - 1] in SKIP_BEFORE:
        end -= 1
    appos = None
    if end > first and text[end - 1] == ",":  # "X, head of Y, said"
        comma = end - 1
        k = comma - 1
        while k > first and text[k] != "," and comma - k < 14:
            k -= 1
        if text[k] != ",":
            return end, end, None
        appos, end = (k + 1, comma), k
    start = end
    while start > first and text[start - 1] not in BOUNDARY and end - start < 10:
        start -= 1
    return start, end, appos


def _after_cue(doc: Doc, v: int, end: int) -> tuple[int, str | None]:
    """Where the claim starts after the cue; the hearer of "told Y"."""
    i = v + 1
    hearer = None
    view = _view(doc)
    if view.lower[v] in {"told", "tells"} and i < end:
        known = _overlapping(doc, "group", i, i + 1) or _overlapping(doc, "person", i, i + 1)
        j = known[1] if known is not None and known[0] == i else i + 1
        hearer = doc_text(doc)[view.idx[i]:view.end_char(j - 1)]
        i = j
    for j in range(i, min(i + 8, end)):
        if view.lower[j] == "that" or view.text[j] in _CLAIM_OPENERS:
            return j + 1, hearer
    return _skip_punct(doc, i, end), hearer


def _speaker(
    doc: Doc, start: int, end: int, last: dict[str, Any] | None,
    appos: tuple[int, int] | None = None,
) -> dict[str, Any] | None:
    """Who the words start..end name: a person, a group, a source, someone unnamed."""
    if end <= start:
        return None
    view = _view(doc)
    phrase = (start, end, view.idx[start], view.end_char(end - 1))
    person = _overlapping(doc, "person", start, end)
    group = _overlapping(doc, "group", start, end)
    appos_group = _overlapping(doc, "group", *appos) if appos else None
    words = set(view.lower[start:end])
    if person is not None:
        pv = _extension(doc, "value", person) or {}
        aff = pv.get("affiliation") or _gid(doc, appos_group) or _gid(doc, group)
        return _value(doc, person, "person", aff)
    if group is not None and not words & SOURCE_WORDS:
        return _value(doc, group, "group", None)
    if words & SOURCE_WORDS:
        return _value(doc, phrase, "source", _gid(doc, group) or _gid(doc, appos_group))
    if words & ANONYMOUS_WORDS:
        return _value(doc, phrase, "anonymous", _gid(doc, group) or _gid(doc, appos_group))
    if end - start == 1 and view.lower[start] in PRONOUNS and last is not None:
        return {**last, "pronoun": view.text[start]}
    return None


def _value(doc: Doc, span: Bounds, kind: str, affiliation: str | None) -> dict[str, Any]:
    text = doc_text(doc)[span[2]:span[3]]  # span.text builds each Token
    return {
        "speaker": " ".join(text.split()),
        "speaker_start": span[2],
        "speaker_end": span[3],
        "speaker_kind": kind,
        "affiliation": affiliation,
    }


def _extension(doc: Doc, name: str, span: Bounds) -> Any:
    """``span._.<name>`` of a person or group span, read from ``user_data`` as
    :func:`rasd.extract.spans.span_extensions` does."""
    data: dict[Any, Any] = doc.user_data
    return data.get(("._.", name, span[2], span[3]))


def _gid(doc: Doc, span: Bounds | None) -> str | None:
    if span is None:
        return None
    entity = _extension(doc, "entity", span)
    return str(entity) if entity else None


def _overlapping(doc: Doc, key: str, start: int, end: int) -> Bounds | None:
    """The first ``key`` span overlapping tokens [start, end), as (start, end, start char, end
    char) (:func:`rasd.extract.spans.span_bounds`: the spans are read from the doc once)."""
    bounds, first = _first_spans(doc, key)
    if first is not None and start < end:
        k = min(first[start:end], default=len(bounds))
        return bounds[k] if k < len(bounds) else None
    for found in bounds:  # an empty range or an empty span: each span is tried
        if found[0] < end and start < found[1]:
            return found
    return None


def _first_spans(doc: Doc, key: str) -> tuple[list[Bounds], list[int] | None]:
    """The ``key`` spans and, for each token, the index of the first of them holding it (their
    number where none does): a span overlaps a range of tokens where it holds one of them, so
    the first span overlapping a range is the least index over its tokens. None where a span
    is empty (it holds no token). Built once per run of the component (persons and groups run
    before it)."""
    cache = doc.user_data.setdefault("rasd_attr_first", {})
    kept = cache.get(key)
    if kept is None:
        bounds = span_bounds(doc, key)
        first = [len(bounds)] * len(_view(doc))
        for k in range(len(bounds) - 1, -1, -1):  # the first span holding a token wins
            s_start, s_end = bounds[k][0], bounds[k][1]
            first[s_start:s_end] = [k] * (s_end - s_start)
        empty = any(b[0] >= b[1] for b in bounds)
        kept = cache[key] = (bounds, None if empty else first)
    return kept[0], kept[1]


def _done(
    doc: Doc, sent: Sent, claim: tuple[int, int], speaker: dict[str, Any], cue: str
) -> tuple[tuple[int, int], dict[str, Any]] | None:
    start, end = claim
    text = _view(doc).text
    while end > start and _punct(text[end - 1]) and text[end - 1] not in CLOSE_Q:
        end -= 1
    if end <= start:
        start, end = sent.start, sent.end
    speaker.setdefault("hearer", None)
    return (start, end), {**speaker, "cue": cue}


def _quoted(doc: Doc, claim: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The whole quotation where the claim touches one (it may span sentences)."""
    for q_start, q_end in quotes:
        if abs(q_start - claim[0]) <= 1 or abs(q_end - claim[1]) <= 1:
            return q_start, q_end
    return claim


def _quotations(texts: list[str]) -> list[tuple[int, int]]:
    """Token ranges inside double quotation marks (the marks excluded); ``texts`` are the
    doc's token texts, of which only the quotation marks are walked."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in compress(range(len(texts)), map(_QUOTE_MARKS.__contains__, texts)):
        text = texts[i]
        if open_at is None and text in OPEN_Q:
            open_at = i + 1
        elif open_at is not None and text in CLOSE_Q:
            if i > open_at:
                out.append((open_at, i))
            open_at = None
    return out


def _phrase_end(doc: Doc, start: int, limit: int) -> int:
    text = _view(doc).text
    end = start
    while end < limit and text[end] not in _PHRASE_ENDS and end - start < 12:
        end += 1
    return end


def _skip_punct(doc: Doc, i: int, end: int) -> int:
    text = _view(doc).text
    while i < end and _punct(text[i]):
        i += 1
    return i


def _trim_end(doc: Doc, start: int, end: int) -> int:
    text = _view(doc).text
    while end > start and (_punct(text[end - 1]) or text[end - 1].isspace()):
        end -= 1
    return end


#: ``token.is_punct`` from the token's text: spaCy computes the flag once per word with
#: ``spacy.lang.lex_attrs.is_punct``, and ``doc[i]`` builds a Token per read
_punct = lru_cache(maxsize=65_536)(is_punct)


def _unique(spans: list[Bounds]) -> list[Bounds]:
    seen: set[tuple[int, int]] = set()
    out = []
    for span in spans:
        if (span[0], span[1]) not in seen:
            seen.add((span[0], span[1]))
            out.append(span)
    return out


def attribution_for(doc: Doc, start_char: int, end_char: int) -> dict[str, Any] | None:
    """Who said the words at [start_char, end_char): the value of the claim holding them."""
    if SPAN_KEY not in doc.spans:
        return None
    best: tuple[int, Span] | None = None
    for span in doc.spans[SPAN_KEY]:
        overlap = min(end_char, span.end_char) - max(start_char, span.start_char)
        inside = span.start_char <= start_char and end_char <= span.end_char
        if inside or overlap * 2 >= max(1, end_char - start_char):
            rank = span.end_char - span.start_char if inside else 10**9 - overlap
            if best is None or rank < best[0]:
                best = (rank, span)
    return dict(best[1]._.value) if best else None
