"""Contested section of `rashomon eval coverage`: gold questions found, reported questions true.

A gold question is found when one reported contested question holds evidence from two different
gold sides on two different reported sides; a reported claim matches an evidence snippet
("FILE: text") when it lies in FILE's main article and its span overlaps the snippet's. Precision
is the share of reported contested questions that find some gold question of the folder: the gold
lists every real one, so the rest are false alarms. A wide side can find a gold question by holding
much of a story, so ``lead_true`` counts the questions whose two sides' first statements (the
positions a reader reads) already hold two gold sides' evidence, and a control row re-compares the
careful run with seed pairs drawn at random but assembled the same way: what side-building alone finds. Rows: the careful run and the hurried run as
stored (the shipped model, fitted on every event of the shared set when the folder is that set),
the careful run re-compared with the learned parts fitted without the scored event (5 folds by
event: the honest number), and the lexicon frames of earlier versions (the baseline).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.contested_evidence import Evidence, evidence_spans, locate, placement  # noqa: F401  (locate, Evidence re-exported: their old home)
from rashomon.model import Article, Claim, Question

METRICS = ["gold", "found", "recall", "gold_major", "found_major", "recall_major", "reported", "true", "precision", "lead_true", "look_alike"]
KINDS = ("fact", "characterisation", "evaluation", "count", "cause", "responsibility")
def _holds(claims: list[Claim], evidence: list[Evidence], file_of: dict[str, str]) -> bool:
    return any(
        file_of.get(c.article) == e.file and min(c.end, e.end) > max(c.start, e.start) for c in claims for e in evidence
    )


def side_labels(sides: list[list[Claim]], spans: dict[int, list[Evidence]], file_of: dict[str, str]) -> list[list[int]]:
    """Per reported side, the gold side of each of its claims that is evidence of one (a claim may hold several)."""
    return [[k for c in side for k, ev in spans.items() if _holds([c], ev, file_of)] for side in sides]


def question_finds(sides: list[list[Claim]], gold_q: dict[str, Any], spans: dict[int, list[Evidence]], file_of: dict[str, str]) -> bool:
    """True when two reported sides hold evidence of two different gold sides."""
    held = [{k for k, ev in spans.items() if _holds(side, ev, file_of)} for side in sides]
    return any(a != b for i, hi in enumerate(held) for j, hj in enumerate(held) if i != j for a in hi for b in hj)


@dataclass
class Scored:
    """One system's questions scored against the gold of one folder."""

    found: set[str]
    reported: int
    true: int
    look_alike: int
    per_event: dict[str, dict[str, int]]
    lead_true: int = 0  # questions whose sides' first statements (what a reader reads as the two positions) hold two gold sides
    scores: list[tuple[float | None, bool]] = field(default_factory=list)  # per reported question: (its score, finds a gold question)
    misplaced: int = 0  # evidence units of the gold questions found that sit on the wrong reported side
    placed: int = 0  # evidence units of the gold questions found, on any reported side
    clean: set[str] = field(default_factory=set)  # gold questions found by a question that puts none of their evidence on the wrong side


