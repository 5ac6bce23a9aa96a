"""`rashomon eval attribution`: who-said-what on PolNeAR, next to textacy's direct quotations.

Both systems read the same spaCy Docs (one parse), so the comparison is of the extraction
alone. Metrics: matched statements (content word-Jaccard >= 0.5, one-to-one; plus source
overlap), and per-role span scores (exact word sets, and word overlap). See
``attribution_score`` for the definitions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.tokens import Doc, Token

from rashomon.config import Options
from rashomon.errors import ModelError
from rashomon.eval import EvalTable
from rashomon.eval.attribution_score import Predicted, Scores, score_doc
from rashomon.eval.polnear import GoldDoc, read_split

DEFAULT_DATA = "eval/polnear/dev"
ROLES = ("source", "cue", "content")


def load_pipeline(options: Options):  # -> spacy.language.Language
    """The configured spaCy model with our attribution and hedge components."""
    import spacy

    import rashomon.analyze.attribution  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(options.spacy_model, exclude=["textcat"])
    except OSError as e:
        raise ModelError(options.spacy_model, f"spaCy pipeline could not be loaded: {e}") from e
    from rashomon.analyze import component_config

    nlp.add_pipe("rashomon_attribution", config=component_config("rashomon_attribution", options))
    nlp.add_pipe("rashomon_hedges")
    return nlp


def rashomon_predictions(doc: Doc) -> list[Predicted]:
    return _as_predicted(doc._.attributions or [])


def _as_predicted(attributions: list) -> list[Predicted]:
    out = []
    for a in attributions:
        src = [(a.speaker_start, a.speaker_end)] if a.speaker_end > a.speaker_start else []
        out.append(Predicted(source=src, cue=[(a.cue_start, a.cue_end)], content=a.content_spans()))
    return out


def other_encoder_setting(encoder_on: bool) -> tuple[str, Callable[[Doc], list[Predicted] | None]]:
    """The same extraction with the frame encoder switched the other way: what it adds, in the same run."""
    from rashomon.analyze.attribution import extract_attributions
    from rashomon.analyze.cue_model import load_model
    from rashomon.analyze.frame_encoder import load_encoder

    if encoder_on:
        return "rashomon, ranker alone (frame encoder off)", lambda doc: _as_predicted(extract_attributions(doc, load_model()))

    def with_encoder(doc: Doc) -> list[Predicted] | None:
        encoder = load_encoder()
        return None if encoder is None else _as_predicted(extract_attributions(doc, load_model(), encoder=encoder))

    return "rashomon + frame encoder", with_encoder


def _token_spans(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans."""
    spans: list[tuple[int, int]] = []
    last = None
    for t in sorted(tokens, key=lambda t: t.i):
        if last is not None and t.i == last + 1 and spans:
            spans[-1] = (spans[-1][0], t.idx + len(t.text))
        else:
            spans.append((t.idx, t.idx + len(t.text)))
        last = t.i
    return spans


def textacy_predictions(doc: Doc) -> list[Predicted] | None:
    """textacy's direct quotations; None when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    out = []
    try:
        for tri in direct_quotations(doc):
            out.append(Predicted(source=_token_spans(tri.speaker), cue=_token_spans(tri.cue),
                                 content=[(tri.content.start_char, tri.content.end_char)]))
    except (ValueError, IndexError):
        return []  # textacy bails out on an odd number of quotation marks
    return out


def _rows(name: str, scores: Scores) -> tuple[dict, dict, dict]:
    matched = {"system": name}
    for key, label in (("content_match", "content"), ("content_source_match", "content+source")):
        p, r, f = scores.get(key).prf()
        matched.update({f"{label} P": p, f"{label} R": r, f"{label} F1": f})
    exact, words = {"system": name}, {"system": name}
    for role in ROLES:
        for table, suffix in ((exact, "exact"), (words, "words")):
            p, r, f = scores.get(f"{role}_{suffix}").prf()
            table.update({f"{role} P": p, f"{role} R": r, f"{role} F1": f})
    return matched, exact, words


def score_systems(gold: list[GoldDoc], docs: list[Doc],
                  systems: dict[str, Callable[[Doc], list[Predicted] | None]]) -> dict[str, Scores]:
    """Scores of each system over the same parsed documents (a system returning None is skipped)."""
    out: dict[str, Scores] = {}
    for name, fn in systems.items():
        scores = Scores()
        for g, doc in zip(gold, docs):
            preds = fn(doc)
            if preds is None:
                break
            score_doc(g.text, g.attributions, preds, scores)
        else:
            out[name] = scores
    return out


def evaluate(data: Path, options: Options) -> list[EvalTable]:
    """Score Rashomon and textacy on a PolNeAR split folder (``text/`` + ``attributions/``)."""
    gold = read_split(Path(data), limit=options.extra.get("attribution_limit"))
    nlp = load_pipeline(options)
    t0 = time.perf_counter()
    docs = list(nlp.pipe((g.text for g in gold), batch_size=options.batch_size))
    elapsed = time.perf_counter() - t0
    finder = nlp.get_pipe("rashomon_attribution") if "rashomon_attribution" in nlp.pipe_names else None
    other_name, other = other_encoder_setting(getattr(finder, "encoder", None) is not None)
    results = score_systems(gold, docs, {"rashomon": rashomon_predictions, other_name: other,
                                        "textacy direct quotations": textacy_predictions})
    dataset = f"{data} ({len(gold)} articles, {sum(len(g.attributions) for g in gold)} attributions)"
    matched = EvalTable("attribution", "Attribution: statements matched (content word-Jaccard >= 0.5, one-to-one)",
                        dataset, [f"{lab} {m}" for lab in ("content", "content+source") for m in ("P", "R", "F1")])
    exact = EvalTable("attribution", "Attribution spans: exact (same words)", dataset,
                      [f"{r} {m}" for r in ROLES for m in ("P", "R", "F1")])
    words = EvalTable("attribution", "Attribution spans: word overlap", dataset,
                      [f"{r} {m}" for r in ROLES for m in ("P", "R", "F1")])
    for name, scores in results.items():
        m, e, w = _rows(name, scores)
        matched.rows.append(m)
        exact.rows.append(e)
        words.rows.append(w)
    if "textacy direct quotations" not in results:
        matched.notes.append("textacy not installed (dev extra): baseline skipped")
    matched.notes.append("content+source: the sources share a content word (by text, so a continued quote's earlier "
                         "mention counts); a gold attribution without a source needs only its content")
    matched.notes.append(f"parse + extraction of {len(docs)} articles took {elapsed:.1f}s; both systems read the same Docs")
    return [matched, exact, words]
