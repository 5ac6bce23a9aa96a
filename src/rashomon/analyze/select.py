"""Choosing among candidate frames: best first, univocal like PolNeAR, nested tails split off."""

from __future__ import annotations

from spacy.tokens import Doc

from rashomon.analyze.frames import Frame
from rashomon.analyze.quotes import Quote
from rashomon.analyze.spans import tokens_between as _tokens_between, trim as _trim


def _extent(f: Frame) -> tuple[int, int]:
    pts = [*f.cue, *f.content, *(f.source or ())]
    return min(pts), max(pts)


DETACHING = {"despite", "while", "whereas", "although", "though", "but", "amid", "after"}


def _detached(doc: Doc, start: int, f: Frame) -> bool:
    """A nested statement that stands apart from its host: a noun cue, or one after "despite"/"while"."""
    if f.how in {"noun", "noun_prep"}:
        return True
    before = _tokens_between(doc, max(0, start - 40), start)
    words = [t for t in before if not t.is_punct]
    return bool(words) and words[-1].lower_ in DETACHING


def _cut_before(doc: Doc, end: int) -> int:
    """Back off over the words that tied a nested statement to its host ("despite", "while", ",")."""
    toks = _tokens_between(doc, 0, end)
    i = len(toks) - 1
    while i >= 0 and (toks[i].pos_ in {"ADP", "SCONJ", "CCONJ", "PUNCT", "DET"} or toks[i].is_space):
        i -= 1
    return toks[i].idx + len(toks[i].text) if i >= 0 else end


def select_frames(frames: list[Frame], threshold: float, doc: Doc | None = None,
                  quotes: list[Quote] | None = None) -> list[Frame]:
    """Univocal output (PolNeAR): best-scored first, a frame inside an accepted one's content yields,
    except a statement closing another's content ("…, despite claims from X that Y"): the host is cut."""
    accepted: list[Frame] = []
    quotes = quotes or []
    # a frame whose cue stands inside the quote it reports only fills in where no outside cue claims it
    for f in sorted(frames, key=lambda f: (f.how == "inquote", -f.score)):
        if f.score < threshold:
            continue
        clash = False
        for g in accepted:
            if g.content[0] <= f.cue[0] < g.content[1] or f.content[0] <= g.cue[0] < f.content[1]:
                lo, hi = _extent(f)
                in_quote = any(q.inner_start <= f.cue[0] < q.inner_end for q in quotes)
                if (doc is not None and g.kind != "direct" and not in_quote and g.content[0] <= f.cue[0]
                        and hi >= g.content[1] - 2 and lo > g.content[0] + 10 and f.source is not None
                        and _detached(doc, lo, f)):
                    g.content = _trim(doc, g.content[0], _cut_before(doc, lo))
                    continue
                clash = True
            else:
                lo, hi = max(f.content[0], g.content[0]), min(f.content[1], g.content[1])
                if hi - lo > 0.5 * min(f.content[1] - f.content[0], g.content[1] - g.content[0]):
                    clash = True
            if clash:
                break
        if not clash:
            accepted.append(f)
    return sorted(accepted, key=lambda f: f.cue[0])
