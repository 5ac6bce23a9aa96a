"""Do two statements conflict (one contradicts, denies or weakens the other)? A small learned score.

``pair_features(u, v, text_a, text_b)`` turns two unit sentence vectors (all-MiniLM-L6-v2, see
``rashomon.stories.embed``) and, optionally, their texts into one feature row:
``[u*v, |u-v|, cos(u, v), lexical...]``. Every part is symmetric in the two statements. The
lexical features use generic English words only (negation, denial, doubt, antonym pairs, numbers,
word overlap); see ``LEXICAL_NAMES``.

``ConflictModel`` applies the weights written by ``scripts/train_conflict.py`` (a standardiser and
a logistic regression or a one-hidden-layer MLP, ``data/conflict_model.npz``) in NumPy:
``ConflictModel.load().score(texts_a, texts_b, vecs_a, vecs_b)`` gives one conflict probability
per pair. ``model.threshold`` is the cut the training script chose on held-out folds.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from rashomon.errors import ModelError

__all__ = ["LEXICAL_NAMES", "MODEL_PATH", "ConflictModel", "lexical_features", "load_model", "pair_features"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "conflict_model.npz"

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")

NEGATION = frozenset(
    "not no never none nobody nothing neither nor without cannot nowhere hardly barely lack lacks lacked".split()
)
DENIAL = frozenset(
    """deny denies denied denying denial denials false falsely fake fabricated hoax untrue refute refutes refuted
    reject rejects rejected rejecting dispute disputes disputed debunk debunked debunks rumor rumors rumour
    rumours myth baseless unfounded misleading incorrect wrong contrary contradict contradicts contradicted
    dismiss dismisses dismissed retract retracted retracts inaccurate bogus nonsense disprove disproved
    counter countered rebut rebutted insist insisted insists""".split()
)
DOUBT = frozenset(
    """claim claims claimed claiming alleged allegedly allegation allegations reportedly purported purportedly
    unconfirmed unverified doubt doubts doubtful skeptical sceptical questionable supposedly apparently
    speculation speculated rumored rumoured may might could possibly unclear uncertain unproven""".split()
)
_ANTONYM_PAIRS = """safe:unsafe safe:dangerous true:false increase:decrease increased:decreased increases:decreases
rise:fall rose:fell rising:falling up:down win:lose won:lost wins:loses alive:dead guilty:innocent accept:reject
accepted:rejected support:oppose supported:opposed supports:opposes confirm:deny confirmed:denied confirms:denies
legal:illegal more:less higher:lower gain:loss gained:lost open:closed allow:ban allowed:banned approve:reject
approved:rejected success:failure successful:unsuccessful agree:disagree agreed:disagreed include:exclude
strong:weak stronger:weaker positive:negative pass:fail passed:failed present:absent before:after always:never
all:none many:few most:least best:worst good:bad better:worse love:hate start:stop started:stopped
began:ended raise:cut raised:cut guilty:acquitted convicted:acquitted same:different possible:impossible
likely:unlikely lawful:unlawful valid:invalid fair:unfair responsible:irresponsible effective:ineffective
real:fake genuine:fake right:wrong correct:incorrect yes:no""".split()
ANTONYMS: dict[str, frozenset[str]] = {}
for _pair in _ANTONYM_PAIRS:
    _x, _y = _pair.split(":")
    ANTONYMS[_x] = ANTONYMS.get(_x, frozenset()) | {_y}
    ANTONYMS[_y] = ANTONYMS.get(_y, frozenset()) | {_x}
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its this that
    these those he she they we you i his her their our your my me him them us who whom which what when where
    why how than then there here so such also just about into over after before said says say has have had do
    does did will would shall should can could may might must very too more most some any each other only own
    same while during up down out off again further once all both few s t""".split()
)

LEXICAL_NAMES = (
    "negation_xor",  # exactly one of the two has a negation word
    "negation_both",
    "negation_xor_x_overlap",  # the asymmetry, weighted by how much the two share
    "denial_xor",
    "denial_any",
    "denial_xor_x_overlap",
    "doubt_xor",
    "antonym_cross",  # a word in one text and its antonym in the other
    "numbers_both",
    "numbers_mismatch",  # both carry numbers and share none
    "word_jaccard",
    "word_overlap_min",  # shared content words / the smaller set
    "length_ratio_log",
)


