"""The convention the extraction components share, and the per-doc structures they read.

Each component writes the spans it finds to the span group named for its mention kind
(``doc.spans["person"]``, ``["group"]``, ``["place"]``, ``["date"]``, ``["quantity"]``,
``["money"]``) and sets on each span:

- ``span._.value``: the normalised value (a JSON-able dict), e.g. a date's start/end/precision;
- ``span._.entity``: an entity id where the component knows it (a gazetteer place, a group of the
  actor dictionary), else None;
- ``span._.confidence``: 0..1;
- ``span._.reason``: why the span was taken (or why it has no entity), for the explanation shown
  to analysts.

The report's metadata travels in ``doc.user_data``: ``"published"`` (a ``datetime.date`` or None),
``"title"``, ``"language"``, ``"report"`` (the report id).

Reading tokens one by one through spaCy (``doc[i].text``, ``for sent in doc.sents``) builds a
Python object per access and dominates the time of rule components. :func:`token_view` reads
every token attribute the components need into plain lists once per doc (one vectorised
``Doc.to_array``), kept on ``doc._.rasd_tokens``; :func:`doc_text` and :func:`lower_text` are the
doc's text and its ASCII-lower-cased copy (same offsets), built once; :func:`sentences` are the
sentence boundaries as token and character offsets. All offsets are into the doc's own text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import compress
from typing import Any

import numpy
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from rasd.gazetteer.textscan import ascii_lower

MENTION_KINDS = ("person", "group", "place", "date", "quantity", "money")
SPAN_EXTENSIONS = ("value", "entity", "confidence", "reason")
#: (start token, end token, start char, end char) of a span, as :func:`span_bounds` gives it
Bounds = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class TokenView:
    """Token attributes of one doc as plain lists, index = token index.

    ``lower[i]`` is ``text[i].lower()``; ``idx[i]`` its character offset; ``space[i]``: the
    token is followed by one space; ``sent_start[i]``: it opens a sentence (token 0 always does).
    """

    text: list[str]
    lower: list[str]
    idx: list[int]
    space: list[bool]
    sent_start: list[bool]

    def __len__(self) -> int:
        return len(self.text)

    def end_char(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])


def span_extensions(doc: Doc, start_char: int, end_char: int) -> tuple[Any, Any, Any, Any]:
    """``(value, entity, reason, confidence)`` of the span at these characters, read at once.

    ``span._.x`` builds an accessor object per access; spaCy keeps a span's extension values
    in ``doc.user_data`` under ``("._.", name, start_char, end_char)``, read here directly
    (tests/extract/test_pipeline.py checks both ways agree).
    """
    data: dict[Any, Any] = doc.user_data  # typed dict[str, Any] by spaCy; keys are tuples
    return (data.get(("._.", "value", start_char, end_char)),
            data.get(("._.", "entity", start_char, end_char)),
            data.get(("._.", "reason", start_char, end_char)),
            data.get(("._.", "confidence", start_char, end_char)))


def set_span_extensions(doc: Doc, start_char: int, end_char: int, **values: Any) -> None:
    """Set ``span._.<name>`` for the span at these characters (names of SPAN_EXTENSIONS)."""
    data: dict[Any, Any] = doc.user_data
    for name, value in values.items():
        if name not in SPAN_EXTENSIONS:
            raise AttributeError(name)
        data[("._.", name, start_char, end_char)] = value


def register_extensions() -> None:
    """Register the Span and Doc extensions once (idempotent)."""
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("events", "rasd_tokens"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def token_view(doc: Doc) -> TokenView:
    """The :class:`TokenView` of ``doc``, built on first use and kept on ``doc._.rasd_tokens``.

    Built after the sentencizer (the pipeline's first component): sentence starts set later are
    not seen, and components must not change tokenisation or sentence starts.
    """
    view = doc._.rasd_tokens
    if view is None:
        view = _build(doc)
        doc._.rasd_tokens = view
    return view


def _build(doc: Doc) -> TokenView:
    """The view from three token columns: spaCy's tokens tile the text (each token's text and
    trailing space run up to the next token), so a token ends where the next one starts, less
    its space; the last one's length is read from spaCy."""
    if not len(doc):
        return TokenView([], [], [], [], [])
    arr = doc.to_array([IDX, SPACY, SENT_START]).view(numpy.int64)  # SENT_START is -1, 0, 1
    idx, space = arr[:, 0].tolist(), (arr[:, 1] > 0).tolist()
    last = len(doc[len(doc) - 1])
    text = doc.user_data.get("rasd_text")  # the report's own text, set by the pipeline
    if isinstance(text, str) and len(text) == idx[-1] + last + space[-1]:
        ends = (arr[1:, 0] - arr[:-1, 1]).tolist()
        ends.append(idx[-1] + last)
        words = [text[a:b] for a, b in zip(idx, ends, strict=True)]
    else:
        doc.user_data.pop("rasd_text", None)
        strings = doc.vocab.strings
        words = [strings[h] for h in doc.to_array(ORTH).tolist()]
    sent_start = (arr[:, 2] > 0).tolist()
    sent_start[0] = True
    return TokenView(words, [t.lower() for t in words], idx, space, sent_start)


