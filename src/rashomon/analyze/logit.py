"""The logistic link both attribution models share (the cue model and the frame encoder's head).

Kept apart from ``cue_model`` so ``frame_encoder`` need not import the module that names it as a
type: that was an import cycle. Plain ``math`` over one float; scipy's ``expit``/``logit`` were
rejected as a dependency of this layer for two lines that need clamping anyway.
"""

from __future__ import annotations

import math


def sigmoid(z: float) -> float:
    """A log-odds as a probability (clamped, so no overflow)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def log_odds(p: float) -> float:
    """A probability as log-odds (clamped away from 0 and 1)."""
    p = min(1 - 1e-6, max(1e-6, p))
    return math.log(p / (1 - p))
