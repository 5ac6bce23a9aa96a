"""The bundled demo corpus: one invented developing story in every input kind, plus a second one.

Everything here is invented (outlets, people, places, events). ``README.md`` lists the files
and the facts a reader should find; other stages' tests use it as their expectations.
"""

from __future__ import annotations

from pathlib import Path

DEMO_DIR: Path = Path(__file__).resolve().parent

__all__ = ["DEMO_DIR"]
