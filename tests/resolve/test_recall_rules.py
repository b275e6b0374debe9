"""Recall rules of issue 5: coreference across a mail and its attachments, the extractor's parts
of a one-word name, Arabic kunyas, and review pairs from capped blocks. All names FICTIONAL."""

from __future__ import annotations

from datetime import date

from conftest import group, person, place

from rasd.model import Mention
from rasd.resolve import judgements as jm
from rasd.resolve.cluster import MAX_BLOCK
from rasd.resolve.items import person_items, root_message
from rasd.resolve.keys import part_word
from rasd.resolve.link import LinkResult, link
from rasd.resolve.review import describe
from rasd.settings import Settings


def same(result: LinkResult, a: Mention, b: Mention) -> bool:
    return result.assignments[a.id] == result.assignments[b.id]


def _mail() -> list[Mention]:
    """A message naming two men in full; its attachment (a testimony) uses short forms."""
    return [
        person("msg", "Abu Qutayba al-Maghribi"), person("msg", "Nizar al-Dabbagh"),
        place("msg", "geo-town", "Tall Safa", "Homs"),
        person("att", "Sheikh Abu Qutayba"), person("att", "Nizar"),
        place("att", "geo-town", "Tall Safa", "Homs"),
    ]


def test_short_forms_of_an_attachment_take_the_message_names(settings: Settings) -> None:
    ms = _mail()
    result = link(ms, [], [], settings, report_parents={"att": "msg"})
    assert same(result, ms[0], ms[3]) and same(result, ms[1], ms[4])
    why = result.explanations[ms[4].id]
    assert any(f[0] == "coreference" and "attachments" in f[3] for f in why["features"])


def test_without_the_mail_relation_short_forms_stay_apart(settings: Settings) -> None:
    ms = _mail()
    result = link(ms, [], [], settings)
    assert not same(result, ms[0], ms[3]) and not same(result, ms[1], ms[4])


def test_two_full_names_in_the_mail_make_the_short_form_ambiguous(settings: Settings) -> None:
    ms = [*_mail(), person("msg", "Nizar Haddad")]
    result = link(ms, [], [], settings, report_parents={"att": "msg"})
    assert not same(result, ms[1], ms[4]) and not same(result, ms[-1], ms[4])


def test_attachment_about_another_place_is_not_coreferent(settings: Settings) -> None:
    """A mail can carry attachments about other incidents: a short form in one about another
    town does not take the message's full name."""
    ms = [*_mail(), group("msg", "grp-local-guards"), group("att", "grp-local-guards")]
    ms[5] = place("att", "geo-elsewhere", "Kafr Nabl", "Idlib")
    day = {"msg": date(2016, 5, 2), "att": date(2016, 5, 2)}
    result = link(ms, [], [], settings, report_dates=day, report_parents={"att": "msg"})
    assert not same(result, ms[1], ms[4]) and not same(result, ms[0], ms[3])


def test_unrelated_reports_are_not_one_mail(settings: Settings) -> None:
    ms = _mail()
    result = link(ms, [], [], settings, report_parents={"att": "other-msg"})
    assert not same(result, ms[1], ms[4])


def test_attachment_of_an_attachment_belongs_to_the_first_message() -> None:
    assert root_message("zip-part", {"zip-part": "zip", "zip": "msg"}) == "msg"
    assert root_message("msg", {"zip": "msg"}) is None
    assert root_message("a", {"a": "b", "b": "a"}) == "b"  # a cycle ends


def test_mail_relation_survives_incremental_linking(settings: Settings) -> None:
    ms, parents = _mail(), {"att": "msg"}
    first = link(ms[:3], [], [], settings)
    second = link(ms[3:], first.entities, [], settings, report_parents=parents)
    full = second.assignments.get(ms[1].id, first.assignments[ms[1].id])
    assert second.assignments[ms[4].id] == full
    # the other order: the attachment's stored forms remember their mail
    first = link(ms[3:], [], [], settings, report_parents=parents)
    second = link(ms[:3], first.entities, [], settings)
    assert second.assignments[ms[4].id] == second.assignments[ms[1].id]


