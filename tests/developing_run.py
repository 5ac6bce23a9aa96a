"""The invented developing story (tests/fixtures/developing) ingested once per test session, as a careful user would."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from rashomon.config import default_options
from rashomon.eval.coverage import CoverageRun, load, run_folder

DEVELOPING = Path(__file__).parent / "fixtures" / "developing"


@lru_cache(maxsize=2)
def developing_run(careful: bool = True) -> CoverageRun:
    """The fixture folder ingested into a fresh database (each page with its outlet and date when careful)."""
    gold, rows = load(DEVELOPING)
    db = str(Path(tempfile.mkdtemp(prefix="rashomon-developing-")) / "run.db")
    return run_folder(DEVELOPING, gold, rows, default_options(), db, careful=careful)


def gold() -> dict:
    return json.loads((DEVELOPING / "gold.json").read_text(encoding="utf-8"))
