"""Corroboration: events from many reports grouped into incidents, independent sources counted,
disagreements kept side by side (see docs/corroboration.md).

Pure functions over :mod:`rasd.model` records; storage and the command line call them.
"""

from .citations import CitationFinder
from .cluster import build_incidents, iter_incidents, link_events
from .conflicts import fatality_summary, find_conflicts
from .duplicates import find_copies
from .incident import anchor_id, corroboration_level
from .incremental import related, window
from .independence import Origin, OriginResolver
from .judgements import constraints
from .match import LINK_THRESHOLD, explain, features_of, pair_score

__all__ = [
    "LINK_THRESHOLD",
    "CitationFinder",
    "Origin",
    "OriginResolver",
    "anchor_id",
    "build_incidents",
    "constraints",
    "corroboration_level",
    "explain",
    "fatality_summary",
    "features_of",
    "find_conflicts",
    "find_copies",
    "iter_incidents",
    "link_events",
    "pair_score",
    "related",
    "window",
]
