"""Person mentions as linking items: name parts, context, blocking keys.

An :class:`Item` is what the scorer compares: one person mention with its parsed name and the
context of its report (co-mentioned places and groups, stated affiliation, title or role, date).
Items of linked mentions are kept inside their entity (``Entity.attributes["forms"]``), so a new
report links against existing entities without reading their reports again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasd.model import Mention
from rasd.resolve.keys import (
    NameParts,
    blocking_keys,
    canon,
    nationality_code,
    parse_name,
    part_word,
    role_category,
    skeleton,
    words,
)

_PART_SLOTS = {"given": "given", "family": "surname", "kunya": "kunya", "nasab": "nasab",
               "laqab": "laqab", "nickname": "laqab"}


@dataclass(slots=True)
class Item:
    """One person mention as the linker sees it."""

    mention: str
    report: str
    text: str
    given: str | None = None
    surname: str | None = None
    kunya: str | None = None
    nasab: str | None = None
    laqab: str | None = None
    middle: tuple[str, ...] = ()
    title: str | None = None
    category: str | None = None  # military, religious, medical, civil, media
    origin: str | None = None  # country / place code from a nisba or a stated nationality
    affiliation: str | None = None
    places: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    day: int | None = None  # date.toordinal() of the report
    keys: tuple[str, ...] = ()
    entity: str | None = None  # the entity it belonged to before this run
    bare: bool = False  # one plain word: a given name or a family name (see rasd.resolve.score)
    message: str | None = None  # the report of the mail this report came attached to

    def thread(self) -> str:
        """The report of the message it came with, or its own: the document coreference spans."""
        return self.message or self.report

    def name_slots(self) -> dict[str, str]:
        found = {}
        if self.given:
            found["given"] = self.given
        if self.surname:
            found["surname"] = self.surname
        if self.kunya:
            found["kunya"] = self.kunya
        if self.nasab:
            found["nasab"] = self.nasab
        if self.laqab:
            found["laqab"] = self.laqab
        return found

    def signature(self) -> tuple[str | None, ...]:
        """The parts a cluster must not contradict (see :mod:`rasd.resolve.cluster`)."""
        if self.bare:
            return (None, None, self.kunya, self.nasab, self.origin)
        return (self.given, self.surname, self.kunya, self.nasab, self.origin)

    def words(self) -> tuple[str, ...]:
        """The skeletons of its name parts (report-mates are compared only when they share one)."""
        return tuple({skeleton(v) for v in self.name_slots().values()})

    def fullness(self) -> int:
        return len(self.name_slots()) + len(self.middle)


FORM_FIELDS = ("mention", "report", "text", "given", "surname", "kunya", "nasab", "laqab",
               "title", "category", "origin", "affiliation", "day", "bare", "middle", "places",
               "areas", "groups", "message")
_LISTS = frozenset({"middle", "places", "areas", "groups"})


def to_form(item: Item) -> list[Any]:
    """The compact JSON-able form of an item, stored in its entity's attributes: the values of
    ``FORM_FIELDS`` in that order, trailing empty ones left out (see docs/linking.md)."""
    form: list[Any] = []
    for f in FORM_FIELDS:
        value = getattr(item, f)
        form.append(value)  # tuples are written as JSON arrays
    while form and form[-1] in (None, False, ()):
        form.pop()
    return form


def form_mention(form: Sequence[Any] | Mapping[str, Any]) -> str:
    """The mention id of a stored form."""
    return str(form["mention"] if isinstance(form, Mapping) else form[0])


def from_form(form: Sequence[Any] | Mapping[str, Any], entity: str | None) -> Item:
    """The item of a stored form (:func:`to_form`; the older dict forms are read too)."""
    if not isinstance(form, Mapping):
        form = dict(zip(FORM_FIELDS, form, strict=False))
    item = Item(mention=form["mention"], report=form["report"], text=form["text"], entity=entity)
    for f in FORM_FIELDS[3:]:
        value = form.get(f)
        setattr(item, f, tuple(value or ()) if f in _LISTS else value)
    item.bare = bool(item.bare)
    item.keys = item_keys(item)
    return item


def item_keys(item: Item) -> tuple[str, ...]:
    """The blocking keys of an item (:func:`rasd.resolve.keys.blocking_keys`)."""
    parts = NameParts(given=item.given, surname=item.surname, kunya=item.kunya, nasab=item.nasab,
                      laqab=item.laqab, title_category=item.category, origin=item.origin)
    return tuple(blocking_keys(parts, list(item.areas)))


def _parts_from_value(parts: NameParts, value: Mapping[str, Any]) -> None:
    """Parts the extractor found override the parsed ones."""
    given = value.get("parts") or {}
    if any(given.get(k) for k in _PART_SLOTS):
        if parts.bare:
            parts.surname = None  # the parse put the bare word in the surname slot
        parts.bare = False  # the extractor said which part the word is
    for key, slot in _PART_SLOTS.items():
        text = given.get(key)
        if text:
            setattr(parts, slot, part_word(str(text)) or getattr(parts, slot))
    nisba = given.get("nisba")
    if nisba:
        parts.origin = nationality_code(str(nisba)) or parts.origin
        if not parts.surname:
            parts.surname = canon(words(str(nisba))[-1])


def person_item(mention: Mention, context: Mapping[str, Any]) -> Item:
    """The item of one person mention; ``context`` from :func:`report_context`."""
    value = mention.value if isinstance(mention.value, dict) else {}
    parts = parse_name(str(value.get("name") or mention.text))
    _parts_from_value(parts, value)
    title = value.get("title") or parts.title
    category = role_category(title) or parts.title_category or role_category(value.get("role"))
    origin = nationality_code(value.get("nationality")) or parts.origin
    areas = tuple(context.get("areas", ()))
    item = Item(
        mention=mention.id, report=mention.report, text=mention.text,
        given=parts.given, surname=parts.surname, kunya=parts.kunya, nasab=parts.nasab,
        laqab=parts.laqab, middle=tuple(parts.middle),
        title=" ".join(words(str(title))) if title else None, category=category,
        origin=origin, affiliation=value.get("affiliation"),
        places=tuple(context.get("places", ())), areas=areas,
        groups=tuple(context.get("groups", ())), day=context.get("day"), bare=parts.bare,
        message=context.get("message"),
    )
    item.keys = item_keys(item)
    return item


def report_context(mentions: Iterable[Mention], report_dates: Mapping[str, date] | None = None,
                   group_of: Mapping[str, str] | None = None,
                   report_parents: Mapping[str, str] | None = None
                   ) -> dict[str, dict[str, Any]]:
    """Per report: the places (gazetteer ids), areas (admin1) and groups it mentions, its date,
    and the message it came attached to.

    ``group_of``: mention id -> group entity id where linking resolved a group mention;
    ``report_parents``: attachment report id -> the report of its message (see
    :func:`root_message`).
    """
    places: dict[str, set[str]] = defaultdict(set)
    areas: dict[str, set[str]] = defaultdict(set)
    groups: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        value = m.value if isinstance(m.value, dict) else {}
        if m.kind == "place" and m.entity:
            places[m.report].add(m.entity)
            area = value.get("admin1") or value.get("name") or m.entity
            areas[m.report].add(" ".join(words(str(area))))
        elif m.kind == "group" and (m.entity or (group_of or {}).get(m.id)):
            groups[m.report].add(m.entity or (group_of or {})[m.id])
    context: dict[str, dict[str, Any]] = {}
    parents = report_parents or {}
    for report in set(places) | set(groups) | set(report_dates or {}) | set(parents):
        day = (report_dates or {}).get(report)
        context[report] = {"places": sorted(places[report]), "areas": sorted(areas[report]),
                           "groups": sorted(groups[report]),
                           "day": day.toordinal() if day else None,
                           "message": root_message(report, parents)}
    return context


def root_message(report: str, parents: Mapping[str, str]) -> str | None:
    """The report of the outermost message ``report`` came attached to (an attachment of an
    attachment belongs to the first message), or None for a report that is no attachment."""
    seen = {report}
    while report in parents and parents[report] not in seen:
        report = parents[report]
        seen.add(report)
    return report if len(seen) > 1 else None


def person_items(mentions: list[Mention], report_dates: Mapping[str, date] | None = None,
                 group_of: Mapping[str, str] | None = None,
                 report_parents: Mapping[str, str] | None = None) -> list[Item]:
    """Items of the person mentions in ``mentions`` (the other kinds give their context)."""
    context = report_context(mentions, report_dates, group_of, report_parents)
    return [person_item(m, context.get(m.report, {})) for m in mentions if m.kind == "person"]
