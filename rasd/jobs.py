"""Long jobs behind the command line, with progress: ingest, verify, the demo."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rasd.ingest.formats import find_files
from rasd.ingest.run import Outcome, Overrides, Summary, ingest_file
from rasd.settings import Settings
from rasd.store import audit
from rasd.store import reports as report_store
from rasd.workspace import Workspace, WorkspaceError, init

DEMO_MARKER = ".rasd-demo"


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


def ingest_with_progress(ws: Workspace, paths: list[Path], overrides: Overrides,
                         console: Console, err: Console, extract: bool = True) -> Summary:
    """Ingest with a progress bar; each failure is printed as one line as it happens."""
    summary = Summary()
    files = list(find_files(paths))
    with _progress(console) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for item in files:
            outcomes = ([Outcome(str(item), "failed", str(item))] if not isinstance(item, Path)
                        else ingest_file(ws, item, overrides))
            for outcome in outcomes:
                summary.outcomes.append(outcome)
                if outcome.status == "failed":
                    err.print(f"rasd: {outcome.message}", markup=False)
                elif outcome.status == "duplicate":
                    console.print(f"{outcome.name}: already ingested ({outcome.message})",
                                  markup=False)
            progress.advance(task)
    console.print(summary.line())
    return summary


def verify_workspace(ws: Workspace) -> tuple[list[str], int]:
    """Problems with the archive (changed or missing originals, stray files) and the audit log."""
    with ws.engine.connect() as conn:
        entries = report_store.archive_paths(conn)
        broken = audit.verify_chain(conn)
    problems = [f"{p.report}: original {p.reason} ({p.sha256})"
                for p in ws.archive.verify(entries)]
    problems += [f"audit entry {b.seq}: {b.reason}" for b in broken]
    return problems, len(entries)


def demo_corpus() -> Path:
    """The demo corpus: inside the installed package, or in the source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_examples" / "reports", here.parent / "examples" / "reports"):
        if candidate.is_dir():
            return candidate
    raise WorkspaceError("the demo corpus is not installed (examples/reports is missing)")


def fresh_demo_workspace(settings: Settings) -> Workspace:
    root = settings.workspace
    if root.exists() and any(root.iterdir()):
        if not (root / DEMO_MARKER).exists():
            raise WorkspaceError(f"{root} exists and is not a demo workspace; "
                                 "pass --workspace with a new folder")
        shutil.rmtree(root)
    ws = init(settings)
    with ws.engine.connect() as conn:
        if report_store.count_reports(conn):
            raise WorkspaceError("the demo needs an empty database; the one given holds reports")
    (root / DEMO_MARKER).write_text("made by `rasd demo`; removed by the next one\n")
    return ws


def run_demo(settings: Settings, console: Console, err: Console) -> None:
    if settings.workspace == Settings().workspace:
        settings = Settings(**{**settings.__dict__, "workspace": Path("rasd-demo")})
    corpus = demo_corpus()
    ws = fresh_demo_workspace(settings)
    try:
        console.print(f"Demo corpus {corpus} → workspace {settings.workspace}")
        ingest_with_progress(ws, [corpus], Overrides(), console, err)
        with ws.engine.connect() as conn:
            summary = report_store.report_summary(conn)
        console.print(f"reports: {summary['reports']}  by language: {summary['by_language']}")
        console.print(f"by format: {summary['by_media_type']}")
        console.print(f"sources: {len(summary['by_source'])}")
    finally:
        ws.close()
