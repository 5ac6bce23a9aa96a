"""Split a story that holds two events of one kind: one boxer's two title fights, one island's two quakes.

Centroid joining merges such stories because their shared words (the boxer, "heavyweight",
"title") outweigh the few that tell the events apart (the opponents, the years). Inside one
story those few are what matter, so each pair of members is scored on similarities weighted
by the story's own document frequencies as well as the corpus's, and on its "core" details
(names, years, dates, numbers that part of the story repeats): how many each side has that the
other lacks. A logistic model over these pair features (trained by ``scripts/train_story_split.py``
on ECB+ dev topics, shipped as JSON) gives a same-event probability; average linkage cut at
the model's threshold gives the parts.

Rejected: unsupervised split tests (2-means or spectral bisection scored by the ratio of cross
to within similarity, or by counts of exclusive names) - on ECB+ dev the scores of merged and
of single-event stories overlap, so no cut-off separates them. scipy's ``linkage`` does the
clustering; the pair model is a dot product, so inference needs no scikit-learn.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from rashomon.stories.features import DATE_PREFIX, ENTITY_PREFIX, YEAR_PREFIX, extract_features

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "story_split_model.json"
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
NUMBER_PREFIX = "$"
SPECIFIC = (ENTITY_PREFIX, YEAR_PREFIX, DATE_PREFIX)
# The size feature is capped at the largest stories the model was trained on (ECB+ regroup
# stories have 3-39 members): beyond them its learnt "bigger means mixed" would only extrapolate.
SIZE_CAP = 40


@dataclass(frozen=True)
class SplitDoc:
    """What the splitter reads about one member of a story."""

    weights: dict[str, float]  # the grouping features of the whole article (words, @names, #years, %dates)
    title: dict[str, float]  # the same features of the title alone
    numbers: frozenset[str] = field(default_factory=frozenset)  # numbers written in the text, "$5.6"


def split_doc(title: str, body: str, weights: dict[str, float]) -> SplitDoc:
    """A member's split features; ``weights`` are the ones grouping already computed."""
    numbers = frozenset(NUMBER_PREFIX + n for n in _NUMBER.findall(title + " " + body) if len(n) > 1)
    return SplitDoc(weights=weights, title=extract_features(title, "").weights, numbers=numbers)


# ---- views: which terms each similarity looks at --------------------------------------------
def _all(d: SplitDoc) -> dict[str, float]:
    return d.weights


def _specific(d: SplitDoc) -> dict[str, float]:
    out = {t: w for t, w in d.weights.items() if t.startswith(SPECIFIC)}
    out.update(dict.fromkeys(d.numbers, 1.0))
    return out


def _names(d: SplitDoc) -> dict[str, float]:
    return {t: w for t, w in d.weights.items() if t.startswith(ENTITY_PREFIX)}


def _numbers(d: SplitDoc) -> dict[str, float]:
    return dict.fromkeys(d.numbers, 1.0)


def _title(d: SplitDoc) -> dict[str, float]:
    return d.title


VIEWS: dict[str, Callable[[SplitDoc], dict[str, float]]] = {
    "all": _all, "specific": _specific, "names": _names, "numbers": _numbers, "title": _title,
}
EXTRA = ["core_exclusive", "core_shared", "years_disjoint", "core_jaccard_distance", "rare_shared", "log_size"]
FEATURES = [f"{v}_{scope}_{kind}" for v in VIEWS for scope in ("corpus", "story") for kind in ("cosine", "relative")] + EXTRA


def _cosines(rows: list[dict[str, float]], idf: Callable[[str], float]) -> np.ndarray:
    terms = {t: i for i, t in enumerate(sorted({t for r in rows for t in r}))}
    x = np.zeros((len(rows), max(1, len(terms))))
    for a, r in enumerate(rows):
        for t, w in r.items():
            x[a, terms[t]] = w * idf(t)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    x /= norms
    return x @ x.T


def _relative(s: np.ndarray) -> np.ndarray:
    """A pair's similarity against the two members' mean similarity to the rest of the story."""
    n = len(s)
    off = (s.sum(axis=1) - np.diag(s)) / max(1, n - 1)
    return s - (off[:, None] + off[None, :]) / 2


def pair_features(docs: Sequence[SplitDoc], corpus_idf: Callable[[str], float]) -> np.ndarray:
    """An (n, n, len(FEATURES)) array of pair features for the members of one story."""
    n = len(docs)
    mats = []
    for view in VIEWS.values():
        rows = [view(d) for d in docs]
        df = Counter(t for r in rows for t in r)
        for idf in (corpus_idf, lambda t, df=df: math.log((n + 1) / df[t])):
            s = _cosines(rows, idf)
            mats += [s, _relative(s)]
    spec = [set(_specific(d)) for d in docs]
    df = Counter(t for s in spec for t in s)
    core = {t for t, c in df.items() if max(2, 0.25 * n) <= c <= 0.75 * n}
    rare = {t for t, c in df.items() if c <= 0.5 * n}
    years = [{t for t in s if t.startswith(YEAR_PREFIX)} for s in spec]
    extra = np.zeros((n, n, len(EXTRA)))
    for a in range(n):
        ca = spec[a] & core
        for b in range(a + 1, n):
            cb = spec[b] & core
            union = ca | cb
            row = (min(len(ca - cb), len(cb - ca)), len(ca & cb),
                   float(bool(years[a]) and bool(years[b]) and not years[a] & years[b]),
                   len(ca ^ cb) / max(1, len(union)), len(spec[a] & spec[b] & rare), math.log(min(n, SIZE_CAP)))
            extra[a, b] = extra[b, a] = row
    return np.concatenate([np.stack(mats, axis=-1), extra], axis=-1)


