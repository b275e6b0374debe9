"""Templates (Jinja2, autoescaped) and the small helpers every route uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import Connection

from rasd.settings import Settings
from rasd.web import security
from rasd.workspace import Workspace

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ku", "ckb", "ps", "yi"})
GEO_PRECISION = {1: "named town", 2: "near a town / part of a region", 3: "region or larger"}
TIME_PRECISION = {1: "day", 2: "week", 3: "month", 4: "year or vaguer"}


def text_direction(language: str | None) -> str:
    """``rtl`` for right-to-left languages, else ``auto`` (the browser decides per text)."""
    return "rtl" if (language or "").lower().split("-")[0] in RTL_LANGUAGES else "auto"


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``params`` with ``changes`` (None removes a key) as a URL query string."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def make_templates(folder: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(folder), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(text_direction=text_direction, query_string=query_string,
                       GEO_PRECISION=GEO_PRECISION, TIME_PRECISION=TIME_PRECISION)
    return env


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def workspace(request: Request) -> Workspace:
    value: Workspace = request.app.state.workspace
    return value


@contextmanager
def reading(request: Request) -> Iterator[Connection]:
    with workspace(request).engine.connect() as conn:
        yield conn


@contextmanager
def writing(request: Request) -> Iterator[Connection]:
    with workspace(request).engine.begin() as conn:
        yield conn


def csrf(request: Request) -> str:
    return security.csrf_token(request.app.state.secret, request.state.session_id)


def render(request: Request, template: str, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    body = env.get_template(template).render(
        request=request, csrf_token=csrf(request), csrf_field=security.CSRF_FIELD,
        user=settings(request).user, **context)
    return HTMLResponse(body, status_code=status_code)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found")
