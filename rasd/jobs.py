"""Long jobs behind the command line, with progress: ingest, verify, the demo."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rasd.ingest.formats import find_files
from rasd.ingest.run import Outcome, Overrides, Summary, ingest_file
from rasd.process import Processed, process
from rasd.settings import Settings
from rasd.store import audit
from rasd.store import reports as report_store
from rasd.views import import_sources, print_demo_summary
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
    if extract:
        run_stages(ws, console)
    return summary


def run_stages(ws: Workspace, console: Console, relink: bool = False) -> Processed:
    """Extraction, linking and corroboration of the reports not processed yet, with progress."""
    with ws.engine.connect() as conn:
        total = report_store.count_reports(conn)
    with _progress(console) as progress:
        task = progress.add_task("extracting", total=total)

        def advance(stage: str, done: int) -> None:
            progress.update(task, description=stage, completed=done)
        done = process(ws, progress=advance, relink=relink)
    if done.reports or relink:
        console.print(f"extracted {done.mentions} mentions and {done.events} events from "
                      f"{done.reports} reports; {done.entities} entities linked, "
                      f"{done.review} pairs to review; {done.incidents} incidents")
    return done


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
        sources = corpus.parent / "sources.yaml"
        if sources.is_file():
            with ws.engine.begin() as conn:
                import_sources(conn, sources, ws.settings.user)
        ingest_with_progress(ws, [corpus], Overrides(), console, err, extract=settings.extract)
        print_demo_summary(ws, console)
    finally:
        ws.close()


def review_pairs(ws: Workspace, console: Console, ask: Callable[[str], str]) -> int:
    """Put each queued entity pair to a person; store the answers as judgements."""
    from rasd.resolve.link import ReviewPair
    from rasd.resolve.review import describe, review_queue
    from rasd.store import judgements as judgement_store

    with ws.engine.connect() as conn:
        rows = judgement_store.queue(conn, "entity-pair")
    pairs = [ReviewPair(id=r["id"], kind="person", entity_a=r["subject"], entity_b=r["other"],
                        mention_a=r["explanation"]["mentions"][0],
                        mention_b=r["explanation"]["mentions"][1], score=r["score"],
                        explanation=r["explanation"],
                        names=tuple(r["explanation"].get("names", ("", ""))))
             for r in rows]
    if not pairs:
        console.print("no pairs waiting for review")
        return 0

    def ask_pair(pair: ReviewPair) -> str:
        console.print(describe(pair), markup=False)
        return ask("same person? [y/n/u/s/q]")
    made = review_queue(pairs, ask_pair, ws.settings.user)
    with ws.engine.begin() as conn:
        for judgement in made:
            judgement_store.add_judgement(conn, judgement)
    return len(made)
