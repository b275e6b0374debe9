"""Scoring whether two person mentions name the same person, with the reasons.

The score is a logistic combination of evidence (Fellegi–Sunter style log-odds): each feature
adds a weight when it agrees and subtracts one when it disagrees, starting from a prior that two
names in one block are *different* people. Every feature is reported as
``(feature, weight, agreed, detail)``; ``explain=False`` skips the detail texts (bulk linking
scores first and explains only the pairs it keeps, see :mod:`rasd.resolve.link`).

Precision rules on top of the weights:

- a *veto* (given names, surnames, kunyas, nasabs or origins that differ) makes the pair a
  cannot-link: score at most 0.01;
- a single agreeing name part (a shared family name, a given name alone) never links
  automatically (``auto`` is False: at most the review queue) — except a short form that has
  exactly one possible full name in its own report, or in the mail it came with and that
  mail's other attachments (``coreference``; across two parts of a mail only when their
  places and stated affiliations do not disagree);
- a shared kunya with nothing else in the name links automatically only with two kinds of
  context agreeing (place, and affiliation / group / role).

A *bare* name (one plain word: "Khaled", "Rezan") may be a given name or a family name: its word
is compared with both parts of the other name, and it agrees with the one it matches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rasd.resolve.items import Item
from rasd.resolve.keys import token_agreement, vocabulary

Feature = tuple[str, float, bool, str]

PRIOR = -3.0
AGREE = {"given": 2.5, "surname": 2.5, "kunya": 2.0, "nasab": 1.5, "laqab": 2.5}
COMMON_AGREE = {"given": 1.5, "kunya": 1.2}
DISAGREE = {"given": -6.0, "surname": -5.0, "kunya": -5.0, "nasab": -4.0, "laqab": -1.0}
VETO_SLOTS = frozenset({"given", "surname", "kunya", "nasab"})
ORIGIN_AGREE, ORIGIN_DISAGREE = 2.0, -4.0
MIDDLE_AGREE, MIDDLE_DISAGREE = 1.0, -1.5
SAME_PLACE, SAME_AREA, OTHER_PLACES = 1.0, 0.5, -1.5
SAME_AFFILIATION, OTHER_AFFILIATION, GROUP_OVERLAP = 1.5, -3.0, 0.5
SAME_CATEGORY, SAME_TITLE, OTHER_CATEGORY = 0.8, 0.4, -2.0
NEAR_DATE, FAR_DATE = 0.3, -0.5
SAME_REPORT, COREFERENCE = 1.0, 3.5
VETO_CAP = 0.01
SLOTS = ("given", "surname", "kunya", "nasab", "laqab")


@dataclass(slots=True)
class Scored:
    """A pair's score, its features, and whether it may link without a person."""

    score: float
    features: list[Feature] = field(default_factory=list)
    veto: bool = False
    auto: bool = True

    def explanation(self) -> dict[str, object]:
        return {"score": round(self.score, 4), "veto": self.veto, "auto": self.auto,
                "features": [list(f) for f in self.features]}


def _agree(slot: str, va: str, t: float, detail: str, feats: list[Feature]) -> None:
    vocab = vocabulary()
    common = (slot == "given" and va in vocab.common_given) or (
        slot == "kunya" and va in vocab.common_kunya)
    weight = (COMMON_AGREE[slot] if common else AGREE[slot]) * t
    feats.append((slot, round(weight, 3), True, detail + (" (common)" if common else "")))


def _slot_pairs(a: Item, b: Item) -> list[tuple[str, str, str]]:
    """(slot, value of a, value of b) to compare; a bare word meets its best match."""
    if a.bare != b.bare:
        bare, full = (a, b) if a.bare else (b, a)
        word = str(bare.surname)
        options = [(s, v) for s, v in (("given", full.given), ("surname", full.surname)) if v]
        if not options:
            return []
        slot, value = max(options, key=lambda o: token_agreement(word, o[1]))
        return [(slot, word, value) if a.bare else (slot, value, word)]
    sa, sb = a.name_slots(), b.name_slots()
    return [(s, sa[s], sb[s]) for s in SLOTS if s in sa and s in sb]


def _slot_features(a: Item, b: Item, feats: list[Feature], explain: bool
                   ) -> tuple[set[str], bool]:
    """Name-part features; (agreeing parts, veto)."""
    agreed: set[str] = set()
    veto = False
    for slot, va, vb in _slot_pairs(a, b):
        t = token_agreement(va, vb)
        detail = f"{va} / {vb}" if explain else ""
        if t > 0:
            _agree(slot, va, t, detail, feats)
            agreed.add(slot)
        elif t < 0:
            feats.append((slot, DISAGREE[slot], False, detail))
            veto = veto or (slot in VETO_SLOTS and not (a.bare and b.bare))
        else:
            feats.append((slot, 0.0, False, detail + (" (uncertain)" if explain else "")))
    return agreed, veto


def _origin_feature(a: Item, b: Item, feats: list[Feature], agreed: set[str]) -> bool:
    if not a.origin or not b.origin:
        return False
    if a.origin == b.origin:
        if "surname" not in agreed:
            feats.append(("origin", ORIGIN_AGREE, True, a.origin))
            agreed.add("origin")
        return False
    feats.append(("origin", ORIGIN_DISAGREE, False, f"{a.origin} / {b.origin}"))
    return True


