"""The stories eval: metrics on hand-made labels, the ECB+ reader, the seeds section, the quality gate."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from rashomon.config import default_options
from rashomon.errors import EvalDataError
from rashomon.eval.seeds_stories import score
from rashomon.eval.stories import bcubed, evaluate, pairwise, read_ecbplus
from rashomon.model import Article, Story


def test_pairwise_and_bcubed_on_hand_counted_example():
    gold = ["a", "a", "a", "b", "b"]
    pred = ["x", "x", "y", "y", "y"]
    # predicted pairs: (0,1) (2,3) (2,4) (3,4) -> 4, correct: (0,1) (3,4) -> 2; gold pairs: 3 + 1 = 4
    assert pairwise(gold, pred) == pytest.approx((0.5, 0.5, 0.5))
    p, r, _ = bcubed(gold, pred)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def _write_doc(path: Path, sentences: list[str]) -> None:
    toks = []
    tid = 1
    for s, sent in enumerate(sentences):
        for n, tok in enumerate(sent.split()):
            toks.append(f'<token t_id="{tid}" sentence="{s}" number="{n}">{tok}</token>')
            tid += 1
    path.write_text(f'<Document doc_name="{path.name}">\n' + "\n".join(toks) + "\n</Document>", encoding="utf-8")


def test_reader_gives_sub_topics_and_drops_url_line(tmp_path: Path):
    (tmp_path / "7").mkdir()
    _write_doc(tmp_path / "7" / "7_1ecb.xml", ["Ferry sinks off Kestrel Point .", "All crew rescued ."])
    _write_doc(tmp_path / "7" / "7_2ecbplus.xml", ["http : / / example . invalid / ferry", "Second ferry sinks near Orlan ."])
    (tmp_path / "7" / "notes.txt").write_text("ignored")
    docs = read_ecbplus(tmp_path)
    assert [(d.name, d.gold, d.title) for d in docs] == [
        ("7_1ecb.xml", "7/ecb", "Ferry sinks off Kestrel Point."),
        ("7_2ecbplus.xml", "7/ecbplus", "Second ferry sinks near Orlan."),
    ]
    assert docs[0].body == "All crew rescued."


def test_reader_refuses_a_folder_without_documents(tmp_path: Path):
    with pytest.raises(EvalDataError):
        read_ecbplus(tmp_path)


def _article(src: str, kind: str = "article") -> Article:
    return Article(source=src, page_source=src.split("#")[0], kind=kind)


def test_seeds_section_scores_grouping_and_flags_teasers():
    gold = {"stories": {"about": "x", "main": ["p1.txt#main", "p2.txt#main"], "t1": ["p1.txt#teaser-1"],
                        "t2": ["p1.txt#teaser-2", "p1.txt#teaser-3"]}}
    arts = [_article("/in/p1.txt#main"), _article("/in/p2.txt#main"), _article("/in/p1.txt#teaser-1", "teaser"),
            _article("/in/p1.txt#teaser-2", "teaser"), _article("/in/p1.txt#teaser-3", "teaser")]
    ids = [a.id for a in arts]
    good = [Story("s1", "m", [ids[0], ids[1]]), Story("s2", "t", [ids[2]]), Story("s3", "u", [ids[3], ids[4]])]
    row = score(gold, SimpleNamespace(articles=arts, stories=good)).rows[0]
    assert row["pairwise_f1"] == 1.0 and row["mains_together"] and row["no_teaser_in_main"] and row["exact_stories"] == "3/3"
    bad = [Story("s1", "m", [ids[0], ids[1], ids[2]]), Story("s3", "u", [ids[3], ids[4]])]
    table = score(gold, SimpleNamespace(articles=arts, stories=bad))
    row = table.rows[0]
    assert row["mains_together"] and not row["no_teaser_in_main"] and row["pairwise_p"] < 1.0
    assert table.rows[1]["system"].startswith("baseline")


def test_quality_gate_on_ecbplus(shared_dir: Path):
    """Pinned floors (measured: regroup 0.953 pairwise F1 with the shipped split model and 0.953 with the split
    model cross-fitted by topic, 0.869 without the split; incremental 0.941 re-splitting touched stories,
    0.814 without; baseline agglomerative 0.833)."""
    options = default_options(extra={"stories_spacy": False, "stories_kmeans": False, "stories_embeddings": False})
    table = evaluate(shared_dir / "eval" / "ecbplus", options)[0]
    rows = {r["system"].split(" (")[0]: r for r in table.rows}
    ours = rows["rashomon regroup"]
    base = next(r for r in table.rows if r["system"].startswith("baseline tf-idf + agglomerative"))
    assert ours["pairwise_f1"] >= 0.93
    assert ours["b3_f1"] >= 0.93
    assert ours["pairwise_f1"] > base["pairwise_f1"]
    honest = rows["rashomon regroup, split model trained without the scored topic"]
    assert honest["pairwise_f1"] >= 0.93
    assert rows["rashomon regroup without the split"]["pairwise_f1"] >= 0.86
    assert rows["rashomon incremental"]["pairwise_f1"] >= 0.92
    assert rows["rashomon incremental without the split"]["pairwise_f1"] >= 0.80


def test_a_coverage_folder_is_scored_as_ingested_and_regrouped(options, monkeypatch, tmp_path: Path):
    """`rashomon eval stories --data COVERAGE_FOLDER`: four rows (careful/hurried x stored/regrouped) on
    the invented two-event folder, every file found, the fire's three outlets in one story."""
    monkeypatch.setenv("RASHOMON_COVERAGE_DBS", str(tmp_path))
    [table] = evaluate(Path(__file__).parent / "fixtures" / "coverage_mini", options)
    assert [r["system"].split(";")[0] for r in table.rows] == ["rashomon (careful", "rashomon (careful", "rashomon (hurried", "rashomon (hurried"]
    assert all(r["files"] == 5 and r["lost"] == 0 and r["pairwise_r"] == 1.0 for r in table.rows)
    assert (tmp_path / "careful.db").is_file() and (tmp_path / "hurried.db").is_file()
