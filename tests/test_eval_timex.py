"""`rashomon eval timex`: the TimeML reader, the scorer, the seeds section and the quality gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.config import default_options
from rashomon.errors import EvalDataError
from rashomon.eval.seeds_timex import found
from rashomon.eval.timex import Span, evaluate, read_corpus, read_tml, score
from rashomon.model import Timex

# Invented TimeML document (same markup as TimeBank): a DCT, an EVENT, three TIMEX3s, an entity.
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>VELMAR-0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2031-04-11" temporalFunction="false" functionInDocument="CREATION_TIME">20310411</TIMEX3></DCT>
<TEXT>
The Velmar &amp; Orrin ferry <EVENT eid="e1" class="OCCURRENCE">sank</EVENT> <TIMEX3 tid="t1" type="DATE" value="2031-04-10" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">yesterday</TIMEX3>
after <TIMEX3 tid="t2" type="DURATION" value="P30Y" functionInDocument="NONE">thirty years</TIMEX3> of service. Divers will search <TIMEX3 tid="t3" type="DATE" value="2031-04-14" functionInDocument="NONE">Monday</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_offsets_and_dct(tmp_path: Path) -> None:
    f = tmp_path / "velmar.tml"
    f.write_text(TML, encoding="utf-8")
    doc = read_tml(f)
    assert doc.dct == "2031-04-11"
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("yesterday", "DATE", "2031-04-10"),
        ("thirty years", "DURATION", "P30Y"),
        ("Monday", "DATE", "2031-04-14"),
    ]
    assert all(doc.text[g.start : g.end] == g.text for g in doc.gold)
    assert "Velmar & Orrin" in doc.text and "<EVENT" not in doc.text


def test_read_corpus_skips_hidden_files_and_needs_tml(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "sub" / "._a.tml").write_bytes(b"\x00\x05binary fork")
    (tmp_path / "sub" / "nothing_here").mkdir()
    assert [d.name for d in read_corpus(tmp_path)] == ["a"]
    with pytest.raises(EvalDataError):
        read_corpus(tmp_path / "sub" / "nothing_here")


def test_score_counts_overlap_and_value() -> None:
    gold = [[Span(0, 9, "DATE", "2031-04-10"), Span(20, 32, "DURATION", "P30Y"), Span(50, 56, "DATE", "2031-04-14")]]
    system = [[
        Span(0, 9, "DATE", "2031-04-10"),  # exact, right value
        Span(17, 32, "DURATION", "P3Y"),  # overlap, wrong value
        Span(70, 75, "DATE", "2031"),  # false alarm
    ]]
    s = score(gold, system)
    assert s["value_p"] == pytest.approx(1 / 3)
    assert s["value_r"] == pytest.approx(1 / 3)
    assert s["relaxed_p"] == pytest.approx(2 / 3) and s["relaxed_r"] == pytest.approx(2 / 3)
    assert s["strict_f1"] == pytest.approx(2 * (1 / 3) * (1 / 3) / (2 / 3))
    assert s["type_acc"] == 1.0


def test_seeds_match_by_containment_and_value() -> None:
    ours = [Timex("x", 10, 16, "Friday", "DATE", "2031-04-04"), Timex("x", 40, 49, "the 1970s", "DATE", "197X")]
    assert found("on Friday", "2031-04-04", ours)
    assert not found("on Friday", "2031-04-11", ours)
    assert found("in the 1970s", "197", ours)
    assert not found("on Saturday", "2031-04-04", ours)


def test_evaluate_on_invented_folder(tmp_path: Path) -> None:
    (tmp_path / "velmar.tml").write_text(TML, encoding="utf-8")
    (table,) = evaluate(tmp_path, default_options(), baseline=False)
    row = table.rows[0]
    assert row["system"] == "rashomon"
    assert row["value_r"] == pytest.approx(1.0)  # yesterday, thirty years, Monday (future tense)


def test_quality_gate_tbaq_subset(shared_dir: Path) -> None:
    """Pinned floors on every 4th TBAQ file (64 documents); the full set scores value F1 0.80."""
    data = shared_dir / "eval" / "tempeval3-tbaq"
    if not data.is_dir():
        pytest.skip("TBAQ not in ../shared")
    (table,) = evaluate(data, default_options(), baseline=False, step=4)
    row = table.rows[0]
    assert row["value_f1"] >= 0.75
    assert row["relaxed_f1"] >= 0.90
    assert row["type_acc"] >= 0.92
