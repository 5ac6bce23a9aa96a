"""Alternative content extents for one candidate frame, so the ranker (not a rule) picks the boundary.

PolNeAR's content boundaries wander: a clause may stop at its first comma or conjunction ("he is
hopeful, even though …") or run on to the sentence's end ("… 31 percent, followed by Cruz at 17").
The parse rule proposes one extent; these add the shorter and the longer one as separate
candidates with a ``variant`` tag, and ``select`` keeps at most one of them (they overlap).
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
CLOSERS = "\"”'’)"


def _inside_quote(pos: int, quotes: list[Quote]) -> bool:
    return any(q.inner_start < pos < q.inner_end for q in quotes)


def content_variants(doc: Doc, frame: Frame, quotes: list[Quote]) -> list[Frame]:
    """The frame cut at its first (and second) clause break, and run on to its sentence's end."""
    if frame.how not in VARIED or frame.kind == "direct":
        return []
    text = doc_text(doc)
    s, e = frame.content
    out: list[Frame] = []
    breaks = [m.start() for m in BREAK.finditer(text, s, e)
              if len(text[s : m.start()].split()) >= 3 and not _inside_quote(m.start(), quotes)]
    seen = {frame.content}
    for cut in breaks:
        content = trim(doc, s, cut)
        if content not in seen and content[1] > content[0]:  # ", and" is one break, not two
            seen.add(content)
            out.append(replace(frame, content=content, variant=f"cut{len(seen) - 1}"))
        if len(seen) > 2:
            break
    if s > frame.cue[0]:
        end = sent_of(doc[frame.cue_token]).end_char
        while end > e and not text[end - 1].isalnum() and text[end - 1] not in CLOSERS:
            end -= 1
        if end > e and "\n" not in text[e:end]:
            out.append(replace(frame, content=trim(doc, s, end), variant="tosent"))
    return out
