"""Independent sources: networks count once, copies count once, citations count toward the
cited source (fictional reports)."""

from __future__ import annotations

from datetime import date

from corroborate_builders import WIRE, evidence, make_event, make_report

from rasd.corroborate import CitationFinder, build_incidents, corroboration_level
from rasd.model import Report, Source


def _one(events, reports, sources):  # type: ignore[no-untyped-def]
    incidents = build_incidents(events, reports, sources)
    assert len(incidents) == 1
    return incidents[0]


def _report(key: str, source: str, text: str, day: int = 5) -> Report:
    return make_report(key, source, text, published=date(2017, 4, day))


def test_distinct_outlets_count_separately(sources: list[Source]) -> None:
    reports = [_report("r0", "src-idlib-monitor", "Fictional. Our reporter saw the strike."),
               _report("r1", "src-levant-wire", "Fictional. Residents described the raid.")]
    inc = _one([make_event("e0", "r0"), make_event("e1", "r1")], reports, sources)
    assert inc.independent_sources == 2
    assert inc.explanation["corroboration"] == "corroborated by 2 independent sources"
    assert inc.sources == ["src-idlib-monitor", "src-levant-wire"]


def test_one_network_counts_once(sources: list[Source]) -> None:
    reports = [_report("r0", "src-north-voice", "Fictional. The channel's crew filmed it."),
               _report("r1", "src-north-voice-tv", "Fictional. Footage from the site.")]
    inc = _one([make_event("e0", "r0"), make_event("e1", "r1")], reports, sources)
    assert inc.independent_sources == 1
    assert inc.explanation["corroboration"] == "single source"
    assert len(inc.sources) == 2


def test_a_copy_counts_once(sources: list[Source]) -> None:
    copy = "Republished. " + WIRE.replace("early morning", "morning")
    reports = [_report("r0", "src-idlib-monitor", WIRE),
               _report("r1", "src-levant-wire", copy, day=6)]
    inc = _one([make_event("e0", "r0"), make_event("e1", "r1")], reports, sources)
    assert inc.independent_sources == 1
    assert inc.explanation["sources"]["r1"]["origin"] == "src-idlib-monitor"
    assert "copy of report r0" in inc.explanation["sources"]["r1"]["reason"]


def test_a_citation_counts_toward_the_cited_source(sources: list[Source]) -> None:
    text0 = "Fictional. The strike killed 12 people, the Syrian Observatory said on Tuesday."
    text1 = "Fictional. According to the Observatory, warplanes killed twelve in the market."
    reports = [_report("r0", "src-idlib-monitor", text0),
               _report("r1", "src-levant-wire", text1),
               _report("r2", "src-sohr", "Fictional. SOHR documented the air strike.")]
    events = [make_event("e0", "r0", evidence=[evidence(text0, "The strike killed 12")]),
              make_event("e1", "r1", evidence=[evidence(text1, "warplanes killed twelve")]),
              make_event("e2", "r2")]
    inc = _one(events, reports, sources)
    assert inc.independent_sources == 1
    assert {v["origin"] for v in inc.explanation["sources"].values()} == {"src-sohr"}


def test_attributed_to_a_known_source_redirects(sources: list[Source]) -> None:
    reports = [_report("r0", "src-idlib-monitor", "Fictional. A strike hit the market."),
               _report("r1", "src-levant-wire", "Fictional. A strike hit the market.")]
    events = [make_event("e0", "r0", attributed_to="Idlib Monitor"),
              make_event("e1", "r1", attributed_to="Idlib Monitor")]
    assert _one(events, reports, sources).independent_sources == 1


def test_unnamed_informants_do_not_redirect(sources: list[Source]) -> None:
    reports = [_report("r0", "src-idlib-monitor", "Fictional. Activists told the agency."),
               _report("r1", "src-levant-wire", "Fictional. Residents said the raid came early.")]
    inc = _one([make_event("e0", "r0"), make_event("e1", "r1")], reports, sources)
    assert inc.independent_sources == 2