def score_questions(
    gold: dict[str, Any], questions: list[Question], claims: dict[str, Claim], articles: dict[str, Article], file_of: dict[str, str]
) -> Scored:
    """Which gold questions the reported contested questions find, and how many of those are true."""
    gold_spans = {g["id"]: {k: evidence_spans(s["evidence"], articles) for k, s in enumerate(g["sides"])} for g in gold.get("contested", [])}
    looks = [evidence_spans(n.get("evidence", []), articles) for n in gold.get("not_contested", [])]
    event_of_file = {f: d.get("story") for f, d in gold["documents"].items()}
    per_event: dict[str, dict[str, int]] = defaultdict(lambda: {"reported": 0, "true": 0})
    found: set[str] = set()
    clean: set[str] = set()
    true = look_alike = reported = lead_true = misplaced = placed = 0
    scores: list[tuple[float | None, bool]] = []
    for q in questions:
        if not q.contested:
            continue
        sides = [[claims[i] for i in s.claims if i in claims] for s in q.sides]
        files = [file_of.get(c.article) for side in sides for c in side]
        event = max(set(files), key=files.count) if files else None
        hits = {g["id"] for g in gold.get("contested", []) if question_finds(sides, g, gold_spans[g["id"]], file_of)}
        reported += 1
        scores.append((q.score, bool(hits)))
        ev = per_event[event_of_file.get(event or "", "?") or "?"]
        ev["reported"] += 1
        if hits:
            true += 1
            ev["true"] += 1
            found |= hits
            leads = [side[:1] for side in sides]
            lead_true += any(question_finds(leads, g, gold_spans[g["id"]], file_of) for g in gold.get("contested", []) if g["id"] in hits)
            for gid in hits:
                wrong, total = placement(side_labels(sides, gold_spans[gid], file_of))
                misplaced += wrong
                placed += total
                if not wrong:
                    clean.add(gid)
        elif any(_holds(side, lk, file_of) for side in sides for lk in looks):
            look_alike += 1
    return Scored(found, reported, true, look_alike, dict(per_event), lead_true, scores, misplaced, placed, clean)


def row(system: str, gold: dict[str, Any], s: Scored) -> dict[str, Any]:
    """One table row: recall over every gold question and over the non-minor ones, precision."""
    qs = gold.get("contested", [])
    major = [g for g in qs if not g.get("minor")]
    found_major = sum(g["id"] in s.found for g in major)
    return {
        "system": system,
        "gold": len(qs),
        "found": len(s.found),
        "recall": len(s.found) / len(qs) if qs else 0.0,
        "gold_major": len(major),
        "found_major": found_major,
        "recall_major": found_major / len(major) if major else 0.0,
        "reported": s.reported,
        "true": s.true,
        "precision": s.true / s.reported if s.reported else 0.0,
        "lead_true": s.lead_true,
        "look_alike": s.look_alike,
    }


def kind_row(system: str, gold: dict[str, Any], s: Scored) -> dict[str, Any]:
    """Recall of the non-minor gold questions, per kind."""
    out: dict[str, Any] = {"system": system}
    for kind in KINDS:
        of_kind = [g for g in gold.get("contested", []) if g.get("kind") == kind and not g.get("minor")]
        out[kind] = f"{sum(g['id'] in s.found for g in of_kind)}/{len(of_kind)}"
    return out


PLACEMENT = ["found_questions", "evidence_placed", "right_side", "wrong_side", "wrong_share", "found_clean_major", "recall_clean_major"]


def placement_row(system: str, gold: dict[str, Any], s: Scored) -> dict[str, Any]:
    """Where the evidence of the gold questions a system finds sits: on the side it supports or on the other;
    and the non-minor gold questions found by a question that places every one of their evidence units right."""
    major = [g["id"] for g in gold.get("contested", []) if not g.get("minor")]
    clean = sum(g in s.clean for g in major)
    return {"system": system, "found_questions": s.true, "evidence_placed": s.placed, "right_side": s.placed - s.misplaced,
            "wrong_side": s.misplaced, "wrong_share": s.misplaced / s.placed if s.placed else 0.0,
            "found_clean_major": clean, "recall_clean_major": clean / len(major) if major else 0.0}


BANDS = ((0.0, 0.35), (0.35, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 1.01))


