"""Hedges and stance markers, and the attribution status they imply.

A statement is "denied" when its cue denies ("denied", "rejected") or its content calls
something unfounded; "alleged" when the reporting distances itself ("reportedly", "allegedly",
"claimed", "without providing any evidence", "could not be independently verified");
otherwise "attributed". The markers are found with a spaCy ``Matcher`` over lower-cased
tokens, so inflections and hyphenation ("so-called") follow the tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from rashomon.analyze.component import GuardedComponent
from rashomon.model import Attribution


# marker name -> token patterns (LOWER), and the status each marker implies
ALLEGING: dict[str, list[list[dict[str, Any]]]] = {
    "reportedly": [[{"LOWER": "reportedly"}]],
    "allegedly": [[{"LOWER": "allegedly"}]],
    "alleged": [[{"LOWER": "alleged"}]],
    "presumed": [[{"LOWER": {"IN": ["presumed", "presumably"]}}]],
    "purported": [[{"LOWER": {"IN": ["purported", "purportedly", "purport", "purports"]}}]],
    "supposedly": [[{"LOWER": {"IN": ["supposedly", "supposed"]}, "POS": {"NOT_IN": ["VERB", "AUX"]}}]],
    "claimed": [[{"LOWER": {"IN": ["claimed", "claims", "claim", "claiming"]}}]],
    "so-called": [[{"LOWER": "so"}, {"LOWER": "-"}, {"LOWER": "called"}], [{"LOWER": "so-called"}]],
    "apparently": [[{"LOWER": "apparently"}]],
    "without evidence": [
        [{"LOWER": "without"}, {"LOWER": {"IN": ["providing", "offering", "giving", "presenting", "citing"]}, "OP": "?"},
         {"LOWER": {"IN": ["any", "much"]}, "OP": "?"}, {"LOWER": {"IN": ["evidence", "proof"]}}],
        [{"LEMMA": {"IN": ["provide", "offer", "give", "present", "cite"]}}, {"LOWER": "no"},
         {"LOWER": {"IN": ["evidence", "proof"]}}],
    ],
    "unverified": [
        [{"LOWER": {"IN": ["could", "can", "cannot", "has", "have", "was", "were", "been"]}, "OP": "?"},
         {"LOWER": {"IN": ["not", "n't"]}, "OP": "?"}, {"LOWER": "be", "OP": "?"},
         {"LOWER": "independently"}, {"LOWER": {"IN": ["verified", "confirmed", "verify", "confirm"]}}],
        [{"LOWER": {"IN": ["unverified", "unconfirmed"]}}],
    ],
}
DENYING: dict[str, list[list[dict[str, Any]]]] = {
    "unfounded": [[{"LOWER": {"IN": ["unfounded", "baseless", "groundless", "unsubstantiated", "untrue",
                                      "fabricated", "fabrication", "fabrications"]}}]],
    "denied": [[{"LEMMA": {"IN": ["deny", "reject", "refute", "rebut", "dismiss"]}, "POS": "VERB"}]],
}
MARKER_TABLES = (ALLEGING, DENYING)  # what the Matcher and its anchors are built from
DENIAL_CUES = frozenset({"deny", "reject", "refute", "rebut", "dismiss", "dispute", "contest", "repudiate"})
ALLEGE_CUES = frozenset({"claim", "allege", "purport", "accuse", "insinuate"})

if not Doc.has_extension("hedges"):
    Doc.set_extension("hedges", default=None, force=True)


def build_matcher(vocab: Any) -> Matcher:
    """One Matcher for every marker; the match id's string is the marker name."""
    matcher = Matcher(vocab)
    for table in MARKER_TABLES:
        for name, patterns in table.items():
            matcher.add(name, patterns)
    return matcher


@dataclass(frozen=True)
class Anchors:
    """Where a marker can be: one required token of each pattern (by LOWER or LEMMA hash) and the
    longest pattern's length. spaCy's Matcher tries every pattern from every token (a pattern that
    opens with optional tokens starts a match everywhere): 0.46 s on the 84 PolNeAR dev texts; run
    only around anchor tokens it finds the same matches in 0.04 s."""

    lower: np.ndarray
    lemma: np.ndarray
    reach: int


def pattern_anchors(vocab: Any, tables: Iterable[dict[str, list[list[dict[str, Any]]]]]) -> Anchors:
    """The last required (non-optional) token of each pattern; every pattern must have one."""
    found: dict[str, set[str]] = {"LOWER": set(), "LEMMA": set()}
    reach = 1
    for table in tables:
        for patterns in table.values():
            for pattern in patterns:
                reach = max(reach, len(pattern))
                required = [t for t in pattern if "OP" not in t]
                if not required or not any(k in found for k in required[-1]):
                    raise ValueError(f"pattern without a required LOWER or LEMMA token: {pattern}")
                for key, value in required[-1].items():
                    if key in found:
                        found[key].update(value["IN"] if isinstance(value, dict) else [value])
    as_hashes = lambda words: np.array(sorted(vocab.strings.add(w) for w in words), dtype=np.uint64)  # noqa: E731
    return Anchors(as_hashes(found["LOWER"]), as_hashes(found["LEMMA"]), reach)


