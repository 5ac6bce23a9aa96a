"""The extraction eval: its scoring on an invented mini data set, and a quality gate on the real one."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rashomon.config import default_options
from rashomon.errors import EvalDataError
from rashomon.eval import run_task
from rashomon.eval.extraction import Confusion, EvalPage, count, load_pages, score

ARTICLE = """<html><head><title>Orchard growers count frost losses</title></head><body>
<nav><a href="/">Home</a> <a href="/farming">Farming</a> <a href="/weather">Weather desk</a></nav>
<article><h1>Orchard growers count frost losses</h1>
<p>Apple growers in the Tessel valley say a late frost destroyed up to half of this year's blossom, the growers' cooperative reported on Thursday.</p>
<p>Cooperative chair Benedikt Aulner said members would ask the provincial government for emergency support before the summer.</p>
<p>Meteorologists at the Tessel observatory recorded minus six degrees on two consecutive nights, the coldest April readings in thirty years.</p>
</article><footer>Sign up for the Valley Courier newsletter. Privacy policy.</footer></body></html>"""


def test_count_scores_with_and_without_snippets_after_whitespace_collapse() -> None:
    page = EvalPage("u", Path("x"), ["half of this\n year's", "emergency support"], ["Privacy policy", "Weather desk"])
    assert count(page, "a late frost destroyed up to half of   this year's blossom ... Privacy policy") == (1, 1, 1, 1)
    assert count(page, None) == (0, 0, 2, 2)
    assert count(page, "") == (0, 0, 2, 2)


def test_confusion_row_metrics() -> None:
    c = Confusion()
    c.add((3, 1, 1, 3), False, 0.5)
    c.add((0, 0, 2, 2), True, 0.1)
    row = c.row("x")
    assert row["precision"] == pytest.approx(3 / 4)
    assert row["recall"] == pytest.approx(3 / 6)
    assert row["f1"] == pytest.approx(6 / (6 + 1 + 3))
    assert row["accuracy"] == pytest.approx((3 + 5) / 12)
    assert row["empty"] == 1 and row["pages"] == 2


def _mini_set(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "html" / "valley.html.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    evaldata = {
        "https://courier.example/frost": {
            "file": "valley.html",
            "with": ["destroyed up to half of this year's blossom", "coldest April readings in thirty years"],
            "without": ["Sign up for the Valley Courier newsletter", "Weather desk"],
        },
        "https://courier.example/missing": {"file": "not-there.html", "with": ["x"], "without": ["y"]},
    }
    (root / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    return root


def test_eval_extraction_on_invented_set_rashomon_first(tmp_path: Path) -> None:
    data = _mini_set(tmp_path / "mini")
    assert [p.path.name for p in load_pages(data)] == ["valley.html.gz"]  # pages without HTML are skipped
    (table,) = run_task("extraction", data, default_options())
    assert table.rows[0]["system"].startswith("rashomon")
    assert any(r["system"].startswith("trafilatura.extract") for r in table.rows[1:])
    rashomon = table.rows[0]
    assert (rashomon["tp"], rashomon["fp"], rashomon["fn"], rashomon["tn"]) == (2, 0, 0, 2)
    assert rashomon["f1"] == pytest.approx(1.0)


def test_eval_extraction_missing_data_is_eval_data_error(tmp_path: Path) -> None:
    (tmp_path / "evaldata.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(EvalDataError):
        load_pages(tmp_path)


# Quality gate (STYLE.md item 7): a deterministic sample of trafilatura's evaluation set.
# Pinned from `rashomon eval extraction` on the same sample; the full-set numbers are in the README.
GATE_EVERY = 10  # every 10th page: 99 pages, well under a minute on two cores
GATE_F1_FLOOR = 0.92  # measured 0.929 (trafilatura alone 0.932) on this sample


def test_eval_extraction_quality_gate(shared_dir: Path) -> None:
    pages = load_pages(shared_dir / "eval" / "trafilatura-eval")[::GATE_EVERY]
    totals = score(pages, ["rashomon extract_page", "trafilatura.extract (defaults)"], workers=2)
    ours = totals["rashomon extract_page"].row("rashomon")
    baseline = totals["trafilatura.extract (defaults)"].row("trafilatura")
    assert ours["f1"] >= GATE_F1_FLOOR
    assert ours["f1"] >= baseline["f1"] - 0.01
