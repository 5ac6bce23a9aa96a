"""Noun cues with neither owner nor "that"-clause ("criticism of the plan", "questions about the deal").

Kept apart from ``frames`` (the verb and owned-noun rules): these are proposed for every noun with a
prepositional object when a model ranks candidates, and the ranker's lemma weights tell "support
for" from "part of". PolNeAR takes the prepositional object as the content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from rashomon.analyze.frames import Frame, _source_span  # shared span rules of the parse frames
from rashomon.analyze.quotes import Quote
from rashomon.analyze.spans import span_chars as _span_chars
from rashomon.analyze.spans import trim as _trim


BARE_PREPS = frozenset({"of", "about", "on", "over", "for", "against", "to", "toward", "towards"})
HOLDING_VERB_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _holder(n: Token) -> Token | None:
    """Who voices a noun cue that has no owner of its own: "Smith voiced criticism of …" gives Smith."""
    v = n.head
    if n.dep_ not in HOLDING_VERB_DEPS or v.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} and c is not n), None)


def bare_noun_frame(doc: Doc, n: Token, quotes: list[Quote]) -> Frame | None:
    """A noun cue with neither owner nor "that": "criticism of the plan", "questions about the deal".

    PolNeAR takes the prepositional object as the content; the source, when there is one, is a
    "from"/"by" phrase or the subject of the verb the noun is object of ("Smith voiced support for …").
    """
    if any(c.dep_ == "poss" for c in n.children):
        return None  # "X's criticism of …" is noun_frame's
    prep = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in BARE_PREPS and c.i > n.i), None)
    pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
    if pobj is None:
        return None
    src, source = None, None
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
            src = next((p for p in c.children if p.dep_ == "pobj"), src)
    drop: set[int] = set()
    if src is None:  # "criticism of the toll from drivers": the parser hangs "from" on the toll
        late = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}), None)
        who = next((p for p in late.children if p.dep_ == "pobj"), None) if late is not None else None
        if who is not None and (who.pos_ == "PROPN" or who.tag_ == "NNS" or who.ent_type_ in SOURCE_ENTS):
            src, drop = who, {t.i for t in late.subtree}
    if src is not None:
        source = _trim(doc, *_span_chars(doc, list(src.subtree)))
    else:
        src = _holder(n)
        source = _source_span(doc, src, n.head) if src is not None else None
    content = _trim(doc, *_span_chars(doc, [t for t in pobj.subtree if t.i not in drop]))
    if content[1] <= content[0]:
        return None
    # never snapped out to a surrounding quote: "a disgrace for every family" inside a quote is the
    # quote's words, not a statement that could claim the quote from its own "…," X said.
    kind = "mixed" if any(content[0] <= q.start and q.end <= content[1] for q in quotes) else "indirect"
    return Frame(cue=(n.idx, n.idx + len(n.text)), content=content, source=source, kind=kind, cue_token=n.i,
                 source_root=src.i if src is not None else None, how="noun_bare")