def _middle_feature(a: Item, b: Item, feats: list[Feature]) -> None:
    if a.middle and b.middle:
        t = token_agreement(a.middle[0], b.middle[0])
        if t > 0:
            feats.append(("middle", MIDDLE_AGREE, True, a.middle[0]))
        elif t < 0:
            feats.append(("middle", MIDDLE_DISAGREE, False, f"{a.middle[0]} / {b.middle[0]}"))


def _shared(x: tuple[str, ...], y: tuple[str, ...], explain: bool) -> tuple[bool, str]:
    common = set(x) & set(y)
    return bool(common), (", ".join(sorted(common)) if explain and common else "")


def _place_features(a: Item, b: Item, feats: list[Feature], kinds: set[str],
                    explain: bool) -> None:
    same, detail = _shared(a.places, b.places, explain)
    if same:
        feats.append(("place", SAME_PLACE, True, detail))
        kinds.add("place")
        return
    near, detail = _shared(a.areas, b.areas, explain)
    if near:
        feats.append(("area", SAME_AREA, True, detail))
        kinds.add("place")
    else:
        feats.append(("place", OTHER_PLACES, False, "no place or area in common"))


def _group_features(a: Item, b: Item, feats: list[Feature], kinds: set[str],
                    explain: bool) -> None:
    if a.affiliation and b.affiliation:
        if a.affiliation == b.affiliation:
            feats.append(("affiliation", SAME_AFFILIATION, True, a.affiliation))
            kinds.add("group")
        else:
            feats.append(("affiliation", OTHER_AFFILIATION, False,
                          f"{a.affiliation} / {b.affiliation}" if explain else ""))
        return
    mine = (a.affiliation,) if a.affiliation else a.groups
    theirs = (b.affiliation,) if b.affiliation else b.groups
    shared, detail = _shared(mine, theirs, explain)
    if shared:
        feats.append(("groups", GROUP_OVERLAP, True, detail))
        kinds.add("group")


def _role_features(a: Item, b: Item, feats: list[Feature], kinds: set[str],
                   explain: bool) -> None:
    if a.category and b.category:
        if a.category == b.category:
            same_title = bool(a.title) and a.title == b.title
            weight = SAME_CATEGORY + (SAME_TITLE if same_title else 0.0)
            feats.append(("role", weight, True, str(a.title if same_title else a.category)))
            kinds.add("role")
        else:
            feats.append(("role", OTHER_CATEGORY, False,
                          f"{a.category} / {b.category}" if explain else ""))
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap <= 365:
            feats.append(("date", NEAR_DATE, True, f"{gap} days apart" if explain else ""))
        elif gap > 5 * 365:
            feats.append(("date", FAR_DATE, False, f"{gap // 365} years apart" if explain else ""))


def _context_features(a: Item, b: Item, feats: list[Feature], explain: bool) -> set[str]:
    """Context features; the kinds of context that agreed."""
    kinds: set[str] = set()
    if a.places and b.places:
        _place_features(a, b, feats, kinds, explain)
    _group_features(a, b, feats, kinds, explain)
    _role_features(a, b, feats, kinds, explain)
    return kinds


def _may_link(agreed: set[str], kinds: set[str], coreference: bool) -> bool:
    if coreference:
        return True
    if len(agreed) >= 2 or ("laqab" in agreed and kinds):
        return True
    if agreed == {"kunya"}:
        return "place" in kinds and len(kinds) >= 2
    return False


def _context_disagrees(feats: list[Feature]) -> bool:
    """Whether the places (none in common) or the stated affiliations disagree."""
    return any(not agreed and weight < 0 and name in ("place", "affiliation")
               for name, weight, agreed, _ in feats)


def score_pair(a: Item, b: Item, coreference: bool = False, explain: bool = True) -> Scored:
    """Score two person items; ``coreference``: ``b`` is the one full name ``a`` can shorten."""
    feats: list[Feature] = [("prior", PRIOR, False, "two names in one block")]
    agreed, veto = _slot_features(a, b, feats, explain)
    veto = _origin_feature(a, b, feats, agreed) or veto
    _middle_feature(a, b, feats)
    kinds = _context_features(a, b, feats, explain)
    if coreference and a.report != b.report and _context_disagrees(feats):
        coreference = False  # two parts of one mail about different places or groups
    if coreference and not veto:
        where = "report" if a.report == b.report else "mail and its attachments"
        feats.append(("coreference", COREFERENCE, True, f"the only such name in the {where}"))
    elif a.report == b.report and not veto and len(agreed) >= 2:
        feats.append(("same report", SAME_REPORT, True, a.report))
    raw = sum(f[1] for f in feats)
    score = 1.0 / (1.0 + math.exp(-raw))
    if veto:
        score = min(score, VETO_CAP)
    auto = not veto and _may_link(agreed, kinds, coreference)
    if not agreed:
        score = min(score, 0.5)
    return Scored(score=score, features=feats if explain else [], veto=veto, auto=auto)


def conflicts(a: tuple[str | None, ...], b: tuple[str | None, ...]) -> bool:
    """Whether two signatures (:meth:`Item.signature`) cannot be one person."""
    for va, vb in zip(a[:4], b[:4], strict=True):
        if va and vb and token_agreement(va, vb) < 0:
            return True
    return bool(a[4] and b[4] and a[4] != b[4])
