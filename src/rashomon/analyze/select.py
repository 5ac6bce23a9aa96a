"""Choosing among candidate frames: best first, univocal like PolNeAR, nested tails split off."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from spacy.tokens import Token

from rashomon.analyze.cues import load_lexicon
from rashomon.analyze.frames import Frame, _cue_span, _source_span, _subject, _verb_content
from rashomon.analyze.spans import span_chars as _span_chars
from rashomon.analyze.quotes import Quote
from rashomon.analyze.spans import doc_text, paragraph as _paragraph, sent_of
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


def _said_inside(doc: Doc, f: Frame, frames: list[Frame], quotes: list[Quote]) -> None:
    """'"…," said X in an interview, according to Z' is X's statement, which Z reports: an "according to"
    frame whose content holds a cue and its source takes them, and keeps only what X said (the quote
    before the cue, else the clause before the source)."""
    cs, ce = f.content
    inner = [g for g in frames if g is not f and g.how in {"quote", "paren", "ccomp"} and g.source is not None
             and g.source_root is not None and cs <= g.cue[0] < ce and cs <= g.source[0] < ce
             and _names_someone(doc[g.source_root]) and doc[g.cue_token].pos_ == "VERB"]
    if not inner:
        return
    g = max(inner, key=lambda g: g.score)
    said = [q for q in quotes if cs <= q.start and q.end <= min(g.cue[0], g.source[0])]
    if said:
        content, kind = (said[-1].inner_start, said[-1].inner_end), "direct"
    else:
        content, kind = _trim(doc, cs, min(g.cue[0], g.source[0])), "indirect"
    if content[1] - content[0] < 3:
        return
    f.content, f.kind, f.parts = content, kind, ()
    f.cue, f.cue_token, f.source, f.source_root, f.how = g.cue, g.cue_token, g.source, g.source_root, g.how


_LEAD_END = frozenset({":", ",", "\u2014", "\u2013", "--"})
_RELATIVE = frozenset({"who", "which", "that"})
_NOT_SPEAKER_DEPS = frozenset({"pobj", "poss", "dobj", "compound", "attr"})


def _lead_in(doc: Doc, f: Frame, quotes: list[Quote]) -> tuple[Token, Token] | None:
    """The (cue, speaker) of the clause that introduces a quotation no outside cue claimed: 'Ana Vell was
    quick to retort: "…"', 'The union, which said it was "…', 'The Courier reported:' closing the paragraph
    before the quote. The clause runs from its sentence's start (never before its paragraph's) to the
    opening mark, or to the frame's own cue when it stands before the quote with no subject; its cue is a
    verb of saying among its last eight words, its speaker that verb's subject (a relative pronoun's
    antecedent), else the subject of the clause the cue hangs from, else a name standing before the cue
    as a subject, an apposition or an adverbial the parse made of it ("Gov. Ana Vell, in a statement, said:")."""
    q = next((q for q in quotes if q.inner_start <= f.content[0] < q.inner_end), None)
    text = doc_text(doc)
    own = None
    if q is None or f.cue[0] < q.start:  # the frame's own cue, before what it reports, without a subject
        own = doc[f.cue_token]
        if own.pos_ != "VERB" or f.cue[0] >= f.content[0]:
            return None
        end = f.cue[1]
    else:
        end = q.start
        para = _paragraph(text, q.start)
        if not text[para[0]:q.start].strip():  # the quote opens its paragraph: the one before ends with ":"
            before = text[:para[0]].rstrip()
            if not before.endswith(":"):
                return None
            end = len(before)
    toks = [t for t in _tokens_between(doc, max(0, end - 400), end) if not t.is_space]
    if not toks:
        return None
    start = max(sent_of(toks[-1]).start_char, _paragraph(text, toks[-1].idx)[0])
    lead = [t for t in toks if t.idx >= start and not any(p.start <= t.idx < p.end for p in quotes)]
    if not lead:
        return None
    lexicon = load_lexicon(True)
    words = [t for t in lead if not t.is_punct]
    cues = [own] if own is not None else [
        t for t in words[-8:] if lexicon.verb_score(t.lemma_) >= 0.6
        and (t.pos_ == "VERB" or t.pos_ == "NOUN" and t.i > 0 and doc[t.i - 1].lower_ == "to")]
    if not cues:
        return None
    cue = cues[-1]
    lead_ids = {t.i for t in lead}
    for head in [cue, *list(cue.ancestors)[:3]]:
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < cue.i), None)
        if subj is None:
            continue
        if subj.i not in lead_ids:
            break  # a subject the parse found before the clause (in the paragraph before) is not this one's
        if subj.lower_ in _RELATIVE and head.dep_ == "relcl" and head.head.pos_ in {"PROPN", "NOUN"}:
            return cue, head.head
        if subj.pos_ in {"PROPN", "NOUN"} or subj.lower_ in {"he", "she", "they"}:
            return cue, subj
        return None
    names = [t for t in lead if t.i < cue.i and t.pos_ == "PROPN" and t.ent_type_ in {"PERSON", "ORG"}
             and t.dep_ not in _NOT_SPEAKER_DEPS and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I")]
    return (cue, names[-1]) if names else None


def _introduced(doc: Doc, frames: list[Frame], quotes: list[Quote]) -> None:
    """A quotation whose only cue stood inside it (a verb of what is quoted) or none takes the cue and
    speaker of the clause that introduces it, before any earlier speaker is borrowed for it."""
    for f in frames:
        if f.source is not None or f.kind != "direct":
            continue
        found = _lead_in(doc, f, quotes)
        if found is None:
            continue
        cue, src = found
        f.cue, f.cue_token = (cue.idx, cue.idx + len(cue.text)), cue.i
        f.source, f.source_root = _source_span(doc, src, cue), src.i


def _nested_report(doc: Doc, inner: Frame, outer: Frame) -> bool:
    """A named speaker's report inside another's ("a source told the paper that Ana Vell had told the board
    that …"): both are statements, the outer by its source, the inner by the person it names. The inner
    cue is a verb inside the outer's reported clause (not a quotation), its source a name written there too,
    and its content within the outer's."""
    if inner.source is None or inner.source_root is None or outer.kind == "direct" or inner.how == "inquote":
        return False
    cs, ce = outer.content
    if not (cs <= inner.source[0] and inner.content[1] <= ce + 2 and cs <= inner.cue[0] < ce):
        return False
    src, cue = doc[inner.source_root], doc[inner.cue_token]
    if outer.source_root is None or doc[outer.source_root].pos_ == "PROPN":
        return False  # a named source's account of what another told them stays theirs
    return (cue.pos_ == "VERB" and load_lexicon(True).verb_score(cue.lemma_) >= 0.6 and src.pos_ == "PROPN"
            and src.ent_type_ in {"PERSON", "ORG", "NORP"})


def _names_someone(t) -> bool:  # type: ignore[no-untyped-def]
    """A source that is someone: a name, a person pronoun, or a noun for a person or body ("the mayor")."""
    return t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or t.lower_ in {"he", "she", "they"} \
        or t.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in t.children)


