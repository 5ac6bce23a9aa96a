"""`rashomon eval rewrites`: the sentence-alignment signal behind rewrite detection, on MSRP train, 5 folds.

A close rewrite is found when the copy's sentences align with the original's (``extract.copies``);
MSRP's train split (sentence pairs from different outlets, labelled paraphrase or not) says how
well a signal tells "the same sentence reworded" from "a sentence on the same story". Each signal
gets its threshold (and, for the combined one, its weights) from four folds and is scored on the
fifth; the folds group pairs by their first sentence's id. The test split is never read.

Rows: the signal copies use (word overlap of the two sentences), MiniLM cosine (all-MiniLM-L6-v2,
``stories.embed``), a logistic regression over both plus number agreement, and the trivial
"every pair is a paraphrase" (MSRP train is two-thirds positive, so F1 alone flatters any signal).
Vectors are cached under ``$RASHOMON_REWRITES_CACHE`` (default /tmp/rewrites_cache).
"""

from __future__ import annotations

import csv
import os
import re
import time
from pathlib import Path

import numpy as np

from rashomon.config import Options
from rashomon.errors import EvalDataError
from rashomon.eval import EvalTable
from rashomon.extract.copies import ALIGN_OVERLAP, word_overlap

DEFAULT_DATA = "eval/msrp"
CACHE = Path(os.environ.get("RASHOMON_REWRITES_CACHE", "/tmp/rewrites_cache"))
FOLDS = 5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def load(path: Path) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Sentence pairs, labels and group ids of MSRP's train file (never the test file)."""
    file = path / "msr_paraphrase_train.txt" if path.is_dir() else path
    if "test" in file.name.lower():
        raise EvalDataError(str(file), "the MSRP test split is held out")
    try:
        with open(file, encoding="utf-8-sig", newline="") as f:
            rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
    except OSError as e:
        raise EvalDataError(str(file), f"cannot read MSRP train: {e}") from e
    rows = [r for r in rows if len(r) >= 5]
    return ([r[3] for r in rows], [r[4] for r in rows], np.array([int(r[0]) for r in rows]),
            np.array([int(r[1]) for r in rows]))


def numbers_agree(a: str, b: str) -> float:
    """1 when both sentences carry the same numbers (or none), else the share they share."""
    x, y = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    return 1.0 if x == y else len(x & y) / len(x | y)


def _cosines(a: list[str], b: list[str]) -> np.ndarray:
    """MiniLM cosine of each pair, the vectors cached on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    file = CACHE / f"msrp_{len(a)}.npz"
    if file.exists():
        data = np.load(file)
        va, vb = data["a"], data["b"]
    else:
        from rashomon.stories.embed import load_embedder

        emb = load_embedder()
        va, vb = emb.embed_fast(a), emb.embed_fast(b)
        np.savez(file, a=va, b=vb)
    return (va * vb).sum(1)


def _best_threshold(score: np.ndarray, y: np.ndarray) -> float:
    """The cut that maximises F1 on the fitting folds."""
    best_t, best_f = 0.0, -1.0
    for t in np.unique(np.round(score, 3)):
        f = _f1(score >= t, y)[2]
        if f > best_f:
            best_t, best_f = float(t), f
    return best_t


def _f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & (y == 1)).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / (y == 1).sum() if (y == 1).sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def folds(groups: np.ndarray, k: int = FOLDS) -> list[np.ndarray]:
    """Held-out index sets, pairs grouped by their first sentence's id."""
    from sklearn.model_selection import GroupKFold

    return [test for _, test in GroupKFold(n_splits=k).split(groups, groups=groups)]


def cross_validate(x: np.ndarray, y: np.ndarray, held: list[np.ndarray], fit_weights: bool) -> dict[str, float]:
    """Pooled held-out precision / recall / F1 and accuracy, with the mean chosen threshold."""
    pred = np.zeros(len(y), dtype=bool)
    cuts = []
    for test in held:
        train = np.setdiff1d(np.arange(len(y)), test)
        if fit_weights:
            from sklearn.linear_model import LogisticRegression

            model = LogisticRegression(max_iter=1000).fit(x[train], y[train])
            s_train, s_test = model.predict_proba(x[train])[:, 1], model.predict_proba(x[test])[:, 1]
        else:
            s_train, s_test = x[train, 0], x[test, 0]
        t = _best_threshold(s_train, y[train])
        cuts.append(t)
        pred[test] = s_test >= t
    p, r, f = _f1(pred, y)
    return {"precision": p, "recall": r, "f1": f, "accuracy": float((pred == (y == 1)).mean()),
            "threshold": float(np.mean(cuts))}


