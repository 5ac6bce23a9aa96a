"""PolNeAR reader, attribution scoring, the eval task on an invented split, and a quality gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.config import default_options
from rashomon.errors import EvalDataError
from rashomon.eval.attribution_score import Predicted, Scores, score_doc
from rashomon.eval.polnear import read_ann, read_split

TEXT = "Denko said the quota was unfair. The board, its chair claimed, had acted lawfully."
ANN = (
    "T1\tSource 0 5\tDenko\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 31\tthe quota was unfair\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tContent 33 42;63 81\tThe board had acted lawfully\n"
    "T6\tSource 44 53\tits chair\n"
    "T7\tCue 54 61\tclaimed\n"
    "T8\tAttribution 54 61\tclaimed\n"
    "E2\tAttribution:T8 Source:T6 Cue:T7 Content:T5\n"
)


def test_polnear_reader_parses_discontinuous_spans():
    gold = read_ann(ANN)
    assert len(gold) == 2
    assert gold[0].source == ((0, 5),) and gold[0].cue == ((6, 10),)
    assert gold[1].content == ((33, 42), (63, 81))
    assert TEXT[33:42] == "The board" and TEXT[63:81] == "had acted lawfully"


def test_polnear_split_picks_one_annotator_per_text(tmp_path: Path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "outlet_2020-01-01_quota.txt").write_text(TEXT)
    (tmp_path / "attributions" / "outlet_2020-01-01_quota_aaaa.ann").write_text(ANN)
    (tmp_path / "attributions" / "outlet_2020-01-01_quota_bbbb.ann").write_text(ANN.split("T5")[0])
    docs = read_split(tmp_path)
    assert len(docs) == 1 and len(docs[0].attributions) == 2


def test_polnear_split_missing_folders_is_an_eval_data_error(tmp_path: Path):
    with pytest.raises(EvalDataError):
        read_split(tmp_path)


def test_score_perfect_and_partial_predictions():
    gold = read_ann(ANN)
    perfect = [Predicted(g.source, g.cue, g.content) for g in gold]
    s = Scores()
    score_doc(TEXT, gold, perfect, s)
    assert s.get("content_match").prf() == (1.0, 1.0, 1.0)
    assert s.get("source_exact").prf()[2] == 1.0
    # one right statement with the wrong source, one content too short to match
    partial = [
        Predicted([(44, 53)], [(6, 10)], [(11, 31)]),
        Predicted([(44, 53)], [(54, 61)], [(33, 42)]),
    ]
    s = Scores()
    score_doc(TEXT, gold, partial, s)
    assert s.get("content_match").tp == 1
    assert s.get("content_source_match").tp == 0
    p, r, _ = s.get("content_words").prf()
    assert p == 1.0 and 0 < r < 1


def test_score_matching_is_one_to_one():
    gold = read_ann(ANN)[:1]
    twice = [Predicted([(0, 5)], [(6, 10)], [(11, 31)])] * 2
    s = Scores()
    score_doc(TEXT, gold, twice, s)
    assert s.get("content_match").tp == 1 and s.get("content_match").pred == 2


def test_eval_attribution_runs_on_an_invented_split(tmp_path: Path):
    from rashomon.eval.attribution import evaluate

    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT)
    (tmp_path / "attributions" / "a_abcd.ann").write_text(ANN)
    tables = evaluate(tmp_path, default_options())
    assert tables[0].rows[0]["system"] == "rashomon"
    assert tables[0].rows[0]["content F1"] > 0.5
    assert {r["system"] for r in tables[0].rows} >= {"rashomon"}
    assert "content P" in tables[1].metrics


# Pinned floors on a deterministic subset (the first 15 dev articles); measured 0.763 / 0.692 on 2026-12-03
# (0.724 / 0.668 on 2026-11-23, before statements in pieces, the expected-match extent pass and threshold 0.45;
# 0.725 / 0.669 before quotes resumed after long speaker descriptions;
# 0.724 / 0.675 before the extent variants, bare noun cues and wrap-around statements;
# 0.699 / 0.596 before the cue-aware ranker, speaker labels, signed comments and doubled quote marks).
GATE_DOCS = 15
FLOORS = {"content F1": 0.74, "content+source F1": 0.67}


def test_eval_attribution_quality_gate_on_polnear_dev(shared_dir: Path):
    from rashomon.eval.attribution import evaluate

    data = shared_dir / "eval" / "polnear" / "dev"
    if not data.is_dir():
        pytest.skip("PolNeAR dev not present")
    options = default_options().with_(extra={"attribution_limit": GATE_DOCS})
    table = evaluate(data, options)[0]
    ours = table.rows[0]
    for metric, floor in FLOORS.items():
        assert ours[metric] >= floor, f"{metric} {ours[metric]:.3f} fell below {floor}"
    baseline = next((r for r in table.rows if r["system"].startswith("textacy")), None)
    if baseline is not None:
        assert ours["content F1"] > baseline["content F1"]
