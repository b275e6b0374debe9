"""HTML pages: the main text with trafilatura; scripts and styles never reach the text."""

from __future__ import annotations

from html.parser import HTMLParser

import trafilatura

from rasd.ingest.base import Draft, IngestError, clean_text, decode
from rasd.ingest.meta import apply_metadata

SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer"}
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
              "article", "blockquote", "pre", "table"}


class _PageParser(HTMLParser):
    """Collects <title>, <meta name=… content=…> and, as a fallback, the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.parts: list[str] = []
        self._stack: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = values.get("name") or values.get("property")
            if key and "content" in values:
                self.meta[key.lower()] = values["content"]
            return
        if tag == "title":
            self._in_title = True
        if tag in SKIP_TAGS:
            self._stack.append(tag)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in SKIP_TAGS and tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._stack:
            self.parts.append(data)

    def visible_text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)


def _page(html: str) -> _PageParser:
    parser = _PageParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):
        pass
    return parser


def read_html(data: bytes, name: str) -> list[Draft]:
    html = decode(data, name)
    page = _page(html)
    main: str | None = None
    try:
        main = trafilatura.extract(html, include_comments=False, include_tables=True,
                                   favor_precision=True, deduplicate=False)
    except Exception:
        main = None
    text = clean_text(main or page.visible_text()).strip()
    if not text:
        raise IngestError(f"{name}: no readable text in the page")
    draft = Draft(data=data, text=text, media_type="text/html", name=name,
                  title=" ".join(page.title.split()) or None)
    meta: dict[str, str | None] = {
        k[len("rasd:"):]: v for k, v in page.meta.items() if k.startswith("rasd:")}
    if "published" not in meta:
        meta["published"] = page.meta.get("article:published_time") or page.meta.get("date")
    apply_metadata(draft, meta, name)
    return [draft]
