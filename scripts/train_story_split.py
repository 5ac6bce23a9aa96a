"""Train the story split pair model (``rashomon.stories.split``) on ECB+ dev topics and coverage events.

ECB+: pairs come from the stories an unsplit regroup makes (mostly one event each) and from every
gold topic (two events of one kind each), labelled "same sub-topic". Coverage (optional): pairs
from the stories an unsplit regroup and an unsplit one-batch ingest make of a coverage folder's
articles as ``rashomon eval coverage`` stored them (careful and hurried databases), labelled "same
gold story". Run from the repository root:

    RASHOMON_COVERAGE_DBS=/tmp/cov .venv/bin/rashomon eval coverage   # once, keeps the two databases
    .venv/bin/python scripts/train_story_split.py --data ../shared/eval/ecbplus \\
        --coverage ../shared/eval/coverage/basil --coverage-dbs /tmp/cov --folds 5

With ``--folds``, each coverage event is first grouped with a model trained without its fold
(ECB+ and the other folds' events), and held-out pairwise scores of the ingest are printed.
Only dev data is read; `rashomon eval stories` reports the ECB+ split cross-fitted by topic.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.config import Options, default_options
from rashomon.eval.stories import read_ecbplus, split_setup, split_training_data, story_docs
from rashomon.stories import Params, StoryDoc, StoryIndex, assign_stories, regroup, resplit
from rashomon.stories.group import doc_weights
from rashomon.stories.split import MODEL_PATH, SplitModel, split_doc, training_pairs


def coverage_docs(folder: Path, dbs: Path) -> dict[str, tuple[list[StoryDoc], dict[str, str]]]:
    """Per run (careful, hurried): the stored articles as StoryDocs, and article id -> gold story."""
    from rashomon.eval.coverage_stories import gold_stories
    from rashomon.store import Store

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    out = {}
    for mode in ("careful", "hurried"):
        with Store.open(str(dbs / f"{mode}.db")) as store:  # a store of an older schema is migrated
            arts = store.articles()
            names = store.article_entity_names([a.id for a in arts])
        files = {a.id: Path(a.page_source).name for a in arts if a.kind == "article"}
        of = gold_stories(gold, sorted(files.values()))
        docs = [StoryDoc(article=a.id, source=a.source, kind=a.kind, title=a.title, body=a.body, published=a.published,
                         outlet=a.outlet, entities=names.get(a.id, []), near_duplicate_of=a.near_duplicate_of)
                for a in arts if a.id in files]
        out[mode] = (docs, {a: of[f] for a, f in files.items()})
    return out


def ingest_like(docs: list[StoryDoc], options: Options) -> dict[str, str]:
    """One batch assigned, then the touched stories re-split: what ingest does with a folder."""
    index = StoryIndex.from_bytes(None, options)
    touched = set(assign_stories(docs, index, options).values())
    by_id = {d.article: d for d in docs}
    members = index.members(touched, fewest=3, most=Params.from_options(options).split_max)
    if members:
        resplit([by_id[a] for a in members], index, options)
    return {d.article: index.story_of(d.article) or "" for d in docs}


# The stories a looser join makes (every shared name counts towards entity_join, as before
# entity_rare) hold more events each: more two-event stories for the model to learn to cut.
LOOSE_JOIN = {"story_split": False, "story_entity_rare": 1.0, "story_entity_join": 4}


def coverage_pairs(docs: list[StoryDoc], gold: dict[str, str], options: Options) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of the unsplit regroup's and unsplit ingest's stories (looser join), labelled by gold story."""
    unsplit = replace(options, extra={**options.extra, **LOOSE_JOIN})
    index = regroup(docs, unsplit)
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        groups["r" + (index.story_of(d.article) or "")].append(d.article)
    for a, s in ingest_like(docs, unsplit).items():
        groups["i" + s].append(a)
    params = Params.from_options(unsplit)
    split = {d.article: split_doc(d.title, d.body, doc_weights(d, params)) for d in docs}
    members = list(groups.values())
    return training_pairs([[split[a] for a in m] for m in members], [[gold[a] for a in m] for m in members], index.idf)


