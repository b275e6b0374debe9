"""Named armed groups the actor dictionary does not list: "the New Dawn Brigade", "Liwa al-X".

Syria had thousands of local factions; no dictionary lists them all, yet a report that names one
("the so-called New Dawn Brigade demands a levy") names a perpetrator. A capitalised name ending
in a group head noun ("X Brigade", "X Battalion", "X Front"...) or opening with a transliterated
one ("Liwa X", "Katibat X", "Jaish al-X", "Harakat X", "Firqat X", "Jabhat X") becomes a *local*
group mention (``rasd/taxonomy/group_names.yaml``; docs/extraction-actors.md). Its entity is the
id the linker gives a group the dictionary does not know (``grp-local-<hash>`` of its name key,
:func:`rasd.resolve.known.group_entity_id`), so every report naming it meets on one entity.

Precision first, as everywhere a name may blame someone:

- a dictionary alias always wins (tokens already in a group mention are never re-read);
- a lone capitalised word at a sentence start before the head is no name ("Rebel Brigade");
  nor are words of ``not_names`` or nationality adjectives alone ("the Iraqi Army");
- a title before the name is left out ("Commander of X Brigade" gives "X Brigade"); a run of
  more than :data:`MAX_ENGLISH` capitalised words, or one holding a second head, is a list or a
  headline; a transliterated name takes plain words, then "al-" parts, and stops there;
- nothing is read on a headline-case or ALL-CAPS line, nor where the words around the name are
  capitalised too (a headline run into the text, as scraped articles often have);
- the value's ``kind`` is ``local`` (:data:`LOCAL_KIND`): side and actor type are unknown; the
  event rules treat it as an armed group whose party is itself
  (:func:`rasd.extract.perpetrators.side_key`);
- a transliterated name and its translation are two groups unless the report says they are one,
  by writing one in parentheses right after the other ("the New Dawn Brigade (Liwa al-Fajr
  al-Jadid)"): then both, and every later mention of either in the report, take one entity.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from rasd.extract.person_names import MONTHS_DAYS, headline
from rasd.extract.spans import (
    Bounds,
    TokenView,
    doc_text,
    set_span_extensions,
    span_extensions,
    token_view,
)
from rasd.gazetteer.keys import translit_key
from rasd.model import stable_id
from rasd.taxonomy.registry import alias_key, fold, load_names, load_roles, name_key

HEADS_FILE = Path(__file__).resolve().parents[1] / "taxonomy" / "group_names.yaml"
MAX_WORDS = 6  # name parts after a transliterated head
MAX_ENGLISH = 4  # capitalised words before an English head; a longer run is a headline or list
CONTEXT = 4  # words each side of a name read to tell a headline-case sentence
AL = frozenset({"al", "el", "ash", "as", "ad", "ar", "at", "az", "an", "wal", "wa"})
CONFIDENCE = 0.7
#: ``value["kind"]`` of a local group: an armed group of unknown side and type (the event rules
#: take it as an actor, its own party when sides are counted).
LOCAL_KIND = "local"
T = TypeVar("T", bound=tuple[Any, ...])


@dataclass(frozen=True)
class GroupHeads:
    """The head nouns of group names (see the data file's header)."""

    english: dict[str, str]
    transliterated: dict[str, str]
    not_names: frozenset[str]
    back_references: frozenset[str]

    @functools.cached_property
    def all_heads(self) -> frozenset[str]:
        return frozenset((*self.english, *self.transliterated))


@functools.lru_cache(maxsize=1)
def load_group_heads() -> GroupHeads:
    """``group_names.yaml`` (cached)."""
    with open(HEADS_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return GroupHeads(english={fold(k): v for k, v in data["heads"].items()},
                      transliterated={fold(k): v for k, v in data["transliterated"].items()},
                      not_names=frozenset(fold(w) for w in data["not_names"]),
                      back_references=frozenset(data["back_references"]))


def group_head(name: str) -> str | None:
    """The normalised head noun of a group's name ("brigade" of "New Dawn Brigade" and of
    "Liwa al-Fajr"), or None. Used to tie "the brigade" to the one brigade a report names."""
    words = alias_key(name).split()
    if not words:
        return None
    heads = load_group_heads()
    return heads.english.get(words[-1]) or heads.transliterated.get(words[0])


def local_group_id(name: str) -> str:
    """The entity id of a group the dictionary does not know, as the linker makes it."""
    return stable_id("grp-local", translit_key(alias_key(name)))


def add_local_groups(doc: Doc, found: list[Bounds]) -> list[Bounds]:
    """``found`` (the bounds of the dictionary's group spans, see
    :data:`rasd.extract.spans.Bounds`) with the local named groups added, in order."""
    v = token_view(doc)
    at = [i for i in _head_tokens(v) if _capitalised(v.text[i])]
    if not at:
        return found
    taken = {i for s in found for i in range(s[0], s[1])}
    spans = [(s, e, v.idx[s], v.end_char(e - 1)) for s, e in _candidates(doc, v, at, taken)]
    local = longest_first(spans)
    if not local:
        return found
    both = sorted([*found, *local], key=lambda s: s[0])
    _set_values(doc, v, both, {s[0] for s in local})
    return both


def _candidates(doc: Doc, v: TokenView, at: list[int],
                taken: set[int]) -> list[tuple[int, int]]:
    """(start, end) of the names around the capitalised head words at tokens ``at``."""
    heads = load_group_heads()
    out: list[tuple[int, int]] = []
    lines: dict[int, bool] = {}
    for i in at:
        low = v.lower[i]
        if i in taken or _on_headline(doc, v, i, lines):
            continue
        if low in heads.transliterated:
            end = _name_after(v, i + 1, taken)
            if end > i + 1:
                out.append((i, end))
        if low in heads.english:
            start = _name_before(v, i, taken, heads)
            if start is not None:
                out.append((start, i + 1))
    names = taken | {k for s, e in out for k in range(s, e)}
    return [(_with_the(v, s), e) for s, e in out if not _headline_like(v, s, e, names)]


def _headline_like(v: TokenView, start: int, end: int, names: set[int]) -> bool:
    """Whether the words around a name are capitalised too: a headline run into the text
    ("Jaish al-X Fighters Killed by Army in Town"), where any capitalised run looks like a
    name. Reads up to :data:`CONTEXT` long words each side in the sentence, outside group
    mentions and other names, month and day names left out: 80 % of three or more
    capitalised is a headline."""
    seen: list[bool] = []
    for step, first in ((-1, start - 1), (1, end)):
        k, n = first, 0
        while 0 <= k < len(v) and n < CONTEXT and not (step > 0 and v.sent_start[k]):
            word = v.text[k]
            if k not in names and len(word) > 3 and word.isalpha() \
                    and v.lower[k] not in STOP_WORDS and v.lower[k] not in MONTHS_DAYS:
                seen.append(word[0].isupper() and not v.sent_start[k])
                n += 1
            if step < 0 and v.sent_start[k]:
                break
            k += step
    return len(seen) >= 3 and sum(seen) >= 0.8 * len(seen)


def _head_tokens(v: TokenView) -> list[int]:
    """Tokens whose lower-cased text is a head word. Most reports hold none: one set
    intersection (in C) says so before any loop over the tokens."""
    heads = load_group_heads().all_heads
    present = heads.intersection(v.lower)
    if not present:
        return []
    out: list[int] = []
    lower = v.lower
    for word in present:  # list.index runs in C
        i = lower.index(word)
        while True:
            out.append(i)
            try:
                i = lower.index(word, i + 1)
            except ValueError:
                break
    return sorted(out)


def _capitalised(text: str) -> bool:
    """A title-case word ("Brigade", "al-Fajr"'s "Fajr"), not ALL CAPS, not a digit."""
    body = text.replace("'", "").replace("’", "")
    return body[:1].isupper() and body.isalpha() and (len(body) == 1 or not body.isupper())


def _name_part(v: TokenView, i: int, taken: set[int]) -> tuple[int, bool]:
    """(end, is an "al-" part) of the name part at token i: "Fajr", "al-Fajr", "Al Fajr",
    "wal-Ansar"; end 0 where there is none."""
    if i >= len(v) or i in taken or (i > 0 and v.sent_start[i]):
        return 0, False
    if v.lower[i] in AL:
        j = i + 2 if i + 1 < len(v) and v.text[i + 1] == "-" and not v.space[i] else i + 1
        glued = j == i + 1 or not v.space[i + 1]
        if glued and j < len(v) and j not in taken and _capitalised(v.text[j]) \
                and (j == i + 2 or v.text[i][:1].isupper()):
            return j + 1, True
        return 0, False
    if _capitalised(v.text[i]) and v.lower[i] not in STOP_WORDS:
        return i + 1, False
    return 0, False


def _name_after(v: TokenView, i: int, taken: set[int]) -> int:
    """End of the name parts from token i on ("al-Fajr al-Jadid" after "Liwa").

    Plain words come first and "al-" parts close the name ("Nour al-Din al-Zenki", "Shuhada
    Badr", "al-Fajr al-Jadid"): a plain capitalised word after an "al-" part is the sentence
    going on ("Jaish al-X Fighters Killed" in a headline), not the name.
    """
    heads = load_group_heads()
    end, words, seen_al = i, 0, False
    while words < MAX_WORDS:
        nxt, is_al = _name_part(v, end, taken)
        if not nxt or (seen_al and not is_al) or v.lower[nxt - 1] in heads.english \
                or v.lower[end] in heads.transliterated:
            break
        end, words, seen_al = nxt, words + 1, seen_al or is_al
    return end


def _name_before(v: TokenView, head: int, taken: set[int], heads: GroupHeads) -> int | None:
    """Start of the name words before an English head ("New Dawn" of "New Dawn Brigade")."""
    if head + 1 < len(v) and v.lower[head + 1] in heads.english and _capitalised(v.text[head + 1]):
        return None  # "Army Brigade": the name ends at the later head
    if v.sent_start[head]:
        return None
    words: list[int] = []
    k = head - 1
    while k >= 0 and len(words) < MAX_ENGLISH and k not in taken:
        if _capitalised(v.text[k]) and v.lower[k] not in STOP_WORDS:
            words.append(k)
        elif v.text[k] == "-" and k > 0 and not v.space[k - 1] and not v.space[k] \
                and v.lower[k - 1] in AL and words:
            k -= 1  # the "al" of "al-Fajr": part of the word after it
            words[-1] = k
        elif v.lower[k] != "of" or not words or k == 0 or not _capitalised(v.text[k - 1]):
            break  # only "of" between capitalised words continues it: "Martyrs of Idlib"
        if v.sent_start[k]:
            break
        k -= 1
    if len(words) == MAX_ENGLISH and k >= 0 and not v.sent_start[words[-1]] \
            and _capitalised(v.text[k]):
        return None  # the capitalised run goes on: a headline or a list, not one name
    while words and _title_word(v, words[-1]):
        words.pop()  # "Commander of Idlib Brigade", "Spokesman of X Brigade": the title goes
    if not words:
        return None
    return words[-1] if _named(v, words, heads) else None


def _title_word(v: TokenView, k: int) -> bool:
    """A title or role word (roles.yaml), which opens no group's name."""
    word = (fold(v.text[k]),)
    roles = load_roles()
    return word in roles.titles or word in roles.roles


def _named(v: TokenView, words: list[int], heads: GroupHeads) -> bool:
    """Whether the words before a head make a name (see the module docstring)."""
    nationalities = load_names().nationalities
    folded = {fold(v.text[k]) for k in words}
    if not folded.isdisjoint(heads.english) or not folded.isdisjoint(heads.transliterated):
        return False  # "Idlib Army Freedom Brigade": a list of names run together
    real = [k for k in words if fold(v.text[k]) not in heads.not_names
            and name_key(v.text[k]) not in nationalities and v.lower[k] not in AL]
    if not real:
        return False
    return not (len(words) == 1 and v.sent_start[words[0]])


def _with_the(v: TokenView, start: int) -> int:
    """A preceding "the" is taken into the mention, as for the dictionary's groups."""
    return start - 1 if start > 0 and v.lower[start - 1] == "the" else start


def _on_headline(doc: Doc, v: TokenView, i: int, lines: dict[int, bool]) -> bool:
    text = doc_text(doc)
    at = v.idx[i]
    start = text.rfind("\n", 0, at) + 1
    if start not in lines:
        end = text.find("\n", at)
        lines[start] = headline(text[start : end if end >= 0 else len(text)])
    return lines[start]


def _name_of(text: str, span: Bounds) -> str:
    """The name a span writes (``span.text`` read from the doc's ``text``), less a "the"."""
    written = text[span[2]:span[3]]
    words = written.split()
    return " ".join(words[1:]) if words and words[0].lower() == "the" else written


def _set_values(doc: Doc, v: TokenView, spans: list[Bounds], local: set[int]) -> None:
    """Entity, value and reason of each local span; a name in parentheses right after another
    group's name is that group (the report says so), and so is every later mention of it."""
    same: dict[str, tuple[str, dict[str, Any], str]] = {}  # alias key -> (id, value, named as)
    text = doc_text(doc)
    for k, span in enumerate(spans):
        if span[0] not in local:
            continue
        name = _name_of(text, span)
        entity, value, how = same.get(alias_key(name)) or _own(name)
        prev = spans[k - 1] if k else None
        if prev is not None and _in_parentheses_after(v, prev, span):
            value, entity = span_extensions(doc, prev[2], prev[3])[:2]
            how = f"named in parentheses after {_name_of(text, prev)!r}: the same group"
            if prev[0] in local:  # every later mention of either name: one group
                same[alias_key(_name_of(text, prev))] = (entity, value, how)
            same[alias_key(name)] = (entity, value, how)
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        if nxt is not None and nxt[0] not in local and _in_parentheses_after(v, span, nxt):
            value, entity = span_extensions(doc, nxt[2], nxt[3])[:2]
            how = f"followed by {_name_of(text, nxt)!r} in parentheses: the same group"
            same[alias_key(name)] = (entity, value, how)
        set_span_extensions(doc, span[2], span[3], entity=entity, value=value,
                            confidence=CONFIDENCE, reason=how)


def _own(name: str) -> tuple[str, dict[str, Any], str]:
    gid = local_group_id(name)
    value = {"id": gid, "name": name, "actor_type": None, "side": None, "kind": LOCAL_KIND}
    return gid, value, f"named group not in the actor dictionary (head {group_head(name)!r})"


def _in_parentheses_after(v: TokenView, first: Bounds, second: Bounds) -> bool:
    """``second`` alone in parentheses right after ``first``: "X Brigade (Liwa X)"."""
    return second[0] == first[1] + 1 and v.text[first[1]] == "(" \
        and second[1] < len(v) and v.text[second[1]] == ")"


def longest_first(found: list[T]) -> list[T]:
    """``spacy.util.filter_spans`` on (start token, end token, ...) tuples: the longest (then
    first) of overlapping spans kept, in text order (the same stable sorts on the same keys,
    without a Span object per span)."""
    ordered = sorted(found, key=lambda c: (c[1] - c[0], -c[0]), reverse=True)
    out: list[T] = []
    seen: set[int] = set()
    for span in ordered:
        if span[0] not in seen and span[1] - 1 not in seen:
            out.append(span)
            seen.update(range(span[0], span[1]))
    return sorted(out, key=lambda c: c[0])
