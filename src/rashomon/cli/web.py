"""`rashomon serve`: the web app and JSON API over a database, on loopback by default."""

from __future__ import annotations

import os
import socket

import click

from rashomon.cli.common import db_option
from rashomon.config import default_options
from rashomon.errors import RashomonError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless told otherwise.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token", envvar="RASHOMON_TOKEN", help="Bearer token that POST /api/ingest requires ($RASHOMON_TOKEN).")
@click.option("--allow-private-fetch", is_flag=True, help="Let POST /api/ingest fetch loopback, private and link-local addresses.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Answer requests for this Host name too (repeatable); others get 400.")
def serve_command(db: str | None, host: str, port: int, token: str | None, allow_private_fetch: bool,
                  allow_hosts: tuple[str, ...]) -> None:
    """Serve stories, articles, entities and search at http://HOST:PORT (API docs at /docs).

    Example: rashomon serve --db demo.db --port 8000
    """
    import uvicorn

    from rashomon.web import create_app

    options = default_options(db=db, allow_private_fetch=allow_private_fetch or None, allowed_hosts=allow_hosts or None)
    token = token or os.environ.get("RASHOMON_TOKEN")
    if not os.path.exists(options.db):
        if not token:  # a read-only server over a new, empty database is a typo in --db
            raise click.ClickException(f"{options.db}: no such database (make one with `rashomon ingest` or `rashomon demo`, "
                                       "or give --token to start an empty one that POST /api/ingest fills)")
        click.echo(f"note: {options.db} does not exist: starting an empty database for POST /api/ingest", err=True)
    try:
        app = create_app(options.db, token=token, options=options, host=host)
    except RashomonError as e:
        raise click.ClickException(str(e)) from e
    try:  # bound here, so a port in use is one clear line before anything says it is serving
        sock = socket.create_server((host, port))
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e} (pick another with --port)") from e
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    click.echo(f"Rashomon is serving {options.db} at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


COMMANDS = [serve_command]
