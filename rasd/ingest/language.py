"""Language detection with lingua (its models ship in the wheel: nothing is downloaded)."""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (Language.ENGLISH, Language.ARABIC, Language.FRENCH, Language.GERMAN,
             Language.TURKISH, Language.SPANISH, Language.RUSSIAN, Language.PERSIAN)
LETTER = re.compile(r"[^\W\d_]")
ARABIC = re.compile(r"[\u0600-\u06ff]")
SAMPLE_CHARS = 400  # lingua is 10x slower past ~1,000 characters, no more accurate here
WORD = re.compile(r"[^\W\d_]+")
#: words that make up a sixth or more of any running English text and are rare as words of the other
#: languages detected (French "a", Spanish "a", "de" are left out on purpose)
ENGLISH_FUNCTION_WORDS = frozenset((
    "the", "and", "of", "to", "in", "was", "were", "is", "are", "that", "for", "on", "with",
    "by", "said", "from", "has", "have", "had", "it", "its", "at", "as", "be", "been", "who",
    "which", "after", "their", "they", "he", "this", "will", "not"))
ENGLISH_SHARE = 0.15
ENGLISH_MIN_WORDS = 30


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Low-accuracy mode uses trigram models only: it starts at once (the full models take ~2 s
    # to load) and is as reliable as the full mode on reports, which are long texts.
    # A minimum distance between the two best guesses: an ambiguous (usually very short) text
    # gets no language rather than a wrong one.
    return (LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode()
            .with_minimum_relative_distance(0.3).build())


def _arabic_share(text: str) -> float:
    letters = len(LETTER.findall(text))
    return len(ARABIC.findall(text)) / letters if letters else 0.0


def _plainly_english(sample: str) -> bool:
    """A fast path before lingua: unaccented running text a sixth of whose words are English
    function words is English (no other detected language comes near that share)."""
    words = WORD.findall(sample)
    if sum(1 for w in words if not w.isascii()) > 2:  # accented or other-script words
        return False
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    hits = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS)
    return hits >= ENGLISH_SHARE * len(words)


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    sample = text[:SAMPLE_CHARS]
    if not LETTER.search(sample):
        return None
    if _arabic_share(sample) > 0.5 and "پ" not in sample and "گ" not in sample:
        return "ar"
    if _plainly_english(sample):
        return "en"
    found = _detector().detect_language_of(sample)
    if found is None:
        return None
    code: IsoCode639_1 = found.iso_code_639_1
    return str(code.name).lower()
