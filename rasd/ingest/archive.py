"""The evidence archive: original bytes stored by sha256, written once, never changed."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Stored:
    sha256: str
    relpath: str  # relative to the archive root
    created: bool  # False when the same bytes were already there


@dataclass(frozen=True)
class Problem:
    report: str
    sha256: str
    reason: str  # "missing" or "changed"


class Archive:
    """Content-addressed files under ``root``: ``ab/abcd…`` by sha256 (256 folders at most,
    like git's objects; archives written before 0.1 used ``ab/cd/abcd…`` and are still read)."""

    def __init__(self, root: Path, fsync: bool = True) -> None:
        self.root = root
        self.fsync = fsync
        self._folders: set[Path] = set()  # folders known to exist: no mkdir per file

    def relpath(self, sha256: str) -> str:
        return f"{sha256[:2]}/{sha256}"

    def path(self, sha256: str) -> Path:
        path = self.root / self.relpath(sha256)
        if not path.exists():
            legacy = self.root / sha256[:2] / sha256[2:4] / sha256
            if legacy.exists():
                return legacy
        return path

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> Stored:
        """Store ``data`` (atomically, read-only); nothing is written if it is there already."""
        digest = sha256_of(data)
        existing = self.path(digest)
        if existing.exists():
            return Stored(digest, existing.relative_to(self.root).as_posix(), created=False)
        target = self.root / self.relpath(digest)
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if self.fsync:
                    os.fsync(handle.fileno())
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Stored(digest, self.relpath(digest), created=True)

    def discard(self, stored: Stored) -> None:
        """Undo a ``put`` that created a file, when the report it was for was not stored."""
        if stored.created:
            path = self.path(stored.sha256)
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
            path.unlink(missing_ok=True)

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def verify(self, entries: list[tuple[str, str, str]]) -> list[Problem]:
        """Re-hash every (report, sha256, relpath); report files missing or changed."""
        problems = []
        for report, digest, relpath in entries:
            path = self.root / relpath
            if not path.is_file():
                problems.append(Problem(report, digest, "missing"))
                continue
            hasher = hashlib.sha256()
            with path.open("rb") as handle:
                while block := handle.read(1 << 20):
                    hasher.update(block)
            if hasher.hexdigest() != digest:
                problems.append(Problem(report, digest, "changed"))
        return problems

    def orphans(self, known: set[str]) -> list[Path]:
        """Files in the archive that no report points at (there should be none)."""
        if not self.root.is_dir():
            return []
        return [p for p in self.root.glob("*/*/*") if p.is_file() and p.name not in known]
