"""Roles and affiliations stated in a description around a name, beyond the adjacent words.

:meth:`rasd.extract.person_rules.PersonRules.decide` reads the title or role written right before
a name ("commander Abu Hamza") and in an apposition after it. Reports also describe a person in
a phrase the name follows or is attached to by a cue, and name the group by a back-reference:

- "the brigade's commander, Abu Hamza" — a role phrase, then a comma, then the name;
- "a commander of the brigade known as Abu Hamza" — a role phrase, then a nickname cue;
- "Abu Hamza, the brigade's commander," — an apposition whose group is a back-reference.

"the brigade" (a head of ``back_references`` in ``rasd/taxonomy/group_names.yaml``) stands for
the one group with that head the report has named before (a dictionary group or a local one,
:mod:`rasd.extract.group_names`); with none, or two, it stands for nobody. Only the role and the
affiliation are read here: whether the words are a person is decided by the name's own evidence.
"""

from __future__ import annotations

from rasd.extract.group_names import group_head, load_group_heads
from rasd.extract.person_names import NICK_CUES, Page
from rasd.taxonomy.registry import Roles, fold

DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})
POSSESSIVE = frozenset({"'s", "’s"})
LINKS = frozenset({"of", "in", "with", "from", "for", "the", "this", "that", "its", "their"})
BOUNDARY = frozenset({".", ";", ":", "!", "?", "(", ")", '"', "“", "”"})
WINDOW = 10  # tokens looked at before a comma or a cue, and in an apposition


Found = tuple[str | None, str | None, str | None]  # role, category, affiliation (group id)


def described(p: Page, roles: Roles, start: int, end: int) -> Found:
    """(role, category, affiliation) stated in a description around the name at start..end."""
    cue = _cue_before(p, start)
    if cue is not None:
        found = _role_phrase(p, roles, cue)
        if found:
            return found
    if start > 0 and p.v.text[start - 1] == "," and not p.v.sent_start[start - 1]:
        found = _role_phrase(p, roles, start - 1)
        if found:
            return found
    return None, None, _appositive_group(p, end)


def _cue_before(p: Page, start: int) -> int | None:
    """Token where a nickname cue ("known as", "nicknamed") right before the name starts."""
    for n in (3, 2, 1):
        if start - n >= 0 and tuple(p.v.lower[start - n : start]) in NICK_CUES:
            return start - n
    return None


def _role_phrase(p: Page, roles: Roles, stop: int) -> Found | None:
    """(role, category, affiliation) of "DET [GROUP's] ROLE [of the GROUP]" ending at ``stop``.

    The words between the role and ``stop`` may only be links ("of", "in", "the") and group
    names, so the role is the head of the phrase the name is attached to.
    """
    v = p.v
    low = v.lower
    k = stop - 1
    group = None
    while k >= 0 and stop - k <= WINDOW and not v.sent_start[k + 1]:
        entity = _group_at(p, k)
        if entity is not None:
            group = group or entity[0]
            k = entity[1] - 1
            continue
        if low[k] not in LINKS:
            break
        k -= 1
    if k < 0 or v.text[k] in BOUNDARY:
        return None
    words = [fold(w) for w in v.text[max(0, k - 3) : k + 1]]
    hit = roles.role_before(words) or roles.title_before(words)
    if hit is None or not hit[1]:
        return None
    first = k - hit[0] + 1
    before = low[first - 1] if first > 0 else ""
    if before not in DETERMINERS and before not in POSSESSIVE:
        return None  # the role heads no noun phrase ("said commander, Abu X"): not stated
    owner = _group_at(p, first - 2) if before in POSSESSIVE else None
    return hit[1], hit[2], group or (owner[0] if owner else None)


def _group_at(p: Page, k: int) -> tuple[str, int] | None:
    """(group id, first token) of a group mention or back-reference ending at token k."""
    if k < 0:
        return None
    if p.group_ends.get(k + 1) is not None:
        return next((str(entity), s) for s, e, entity in p.groups
                    if e == k + 1 and entity is not None)
    head = p.v.lower[k]
    if head not in load_group_heads().back_references or k == 0 or \
            p.v.lower[k - 1] not in {"the", "this", "that"}:
        return None
    named = {str(entity) for s, e, entity in p.groups
             if e <= k and entity is not None and group_head(p.span(s, e)) == head}
    return (named.pop(), k - 1) if len(named) == 1 else None


def _appositive_group(p: Page, end: int) -> str | None:
    """A back-reference in the apposition after a name (", the brigade's commander,")."""
    if end >= p.n or p.v.text[end] != ",":
        return None
    for k in range(end + 1, min(end + WINDOW, p.n)):
        if p.v.text[k] in BOUNDARY or p.v.text[k] == "," or p.v.sent_start[k]:
            return None
        found = _group_at(p, k)
        if found is not None:
            return found[0]
    return None