_CLAUSE_HOW = frozenset({"ccomp", "object", "xcomp", "prep"})


def _severed(doc: Doc, f: Frame, cues: set[int]) -> bool:
    """A shorter extent (``variants``) that cuts what was said in two: it ends inside the reported clause's
    subject ("that Ana Vell, who is from Ohio | , wants the plan") or between two coordinated clauses of
    it ("that he had hired a lawyer | , but that he did not believe …", "he looked into it | and believes …"),
    unless the second is a statement of its own (a verb in ``cues``: "responded that A | and said B")."""
    if not f.variant.startswith("cut"):
        return False
    span = doc.char_span(*f.content, alignment_mode="expand")
    if span is None or not len(span):
        return False
    roots = [t for t in span if not span.start <= t.head.i < span.end]
    if any(t.dep_ in {"nsubj", "nsubjpass", "csubj", "mark"} and t.head.i >= span.end for t in roots):
        return True  # the clause's subject (or its "that") without its verb
    after = [t for t in doc[span.end : min(len(doc), span.end + 3)] if not t.is_punct and not t.is_space]
    if not after or after[0].pos_ != "CCONJ":
        return False
    return any(c.dep_ == "conj" and c.i >= span.end and c.pos_ in {"VERB", "AUX"} and c.i not in cues
               for t in roots if t.pos_ in {"VERB", "AUX"} for c in t.children)


