"""`rashomon eval TASK`: score a capability on a data set, next to a baseline in the same run.

Each task lives in its own module exposing ``DEFAULT_DATA`` (a path relative to the shared
folder) and ``evaluate(data: Path, options: Options) -> list[EvalTable]``. A table's first row
is Rashomon, the others are baselines measured in the same run.
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rashomon.config import Options
from rashomon.errors import EvalDataError

TASKS: dict[str, str] = {
    "seeds": "rashomon.eval.seeds",
    "extraction": "rashomon.eval.extraction",
    "attribution": "rashomon.eval.attribution",
    "timex": "rashomon.eval.timex",
    "stories": "rashomon.eval.stories",
    "coverage": "rashomon.eval.coverage",
    "conflict": "rashomon.eval.conflict",
    "multilingual": "rashomon.eval.multilingual",
    "rewrites": "rashomon.eval.rewrites",
    "topics": "rashomon.eval.topics",
}


@dataclass
class EvalTable:
    """One table of results: rows are systems, columns are metrics."""

    task: str
    title: str
    dataset: str
    metrics: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)  # {"system": name, metric: value}
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        cols = ["system", *self.metrics]
        cells = [[_fmt(r.get(c)) for c in cols] for r in self.rows]
        widths = [max(len(c), *(len(row[i]) for row in cells)) if cells else len(c) for i, c in enumerate(cols)]
        line = lambda vals: "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(vals, widths)))  # noqa: E731
        out = [f"{self.title}  [{self.dataset}]", line(cols), line(["-" * w for w in widths])]
        out += [line(row) for row in cells]
        out += [f"  note: {n}" for n in self.notes]
        return "\n".join(out)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return "" if v is None else str(v)


def shared_dir() -> Path:
    """The shared folder beside the repo: $RASHOMON_SHARED, else ../shared from cwd or repo root."""
    env = os.environ.get("RASHOMON_SHARED")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [Path.cwd() / ".." / "shared", here.parents[3] / ".." / "shared", Path.cwd() / "shared"]
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    raise EvalDataError("../shared", "shared data folder not found; set $RASHOMON_SHARED")


def run_task(name: str, data: Path | None, options: Options) -> list[EvalTable]:
    """Run one evaluation task on its default data set or on ``data``."""
    if name not in TASKS:
        raise EvalDataError(name, f"unknown eval task; choose from {', '.join(TASKS)}")
    module = importlib.import_module(TASKS[name])
    path = Path(data) if data else shared_dir() / module.DEFAULT_DATA
    if not path.exists():
        raise EvalDataError(str(path), "evaluation data not found")
    return module.evaluate(path, options)


def tables_to_json(tables: list[EvalTable]) -> str:
    return json.dumps([asdict(t) for t in tables], indent=2, ensure_ascii=False)
