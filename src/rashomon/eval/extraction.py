"""`rashomon eval extraction`: main-text extraction on trafilatura's own evaluation set.

Each page of the set lists snippets that must appear in the extracted text ("with") and
snippets that must not ("without"). A "with" snippet found is a true positive, missed a false
negative; a "without" snippet found is a false positive, absent a true negative. Matching is
substring search after collapsing whitespace on both sides; a system that returns nothing (or
crashes) on a page misses all of its "with" snippets and finds none of its "without" ones.
This is the set's own scoring scheme, reimplemented here.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.config import Options
from rashomon.errors import EvalDataError, RashomonError
from rashomon.eval import EvalTable

DEFAULT_DATA = "eval/trafilatura-eval"
METRICS = ["precision", "recall", "accuracy", "f1", "empty", "pages", "seconds"]
_WS = re.compile(r"\s+")


@dataclass
class EvalPage:
    """One annotated page: where its HTML is and what must / must not be extracted."""

    url: str
    path: Path
    with_: list[str]
    without: list[str]


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    empty: int = 0  # pages where the system returned nothing
    pages: int = 0
    seconds: float = 0.0

    def add(self, counts: tuple[int, int, int, int], empty: bool, seconds: float) -> None:
        self.tp += counts[0]
        self.fp += counts[1]
        self.fn += counts[2]
        self.tn += counts[3]
        self.empty += int(empty)
        self.pages += 1
        self.seconds += seconds

    def row(self, system: str) -> dict[str, Any]:
        found = self.tp + self.fp
        relevant = self.tp + self.fn
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "system": system,
            "precision": self.tp / found if found else 0.0,
            "recall": self.tp / relevant if relevant else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
            "f1": 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0,
            "empty": self.empty,
            "pages": self.pages,
            "seconds": int(round(self.seconds)),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
        }


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


def count(page: EvalPage, text: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one page's extracted text."""
    if not text:
        return 0, 0, len(page.with_), len(page.without)
    flat = normalise(text)
    tp = sum(1 for s in page.with_ if normalise(s) in flat)
    fp = sum(1 for s in page.without if normalise(s) in flat)
    return tp, fp, len(page.with_) - tp, len(page.without) - fp


def load_pages(root: Path) -> list[EvalPage]:
    """The annotated pages whose HTML is present, in the order of evaldata.json."""
    index = root / "evaldata.json" if root.is_dir() else root
    folder = index.parent / "html"
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise EvalDataError(str(index), f"cannot read the annotations ({e})") from e
    if not isinstance(data, dict):
        raise EvalDataError(str(index), "expected a JSON object keyed by URL")
    pages: list[EvalPage] = []
    for url, item in data.items():
        name = item.get("file") if isinstance(item, dict) else None
        if not name:
            continue
        path = next((p for p in (folder / f"{name}.gz", folder / name) if p.is_file()), None)
        if path is None:
            continue
        pages.append(EvalPage(url, path, [s for s in item.get("with", []) if s], [s for s in item.get("without", []) if s]))
    if not pages:
        raise EvalDataError(str(index), "no annotated page has its HTML file under html/")
    return pages


def read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


# --- systems: each takes the page's bytes and returns the extracted text (or None) ----------


def rashomon_body(data: bytes, source: str) -> str | None:
    """Rashomon's html route: ingest's decoding, then extract_page; the main article's body."""
    from rashomon.config import default_options
    from rashomon.extract import extract_page
    from rashomon.ingest.encoding import DecodeError, decode
    from rashomon.model import Page

    try:
        text = decode(data, html=True).text
        articles = extract_page(Page(source=source, kind="html", text=text), default_options())
    except (RashomonError, DecodeError):
        return None
    return articles[0].body if articles else None


def trafilatura_default(data: bytes, source: str) -> str | None:
    import trafilatura

    return trafilatura.extract(data)


def trafilatura_no_comments(data: bytes, source: str) -> str | None:
    import trafilatura

    return trafilatura.extract(data, include_comments=False)


def trafilatura_baseline(data: bytes, source: str) -> str | None:
    import trafilatura

    return trafilatura.baseline(data)[1] or None


SYSTEMS: dict[str, Callable[[bytes, str], str | None]] = {
    "rashomon extract_page": rashomon_body,
    "trafilatura.extract (defaults)": trafilatura_default,
    "trafilatura.extract (no comments)": trafilatura_no_comments,
    "trafilatura.baseline (rescue alone)": trafilatura_baseline,
}


def _score_page(args: tuple[EvalPage, tuple[str, ...]]) -> dict[str, tuple[tuple[int, int, int, int], bool, float]]:
    """Run every named system on one page (in a worker process)."""
    page, names = args
    data = read_bytes(page.path)
    out = {}
    for name in names:
        start = time.perf_counter()
        try:
            text = SYSTEMS[name](data, page.path.name)
        except Exception:  # noqa: BLE001 - a crashing extractor scores as an empty result, as in the set's own script
            text = None
        out[name] = (count(page, text), not text, time.perf_counter() - start)
    return out


def score(pages: list[EvalPage], systems: list[str], workers: int | None = None) -> dict[str, Confusion]:
    """Confusion counts per system over ``pages``; pages run in parallel worker processes."""
    totals = {name: Confusion() for name in systems}
    jobs = [(p, tuple(systems)) for p in pages]
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    if workers <= 1:
        results = map(_score_page, jobs)
        for res in results:
            for name, (counts, empty, secs) in res.items():
                totals[name].add(counts, empty, secs)
        return totals
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for res in pool.map(_score_page, jobs, chunksize=8):
            for name, (counts, empty, secs) in res.items():
                totals[name].add(counts, empty, secs)
    return totals


def evaluate(path: Path, options: Options) -> list[EvalTable]:
    """Every annotated page; Rashomon first, then trafilatura alone and the rescue extractor alone."""
    pages = load_pages(Path(path))
    systems = list(SYSTEMS)
    totals = score(pages, systems)
    table = EvalTable(
        task="extraction",
        title="Main-text extraction: with/without snippets (trafilatura's evaluation set)",
        dataset=str(path),
        metrics=METRICS,
        rows=[totals[name].row(name) for name in systems],
        notes=[
            "f1 = 2tp / (2tp + fp + fn); 'with' snippets found are tp, 'without' snippets found are fp;"
            " an empty result misses every 'with' snippet",
            "rashomon: ingest's decoding + extract_page (trafilatura without comments, title line moved"
            " out of the body, trafilatura.baseline as rescue when it returns nothing)",
            "seconds: summed extraction time per system (pages run in parallel processes)",
        ],
    )
    return [table]
