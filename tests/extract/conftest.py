"""Shared fixtures of the extraction tests. Every sentence here is fictional, written for Rasd."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from rasd.extract.pipeline import build_pipeline
from rasd.model import Report


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()


def make_report(text: str, published: date | None = date(2017, 4, 5),
                rid: str = "r-test") -> Report:
    return Report(id=rid, sha256="0" * 64, text=text, media_type="text/plain", archive_path="",
                  published=published, fictional=True)


@pytest.fixture()
def report_of():  # type: ignore[no-untyped-def]
    return make_report
