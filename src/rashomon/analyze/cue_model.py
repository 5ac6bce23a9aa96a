"""Rank candidate attribution frames with a small linear model learned on PolNeAR train.

Every verb (and "according to", and noun cues) proposes a frame from the parse; a logistic
model over symbolic features (cue lemma, how the content was found, which content extent
``variants`` proposed, what the subject is, …) scores it. The weights are a JSON dict applied in plain Python (no scikit-learn at run time;
it trains the model in ``scripts/train_attribution.py``). Without the weights file the hand
lexicon decides alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from rashomon.analyze.cues import CueLexicon, load_lexicon
from rashomon.analyze.logit import log_odds, sigmoid  # noqa: F401  (log_odds re-exported: its old home)
from rashomon.analyze.candidates import candidate_frames
from rashomon.analyze.frames import SUBJ, Frame
from rashomon.analyze.select import select_frames
from rashomon.analyze.spans import doc_text, sent_of
from rashomon.analyze.quotes import Quote

if TYPE_CHECKING:
    from rashomon.analyze.frame_encoder import FrameEncoder

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "attribution_model.json"
HUMAN_PRONOUNS = {"i", "we", "you", "he", "she", "they", "who"}


def _bucket(n: int) -> str:
    for b in (1, 3, 8, 20, 40):
        if n <= b:
            return str(b)
    return "many"


def frame_features(doc: Doc, frame: Frame, lexicon: CueLexicon, quotes: list[Quote]) -> list[str]:
    """Symbolic features of one candidate frame."""
    cue = doc[frame.cue_token]
    lemma = cue.lemma_.lower()
    feats = [f"lem={lemma}", f"pos={cue.pos_}", f"dep={cue.dep_}", f"tag={cue.tag_}", f"how={frame.how}",
             f"kind={frame.kind}", f"lem_how={lemma}|{frame.how}", f"lem_dep={lemma}|{cue.dep_}",
             f"how_dep={frame.how}|{cue.dep_}", f"var={frame.variant}", f"how_var={frame.how}|{frame.variant}"]
    if cue.pos_ == "VERB" and lemma in lexicon.verbs or cue.pos_ == "NOUN" and lemma in lexicon.nouns:
        feats.append("hand")
        feats.append(f"hand_how={frame.how}")
    if frame.source_root is None:
        stype = "none"
    else:
        s = doc[frame.source_root]
        if s.lower_ in HUMAN_PRONOUNS:
            stype = "pron_h"
        elif s.pos_ == "PRON":
            stype = "pron_" + s.lower_
        elif s.ent_type_:
            stype = "ent_" + s.ent_type_
        elif s.pos_ == "PROPN":
            stype = "propn"
        else:
            stype = "noun"
            feats.append(f"slem={s.lemma_.lower()}")
        feats.append(f"sdep={s.dep_}")
    feats += [f"stype={stype}", f"lem_stype={lemma}|{stype}", f"how_stype={frame.how}|{stype}"]
    n_words = len(doc_text(doc)[frame.content[0] : frame.content[1]].split())
    feats.append(f"clen={_bucket(n_words)}")
    feats.append(f"how_clen={frame.how}|{_bucket(n_words)}")
    for c in cue.children:
        if c.dep_ == "neg":
            feats.append("neg")
        elif c.dep_ == "aux" and c.tag_ == "MD":
            feats.append("modal")
        elif c.dep_ == "prt":
            feats.append(f"prt={lemma}|{c.lower_}")
        elif c.dep_ == "dative":
            feats.append("dative")
        elif c.dep_ == "agent":
            feats.append("agent")
        elif c.dep_ == "dobj":
            feats.append(f"obj={c.lemma_.lower()}")
            feats.append(f"lem_obj={lemma}|{c.lemma_.lower()}")
        elif c.dep_ == "prep" and c.i > cue.i:
            feats.append(f"lem_prep={lemma}|{c.lower_}")
    if any(q.inner_start <= cue.idx < q.inner_end for q in quotes):
        feats.append("cue_in_quote")
    if doc_text(doc)[frame.content[0] : frame.content[0] + 5].lower().startswith("that "):
        feats.append("that")
    if sent_of(cue).start == 0:
        feats.append("first_sent")
    if frame.source is not None and frame.source_root is not None:
        feats.append(f"lem_sdep={lemma}|{doc[frame.source_root].dep_}")
    if cue.i > 0 and doc[cue.i - 1].text == ",":
        feats.append("after_comma")
    if not any(c.dep_ in SUBJ for c in cue.children) and cue.pos_ == "VERB":
        feats.append("no_own_subj")
    return feats + context_features(doc, frame, lexicon, quotes)


def _ratio_bucket(x: float) -> str:
    return next(str(b) for b in (0.2, 0.4, 0.6, 0.8, 0.95, 9.0) if x <= b)


def context_features(doc: Doc, frame: Frame, lexicon: CueLexicon, quotes: list[Quote]) -> list[str]:
    """How often the training data used the lemma as a cue, what governs the cue, and how the
    content sits in its sentence: what lets the ranker judge lemmas it saw rarely."""
    cue = doc[frame.cue_token]
    lemma = cue.lemma_.lower()
    learned = lexicon.learned.get((lemma, cue.pos_))
    lex = "none" if learned is None else _ratio_bucket(learned)
    feats = [f"lex={lex}", f"lex_how={lex}|{frame.how}", f"lex_pos={lex}|{cue.pos_}"]
    if cue.head is not cue:
        feats += [f"gov={cue.head.lemma_.lower()}", f"gov_dep={cue.dep_}|{cue.head.pos_}"]
    text = doc_text(doc)
    first = doc.char_span(frame.content[0], frame.content[1], alignment_mode="expand")
    if first is not None and len(first):
        t0 = first[0]
        feats += [f"cfirst={t0.lower_ if t0.is_stop else t0.pos_}", f"how_cfirst={frame.how}|{t0.pos_}"]
    sent = sent_of(cue)
    slen = max(1, sent.end_char - sent.start_char)
    ratio = (min(frame.content[1], sent.end_char) - max(frame.content[0], sent.start_char)) / slen
    feats += [f"csent={_ratio_bucket(ratio)}", f"how_csent={frame.how}|{_ratio_bucket(ratio)}"]
    pos = (cue.i - sent.start) / max(1, len(sent))
    feats.append(f"cpos={_ratio_bucket(pos)}")
    if any(sent.start_char <= q.start < sent.end_char for q in quotes):
        feats.append(f"sent_quote|{frame.how}")
    para_end = text.find("\n", cue.idx)
    para = text[text.rfind("\n", 0, cue.idx) + 1 : len(text) if para_end < 0 else para_end].strip()
    if para and len(para.split()) <= 15 and para[-1] not in ".!?\"'”’":
        feats.append(f"headline|{frame.how}")
    if frame.how == "label":
        label = text[frame.source[0] : frame.source[1]] if frame.source else ""
        feats += [f"label_upper={label.isupper()}", f"label_words={_bucket(len(label.split()))}"]
    return feats


@dataclass
class CueModel:
    """A logistic model: bias + sum of feature weights, squashed."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5

    def score(self, feats: list[str]) -> float:
        return sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in feats))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> CueModel | None:
    """The shipped model (or one at ``path``); None when absent, so the lexicon decides."""
    file = Path(path) if path else MODEL_PATH
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return CueModel(weights=raw["weights"], bias=float(raw["bias"]), threshold=float(raw.get("threshold", 0.5)))


