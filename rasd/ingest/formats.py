"""Which reader takes which file: by the file's ending."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rasd.ingest.base import Draft, IngestError
from rasd.ingest.feeds import read_csv, read_jsonl
from rasd.ingest.html import read_html
from rasd.ingest.mail import read_mail
from rasd.ingest.pdf import read_pdf
from rasd.ingest.text import read_text

DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".eml"}
FEED_SUFFIXES = {".jsonl", ".csv"}
SUFFIXES = DOCUMENT_SUFFIXES | FEED_SUFFIXES


def read_document(data: bytes, name: str) -> list[Draft]:
    """A report file's drafts (one, plus a message's attachments as their own drafts)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        return read_text(data, name)
    if suffix == ".md":
        return read_text(data, name, "text/markdown")
    if suffix in {".html", ".htm"}:
        return read_html(data, name)
    if suffix == ".pdf":
        return read_pdf(data, name)
    if suffix == ".eml":
        return read_mail(data, name, read_document)
    raise IngestError(f"{name}: unsupported format '{suffix or 'no ending'}' "
                      f"(takes {', '.join(sorted(SUFFIXES))})")


def read_any(data: bytes, name: str) -> Iterator[Draft | IngestError]:
    """Every draft in a file; for feeds, a row that cannot be read comes as its error."""
    suffix = Path(name).suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(data, name)
    elif suffix == ".csv":
        yield from read_csv(data, name)
    else:
        yield from read_document(data, name)


def find_files(paths: list[Path]) -> Iterator[Path | IngestError]:
    """The files named, and those of a known format in the folders named (recursively)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES \
                        and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield IngestError(f"{path}: not a regular file")
        else:
            yield IngestError(f"{path}: no such file or folder")
