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
from spacy.util import filter_spans

from rasd.extract.group_names import add_local_groups
from rasd.extract.spans import register_extensions, set_span_extensions
from rasd.taxonomy.registry import ActorDictionary, load_actors, phrase_key

SPAN_KEY = "group"
_CTX = "ctx\x1f"


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
        candidates = self._matches(doc)
        explicit = filter_spans([s for s in candidates if not s.label_.startswith(_CTX)])
        taken = {i for s in explicit for i in range(s.start, s.end)}
        generic = [s for s in candidates if s.label_.startswith(_CTX)]
        generic = [s for s in filter_spans(generic) if not taken & set(range(s.start, s.end))]
        spans = sorted(explicit + generic, key=lambda s: s.start)
        out: list[Span] = []
        for span in spans:
            looks_back = span.label_.startswith(_CTX)  # only a generic phrase looks back
            named = self._named_before(explicit, span.start) if looks_back else set()
            resolved = self._resolve(span, named)
            if resolved is not None:
                out.append(resolved)
        doc.spans[SPAN_KEY] = add_local_groups(doc, out)  # names not in the dictionary
        return doc

    def _matches(self, doc: Doc) -> list[Span]:
        spans: list[Span] = []
        for match_id, start, end in self.lower(doc):
            spans.append(Span(doc, start, end, label=match_id))
        for match_id, start, end in self.exact(doc):
            if not _in_caps_run(doc, start, end):
                spans.append(Span(doc, start, end, label=match_id))
        return spans

    def _named_before(self, explicit: list[Span], start: int) -> set[str]:
        """Groups named explicitly before token ``start`` (a generic reference looks back)."""
        named = {s.label_ for s in explicit if s.start < start}
        return named | {a for gid in list(named) for a in self.actors.ancestors(gid)}

    def _resolve(self, span: Span, named: set[str]) -> Span | None:
        label = span.label_
        if label.startswith(_CTX):
            key = label[len(_CTX) :]
            gid, confidence, reason = self._contextual(key, named)
            if gid is None:
                return None
        else:
            gid, confidence = label, 0.95
            reason = f"alias {span.text!r} of the actor dictionary"
        group = self.actors.groups[gid]
        out = _with_article(span, gid)
        set_span_extensions(out.doc, out.start_char, out.end_char, entity=gid,
                            value=group.value(), confidence=confidence, reason=reason)
        return out

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


def _with_article(span: Span, gid: str) -> Span:
    """The span with a preceding "the" taken in ("the regime forces")."""
    doc = span.doc
    start = span.start
    if start > 0 and doc[start - 1].lower_ == "the" and span[0].lower_ != "the":
        start -= 1
    return Span(doc, start, span.end, label=SPAN_KEY)


def _in_caps_run(doc: Doc, start: int, end: int) -> bool:
    """True where an upper-case match sits among upper-case words (a headline, a dateline)."""
    if not doc[start:end].text.isupper():
        return False
    for i in (start - 1, end):
        if 0 <= i < len(doc):
            tok = doc[i]
            if tok.is_alpha and len(tok) > 1 and tok.is_upper:
                return True
    return False


def group_spans(doc: Doc) -> list[Span]:
    """The group mentions of a processed doc (empty where the component did not run)."""
    return list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
