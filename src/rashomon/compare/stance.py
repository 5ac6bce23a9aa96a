"""Whether two statements take the same side or opposite sides: a MiniLM cross-encoder read as one input.

The bi-encoder scores beside it (cosine of two sentence vectors, the conflict model over them) see
each statement alone and barely tell a third voice's side on real coverage (AUC 0.50-0.54 on
coverage/basil's gold pairs). A cross-encoder reads ``[CLS] a [SEP] b [SEP]`` so its attention
relates the words of one statement to the other's ("denied", "no evidence", "confirmed").

Training (``scripts/train_stance.py``, torch, dev only): the installed all-MiniLM-L6-v2 with its top
layers fine-tuned and a three-way head on [CLS] (support / oppose / neither) on external pair sets
only (FNC-1, ClaimDiff, SICK, MSRP train splits), so coverage evaluation is held out by construction.
Weights: the fine-tuned layers ship in ``data/stance_encoder.npz`` as int8 differences from the base
(``frame_encoder.pack_deltas``), settings in ``data/stance_encoder.json``. At run time the layers run
in onnxruntime (int8) or NumPy; no torch. Without the files or the base model ``load_stance`` is None.

Measured 2026-12-08 (issue 17 item 4; 14,523 training pairs, top 2 layers, 2 epochs, int8 run time): held-out fold 0
of FNC-1 (by body; discuss / unrelated sampled as in training) disagree AUC 0.851, F1 0.285 at p 0.5 (0.468 at the
fold's best cut) against a lexical logistic regression's 0.648 / 0.252 (0.263); ClaimDiff-W fold 0 (by topic) weakens
AUC 0.565, F1 0.188 against the lexical 0.654 / 0.302. On coverage/basil's gold pairs of different speakers' evidence
of one question (1,211 rows, 796 on opposite sides), same run: oppose-minus-support AUC 0.522, against cosine 0.542
and the conflict model 0.504. Below the 0.62 asked before wiring it into side placement, so no weights ship and
``contest._sides`` does not use it; ``SideStance`` is the read it would take (each pair once, the lean of a third
voice between two seeds). Cost at run time: 24 ms a pair read both ways, 12 ms a pass (onnxruntime int8, 2 busy cores).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import numpy as np

from rashomon.encoders.bert import Bert, Layer, load_bert
from rashomon.encoders.bert_onnx import onnx_layers
from rashomon.errors import ModelError

log = logging.getLogger(__name__)

STANCE_PATH = Path(__file__).resolve().parents[1] / "data" / "stance_encoder.json"
MAX_TOKENS = 128  # subword tokens of a pair, as in training
LABELS = ("support", "oppose", "neither")

__all__ = ["STANCE_PATH", "LABELS", "SideStance", "StanceEncoder", "pair_tokens", "load_stance"]


def pair_tokens(tokenizer, a: str, b: str, max_tokens: int = MAX_TOKENS) -> list[int]:  # type: ignore[no-untyped-def]
    """Subword ids of ``[CLS] a [SEP] b [SEP]``, the longer statement cut first to ``max_tokens``."""
    ids = list(tokenizer.encode(a, b).ids)
    if len(ids) <= max_tokens:
        return ids
    sep = ids.index(102) if 102 in ids else len(ids) // 2
    left, right = ids[1:sep], ids[sep + 1:-1]
    while len(left) + len(right) + 3 > max_tokens:
        if len(left) >= len(right):
            left.pop()
        else:
            right.pop()
    return [ids[0], *left, 102, *right, 102]


class StanceEncoder:
    """The base model's bottom layers, the fine-tuned top layers and a linear head over [CLS]."""

    def __init__(self, bert: Bert, layers: list[Layer], head_w: np.ndarray, head_b: np.ndarray,
                 max_tokens: int = MAX_TOKENS, batch_size: int = 32, int8: bool = False, runtime: str = "onnx") -> None:
        self.bert, self.layers, self.head_w, self.head_b = bert, layers, head_w, head_b
        self.max_tokens, self.batch_size = max_tokens, batch_size
        onnx = onnx_layers(layers, bert.heads, bert.eps, int8) if runtime == "onnx" else None
        self.runtime = "onnx" if onnx is not None else "numpy"
        self._run = ((lambda ids, mask, keep: onnx(bert.embed(ids), bert.attention_bias(mask), keep)) if onnx is not None
                     else (lambda ids, mask, keep: bert.forward(ids, mask, layers, keep)))

    def logits(self, a: list[str], b: list[str]) -> np.ndarray:
        """(pairs, 3) logits of support / oppose / neither for each pair (a[i], b[i])."""
        items = [pair_tokens(self.bert.tokenizer, x, y, self.max_tokens) for x, y in zip(a, b)]
        out = np.zeros((len(items), len(LABELS)), dtype=np.float32)
        order = sorted(range(len(items)), key=lambda i: len(items[i]))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            n = max(len(items[i]) for i in chunk)
            ids = np.zeros((len(chunk), n), dtype=np.int64)
            mask = np.zeros((len(chunk), n), dtype=np.float32)
            keep = np.zeros((len(chunk), n), dtype=bool)
            keep[:, 0] = True
            for row, i in enumerate(chunk):
                ids[row, :len(items[i])] = items[i]
                mask[row, :len(items[i])] = 1.0
            cls = self._run(ids, mask, keep)
            out[chunk] = cls @ self.head_w + self.head_b
        return out

    def opposed(self, a: list[str], b: list[str]) -> np.ndarray:
        """Log-odds that each pair takes opposite sides rather than one side (oppose against support
        logits, read both ways round and averaged: the model was not trained to be symmetric)."""
        if not a:
            return np.zeros(0, dtype=np.float32)
        z = self.logits(a + b, b + a)
        d = z[:, 1] - z[:, 0]
        return ((d[: len(a)] + d[len(a):]) / 2).astype(np.float32)


