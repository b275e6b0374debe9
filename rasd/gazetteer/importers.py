"""Importers for fuller gazetteer sources: GeoNames country dumps and OCHA/HDX P-code lists.

- GeoNames country dump (``SY.txt`` from download.geonames.org, tab-separated, 19 columns):
  rows of feature classes P, A, S, L, H, T, V are kept (villages, neighbourhoods, airports,
  dams, oil fields...); countries and first-level areas are skipped where the bundled gazetteer
  has them. Ids ``geo-<geonameid>``, so a row of a bundled place adds its names to it.
- OCHA/HDX P-code list (CSV; columns such as ``admin1Name_en``, ``admin1Name_ar``,
  ``admin1Pcode`` ... ``admin4Pcode``, or ``ADM1_EN`` / ``ADM1_PCODE``; optional ``latitude`` /
  ``longitude``): one entry per row for its deepest level. Ids ``geo-ocha-<pcode>``. Admin-1
  names are mapped to the gazetteer's governorate names ("Al-Hasakeh" -> "Hasakah").

:func:`import_file` merges a file's entries into a workspace's extra file (see
:func:`rasd.gazetteer.load.extra_path`), replacing earlier imports of the same ids.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from rasd.gazetteer.build import load_admin1
from rasd.gazetteer.keys import translit_key
from rasd.gazetteer.store import Place, read_tsv, write_tsv

KEEP_CLASSES = frozenset("PASLHTV")
SKIP_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLIX", "PCL"})
_ADMIN_NAME = re.compile(r"^adm(?:in)?([1-4])(?:name)?_?(en|ar)$")
_ADMIN_CODE = re.compile(r"^adm(?:in)?([1-4])_?pcode$")


class GazetteerImportError(ValueError):
    """A file that is not in a format the importers read (its message says why)."""


def detect_format(path: Path, head: str) -> str:
    """``geonames`` or ``ocha``, from the file's first line."""
    first = head.splitlines()[0] if head else ""
    if first.count("\t") >= 14 and first.split("\t")[0].strip().isdigit():
        return "geonames"
    lowered = first.lower().replace(" ", "")
    if "pcode" in lowered:
        return "ocha"
    raise GazetteerImportError(f"{path.name}: neither a GeoNames dump nor an OCHA P-code CSV")


def read_geonames_dump(text: str) -> Iterator[Place]:
    """Entries of a GeoNames country dump (the ``SY.txt`` format)."""
    admin1 = load_admin1()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 15:
            raise GazetteerImportError(f"line {n}: {len(cols)} columns, a GeoNames row has 19")
        fclass, fcode, cc = cols[6], cols[7], cols[8]
        if fclass not in KEEP_CLASSES or fcode in SKIP_CODES:
            continue
        if fcode == "ADM1" and cc in admin1:
            continue  # the bundled gazetteer has the first-level areas, with their aliases
        names = sorted({a for a in cols[3].split(",") if a} | {cols[2]} - {cols[1], ""})
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError as exc:
            msg = f"line {n}: bad coordinates {cols[4]!r}, {cols[5]!r}"
            raise GazetteerImportError(msg) from exc
        yield Place(
            id=f"geo-{cols[0]}", name=cols[1], names=names, lat=lat, lon=lon, country=cc,
            admin1=admin1.get(cc, {}).get(cols[10], {}).get("name", ""),
            feature_class=fclass, feature_code=fcode,
            population=int(cols[14]) if cols[14].strip().isdigit() else 0,
        )


def _governorates() -> dict[str, str]:
    """Transliteration key -> governorate name, for OCHA's admin-1 spellings."""
    out: dict[str, str] = {}
    for row in load_admin1().get("SY", {}).values():
        for name in [row["name"], *row.get("aliases", [])]:
            out[translit_key(str(name))] = str(row["name"])
    return out


Columns = tuple[dict[tuple[int, str], int], dict[int, int], dict[str, int]]


def _columns(header: list[str]) -> Columns:
    names: dict[tuple[int, str], int] = {}
    codes: dict[int, int] = {}
    coords: dict[str, int] = {}
    for i, raw in enumerate(header):
        col = raw.strip().lower().replace(" ", "")
        if m := _ADMIN_NAME.match(col):
            names[(int(m.group(1)), m.group(2))] = i
        elif m := _ADMIN_CODE.match(col):
            codes[int(m.group(1))] = i
        elif col in {"latitude", "lat", "y"}:
            coords["lat"] = i
        elif col in {"longitude", "lon", "long", "x"}:
            coords["lon"] = i
    return names, codes, coords


def read_ocha(text: str, country: str = "SY") -> Iterator[Place]:
    """Entries of an OCHA/HDX P-code CSV (one per row, at its deepest admin level)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return
    names, codes, coords = _columns(rows[0])
    if not codes or not any(lang == "en" for _, lang in names):
        msg = "no admin name / P-code columns (admin1Name_en, admin1Pcode ...)"
        raise GazetteerImportError(msg)
    govs = _governorates()
    for n, row in enumerate(rows[1:], start=2):
        levels = [lv for lv in sorted(codes) if codes[lv] < len(row) and row[codes[lv]].strip()]
        if not levels:
            continue
        level = levels[-1]
        name = _cell(row, names.get((level, "en")))
        if not name:
            raise GazetteerImportError(f"row {n}: no English name at admin level {level}")
        arabic = _cell(row, names.get((level, "ar")))
        adm1 = _cell(row, names.get((1, "en")))
        lat, lon = _coords(row, coords, n)
        yield Place(
            id=f"geo-ocha-{row[codes[level]].strip()}", name=name,
            names=[arabic] if arabic else [], lat=lat, lon=lon, country=country,
            admin1=govs.get(translit_key(adm1), adm1), admin2=_cell(row, names.get((2, "en"))),
            feature_class="P" if level == 4 else "A",
            feature_code="PPL" if level == 4 else f"ADM{level}",
            note=f"OCHA P-code {row[codes[level]].strip()}",
        )


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _coords(row: list[str], coords: dict[str, int], n: int) -> tuple[float | None, float | None]:
    lat, lon = _cell(row, coords.get("lat")), _cell(row, coords.get("lon"))
    if not lat or not lon:
        return None, None
    try:
        return float(lat), float(lon)
    except ValueError as exc:
        raise GazetteerImportError(f"row {n}: bad coordinates {lat!r}, {lon!r}") from exc


def read_source(path: Path) -> list[Place]:
    """Entries of a GeoNames dump or OCHA CSV file (format detected from its first line)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerImportError(f"{path}: cannot read ({exc})") from exc
    fmt = detect_format(path, text[:4096])
    places = list(read_geonames_dump(text) if fmt == "geonames" else read_ocha(text))
    if not places:
        raise GazetteerImportError(f"{path.name}: no place rows")
    return places


def import_file(path: Path, target: Path) -> int:
    """Merge the entries of ``path`` into the extra file ``target``; returns how many."""
    places = read_source(path)
    merged = {p.id: p for p in (read_tsv(target) if target.exists() else [])}
    merged.update({p.id: p for p in places})
    tmp = target.with_suffix(".tmp")
    write_tsv(merged.values(), tmp)
    tmp.replace(target)
    return len(places)
