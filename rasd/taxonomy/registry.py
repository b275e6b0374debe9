"""Loaders for the actor dictionary, the name lexicons and the role list (data under this folder).

Everything is read once and cached: ``load_actors()``, ``load_names()``, ``load_roles()``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
ACTORS_FILE = HERE / "actors.yaml"
ROLES_FILE = HERE / "roles.yaml"
NAMES_DIR = HERE / "names"

def load_yaml(name: str) -> Any:
    """A vocabulary file of this folder (``counts_ar.yaml``), parsed (callers cache it)."""
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—]+")
_ARTICLE = re.compile(r"^(?:the|al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|en)\s+")
_PARTICLE = re.compile(r"(?<![^\s])(?:el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|en)(?=\s)")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without Latin diacritics, with straight apostrophes (Arabic script is kept)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or ord(c) > 0x5FF)
    return unicodedata.normalize("NFC", kept).lower()


@functools.lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """The lookup key of a name: folded, hyphens as spaces, "el-"/"ash-" as "al", no "the".

    >>> alias_key("the Al-Nusra Front") == alias_key("el Nusra front")
    True
    """
    key = _DASHES.sub(" ", fold(text))
    key = re.sub(r"[.,]", "", key)
    key = " ".join(key.split())
    if key.startswith("the "):
        key = key[4:]
    return _PARTICLE.sub("al", key)


def phrase_key(text: str) -> str:
    """The key of a generic phrase: folded, hyphens as spaces; "the" is kept ("the army")."""
    return " ".join(_DASHES.sub(" ", fold(text)).split())


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A single name part's key: ``alias_key`` without a leading "al"."""
    return _ARTICLE.sub("", alias_key(text)).replace(" ", "")


@dataclass(frozen=True)
class Group:
    """One party or civil body of the actor dictionary."""

    id: str
    name: str
    actor_type: str
    side: str
    kind: str = "armed"
    country: str | None = None
    parent: str | None = None
    successor_of: str | None = None
    allied_with: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    contextual: tuple[str, ...] = ()
    default_for: tuple[str, ...] = ()

    def value(self) -> dict[str, Any]:
        """The JSON-able value a group mention carries."""
        return {
            "id": self.id,
            "name": self.name,
            "actor_type": self.actor_type,
            "side": self.side,
            "kind": self.kind,
        }


