"""Quality gate: contested questions on real coverage, every event scored by models fitted without its fold.

Runs when ../shared/eval/coverage/basil is present (skips otherwise): the careful ingest of its 150
pages, units per gold event, and the held-out question-level score the training script prints.
Measured 2026-12-07 with sides by the nearer seed: recall of non-minor gold questions 0.660, precision
0.670 (134 of 200); seed pairs drawn at random 0.536 / 0.465. The floors leave room for noise, not for a
regression to the lexicon's 0.010 / 0.118.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.eval.contest_folds import ASSEMBLY, FoldModels, UnitMaker, drafts_of, event_groups, random_seeds
from rashomon.eval.coverage import load, run_folder


@pytest.fixture(scope="module")
def held_out(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[float, ...]:
    """(recall, precision, leads) of the model, then the same three with seed pairs drawn at random."""
    pytest.importorskip("sklearn")
    folder = shared_dir / "eval" / "coverage" / "basil"
    if not folder.is_dir():
        pytest.skip("coverage/basil not present")
    gold, rows = load(folder)
    from rashomon.config import default_options

    db = str(tmp_path_factory.mktemp("coverage") / "careful.db")
    run = run_folder(folder, gold, rows, default_options(), db, careful=True)
    data = event_groups(run, gold, UnitMaker(run))
    folds = FoldModels(data, ASSEMBLY, nested=False)
    major = {q["id"] for q in gold["contested"] if not q.get("minor")}
    out = []
    for chance in (False, True):
        drafts, found, leads = [], set(), [0]
        for k, (event, (g, _, _)) in enumerate(data.items()):
            model = folds.without({event})
            assert model is not None
            d, hits = drafts_of(random_seeds(model, k) if chance else model, g, ASSEMBLY, leads=leads)  # type: ignore[arg-type]
            drafts += d
            found |= hits
        out += [len(found & major) / len(major), sum(t for _, t in drafts) / max(len(drafts), 1), leads[0] / max(len(drafts), 1)]
    return tuple(out)


def test_contested_recall_with_each_event_held_out(held_out: tuple[float, ...]) -> None:
    assert held_out[0] >= 0.62


def test_contested_precision_with_each_event_held_out(held_out: tuple[float, ...]) -> None:
    assert held_out[1] >= 0.59


def test_seed_statements_themselves_oppose_more_often_than_by_chance(held_out: tuple[float, ...]) -> None:
    """With the earlier side rule recall and precision above were met by seed pairs drawn at random too (wide
    sides held much of a story: 0.660 / 0.665 against the model's 0.670 / 0.655 on 2026-12-07), so they could not
    catch a scorer that had stopped working; the test below now does, and this one stays. The two statements a question leads with lie on two sides of a
    gold question for 17 of 200 held-out questions with the model, 2 of 200 with random seeds."""
    assert held_out[2] >= 0.05


def test_the_model_finds_clearly_more_than_random_seeds_with_the_same_side_building(held_out: tuple[float, ...]) -> None:
    """Sides take the statements nearer their own seed, so seed pairs drawn at random no longer find what
    the model finds (2026-12-07: 0.660 / 0.670 against 0.536 / 0.465; with the earlier side rule 0.655 / 0.690
    against 0.660 / 0.635). The margins leave room for noise, not for a side-building that finds alone."""
    recall, precision, _, chance_recall, chance_precision, _ = held_out
    assert recall - chance_recall >= 0.06
    assert precision - chance_precision >= 0.10
