"""The import contracts of .importlinter (import-linter): stages import only downward, runners never
a surface, Ray only in its runner, and no import cycles at any level of the package (an
``acyclic_siblings`` contract: the shared part of a cycle goes down to a module both sides import).
Skipped when import-linter is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_run_import_contracts_are_kept():
    pytest.importorskip("importlinter")
    lint = shutil.which("lint-imports") or str(Path(__import__("sys").executable).parent / "lint-imports")
    out = subprocess.run([lint, "--config", str(ROOT / ".importlinter"), "--no-cache"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]
    assert out.stdout.count("KEPT") == 4
    assert "No import cycles" in out.stdout