def token_range(doc: Doc, view: TokenView, start: int, end: int) -> tuple[int, int] | None:
    """Tokens covering characters ``start:end``, as ``doc.char_span(start, end,
    alignment_mode="expand")`` gives them, by bisection over the shared token offsets (spaCy's
    call builds Token objects); spaCy decides the odd cases (a range starting in spaces)."""
    idx = view.idx
    first = bisect.bisect_right(idx, start) - 1
    last = bisect.bisect_right(idx, end - 1) - 1
    if first < 0 or last < first or start >= view.end_char(first) or end <= idx[first]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return None if span is None else (span.start, span.end)
    return first, last + 1


def span_bounds(doc: Doc, key: str) -> list[tuple[int, int, int, int]]:
    """(start token, end token, start char, end char) of each span of ``doc.spans[key]``, in
    the group's order; empty where there is no such group.

    Iterating a span group builds a ``Span`` object per span, and several components read the
    same groups (places reads persons and groups, events and the records read them all): the
    bounds are read once per group and kept in ``doc.user_data["rasd_bounds"]`` with the group
    they came from. A component that writes ``doc.spans[key]`` makes a new group, and a span
    added to a group changes its length: both are read afresh.
    """
    group = doc.spans.get(key)
    if group is None:
        return []
    cache = doc.user_data.setdefault("rasd_bounds", {})
    kept = cache.get(key)
    if kept is None or kept[0] is not group or len(kept[1]) != len(group):
        kept = cache[key] = (group, [(s.start, s.end, s.start_char, s.end_char) for s in group])
    found: list[tuple[int, int, int, int]] = kept[1]
    return found


def write_spans(doc: Doc, key: str, bounds: list[tuple[int, int, int, int]],
                label: str = "") -> None:
    """``doc.spans[key]``: a span per (start token, end token, start char, end char), labelled
    ``label`` where one is given, the bounds kept for :func:`span_bounds` (later readers need
    not build a Span per span). The bounds must be the spans' own: (start, end) tokens and
    their characters as spaCy computes them."""
    name = doc.vocab.strings.add(label) if label else 0  # the label's hash, taken once
    doc.spans[key] = [Span(doc, start, end, label=name) for start, end, _, _ in bounds]
    doc.user_data.setdefault("rasd_bounds", {})[key] = (doc.spans[key], bounds)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("rasd_text")
    if not isinstance(text, str):
        view = token_view(doc)
        text = "".join([t + " " if s else t for t, s in zip(view.text, view.space, strict=True)])
        doc.user_data["rasd_text"] = text
    return text


def lower_text(doc: Doc) -> str:
    """The doc's text with A-Z lower-cased (same length, same offsets), built once per doc."""
    text = doc.user_data.get("rasd_lower")
    if not isinstance(text, str):
        text = doc.user_data["rasd_lower"] = ascii_lower(doc_text(doc))
    return text