def upper_pairs(features: np.ndarray) -> np.ndarray:
    """The pair rows (a < b) of a feature cube, in scipy's condensed order."""
    a, b = np.triu_indices(features.shape[0], k=1)
    return features[a, b]


# ---- the model ---------------------------------------------------------------------------------
@dataclass
class SplitModel:
    """Logistic pair model: P(same event) = sigmoid(bias + w . features)."""

    weights: np.ndarray
    bias: float
    threshold: float = 0.5
    features: list[str] = field(default_factory=lambda: list(FEATURES))

    def probabilities(self, pairs: np.ndarray) -> np.ndarray:
        z = np.clip(self.bias + pairs @ self.weights, -30.0, 30.0)
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        return json.dumps({"features": self.features, "weights": [round(float(w), 6) for w in self.weights],
                           "bias": round(self.bias, 6), "threshold": self.threshold}, indent=1) + "\n"


@lru_cache(maxsize=4)
def load_split_model(path: str | None = None) -> SplitModel | None:
    """The shipped model (or one at ``path``); None when absent or built for other features."""
    try:
        raw = json.loads((Path(path) if path else MODEL_PATH).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if raw.get("features") != FEATURES:
        return None
    return SplitModel(np.asarray(raw["weights"], dtype=float), float(raw["bias"]), float(raw.get("threshold", 0.5)))


def fit_split_model(x: np.ndarray, y: np.ndarray, c: float = 1.0, threshold: float = 0.5) -> SplitModel:
    """Fit the pair model (scikit-learn, a dev dependency: training is not a run-time step)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    return SplitModel(clf.coef_[0].astype(float), float(clf.intercept_[0]), threshold)


def split_labels(docs: Sequence[SplitDoc], corpus_idf: Callable[[str], float], model: SplitModel,
                 min_size: int = 3, min_share: float = 0.25, depth: int = 1) -> list[int]:
    """A part number per member (0 for the part holding the first member); one part when it holds together.

    A part smaller than ``min_share`` of the story is folded back into the part it is most like.
    With ``depth`` > 1 each part is split again, its pair features recomputed among its own
    members (a story of many events of one kind: the fold keeps the first cut coarse).
    """
    n = len(docs)
    if n < min_size:
        return [0] * n
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    p = model.probabilities(upper_pairs(pair_features(docs, corpus_idf)))
    raw = fcluster(linkage(1.0 - p, method="average"), t=1.0 - model.threshold, criterion="distance")
    raw = _fold_small_parts(np.asarray(raw), squareform(p), max(1, math.ceil(min_share * n)))
    order: dict[int, int] = {}
    labels = [order.setdefault(int(r), len(order)) for r in raw]
    if depth <= 1 or len(order) < 2:
        return labels
    out = [0] * n
    fresh = 0
    for part in range(len(order)):
        idx = [i for i, lab in enumerate(labels) if lab == part]
        sub = split_labels([docs[i] for i in idx], corpus_idf, model, min_size, min_share, depth - 1)
        for i, lab in zip(idx, sub):
            out[i] = fresh + lab
        fresh += max(sub) + 1
    return out


def _fold_small_parts(labels: np.ndarray, prob: np.ndarray, smallest: int) -> np.ndarray:
    """A part under ``smallest`` members goes back to the part it is most like: a few stray
    articles are an angle of the story, not a second event."""
    while True:
        sizes = {int(k): int((labels == k).sum()) for k in np.unique(labels)}
        if len(sizes) < 2:
            return labels
        k, size = min(sizes.items(), key=lambda kv: (kv[1], kv[0]))
        if size >= smallest:
            return labels
        mine = labels == k
        best = max((o for o in sizes if o != k), key=lambda o: prob[np.ix_(mine, labels == o)].mean())
        labels = np.where(mine, best, labels)


def training_pairs(groups: Sequence[Sequence[SplitDoc]], labels: Sequence[Sequence[str]],
                   corpus_idf: Callable[[str], float]) -> tuple[np.ndarray, np.ndarray]:
    """Pair features and same-event labels of every group (a story, or a gold topic) of 2+ members."""
    xs, ys = [], []
    for docs, gold in zip(groups, labels):
        if len(docs) < 2:
            continue
        xs.append(upper_pairs(pair_features(docs, corpus_idf)))
        a, b = np.triu_indices(len(docs), k=1)
        ys.append(np.array([gold[i] == gold[j] for i, j in zip(a, b)]))
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool)
    return np.concatenate(xs), np.concatenate(ys)
