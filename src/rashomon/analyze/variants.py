"""Alternative content extents for one candidate frame, so the ranker (not a rule) picks the boundary.

PolNeAR's content boundaries wander: a clause may stop at its first comma or conjunction ("he is
hopeful, even though …") or run on to the sentence's end ("… 31 percent, followed by Cruz at 17").
A named thing may stand for the whole phrase ("watched the ceremony on a screen on the Mall" reports
"the ceremony"). The parse rule proposes one extent; these add the shorter and the longer ones as
separate candidates with a ``variant`` tag, and ``select`` keeps at most one of them (they overlap).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from rashomon.analyze.frames import Frame
from rashomon.analyze.quotes import Quote
from rashomon.analyze.spans import doc_text, sent_of, trim

# where a reported clause tends to end: a comma or dash, or a conjunction opening the next clause
BREAK = re.compile(r",|—|–|;|\(| and | but | while | who | which | because | as | after | before ")
VARIED = frozenset({"ccomp", "object", "xcomp", "prep", "noun", "noun_prep", "according"})
CORED = frozenset({"ccomp", "object", "xcomp", "prep", "noun_prep", "noun_bare"})
# what follows a noun and narrows it: "the ceremony [on a screen]", "an extension [to treat …]"
POST_MODIFIERS = frozenset({"prep", "acl", "relcl", "advcl", "appos", "npadvmod"})
CLOSERS = "\"”'’)"


def _inside_quote(pos: int, quotes: list[Quote]) -> bool:
    return any(q.inner_start < pos < q.inner_end for q in quotes)


def core_content(doc: Doc, content: tuple[int, int]) -> tuple[int, int] | None:
    """The content's first phrase without what follows it: its head noun without post-modifiers,
    or its first syntactic unit when the rule joined several ("Trump | because his speech …")."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or len(span) < 2:
        return None
    roots = [t for t in span if t.head is t or not span.start <= t.head.i < span.end]
    if not roots:
        return None
    root = roots[0]
    end = min(root.right_edge.i + 1, span.end)
    if root.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        mods = [c.left_edge.i for c in root.children if c.i > root.i and c.dep_ in POST_MODIFIERS]
        end = min([end, *mods])
    while end > span.start and doc[end - 1].is_punct:
        end -= 1
    if end <= span.start:
        return None
    return trim(doc, span[0].idx, doc[end - 1].idx + len(doc[end - 1].text))


def content_variants(doc: Doc, frame: Frame, quotes: list[Quote]) -> list[Frame]:
    """The frame cut at its first (and second) clause break, cut to its core phrase, and run on to its sentence's end."""
    if frame.kind == "direct" or frame.how not in VARIED | CORED:
        return []
    out = _clause_variants(doc, frame, quotes) if frame.how in VARIED else []
    core = core_content(doc, frame.content) if frame.how in CORED else None
    if core is not None and core[1] > core[0] and core not in {frame.content, *(f.content for f in out)}:
        out.append(replace(frame, content=core, variant="core", parts=()))
    return out


def _clause_variants(doc: Doc, frame: Frame, quotes: list[Quote]) -> list[Frame]:
    """Cut at the first (and second) clause break; run on to the sentence's end."""
    out: list[Frame] = []
    text = doc_text(doc)
    s, e = frame.content
    breaks = [m.start() for m in BREAK.finditer(text, s, e)
              if len(text[s : m.start()].split()) >= 3 and not _inside_quote(m.start(), quotes)]
    seen = {frame.content}
    for cut in breaks:
        content = trim(doc, s, cut)
        if content not in seen and content[1] > content[0]:  # ", and" is one break, not two
            seen.add(content)
            out.append(replace(frame, content=content, variant=f"cut{len(seen) - 1}", parts=()))
        if len(seen) > 2:
            break
    if s > frame.cue[0]:
        end = sent_of(doc[frame.cue_token]).end_char
        while end > e and not text[end - 1].isalnum() and text[end - 1] not in CLOSERS:
            end -= 1
        if end > e and "\n" not in text[e:end]:
            out.append(replace(frame, content=trim(doc, s, end), variant="tosent"))
    return out
