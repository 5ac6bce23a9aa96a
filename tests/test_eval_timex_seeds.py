"""Quality gate: gold.json's time values on the two seed pages (extract + analyze, no store)."""

from __future__ import annotations

from pathlib import Path

from rashomon.config import default_options
from rashomon.eval import seeds_timex
from rashomon.eval.seeds import SeedRun, _extract_directly, load_gold


def test_seed_time_values_floor(seeds_dir: Path) -> None:
    gold = load_gold(seeds_dir / "gold.json")
    docs = gold["documents"]
    texts = {name: (seeds_dir / name).read_text(encoding="utf-8", errors="replace") for name in docs}
    run = SeedRun(gold=gold, seeds_dir=seeds_dir, texts=texts, db=None, mode="extract")
    run.extracted = _extract_directly(docs, seeds_dir, texts, default_options(), run)
    table = seeds_timex.score(gold, run)
    ours = table.rows[0]
    assert ours["system"] == "rashomon"
    assert ours["total"] == sum(len(d.get("timex", [])) for d in docs.values())
    assert ours["found"] >= 16, table.render()
    assert ours["found"] > table.rows[1]["found"]
