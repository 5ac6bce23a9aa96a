"""`rashomon serve`: the web app and JSON API over a database, on loopback by default."""

from __future__ import annotations

import os

import click

from rashomon.cli.common import db_option
from rashomon.config import default_options
from rashomon.errors import RashomonError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless told otherwise.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--token", envvar="RASHOMON_TOKEN", help="Bearer token that POST /api/ingest requires ($RASHOMON_TOKEN).")
def serve_command(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve stories, articles, entities and search at http://HOST:PORT (API docs at /docs).

    Example: rashomon serve --db demo.db --port 8000
    """
    import uvicorn

    from rashomon.web import create_app

    options = default_options(db=db)
    try:
        app = create_app(options.db, token=token or os.environ.get("RASHOMON_TOKEN"))
    except RashomonError as e:
        raise click.ClickException(str(e)) from e
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    click.echo(f"Rashomon is serving {options.db} at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve_command]
