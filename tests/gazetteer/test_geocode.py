"""The geocoder's patterns and context through the places component. Sentences FICTIONAL."""

from __future__ import annotations

from conftest import Places

from rasd.gazetteer.geocode import Geocoder, PlaceQuery, distance_km
from rasd.gazetteer.load import LoadedGazetteer
from rasd.gazetteer.store import Place

ALEPPO = (36.20124, 37.16117)


def km(value: dict[str, object], lat: float, lon: float) -> float:
    here = Place("a", "a", float(value["lat"]), float(value["lon"]), "SY")  # type: ignore[arg-type]
    return distance_km(here, Place("b", "b", lat, lon, "SY"))


def one(places: Places, text: str, surface: str) -> tuple[dict[str, object], str | None]:
    hits = [(v, e) for t, v, e in places(text) if surface in t]
    assert hits, (surface, places(text))
    return hits[0]


def test_spellings_resolve_to_one_place(places: Places) -> None:
    text = ("Fictional: warplanes struck Ar-Raqqah on Monday; residents of al-Raqa and Rakka "
            "fled to Raqqa's outskirts. Later Iblid and Idleb were shelled, then Hassakeh, "
            "al-Hasaka and Ma'arrat an-Nu'man, as in Maarat al-Numan.")
    got = {t: e for t, _, e in places(text)}
    assert got["Ar-Raqqah"] == got["al-Raqa"] == got["Rakka"] == "geo-172955"
    assert got["Iblid"] == got["Idleb"] == "geo-169389"
    assert got["Hassakeh"] == got["al-Hasaka"]
    assert got["Ma'arrat an-Nu'man"] == got["Maarat al-Numan"] is not None


def test_countryside_of_a_governorate_is_a_region(places: Places) -> None:
    value, _ = one(places, "Fictional: shelling hit the eastern countryside of Aleppo on "
                           "Monday.", "countryside")
    assert value["geo_precision"] == 3 and value["admin1"] == "Aleppo"
    assert float(str(value["lon"])) > ALEPPO[1] + 0.1  # coded east of the city, in the countryside
    value, _ = one(places, "Fictional: rockets fell on the southern Idlib countryside.",
                   "Idlib")
    assert value["geo_precision"] == 3 and float(str(value["lat"])) < 35.85


def test_near_a_town_is_precision_2(places: Places) -> None:
    value, entity = one(places, "Fictional: clashes near Saraqib left two dead.", "Saraqib")
    assert entity is not None and value["geo_precision"] == 2 and value["admin1"] == "Idlib"
    value, _ = one(places, "Fictional: rebels attacked a checkpoint on the outskirts of "
                           "Saraqib.", "Saraqib")
    assert value["geo_precision"] == 2


def test_neighbourhood_of_a_town(places: Places) -> None:
    value, entity = one(places, "Fictional: a shell fell on the al-Shaar neighbourhood of "
                                "Aleppo.", "Shaar")
    assert entity == "geo-rasd-shaar" and value["geo_precision"] == 2
    assert km(value, *ALEPPO) < 10


def test_unknown_village_in_an_area_is_coded_to_it(places: Places) -> None:
    value, entity = one(places, "Fictional: Kafr Wahmiyya, a village in the Idlib countryside, "
                                "was bombed.", "Kafr Wahmiyya")
    assert entity is None and value["geo_precision"] == 3 and value["admin1"] == "Idlib"
    value, entity = one(places, "Fictional: rockets hit the village of Umm Khayaliyya in the "
                                "western countryside of Hama.", "Umm Khayaliyya")
    assert entity is None and value["geo_precision"] == 3 and value["admin1"] == "Hama"


def test_unknown_typed_places_are_kept_unresolved(places: Places) -> None:
    got = {t: (v, e) for t, v, e in places(
        "Fictional: the towns of Kafr Wahmi Saghir, Tell Khayal and Deir Mawhum were shelled; "
        "Mawhumiyya's bakeries closed.")}
    for name in ("Kafr Wahmi Saghir", "Tell Khayal", "Deir Mawhum", "Mawhumiyya"):
        value, entity = got[name]
        assert entity is None and value["lat"] is None and value["geo_precision"] is None


def test_nationality_words_resolve_to_countries(places: Places) -> None:
    got = {t: v for t, v, _ in places(
        "Fictional: shells landed in Lebanese territory near the Jordanian border, Lebanese "
        "officials said.")}
    assert got["Lebanese"]["country"] == "LB" and got["Jordanian"]["country"] == "JO"
    assert got["Lebanese"]["geo_precision"] == 3
    assert len([t for t, _, _ in places("Fictional: Lebanese officials said so.")]) == 0


def test_context_keeps_namesakes_apart(places: Places) -> None:
    # two villages called Suran: the larger in Hama, a smaller one north of Aleppo
    alone, _ = one(places, "Fictional: fighting reached Suran on Tuesday.", "Suran")
    north, _ = one(places, "Fictional: rebels from Azaz and Marea advanced on Suran, north "
                           "of Aleppo, on Tuesday.", "Suran")
    assert alone["admin1"] == "Hama" and north["admin1"] == "Aleppo"
    got = {t: v for t, v, _ in places(
        "Fictional: troops in Muadamiyat al-Sham shelled Daraya, while Daraa was calm.")}
    assert got["Daraya"]["admin1"] == "Rif Dimashq" and got["Daraa"]["admin1"] == "Daraa"


def test_province_and_city(places: Places) -> None:
    got = [(t, v["geo_precision"], e) for t, v, e in places(
        "Fictional: Idlib province was shelled; in Idlib city residents fled.")]
    assert got[0][1] == 3 and got[0][2] == "geo-rasd-adm1-sy-12"
    assert got[1][1] == 1 and got[1][2] == "geo-169389"


def test_dateline_is_a_place_but_not_the_report_s_area(places: Places) -> None:
    got = [(t, v["country"]) for t, v, _ in places(
        "BEIRUT (Fictional) - Government forces shelled Douma in eastern Ghouta on Sunday.")]
    assert ("BEIRUT", "LB") in got and ("Douma", "SY") in got


def test_geocoder_explains_and_refuses_unsure_guesses(loaded: LoadedGazetteer) -> None:
    geocoder = Geocoder(loaded.gazetteer)
    res = geocoder.resolve([PlaceQuery("Maaret al-Nouman")])[0]
    assert res.entity == "geo-167611" and res.geo_precision == 1 and res.explanation
    unsure = geocoder.resolve([PlaceQuery("Zzyzx Fictiva")])[0]
    assert unsure.place is None and unsure.reason == "not in the gazetteer"