def fit(parts: list[tuple[np.ndarray, np.ndarray]], c: float, threshold: float) -> SplitModel:
    from rashomon.stories.split import fit_split_model

    return fit_split_model(np.concatenate([x for x, _ in parts]), np.concatenate([y for _, y in parts]), c, threshold)


def pairwise_counts(pred: dict[str, str], gold: dict[str, str], arts: list[str]) -> np.ndarray:
    """True positive, false positive and false negative pair counts over ``arts``."""
    out = np.zeros(3)
    for i, a in enumerate(arts):
        for b in arts[i + 1:]:
            same, truth = pred[a] == pred[b], gold[a] == gold[b]
            out += (same and truth, same and not truth, truth and not same)
    return out


def held_out(ecb: tuple[np.ndarray, np.ndarray], cov: dict[str, Any], folds: int, options: Options, c: float, threshold: float) -> None:
    """Each coverage event grouped by a model trained without its fold; pairs across folds count half for each side."""
    events = sorted({g for _, gold in cov.values() for g in gold.values()})
    fold = {e: i % folds for i, e in enumerate(random.Random(5).sample(events, len(events)))}
    counts = {mode: np.zeros(3) for mode in cov}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            parts = [ecb]
            for docs, gold in cov.values():
                kept = [d for d in docs if fold[gold[d.article]] != k]
                parts.append(coverage_pairs(kept, gold, options))
            path = Path(tmp) / f"fold{k}.json"
            path.write_text(fit(parts, c, threshold).to_json(), encoding="utf-8")
            opts = replace(options, extra={**options.extra, "story_split_model": str(path)})
            for mode, (docs, gold) in cov.items():
                pred = ingest_like(docs, opts)
                arts = sorted(gold)
                mine = [a for a in arts if fold[gold[a]] == k]
                rest = [a for a in arts if fold[gold[a]] != k]
                counts[mode] += pairwise_counts(pred, gold, mine)
                cross = np.zeros(3)
                for a in mine:
                    for b in rest:
                        same = pred[a] == pred[b]
                        cross += (0, same, 0)  # different folds hold different events
                counts[mode] += cross / 2
    for mode, (tp, fp, fn) in counts.items():
        p, r = tp / max(tp + fp, 1e-9), tp / max(tp + fn, 1e-9)
        print(f"held out by event ({folds} folds), {mode} ingest: pairwise P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="an ECB+ folder of topic folders")
    ap.add_argument("--coverage", type=Path, help="a coverage folder (gold.json) whose events add training pairs")
    ap.add_argument("--coverage-dbs", type=Path, help="the folder holding its careful.db and hurried.db")
    ap.add_argument("--folds", type=int, default=0, help="print coverage ingest scores held out by event in this many folds")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic model")
    ap.add_argument("--threshold", type=float, default=0.5, help="same-event probability the average link is cut at")
    args = ap.parse_args()
    options = default_options()
    docs = read_ecbplus(args.data)
    gold = [d.gold for d in docs]
    setup = split_setup(story_docs(docs), options)
    ecb = split_training_data(setup, gold)
    parts = [ecb]
    cov: dict[str, Any] = {}
    if args.coverage and args.coverage_dbs:
        cov = coverage_docs(args.coverage, args.coverage_dbs)
        parts += [coverage_pairs(d, g, options) for d, g in cov.values()]
        if args.folds > 1:
            held_out(ecb, cov, args.folds, options, args.C, args.threshold)
    model = fit(parts, args.C, args.threshold)
    args.out.write_text(model.to_json(), encoding="utf-8")
    n = sum(len(y) for _, y in parts)
    print(f"{n} pairs ({sum(int(y.sum()) for _, y in parts)} same event) from ECB+ ({len(ecb[1])}) "
          f"and coverage ({n - len(ecb[1])}) -> {args.out}")


if __name__ == "__main__":
    main()
