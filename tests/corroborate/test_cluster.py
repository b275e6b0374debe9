"""Events into incidents: grouping, anti-chaining, ids, incremental runs, judgements
(fictional events)."""

from __future__ import annotations

from datetime import date

from corroborate_builders import make_event, make_judgement, make_report

from rasd.corroborate import anchor_id, build_incidents
from rasd.model import Incident, Source


def _groups(incidents: list[Incident]) -> set[frozenset[str]]:
    return {frozenset(inc.events) for inc in incidents}


def _reports(n: int, sources: list[Source]) -> list:  # type: ignore[type-arg]
    return [make_report(f"r{i}", sources[i % len(sources)].id, published=date(2017, 4, 5 + i))
            for i in range(n)]


def test_same_strike_from_three_reports_is_one_incident(sources: list[Source]) -> None:
    events = [make_event(f"e{i}", f"r{i}", killed=12) for i in range(3)]
    incidents = build_incidents(events, _reports(3, sources), sources)
    assert _groups(incidents) == {frozenset({"e0", "e1", "e2"})}
    inc = incidents[0]
    assert inc.reports == ["r0", "r1", "r2"]
    assert inc.explanation["members"]["e1"]["by"] == "rules"
    assert "type" in inc.explanation["members"]["e1"]["features"]


def test_two_air_raids_a_week_apart_are_two_incidents(sources: list[Source]) -> None:
    events = [make_event("e0", "r0"), make_event("e1", "r1"),
              make_event("e2", "r2", day=date(2017, 4, 11)),
              make_event("e3", "r3", day=date(2017, 4, 11))]
    incidents = build_incidents(events, _reports(4, sources), sources)
    assert _groups(incidents) == {frozenset({"e0", "e1"}), frozenset({"e2", "e3"})}


def test_restatements_in_one_report_merge(sources: list[Source]) -> None:
    events = [make_event("e0", "r0", killed=12), make_event("e1", "r0"),
              make_event("e2", "r0", place="Saraqib")]
    incidents = build_incidents(events, _reports(1, sources), sources)
    assert _groups(incidents) == {frozenset({"e0", "e1"}), frozenset({"e2"})}


def test_province_account_does_not_chain_two_towns(sources: list[Source]) -> None:
    events = [make_event("e0", "r0"), make_event("e1", "r1", place="Maarrat al-Numan"),
              make_event("e2", "r2", place="Idlib province", geo=3)]
    incidents = build_incidents(events, _reports(3, sources), sources)
    groups = _groups(incidents)
    assert frozenset({"e0", "e1"}) not in groups and len(groups) == 2
    joined = next(inc for inc in incidents if "e2" in inc.events and len(inc.events) == 2)
    town = next(inc for inc in incidents if len(inc.events) == 1)
    assert joined.confidence < 1.0 == town.confidence


def test_province_level_joins_with_lower_confidence(sources: list[Source]) -> None:
    precise = build_incidents([make_event("e0", "r0"), make_event("e1", "r1")],
                              _reports(2, sources), sources)
    vague = build_incidents([make_event("e0", "r0"),
                             make_event("e1", "r1", place="Idlib province", geo=3)],
                            _reports(2, sources), sources)
    assert len(precise) == len(vague) == 1
    assert vague[0].confidence < precise[0].confidence
    assert vague[0].place == "geo-khan-shaykhun"  # the sharper place names the incident


def test_ids_are_stable_and_anchor_on_the_earliest_report(sources: list[Source]) -> None:
    events = [make_event(f"e{i}", f"r{i}") for i in range(3)]
    reports = _reports(3, sources)
    first = build_incidents(events, reports, sources)
    again = build_incidents(list(reversed(events)), list(reversed(reports)), sources)
    assert [i.id for i in first] == [i.id for i in again] == [anchor_id("e0")]


def test_incremental_new_event_attaches_to_existing(sources: list[Source]) -> None:
    reports = _reports(3, sources)
    before = build_incidents([make_event("e0", "r0"), make_event("e1", "r1")], reports, sources)
    after = build_incidents([make_event(f"e{i}", f"r{i}") for i in range(3)], reports, sources,
                            existing=before)
    assert len(after) == 1 and after[0].id == before[0].id
    assert after[0].events == ["e0", "e1", "e2"]


