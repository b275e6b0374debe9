"""The convention the extraction components share.

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
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

MENTION_KINDS = ("person", "group", "place", "date", "quantity", "money")
SPAN_EXTENSIONS = ("value", "entity", "confidence", "reason")


def register_extensions() -> None:
    """Register the Span extensions once (idempotent)."""
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", default=None)


register_extensions()
