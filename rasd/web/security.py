"""Safety of the web app: the per-workspace secret, sessions, CSRF tokens and security headers.

- The secret key is made once per workspace (``web-secret.key``, file mode 600).
- A session is a random id in a cookie signed with HMAC-SHA256 (HttpOnly, SameSite=Strict).
- The CSRF token of a session is HMAC(secret, "csrf:" + session id); every unsafe request must
  carry it, in the ``csrf_token`` form field or the ``X-CSRF-Token`` header (htmx sends it).
- Every response carries a strict Content-Security-Policy: no inline scripts or styles.
"""

from __future__ import annotations

import hmac
import os
import secrets
from hashlib import sha256
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

SECRET_NAME = "web-secret.key"
SESSION_COOKIE = "rasd_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def load_secret(folder: Path) -> bytes:
    """The workspace's secret key, created (mode 600) the first time."""
    path = folder / SECRET_NAME
    if path.exists():
        path.chmod(0o600)
        return bytes.fromhex(path.read_text("ascii").strip())
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


def _mac(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode("utf-8"), sha256).hexdigest()


def sign_session(secret: bytes, session_id: str) -> str:
    return f"{session_id}.{_mac(secret, 'session:' + session_id)}"


def read_session(secret: bytes, cookie: str | None) -> str | None:
    """The session id of a signed cookie, or None when it is absent or forged."""
    if not cookie or "." not in cookie:
        return None
    session_id, _, mac = cookie.rpartition(".")
    if hmac.compare_digest(mac, _mac(secret, "session:" + session_id)):
        return session_id
    return None


def new_session_id() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(secret: bytes, session_id: str) -> str:
    return _mac(secret, "csrf:" + session_id)


def tile_origin(tile_url: str) -> str | None:
    """The origin ``img-src`` must allow for map tiles (``{s}`` subdomains as a wildcard)."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc.replace("{s}.", "*.")
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str) -> str:
    images = "'self' data:"
    origin = tile_origin(tile_url)
    if origin:
        images += " " + origin
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", f"img-src {images}",
        "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
        "frame-ancestors 'none'", "form-action 'self'",
    ])


def security_headers(tile_url: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(tile_url),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def csrf_protect(request: Request) -> None:
    """A dependency of every route: unsafe requests need the session's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    secret: bytes = request.app.state.secret
    session_id = read_session(secret, request.cookies.get(SESSION_COOKIE))
    if session_id is None or not _same_origin(request):
        raise HTTPException(status_code=403, detail="CSRF check failed: no valid session")
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not given or not hmac.compare_digest(given, csrf_token(secret, session_id)):
        raise HTTPException(status_code=403, detail="CSRF check failed: bad or missing token")
