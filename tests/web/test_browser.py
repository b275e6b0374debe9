"""The web app in a real browser: Debian's chromium driven by Playwright.

Skipped with a message where /usr/bin/chromium is absent, unless RASD_REQUIRE_BROWSER=1 (CI),
where that is a failure. With RASD_SCREENSHOTS=<folder> the main pages are saved there
(docs/screenshots/ holds the committed ones).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import uvicorn

from rasd.settings import Settings
from rasd.web.app import create_app
from rasd.workspace import Workspace
from tests.web.conftest import Corpus

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is absent (apt-get install chromium)"
    if os.environ.get("RASD_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " and RASD_REQUIRE_BROWSER=1")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Tiles(BaseHTTPRequestHandler):
    """A tile server on this machine: the same small PNG for every tile."""

    body = (Path(__file__).resolve().parents[2] / "rasd/web/static/vendor/leaflet/images"
            / "marker-icon.png").read_bytes()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def _tile_server() -> Iterator[str]:
    tiles = ThreadingHTTPServer(("127.0.0.1", 0), _Tiles)
    thread = threading.Thread(target=tiles.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{tiles.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
    finally:
        tiles.shutdown()
        tiles.server_close()


@contextmanager
def _serving(settings: Settings) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                            log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(200):
        if instance.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(ws: Workspace, corpus: Corpus, request: pytest.FixtureRequest) -> Iterator[str]:
    """The app over the corpus; a test marked ``tiles("local")`` gets a tile server on this
    machine, ``tiles("unreachable")`` a tile URL nothing answers."""
    _need_browser()
    marker = request.node.get_closest_marker("tiles")
    with ExitStack() as stack:
        tile_url = ""
        if marker and marker.args[0] == "local":
            tile_url = stack.enter_context(_tile_server())
        elif marker:
            tile_url = f"http://127.0.0.1:{_free_port()}/{{z}}/{{x}}/{{y}}.png"
        yield stack.enter_context(_serving(replace(ws.settings, tile_url=tile_url)))


@pytest.fixture
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import Dialog, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))

        def refuse(dialog: Dialog) -> None:
            problems.append("dialog: " + dialog.message)
            dialog.dismiss()

        tab.on("dialog", refuse)
        tab.problems = problems  # type: ignore[attr-defined]
        try:
            yield tab
        finally:
            browser.close()


def _shot(tab: object, name: str) -> None:
    folder = os.environ.get("RASD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_search_report_confirm_and_incident(page: object, server: str, corpus: Corpus) -> None:
    from playwright.sync_api import expect

    tab = page
    tab.goto(f"{server}/search")  # type: ignore[attr-defined]
    tab.fill("input[name=q]", "market Kafr")  # type: ignore[attr-defined]
    tab.press("input[name=q]", "Enter")  # type: ignore[attr-defined]
    expect(tab.locator("#total")).to_have_text("2")  # type: ignore[attr-defined]
    _shot(tab, "search")
    tab.click(f"a[href='/reports/{corpus.reports['a']}']")  # type: ignore[attr-defined]
    tab.click("#report-text mark.k-person")  # type: ignore[attr-defined]
    expect(tab.locator(f"#ann-{corpus.mentions['a-place']}")).to_be_hidden()  # type: ignore[attr-defined]
    tab.click("#report-text mark.k-place")  # type: ignore[attr-defined]
    expect(tab.locator(f"#ann-{corpus.mentions['a-place']}")).to_be_visible()  # type: ignore[attr-defined]
    _shot(tab, "report")
    tab.goto(f"{server}/review")  # type: ignore[attr-defined]
    card = tab.locator(f".event-card[data-event='{corpus.events['b']}']")  # type: ignore[attr-defined]
    card.focus()
    tab.keyboard.press("r")  # type: ignore[attr-defined]
    expect(tab.locator(f".event-card.status-rejected[data-event='{corpus.events['b']}']")).to_be_visible()  # type: ignore[attr-defined]
    first = tab.locator(f".event-card[data-event='{corpus.events['a']}']")  # type: ignore[attr-defined]
    first.locator("button.confirm").click()
    expect(tab.locator(f".event-card.status-confirmed[data-event='{corpus.events['a']}']")).to_be_visible()  # type: ignore[attr-defined]
    tab.locator(".pair-card").first.focus()  # type: ignore[attr-defined]
    tab.keyboard.press("d")  # type: ignore[attr-defined]
    expect(tab.locator(".pair-card.decided")).to_contain_text("different")  # type: ignore[attr-defined]
    _shot(tab, "review")
    tab.goto(f"{server}/incidents/{corpus.incident}")  # type: ignore[attr-defined]
    expect(tab.locator("#independent")).to_have_text("1")  # type: ignore[attr-defined]
    expect(tab.locator("#rejected-notice")).to_be_visible()  # type: ignore[attr-defined]
    expect(tab.locator("#incident-map[data-loaded='1']")).to_have_count(1)  # type: ignore[attr-defined]
    expect(tab.locator(".side-by-side .column")).to_have_count(2)  # type: ignore[attr-defined]
    _shot(tab, "incident")
    tab.locator(f".column a[href='/entities/{corpus.place}']").first.click()  # type: ignore[attr-defined]
    expect(tab.locator("table.mentions tbody tr")).to_have_count(2)  # type: ignore[attr-defined]
    _shot(tab, "entity")
    assert tab.problems == []  # type: ignore[attr-defined]


def test_map_clusters_points_offline(page: object, server: str, corpus: Corpus) -> None:
    from playwright.sync_api import expect

    tab = page
    tab.goto(f"{server}/map")  # type: ignore[attr-defined]
    expect(tab.locator("#map[data-loaded='2']")).to_have_count(1)  # type: ignore[attr-defined]
    expect(tab.locator("#map.plain-background")).to_have_count(1)  # type: ignore[attr-defined]
    assert tab.locator("#map img.leaflet-tile").count() == 0  # type: ignore[attr-defined]
    cluster = tab.locator("#map .marker-cluster")  # type: ignore[attr-defined]
    expect(cluster).to_have_count(1)  # both points are in Kafr Zita: one cluster of 2
    expect(cluster).to_have_text("2")
    _shot(tab, "map")
    cluster.click()  # same place: the cluster spreads its markers out
    markers = tab.locator("#map path.rasd-marker.precision-1")  # type: ignore[attr-defined]
    expect(markers).to_have_count(2)
    markers.first.click()
    expect(tab.locator(".leaflet-popup-content")).to_contain_text(  # type: ignore[attr-defined]
        "geo precision: named town")
    tab.goto(f"{server}/stats")  # type: ignore[attr-defined]
    expect(tab.locator("figure.chart svg").first).to_be_visible()  # type: ignore[attr-defined]
    _shot(tab, "stats")
    assert tab.problems == []  # type: ignore[attr-defined]


def test_hostile_report_runs_nothing(page: object, server: str, corpus: Corpus) -> None:
    from playwright.sync_api import expect

    tab = page
    tab.goto(f"{server}/reports/{corpus.reports['hostile']}")  # type: ignore[attr-defined]
    expect(tab.locator("#report-text")).to_contain_text('<script>alert("pwned")</script>')  # type: ignore[attr-defined]
    expect(tab.locator("#report-text")).to_contain_text("<img src=x onerror=alert(1)>")  # type: ignore[attr-defined]
    expect(tab.locator("h1")).to_have_text("<script>alert(2)</script>")  # type: ignore[attr-defined]
    assert tab.locator("#report-text img").count() == 0  # type: ignore[attr-defined]
    tab.goto(f"{server}/search?q=hostile")  # type: ignore[attr-defined]
    tab.goto(f"{server}/events/{corpus.events['hostile']}")  # type: ignore[attr-defined]
    tab.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert tab.problems == []  # type: ignore[attr-defined]


@pytest.mark.tiles("local")
def test_map_tiles_from_the_configured_server(page: object, server: str) -> None:
    from playwright.sync_api import expect

    tab = page
    tab.goto(f"{server}/map")  # type: ignore[attr-defined]
    expect(tab.locator("#map img.leaflet-tile-loaded").first).to_be_visible()  # type: ignore[attr-defined]
    expect(tab.locator("#map.plain-background")).to_have_count(0)  # type: ignore[attr-defined]
    expect(tab.locator("#map[data-loaded='2']")).to_have_count(1)  # type: ignore[attr-defined]
    assert tab.problems == []  # type: ignore[attr-defined]  # no CSP violation either


@pytest.mark.tiles("unreachable")
def test_map_falls_back_to_plain_when_tiles_fail(page: object, server: str) -> None:
    from playwright.sync_api import expect

    tab = page
    tab.goto(f"{server}/map")  # type: ignore[attr-defined]
    expect(tab.locator("#map.plain-background")).to_have_count(1)  # type: ignore[attr-defined]
    expect(tab.locator("#map .marker-cluster")).to_have_text("2")  # type: ignore[attr-defined]
