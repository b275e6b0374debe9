"""The transliteration key and its collisions (spellings from reporting; test text fictional)."""

from __future__ import annotations

import pytest

from rasd.gazetteer.keys import translit_key, typo_key
from rasd.gazetteer.load import LoadedGazetteer
from rasd.gazetteer.stats import key_collisions

SAME = [
    ["Raqqa", "Ar-Raqqah", "al-Raqa", "Rakka", "Ar Raqqah", "Arraqqa", "الرقة"],
    ["Idlib", "Idleb", "Edlib", "إدلب"],
    ["Hasakah", "Hassakeh", "al-Hasaka", "Al-Hasakeh", "الحسكة"],
    ["Maarat al-Numan", "Ma'arrat an-Nu'man", "Maaret al-Nouman", "Ma‘arrat an Nu‘mān"],
    ["Deir ez-Zor", "Deir Ezzor", "Deir el-Zor", "Dayr az Zawr"],
    ["Khan Shaykhun", "Khan Sheikhoun", "Khan Sheikhun"],
    ["Suwayda", "Sweida", "As-Suwayda"],
]


@pytest.mark.parametrize("spellings", SAME)
def test_spellings_meet_under_one_key_and_one_place(spellings: list[str],
                                                    loaded: LoadedGazetteer) -> None:
    latin = [s for s in spellings if s.isascii() or "‘" in s]
    assert len({translit_key(s) for s in latin}) == 1, {s: translit_key(s) for s in latin}
    gaz = loaded.gazetteer
    governorates = [{p.admin1 for p in gaz.lookup(s) if p.country == "SY"} for s in spellings]
    assert all(governorates), spellings  # every spelling, Arabic included, finds the place
    assert set.intersection(*governorates)


def test_distinct_names_stay_apart() -> None:
    pairs = [("Homs", "Hama"), ("Idlib", "Adlab Fictiva"),
             ("Raqqa", "Riqa Fictiva"), ("Tal Abyad", "Tal Aswad")]
    for a, b in pairs:
        assert translit_key(a) != translit_key(b), (a, b)


def test_transpositions_meet_only_under_the_typo_key() -> None:
    assert translit_key("Iblid") != translit_key("Idlib")
    assert typo_key("Iblid") == typo_key("Idlib") != ""
    assert typo_key("Hama") == ""  # too short to trust


def test_key_collisions_are_measured(loaded: LoadedGazetteer) -> None:
    stats = key_collisions(loaded.gazetteer)
    assert stats.keys > 5000 and stats.syrian_keys > 1000
    assert 0 < stats.far <= stats.shared < stats.keys
    assert 0.0 < stats.far_share < 0.2  # a blocking key, not a hash of everything
    assert sum(stats.sizes.values()) == stats.keys and stats.sizes[1] > stats.shared
