"""The analysts' web app: ``create_app(settings)`` gives the FastAPI application.

Everything that comes from reports is untrusted: templates autoescape, responses carry a strict
Content-Security-Policy (scripts and styles only from our own static files), and every form and
htmx request is checked against the session's CSRF token (:mod:`rasd.web.security`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from rasd.settings import Settings
from rasd.web import security
from rasd.web.render import make_templates
from rasd.web.routes import entities, incidents, maps, reports, review, search
from rasd.workspace import open_workspace

HERE = Path(__file__).parent


def create_app(settings: Settings) -> FastAPI:
    """The web app over the workspace of ``settings`` (which must exist)."""
    workspace = open_workspace(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        workspace.close()

    app = FastAPI(title="Rasd", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(security.csrf_protect)], lifespan=lifespan)
    app.state.settings = settings
    app.state.workspace = workspace
    app.state.secret = security.load_secret(settings.workspace)
    app.state.templates = make_templates(HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (search, reports, review, incidents, entities, maps):
        app.include_router(module.router)
    _add_session_and_headers(app, security.security_headers(settings.tile_url))
    return app


def _add_session_and_headers(app: FastAPI, headers: dict[str, str]) -> None:
    secret: bytes = app.state.secret

    @app.middleware("http")
    async def session_and_headers(request: Request,
                                  call_next: Callable[[Request], Awaitable[Response]]
                                  ) -> Response:
        session_id = security.read_session(secret, request.cookies.get(security.SESSION_COOKIE))
        fresh = session_id is None
        request.state.session_id = session_id or security.new_session_id()
        response = await call_next(request)
        if fresh:
            response.set_cookie(security.SESSION_COOKIE,
                                security.sign_session(secret, request.state.session_id),
                                httponly=True, samesite="strict", path="/")
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