def test_a_citation_in_another_sentence_does_not_capture_the_event(
    sources: list[Source],
) -> None:
    text = ("Fictional. Our correspondent saw warplanes strike the market at dawn. "
            "Separately, the Syrian Observatory said clashes went on in Hama. "
            "Reuters reported a ceasefire proposal.")
    reports = [_report("r0", "src-idlib-monitor", text),
               _report("r1", "src-levant-wire", "Fictional. Witnesses saw the raid.")]
    events = [make_event("e0", "r0", evidence=[evidence(text, "warplanes strike the market")]),
              make_event("e1", "r1")]
    assert _one(events, reports, sources).independent_sources == 2


def test_self_citation_is_own_reporting(sources: list[Source]) -> None:
    text = "Fictional. The Observatory documented the strike, SOHR said."
    reports = [_report("r0", "src-sohr", text),
               _report("r1", "src-levant-wire", "Fictional. Witnesses saw the raid.")]
    inc = _one([make_event("e0", "r0"), make_event("e1", "r1")], reports, sources)
    assert inc.independent_sources == 2


def test_citation_finder_cues_and_case(sources: list[Source]) -> None:
    finder = CitationFinder(sources)
    found = finder.find("Fictional. Five died, according to the SNHR. A man told AFP so. "
                        "The ap said nothing. Idlib Monitor reported more.")
    assert [c.name for c in found] == ["Syrian Network for Human Rights",
                                       "Agence France-Presse", "Idlib Monitor"]
    assert finder.resolve("the UK-based monitor") == (
        "src-sohr", "Syrian Observatory for Human Rights")


def test_corroboration_level_words() -> None:
    assert corroboration_level(1) == "single source"
    assert corroboration_level(3) == "corroborated by 3 independent sources"


def test_own_interviews_count_as_own_even_when_citing(sources: list[Source]) -> None:
    text = ("Fictional. The director told Levant Wire the ward collapsed. The Syrian Observatory "
            "for Human Rights, a monitoring group, said six died.")
    reports = [_report("r0", "src-levant-wire", text),
               _report("r1", "src-sohr", "Fictional. SOHR documented the raid.")]
    events = [make_event("e0", "r0", attributed_to="the director; the Syrian Observatory",
                         evidence=[evidence(text, "the ward collapsed")]),
              make_event("e1", "r1")]
    inc = _one(events, reports, sources)
    assert inc.independent_sources == 2
    assert inc.explanation["sources"]["r0"]["origin"] == "src-levant-wire"


def test_relaying_only_others_counts_toward_them(sources: list[Source]) -> None:
    text = "Fictional. Six died in the raid, the Observatory, a monitoring group, said."
    reports = [_report("r0", "src-levant-wire", text),
               _report("r1", "src-sohr", "Fictional. Our monitors documented the raid.")]
    events = [make_event("e0", "r0", evidence=[evidence(text, "Six died in the raid")]),
              make_event("e1", "r1")]
    inc = _one(events, reports, sources)
    assert inc.independent_sources == 1
    assert inc.explanation["sources"]["r0"]["reason"].startswith('cites "the Observatory, a')


def test_short_forms_of_workspace_sources_win_over_well_known_aliases() -> None:
    workspace = [Source("src-sco", "Syrian Casualty Observatory", "monitor", "sco"),
                 Source("src-kcrd", "Karama Center for Rights Documentation", "ngo", "kc")]
    finder = CitationFinder(workspace)
    assert finder.resolve("the Observatory") == ("sco", "Syrian Casualty Observatory")
    assert finder.resolve("the Observatory's sources in the town") == (
        "sco", "Syrian Casualty Observatory")
    assert finder.resolve("two witnesses interviewed by the Karama Center")[0] == "kc"  # type: ignore[index]
    assert finder.resolve("SOHR") == ("cited:syrian observatory for human rights",
                                      "Syrian Observatory for Human Rights")
    assert finder.resolve("a doctor in the town") is None
    text = "Fictional. A monitoring group, the Syrian Casualty Observatory, gave a toll of 19."
    assert [c.key for c in finder.find(text)] == ["sco"]
    assert CitationFinder([*workspace, Source("src-x", "Levant Observatory", "monitor")]).resolve(
        "the Observatory") == ("cited:syrian observatory for human rights",
                               "Syrian Observatory for Human Rights")
