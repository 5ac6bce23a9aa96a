"""Fit the contested-question model (src/rashomon/data/contest_model.json) on a coverage folder.

    python scripts/train_contested.py [--data ../shared/eval/coverage/basil] [--db careful.db] [--sweep]

The folder's pages are ingested carefully (outlet and date from pages.tsv) unless ``--db`` names a
store that holds them. Every event's statements become units, labelled by the gold questions'
evidence (rashomon.eval.contest_folds). Five folds by event: each fold's questions are assembled
by a model fitted on the other four, and those held-out questions (seed score, true or not) fit
the calibration. ``--sweep`` prints the held-out question-level recall and precision for other
assembly settings. The shipped model is then fitted on every event with that calibration.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from pathlib import Path


import numpy as np

from rashomon.compare.contest import conflict_scorer
from rashomon.compare.contest_model import calibrated
from rashomon.config import default_options
from rashomon.eval.contest_folds import ASSEMBLY, FOLDS, SIZE_CALIBRATION, FoldModels, UnitMaker, calibrate, drafts_of, event_groups, fit, random_seeds
from rashomon.eval.coverage import CoverageRun, load, run_folder

OUT = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data" / "contest_model.json"


def held_out_drafts(data: dict, assembly: dict, chance: bool = False) -> tuple[list[tuple[float, bool]], set[str]]:
    """(seed pair probability, finds a gold question) of every question assembled on held-out events;
    ``chance`` seeds them with random pair scores instead (the control: what side-building alone finds)."""
    folds = FoldModels(data, assembly, nested=False)
    out, found, placement, leads = [], set(), [0, 0], [0]
    sizes = SIZES.setdefault(bool(chance), []) if assembly is ASSEMBLY else None
    if sizes is not None:
        sizes.clear()
    for k, (event, (g, _, _)) in enumerate(data.items()):
        model = folds.without({event})
        if model is None:
            continue
        drafts, hits = drafts_of(random_seeds(model, k) if chance else model, g, assembly, placement, leads, sizes)  # type: ignore[arg-type]
        out += drafts
        found |= hits
    print(f"  evidence of the questions found on the wrong side: {placement[0]}/{placement[1]} ({placement[0] / max(placement[1], 1):.3f})")
    print(f"  questions whose two seed statements themselves hold two gold sides: {leads[0]}/{len(out)}")
    return out, found


SIZES: dict[bool, list[int]] = {}  # the shipped assembly's held-out questions' smaller sides (False: the model, True: the control)


def reliability(drafts: list[tuple[float, bool]], calibration: tuple[float, ...], sizes: list[int]) -> None:
    """Calibrated score against the share of true questions, by score band, on the held-out questions
    (fitted and shown on the same questions: the eval's calibration table is the held-out one)."""
    scores = np.array([calibrated(p, calibration, n) for (p, _), n in zip(drafts, sizes)])
    true = np.array([t for _, t in drafts])
    for lo, hi in ((0.0, 0.3), (0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 1.01)):
        band = (scores >= lo) & (scores < hi)
        if band.any():
            print(f"  score {lo:.1f}-{min(hi, 1):.1f}: {band.sum():3d} questions, mean score {scores[band].mean():.2f}, true {true[band].mean():.2f}")
    print(f"  Brier score {float(((scores - true) ** 2).mean()):.4f} (base rate {float(((true.mean() - true) ** 2).mean()):.4f})")


def report(name: str, drafts: list[tuple[float, bool]], found: set[str], gold: dict) -> None:
    """Held-out recall of the non-minor gold questions and precision of the assembled ones."""
    major = {q["id"] for q in gold["contested"] if not q.get("minor")}
    true = sum(t for _, t in drafts)
    print(f"{name}: recall (non-minor) {len(found & major) / len(major):.3f}  precision {true / max(len(drafts), 1):.3f}  ({true}/{len(drafts)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/eval/coverage/basil"))
    ap.add_argument("--db", type=Path, help="a store already holding the folder's pages, ingested carefully")
    ap.add_argument("--vectors", type=Path, help="pickle of unit vectors by text, read and written (saves re-embedding)")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--conflict", action="store_true", help="add the pair conflict model's score as a feature (an ablation: "
                    "2026-12-07 it gave 0.593 / 0.544 held-out against 0.624 / 0.552 without, so it is not shipped)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    gold, rows = load(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(args.db) if args.db else str(Path(tmp) / "careful.db")
        if args.db is None:
            run_folder(args.data, gold, rows, default_options(), db, careful=True)
        run = CoverageRun(gold=gold, seeds_dir=args.data / "pages", texts={}, db=db, mode="careful", pages=rows)
        maker = UnitMaker(run, conflict_scorer if args.conflict else None)
        if args.vectors and args.vectors.exists():
            maker.vectors.cache.update(pickle.loads(args.vectors.read_bytes()))
        data = event_groups(run, gold, maker)
        if args.vectors:
            args.vectors.write_bytes(pickle.dumps(maker.vectors.cache))
        print(f"{len(data)} events, {sum(len(g.units) for g, _, _ in data.values())} units, "
              f"{sum(int(y.sum()) for _, y, _ in data.values())} positive pairs of {sum(len(y) for _, y, _ in data.values())}")
        settings = [ASSEMBLY]
        if args.sweep:
            settings += [{**ASSEMBLY, "same_words": w} for w in (0.5, 0.6, 0.7, 0.8)] + [{**ASSEMBLY, "distinct": d} for d in (0.7, 0.75)]
            # placement against recall: third voices kept off the sides unless clearly nearer one seed, or left out
            settings += [{**ASSEMBLY, "margin": m} for m in (0.02, 0.05, 0.1, 0.15)] + [{**ASSEMBLY, "expand": 9.0}]
            # third voices placed by their speaker's camp (compare.affiliation): joins its camp's side, only those, a veto
            settings += [{**ASSEMBLY, "camps": c} for c in (1.0, 2.0, 3.0)]
        for assembly in settings:
            drafts, found = held_out_drafts(data, assembly)
            report(f"held-out events, {assembly}", drafts, found, gold)
            if assembly is ASSEMBLY:
                shipped = drafts
        drafts, found = held_out_drafts(data, ASSEMBLY, chance=True)
        report("control: seed pairs at random, same assembly", drafts, found, gold)
        calibration = calibrate(shipped, SIZES[False] if SIZE_CALIBRATION else None)
        print(f"calibration (log-odds, bias[, log smaller side]) {tuple(round(c, 3) for c in calibration)}")
        reliability(shipped, calibration, SIZES[False])
        model = fit(list(data.values()), calibration=calibration)
        args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out} (fitted on all {len(data)} events; the held-out numbers above used {FOLDS} folds by event)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
