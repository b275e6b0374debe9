"""The finder's fast text scans agree with the plain definitions they replace, and the place
component writes the same spans whatever blocks them or however often it runs. Every
sentence here is FICTIONAL, written for Rasd."""

from __future__ import annotations

import random
import re

from spacy.language import Language

from rasd.extract.places import PlacesComponent
from rasd.gazetteer.geocode import Geocoder, PlaceQuery
from rasd.gazetteer.load import LoadedGazetteer
from rasd.gazetteer.textcues import TitleCase
from rasd.gazetteer.textscan import Ranges, positions, whole_words

TEXT = (
    "Shelling Hits Kafr Fictiva Near Idlib\n"
    "The ‘northern’ countryside of Idlib—south of Kafr Fictiva—was shelled, é_Ab said. "
    "Residents of al-Wahmiyya fled north-west; a southwestern road closed. 2 Syrians, "
    "SYRIANS and syrian-born Lebanese relatives were hurt in Aleppo's suburbs.\n"
)


def _title_case_by_regex(text: str, begin: int, pos: int) -> bool:
    """The definition of textcues' title case: word starts counted with regexes."""
    ends = [i for i in (text.find("\n", pos), text.find(". ", pos)) if i >= 0]
    end = min([*ends, pos + 200])
    words = len(re.compile(r"\b[A-Za-z]").findall(text, begin, end))
    upper = len(re.compile(r"\b[A-Z]").findall(text, begin, end))
    return words >= 4 and upper >= 0.6 * words


def test_title_case_counts_as_the_regexes_do() -> None:
    rng = random.Random(3)
    cues = TitleCase(TEXT)
    for _ in range(2000):
        begin = rng.randrange(len(TEXT))
        pos = rng.randrange(begin, len(TEXT))
        assert cues.at(begin, pos) == _title_case_by_regex(TEXT, begin, pos), (begin, pos)
    assert cues.around(TEXT.index("Idlib")) is True  # the headline
    assert cues.around(TEXT.index("Residents")) is False


def test_ranges_overlap_as_a_scan_would() -> None:
    rng = random.Random(5)
    ranges = [(a, a + rng.randrange(1, 30)) for a in (rng.randrange(500) for _ in range(40))]
    ranges.append((100, 400))  # one long range that covers later, shorter ones
    index = Ranges(ranges)
    for _ in range(3000):
        start = rng.randrange(520)
        end = start + rng.randrange(1, 25)
        assert index.hits(start, end) == any(s < end and start < e for s, e in ranges)
    assert not Ranges([]).hits(0, 10)


def test_word_scans_find_every_occurrence() -> None:
    lower = TEXT.lower()
    found = positions(lower, ("north", "south", "west"))
    expected = sorted(m.start() for m in re.finditer("(?=north|south|west)", lower))
    assert found == expected
    words = whole_words(TEXT, ("Syrians", "SYRIANS", "Lebanese", "Syrian"))
    by_regex = [m.span() for m in re.finditer(r"\b(?:Syrians|SYRIANS|Lebanese|Syrian)\b", TEXT)]
    assert words == by_regex and len(words) == 3  # "syrian-born" is lower case


def test_repeated_resolutions_keep_their_explanation(loaded: LoadedGazetteer) -> None:
    geocoder = Geocoder(loaded.gazetteer)
    query = PlaceQuery("Idlib", cue="near")
    first = "; ".join(geocoder.resolve([query])[0].explanation)
    for _ in range(5):
        again = geocoder.resolve([PlaceQuery("Idlib", cue="near")])[0]
        assert "; ".join(again.explanation) == first  # no growth from shared cached lists
    assert first.count("precision") == 1


def test_blocked_ranges_and_reruns_give_the_same_spans(nlp: Language) -> None:
    text = "Shells fell on Idlib and on the eastern countryside of Aleppo on Monday."
    doc = nlp(text)
    before = [(s.start_char, s.end_char, s._.entity, s._.value) for s in doc.spans["place"]]
    assert [text[a:b] for a, b, _, _ in before] == ["Idlib", "eastern countryside of Aleppo"]
    again = nlp.get_pipe("rasd_places")(doc)
    assert [(s.start_char, s.end_char, s._.entity, s._.value)
            for s in again.spans["place"]] == before
    component = nlp.get_pipe("rasd_places")
    assert isinstance(component, PlacesComponent)
    finder, _ = component._load()
    idlib = text.index("Idlib")
    found = finder.find(text, [(idlib, idlib + 5), (0, 3)])
    assert [text[f.start:f.end] for f in found] == ["eastern countryside of Aleppo"]
