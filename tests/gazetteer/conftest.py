"""Fixtures of the gazetteer tests. Every sentence and village here is FICTIONAL, written for
Rasd; governorate names are the real, plainly factual ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import rasd.extract.places  # noqa: F401  (registers rasd_places)
from rasd.gazetteer.load import LoadedGazetteer, load_gazetteer


def geonames_row(gid: int, name: str, alternates: list[str], lat: float, lon: float,
                 fclass: str, fcode: str, admin1: str, population: int = 0) -> str:
    """One line in the GeoNames country dump format (``SY.txt``: 19 tab-separated columns)."""
    cols = [str(gid), name, name, ",".join(alternates), f"{lat}", f"{lon}", fclass, fcode,
            "SY", "", admin1, "", "", "", str(population), "", "350", "Asia/Damascus",
            "2024-01-01"]
    return "\t".join(cols)


#: a small dump: fictional villages and a dam, the real Idlib city row with a fictional
#: alternate name, and rows the importer must skip (a country, a governorate, a road)
SY_DUMP = "\n".join([
    geonames_row(99000001, "Tall Fiktiyah", ["Tell Fiktiya", "Tal Fektiyeh", "تل فكتية"],
                 35.71, 36.62, "P", "PPL", "12", 1200),
    geonames_row(99000002, "Kafr Wahmi", ["Kfar Wahmi"], 36.31, 37.02, "P", "PPL", "09"),
    geonames_row(99000003, "Sadd Khayali", ["Khayali Dam"], 35.90, 38.20, "H", "DAM", "04"),
    geonames_row(169389, "Idlib", ["Idlibiyya Fictiva"], 35.93062, 36.63393, "P", "PPLA",
                 "12", 128840),
    geonames_row(163843, "Syria", [], 35.0, 38.0, "A", "PCLI", "00", 22000000),
    geonames_row(170062, "Aleppo Governorate", [], 36.25, 37.5, "A", "ADM1", "09"),
    geonames_row(99000004, "Tariq Wahmi", [], 36.0, 37.0, "R", "RD", "09"),
]) + "\n"

#: an OCHA/HDX P-code list (fictional communities; governorate names and codes as OCHA's)
OCHA_CSV = (
    "admin1Name_en,admin1Name_ar,admin1Pcode,admin2Name_en,admin2Name_ar,admin2Pcode,"
    "admin4Name_en,admin4Name_ar,admin4Pcode,latitude,longitude\n"
    "Aleppo,حلب,SY02,Jebel Saman,جبل سمعان,SY0200,Khirbet Mukhtalaqa,خربة مختلقة,"
    "SY02000F01,36.12,37.30\n"
    "Al-Hasakeh,الحسكة,SY08,Al-Hasakeh,الحسكة,SY0800,Umm Zaifa,أم زائفة,SY08000F02,,\n"
)


@pytest.fixture(scope="session")
def loaded() -> LoadedGazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipe = spacy.blank("en")
    pipe.add_pipe("sentencizer")
    pipe.add_pipe("rasd_places")
    return pipe


Places = Callable[[str], list[tuple[str, dict[str, object], str | None]]]


def spans(doc: Doc) -> list[tuple[str, dict[str, object], str | None]]:
    return [(s.text, s._.value, s._.entity) for s in doc.spans["place"]]


@pytest.fixture(scope="session")
def places(nlp: Language) -> Places:
    """Place spans of a text: (text, value, entity)."""
    return lambda text: spans(nlp(text))


@pytest.fixture
def dump_file(tmp_path: Path) -> Path:
    path = tmp_path / "SY.txt"
    path.write_text(SY_DUMP, encoding="utf-8")
    return path


@pytest.fixture
def ocha_file(tmp_path: Path) -> Path:
    path = tmp_path / "syr_pcodes.csv"
    path.write_text(OCHA_CSV, encoding="utf-8")
    return path
