"""`rashomon eval`: quality numbers next to a baseline measured in the same run."""

from __future__ import annotations

from pathlib import Path

import click

from rashomon.config import default_options
from rashomon.errors import RashomonError
from rashomon.eval import TASKS, run_task, tables_to_json


@click.command("eval")
@click.argument("task", type=click.Choice(sorted(TASKS)))
@click.option("--data", "data", type=click.Path(path_type=Path), help="Data set folder (default: the one in ../shared).")
@click.option("--gold", "gold", type=click.Path(path_type=Path), help="Gold file for `seeds` (alias of --data).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of tables.")
def eval_command(task: str, data: Path | None, gold: Path | None, as_json: bool) -> None:
    """Score TASK (seeds, extraction, attribution, timex, stories) with its baseline.

    Example: rashomon eval attribution --data ../shared/eval/polnear/dev
    """
    try:
        tables = run_task(task, gold or data, default_options())
    except RashomonError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(tables_to_json(tables))
    else:
        click.echo("\n\n".join(t.render() for t in tables))


COMMANDS = [eval_command]