def _words(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        if w.endswith("n't"):
            out += [w[:-3] or "not", "not"]
        else:
            out.append(w)
    return out


def lexical_features(text_a: str, text_b: str) -> np.ndarray:
    """The ``LEXICAL_NAMES`` features of one pair (symmetric in a and b), float32."""
    wa, wb = _words(text_a), _words(text_b)
    sa, sb = set(wa), set(wb)
    ca, cb = {w for w in sa if w not in STOPWORDS and w not in NEGATION}, {w for w in sb if w not in STOPWORDS and w not in NEGATION}
    inter = len(ca & cb)
    jaccard = inter / len(ca | cb) if ca | cb else 0.0
    overlap = inter / min(len(ca), len(cb)) if ca and cb else 0.0
    na, nb = bool(sa & NEGATION), bool(sb & NEGATION)
    da, db = bool(sa & DENIAL), bool(sb & DENIAL)
    ha, hb = bool(sa & DOUBT), bool(sb & DOUBT)
    cross = any(ANTONYMS[w] & sb for w in sa if w in ANTONYMS)
    numa = {w.replace(",", "") for w in sa if _NUMBER.match(w)}
    numb = {w.replace(",", "") for w in sb if _NUMBER.match(w)}
    both_num = bool(numa and numb)
    length = abs(math.log((len(wa) + 1) / (len(wb) + 1)))
    return np.array(
        [
            na != nb, na and nb, (na != nb) * overlap,
            da != db, da or db, (da != db) * overlap,
            ha != hb,
            cross,
            both_num, both_num and not (numa & numb),
            jaccard, overlap, length,
        ],
        dtype=np.float32,
    )


def pair_features(
    u: np.ndarray, v: np.ndarray, text_a: str | Sequence[str] | None = None, text_b: str | Sequence[str] | None = None
) -> np.ndarray:
    """Feature rows ``[u*v, |u-v|, cos, lexical]`` for one pair (1-D vectors) or many (2-D, row-aligned).

    Without texts the lexical part is zeros (the shipped model expects texts). Symmetric: swapping
    (u, text_a) with (v, text_b) gives the same row.
    """
    u = np.asarray(u, dtype=np.float32)
    v = np.asarray(v, dtype=np.float32)
    single = u.ndim == 1
    if single:
        u, v = u[None], v[None]
        text_a = None if text_a is None else [text_a]  # type: ignore[list-item]
        text_b = None if text_b is None else [text_b]  # type: ignore[list-item]
    if u.shape != v.shape:
        raise ValueError(f"vector shapes differ: {u.shape} vs {v.shape}")
    nu = np.linalg.norm(u, axis=1, keepdims=True)
    nv = np.linalg.norm(v, axis=1, keepdims=True)
    cos = (u * v).sum(1, keepdims=True) / np.maximum(nu * nv, 1e-12)
    if text_a is None or text_b is None:
        lex = np.zeros((len(u), len(LEXICAL_NAMES)), dtype=np.float32)
    else:
        if len(text_a) != len(u) or len(text_b) != len(u):
            raise ValueError("texts and vectors differ in length")
        lex = np.stack([lexical_features(a, b) for a, b in zip(text_a, text_b)]) if len(u) else np.zeros((0, len(LEXICAL_NAMES)), np.float32)
    out = np.concatenate([u * v, np.abs(u - v), cos.astype(np.float32), lex], axis=1)
    return out[0] if single else out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


class ConflictModel:
    """Standardiser + logistic regression or one-hidden-layer (ReLU) MLP, applied in NumPy."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, layers: list[tuple[np.ndarray, np.ndarray]],
                 threshold: float = 0.5, meta: dict | None = None) -> None:
        self.mean = mean.astype(np.float32)
        self.scale = scale.astype(np.float32)
        self.layers = [(w.astype(np.float32), b.astype(np.float32)) for w, b in layers]
        self.threshold = float(threshold)
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> ConflictModel:
        """Read the shipped weights (``data/conflict_model.npz``)."""
        path = Path(path)
        try:
            z = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise ModelError(str(path), f"conflict model could not be read: {e}") from e
        n = int(z["n_layers"])
        layers = [(z[f"W{i}"], z[f"b{i}"]) for i in range(n)]
        meta = json.loads(str(z["meta"])) if "meta" in z else {}
        return cls(z["mean"], z["scale"], layers, float(z["threshold"]), meta)

    def save(self, path: Path | str = MODEL_PATH) -> None:
        arrays = {f"W{i}": w for i, (w, _) in enumerate(self.layers)} | {f"b{i}": b for i, (_, b) in enumerate(self.layers)}
        np.savez_compressed(path, mean=self.mean, scale=self.scale, threshold=np.float32(self.threshold),
                            n_layers=np.int64(len(self.layers)), meta=np.array(json.dumps(self.meta)), **arrays)

    def predict_features(self, x: np.ndarray) -> np.ndarray:
        """Conflict probabilities of ``pair_features`` rows."""
        h = (np.asarray(x, dtype=np.float32) - self.mean) / self.scale
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return _sigmoid(h[:, 0].astype(np.float64))

    def score(self, texts_a: Sequence[str], texts_b: Sequence[str], vecs_a: np.ndarray, vecs_b: np.ndarray) -> np.ndarray:
        """One conflict probability per pair (a[i], b[i]); vectors are the texts' unit sentence vectors."""
        vecs_a = np.asarray(vecs_a, dtype=np.float32)
        vecs_b = np.asarray(vecs_b, dtype=np.float32)
        if len(texts_a) == 0:
            return np.zeros(0)
        return self.predict_features(pair_features(vecs_a, vecs_b, list(texts_a), list(texts_b)))


@lru_cache(maxsize=1)
def load_model() -> ConflictModel:
    """The shipped model, read once per process."""
    return ConflictModel.load()
