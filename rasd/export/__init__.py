"""Exports: JSON Lines (the interchange contract), ACLED-style CSV, GeoJSON."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import Connection

from rasd.export.acled import write_acled
from rasd.export.geojson import write_geojson
from rasd.export.jsonl import write_jsonl
from rasd.workspace import Workspace

Writer = Callable[[Connection, TextIO], int]
EXPORTERS: dict[str, Writer] = {"jsonl": write_jsonl, "acled-csv": write_acled,
                                "geojson": write_geojson}


def export_to(ws: Workspace, fmt: str, output: Path | None) -> int:
    """Write the workspace in ``fmt`` to ``output`` (standard output when None)."""
    writer = EXPORTERS[fmt]
    with ws.engine.connect() as conn:
        if output is None:
            return writer(conn, sys.stdout)
        tmp = output.with_name(output.name + ".partial")
        with tmp.open("w", encoding="utf-8", newline="") as out:
            n = writer(conn, out)
        tmp.replace(output)
        return n
