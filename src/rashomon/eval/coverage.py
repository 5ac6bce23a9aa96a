"""`rashomon eval coverage`: real events told by several outlets, ingested as a user would, scored
against the folder's gold.json (its README says how).

The folder's pages are ingested twice into two temporary databases, each holding every page of
the folder (a real pile holds many stories): **careful** (each page with the outlet and date of
pages.tsv) and **hurried** (the files in one batch, no metadata). Each section module in
``SECTIONS`` exposes ``score(gold, careful, hurried) -> list[EvalTable]`` and reads what the
stores give back through the two ``CoverageRun``s. Any folder of the same layout scores the same
way: ``pages/``, ``pages.tsv`` and ``gold.json``.

``$RASHOMON_COVERAGE_DBS`` names a folder that keeps the two databases; a second run over the same
folder then finds every page stored and only re-reads and re-scores (for work on the scorers).
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rashomon.config import Options
from rashomon.errors import EvalDataError
from rashomon.eval import EvalTable
from rashomon.eval.seeds import SeedRun
from rashomon.model import Article, InputFailure, Page

DEFAULT_DATA = "eval/coverage/basil"
SECTIONS: tuple[str, ...] = (
    "rashomon.eval.coverage_contested",
    "rashomon.eval.coverage_statements",
    "rashomon.eval.coverage_entities",
    "rashomon.eval.coverage_stories",
)


@dataclass
class CoverageRun(SeedRun):
    """One ingest of a coverage folder ("careful" or "hurried"), read back from its store."""

    pages: list[dict[str, str]] = field(default_factory=list)  # pages.tsv rows

    @cached_property
    def file_of(self) -> dict[str, str]:
        """Article id -> the gold file its page came from (main articles only)."""
        return {a.id: Path(a.page_source).name for a in self.articles if a.kind == "article"}

    @cached_property
    def article_of(self) -> dict[str, Article]:
        """Gold file name -> its main article."""
        return {Path(a.page_source).name: a for a in self.articles if a.kind == "article"}


def load(folder: Path) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """gold.json and pages.tsv of a coverage folder, checked for what every section relies on."""
    folder = Path(folder)
    if folder.is_file():
        folder = folder.parent
    try:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        with open(folder / "pages.tsv", encoding="utf-8", newline="") as f:
            pages = list(csv.DictReader(f, delimiter="\t"))
    except (OSError, ValueError) as e:
        raise EvalDataError(str(folder), f"not a coverage folder (pages.tsv, gold.json): {e}") from e
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), dict):
        raise EvalDataError(str(folder / "gold.json"), "gold file has no 'documents' object")
    missing = [row["file"] for row in pages if not (folder / "pages" / row["file"]).is_file()]
    if missing:
        raise EvalDataError(str(folder / "pages" / missing[0]), "page named in pages.tsv not found")
    return gold, pages


def _careful_pages(folder: Path, rows: list[dict[str, str]], options: Options) -> Iterator[Page | InputFailure]:
    """Every page read with the outlet and date pages.tsv gives it, as ``--outlet``/``--published`` would."""
    from rashomon.ingest import read_inputs

    for row in rows:
        yield from read_inputs(
            [str(folder / "pages" / row["file"])], options, outlet=row.get("outlet") or None, published=row.get("published") or None
        )


def run_folder(folder: Path, gold: dict[str, Any], rows: list[dict[str, str]], options: Options, db: str, careful: bool) -> CoverageRun:
    """Ingest every page of the folder into ``db`` in one batch, carefully or hurriedly."""
    from rashomon.ingest import read_inputs
    from rashomon.pipeline import ingest_pages

    opts = options.with_(db=db, online=False)
    pages = _careful_pages(folder, rows, opts) if careful else read_inputs([str(folder / "pages" / r["file"]) for r in rows], opts)
    report = ingest_pages(pages, opts, label=str(folder))
    run = CoverageRun(gold=gold, seeds_dir=folder / "pages", texts={}, db=db, mode="careful" if careful else "hurried", pages=rows)
    run.failures += [f"{f.source}: {f.reason}" for f in report.failures]
    return run


def evaluate(path: Path, options: Options) -> list[EvalTable]:
    """Score every section on a coverage folder, careful and hurried runs side by side."""
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    gold, rows = load(folder)
    tables: list[EvalTable] = []
    keep = os.environ.get("RASHOMON_COVERAGE_DBS")
    with tempfile.TemporaryDirectory(prefix="rashomon-coverage-") as tmp:
        where = Path(keep) if keep else Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        careful = run_folder(folder, gold, rows, options, str(where / "careful.db"), careful=True)
        hurried = run_folder(folder, gold, rows, options, str(where / "hurried.db"), careful=False)
        for name in SECTIONS:
            tables += importlib.import_module(name).score(gold, careful, hurried)
    tables[0].notes += [f"ingest failure ({r.mode}): {f}" for r in (careful, hurried) for f in r.failures]
    return tables
