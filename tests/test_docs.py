"""README.md keeps up with the code: commands, options, settings, environment, make targets.

Everything is read from the code by introspection (click's command tree, ``config.SETTINGS``,
the Makefile, the sources), so a new command, option or setting fails here until it is
documented, and an example in the README fails when the CLI no longer accepts it.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from rashomon.cli import main
from rashomon.config import SETTINGS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "rashomon") -> list[tuple[str, click.Command]]:
    """Every command under ``group`` with its full name, sub-groups included."""
    found = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if cmd.hidden:
            continue
        found.append((full, cmd))
        if isinstance(cmd, click.Group):
            found += _commands(cmd, full)
    return found


COMMANDS = _commands(main)
IDS = [name for name, _ in COMMANDS]


def _section(title: str) -> str:
    """The README text under the heading ``title``, up to the next heading of the same or higher level."""
    lines = README.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(#+)\s+(.*?)\s*$", line)
        if m and m.group(2).strip("` ") == title:
            level = len(m.group(1))
            body = []
            for nxt in lines[i + 1:]:
                h = re.match(r"^(#+)\s", nxt)
                if h and len(h.group(1)) <= level:
                    break
                body.append(nxt)
            return "\n".join(body)
    return ""


def _mentions(text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


def _flags(cmd: click.Command) -> list[str]:
    return [
        flag
        for p in cmd.params
        if isinstance(p, click.Option) and not p.hidden and "--help" not in p.opts
        for flag in (*p.opts, *p.secondary_opts)
    ]


def test_docs_cli_tree_is_not_empty():
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_command_has_a_readme_section(name, cmd):
    assert _section(name).strip(), f"README.md has no section headed '{name}'"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_command_has_an_example(name, cmd):
    assert re.search(rf"^{re.escape(name)}(\s|$)", _section(name), re.M), f"no example line of '{name}'"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_option_is_in_its_command_section(name, cmd):
    section = _section(name)
    missing = [flag for flag in _flags(cmd) if not _mentions(section, flag)]
    assert missing == [], f"{name}: options not documented in its README section: {missing}"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_argument_choice_is_documented(name, cmd):
    section = _section(name)
    choices = [c for p in cmd.params if isinstance(p.type, click.Choice) for c in p.type.choices]
    missing = [c for c in choices if not _mentions(section, c)]
    assert missing == [], f"{name}: choices not documented: {missing}"


def test_docs_top_level_options_are_documented():
    missing = [flag for flag in _flags(main) if not _mentions(README, flag)]
    assert missing == []


def _example_lines() -> list[str]:
    """Lines of the README's shell blocks that run `rashomon`."""
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", README, re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip().startswith("rashomon ")]


def test_docs_readme_has_examples():
    assert len(_example_lines()) >= len(COMMANDS)


@pytest.mark.parametrize("line", _example_lines())
def test_docs_every_example_parses(line):
    """Each example must be accepted by the CLI as it is now (parsed, not run)."""
    args = shlex.split(line, comments=True)[1:]
    for stop in (">", "|", "&&"):
        if stop in args:
            args = args[: args.index(stop)]
    group: click.Command = main
    ctx = main.make_context("rashomon", [], resilient_parsing=True)
    while isinstance(group, click.Group) and args and args[0] in group.commands:
        group = group.commands[args[0]]
        name, args = args[0], args[1:]
        if isinstance(group, click.Group):
            continue
        try:
            group.make_context(name, list(args), parent=ctx)
        except click.UsageError as e:  # BadParameter, NoSuchOption and MissingParameter too
            pytest.fail(f"README example no longer parses: {line!r}: {e.format_message()}")
        return
    pytest.fail(f"README example names no command: {line!r}")


def test_docs_headings_name_existing_commands():
    headed = re.findall(r"^#+\s+`?(rashomon [a-z-]+(?: [a-z-]+)*)`?\s*$", README, re.M)
    assert headed, "README has no command sections"
    unknown = [h for h in headed if h not in IDS]
    assert unknown == [], f"README documents commands that do not exist: {unknown}"


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_docs_every_setting_is_documented_with_its_default(setting):
    rows = [line for line in README.splitlines() if line.startswith("|") and f"`{setting.name}`" in line]
    assert rows, f"setting {setting.name!r} is not in a README table"
    assert any(str(setting.default) in row for row in rows), f"README gives another default for {setting.name!r}"


def test_docs_every_environment_variable_is_documented():
    in_code = set()
    for path in (REPO / "src" / "rashomon").rglob("*.py"):
        in_code |= set(re.findall(r"\bRASHOMON_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    for _, cmd in COMMANDS:
        for p in cmd.params:
            envvar = getattr(p, "envvar", None)
            in_code |= {envvar} if isinstance(envvar, str) else set(envvar or ())
    assert in_code, "no environment variable found in the sources"
    missing = sorted(v for v in in_code if f"`{v}`" not in README)
    assert missing == []


def test_docs_every_make_target_is_documented():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert phony is not None
    missing = [t for t in phony.group(1).split() if f"make {t}" not in README]
    assert missing == []