def sentences(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Sentences as (start token, end token, start char, end char), built once per doc."""
    found = doc.user_data.get("rasd_sents")
    if not isinstance(found, list):
        view = token_view(doc)
        starts = list(compress(range(len(view)), view.sent_start))
        ends = [*starts[1:], len(view)] if starts else []
        found = [(s, e, view.idx[s], view.end_char(e - 1))
                 for s, e in zip(starts, ends, strict=True)]
        doc.user_data["rasd_sents"] = found
    return found


@Language.factory("rasd_sentencizer", default_config={}, assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    """spaCy's rule sentencizer, read from token arrays (see :class:`ArraySentencizer`)."""
    return ArraySentencizer(name)


class ArraySentencizer(Sentencizer):
    """spaCy's ``sentencizer`` with the same rule and output, without a Token object per token.

    spaCy's ``Sentencizer.predict`` walks ``for token in doc``, building a Python object per
    token (about a millisecond per 5 KB report). The rule: a sentence starts at the first
    token that is neither punctuation nor a sentence-final character (``punct_chars``) after a
    sentence-final character; other punctuation in between (quotes, brackets, commas) does not
    matter. Here it is read from the ``ORTH`` and ``IS_PUNCT`` columns of ``Doc.to_array``:
    among the tokens that are final characters or plain words, a plain word right after a final
    character starts a sentence (tests/extract/test_sentences.py compares both on many texts).
    """

    def __init__(self, name: str = "sentencizer") -> None:
        super().__init__(name=name)
        self._read: set[str] | None = None  # the punct_chars _finals was built from
        self._finals: frozenset[int] = frozenset()
        self._array_of: frozenset[int] | None = None  # the _finals _finals_array was built from
        self._finals_array: numpy.ndarray | None = None

    def _final_ids(self) -> frozenset[int]:
        """The ORTH ids of ``punct_chars`` (rebuilt where ``from_bytes`` replaced them)."""
        if self._read is not self.punct_chars:
            self._read = self.punct_chars
            self._finals = frozenset(get_string_id(c) for c in self.punct_chars)
        return self._finals

    def __call__(self, doc: Doc) -> Doc:
        """Sentence starts set on ``doc`` as ``Sentencizer.__call__`` sets them (predict, then
        set_annotations), the starts kept as an array between the two steps."""
        try:
            if len(doc):
                self._write(doc, self._starts(doc))
            return doc
        except Exception as e:  # spaCy's error handling of a pipe (the default raises)
            self.get_error_handler()(self.name, self, [doc], e)
            return doc

    def predict(self, docs: Any) -> list[list[bool]]:
        """Sentence starts of each doc, as spaCy's ``Sentencizer.predict`` gives them."""
        return [self._starts(doc).tolist() if len(doc) else [] for doc in docs]

    def _starts(self, doc: Doc) -> numpy.ndarray:
        """The sentence starts of a non-empty doc, one bool per token."""
        arr = doc.to_array([ORTH, IS_PUNCT])
        final = _member(arr[:, 0], self._final_array())
        plain = ~final & (arr[:, 1] == 0)
        marks = numpy.flatnonzero(final | plain)  # the tokens that decide
        is_final = final[marks]
        out = numpy.zeros(len(doc), dtype=bool)
        out[marks[1:][is_final[:-1] & ~is_final[1:]]] = True
        out[0] = True
        return out

    def _final_array(self) -> numpy.ndarray:
        """The ORTH ids of ``punct_chars``, sorted, as an array for :func:`_member`."""
        finals = self._final_ids()
        if self._finals_array is None or self._array_of is not finals:
            self._array_of = finals
            self._finals_array = numpy.array(sorted(finals), dtype=numpy.uint64)
        return self._finals_array

    def _write(self, doc: Doc, starts: numpy.ndarray) -> None:
        """spaCy's rule of ``set_annotations``: a token whose start is unset (0), or every
        token with ``overwrite``, gets 1 where it starts a sentence and -1 where not; written
        with one ``Doc.from_array`` (which sets ``token.sent_start`` to the value and nothing
        else) instead of a Python loop over the tokens."""
        values = numpy.where(starts, 1, -1).astype(numpy.int64)
        if not self.overwrite:
            current = doc.to_array([SENT_START]).view(numpy.int64).reshape(-1)
            values = numpy.where(current == 0, values, current)
        column: Any = values.view(numpy.uint64).reshape(-1, 1)
        doc.from_array([SENT_START], column)


def _member(values: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """Which of ``values`` are in the sorted ``table``: each value's place in the table by
    bisection (``numpy.searchsorted``), then whether the table holds it there (``numpy.isin``
    compares every value with every entry: slower for the ~130 sentence-final characters)."""
    if not len(table):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(table, values)
    numpy.minimum(at, len(table) - 1, out=at)
    found: numpy.ndarray = table[at] == values
    return found


@Language.factory("rasd_tokens", default_config={}, assigns=["doc._.rasd_tokens"],
                  requires=["token.is_sent_start"])
def make_tokens(nlp: Language, name: str) -> TokenReader:
    """Builds the shared per-doc structures once, right after the sentencizer."""
    return TokenReader()


class TokenReader:
    """Component ``rasd_tokens``: :func:`token_view`, :func:`doc_text`, :func:`sentences`."""

    def __init__(self) -> None:
        self.abbreviations = title_abbreviations()

    def __call__(self, doc: Doc) -> Doc:
        doc._.rasd_tokens = None  # a doc run twice is read afresh
        for key in ("rasd_lower", "rasd_sents"):
            doc.user_data.pop(key, None)
        join_abbreviations(doc, token_view(doc), self.abbreviations)
        doc_text(doc)
        sentences(doc)
        return doc


def title_abbreviations() -> frozenset[str]:
    """Lower-cased abbreviated title words of roles.yaml ("lt.", "col.", "brig.")."""
    from rasd.taxonomy.registry import load_roles

    roles = load_roles()
    return frozenset(w for key in (*roles.titles, *roles.roles) for w in key if w.endswith("."))


def join_abbreviations(doc: Doc, view: TokenView, abbreviations: frozenset[str]) -> None:
    """Undo the sentencizer's break after an abbreviated title ("Lt. Col. Samir Haddad").

    A sentence start at token j is dropped where token j-2 and the period j-1 make a title
    abbreviation and j is a capitalised word other than a stop word ("Lt. The next day" keeps
    its break).
    """
    text, lower, space, starts = view.text, view.lower, view.space, view.sent_start
    for j in compress(range(len(view)), starts):
        if j >= 2 and text[j - 1] == "." and not space[j - 2] \
                and lower[j - 2] + "." in abbreviations and text[j][:1].isupper() \
                and lower[j] not in STOP_WORDS:
            doc[j].is_sent_start = False
            starts[j] = False


register_extensions()
