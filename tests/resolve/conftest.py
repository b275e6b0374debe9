"""Fixtures for the linking tests. Every name, place pairing and report here is FICTIONAL."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from rasd.model import Mention, stable_id
from rasd.settings import Settings

_counter = itertools.count()


def person(report: str, text: str, **value: Any) -> Mention:
    """A fictional person mention; ``value`` as the names extractor gives it."""
    n = next(_counter)
    return Mention(id=stable_id("men", report, "person", text, n), report=report, kind="person",
                   start=n, end=n + len(text), text=text, value={"name": text, **value})


def place(report: str, geo: str, name: str, admin1: str) -> Mention:
    n = next(_counter)
    return Mention(id=stable_id("men", report, "place", geo, n), report=report, kind="place",
                   start=n, end=n + len(name), text=name, entity=geo,
                   value={"name": name, "admin1": admin1, "country": "SY"})


def group(report: str, gid: str | None, text: str = "the group") -> Mention:
    n = next(_counter)
    return Mention(id=stable_id("men", report, "group", text, n), report=report, kind="group",
                   start=n, end=n + len(text), text=text, entity=gid)


@pytest.fixture
def settings() -> Settings:
    return Settings(link_accept=0.85, link_review=0.6)


@pytest.fixture
def corpus() -> list[Mention]:
    return make_corpus()


def make_corpus() -> list[Mention]:
    """Six fictional reports with the traps of issue 5."""
    return [
        # r1 (Hama): a general, spelled one way; two men sharing the family name al-Hamwi
        person("r1", "Brigadier General Suheil al-Hassan", title="Brigadier General"),
        person("r1", "Khaled al-Hamwi"),
        person("r1", "Ahmad al-Hamwi"),
        person("r1", "al-Hassan"),
        place("r1", "geo-hama", "Hama", "Hama"),
        group("r1", "grp-syrian-government-forces"),
        # r2 (Hama): the general spelled another way; one al-Hamwi with the glued article
        person("r2", "Suhail al-Hasan"),
        person("r2", "Khaled Alhamwi"),
        place("r2", "geo-hama", "Hama", "Hama"),
        # r3 (Hama): a third spelling
        person("r3", "Souheil el-Hassan", title="General"),
        place("r3", "geo-mhardeh", "Mhardeh", "Hama"),
        # r4 (Raqqa): a kunya with a nisba; Osama in one spelling
        person("r4", "Abu Omar al-Tunisi", affiliation="grp-islamic-state"),
        person("r4", "Osama Haddad", role="doctor"),
        place("r4", "geo-raqqa", "Raqqa", "Raqqa"),
        group("r4", "grp-islamic-state"),
        # r5 (Raqqa): the same kunya, said to be Tunisian; Osama spelled Usama
        person("r5", "Abu Omar", nationality="Tunisian", affiliation="grp-islamic-state",
               role="commander"),
        person("r5", "Dr. Usama Haddad"),
        place("r5", "geo-raqqa", "Raqqa", "Raqqa"),
        # r6 (Daraa): another man with the same kunya, a different role and town
        person("r6", "Abu Omar", role="doctor"),
        place("r6", "geo-daraa", "Daraa", "Daraa"),
    ]
