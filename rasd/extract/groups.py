"""Groups: the parties and civil bodies of the actor dictionary, found in a report's text.

Component ``rasd_groups`` writes ``doc.spans["group"]``; each span has ``span._.entity`` = the
group id and ``span._.value`` = {id, name, actor_type, side, kind}. How it works
(docs/extraction-actors.md):

- aliases are matched case-insensitively as whole tokens (PhraseMatcher on LOWER), ``exact``
  forms (acronyms such as "IS") only as written, and never inside an ALL-CAPS run of words;
- a leading "the" is taken into the mention ("the regime forces");
- a generic reference ("the army", "the organization", "the militants") resolves to the one
  group sharing it that the report names explicitly, else to the group it defaults to, else to
  nobody (it is left out: precision first);
- named groups the dictionary does not list ("the New Dawn Brigade", "Liwa al-X") are added as
  local groups by :mod:`rasd.extract.group_names`.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from rasd.extract.group_names import add_local_groups, longest_first
from rasd.extract.spans import (
    Bounds,
    TokenView,
    doc_text,
    register_extensions,
    set_span_extensions,
    token_view,
    write_spans,
)
from rasd.taxonomy.registry import ActorDictionary, load_actors, phrase_key

SPAN_KEY = "group"
_CTX = "ctx\x1f"
Match = tuple[int, int, str]  # start token, end token, label (a group id or _CTX + phrase)


@Language.factory(
    "rasd_groups",
    default_config={"actors_path": None},
    assigns=["doc.spans"],
    requires=[],
)
def make_groups(nlp: Language, name: str, actors_path: str | None) -> GroupFinder:
    """The groups component (the actor dictionary at ``actors_path``, else the bundled one)."""
    return GroupFinder(nlp, load_actors(Path(actors_path) if actors_path else None))


class GroupFinder:
    """Finds group mentions; see the module docstring."""

    def __init__(self, nlp: Language, actors: ActorDictionary) -> None:
        register_extensions()
        self.actors = actors
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[tuple[str, str], set[str]] = {}
        for surface, gid, mode in actors.patterns():
            label = _CTX + surface if mode == "contextual" else gid
            by_label.setdefault((label, "exact" if mode == "exact" else "lower"), set()).add(
                surface
            )
        for (label, attr), surfaces in by_label.items():
            matcher = self.exact if attr == "exact" else self.lower
            matcher.add(label, [nlp.make_doc(text) for text in sorted(surfaces)])

    def __call__(self, doc: Doc) -> Doc:
        view = token_view(doc)  # token texts as plain lists: no Token object per read
        candidates = self._matches(doc, view)
        explicit = longest_first([c for c in candidates if not c[2].startswith(_CTX)])
        taken = {i for start, end, _ in explicit for i in range(start, end)}
        generic = [c for c in candidates if c[2].startswith(_CTX)]
        generic = [c for c in longest_first(generic) if not taken & set(range(c[0], c[1]))]
        out: list[Bounds] = []
        named = _NamedBefore(self.actors, explicit)
        for found in sorted(explicit + generic, key=lambda c: c[0]):
            looks_back = found[2].startswith(_CTX)  # only a generic phrase looks back
            resolved = self._resolve(doc, view, found, named.at(found[0]) if looks_back else set())
            if resolved is not None:
                out.append(resolved)
        # with the names not in the dictionary; the bounds kept for every later reader
        write_spans(doc, SPAN_KEY, add_local_groups(doc, out), SPAN_KEY)
        return doc

    def _matches(self, doc: Doc, view: TokenView) -> list[Match]:
        """(start token, end token, label) of every alias match: lower-case ones, then exact
        ones outside ALL-CAPS runs."""
        strings, text = doc.vocab.strings, doc_text(doc)
        found = [(start, end, strings[match_id]) for match_id, start, end in self.lower(doc)]
        found += [(start, end, strings[match_id]) for match_id, start, end in self.exact(doc)
                  if not _in_caps_run(text, view, start, end)]
        return found

    def _resolve(self, doc: Doc, view: TokenView, found: Match,
                 named: set[str]) -> Bounds | None:
        """The (start token, end token, start char, end char) of a match's group mention, its
        values set; None where a generic phrase means no group."""
        start, end, label = found
        if label.startswith(_CTX):
            key = label[len(_CTX) :]
            gid, confidence, reason = self._contextual(key, named)
            if gid is None:
                return None
        else:
            gid, confidence = label, 0.95
            text = doc_text(doc)[view.idx[start]:view.end_char(end - 1)]  # span.text
            reason = f"alias {text!r} of the actor dictionary"
        group = self.actors.groups[gid]
        if start > 0 and view.lower[start - 1] == "the" and view.lower[start] != "the":
            start -= 1  # a preceding "the" is taken in ("the regime forces")
        start_char, end_char = view.idx[start], view.end_char(end - 1)
        set_span_extensions(doc, start_char, end_char, entity=gid, value=group.value(),
                            confidence=confidence, reason=reason)
        return start, end, start_char, end_char

    def _contextual(self, key: str, named: set[str]) -> tuple[str | None, float, str]:
        sharing = self.actors.contextual.get(phrase_key(key), [])
        ancestors = self.actors.ancestors
        # a group counts as named where a group above it is ("the Syrian army ... the air force"
        # is the Syrian air force); of a group and one above it, the unit is kept
        present = [g for g in sharing if g in named or named & set(ancestors(g))]
        if len(present) > 1:
            present = [g for g in present if not any(g in ancestors(o) for o in present if o != g)]
        if len(present) == 1:
            reason = f"generic {key!r}: the only group sharing it named in the report"
            return present[0], 0.8, reason
        default = self.actors.defaults.get(phrase_key(key))
        if not present and default:
            return default, 0.7, f"generic {key!r}: no other group it could mean is named"
        return None, 0.0, ""


class _NamedBefore:
    """The groups named explicitly before a token, and the groups above them (a generic
    reference looks back): grown as the mentions are read in text order, not read again from
    the start for each generic reference."""

    def __init__(self, actors: ActorDictionary, explicit: list[Match]) -> None:
        self.actors = actors
        self.explicit = explicit  # in text order
        self.read = 0
        self.named: set[str] = set()

    def at(self, start: int) -> set[str]:
        """The groups named before token ``start`` (``start`` never decreases)."""
        explicit = self.explicit
        while self.read < len(explicit) and explicit[self.read][0] < start:
            gid = explicit[self.read][2]
            self.named.add(gid)
            self.named.update(self.actors.ancestors(gid))
            self.read += 1
        return self.named


def _in_caps_run(text: str, view: TokenView, start: int, end: int) -> bool:
    """True where an upper-case match sits among upper-case words (a headline, a dateline);
    ``text``: the doc's text."""
    if not text[view.idx[start]:view.end_char(end - 1)].isupper():
        return False
    for i in (start - 1, end):
        if 0 <= i < len(view):
            word = view.text[i]
            if word.isalpha() and len(word) > 1 and word.isupper():  # is_alpha, is_upper
                return True
    return False


def group_spans(doc: Doc) -> list[Span]:
    """The group mentions of a processed doc (empty where the component did not run)."""
    return list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