def find_frames(doc: Doc, quotes: list[Quote], lexicon: CueLexicon | None = None, model: CueModel | None = None,
                threshold: float | None = None, encoder: "FrameEncoder | None" = None) -> list[Frame]:
    """Frames worth reporting: model-ranked when a model is given (and re-scored by the frame encoder
    where the model is unsure), else lexicon-scored."""
    lexicon = lexicon or load_lexicon()
    frames = score_frames(doc, quotes, lexicon, model)
    if model is not None and encoder is not None:
        encoder.rescore(doc, frames)
    return choose_frames(doc, quotes, frames, model, threshold, encoder)


def score_frames(doc: Doc, quotes: list[Quote], lexicon: CueLexicon, model: CueModel | None) -> list[Frame]:
    """Every candidate frame with its ranker score (or, without a model, its lexicon score)."""
    frames = candidate_frames(doc, lexicon, quotes, relaxed=model is not None)
    for f in frames:
        if model is not None:
            f.score = model.score(frame_features(doc, f, lexicon, quotes))
        else:
            cue = doc[f.cue_token]
            f.score = 1.0 if f.how == "according" else (
                lexicon.verb_score(cue.lemma_) if cue.pos_ == "VERB" else lexicon.noun_score(cue.lemma_))
            if any(q.inner_start <= cue.idx < q.inner_end for q in quotes):
                f.score *= 0.5  # a cue inside a quote is usually the quoted speaker's own words
    return frames


def choose_frames(doc: Doc, quotes: list[Quote], frames: list[Frame], model: CueModel | None,
                  threshold: float | None = None, encoder: "FrameEncoder | None" = None) -> list[Frame]:
    """The scored frames kept (at the encoder's, model's or lexicon's threshold unless one is given), with borrowed sources."""
    if threshold is None:
        if model is None:
            threshold = 0.25
        else:
            threshold = encoder.threshold if encoder is not None else model.threshold
    return borrow_sources(select_frames(frames, threshold, doc, quotes))


def borrow_sources(frames: list[Frame], reach: int = 1500) -> list[Frame]:
    """A quote with no source of its own goes on the previous statement's speaker (news convention:
    a new paragraph of quotation continues the last named voice)."""
    last: Frame | None = None
    for f in frames:
        if f.source is None and f.kind == "direct" and last is not None and f.cue[0] - last.cue[0] <= reach:
            f.source, f.source_root = last.source, last.source_root
        if f.source is not None:
            last = f
    return frames
