"""The NumPy sentence embedder: unit vectors, paraphrases near, padding and batching without effect."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.errors import ModelError
from rashomon.stories.embed import DEFAULT_MODEL, Embedder, load_embedder, model_dir

# Invented sentences: a fictional town, harbour, festival and moss.
RESIGN_A = "The mayor of Brindlewick resigned on Tuesday after the harbour contract scandal."
RESIGN_B = "Brindlewick's mayor stepped down this week following an uproar over the harbour deal."
MOSS = "Botanists found a glowing moss growing deep inside the Orvalle caves."
FESTIVAL = "Thousands danced at the lantern festival in Quessant despite the rain."
FLOOD_A = "Heavy flooding forced hundreds of families in Marrow Vale to leave their homes."
FLOOD_B = "Hundreds of Marrow Vale households were evacuated as floodwaters rose."


@pytest.fixture(scope="module")
def embedder(minilm: str) -> Embedder:
    return load_embedder(minilm)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_shape_dtype_and_unit_norm(embedder: Embedder) -> None:
    v = embedder.embed([RESIGN_A, MOSS, FESTIVAL])
    assert v.shape == (3, embedder.dim) and embedder.dim == 384
    assert v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(v[0], v[1])


def test_paraphrases_closer_than_unrelated(embedder: Embedder) -> None:
    v = embedder.embed([RESIGN_A, RESIGN_B, MOSS, FLOOD_A, FLOOD_B, FESTIVAL])
    resign, flood = _cos(v[0], v[1]), _cos(v[3], v[4])
    assert resign > 0.6 and flood > 0.6
    for i, j in [(0, 2), (0, 3), (1, 5), (2, 4), (3, 5)]:
        assert _cos(v[i], v[j]) < min(resign, flood) - 0.3, (i, j)


def test_batch_equals_one_by_one_and_order_kept(embedder: Embedder) -> None:
    texts = [FESTIVAL, "Rain.", RESIGN_A, MOSS + " " + FLOOD_B, RESIGN_B, "", FLOOD_A]
    batched = embedder.embed(texts, batch_size=3)
    single = np.vstack([embedder.embed([t]) for t in texts])
    np.testing.assert_allclose(batched, single, atol=2e-5)
    reversed_ = embedder.embed(texts[::-1], batch_size=32)
    np.testing.assert_allclose(reversed_[::-1], batched, atol=2e-5)


def test_long_text_truncated_to_max_length(embedder: Embedder) -> None:
    long = " ".join([FLOOD_A] * 40)  # far more than 256 word pieces
    tail_changed = long + " " + " ".join([MOSS] * 10)
    v = embedder.embed([long, tail_changed, FLOOD_A])
    np.testing.assert_allclose(v[0], v[1], atol=1e-5)
    assert embedder.max_length == 256
    assert len(embedder.tokenizer.encode(long).ids) == 256


def test_empty_input_and_cached_loader(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, embedder.dim)
    assert load_embedder(DEFAULT_MODEL) is embedder


def test_unknown_model_is_a_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="not a folder"):
        model_dir("no-such-embedding-model")
    with pytest.raises(ModelError, match="config.json"):
        Embedder(str(tmp_path))


def test_lead_text_keeps_title_and_first_sentences() -> None:
    from rashomon.stories.embed import lead_text

    lead = lead_text("Ferry runs aground off Kellan Point", "All forty passengers were safe. The tide lifted it off. "
                     "Inspectors came on Monday. A fourth sentence is dropped.")
    assert lead.startswith("Ferry runs aground off Kellan Point All forty passengers")
    assert "Inspectors came on Monday." in lead and "fourth" not in lead


def test_embeddings_join_a_reworded_report_only_when_weighted(embedder: Embedder) -> None:
    """Two wordings of one event share one place name only; the embedding term is what joins them.

    (Embeddings rescore blocked candidates; a doc sharing no salient term is never compared.)
    """
    from rashomon.config import default_options
    from rashomon.stories import StoryDoc, regroup
    from rashomon.stories.embed import with_embeddings

    texts = [
        ("a", "Ferry runs aground near Kellan harbour", "A passenger ferry ran aground near the harbour on Friday."),
        ("b", "Boat stuck on rocks by Kellan port", "A vessel carrying travellers got stuck on rocks beside the port."),
        ("c", "Pastry chefs compete in a baking contest", "Pastry chefs competed in a baking contest with cakes and tarts."),
    ]
    docs = [StoryDoc(article=a, source=a, kind="article", title=t, body=b, published="2031-05-02", outlet=None)
            for a, t, b in texts]
    docs = with_embeddings(docs, embedder)
    plain = regroup(docs, default_options())
    assert plain.story_of("a") != plain.story_of("b")
    weighted = regroup(docs, default_options(extra={"story_embed_weight": 2.0, "story_embed_center": 0.3}))
    assert weighted.story_of("a") == weighted.story_of("b") != weighted.story_of("c")
