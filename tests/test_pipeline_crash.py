"""Crash safety of the derived records: a run killed while analysing, re-run, ends where a clean
run ends (analyses, entities, stories, reports). The stages are the doubles of pipeline_doubles,
slowed down so the kill lands midway; what is tested is the pipeline's bookkeeping."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rashomon.store import Store

HERE = Path(__file__).resolve().parent
PAGES = 24


def _run(corpus: Path, db: Path, delay: float) -> subprocess.Popen:
    targets = sorted(json.loads(corpus.read_text()))
    return subprocess.Popen(
        [sys.executable, str(HERE / "pipeline_doubles.py"), str(corpus), str(delay), "--",
         "ingest", *targets, "--db", str(db), "--batch-size", "2", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(HERE)},
    )


def _analysed_now(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _state(db: Path) -> dict:
    with Store.open(db) as store:
        return {
            "articles": sorted(a.source for a in store.articles()),
            "analysed": len(store.analyses()),
            "entities": [(e.id, e.canonical, e.aliases) for e in store.entities()],
            "stories": sorted((s.id, tuple(sorted(s.articles))) for s in store.stories()),
            "claims": sorted(len(store.story_report(s.id).claims) for s in store.stories()),
            "stale": store.stale_stories(),
            "problems": store.check(),
        }


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_pipeline_killed_during_analysis_then_rerun_matches_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus.json"
    outlets = ["ledger", "courier", "echo"]
    corpus.write_text(json.dumps({
        f"{outlets[i % 3]}/p{i}": f"Page {i}. " + ("Mayor Varga spoke." if i % 2 else "Nobody spoke.") for i in range(PAGES)
    }))
    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"
    clean = _run(corpus, clean_db, 0.0)
    _, err = clean.communicate(timeout=60)
    assert clean.returncode == 0, err.decode()
    expected = _state(clean_db)
    assert expected["analysed"] == PAGES and expected["stories"] and expected["stale"] == []

    proc = _run(corpus, crash_db, 0.1)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline and _analysed_now(crash_db) == 0:
        time.sleep(0.005)
    assert proc.poll() is None, "finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    partial = _state(crash_db)
    assert partial["problems"] == []
    assert len(partial["articles"]) == PAGES and 0 < partial["analysed"] < PAGES
    assert partial["stories"] == []  # grouping had not started

    rerun = _run(corpus, crash_db, 0.0)
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err.decode()
    assert json.loads(out.decode().strip().splitlines()[-1])["articles_added"] == 0
    assert _state(crash_db) == expected
