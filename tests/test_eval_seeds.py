"""The seeds evaluation harness on an invented gold file and invented captures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.errors import EvalDataError
from rashomon.eval import seeds as seeds_eval
from rashomon.eval import seeds_extract
from rashomon.eval.seeds import SECTIONS, SeedRun, evaluate, load_gold, matches, norm, run_seeds, split_source

PAGE_A = """Quarry blast rattles homes in Denholt
A controlled blast at the Denholt quarry shook houses two miles away, residents said.
The quarry operator said the charge had been within its permitted limit.
Council inspectors will visit the site on Thursday.
Rules under review
The county is reviewing blasting rules for quarries near villages.
Comments
No comments yet...
Related Articles
Denholt Echo
5 hours ago
- Denholt Echo
School roof repairs finish early
Builders finished the new roof a week ahead of schedule.
"""

PAGE_B = """Site logo
Environment

Wetland reserve doubles in size

Migrating birds rest at the reserve in October. Photo: Tomas Veil.

The Marrow Fen reserve has doubled in size after the county bought two neighbouring farms.

Become a Fen Gazette member today

Wardens said new hides would open in the spring.

Related Articles
"""


def _gold(tmp_path: Path, title_b: str = "Wetland reserve doubles in size") -> Path:
    (tmp_path / "a_page.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b_page.txt").write_text(PAGE_B, encoding="utf-8")
    gold = {
        "about": "invented",
        "documents": {
            "a_page.txt": {
                "published": "2026-05-02",
                "outlet": "Denholt Echo",
                "title": "Quarry blast rattles homes in Denholt",
                "dek": "A controlled blast at the Denholt quarry shook houses",
                "headings": ["Rules under review"],
                "body_first": "The quarry operator said the charge",
                "body_last": "reviewing blasting rules for quarries near villages",
                "boilerplate_lines": ["Comments", "No comments yet...", "Related Articles", "5 hours ago", "- Denholt Echo"],
                "teasers": [{"title": "School roof repairs finish early", "outlet": "Denholt Echo", "age": "5 hours ago"}],
            },
            "b_page.txt": {
                "published": "2026-05-03",
                "outlet": "Fen Gazette",
                "title": title_b,
                "section": "Environment",
                "headings": [],
                "body_first": "The Marrow Fen reserve has doubled",
                "body_last": "new hides would open in the spring",
                "boilerplate_lines": ["Site logo", "Migrating birds rest at the reserve in October. Photo: Tomas Veil.", "Become a Fen Gazette member today"],
            },
        },
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_matching_follows_the_gold_rule():
    assert norm("It’s  “Done”") == "it's \"done\""
    assert matches("Quarry blast", "The quarry BLAST rattles homes")
    assert matches("rattles homes in Denholt today", "rattles homes in Denholt")
    assert not matches("rattles homes in Denholt today", "homes")
    assert not matches("anything", None)


def test_split_source_takes_basename_and_fragment():
    assert split_source("/data/x/000_a.txt#teaser-2") == ("000_a.txt", "teaser-2")
    assert split_source("000_a.txt") == ("000_a.txt", "")


def test_sections_are_named_modules():
    assert SECTIONS[0] == "rashomon.eval.seeds_extract"
    assert all(s.startswith("rashomon.eval.seeds_") for s in SECTIONS)


def test_load_gold_rejects_missing_documents(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"documents": {"missing.txt": {}}}), encoding="utf-8")
    with pytest.raises(EvalDataError):
        load_gold(path)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(EvalDataError):
        load_gold(path)


def test_extract_section_scores_invented_pages(tmp_path, options):
    path = _gold(tmp_path)
    gold = load_gold(path)
    run = run_seeds(gold, tmp_path, options.with_(analyze=False), str(tmp_path / "seeds.db"))
    table = seeds_extract.score(gold, run)
    ours, base = table.rows
    assert ours["sources"] == 1.0 and ours["teasers"] == 1.0 and ours["furniture"] == 1.0
    assert ours["titles"] == 1.0 and ours["headings"] == 1.0 and ours["section"] == 1.0
    assert ours["dates"] == 1.0 and ours["outlets"] == 1.0
    assert base["system"] == "trafilatura" and base["teasers"] is None
    assert ours["shared"] > base["shared"]


def test_a_wrong_expectation_fails_its_item_and_is_named(tmp_path, options):
    path = _gold(tmp_path, title_b="Wetland reserve closes for the winter")
    gold = load_gold(path)
    run = run_seeds(gold, tmp_path, options.with_(analyze=False), str(tmp_path / "seeds.db"))
    table = seeds_extract.score(gold, run)
    assert table.rows[0]["titles"] == 0.5
    assert any("FAIL titles: b_page.txt" in n for n in table.notes)


def test_evaluate_skips_sections_not_written_yet(tmp_path, options, monkeypatch):
    monkeypatch.setattr(seeds_eval, "SECTIONS", ("rashomon.eval.seeds_extract", "rashomon.eval.seeds_not_there"))
    tables = evaluate(_gold(tmp_path), options.with_(analyze=False))
    assert len(tables) == 1
    assert any("seeds_not_there" in n for n in tables[0].notes)


def test_seed_run_tolerates_a_missing_store(tmp_path):
    run = SeedRun(gold={"documents": {}}, seeds_dir=tmp_path, texts={}, db=None, mode="extract")
    assert run.articles == [] and run.analyses == [] and run.stories == [] and run.story_reports == []
