"""CLI commands (placeholder until its owner fills it)."""

COMMANDS: list = []
