"""Which independent source each report of an incident counts toward.

A report's *origin* is, in this order of precedence:

1. the origin of the report it copies (near-duplicate text, :mod:`rasd.corroborate.duplicates`);
2. the source its facts are attributed to — the event's ``attributed_to`` when that names a
   known source, else a citation cue ("according to the Observatory", "told Reuters") in the
   sentences of the event's evidence, else the only source the report cites at all;
3. its own outlet, through the outlet's independence group (outlets of one owner or network
   count once).

Sources are known from the workspace (:class:`~rasd.model.Source` name and id) and from
``rasd/taxonomy/citations.yaml`` (well-known monitors and agencies with their aliases).
Informants without a name of their own (activists, residents) do not redirect the count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.model import Event, Report, Source

#: how far (characters) before or after a name its cue words may stand
CUE_REACH = 40
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)|\n\s*\n")


@dataclass(frozen=True)
class Citation:
    """A place in a report's text where it attributes facts to a source."""

    key: str  # the independence key the citation counts toward
    name: str  # the canonical name of the cited source
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Origin:
    """The independent source a report counts toward, and why."""

    key: str
    reason: str
    via: str | None = None  # the report copied, or the cited name

    def as_dict(self) -> dict[str, Any]:
        return {"origin": self.key, "reason": self.reason, "via": self.via}


@lru_cache(maxsize=1)
def citation_data() -> dict[str, Any]:
    """``rasd/taxonomy/citations.yaml`` (loaded once)."""
    text = resources.files("rasd.taxonomy").joinpath("citations.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def source_key(source: Source) -> str:
    """The independence key of an outlet: its network's, else its own."""
    return source.independence_group or source.id


def _norm(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().lower())
    return name[4:] if name.startswith("the ") else name


def _name_pattern(name: str) -> str:
    escaped = re.escape(name).replace(r"\ ", r"\s+")
    if len(name) <= 5 and name.isupper():
        return rf"(?-i:{escaped})"
    return escaped


class CitationFinder:
    """Finds citation cues in report text and resolves cited names to independence keys."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        data = citation_data()
        self._keys: dict[str, tuple[str, str]] = {}  # normalised name -> (key, canonical name)
        by_name = {_norm(s.name): s for s in sources}
        by_name.update({_norm(s.id): s for s in sources})
        for entry in data.get("sources", []):
            names = [entry["name"], *(entry.get("aliases") or [])]
            known = next((by_name[_norm(n)] for n in names if _norm(n) in by_name), None)
            key = source_key(known) if known else "cited:" + _norm(entry["name"])
            for name in names:
                self._keys[_norm(name)] = (key, entry["name"])
        for norm, source in by_name.items():
            self._keys.setdefault(norm, (source_key(source), source.name))
        self._names = sorted(set(self._all_names(data, sources)), key=len, reverse=True)
        self._cues = list(data.get("cues", []))
        self._compiled: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None

    def _patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """(names, cue words before a name, cue words after it), compiled on first use."""
        if self._compiled is None:
            names = "|".join(_name_pattern(n) for n in self._names if n) or "(?!)"
            before = [_words(c.split("{src}")[0]) for c in self._cues if c.split("{src}")[0]]
            after = [_words(c.split("{src}")[1]) for c in self._cues if c.split("{src}")[1]]
            self._compiled = (
                re.compile(rf"\b(?:the\s+)?({names})\b", re.IGNORECASE),
                re.compile(rf"\b(?:{'|'.join(before)})\s*$", re.IGNORECASE),
                re.compile(rf"^\s*(?:{'|'.join(after)})\b", re.IGNORECASE),
            )
        return self._compiled

    @staticmethod
    def _all_names(data: dict[str, Any], sources: Iterable[Source]) -> list[str]:
        names: list[str] = []
        for entry in data.get("sources", []):
            names += [entry["name"], *(entry.get("aliases") or [])]
        names += [s.name for s in sources] + [s.id for s in sources]
        return [n[4:] if n.lower().startswith("the ") else n for n in names]

    def resolve(self, name: str | None) -> tuple[str, str] | None:
        """(independence key, canonical name) of a source named ``name``, or None."""
        if not name:
            return None
        return self._keys.get(_norm(name))

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


def _words(cue: str) -> str:
    return re.escape(cue.strip()).replace(r"\ ", r"\s+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence(s) holding ``text[start:end]``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end)
    return left, (after.end() if after else len(text))


def event_citation(
    event: Event, report: Report, own_key: str, finder: CitationFinder,
    citations: Sequence[Citation],
) -> tuple[str, str, str] | None:
    """(key, cited name, how found) of the source ``event``'s facts come from, or None."""
    resolved = finder.resolve(event.attributed_to)
    if resolved and resolved[0] != own_key:
        return resolved[0], resolved[1], f"attributed to {event.attributed_to}"
    others = [c for c in citations if c.key != own_key]
    text = report.text or ""
    for span in event.evidence:
        left, right = sentence_bounds(text, span.start, span.end)
        near = [c for c in others if c.start < right and c.end > left]
        if near:
            return near[0].key, near[0].name, f'cites "{near[0].text}"'
    if len({c.key for c in others}) == 1:
        return others[0].key, others[0].name, f'the report cites only "{others[0].text}"'
    return None


@dataclass
class OriginResolver:
    """Origins of reports: own outlet, cited source or the report copied (memoised)."""

    reports: dict[str, Report]
    sources: dict[str, Source]
    finder: CitationFinder
    copies: dict[str, tuple[str, float]]

    def __post_init__(self) -> None:
        self._citations: dict[str, list[Citation]] = {}

    def own_key(self, report: Report) -> str:
        if report.source is None:
            return "report:" + report.id
        source = self.sources.get(report.source)
        return source_key(source) if source else report.source

    def citations(self, report: Report) -> list[Citation]:
        if report.id not in self._citations:
            self._citations[report.id] = self.finder.find(report.text or "")
        return self._citations[report.id]

    def origin(self, report: Report, events: Sequence[Event]) -> Origin:
        """The origin of ``report`` as the teller of ``events`` (its events in one incident)."""
        copied = self.copies.get(report.id)
        teller = report
        if copied and copied[0] in self.reports:
            teller = self.reports[copied[0]]
        own = self.own_key(teller)
        for event in sorted(events, key=lambda e: e.id):
            found = event_citation(event, report, own, self.finder, self.citations(report))
            if found:
                return Origin(found[0], self._copy_words(copied) + found[2], found[1])
        if copied:
            return Origin(own, self._copy_words(copied) + "own reporting of " + own, copied[0])
        return Origin(own, "own reporting of " + own)

    @staticmethod
    def _copy_words(copied: tuple[str, float] | None) -> str:
        if copied is None:
            return ""
        return f"copy of report {copied[0]} (containment {copied[1]:.2f}); "
