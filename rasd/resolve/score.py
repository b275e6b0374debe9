"""Scoring whether two person mentions name the same person, with the reasons.

The score is a logistic combination of evidence (Fellegi–Sunter style log-odds): each feature
adds a weight when it agrees and subtracts one when it disagrees, starting from a prior that two
names in one block are *different* people. Every feature is reported as
``(feature, weight, agreed, detail)``.

Precision rules on top of the weights:

- a *veto* (given names, surnames, kunyas, nasabs or origins that differ) makes the pair a
  cannot-link: score at most 0.01;
- a single agreeing name part (a shared family name, a given name alone) never links
  automatically (``auto`` is False: at most the review queue) — except a short form that has
  exactly one possible full name in its own report (``coreference``);
- a shared kunya with nothing else in the name links automatically only with two kinds of
  context agreeing (place, and affiliation / group / role).
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


@dataclass
class Scored:
    """A pair's score, its features, and whether it may link without a person."""

    score: float
    features: list[Feature] = field(default_factory=list)
    veto: bool = False
    auto: bool = True

    def explanation(self) -> dict[str, object]:
        return {"score": round(self.score, 4), "veto": self.veto, "auto": self.auto,
                "features": [list(f) for f in self.features]}


def _slot_features(a: Item, b: Item, feats: list[Feature]) -> tuple[set[str], bool]:
    """Name-part features; (agreeing parts, veto)."""
    vocab = vocabulary()
    agreed: set[str] = set()
    veto = False
    sa, sb = a.name_slots(), b.name_slots()
    for slot in ("given", "surname", "kunya", "nasab", "laqab"):
        if slot not in sa or slot not in sb:
            continue
        va, vb = sa[slot], sb[slot]
        t = token_agreement(va, vb)
        detail = f"{va} / {vb}"
        if t > 0:
            common = (slot == "given" and va in vocab.common_given) or (
                slot == "kunya" and va in vocab.common_kunya)
            weight = (COMMON_AGREE[slot] if common else AGREE[slot]) * t
            feats.append((slot, round(weight, 3), True, detail + (" (common)" if common else "")))
            agreed.add(slot)
        elif t < 0:
            feats.append((slot, DISAGREE[slot], False, detail))
            veto = veto or slot in VETO_SLOTS
        else:
            feats.append((slot, 0.0, False, detail + " (uncertain)"))
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


def _context_features(a: Item, b: Item, feats: list[Feature]) -> set[str]:
    """Context features; the kinds of context that agreed."""
    kinds: set[str] = set()
    if a.places and b.places:
        common = sorted(set(a.places) & set(b.places))
        if common:
            feats.append(("place", SAME_PLACE, True, ", ".join(common)))
            kinds.add("place")
        elif set(a.areas) & set(b.areas):
            feats.append(("area", SAME_AREA, True, ", ".join(sorted(set(a.areas) & set(b.areas)))))
            kinds.add("place")
        else:
            feats.append(("place", OTHER_PLACES, False, "no place or area in common"))
    if a.affiliation and b.affiliation:
        if a.affiliation == b.affiliation:
            feats.append(("affiliation", SAME_AFFILIATION, True, a.affiliation))
            kinds.add("group")
        else:
            feats.append(("affiliation", OTHER_AFFILIATION, False,
                          f"{a.affiliation} / {b.affiliation}"))
    elif set(a.groups) & set(b.groups):
        shared = ", ".join(sorted(set(a.groups) & set(b.groups)))
        feats.append(("groups", GROUP_OVERLAP, True, shared))
        kinds.add("group")
    if a.category and b.category:
        if a.category == b.category:
            same_title = bool(a.title) and a.title == b.title
            weight = SAME_CATEGORY + (SAME_TITLE if same_title else 0.0)
            feats.append(("role", weight, True, str(a.title if same_title else a.category)))
            kinds.add("role")
        else:
            feats.append(("role", OTHER_CATEGORY, False, f"{a.category} / {b.category}"))
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap <= 365:
            feats.append(("date", NEAR_DATE, True, f"{gap} days apart"))
        elif gap > 5 * 365:
            feats.append(("date", FAR_DATE, False, f"{gap // 365} years apart"))
    return kinds


def _may_link(agreed: set[str], kinds: set[str], coreference: bool) -> bool:
    if coreference:
        return True
    if len(agreed) >= 2 or ("laqab" in agreed and kinds):
        return True
    if agreed == {"kunya"}:
        return "place" in kinds and len(kinds) >= 2
    return False


def score_pair(a: Item, b: Item, coreference: bool = False) -> Scored:
    """Score two person items; ``coreference``: ``b`` is the one full name ``a`` can shorten."""
    feats: list[Feature] = [("prior", PRIOR, False, "two names in one block")]
    agreed, veto = _slot_features(a, b, feats)
    veto = _origin_feature(a, b, feats, agreed) or veto
    _middle_feature(a, b, feats)
    kinds = _context_features(a, b, feats)
    if a.report == b.report and not veto:
        if coreference:
            feats.append(("coreference", COREFERENCE, True, "the only such name in the report"))
        elif len(agreed) >= 2:
            feats.append(("same report", SAME_REPORT, True, a.report))
    raw = sum(f[1] for f in feats)
    score = 1.0 / (1.0 + math.exp(-raw))
    if veto:
        score = min(score, VETO_CAP)
    auto = not veto and _may_link(agreed, kinds, coreference)
    if not agreed:
        score = min(score, 0.5)
    return Scored(score=score, features=feats, veto=veto, auto=auto)


def conflicts(a: tuple[str | None, ...], b: tuple[str | None, ...]) -> bool:
    """Whether two signatures (:meth:`Item.signature`) cannot be one person."""
    for va, vb in zip(a[:4], b[:4], strict=True):
        if va and vb and token_agreement(va, vb) < 0:
            return True
    return bool(a[4] and b[4] and a[4] != b[4])
