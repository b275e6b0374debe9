"""Safety: untrusted report text is escaped, CSP on every response, CSRF on every form,
and `serve` listens only on this machine."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.settings import Settings
from rasd.web import security
from rasd.web.serve import check_host, serve
from rasd.workspace import Workspace
from tests.web.conftest import Corpus, token_of

HOSTILE_MARKUP = ('<script>alert("pwned")</script>', "<img src=x onerror=alert(1)>",
                  "<script>alert(2)</script>", '<script>alert("place")</script>',
                  "<b>Hostile</b>")


def _pages(corpus: Corpus) -> list[str]:
    return [f"/reports/{corpus.reports['hostile']}", "/search?q=hostile", "/review",
            f"/events/{corpus.events['hostile']}", f"/entities/{corpus.place}", "/search"]


def test_hostile_report_shows_as_text(client: TestClient, corpus: Corpus) -> None:
    for url in _pages(corpus):
        page = client.get(url).text
        for markup in HOSTILE_MARKUP:
            assert markup not in page, (url, markup)
        assert "&lt;script&gt;" in page or "&lt;img" in page, url


def test_every_response_has_a_strict_csp(client: TestClient, corpus: Corpus) -> None:
    for url in [*_pages(corpus), "/static/app.css", "/map/points.json", "/nowhere"]:
        answer = client.get(url)
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "style-src 'self'" in policy and "object-src 'none'" in policy
        assert answer.headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_or_style_in_pages(client: TestClient, corpus: Corpus) -> None:
    for url in [*_pages(corpus), "/map", "/stats", f"/incidents/{corpus.incident}"]:
        page = client.get(url).text
        assert "<script>" not in page.replace('&lt;script&gt;', "")
        assert " style=" not in page and "<style" not in page
        assert " onclick=" not in page


def test_post_without_token_is_refused(client: TestClient, corpus: Corpus) -> None:
    client.get("/review")  # a session cookie, but no token sent
    url = f"/events/{corpus.events['a']}/decision"
    assert client.post(url, data={"decision": "confirm"}).status_code == 403
    forged = client.post(url, data={"decision": "confirm", "csrf_token": "0" * 64})
    assert forged.status_code == 403
    assert client.post(url, data={"decision": "confirm", "csrf_token": token_of(client)},
                       follow_redirects=False).status_code == 303


def test_token_of_another_session_is_refused(client: TestClient, corpus: Corpus,
                                            ws: Workspace) -> None:
    token = token_of(client)
    client.cookies.clear()
    client.get("/search")  # a new session
    answer = client.post(f"/events/{corpus.events['a']}/decision",
                         data={"decision": "confirm"}, headers={"X-CSRF-Token": token})
    assert answer.status_code == 403


def test_cross_origin_post_is_refused(client: TestClient, corpus: Corpus) -> None:
    answer = client.post(f"/events/{corpus.events['a']}/decision",
                         data={"decision": "confirm"},
                         headers={"X-CSRF-Token": token_of(client),
                                  "Origin": "http://evil.example"})
    assert answer.status_code == 403


def test_secret_key_is_private_and_stable(ws: Workspace) -> None:
    first = security.load_secret(ws.path)
    path = ws.path / security.SECRET_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert security.load_secret(ws.path) == first


def test_signed_session_cannot_be_forged() -> None:
    secret = b"k" * 32
    cookie = security.sign_session(secret, "abc")
    assert security.read_session(secret, cookie) == "abc"
    assert security.read_session(secret, "abd" + cookie[3:]) is None
    assert security.read_session(b"x" * 32, cookie) is None
    assert security.read_session(secret, None) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "LOCALHOST"])
def test_local_hosts_are_accepted(host: str) -> None:
    check_host(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.4", "example.org", "127.0.0.2x"])
def test_other_hosts_are_refused(host: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="refusing to listen"):
        serve(Settings(workspace=tmp_path), host=host, port=8000)


def test_csp_allows_the_configured_tile_server() -> None:
    policy = security.content_security_policy("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.example.org" in policy
    assert "tile.example.org" not in security.content_security_policy("")
