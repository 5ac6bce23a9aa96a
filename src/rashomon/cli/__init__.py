"""The `rashomon` command: a thin click layer over the library.

Each area's commands live in their own module and are attached to ``main`` here.
"""

from __future__ import annotations

import os
import sqlite3

import click

from rashomon.cli import eval as _eval
from rashomon.cli import corpus as _corpus
from rashomon.cli import analysis as _analysis
from rashomon.cli import web as _web
from rashomon.cli import notes as _notes
from rashomon.cli import tags as _tags


class _Main(click.Group):
    """The command group, with a last guard: an error no command expected (a database that
    turns out corrupt midway, a disk that fills) is one ``error:`` line, not a traceback.
    ``RASHOMON_DEBUG=1`` lets the traceback through."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as e:  # noqa: BLE001
            if os.environ.get("RASHOMON_DEBUG"):
                raise
            from rashomon.cli.common import Fatal, one_line, stopping_error

            if isinstance(e, (sqlite3.Error, OSError)):
                raise stopping_error(e) from e
            first = one_line(str(e).strip().splitlines()[0][:300]) if str(e).strip() else ""
            raise Fatal(f"internal error ({type(e).__name__}{': ' + first if first else ''}); "
                        "RASHOMON_DEBUG=1 shows the traceback") from e


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rashomon")
def main() -> None:
    """Rashomon: what happened, who said what, and where the accounts collide."""


for _module in (_corpus, _analysis, _eval, _web, _notes, _tags):
    for _command in _module.COMMANDS:
        main.add_command(_command)
