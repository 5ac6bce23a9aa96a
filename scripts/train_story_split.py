"""Train the story split pair model (``rashomon.stories.split``) on ECB+ topics.

Pairs come from the stories an unsplit regroup makes (mostly one event each) and from every
gold topic (two events of one kind each), labelled "same sub-topic". Run from the repository root:

    .venv/bin/python scripts/train_story_split.py --data ../shared/eval/ecbplus

Only dev topics are read; `rashomon eval stories` reports the split cross-fitted by topic.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rashomon.config import default_options
from rashomon.eval.stories import read_ecbplus, split_setup, split_training_data, story_docs
from rashomon.stories.split import MODEL_PATH, fit_split_model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="an ECB+ folder of topic folders")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic model")
    ap.add_argument("--threshold", type=float, default=0.5, help="same-event probability the average link is cut at")
    args = ap.parse_args()
    docs = read_ecbplus(args.data)
    gold = [d.gold for d in docs]
    setup = split_setup(story_docs(docs), default_options())
    x, y = split_training_data(setup, gold)
    model = fit_split_model(x, y, args.C, args.threshold)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"{len(y)} pairs ({int(y.sum())} same event) from {len(setup.stories)} stories and the gold topics -> {args.out}")


if __name__ == "__main__":
    main()