def test_extractor_parts_of_a_bare_word_replace_the_parse() -> None:
    """"Nizar" parsed alone is a bare word kept in the surname slot; when the extractor says it
    is the given name, the surname slot must not keep it (it would veto "Nizar al-Dabbagh")."""
    items = person_items([person("r", "Nizar", parts={"given": "Nizar"})])
    assert items[0].given == "nizar" and items[0].surname is None and not items[0].bare


def test_arabic_kunya_part_loses_its_particle() -> None:
    assert part_word("أبو قتيبة") == part_word("قتيبة")
    assert part_word("Abu Qutayba") == "qutayba" or part_word("Abu Qutayba") == part_word(
        "Qutayba")


def _commander(n: int, report: str, text: str, town: str, gid: str) -> list[Mention]:
    """A commander mention with an explicit id (ids order a block's equal names)."""
    m = Mention(id=f"men-{n:04d}", report=report, kind="person", start=0, end=len(text),
                text=text, value={"name": text, "affiliation": gid, "role": "commander"})
    return [m, place(report, f"geo-{town}", town.title(), "Idlib"), group(report, gid)]


def _capped_corpus(far_pairs: int) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """One kunya in one governorate, more than MAX_BLOCK times: one brigade's commander many
    times, and ``far_pairs`` other commanders named twice, first and last in the block's order
    (equal names sort by mention id), so the window never compares their two mentions."""
    ms: list[Mention] = []
    pairs = []
    for k in range(far_pairs):
        a = _commander(k, f"a{k}", "Abu Zuhair", f"town{k}", f"grp-local-brigade-{k}")
        b = _commander(9000 + k, f"b{k}", "Abu Zuhair", f"town{k}", f"grp-local-brigade-{k}")
        ms += a + b
        pairs.append((a[0], b[0]))
    for n in range(MAX_BLOCK + 5):
        ms += _commander(1000 + n, f"f{n}", "Abu Zuhair", "filler", "grp-local-filler")
    return ms, pairs


def _queued(result: LinkResult, a: Mention, b: Mention) -> dict[str, object] | None:
    want = {result.assignments[a.id], result.assignments[b.id]}
    return next((r.explanation for r in result.review if {r.entity_a, r.entity_b} == want),
                None)


def test_capped_block_pairs_go_to_review() -> None:
    ms, pairs = _capped_corpus(1)
    result = link(ms, [], [], Settings(link_accept=0.85, link_review=0.6))
    (a, b), = pairs
    assert result.capped and not same(result, a, b)
    queued = _queued(result, a, b)
    assert queued is not None and queued["capped_block"]
    assert float(str(queued["score"])) >= 0.85  # it would have linked, had they met
    shown = describe(next(r for r in result.review if r.explanation is queued))
    assert "capped name block" in shown


def test_capped_review_is_bounded_per_block() -> None:
    ms, pairs = _capped_corpus(3)
    result = link(ms, [], [], Settings(link_accept=0.85, link_review=0.6, link_capped_review=2))
    queued = [p for p in pairs if (_queued(result, *p) or {}).get("capped_block")]
    assert len(queued) == 2
    none = link(ms, [], [], Settings(link_accept=0.85, link_review=0.6, link_capped_review=0))
    assert not any(_queued(none, *p) for p in pairs)


def test_capped_review_pairs_are_never_linked_and_respect_judgements() -> None:
    ms, pairs = _capped_corpus(1)
    (a, b), = pairs
    settings = Settings(link_accept=0.85, link_review=0.6)
    apart = jm.judge(a.id, b.id, "negative", user="t")
    result = link(ms, [], [apart], settings)
    assert not same(result, a, b) and _queued(result, a, b) is None