@dataclass
class ActorDictionary:
    """Groups by id, with lookup by alias key."""

    groups: dict[str, Group]
    by_key: dict[str, list[str]] = field(default_factory=dict)
    by_exact: dict[str, str] = field(default_factory=dict)
    contextual: dict[str, list[str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    composed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.groups)

    def get(self, group_id: str) -> Group | None:
        return self.groups.get(group_id)

    def lookup(self, text: str) -> list[Group]:
        """Groups one of whose aliases (or exact forms, as written) is ``text``."""
        ids = list(self.by_key.get(alias_key(text), []))
        exact = self.by_exact.get(text.strip())
        if exact and exact not in ids:
            ids.append(exact)
        return [self.groups[i] for i in ids]

    def party(self, group_id: str) -> str:
        """The topmost armed body a group is part of (the Syrian air force: the Syrian
        government's forces), never a civil authority above it; the group itself if none."""
        armed = [g for g in self.ancestors(group_id)
                 if g in self.groups and self.groups[g].kind == "armed"]
        return armed[-1] if armed else group_id

    def ancestors(self, group_id: str) -> list[str]:
        """The group's parents, nearest first (predecessors by ``successor_of`` not included)."""
        out: list[str] = []
        current = self.groups.get(group_id)
        while current and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self.groups.get(current.parent)
        return out

    def patterns(self) -> Iterator[tuple[str, str, str]]:
        """(surface text, group id, mode) for the matcher; mode is alias, exact or contextual."""
        for key, ids in self.by_key.items():
            if len(ids) == 1:
                for surface in _surfaces_of_key(self, key, ids[0]):
                    yield surface, ids[0], "alias"
        for text, gid in self.by_exact.items():
            for surface in surface_variants(text):
                yield surface, gid, "exact"
        for key in self.contextual:
            yield key, "", "contextual"


def _surfaces_of_key(actors: ActorDictionary, key: str, gid: str) -> set[str]:
    group = actors.groups[gid]
    out: set[str] = set()
    for alias in (group.name, *group.aliases, *actors.composed.get(gid, ())):
        if alias_key(alias) == key:
            out |= surface_variants(alias)
    return out


def surface_variants(alias: str) -> set[str]:
    """Spellings of an alias the matcher should know: hyphen or space, "al-" or "el-", quotes."""
    forms = {alias, _DASHES.sub(" ", alias), alias.replace("'", "’"), alias.replace("’", "'")}
    more = set()
    for form in forms:
        more.add(re.sub(r"\bal-", "el-", form))
        more.add(re.sub(r"\bal-", "al ", form))
        more.add(re.sub(r"\bal-(\w)", lambda m: "al-" + m.group(1).upper(), form))
    forms |= more
    return {" ".join(f.split()) for f in forms if f.strip()}


def _compose(entries: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    plain: list[str] = []
    exact: list[str] = []
    for entry in entries or []:
        target = exact if entry.get("exact") else plain
        target.extend(f"{m} {h}" for m in entry["modifiers"] for h in entry["heads"])
    return plain, exact


def _group_from(raw: dict[str, Any]) -> tuple[Group, list[str], list[str]]:
    composed, composed_exact = _compose(raw.get("compose", []))
    group = Group(
        id=raw["id"],
        name=raw["name"],
        actor_type=raw["actor_type"],
        side=raw["side"],
        kind=raw.get("kind", "armed"),
        country=raw.get("country"),
        parent=raw.get("parent"),
        successor_of=raw.get("successor_of"),
        allied_with=tuple(raw.get("allied_with", [])),
        aliases=tuple(str(a) for a in raw.get("aliases", [])),
        exact=tuple(str(a) for a in [*raw.get("exact", []), *composed_exact]),
        contextual=tuple(str(a) for a in raw.get("contextual", [])),
        default_for=tuple(str(a) for a in raw.get("default_for", [])),
    )
    return group, composed, composed_exact


def build_actors(data: dict[str, Any]) -> ActorDictionary:
    """An ActorDictionary from the parsed YAML (explicit aliases win over composed ones)."""
    actors = ActorDictionary(groups={})
    composed_keys: dict[str, list[str]] = {}
    for raw in data["groups"]:
        group, composed, _ = _group_from(raw)
        if group.id in actors.groups:
            raise ValueError(f"actors.yaml: duplicate id {group.id}")
        actors.groups[group.id] = group
        actors.composed[group.id] = tuple(composed)
        for alias in (*group.aliases, group.name):
            _add(actors.by_key, alias_key(alias), group.id)
        for alias in composed:
            _add(composed_keys, alias_key(alias), group.id)
        for text in group.exact:
            actors.by_exact.setdefault(text, group.id)
        for text in group.contextual:
            _add(actors.contextual, phrase_key(text), group.id)
        for text in group.default_for:
            actors.defaults[phrase_key(text)] = group.id
    for key, ids in composed_keys.items():
        if key not in actors.by_key:
            actors.by_key[key] = ids
    for key in actors.contextual:
        if key in actors.by_key:
            raise ValueError(f"actors.yaml: {key!r} is both an alias and a generic phrase")
    _check(actors)
    return actors


def _add(index: dict[str, list[str]], key: str, gid: str) -> None:
    ids = index.setdefault(key, [])
    if gid not in ids:
        ids.append(gid)


def _check(actors: ActorDictionary) -> None:
    for group in actors.groups.values():
        for ref in (group.parent, group.successor_of):
            if ref and ref not in actors.groups:
                raise ValueError(f"actors.yaml: {group.id} points at unknown group {ref}")


@functools.lru_cache(maxsize=4)
def load_actors(path: Path | None = None) -> ActorDictionary:
    """The actor dictionary (cached)."""
    with open(path or ACTORS_FILE, encoding="utf-8") as fh:
        return build_actors(yaml.safe_load(fh))


@dataclass(frozen=True)
class NameLexicon:
    """Given names, nisbas and nationalities, keyed by ``name_key``."""

    arabic: frozenset[str]
    other: frozenset[str]  # Kurdish, Turkish, Persian, Caucasian
    western: frozenset[str]
    ambiguous: frozenset[str]
    nisbas: dict[str, str]  # key -> ISO country ("" where none)
    nationalities: dict[str, str]  # adjective key -> ISO country
    not_persons: frozenset[str]  # alias_key of places/buildings that look like names

    def is_given(self, word: str) -> bool:
        key = name_key(word)
        return key in self.arabic or key in self.other or key in self.western


def _lines(name: str) -> list[str]:
    path = NAMES_DIR / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _table(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _lines(name):
        parts = line.split("\t")
        table[name_key(parts[0])] = parts[1].strip() if len(parts) > 1 else ""
    return table


@functools.lru_cache(maxsize=1)
def load_names() -> NameLexicon:
    """The name lexicons of ``names/`` (cached)."""
    keys = lambda name: frozenset(name_key(w) for w in _lines(name))  # noqa: E731
    return NameLexicon(
        arabic=keys("given_arabic.txt"),
        other=keys("given_kurdish_turkish.txt"),
        western=keys("given_western.txt"),
        ambiguous=keys("ambiguous_given.txt"),
        nisbas=_table("nisbas.txt"),
        nationalities={k: v for k, v in _table("nationalities.txt").items()},
        not_persons=frozenset(alias_key(w) for w in _lines("not_persons.txt")),
    )


@dataclass(frozen=True)
class Roles:
    """Titles (before a name) and role nouns, by lower-cased word sequence."""

    titles: dict[tuple[str, ...], tuple[str | None, str]]  # words -> (role, category)
    roles: dict[tuple[str, ...], tuple[str, str]]
    longest: int

    def title_before(self, words: list[str]) -> tuple[int, str | None, str] | None:
        """The longest title ending the word list: (length, role, category)."""
        return _longest_suffix(self.titles, words, self.longest)

    def role_before(self, words: list[str]) -> tuple[int, str, str] | None:
        found = _longest_suffix(self.roles, words, self.longest)
        return (found[0], found[1] or "", found[2]) if found else None

    def role_in(self, words: list[str]) -> tuple[str, str] | None:
        """The first role phrase among ``words`` (lower-cased), longest first at each place."""
        for i in range(len(words)):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                hit = self.roles.get(tuple(words[i : i + n]))
                if hit:
                    return hit
        return None


def _longest_suffix(
    table: dict[tuple[str, ...], Any], words: list[str], longest: int
) -> tuple[int, Any, Any] | None:
    for n in range(min(longest, len(words)), 0, -1):
        hit = table.get(tuple(words[-n:]))
        if hit:
            return n, hit[0], hit[1]
    return None


def _word_tuple(phrase: str) -> tuple[str, ...]:
    return tuple(fold(phrase).split())


@functools.lru_cache(maxsize=1)
def load_roles() -> Roles:
    """Titles and roles of ``roles.yaml`` (cached)."""
    with open(ROLES_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    titles = {
        _word_tuple(w): (t.get("role"), t["category"]) for t in data["titles"] for w in t["words"]
    }
    roles: dict[tuple[str, ...], tuple[str, str]] = {}
    for r in data["roles"]:
        for w in r["words"]:
            roles.setdefault(_word_tuple(w), (r["role"], r["category"]))
    longest = max(len(k) for k in (*titles, *roles))
    return Roles(titles=titles, roles=roles, longest=longest)