def stance_from(meta: dict, weights: dict[str, np.ndarray], runtime: str = "onnx") -> StanceEncoder:
    """A StanceEncoder from its settings and float weights (the tuned top layers and the head)."""
    bert = load_bert(meta["base_model"], int(meta.get("max_tokens", MAX_TOKENS)))
    frozen = int(meta["frozen"])
    layers = bert.layers[:frozen] + [Layer.from_tensors(lambda k: weights[k], f"encoder.layer.{i}.")
                                     for i in range(frozen, len(bert.layers))]
    return StanceEncoder(bert, layers, weights["head.weight"].astype(np.float32).T, weights["head.bias"].astype(np.float32),
                         int(meta.get("max_tokens", MAX_TOKENS)), int8=bool(meta.get("int8", False)), runtime=runtime)


@lru_cache(maxsize=2)
def load_stance(path: str | None = None, runtime: str = "onnx") -> StanceEncoder | None:
    """The shipped stance encoder (or one at ``path``); None, with one warning, when it or its base model is missing."""
    from rashomon.analyze.frame_encoder import read_tuned

    file = Path(path) if path else STANCE_PATH
    if not file.is_file():
        return None
    try:
        meta, w = read_tuned(file, "stance encoder")
        return stance_from(meta, w, runtime)
    except (OSError, ValueError, ModelError, KeyError, TypeError) as exc:
        log.warning("stance encoder unavailable: %s", exc)
        return None


class SideStance:
    """One story's statements, read pairwise by the stance encoder on demand (each pair once)."""

    def __init__(self, texts: list[str], encoder: StanceEncoder) -> None:
        self.texts, self.encoder, self.cache = texts, encoder, {}

    def lean(self, voters: list[int], a: int, b: int) -> np.ndarray:
        """Per voter, how much more it opposes seed ``b`` than seed ``a`` (log-odds; > 0: seed a's side)."""
        todo = list(dict.fromkeys((min(u, s), max(u, s)) for u in voters for s in (a, b) if (min(u, s), max(u, s)) not in self.cache))
        if todo:
            scores = self.encoder.opposed([self.texts[i] for i, _ in todo], [self.texts[j] for _, j in todo])
            self.cache.update(zip(todo, scores.tolist()))
        pair = lambda u, s: self.cache[(min(u, s), max(u, s))]  # noqa: E731
        return np.array([pair(u, b) - pair(u, a) for u in voters], dtype=np.float32)