def test_existing_grouping_is_kept(sources: list[Source]) -> None:
    reports = _reports(2, sources)
    # an analyst-era incident the rules would not form today (different towns)
    kept = Incident(id="inc-kept", events=["e0", "e1"], reports=["r0", "r1"], sources=[],
                    independent_sources=2)
    events = [make_event("e0", "r0"), make_event("e1", "r1", place="Saraqib")]
    assert _groups(build_incidents(events, reports, sources)) == {frozenset({"e0"}),
                                                                  frozenset({"e1"})}
    again = build_incidents(events, reports, sources, existing=[kept])
    assert [(i.id, i.events) for i in again] == [("inc-kept", ["e0", "e1"])]


def test_negative_judgement_overrides_and_survives_reruns(sources: list[Source]) -> None:
    reports = _reports(3, sources)
    events = [make_event(f"e{i}", f"r{i}") for i in range(3)]
    first = build_incidents(events, reports, sources)
    iid = first[0].id
    no = [make_judgement("event-incident", "e2", iid, "negative")]
    judged = build_incidents(events, reports, sources, no, existing=first)
    assert _groups(judged) == {frozenset({"e0", "e1"}), frozenset({"e2"})}
    assert next(i for i in judged if "e0" in i.events).id == iid
    # re-run with the stored incidents, and from scratch: the judgement still holds
    for existing in (judged, None):
        rerun = build_incidents(events, reports, sources, no, existing=existing)
        assert _groups(rerun) == _groups(judged)
        assert {i.id for i in rerun} == {i.id for i in judged}


def test_negative_judgement_on_the_anchor_event(sources: list[Source]) -> None:
    reports = _reports(3, sources)
    events = [make_event(f"e{i}", f"r{i}") for i in range(3)]
    iid = build_incidents(events, reports, sources)[0].id
    no = [make_judgement("event-incident", "e0", iid, "negative")]
    rerun = build_incidents(events, reports, sources, no)
    assert _groups(rerun) == {frozenset({"e1", "e2"}), frozenset({"e0"})}
    assert next(i for i in rerun if "e1" in i.events).id == iid


def test_positive_judgement_joins_what_rules_keep_apart(sources: list[Source]) -> None:
    reports = _reports(2, sources)
    events = [make_event("e0", "r0"), make_event("e1", "r1", place="Saraqib")]
    first = build_incidents(events, reports, sources)
    iid = next(i.id for i in first if "e0" in i.events)
    yes = [make_judgement("event-incident", "e1", iid, "positive")]
    for existing in (first, None):
        joined = build_incidents(events, reports, sources, yes, existing=existing)
        assert [(i.id, i.events) for i in joined] == [(iid, ["e0", "e1"])]
        assert joined[0].explanation["members"]["e1"]["by"] == "judgement"


def test_latest_judgement_wins_and_deleted_ones_do_not_count(sources: list[Source]) -> None:
    reports = _reports(2, sources)
    events = [make_event("e0", "r0"), make_event("e1", "r1")]
    no = make_judgement("event-pair", "e0", "e1", "negative", minute=1)
    yes_later = make_judgement("event-pair", "e0", "e1", "positive", minute=2)
    assert len(build_incidents(events, reports, sources, [no])) == 2
    assert len(build_incidents(events, reports, sources, [no, yes_later])) == 1
    no.deleted_at = no.created_at
    assert len(build_incidents(events, reports, sources, [no])) == 1


def test_rejected_and_background_events_are_left_out(sources: list[Source]) -> None:
    events = [make_event("e0", "r0"), make_event("e1", "r1", status="rejected"),
              make_event("e3", "r3", background=True)]
    incidents = build_incidents(events, _reports(4, sources), sources)
    assert _groups(incidents) == {frozenset({"e0"})}
    no = [make_judgement("event", "e0", None, "negative")]
    assert build_incidents(events, _reports(4, sources), sources, no) == []


def test_denials_join_assertions_plans_join_plans(sources: list[Source]) -> None:
    events = [make_event("e0", "r0"), make_event("e1", "r1", modality="denied"),
              make_event("e2", "r2", modality="planned"),
              make_event("e3", "r3", modality="planned")]
    incidents = build_incidents(events, _reports(4, sources), sources)
    assert _groups(incidents) == {frozenset({"e0", "e1"}), frozenset({"e2", "e3"})}
    denial = next(i for i in incidents if "e1" in i.events)
    assert [c.field for c in denial.conflicts] == ["modality"]
