"""The documentation keeps up with the code: docs/commands.md names every command, option,
setting, environment variable and make target, and every README example runs as written.

Everything is read from the code by introspection (click's command tree, ``config.SETTINGS``,
the Makefile, the sources), so a new command, option or setting fails here until it is
documented (the sqlite-utils / datasette habit), an example in docs/commands.md fails when the CLI
no longer accepts it, and the README's tour is run, line by line, on the demo database.
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
COMMANDS_MD = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")


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
    """The docs/commands.md text under the heading ``title``, up to the next heading of the same or higher level."""
    lines = COMMANDS_MD.splitlines()
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
def test_docs_every_command_has_a_section(name, cmd):
    assert _section(name).strip(), f"docs/commands.md has no section headed '{name}'"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_command_has_an_example(name, cmd):
    assert re.search(rf"^{re.escape(name)}(\s|$)", _section(name), re.M), f"no example line of '{name}'"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_option_is_in_its_command_section(name, cmd):
    section = _section(name)
    missing = [flag for flag in _flags(cmd) if not _mentions(section, flag)]
    assert missing == [], f"{name}: options not documented in its docs/commands.md section: {missing}"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=IDS)
def test_docs_every_argument_choice_is_documented(name, cmd):
    section = _section(name)
    choices = [c for p in cmd.params if isinstance(p.type, click.Choice) for c in p.type.choices]
    missing = [c for c in choices if not _mentions(section, c)]
    assert missing == [], f"{name}: choices not documented: {missing}"


def test_docs_top_level_options_are_documented():
    missing = [flag for flag in _flags(main) if not _mentions(COMMANDS_MD, flag)]
    assert missing == []


def _example_lines(text: str, fences: str = "sh|bash|console|text") -> list[str]:
    """Lines of the shell blocks that run `rashomon`."""
    blocks = re.findall(rf"```(?:{fences})\n(.*?)```", text, re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip().startswith("rashomon ")]


def test_docs_commands_md_has_examples():
    assert len(_example_lines(COMMANDS_MD)) >= len(COMMANDS)


@pytest.mark.parametrize("line", _example_lines(COMMANDS_MD) + _example_lines(README))
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
            pytest.fail(f"example no longer parses: {line!r}: {e.format_message()}")
        return
    pytest.fail(f"example names no command: {line!r}")


def test_docs_headings_name_existing_commands():
    headed = re.findall(r"^#+\s+`?(rashomon [a-z-]+(?: [a-z-]+)*)`?\s*$", COMMANDS_MD, re.M)
    assert headed, "docs/commands.md has no command sections"
    unknown = [h for h in headed if h not in IDS]
    assert unknown == [], f"docs/commands.md documents commands that do not exist: {unknown}"


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_docs_every_setting_is_documented_with_its_default(setting):
    rows = [line for line in COMMANDS_MD.splitlines() if line.startswith("|") and f"`{setting.name}`" in line]
    assert rows, f"setting {setting.name!r} is not in a docs/commands.md table"
    assert any(str(setting.default) in row for row in rows), f"docs/commands.md gives another default for {setting.name!r}"


def test_docs_every_options_field_is_a_documented_setting():
    """A field added to Options without a SETTINGS entry would escape the test above."""
    import dataclasses

    from rashomon.config import Options

    fields = {f.name for f in dataclasses.fields(Options)} - {"extra"}
    missing = sorted(f for f in fields if f"`{f}`" not in COMMANDS_MD)
    assert missing == [], f"Options fields not in docs/commands.md: {missing}"


def test_docs_every_environment_variable_is_documented():
    in_code = set()
    for path in (REPO / "src" / "rashomon").rglob("*.py"):
        in_code |= set(re.findall(r"\bRASHOMON_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    for _, cmd in COMMANDS:
        for p in cmd.params:
            envvar = getattr(p, "envvar", None)
            in_code |= {envvar} if isinstance(envvar, str) else set(envvar or ())
    assert in_code, "no environment variable found in the sources"
    missing = sorted(v for v in in_code if f"`{v}`" not in COMMANDS_MD)
    assert missing == []


def test_docs_every_make_target_is_documented():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert phony is not None
    missing = [t for t in phony.group(1).split() if f"make {t}" not in COMMANDS_MD]
    assert missing == []
    assert "make run" in README and "make test" in README


def test_docs_readme_is_a_five_minute_read():
    words = len(re.sub(r"```.*?```", "", README, flags=re.S).split())
    assert words <= 1000, f"README.md has {words} words of prose: move detail to docs/"
    for doc in re.findall(r"\]\((docs/[^)#]+)\)", README):
        assert (REPO / doc).exists(), f"README links to {doc}, which does not exist"


def test_docs_export_contract_is_in_the_repository():
    """The contract users read is docs/export.md and names every field the export writes."""
    from rashomon.export import ARTICLE_KEYS, STORY_KEYS

    export_md = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    missing = [k for k in (*ARTICLE_KEYS, *STORY_KEYS) if f"`{k}`" not in export_md]
    assert missing == []
    assert "DESIGN.md" not in export_md + README + COMMANDS_MD


def _run_lines(text: str) -> list[str]:
    """The README's ```sh lines: run as written, in order (```text blocks hold templates, parsed only)."""
    return _example_lines(text, fences="sh")


def test_docs_every_readme_example_runs_on_the_demo_database(tmp_path, monkeypatch, runner):
    """The tour, as written, in a fresh folder: `rashomon demo --db demo.db` first, then each line
    must succeed and print something; `serve` is parsed only (it would not return)."""
    lines = _run_lines(README)
    assert lines and lines[0].startswith("rashomon demo --db demo.db")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RASHOMON_DB", raising=False)
    ran = 0
    for line in lines:
        args = shlex.split(line, comments=True)[1:]
        for stop in (">", "|", "&&"):
            if stop in args:
                args = args[: args.index(stop)]
        if args[0] == "serve":
            continue
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, f"README example failed: {line!r}: {result.output}{result.stderr}"
        assert result.output.strip() or any(tmp_path.iterdir()), f"README example printed nothing: {line!r}"
        ran += 1
    assert ran >= 5
    shown = runner.invoke(main, ["show", "brenna", "--db", "demo.db"]).output
    assert shown.startswith("Brenna Dam bursts")
    searched = runner.invoke(main, ["search", "Mirzoev", "--db", "demo.db"]).output
    assert "also searched as: Mirzoyev" in searched and "story: story-" in searched
