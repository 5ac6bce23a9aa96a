"""Helpers shared by the attribution tests."""

from __future__ import annotations

from rashomon.model import Attribution


def find(atts: list[Attribution], fragment: str) -> Attribution:
    """The first attribution whose content holds ``fragment`` (case-insensitive); fails the test if none."""
    hits = [a for a in atts if fragment.lower() in a.content.lower()]
    assert hits, f"no attribution with {fragment!r} in {[a.content for a in atts]}"
    return hits[0]
