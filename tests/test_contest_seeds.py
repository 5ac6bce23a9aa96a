"""Issue 17's acceptance on the seeds: every gold contested question found and no false one reported.

A false question is a contested question that finds no gold question of the seeds (the gold lists every
real one). No rule here names anything of the seeds: the code under test is the general method, and this
test only reads `rashomon eval seeds`' contested table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.config import default_options
from rashomon.eval.seeds import evaluate


@pytest.fixture(scope="module")
def contested(seeds_dir: Path) -> dict:
    table = next(t for t in evaluate(seeds_dir / "gold.json", default_options()) if "contested" in t.title.lower())
    return next(r for r in table.rows if r["system"] == "rashomon")


def test_every_gold_contested_question_of_the_seeds_is_found(contested: dict) -> None:
    assert contested["found"] == contested["of"] == 3


def test_no_contested_question_of_the_seeds_is_false(contested: dict) -> None:
    assert contested["contested_total"] == contested["contested_true"], contested
