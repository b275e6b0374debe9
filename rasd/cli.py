"""The command line: parse, call a library function, print. See docs/cli.md."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rasd import __version__, settings
from rasd.ingest.dates import parse_published
from rasd.store.db import StoreError
from rasd.workspace import Workspace, WorkspaceError, init, open_workspace

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Rasd (رصد): from field reports to corroborated records of violations.")
console = Console(stderr=False, highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"rasd: {message}", markup=False)
    return typer.Exit(code)


@contextmanager
def workspace(ctx: typer.Context, create: bool = False) -> Iterator[Workspace]:
    """Open the workspace the options name; user mistakes become one-line errors."""
    try:
        ws = open_workspace(ctx.obj, create=create)
    except (WorkspaceError, StoreError) as exc:
        raise fail(str(exc)) from None
    try:
        yield ws
    finally:
        ws.close()


@app.callback()
def main_options(
    ctx: typer.Context,
    workspace_dir: Annotated[Path | None, typer.Option(
        "--workspace", "-w",
        help="Workspace folder (env RASD_WORKSPACE; default ./rasd-workspace)")] = None,
    db: Annotated[str | None, typer.Option(
        "--db",
        help="SQLAlchemy URL of the database (env RASD_DB; default SQLite in the workspace)",
    )] = None,
) -> None:
    try:
        ctx.obj = settings.load(workspace=workspace_dir, db=db)
    except ValueError as exc:
        raise fail(str(exc)) from None


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursively).")],
    source: Annotated[str | None, typer.Option(help="Publisher of these reports.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the report.")] = None,
    extract: Annotated[bool, typer.Option(help="Run extraction and the later stages.")] = True,
) -> None:
    """Ingest report files (.txt .md .html .pdf .eml), folders of them, or feeds (.jsonl .csv)."""
    from rasd.ingest.run import Overrides
    from rasd.jobs import ingest_with_progress

    if published and parse_published(published) is None:
        raise fail(f"--published {published!r}: not a date (use YYYY-MM-DD)")
    with workspace(ctx, create=True) as ws:
        summary = ingest_with_progress(ws, paths, Overrides(source, published, title),
                                       console, err, extract=extract and ctx.obj.extract)
    if summary.count("ingested") == 0 and summary.count("duplicate") == 0:
        raise typer.Exit(1)


@app.command("verify")
def verify_command(ctx: typer.Context) -> None:
    """Re-hash every archived original and check the audit chain; non-zero exit on damage."""
    from rasd.jobs import verify_workspace

    with workspace(ctx) as ws:
        problems, checked = verify_workspace(ws)
    for problem in problems:
        err.print(problem, markup=False)
    console.print(f"{checked} archived files checked, {len(problems)} problems")
    if problems:
        raise typer.Exit(1)


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words all reports must hold; "a phrase".')],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
) -> None:
    """Full-text search over reports."""
    from rasd.store.search import search

    with workspace(ctx) as ws, ws.engine.connect() as conn:
        hits = search(conn, query, limit=limit)
    for hit in hits:
        day = hit.published.isoformat() if hit.published else "----------"
        console.print(f"{hit.report}  {day}  {hit.title or '(no title)'}", markup=False)
        console.print(f"    {hit.snippet}", markup=False, style="dim")
    console.print(f"{len(hits)} reports")


@app.command("export")
def export_command(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="jsonl | acled-csv | geojson")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
) -> None:
    """Export the workspace (reports, entities, mentions, events, incidents)."""
    from rasd.export import EXPORTERS, export_to

    if format not in EXPORTERS:
        raise fail(f"unknown format {format!r} (use one of: {', '.join(EXPORTERS)})")
    with workspace(ctx) as ws:
        try:
            n = export_to(ws, format, output)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror}") from None
    if output:
        console.print(f"{n} records written to {output}")


@app.command("demo")
def demo_command(ctx: typer.Context) -> None:
    """Ingest the bundled demo corpus into a fresh workspace, then print a summary."""
    from rasd.jobs import run_demo

    try:
        run_demo(ctx.obj, console, err)
    except (WorkspaceError, StoreError) as exc:
        raise fail(str(exc)) from None


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on (127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (8000).")] = None,
) -> None:
    """The analysts' web app (search, reports, review, incidents, map, statistics)."""
    from rasd.web.serve import serve

    with workspace(ctx):
        pass  # open (and upgrade) the workspace first: errors are one line here
    try:
        serve(ctx.obj, host or ctx.obj.host, port or ctx.obj.port)
    except ValueError as exc:
        raise fail(str(exc)) from None


