"""Near-duplicate reports: syndicated or copied text counts once.

Texts are cut into word shingles (``k`` consecutive normalised words, hashed to 64 bits);
:class:`MinHasher` turns a shingle set into a MinHash signature and :class:`LSHIndex` finds
candidate pairs by banding signatures, so that a large corpus needs no all-pairs comparison.
Each candidate is verified on the exact shingle sets: a pair is a copy when the *containment*
(shared shingles over the smaller set) reaches the threshold — a trimmed or lightly edited
syndication of a wire story is a copy, a rewrite quoting a few sentences is not.

The copy is the later report (publication date, then id); the original keeps its own origin.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from rasd.model import Report

SHINGLE_WORDS = 5
COPY_THRESHOLD = 0.7
#: texts with fewer shingles than this are compared only when identical
MIN_SHINGLES = 8
#: up to this many reports are compared pair by pair; more go through the LSH index
BRUTE_FORCE_MAX = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """The hashed ``k``-word shingles of ``text`` (lower-cased words, punctuation ignored)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {_hash64(" ".join(words))} if words else set()
    return {_hash64(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}


def containment(a: set[int], b: set[int]) -> float:
    """Shared shingles over the smaller set (1.0: one text is inside the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class MinHasher:
    """MinHash signatures of ``perms`` hash functions ``(h xor mask) * odd mod 2**64``."""

    perms: int = 64
    seed: int = 1

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        self._masks = rng.integers(0, 2**63, size=self.perms, dtype=np.uint64)
        self._mults = rng.integers(0, 2**62, size=self.perms, dtype=np.uint64) * 2 + 1

    def signature(self, shingle_set: Iterable[int]) -> np.ndarray:
        values = np.fromiter(shingle_set, dtype=np.uint64)
        if values.size == 0:
            return np.full(self.perms, np.iinfo(np.uint64).max, dtype=np.uint64)
        mixed = (values[:, None] ^ self._masks[None, :]) * self._mults[None, :]
        return np.asarray(mixed.min(axis=0), dtype=np.uint64)

    @staticmethod
    def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.mean(sig_a == sig_b))


@dataclass
class LSHIndex:
    """Banded locality-sensitive hashing over MinHash signatures: candidate near-duplicates."""

    bands: int = 32
    buckets: dict[tuple[int, bytes], list[str]] = field(default_factory=dict)

    def add(self, key: str, signature: np.ndarray) -> list[str]:
        """Index ``key``; return the keys already indexed that share a band with it."""
        rows = len(signature) // self.bands
        found: list[str] = []
        for band in range(self.bands):
            chunk = signature[band * rows : (band + 1) * rows].tobytes()
            bucket = self.buckets.setdefault((band, chunk), [])
            found.extend(k for k in bucket if k not in found)
            bucket.append(key)
        return found


def _order(report: Report) -> tuple[date, str]:
    return (report.published or date.max, report.id)


def find_copies(
    reports: Sequence[Report], threshold: float = COPY_THRESHOLD
) -> dict[str, tuple[str, float]]:
    """Copies among ``reports``: copy id → (id of the earliest report it copies, containment)."""
    hasher, index = MinHasher(), LSHIndex()
    brute_force = len(reports) <= BRUTE_FORCE_MAX
    sets: dict[str, set[int]] = {}
    parent: dict[str, tuple[str, float]] = {}
    for report in sorted(reports, key=_order):
        sset = shingles(report.text or "")
        if not sset:
            continue
        earlier = list(sets) if brute_force else index.add(report.id, hasher.signature(sset))
        sets[report.id] = sset
        best: tuple[str, float] | None = None
        for other in earlier:
            score = _copy_score(sset, sets[other])
            if score >= threshold and (best is None or score > best[1]):
                best = (other, score)
        if best is not None:
            root = parent.get(best[0], (best[0], best[1]))[0]
            parent[report.id] = (root, best[1])
    return parent


def _copy_score(a: set[int], b: set[int]) -> float:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return 1.0 if a == b else 0.0
    return containment(a, b)
