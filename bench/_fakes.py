"""Reading the FA-KES development set from ../shared/data/fakes (never copied into the repo)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

FAKES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fakes"


def fakes_rows(name: str = "fakes-dev.csv") -> list[dict[str, str]]:
    """The rows of a FA-KES file; exits with a message where the data is absent."""
    path = FAKES / name
    if not path.is_file():
        sys.exit(f"skipped: {path} is absent (the FA-KES data lives in ../shared/data/fakes)")
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
