"""Loading the gazetteer once per process: bundled + curated + the workspace's imported entries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.gazetteer.curated import CURATED, Vocabulary, merge_curated
from rasd.gazetteer.store import BUNDLED, Gazetteer, read_tsv, read_tsv_keys


@dataclass
class LoadedGazetteer:
    """A gazetteer with the curated word lists that go with it."""

    gazetteer: Gazetteer
    vocabulary: Vocabulary


def extra_path(workspace: Path) -> Path:
    """Where ``rasd gazetteer import`` stores a workspace's imported entries."""
    return workspace / "gazetteer" / "extra.tsv.gz"


def build_gazetteer(
    extra: Path | None = None, bundled: Path = BUNDLED, curated: Path = CURATED
) -> LoadedGazetteer:
    """Read the bundled file, merge curated entries, then imported ones (which extend them)."""
    gaz = Gazetteer()
    for place, keys in read_tsv_keys(bundled):
        gaz.add(place, keys=keys)
    vocabulary = merge_curated(gaz, curated)
    if extra is not None and extra.exists():
        for place in read_tsv(extra):
            known = gaz.places.get(place.id)
            if known is not None:  # an import of a bundled entry adds names, keeps the record
                for name in place.all_names():
                    if name not in known.names and name != known.name:
                        known.names.append(name)
                    gaz.add_name(known.id, name)
            else:
                gaz.add(place)
    return LoadedGazetteer(gaz, vocabulary)


@lru_cache(maxsize=4)
def load_gazetteer(extra: Path | None = None) -> LoadedGazetteer:
    """The process-wide gazetteer (cached per ``extra`` file)."""
    return build_gazetteer(extra)
