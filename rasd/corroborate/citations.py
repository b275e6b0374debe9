"""Where a report says its facts come from: citation cues in the text ("according to the
Observatory", "X, a monitoring group, said") and names in ``attributed_to``, resolved to the
independence key of the cited source.

Known sources: the workspace's (:class:`~rasd.model.Source` name, id, and short forms of the
name such as "the Observatory" or "Karama Center"), then the well-known monitors and agencies of
``rasd/taxonomy/citations.yaml`` with their aliases. A short form that two workspace sources
share is dropped; a workspace source wins over a well-known alias ("the Observatory" of a
workspace holding the Syrian Casualty Observatory is that one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.model import Source

#: how far (characters) before or after a name its cue words may stand
CUE_REACH = 80
#: words that make no short form of a source name on their own
GENERIC_WORDS = frozenset({
    "syrian", "syria", "free", "international", "news", "press", "service", "wire", "arab",
    "human", "rights", "voice", "network", "agency", "media", "center", "centre", "group",
    "the", "for", "and", "of", "sun", "times", "daily", "national",
})
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)|\n\s*\n")
_APPOSITIVE = r"(?:\s*,\s*(?:a|an|the|which|who)\b[^,.;]{0,70},)?"


@dataclass(frozen=True)
class Citation:
    """A place in a report's text where it attributes facts to a source."""

    key: str  # the independence key the citation counts toward
    name: str  # the canonical name of the cited source
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def citation_data() -> dict[str, Any]:
    """``rasd/taxonomy/citations.yaml`` (loaded once)."""
    text = resources.files("rasd.taxonomy").joinpath("citations.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def source_key(source: Source) -> str:
    """The independence key of an outlet: its network's, else its own."""
    return source.independence_group or source.id


def norm_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().lower().replace("’", "'"))
    return name[4:] if name.startswith("the ") else name


def short_forms(name: str) -> list[str]:
    """Short names a report may give ``name`` on second mention ("the Observatory")."""
    words = name.split()
    if len(words) < 2:
        return []
    forms = [w for w in words if w[:1].isupper() and len(w) >= 5
             and w.lower() not in GENERIC_WORDS]
    if len(words) >= 3 and all(w[:1].isupper() for w in words[:2]):
        forms.append(" ".join(words[:2]))
    return forms


def _name_pattern(name: str) -> str:
    escaped = re.escape(name).replace(r"\ ", r"\s+")
    if len(name) <= 5 and name.isupper():
        return rf"(?-i:{escaped})"
    return escaped


def _words(cue: str) -> str:
    return re.escape(cue.strip()).replace(r"\ ", r"\s+")


class CitationFinder:
    """Finds citation cues in report text and resolves cited names to independence keys."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        data = citation_data()
        sources = list(sources)
        self._keys: dict[str, tuple[str, str]] = {}  # normalised name -> (key, canonical name)
        by_name = {norm_name(s.name): s for s in sources} | {norm_name(s.id): s for s in sources}
        for entry in data.get("sources", []):
            names = [entry["name"], *(entry.get("aliases") or [])]
            known = next((by_name[norm_name(n)] for n in names if norm_name(n) in by_name), None)
            key = source_key(known) if known else "cited:" + norm_name(entry["name"])
            for name in names:
                self._keys[norm_name(name)] = (key, known.name if known else entry["name"])
        shorts = self._short_forms(sources)
        self._keys.update(shorts)
        for norm, source in by_name.items():
            self._keys[norm] = (source_key(source), source.name)
        surface = [n for e in data.get("sources", [])
                   for n in [e["name"], *(e.get("aliases") or [])]]
        surface += [s.name for s in sources] + [s.id for s in sources]
        surface += [f for s in sources for f in short_forms(s.name) if norm_name(f) in shorts]
        self._names = sorted({n[4:] if n.lower().startswith("the ") else n for n in surface},
                             key=len, reverse=True)
        self._cues = list(data.get("cues", []))
        self._compiled: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None

    @staticmethod
    def _short_forms(sources: list[Source]) -> dict[str, tuple[str, str]]:
        found: dict[str, set[tuple[str, str]]] = {}
        for source in sources:
            for form in short_forms(source.name):
                found.setdefault(norm_name(form), set()).add((source_key(source), source.name))
        return {form: next(iter(keys)) for form, keys in found.items() if len(keys) == 1}

    def _patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """(names, cue words before a name, cue words after it), compiled on first use."""
        if self._compiled is None:
            names = "|".join(_name_pattern(n) for n in self._names if n) or "(?!)"
            parts = [c.split("{src}") for c in self._cues]
            before = [_words(b) for b, _ in parts if b.strip()]
            after = [_words(a) for _, a in parts if a.strip()]
            self._compiled = (
                re.compile(rf"\b(?:the\s+)?({names})\b", re.IGNORECASE),
                re.compile(rf"\b(?:{'|'.join(before)})\s*$", re.IGNORECASE),
                re.compile(rf"^{_APPOSITIVE}\s*,?\s*(?:has\s+|had\s+|have\s+)?"
                           rf"(?:{'|'.join(after)})\b", re.IGNORECASE),
            )
        return self._compiled

    def resolve(self, name: str | None) -> tuple[str, str] | None:
        """(independence key, canonical name) of a source named ``name``, or None.

        Also reads "the Observatory's sources", "correspondents of X", "interviewed by X"."""
        if not name:
            return None
        norm = norm_name(name)
        found = self._keys.get(norm)
        if found:
            return found
        possessive = re.match(r"(.+?)'s?\b", norm)
        if possessive and possessive.group(1) in self._keys:
            return self._keys[possessive.group(1)]
        tail = re.search(r"\b(?:of|by|from|to)\s+(?:the\s+)?(.+)$", norm)
        if tail and tail.group(1) in self._keys:
            return self._keys[tail.group(1)]
        return None

    def find(self, text: str) -> list[Citation]:
        """Every citation cue in ``text`` that names a known source, in text order."""
        if not text:
            return []
        names, before, after = self._patterns()
        found: list[Citation] = []
        for m in names.finditer(text):
            resolved = self.resolve(m.group(1))
            if not resolved:
                continue
            cue_before = before.search(text, max(0, m.start() - CUE_REACH), m.start())
            cue_after = after.match(text[m.end() : m.end() + CUE_REACH])
            if cue_before or cue_after:
                start = cue_before.start() if cue_before else m.start()
                end = m.end() + (cue_after.end() if cue_after else 0)
                found.append(Citation(resolved[0], resolved[1], start, end, text[start:end]))
        return found


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence(s) holding ``text[start:end]``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end)
    return left, (after.end() if after else len(text))


def split_attribution(attributed_to: str | None) -> list[str]:
    """The informants of an ``attributed_to`` ("Dr X; the Observatory" → two)."""
    if not attributed_to:
        return []
    return [p.strip() for p in re.split(r";|\s+and\s+", attributed_to) if p.strip()]
