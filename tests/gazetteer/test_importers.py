"""Importers of fuller gazetteer sources and `rasd gazetteer import` (fictional entries)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from rasd.cli import app
from rasd.gazetteer.importers import GazetteerImportError, import_file, read_source
from rasd.gazetteer.load import build_gazetteer, extra_path
from rasd.gazetteer.store import read_tsv


def test_geonames_dump_keeps_place_classes_and_skips_areas(dump_file: Path) -> None:
    places = {p.id: p for p in read_source(dump_file)}
    assert set(places) == {"geo-99000001", "geo-99000002", "geo-99000003", "geo-169389"}
    village = places["geo-99000001"]
    assert village.admin1 == "Idlib" and village.population == 1200
    assert village.country == "SY" and (village.lat, village.lon) == (35.71, 36.62)
    assert "تل فكتية" in village.names and "Tell Fiktiya" in village.names
    dam = places["geo-99000003"]
    assert (dam.feature_class, dam.feature_code, dam.admin1) == ("H", "DAM", "Raqqa")


def test_ocha_csv_rows_at_their_deepest_level(ocha_file: Path) -> None:
    places = {p.id: p for p in read_source(ocha_file)}
    assert set(places) == {"geo-ocha-SY02000F01", "geo-ocha-SY08000F02"}
    first = places["geo-ocha-SY02000F01"]
    assert first.name == "Khirbet Mukhtalaqa" and first.names == ["خربة مختلقة"]
    assert (first.admin1, first.admin2, first.lat) == ("Aleppo", "Jebel Saman", 36.12)
    second = places["geo-ocha-SY08000F02"]
    assert second.admin1 == "Hasakah"  # OCHA's "Al-Hasakeh" mapped to the governorate name
    assert second.lat is None and second.lon is None


def test_bad_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    junk = tmp_path / "notes.csv"
    junk.write_text("name,comment\nfoo,bar\n", encoding="utf-8")
    with pytest.raises(GazetteerImportError, match="neither"):
        read_source(junk)
    bad = tmp_path / "bad.csv"
    bad.write_text("admin1Name_en,admin1Pcode,latitude,longitude\nAleppo,SY02,north,east\n",
                   encoding="utf-8")
    with pytest.raises(GazetteerImportError, match="bad coordinates"):
        read_source(bad)


def test_imports_extend_the_bundled_gazetteer(dump_file: Path, ocha_file: Path,
                                              tmp_path: Path) -> None:
    target = tmp_path / "extra.tsv.gz"
    assert import_file(dump_file, target) == 4
    assert import_file(ocha_file, target) == 2
    assert len(list(read_tsv(target))) == 6  # merged, not replaced
    plain = build_gazetteer()
    gaz = build_gazetteer(target).gazetteer
    assert len(gaz) == len(plain.gazetteer) + 5  # Idlib's row adds names, not an entry
    assert [p.id for p in gaz.lookup("Tal Fektiyeh")] == ["geo-99000001"]
    assert [p.id for p in gaz.lookup("تل فكتية")] == ["geo-99000001"]
    idlib = gaz.places["geo-169389"]
    assert "Idlibiyya Fictiva" in idlib.names and idlib.population == 128840
    assert not plain.gazetteer.lookup("Tal Fektiyeh")


def test_cli_import_then_lookup(dump_file: Path, ocha_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--workspace", str(tmp_path / "ws")]
    result = runner.invoke(app, [*base, "gazetteer", "import", str(dump_file)])
    assert result.exit_code == 0, result.output
    assert "imported 4 places" in result.output
    assert extra_path(tmp_path / "ws").exists()
    result = runner.invoke(app, [*base, "gazetteer", "import", str(ocha_file)])
    assert result.exit_code == 0, result.output
    found = runner.invoke(app, [*base, "gazetteer", "lookup", "Kfar Wahmi"])
    assert found.exit_code == 0 and "geo-99000002" in found.output
    found = runner.invoke(app, [*base, "gazetteer", "lookup", "Khirbet Mukhtalaqa"])
    assert "-> geo-ocha-SY02000F01 precision=1" in found.output
    # another spelling is a candidate; without context, a small village stays unresolved
    found = runner.invoke(app, [*base, "gazetteer", "lookup", "Khirbat Mukhtalaka"])
    assert "geo-ocha-SY02000F01\t" in found.output and "-> None" in found.output
    missing = runner.invoke(app, [*base, "gazetteer", "import", str(tmp_path / "none.txt")])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_places_component_uses_imported_entries(dump_file: Path, ocha_file: Path,
                                                tmp_path: Path) -> None:
    target = tmp_path / "extra.tsv.gz"
    import_file(dump_file, target)
    import_file(ocha_file, target)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("rasd_places", config={"extra": str(target)})
    text = ("Fictional: shells fell on Tal Fektiyeh and on Umm Zaifa in the morning, "
            "and on the Khayali Dam.")
    doc = nlp(text)
    got = {s.text: (s._.entity, s._.value) for s in doc.spans["place"]}
    assert got["Tal Fektiyeh"][0] == "geo-99000001"
    assert got["Tal Fektiyeh"][1]["geo_precision"] == 1
    entity, value = got["Umm Zaifa"]
    assert entity == "geo-ocha-SY08000F02"
    assert value["geo_precision"] == 3 and value["admin1"] == "Hasakah"  # no coordinates
    assert value["lat"] is not None
    assert got["Khayali Dam"][0] == "geo-99000003" and got["Khayali Dam"][1]["geo_precision"] == 2
