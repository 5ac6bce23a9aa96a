"""What the corpus and analysis commands share: the --db option, opening the store, printing."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from rashomon.config import Options, default_options
from rashomon.errors import RashomonError
from rashomon.model import InputFailure
from rashomon.pipeline import IngestReport
from rashomon.store import Store

db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None,
    help="SQLite database file (default: $RASHOMON_DB or ./rashomon.db).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


class Fatal(click.ClickException):
    """An error that ends the command: one ``error: ...`` line on stderr, exit status 1,
    in the same format as the per-input lines (click's own says ``Error:``)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {one_line(self.format_message())}", err=True)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one printable line: a newline or other control character in a file name is
    written as an escape (``\\n``), so one input is always one line of stderr."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8") if not text.isascii() else text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def stopping_error(e: sqlite3.Error | OSError, db: str | None = None) -> Fatal:
    """The one line for a database or file error that ends a command (``db`` names the database)."""
    if isinstance(e, sqlite3.Error):
        return Fatal(f"{db}: database error: {e}" if db else f"database error: {e}")
    return Fatal(f"{e.filename or 'input/output'}: {e.strerror or e}")


def options_for(db: str | None, **overrides: Any) -> Options:
    """The options of one command; a database in a folder that does not exist is refused, not made."""
    options = default_options(db=db, **overrides)
    folder = os.path.dirname(os.path.abspath(options.db))
    if options.db != ":memory:" and not os.path.isdir(folder):
        raise Fatal(f"{options.db}: the directory {folder} does not exist; create it first")
    return options


@contextmanager
def reading(db: str | None) -> Iterator[Store]:
    """Open an existing database for a read command; a missing one is an error, not a new file."""
    options = options_for(db)
    if not os.path.exists(options.db):
        raise Fatal(f"{options.db}: no database here; run `rashomon ingest` or `rashomon demo` first")
    try:
        store = Store.open(options.db)
    except RashomonError as e:
        raise Fatal(str(e)) from e
    with store:
        yield store


def echo_failure(failure: InputFailure) -> None:
    """One line per failed input on stderr (through tqdm when a bar is drawn, so it stays intact)."""
    _echo_line(f"error: {one_line(failure.source)}: {one_line(failure.reason)}")


def echo_change(source: str, what: str) -> None:
    """One line per page stored before with other text: not an error, but never silent."""
    _echo_line(f"changed: {one_line(source)}: {one_line(what)}")


def _echo_line(line: str) -> None:
    if sys.stderr.isatty():
        from tqdm import tqdm

        tqdm.write(line, file=sys.stderr)
    else:
        click.echo(line, err=True)


def run_pipeline(call: Callable[..., IngestReport], *args: Any, **kwargs: Any) -> IngestReport:
    """Call a pipeline entry point with failures echoed as they happen; errors that end the run
    (a database that cannot be opened or written, a full disk) become one ``error:`` line."""
    try:
        return call(*args, progress=sys.stderr.isatty(), on_failure=echo_failure, **kwargs)
    except RashomonError as e:
        raise Fatal(str(e)) from e
    except (sqlite3.Error, OSError) as e:
        raise stopping_error(e, args[1].db if len(args) > 1 and isinstance(args[1], Options) else "database") from e


def finish(report: IngestReport, as_json: bool, human: str) -> None:
    """The final summary line, then exit 1 when any input failed."""
    click.echo(json.dumps(report.summary()) if as_json else human)
    if report.failures:
        raise SystemExit(1)


def dump_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], *, wrap_last: bool = True) -> str:
    """A plain aligned table; the last column is cut to the terminal width."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    width = shutil.get_terminal_size((120, 20)).columns
    if wrap_last and len(headers) > 1:
        room = max(20, width - sum(widths[:-1]) - 2 * (len(headers) - 1))
        widths[-1] = min(widths[-1], room)
    fmt = lambda r: "  ".join(_cut(v, w).ljust(w) for v, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in cells)])


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
