"""`rasd gazetteer …`: import fuller gazetteer sources into a workspace, look names up.

The lead mounts :data:`app` as ``rasd gazetteer``; the context object is a
:class:`rasd.settings.Settings` (its ``gazetteer_extra``, else ``<workspace>/gazetteer/
extra.tsv.gz``, receives imported entries).
"""

from __future__ import annotations

from pathlib import Path

import typer

from rasd import settings as rasd_settings
from rasd.gazetteer.geocode import Geocoder, PlaceQuery
from rasd.gazetteer.importers import GazetteerImportError, import_file
from rasd.gazetteer.load import build_gazetteer, extra_path

app = typer.Typer(help="The gazetteer: import GeoNames dumps and OCHA P-code lists, look up.",
                  no_args_is_help=True)


def _settings(ctx: typer.Context) -> rasd_settings.Settings:
    obj = ctx.obj
    return obj if isinstance(obj, rasd_settings.Settings) else rasd_settings.load()


def target_file(settings: rasd_settings.Settings) -> Path:
    """The extra gazetteer file of these settings."""
    return settings.gazetteer_extra or extra_path(settings.workspace)


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="GeoNames country dump (SY.txt) or OCHA P-code CSV."),
) -> None:
    """Add the places of FILE to the workspace's gazetteer (they extend the bundled one)."""
    target = target_file(_settings(ctx))
    if not file.is_file():
        typer.echo(f"error: {file}: no such file", err=True)
        raise typer.Exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        count = import_file(file, target)
    except GazetteerImportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"imported {count} places from {file.name} into {target}")


@app.command("lookup")
def lookup_command(
    ctx: typer.Context, name: str = typer.Argument(..., help="A place name, any spelling.")
) -> None:
    """Show the candidates for NAME and the geocoder's choice without context."""
    loaded = build_gazetteer(target_file(_settings(ctx)))
    geocoder = Geocoder(loaded.gazetteer)
    for place, quality in geocoder.candidates(name)[:20]:
        typer.echo(f"{place.id}\t{place.name}\t{place.country}\t{place.admin1}\t"
                   f"{place.feature_class}.{place.feature_code}\t{place.population}\t{quality}")
    res = geocoder.resolve([PlaceQuery(name)])[0]
    typer.echo(f"-> {res.entity} precision={res.geo_precision}: {'; '.join(res.explanation)}")