def evaluate(path: Path, options: Options) -> list[EvalTable]:
    """F1 of each sentence-alignment signal on MSRP train, 5 folds, thresholds fitted on the other folds."""
    a, b, y, groups = load(Path(path))
    held = folds(groups)
    t0 = time.perf_counter()
    overlap = np.array([word_overlap(s, t) for s, t in zip(a, b)])
    per_overlap = (time.perf_counter() - t0) / len(a) * 1000
    numbers = np.array([numbers_agree(s, t) for s, t in zip(a, b)])
    table = EvalTable("rewrites", "Rewrites: sentence alignment on MSRP train, 5 folds grouped by sentence",
                      f"{path} ({len(y)} pairs, {int((y == 1).sum())} paraphrases)",
                      ["precision", "recall", "f1", "accuracy", "threshold", "ms_per_pair"])
    table.rows.append({"system": "rashomon: word overlap (the copies' alignment signal)",
                       **cross_validate(overlap[:, None], y, held, False), "ms_per_pair": per_overlap})
    shipped = overlap >= ALIGN_OVERLAP
    p, r, f = _f1(shipped, y)
    table.rows.append({"system": f"word overlap at the shipped cut {ALIGN_OVERLAP} (no fitting)", "precision": p,
                       "recall": r, "f1": f, "accuracy": float((shipped == (y == 1)).mean()),
                       "threshold": ALIGN_OVERLAP, "ms_per_pair": per_overlap})
    try:
        t0 = time.perf_counter()
        cos = _cosines(a, b)
        per_cos = (time.perf_counter() - t0) / len(a) * 1000
    except Exception as e:  # noqa: BLE001 - the model is an optional extra
        table.notes.append(f"MiniLM rows skipped: {e}")
        cos = None
    if cos is not None:
        table.rows.append({"system": "MiniLM cosine", **cross_validate(cos[:, None], y, held, False),
                           "ms_per_pair": per_cos})
        x = np.column_stack([overlap, cos, numbers])
        table.rows.append({"system": "logistic: overlap + MiniLM cosine + numbers agree",
                           **cross_validate(x, y, held, True), "ms_per_pair": per_cos + per_overlap})
    table.rows.append({"system": "baseline: every pair a paraphrase", "precision": float(y.mean()), "recall": 1.0,
                       "f1": 2 * float(y.mean()) / (1 + float(y.mean())), "accuracy": float(y.mean()),
                       "threshold": None, "ms_per_pair": 0.0})
    table.notes.append("thresholds chosen on four folds to maximise F1, scored on the fifth, pooled; "
                       "MiniLM time is with an empty cache (embedding both sentences), 0 when cached")
    return [table, *independent_reports()]


def independent_reports(folder: Path | None = None) -> list[EvalTable]:
    """Copies the shipped rules find among every pair of a coverage folder's pages, all independent reports
    (coverage/basil: three outlets' own accounts of each event), beside MinHash near-duplicates."""
    import csv as _csv
    import itertools

    from rashomon.config import default_options
    from rashomon.eval import shared_dir
    from rashomon.extract.copies import copy_kind, fingerprint, pair_signals
    from rashomon.extract.dedupe import minhash_signature, _lean

    try:
        folder = folder or shared_dir() / "eval" / "coverage" / "basil"
        with open(folder / "pages.tsv", encoding="utf-8", newline="") as f:
            rows = list(_csv.DictReader(f, delimiter="\t"))
    except (OSError, EvalDataError):
        return []
    prints, sigs = [], []
    for r in rows:
        title, _, body = (folder / "pages" / r["file"]).read_text(encoding="utf-8", errors="replace").partition("\n\n")
        prints.append(fingerprint(r["file"], title, body, published=r.get("published") or None, language=r.get("language")))
        sig = minhash_signature(body, default_options())
        sigs.append(_lean(sig) if sig else None)
    found = near = pairs = 0
    for i, j in itertools.combinations(range(len(prints)), 2):
        a, b = (i, j) if (prints[i].published or "") <= (prints[j].published or "") else (j, i)
        pairs += 1
        found += copy_kind(pair_signals(prints[a], prints[b]))[0] is not None
        near += bool(sigs[a] and sigs[b] and sigs[a].jaccard(sigs[b]) >= default_options().minhash_threshold)
    table = EvalTable("rewrites", "Rewrites: copies claimed among independent reports (every pair of a coverage folder)",
                      str(folder), ["pairs", "copies_claimed", "share"])
    table.rows.append({"system": "rashomon: copy rules (wire copy, rewrite, translation)", "pairs": pairs,
                       "copies_claimed": found, "share": found / max(1, pairs)})
    table.rows.append({"system": "baseline: MinHash near-duplicates", "pairs": pairs, "copies_claimed": near,
                       "share": near / max(1, pairs)})
    table.notes.append("every page is its outlet's own report, so every copy claimed is a false link")
    return [table]
