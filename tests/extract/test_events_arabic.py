"""Arabic event triggers with clitics and inflected forms (rasd/extract/event_arabic.py).
Every sentence here is fictional, written for Rasd."""

from __future__ import annotations

import pytest
from spacy.language import Language

from rasd.extract import event_arabic
from rasd.extract.events import load_taxonomy
from rasd.extract.pipeline import extract

AIR, SHELL, IED = "Air/drone strike", "Shelling/artillery/missile attack", \
    "Remote explosive/landmine/IED"
SUICIDE, CLASH, ATTACK = "Suicide bomb", "Armed clash", "Attack"
ABDUCT, ARREST = "Abduction/forced disappearance", "Arrests"


def _found(text: str) -> list[tuple[str, str]]:
    """(words of the text, sub-event type) of each Arabic trigger found."""
    tax = load_taxonomy()
    return [(text[a:b], tax.subs[int(name[1:])].sub_event_type)
            for a, b, name in tax.arabic.find(text)]


@pytest.mark.parametrize(("word", "sub"), [
    ("وبالغارات", AIR),  # and + with + the + air strikes
    ("فالغارة", AIR),  # so + the + air strike
    ("غارتين", AIR),  # dual
    ("للقصف", SHELL),  # to + the (alef dropped) + shelling
    ("وقصفت", SHELL),  # and + past verb
    ("بالصواريخ", SHELL),
    ("قذيفتين", SHELL),
    ("والاشتباكات", CLASH),
    ("اشتبكت", CLASH),
    ("بانفجار", IED),
    ("مفخخة", IED),
    ("الانتحارية", SUICIDE),
    ("وأعدم", ATTACK),
    ("اعدم", ATTACK),  # alef written without its hamza
    ("إعداماً", ATTACK),  # tanween
    ("والمجازر", ATTACK),
    ("واختطفوا", ABDUCT),
    ("بخطف", ABDUCT),
    ("اعتقاله", ARREST),  # his arrest: a pronoun after the word
    ("واعتقلتهم", ARREST),
    ("بالاحتجاز", ARREST),
    ("مداهمات", ARREST),
])
def test_clitics_and_forms(word: str, sub: str) -> None:
    text = f"قالت المصادر {word} في البلدة."
    assert _found(text) == [(word, sub)]


def test_phrases_take_the_article_on_each_word() -> None:
    assert _found("حلقت الطائرات الحربية فوق المدينة.") == [("الطائرات الحربية", AIR)]
    assert _found("ألقى الطيران المروحي البراميل المتفجرة.") == [
        ("الطيران المروحي", AIR), ("البراميل المتفجرة", AIR)]
    assert _found("وثق المركز حالات الاختفاء القسري.") == [("الاختفاء القسري", ABDUCT)]


def test_raid_on_a_home() -> None:
    """The verb "داهم" is a raid with a home as its object (floods "داهمت" camps too)."""
    assert _found("وقالت إن الدورية داهمت المنزل فجراً.") == [("داهمت المنزل", ARREST)]
    assert _found("ونفذت القوات مداهمات في الحي.") == [("مداهمات", ARREST)]


def test_specific_phrase_before_its_first_word() -> None:
    """An air raid told as "قصف جوي" is an air strike, not shelling: the more specific type is
    tried first at a place."""
    assert _found("تعرضت البلدة لقصف جوي عنيف.") == [("لقصف جوي", AIR)]


def test_offsets_are_exact_through_vowel_marks() -> None:
    text = "نفذت الطائرات غَارَاتٍ على السوق."
    ((words, sub),) = _found(text)
    assert words == "غَارَاتٍ" and sub == AIR


@pytest.mark.parametrize("text", [
    "زار الوفد المغارة القديمة في الجبل.",  # cave: غارة inside another word
    "ارتفع سعر برميل النفط في الأسواق.",  # a barrel of oil is no barrel bomb
    "نصبت القوات منصات صاروخية قرب التلة.",  # an adjective, not a rocket
    "أقدم شاب على الانتحار في منزله.",  # suicide, not a suicide bomber
    "وقف المتحدث في مواجهة الصحفيين.",  # the singular: "facing"
    "تحدث معتقل سابق عن ظروف السجن.",  # a former detainee: no arrest told
    "يقصف التحالف مواقع التنظيم منذ عام.",  # present tense: a habit, not an event
    "ذهب الصيادون إلى قنص الطيور.",  # hunting
    "داهمت السيول خيام النازحين.",  # floods "struck": a raid only on a home
    "يشكو الأهالي من انعدام الأمن وعدم وجود الخبز.",  # absence: إعدام inside another word
])
def test_unrelated_words_do_not_match(text: str) -> None:
    assert _found(text) == []


def test_english_text_is_not_folded(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English report costs one search for an Arabic letter, no fold of its text."""
    def fail(text: str) -> None:
        raise AssertionError("folded an English text")

    monkeypatch.setattr(event_arabic, "fold", fail)
    assert load_taxonomy().arabic.find("Warplanes struck the market, killing 12.") == []


def _events(nlp: Language, report_of, text: str):  # type: ignore[no-untyped-def]
    return extract(nlp, report_of(text)).events


def test_barrel_bombs_with_clitics_make_an_air_strike(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "وقصفت مروحيات النظام بالبراميل المتفجرة بلدة كفرنبل "
                       "يوم الأحد، ما أدى إلى مقتل خمسة مدنيين.")
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", AIR)
    assert event.fatalities() == (5, 5, 5)


def test_execution_verb_types_the_event(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "أعدم مسلحون أربعة رجال في ساحة البلدة يوم الخميس.")
    assert event.sub_event_type == ATTACK
    assert not any("no trigger word" in r for r in event.rules)


def test_abduction_and_arrest_with_clitics(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (abduction,) = _events(nlp, report_of, "واختطف مسلحون مجهولون طبيباً من عيادته في بلدة "
                           "سرمدا يوم الثلاثاء.")
    assert abduction.sub_event_type == ABDUCT
    (arrest,) = _events(nlp, report_of, "وأكدت العائلة اعتقاله على حاجز في مدينة حمص يوم "
                        "الأربعاء.")
    assert arrest.sub_event_type == ARREST


def test_no_event_from_unrelated_arabic(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    text = "زار وفد سياحي المغارة القديمة في الجبل يوم الجمعة. وارتفع سعر برميل النفط."
    assert _events(nlp, report_of, text) == []


def _roles(event) -> set[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return {(a.entity, a.role) for a in event.actors if a.entity}


def test_a_group_right_after_an_arabic_verb_is_not_its_target(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    # Arabic puts the verb first: here the Islamic State did the arresting
    (event,) = _events(nlp, report_of, "إذ اعتقل تنظيم الدولة الإسلامية خمسة شبان في مدينة "
                       "الرقة أمس.")
    assert ("grp-islamic-state", "target") not in _roles(event)


def test_the_side_attacked_after_ala_is_a_target(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "شنت قوات النظام غارات على مواقع تنظيم الدولة الإسلامية "
                       "في ريف حمص أمس.")
    assert _roles(event) == {("grp-syrian-government-forces", "perpetrator"),
                             ("grp-islamic-state", "target")}


def test_at_the_hands_of_names_the_perpetrator(nlp: Language, report_of) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, report_of, "قتل ثلاثة مدنيين على يد قوات النظام في حي الوعر بمدينة "
                       "حمص أمس.")
    assert _roles(event) == {("grp-syrian-government-forces", "perpetrator")}