def _over_own_cue(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """A reported clause the parse ran back over its own speaker and cue ("A; however, as late as Monday
    he was still saying that B"): what was said is what follows the cue; the extents that end before the
    speaker are the other clause, not a statement of this cue."""
    broken = {f.cue_token: f for f in frames if f.variant == "" and f.how in _CLAUSE_HOW and f.kind != "direct"
              and not f.parts and f.source is not None and f.content[0] < f.source[0] and f.cue[1] < f.content[1]
              and f.source[1] <= f.cue[0]}
    if not broken:
        return frames
    out = []
    for f in frames:
        base = broken.get(f.cue_token)
        if base is None:
            out.append(f)
        elif f.content[0] < base.source[0] and base.cue[1] < f.content[1]:
            content = _trim(doc, base.cue[1], f.content[1])
            if content[1] - content[0] >= 3:
                f.content, f.parts = content, ()
                out.append(f)
        elif f.content[0] >= base.cue[1]:
            out.append(f)
    return out


def _in_cue_paragraph(doc: Doc, f: Frame, quotes: list[Quote]) -> None:
    """A reported clause ends with its paragraph unless a quotation carries it over: a sentence the parser ran
    over a paragraph break ("…, according to the Courier, a paper in Washington, D.C.\n\nThe mayor …") is cut
    back to the cue's paragraph."""
    if f.kind == "direct":
        return
    text = doc_text(doc)
    lo, hi = _paragraph(text, f.cue[0])
    cs, ce = f.content
    if lo <= cs and ce <= hi or not (cs < hi < ce or cs < lo < ce):
        return
    if any(q.inner_start < br < q.inner_end for q in quotes for br in (lo - 1, hi) if cs < br < ce):
        return
    content = _trim(doc, max(cs, lo), min(ce, hi))
    if content[1] - content[0] < 3:
        return
    parts = tuple(p for p in ((max(a, content[0]), min(b, content[1])) for a, b in f.parts) if p[1] > p[0])
    f.content = (parts[0][0], parts[-1][1]) if parts else content
    f.parts = parts if len(parts) > 1 else ()


def select_frames(frames: list[Frame], threshold: float, doc: Doc | None = None,
                  quotes: list[Quote] | None = None) -> list[Frame]:
    """Univocal output (PolNeAR): best-scored first, a frame inside an accepted one's content yields,
    except a statement closing another's content ("…, despite claims from X that Y"): the host is cut.
    An extent that cuts the reported clause in two, or runs back over its own cue, is never chosen."""
    accepted: list[Frame] = []
    quotes = quotes or []
    if doc is not None:
        for f in frames:
            _in_cue_paragraph(doc, f, quotes)
        cues = {f.cue_token for f in frames if f.score >= threshold}
        frames = [f for f in _over_own_cue(doc, frames) if not _severed(doc, f, cues)]
    for f in frames:
        if f.how == "according" and doc is not None:
            _said_inside(doc, f, frames, quotes)
    # a frame whose cue stands inside the quote it reports only fills in where no outside cue claims it
    for f in sorted(frames, key=lambda f: (f.how == "inquote", -f.score)):
        if f.score < threshold:
            continue
        clash = False
        for g in accepted:
            if doc is not None and (_nested_report(doc, f, g) or _nested_report(doc, g, f)):
                continue
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
    if doc is not None:
        _introduced(doc, accepted, quotes)
        accepted += _reports_in_block(doc, accepted, frames, quotes, threshold)
    return sorted(accepted, key=lambda f: f.cue[0])


def _reports_in_block(doc: Doc, accepted: list[Frame], frames: list[Frame], quotes: list[Quote],
                      threshold: float) -> list[Frame]:
    """A block quotation of another text ("The Courier reports:" then a quoted paragraph or more) is that text's
    statement, and the reports it makes ("A driver involved with the walkout said it will go on for three
    cities") are statements of the people they name too: a verb of saying inside the block, with a noun
    subject written there, reports its own clause."""
    text = doc_text(doc)
    lexicon = load_lexicon(True)
    taken = {f.cue_token for f in accepted}
    out: list[Frame] = []
    for b in accepted:
        q = next((q for q in quotes if q.inner_start <= b.content[0] < q.inner_end), None)
        if b.kind != "direct" or b.source is None or q is None or b.source[0] >= q.start:
            continue
        if text[_paragraph(text, q.start)[0]:q.start].strip() or not re.search(r"[.?!]\s+\S", text[q.inner_start:q.inner_end]):
            continue  # not a block: the quotation does not open its paragraph, or holds one sentence
        for g in frames:
            if g.how != "inquote" or not q.inner_start <= g.cue[0] < q.inner_end or g.cue_token in taken:
                continue
            v = doc[g.cue_token]
            src = _subject(v)
            if (v.pos_ != "VERB" or lexicon.verb_score(v.lemma_) < 0.6 or g.score < threshold or src is None
                    or src.pos_ not in {"NOUN", "PROPN"} or not q.inner_start <= src.idx < q.inner_end):
                continue
            parts, how = _verb_content(doc, v, src)
            if not parts:
                continue
            para = _paragraph(text, v.idx)
            lo, hi = _span_chars(doc, parts)
            content = _trim(doc, max(lo, para[0], q.inner_start), min(hi, para[1], q.inner_end))
            if content[1] - content[0] < 3:
                continue
            taken.add(v.i)
            out.append(Frame(cue=_cue_span(doc, v), content=content, source=_source_span(doc, src, v), kind="indirect",
                             cue_token=v.i, source_root=src.i, score=g.score, how=how))
    return out
