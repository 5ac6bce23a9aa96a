"""The contested-question model, read from package data: two logistic regressions and a calibration.

``unit`` says how likely a statement is a side of some dispute (``contest.UNIT_FEATURES``);
``pair`` how likely two statements hold opposite sides of one question (``contest.FEATURES`` plus
the two units' priors); ``calibration`` maps a seed pair's log-odds to the probability that the
question it seeds is real, fitted on questions assembled from held-out events. Fitted by
``scripts/train_contested.py`` on real coverage with gold questions and shipped as JSON (a few
kilobytes); inference is NumPy dot products. Linear models, because with some 800 positive pairs
a tree ensemble (scikit-learn's HistGradientBoosting, tried) has too little to learn from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

MODEL_FILE = "contest_model.json"


@dataclass(frozen=True)
class Linear:
    """A standardised logistic regression: (x - mean) / scale, the bias column left at 1."""

    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def logit(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0)
        Z = (X.astype(np.float64) - np.array(self.mean)) / np.array(self.scale)
        Z[:, 0] = 1.0
        return Z @ np.array(self.weights)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(X)))


@dataclass(frozen=True)
class ContestModel:
    """Both regressions, the calibration (a, b) and how questions are assembled."""

    unit: Linear
    pair: Linear
    calibration: tuple[float, ...] = (1.0, 0.0)
    assembly: dict[str, float] = field(default_factory=dict)

    def confidence(self, pair_p: float, smaller_side: int | None = None) -> float:
        """Probability that a question seeded by a pair of probability ``pair_p`` is really contested,
        given how many statements its smaller side holds (when the calibration has a term for it)."""
        return calibrated(pair_p, self.calibration, smaller_side)

    def to_dict(self) -> dict[str, Any]:
        lin = lambda m: {"weights": list(m.weights), "mean": list(m.mean), "scale": list(m.scale)}  # noqa: E731
        return {"unit": lin(self.unit), "pair": lin(self.pair), "calibration": list(self.calibration), "assembly": self.assembly}


def calibrated(pair_p: float, calibration: tuple[float, ...], smaller_side: int | None = None) -> float:
    """Platt scaling ``(a, b[, c])`` of a seed pair's log-odds, plus ``c`` times log(1 + the smaller side's
    statements): the share of such questions that are real. A question one side of which holds a single
    statement is less often real than one whose two sides are each told several times (held-out questions of
    coverage/basil, 2026-12-07: Brier score 0.219 by the seed pair alone, 0.194 with the smaller side; base rate 0.223)."""
    z = np.log(max(pair_p, 1e-9) / max(1 - pair_p, 1e-9))
    a, b = calibration[0], calibration[1]
    c = calibration[2] if len(calibration) > 2 and smaller_side is not None else 0.0
    return float(1.0 / (1.0 + np.exp(-(a * z + b + c * np.log1p(smaller_side or 0)))))


def how_sure(score: float | None) -> str:
    """A reader's words for a question's score: how likely Rashomon thinks the dispute is real."""
    if score is None:
        return "unscored"
    word = "likely" if score >= 0.6 else "possible" if score >= 0.35 else "uncertain"
    return f"{word} ({round(100 * score)}% sure)"


def from_dict(d: dict[str, Any]) -> ContestModel:
    """A model from its JSON form."""
    lin = lambda m: Linear(tuple(m["weights"]), tuple(m["mean"]), tuple(m["scale"]))  # noqa: E731
    return ContestModel(lin(d["unit"]), lin(d["pair"]), tuple(d.get("calibration", (1.0, 0.0))), dict(d.get("assembly", {})))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load() -> ContestModel | None:
    """The shipped model, or None when the package has none (questions then come from the lexicon only)."""
    try:
        text = resources.files("rashomon").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return from_dict(json.loads(text))
