"""The `rashomon` command: a thin click layer over the library.

Each area's commands live in their own module and are attached to ``main`` here.
"""

from __future__ import annotations

import click

from rashomon.cli import eval as _eval
from rashomon.cli import corpus as _corpus
from rashomon.cli import analysis as _analysis
from rashomon.cli import web as _web


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rashomon")
def main() -> None:
    """Rashomon: what happened, who said what, and where the accounts collide."""


for _module in (_corpus, _analysis, _eval, _web):
    for _command in _module.COMMANDS:
        main.add_command(_command)
