"""Why each mention belongs to its entity, kept compact and written out on demand.

Linking a million mentions cannot hold a dictionary of features per mention. :class:`Explanations`
keeps, per person mention, its entity, how it was decided, the mention that decided it and the
judgement flag, and re-scores that one pair with its feature details only when the explanation
is read. It reads like a ``dict`` of mention id -> explanation::

    {"entity", "how", "with", "with_text", "score", "veto", "auto", "features",
     "judgement"?, "capped_block"?}

Group and place mentions keep ``{"entity", "how"}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rasd.resolve.cluster import MAX_BLOCK, Candidates

HOW = ("linked", "judgement", "new entity: no candidate above the accept threshold")
LINKED, JUDGEMENT, SINGLE = 0, 1, 2


class Explanations(Mapping[str, dict[str, Any]]):
    """Mention id -> explanation, computed when read (see module doc)."""

    def __init__(self) -> None:
        self._persons: dict[str, tuple[str, int, int, int, bool]] = {}
        self._simple: dict[str, tuple[str, str]] = {}
        self._cands: Candidates | None = None

    def person(self, cands: Candidates, index: int, entity: str, how: int, ref: int,
               judged: bool) -> None:
        """Record person item ``index`` of ``cands``: its entity, how, the deciding item."""
        self._cands = cands
        self._persons[cands.items[index].mention] = (entity, how, index, ref, judged)

    def simple(self, mention: str, entity: str, how: str) -> None:
        self._simple[mention] = (entity, how)

    def __getitem__(self, mention: str) -> dict[str, Any]:
        if mention in self._simple:
            entity, how = self._simple[mention]
            return {"entity": entity, "how": how}
        entity, code, index, ref, judged = self._persons[mention]
        cands = self._cands
        assert cands is not None
        info: dict[str, Any] = {"entity": entity, "how": HOW[code]}
        if judged:
            info["judgement"] = "positive judgement on this mention"
        item = cands.items[index]
        capped = [k for k in item.keys if len(cands.blocks[k]) > MAX_BLOCK]
        if capped:
            info["capped_block"] = {k: len(cands.blocks[k]) for k in capped}
        if ref >= 0:
            other = cands.items[ref]
            info.update({"with": other.mention, "with_text": other.text,
                         **cands.score(index, ref, explain=True).explanation()})
        return info

    def __iter__(self) -> Iterator[str]:
        yield from self._persons
        yield from self._simple

    def __len__(self) -> int:
        return len(self._persons) + len(self._simple)

    def __contains__(self, mention: object) -> bool:
        return mention in self._persons or mention in self._simple

    def update_from(self, other: Mapping[str, dict[str, Any]]) -> None:
        for mention, info in other.items():
            self.simple(mention, info["entity"], info["how"])


def link_reason(why: dict[str, Any] | None) -> str:
    """An automatic link's explanation in one line: how, with which mention, the score, and
    the features that agreed (+) or disagreed (-)."""
    if not why:
        return "linked"
    parts = [str(why.get("how", "linked"))]
    if why.get("with_text"):
        parts.append(f"with “{why['with_text']}”")
    if why.get("score") is not None:
        parts.append(f"score {why['score']}")
    feats = [f"{'+' if f[2] else '-'}{f[0]}: {f[3]}" for f in why.get("features", [])
             if len(f) >= 4]
    if feats:
        parts.append("; ".join(feats))
    if why.get("capped_block"):
        parts.append(f"large name blocks compared in part: {why['capped_block']}")
    return " — ".join(parts)