def reliability_rows(s: Scored) -> list[dict[str, Any]]:
    """Calibration: per band of the shown score, how many questions, their mean score and the share that
    find a gold question (a calibrated score matches that share); then the Brier score over all scored ones."""
    scored = [(p, t) for p, t in s.scores if p is not None]
    rows = []
    for lo, hi in BANDS:
        band = [(p, t) for p, t in scored if lo <= p < hi]
        if band:
            rows.append({"system": f"score {lo:.2f}-{min(hi, 1.0):.2f}", "questions": len(band),
                         "mean_score": sum(p for p, _ in band) / len(band), "true_share": sum(t for _, t in band) / len(band)})
    if scored:
        rows.append({"system": "all scored (Brier score in brier)", "questions": len(scored),
                     "mean_score": sum(p for p, _ in scored) / len(scored), "true_share": sum(t for _, t in scored) / len(scored),
                     "brier": sum((p - t) ** 2 for p, t in scored) / len(scored)})
    unscored = sum(p is None for p, _ in s.scores)
    if unscored:
        rows.append({"system": "unscored (account changes)", "questions": unscored,
                     "true_share": sum(t for p, t in s.scores if p is None) / unscored})
    return rows


def event_rows(gold: dict[str, Any], s: Scored) -> list[dict[str, Any]]:
    """Per event: gold questions (non-minor), found, reported, true."""
    rows = []
    for event in sorted(gold.get("stories", {})):
        qs = [g for g in gold.get("contested", []) if g.get("story") == event and not g.get("minor")]
        ev = s.per_event.get(event, {"reported": 0, "true": 0})
        rows.append({"system": event, "gold_major": len(qs), "found_major": sum(g["id"] in s.found for g in qs), **ev})
    return rows


System = tuple[str, list[Question], dict[str, Claim], Any]  # name, questions, claims by id, the run they came from


def stored(run: Any) -> tuple[list[Question], dict[str, Claim]]:
    """The contested questions and claims the run's store kept for its stories."""
    questions: list[Question] = []
    claims: dict[str, Claim] = {}
    for report in run.story_reports:
        questions += report.questions
        claims.update({c.id: c for c in report.claims})
    return questions, claims


def tables(gold: dict[str, Any], systems: list[System], notes: list[str]) -> list[EvalTable]:
    """The overall, per-kind and per-event tables for the given systems (first one is Rashomon's number)."""
    scored = [(name, score_questions(gold, qs, cl, run.article_of, run.file_of)) for name, qs, cl, run in systems]
    overall = EvalTable("coverage", "Contested questions", "coverage", METRICS, [row(n, gold, s) for n, s in scored], notes=notes)
    kinds = EvalTable("coverage", "Contested questions: recall of non-minor gold questions by kind", "coverage", list(KINDS),
                      [kind_row(n, gold, s) for n, s in scored])
    events = EvalTable("coverage", f"Contested questions per event ({scored[0][0]})", "coverage",
                       ["gold_major", "found_major", "reported", "true"], event_rows(gold, scored[0][1]))
    reliability = EvalTable("coverage", f"Contested questions: calibration of the score ({scored[0][0]})", "coverage",
                            ["questions", "mean_score", "true_share", "brier"], reliability_rows(scored[0][1]))
    placed = EvalTable("coverage", "Contested questions: evidence placement on the questions that find a gold question", "coverage",
                       PLACEMENT, [placement_row(n, gold, s) for n, s in scored],
                       notes=["evidence_placed: gold evidence sentences on a reported side of a question that finds their gold question",
                              "wrong_side: on a reported side not matched with their gold side (sides matched one to one, most units right)",
                              "found_clean_major: non-minor gold questions found by a question with none of their evidence on the wrong side"])
    return [overall, kinds, placed, reliability, events]


def score(gold: dict[str, Any], careful: Any, hurried: Any) -> list[EvalTable]:
    """Held-out re-comparison and lexicon baseline of the careful run, then both runs as stored."""
    systems: list[System] = []
    notes = ["a gold question is found when one reported question holds two gold sides' evidence on two of its sides"]
    try:
        from rashomon.eval.contest_folds import held_out_systems

        systems += held_out_systems(gold, careful)
    except ImportError as e:  # scikit-learn is a dev dependency: without it only the stored questions are scored
        notes.append(f"held-out folds skipped: {e}")
    systems += [("careful, as stored (shipped model)", *stored(careful), careful), ("hurried, as stored (shipped model)", *stored(hurried), hurried)]
    return tables(gold, systems, notes)
