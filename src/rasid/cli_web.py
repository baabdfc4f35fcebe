"""`rasid serve`: the HTTP API and the web pages (see docs/web.md)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to bind beyond loopback without a token (writing endpoints would be open)."""
    if not is_loopback(host) and not token:
        raise typer.BadParameter(
            f"binding to {host} exposes the server beyond this machine; give --token "
            "(or set RASID_TOKEN) so that POST /documents needs it", param_hint="--host")


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Annotated[Path | None, typer.Option(
            "--db", help="the store to serve (default: $RASID_DB or "
                         "~/.local/share/rasid/rasid.db)")] = None,
        host: Annotated[str, typer.Option(help="address to bind; anything but loopback "
                                               "needs --token")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port", min=1, max=65535)] = 8000,
        token: Annotated[str | None, typer.Option(
            help="token that POST /documents requires (Authorization: Bearer TOKEN); "
                 "default $RASID_TOKEN", envvar="RASID_TOKEN", show_envvar=True)] = None,
        workers: Annotated[int, typer.Option(help="uvicorn worker processes (each loads the pipeline once)",
                                             min=1, max=32)] = 1,
    ) -> None:
        """Serve the HTTP API (docs at /docs) and the web pages (Analyse, Article, Entity,
        Events, Search).

        Examples:

          rasid serve                       # http://127.0.0.1:8000/

          rasid serve --db corpus.db --port 8080

          RASID_TOKEN=s3cret rasid serve --host 0.0.0.0
        """
        import uvicorn

        check_bind(host, token)
        if db is not None:
            os.environ["RASID_DB"] = str(db)
        if token:
            os.environ["RASID_TOKEN"] = token
        from rasid.store import default_db_path

        where = db or default_db_path()
        typer.echo(f"rasid: serving {where} on http://{host}:{port}/ (API docs at /docs"
                   f"{'; POST /documents needs the token' if token else ''})", err=True)
        uvicorn.run("rasid.api:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="info")
