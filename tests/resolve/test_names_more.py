"""Arabic script, bare names, nationality adjectives, compact forms (fictional names)."""

from __future__ import annotations

from conftest import group, person, place

from rasd.resolve.items import from_form, person_items, to_form
from rasd.resolve.keys import canon, parse_name, token_agreement
from rasd.resolve.link import link
from rasd.resolve.score import score_pair
from rasd.settings import Settings


def test_arabic_script_names_meet_their_latin_spellings() -> None:
    listed = parse_name("خالد الحموي")
    assert (listed.given, listed.surname) == ("khalid", "hamwi")
    unlisted = parse_name("حسن قطريب")
    assert unlisted.given == "hasan" and unlisted.surname is not None
    assert token_agreement(unlisted.surname, canon("qatrib")) > 0
    assert token_agreement(unlisted.surname, canon("darwish")) < 0
    assert token_agreement(canon("حسن"), canon("hussein")) < 0  # two names, two families
    kunya = parse_name("أبو طلحة التونسي")
    assert (kunya.kunya, kunya.origin) == ("talha", "TN")


def test_arabic_and_latin_mentions_link_across_reports(settings: Settings) -> None:
    ms = [person("ar1", "خالد الحموي"), place("ar1", "geo-hader", "al-Hader", "Hama"),
          person("en1", "Khaled al-Hamwi"), place("en1", "geo-hader", "al-Hader", "Hama"),
          person("en2", "Ahmad al-Hamwi"), place("en2", "geo-hader", "al-Hader", "Hama")]
    result = link(ms, [], [], settings)
    assert result.assignments[ms[0].id] == result.assignments[ms[2].id]
    assert result.assignments[ms[4].id] != result.assignments[ms[0].id]


def test_nationality_adjective_and_quoted_kunya() -> None:
    parts = parse_name('the Tunisian "Abu Talha"')
    assert (parts.kunya, parts.origin, parts.surname) == ("talha", "TN", None)
    assert parse_name('Ali "the Fox" Haddad').laqab == "fox"


def test_bare_word_may_be_a_given_name_or_a_family_name(settings: Settings) -> None:
    assert parse_name("Khaled").bare and not parse_name("al-Hamwi").bare
    ms = [person("b1", "Khaled al-Hamwi"), person("b1", "Khaled"),
          person("b2", "Mustafa Khaled"), person("b2", "Khaled"),
          person("b3", "Khaled al-Hamwi"), person("b3", "Ahmad al-Hamwi"), person("b3", "Khaled")]
    result = link(ms, [], [], settings)
    a = result.assignments
    assert a[ms[1].id] == a[ms[0].id]  # the only full name in its report with that word
    assert a[ms[3].id] == a[ms[2].id]  # here the word is the family name
    assert a[ms[0].id] != a[ms[2].id]
    assert a[ms[6].id] == a[ms[4].id] != a[ms[5].id]
    rezan, rezan_bakr = person_items([person("c1", "Rezan"), person("c2", "Rezan Bakr")])
    bare_cross = score_pair(rezan, rezan_bakr)
    assert not bare_cross.auto and not bare_cross.veto  # another report: a person decides


def test_group_context_comes_from_the_dictionary_when_extraction_gave_none(
        settings: Settings) -> None:
    ms = [person("k1", "Abu Hamza"), place("k1", "geo-town", "Town", "Aleppo"),
          group("k1", None, "Islamic State"),
          person("k2", "Abu Hamza", role="commander"), place("k2", "geo-town", "Town", "Aleppo"),
          group("k2", None, "Daesh")]
    items = person_items(ms, group_of={ms[2].id: "grp-islamic-state",
                                       ms[5].id: "grp-islamic-state"})
    assert items[0].groups == items[1].groups == ("grp-islamic-state",)
    result = link(ms, [], [], settings)
    assert result.assignments[ms[2].id] == result.assignments[ms[5].id] == "grp-islamic-state"


def test_forms_are_compact_and_read_back(settings: Settings) -> None:
    [item] = person_items([person("f1", "Colonel Suheil al-Hassan"),
                           place("f1", "geo-hama", "Hama", "Hama")])
    form = to_form(item)
    assert isinstance(form, list) and form[0] == item.mention
    back = from_form(form, "per-x")
    assert (back.given, back.surname, back.places, back.keys) == (
        item.given, item.surname, item.places, item.keys)
    legacy = {"mention": item.mention, "report": "f1", "text": item.text, "given": item.given,
              "surname": item.surname, "places": ["geo-hama"]}
    assert from_form(legacy, None).places == ("geo-hama",)


def test_parts_the_extractor_gives_are_read_like_surface_names(settings: Settings) -> None:
    given = {"given": "Ahmad", "family": "Alhamwi"}
    ms = [person("e1", "Ahmad al-Hamwi", parts={"given": "Ahmad", "family": "al-Hamwi"},
                 role="doctor"),
          person("e2", "Ahmad Alhamwi", parts=given, role="doctor"),
          person("e3", "Abu Talha", parts={"kunya": "Abu Talha"}, nationality="TN"),
          person("e4", "Abu Talha al-Tunisi", parts={"kunya": "Abu Talha", "nisba": "al-Tunisi"})]
    items = person_items(ms)
    assert items[0].surname == items[1].surname == "hamwi"
    assert items[2].origin == items[3].origin == "TN"
    result = link(ms, [], [], settings)
    assert result.assignments[ms[0].id] == result.assignments[ms[1].id]
