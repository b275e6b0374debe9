"""Group mentions link to the canonical groups of the actor dictionary (fictional reports)."""

from __future__ import annotations

from conftest import group

from rasd.resolve.link import link
from rasd.settings import Settings


def test_aliases_and_composed_aliases_reach_the_canonical_group(settings: Settings) -> None:
    ms = [group("a1", None, "Daesh"), group("a2", None, "ISIS"),
          group("a3", None, "government forces"), group("a4", None, "Syrian regime"),
          group("a5", None, "الدولة الإسلامية")]
    a = link(ms, [], [], settings).assignments
    assert a[ms[0].id] == a[ms[1].id] == a[ms[4].id] == "grp-islamic-state"
    assert a[ms[2].id] == a[ms[3].id] == "grp-syrian-government-forces"


def test_generic_reference_resolves_to_the_group_the_report_names(settings: Settings) -> None:
    named = [group("c1", None, "U.S.-led coalition"), group("c1", None, "the coalition")]
    default = [group("c2", None, "the army")]
    result = link(named + default, [], [], settings)
    assert result.assignments[named[1].id] == "grp-us-led-coalition"
    assert result.assignments[default[0].id] == "grp-syrian-arab-army"
    assert "dictionary's default" in result.explanations[default[0].id]["how"]


def test_unknown_group_is_local_and_keyed_by_its_name(settings: Settings) -> None:
    ms = [group("u1", None, "Liwa al-Fajr al-Jadid"), group("u2", None, "Liwa el-Fajr al-Jadid"),
          group("u3", None, "Liwa al-Nour")]
    a = link(ms, [], [], settings).assignments
    assert a[ms[0].id] == a[ms[1].id] != a[ms[2].id]
    assert a[ms[0].id].startswith("grp-local-")