def anchor_spans(doc: Doc, anchors: Anchors) -> list[tuple[int, int]]:
    """Token ranges that hold every possible match: ``reach`` tokens either side of each anchor, merged."""
    if not len(doc):
        return []
    values = doc.to_array([LOWER, LEMMA])  # uint64 hashes
    hits = np.flatnonzero(np.isin(values[:, 0], anchors.lower) | np.isin(values[:, 1], anchors.lemma))
    out: list[tuple[int, int]] = []
    for i in hits.tolist():
        a, b = max(0, i - anchors.reach + 1), min(len(doc), i + anchors.reach)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def find_markers(doc: Doc, matcher: Matcher, anchors: Anchors | None = None) -> list[dict[str, Any]]:
    """Marker spans in the doc: {"start", "end", "text", "marker"} in characters, longest first wins.
    With ``anchors`` the matcher reads only the spans around them (``anchor_spans``): the same matches."""
    if anchors is None:
        matches = matcher(doc)
    else:
        matches = [(m, a + i, a + j) for a, b in anchor_spans(doc, anchors) for m, i, j in matcher(doc[a:b])]
    spans = []
    for match_id, start, end in matches:
        span = doc[start:end]
        spans.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                      "marker": doc.vocab.strings[match_id]})
    spans.sort(key=lambda s: (s["start"], -(s["end"] - s["start"])))
    out: list[dict[str, Any]] = []
    for s in spans:
        if out and s["start"] < out[-1]["end"]:
            continue
        out.append(s)
    return out


def status_for(cue_lemma: str, markers: Iterable[str]) -> str:
    """denied > alleged > attributed, from the cue and the markers around the statement."""
    markers = set(markers)
    if cue_lemma in DENIAL_CUES or markers & set(DENYING):
        return "denied"
    if cue_lemma in ALLEGE_CUES or markers & set(ALLEGING):
        return "alleged"
    return "attributed"


def mark_attributions(doc: Doc, attributions: list[Attribution], markers: list[dict[str, Any]]) -> None:
    """Attach the markers inside each statement's sentences (or cue) and set its status."""
    # a walk of the whole Doc, only when a "claimed" marker needs it
    verbs = {t.idx for t in doc if t.pos_ == "VERB"} if any(m["marker"] == "claimed" for m in markers) else set()
    for a in attributions:
        names = []
        for m in markers:
            in_cue = a.cue_start <= m["start"] < a.cue_end
            in_content = a.content_start <= m["start"] < a.content_end
            in_sentence = a.sentence_start <= m["start"] < a.sentence_end
            if m["marker"] in DENYING:
                keep = in_cue or in_content  # "…, which had been denied" elsewhere denies something else
            elif m["marker"] == "claimed" and m["start"] in verbs:
                keep = in_cue  # another speaker's "claimed" is that speaker's cue
            else:
                keep = in_sentence or in_content
            if keep and m["marker"] not in names:
                names.append(m["marker"])
        cue_tokens = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
        lemma = cue_tokens.root.lemma_.lower() if cue_tokens is not None and len(cue_tokens) else a.cue.lower()
        if lemma in DENIAL_CUES and "denied" not in names:
            names.append("denied")
        a.markers = names
        a.status = status_for(lemma, names)  # type: ignore[assignment]


class HedgeMarker(GuardedComponent):
    """spaCy component: ``Doc._.hedges`` and markers/status on ``Doc._.attributions``."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(name)
        self.matcher = build_matcher(nlp.vocab)
        self.anchors = pattern_anchors(nlp.vocab, MARKER_TABLES)

    def process(self, doc: Doc) -> None:
        markers = find_markers(doc, self.matcher, self.anchors)
        doc._.hedges = markers
        if doc.has_extension("attributions") and doc._.attributions:
            mark_attributions(doc, doc._.attributions, markers)

    def fallback(self, doc: Doc, error: Exception) -> None:
        doc._.hedges = []


@Language.factory(
    "rashomon_hedges",
    default_config={},
    requires=["token.lemma", "token.pos"],
    assigns=["doc._.hedges", "doc._.attributions"],
)
def make_hedges(nlp: Language, name: str) -> HedgeMarker:
    """Factory registered by importing this module."""
    return HedgeMarker(nlp, name)
