"""Seeded fuzz of `rashomon ingest`: a few hundred generated inputs of every kind, good, bad and
mutated (scripts/fuzz_ingest.py's generators), ingested in-process batch by batch.

No input may raise; every good input's pages are stored; every bad input has exactly one
``error:`` line; stderr holds nothing but ``error:`` / ``changed:`` lines.
"""

from __future__ import annotations

import os
import random
import sys

import pytest
from click.testing import CliRunner

import fuzz_script
from rashomon.cli import main

@pytest.fixture(scope="module")
def fuzz():
    return fuzz_script.load()


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_seeded_fuzz_of_ingest_keeps_every_promise(fuzz, tmp_path):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        runner = CliRunner()
    rng = random.Random(23)
    tally = fuzz.Tally()
    for batch in range(6):
        folder = tmp_path / f"in{batch}"
        folder.mkdir()
        cases = [fuzz.make_case(rng, batch * 50 + i, folder) for i in range(50)]
        db = tmp_path / f"fuzz{batch}.db"
        result = runner.invoke(main, ["ingest", *[os.fsdecode(c.label) for c in cases], "--db", str(db), "--no-analyze"])
        assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.exception
        fuzz.judge(cases, result.stderr, fuzz.stored_sources(db), tally)
    assert tally.inputs == 300 and tally.good > 80 and tally.bad > 30 and tally.mutants > 30, tally
    assert (tally.tracebacks, tally.good_lost, tally.bad_without_one_line, tally.stray_lines) == (0, 0, 0, 0), tally.problems
