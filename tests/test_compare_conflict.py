"""The statement-conflict scorer: invented pairs (a battery recall, a doping case, a port strike), not data-set text."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.compare.conflict import (
    LEXICAL_NAMES,
    MODEL_PATH,
    ConflictModel,
    lexical_features,
    load_model,
    pair_features,
)
from rashomon.errors import ModelError
from rashomon.stories.embed import Embedder, load_embedder

SAFE = "The company said the batteries were safe."
NOT_SAFE = "Regulators said the batteries were not safe."
SAFE_AGAIN = "According to the company, its batteries pose no danger and are safe to use."  # restating
UNRELATED = "The city opened a new public library near the river on Saturday."

DENIAL_PAIRS = [
    (SAFE, NOT_SAFE),
    ("The sprinter tested positive for a banned stimulant.", "The sprinter's lawyer denied that she ever took a banned stimulant."),
    ("Dock workers at the port of Kelmar went on strike on Monday.", "Port officials said there was no strike at Kelmar and work continued as normal."),
]
CALM_PAIRS = [
    (SAFE, SAFE_AGAIN),
    (SAFE, UNRELATED),
    ("The sprinter tested positive for a banned stimulant.", "A banned stimulant was found in the sprinter's sample."),
    ("Dock workers at the port of Kelmar went on strike on Monday.", "The orchestra will tour three countries next spring."),
]


@pytest.fixture(scope="module")
def embedder(minilm: str) -> Embedder:
    return load_embedder(minilm)


@pytest.fixture(scope="module")
def model() -> ConflictModel:
    return ConflictModel.load()


def _score(model: ConflictModel, embedder: Embedder, pairs: list[tuple[str, str]]) -> np.ndarray:
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    return model.score(a, b, embedder.embed(a), embedder.embed(b))


def test_load_shipped_model_is_small_and_consistent(model: ConflictModel) -> None:
    assert MODEL_PATH.stat().st_size < 1_000_000
    n_in = 2 * 384 + 1 + len(LEXICAL_NAMES)
    assert model.mean.shape == (n_in,) and model.scale.shape == (n_in,)
    assert model.layers[0][0].shape[0] == n_in and model.layers[-1][0].shape[1] == 1
    assert 0.0 < model.threshold < 1.0
    assert load_model() is load_model()


def test_load_missing_file_raises(tmp_path) -> None:
    with pytest.raises(ModelError):
        ConflictModel.load(tmp_path / "nope.npz")


def test_plain_denial_scores_above_restating_and_unrelated(model: ConflictModel, embedder: Embedder) -> None:
    denial = _score(model, embedder, [(SAFE, NOT_SAFE)])[0]
    restating, unrelated = _score(model, embedder, [(SAFE, SAFE_AGAIN), (SAFE, UNRELATED)])
    assert denial > restating and denial > unrelated, (denial, restating, unrelated)
    assert model.threshold > unrelated  # FNC-1's cut is no yes/no for plain denials: this one scores under it


def test_denials_outrank_calm_pairs(model: ConflictModel, embedder: Embedder) -> None:
    conflict = _score(model, embedder, DENIAL_PAIRS)
    calm = _score(model, embedder, CALM_PAIRS)
    assert conflict.min() > np.median(calm), (conflict, calm)
    assert conflict.min() > calm.max(), (conflict, calm)  # a ranking: the absolute scores of plain denials stay low
    assert np.all((conflict >= 0) & (conflict <= 1)) and np.all((calm >= 0) & (calm <= 1))


def test_scores_are_symmetric(model: ConflictModel, embedder: Embedder) -> None:
    pairs = DENIAL_PAIRS + CALM_PAIRS
    forward = _score(model, embedder, pairs)
    backward = _score(model, embedder, [(b, a) for a, b in pairs])
    np.testing.assert_allclose(forward, backward, atol=1e-6)


def test_pair_features_symmetric_and_shaped() -> None:
    rng = np.random.default_rng(0)
    u, v = rng.normal(size=(2, 384)).astype(np.float32)
    u /= np.linalg.norm(u)
    v /= np.linalg.norm(v)
    f = pair_features(u, v, SAFE, NOT_SAFE)
    assert f.shape == (2 * 384 + 1 + len(LEXICAL_NAMES),)
    np.testing.assert_allclose(f, pair_features(v, u, NOT_SAFE, SAFE), atol=1e-7)
    assert f[2 * 384] == pytest.approx(float(u @ v), abs=1e-6)
    many = pair_features(np.stack([u, v]), np.stack([v, u]), [SAFE, NOT_SAFE], [NOT_SAFE, SAFE])
    np.testing.assert_allclose(many[0], many[1], atol=1e-7)
    np.testing.assert_allclose(many[0], f, atol=1e-7)


def test_lexical_features_see_negation_denial_numbers_antonyms() -> None:
    names = {n: i for i, n in enumerate(LEXICAL_NAMES)}
    f = lexical_features(SAFE, NOT_SAFE)
    assert f[names["negation_xor"]] == 1 and f[names["negation_both"]] == 0
    assert f[names["negation_xor_x_overlap"]] > 0
    f = lexical_features("The recall covers 40,000 scooters.", "The recall covers 12,000 scooters, the maker denied.")
    assert f[names["numbers_mismatch"]] == 1 and f[names["denial_xor"]] == 1
    assert lexical_features("The recall covers 40,000 scooters.", "It covers 40,000 scooters.")[names["numbers_mismatch"]] == 0
    assert lexical_features("Sales rose in May.", "Sales fell in May.")[names["antonym_cross"]] == 1
    assert lexical_features("The workers won't return.", "The workers will return.")[names["negation_xor"]] == 1
    same = lexical_features(SAFE, SAFE)
    assert same[names["word_jaccard"]] == 1 and same[names["negation_xor"]] == 0


def test_empty_and_mismatched_inputs(model: ConflictModel) -> None:
    empty = np.zeros((0, 384), np.float32)
    assert model.score([], [], empty, empty).shape == (0,)
    with pytest.raises(ValueError):
        pair_features(np.zeros((2, 384)), np.zeros((2, 384)), ["a"], ["b", "c"])
