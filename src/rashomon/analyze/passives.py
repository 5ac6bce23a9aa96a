"""Passive cues whose grammatical subject is what was said or judged ("His views were echoed by Smith").

PolNeAR annotates "X was endorsed/reported/criticised by Y" as Y's attribution with X as the content;
the active-voice rules of ``frames`` read X as the source's side and find no content. Proposed for the
ranker only (relaxed candidates): its lemma weights tell "was reported by" from "was built by".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from rashomon.analyze.frames import Frame, _cue_span, _source_span  # shared span rules of the parse frames
from rashomon.analyze.spans import span_chars, trim

# subjects that cannot be the content: a dummy "it" ("it was reported that …" is a ccomp frame),
# relative pronouns (the content is the noun they stand for) and personal ones
NOT_CONTENT = frozenset({"it", "who", "that", "which", "whom", "i", "we", "you", "me", "us", "them", "him", "her"})


def passive_frame(doc: Doc, v: Token) -> Frame | None:
    """A passive verb whose subject stands before it: the subject is the content, the "by" agent the source."""
    if v.pos_ != "VERB" or v.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in v.lefts):
        return None
    subj = next((c for c in v.lefts if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in NOT_CONTENT:
        return None
    content = trim(doc, *span_chars(doc, list(subj.subtree)))
    if content[1] <= content[0]:
        return None
    agent = next((p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    source = _source_span(doc, agent, v) if agent is not None else None
    return Frame(cue=_cue_span(doc, v), content=content, source=source, kind="indirect", cue_token=v.i,
                 source_root=agent.i if agent is not None else None, how="passive")