@app.command("incidents")
def incidents_command(
    ctx: typer.Context,
    min_sources: Annotated[int, typer.Option(help="Only incidents with at least N independent "
                                                   "sources.")] = 0,
) -> None:
    """Corroborated incidents with their sources and conflicts."""
    from rasd.views import print_incidents

    with workspace(ctx) as ws:
        n = print_incidents(ws, console, min_sources)
    console.print(f"{n} incidents")


@app.command("entities")
def entities_command(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="Part of a name or alias.")] = None,
    kind: Annotated[str | None, typer.Option(help="person | group | place")] = None,
) -> None:
    """People, groups and places known across reports."""
    from rasd.views import print_entities

    if kind not in (None, "person", "group", "place"):
        raise fail(f"--kind {kind!r}: use person, group or place")
    with workspace(ctx) as ws:
        n = print_entities(ws, console, kind, query)
    console.print(f"{n} entities")


@app.command("entity")
def entity_command(ctx: typer.Context,
                   entity_id: Annotated[str, typer.Argument(help="The entity's id.")]) -> None:
    """Every mention of one entity across reports, with its sentence."""
    from rasd.views import print_entity

    with workspace(ctx) as ws:
        if not print_entity(ws, console, entity_id):
            raise fail(f"no entity {entity_id!r} (list them with `rasd entities`)")


@app.command("link")
def link_command(
    ctx: typer.Context,
    review: Annotated[bool, typer.Option(help="Judge the queued pairs at a prompt.")] = False,
) -> None:
    """Re-link names across all reports; with --review, judge the uncertain pairs."""
    from rasd.jobs import review_pairs, run_stages

    with workspace(ctx) as ws:
        if review:
            made = review_pairs(ws, console, ask=lambda prompt: typer.prompt(
                prompt, default="s", show_default=False))
            console.print(f"{made} judgements recorded")
        run_stages(ws, console, relink=True)


@app.command("sources")
def sources_command(
    ctx: typer.Context,
    import_file: Annotated[Path | None, typer.Option(
        "--import", help="YAML list of {name, kind, independence_group}.")] = None,
) -> None:
    """List the sources; --import sets their kind and independence group from a file."""
    from rasd.store.reports import list_sources
    from rasd.views import SourcesFileError, import_sources

    with workspace(ctx, create=import_file is not None) as ws:
        if import_file is not None:
            try:
                with ws.engine.begin() as conn:
                    n = import_sources(conn, import_file, ctx.obj.user)
            except SourcesFileError as exc:
                raise fail(str(exc)) from None
            console.print(f"{n} sources imported")
        with ws.engine.connect() as conn:
            for s in list_sources(conn):
                console.print(f"{s.id:32} {s.kind:14} {s.independence_group or '-':28} {s.name}",
                              markup=False)


@app.command("init")
def init_command(ctx: typer.Context) -> None:
    """Create a workspace (database, archive, config)."""
    try:
        ws = init(ctx.obj)
    except (WorkspaceError, StoreError) as exc:
        raise fail(str(exc)) from None
    ws.close()
    console.print(f"workspace ready at {ctx.obj.workspace}")


@app.command("version")
def version_command() -> None:
    """Print the version of Rasd."""
    console.print(f"rasd {__version__}")


@app.command("settings")
def settings_command() -> None:
    """List every setting with its environment variable, default and meaning."""
    for name, env, default, help_text in settings.describe():
        console.print(f"{name:16} {env:22} {default!s:24} {help_text}", markup=False)


def _mount_stage_commands() -> None:
    from rasd.gazetteer.cli import app as gazetteer_app

    app.add_typer(gazetteer_app, name="gazetteer")


_mount_stage_commands()


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # the reader of our output went away (`rasd export | head`)
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        err.print("rasd: interrupted")
        sys.exit(130)

