"""Crash safety: an ingest killed with SIGKILL midway, then re-run, holds exactly what a clean run holds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline_pages import write_pages
from rashomon.store import Store

PAGES = 40


def _ingest(pages: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rashomon", "ingest", str(pages), "--db", str(db), "--no-analyze", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _articles_now(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def _snapshot(db: Path) -> tuple[list[tuple[str, str]], dict[str, int], list[str]]:
    with Store.open(db) as store:
        arts = sorted((a.source, a.body) for a in store.articles())
        return arts, store.counts(), store.check()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_cli_ingest_killed_midway_then_rerun_matches_a_clean_run(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages, PAGES)
    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"

    clean = _ingest(pages, clean_db, "--batch-size", "2")
    _, err = clean.communicate(timeout=120)
    assert clean.returncode == 0, err.decode()
    expected, clean_counts, problems = _snapshot(clean_db)
    assert len(expected) == PAGES and problems == []

    proc = _ingest(pages, crash_db, "--batch-size", "2")
    seen = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        seen = _articles_now(crash_db)
        if seen > 0:
            break
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.fail(f"ingest finished before it could be killed (saw {seen} articles); raise PAGES")
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    partial, _, problems = _snapshot(crash_db)
    assert problems == []  # a consistent database: integrity, foreign keys, full-text index
    assert 0 < len(partial) < PAGES  # killed midway: some batches in, not all
    assert set(partial) <= set(expected)  # nothing half-written

    rerun = _ingest(pages, crash_db, "--json")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    resumed, counts, problems = _snapshot(crash_db)
    assert problems == []
    assert resumed == expected  # nothing lost, nothing doubled
    assert counts["pages"] == clean_counts["pages"] == PAGES
    assert f'"articles_added": {PAGES - len(partial)}' in out.decode()
