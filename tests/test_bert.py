"""The shared NumPy BERT: the cheap last layer (queries only where needed) equals the full pass there."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.encoders.bert import Bert, load_bert

# Invented sentences of different lengths, so the batch has padding.
TEXTS = ["The ferry captain told reporters the storm had closed the Quillmouth strait.",
         "Nobody answered.",
         "A spokeswoman for the Varnsk harbour board denied that any inspector had been paid."]


@pytest.fixture(scope="module")
def bert(minilm: str) -> Bert:
    return load_bert(minilm, 128)


def _batch(bert: Bert) -> tuple[np.ndarray, np.ndarray]:
    enc = [bert.tokenizer.encode(t).ids for t in TEXTS]
    n = max(map(len, enc))
    ids = np.zeros((len(enc), n), dtype=np.int64)
    mask = np.zeros((len(enc), n), dtype=np.float32)
    for r, e in enumerate(enc):
        ids[r, :len(e)], mask[r, :len(e)] = e, 1
    return ids, mask


@pytest.mark.parametrize("depth", [1, 2, 6])
def test_kept_rows_match_the_full_pass(bert: Bert, depth: int) -> None:
    ids, mask = _batch(bert)
    keep = np.zeros(ids.shape, dtype=bool)
    keep[0, [0, 3, 7]] = True
    keep[1, 0] = True
    keep[2, [0, 5, ids.shape[1] - 1]] = True  # the last column is padding in this row: still computed, never attended to
    full = bert.forward(ids, mask, bert.layers[:depth])
    kept = bert.forward(ids, mask, bert.layers[:depth], keep)
    assert kept.shape == (int(keep.sum()), bert.dim)
    np.testing.assert_allclose(kept, full[keep], rtol=1e-4, atol=1e-4)


def test_padding_does_not_change_a_sentence(bert: Bert) -> None:
    ids, mask = _batch(bert)
    alone = bert.tokenizer.encode(TEXTS[1]).ids
    one = bert.forward(np.array([alone]), np.ones((1, len(alone)), dtype=np.float32))
    np.testing.assert_allclose(bert.forward(ids, mask)[1, :len(alone)], one[0], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("depth", [1, 6])
def test_onnxruntime_layers_match_the_numpy_pass(bert: Bert, depth: int) -> None:
    pytest.importorskip("onnxruntime")
    from rashomon.encoders.bert_onnx import OnnxLayers

    ids, mask = _batch(bert)
    layers = bert.layers[:depth]
    keep = mask.astype(bool)
    keep[:, 1::3] = False  # read only some positions, as the frame encoder does
    numpy_states = bert.forward(ids, mask, layers, keep)
    onnx_states = OnnxLayers(layers, bert.heads, bert.eps)(bert.embed(ids), bert.attention_bias(mask), keep)
    assert onnx_states.shape == (keep.sum(), bert.dim)
    np.testing.assert_allclose(onnx_states, numpy_states, atol=2e-4)


def test_onnx_threads_follow_the_environment(bert: Bert, monkeypatch) -> None:
    pytest.importorskip("onnxruntime")
    from rashomon.encoders.bert_onnx import onnx_layers

    def threads() -> int:
        layers = onnx_layers(bert.layers[:1], bert.heads, bert.eps)
        assert layers is not None
        return layers.session.get_session_options().intra_op_num_threads

    monkeypatch.delenv("RASHOMON_ONNX_THREADS", raising=False)
    assert threads() == 1  # the default: one thread, beside the parse
    monkeypatch.setenv("RASHOMON_ONNX_THREADS", "2")
    assert threads() == 2
    monkeypatch.setenv("RASHOMON_ONNX_THREADS", "0")  # onnxruntime's own default
    assert threads() == 0
    monkeypatch.setenv("RASHOMON_ONNX_THREADS", "many")  # not a number: our default
    assert threads() == 1
