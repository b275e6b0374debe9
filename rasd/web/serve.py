"""``rasd serve``: the web app on this machine only, until user accounts exist."""

from __future__ import annotations

import ipaddress

from rasd.settings import Settings

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def check_host(host: str) -> None:
    """Refuse every address but the loopback ones, with a one-line reason."""
    name = host.strip().strip("[]").lower()
    if name in LOCAL_HOSTS:
        return
    try:
        if ipaddress.ip_address(name) in (ipaddress.ip_address("127.0.0.1"),
                                          ipaddress.ip_address("::1")):
            return
    except ValueError:
        pass
    raise ValueError(
        f"refusing to listen on {host!r}: the web app has no user accounts yet, so it serves "
        "only this machine (use 127.0.0.1, localhost or ::1)")


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Run the web app with uvicorn until interrupted (host and port default to settings)."""
    import uvicorn

    from rasd.web.app import create_app

    chosen_host = host or settings.host
    check_host(chosen_host)
    app = create_app(settings)
    uvicorn.run(app, host=chosen_host.strip("[]"), port=port or settings.port,
                log_level="warning", server_header=False)
