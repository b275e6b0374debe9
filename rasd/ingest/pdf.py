"""PDF files, through their text layer (pypdf). A scan with no text layer is refused."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from rasd.ingest.base import Draft, IngestError, clean_text

logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(data: bytes, name: str) -> list[Draft]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(f"{name}: encrypted PDF, cannot read it without its password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise IngestError(f"{name}: corrupt or unreadable PDF ({type(exc).__name__})") from exc
    text = clean_text("\n\n".join(p.strip() for p in pages)).strip()
    if not text:
        raise IngestError(f"{name}: scanned, no text (the PDF has no text layer; OCR it first)")
    title = None
    if info is not None and info.title:
        title = str(info.title).strip() or None
    return [Draft(data=data, text=text, media_type="application/pdf", name=name, title=title)]
