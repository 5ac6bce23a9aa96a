"""Every candidate frame of a Doc, one per cue token, for the ranker (``cue_model``) to judge.

Besides the parse-rule frames of ``frames`` (verbs, nouns, "according to"), two line-level forms
that have no verb to hang on: a speaker label opening a line ("SMITH: …" in a transcript,
"Smith: …" in a headline) and a signature closing one ("'…' ― Jane Roe" under a reader comment);
and, for the ranker only, noun cues with a bare prepositional object (``bare_nouns``) and passive
cues whose subject is the content (``passives``).
When a model ranks them, each reported clause also comes cut shorter and run longer (``variants``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from rashomon.analyze.cues import NOUNS as CUE_NOUNS, CueLexicon
from rashomon.analyze.bare_nouns import bare_noun_frame
from rashomon.analyze.frames import Frame, according_frame, noun_frame, verb_frame
from rashomon.analyze.passives import passive_frame
from rashomon.analyze.quotes import Quote
from rashomon.analyze.speakers import DOC_NOUNS, REPORT_NOUNS, SPEECH_NOUNS
from rashomon.analyze.spans import doc_text
from rashomon.analyze.spans import paragraph as _paragraph
from rashomon.analyze.spans import tokens_between as _tokens_between
from rashomon.analyze.spans import trim as _trim
from rashomon.analyze.variants import content_variants

LABEL_TAGS = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PUNCT", "CCONJ"}


def label_frame(doc: Doc, colon: Token, quotes: list[Quote]) -> Frame | None:
    """A line opened by a speaker label: "SMITH: …" in a transcript, "Smith: …" in a headline."""
    text = doc_text(doc)
    para = _paragraph(text, colon.idx)
    if colon.i == 0 or colon.idx - para[0] > 60:
        return None
    label = _tokens_between(doc, para[0], colon.idx)
    words = [t for t in label if not t.is_space]
    if not words or len(words) > 6 or not any(t.pos_ == "PROPN" or t.is_upper for t in words):
        return None
    if not all(t.pos_ in LABEL_TAGS or t.is_upper or t.is_title for t in words):
        return None
    content = _trim(doc, colon.idx + 1, para[1])
    if content[1] - content[0] < 3:
        return None
    while words and words[0].is_punct:
        words = words[1:]  # a transcript line opened by a quotation mark
    if not words:
        return None
    kind = "mixed" if any(q.start >= content[0] - 1 and q.end <= content[1] + 1 for q in quotes) else "direct"
    head = max(words, key=lambda t: (t.pos_ == "PROPN", t.i))
    source = _trim(doc, words[0].idx, words[-1].idx + len(words[-1].text))
    return Frame(cue=(colon.idx, colon.idx + 1), content=content, source=source,
                 kind=kind, cue_token=colon.i, source_root=head.i, how="label")


DASHES = {"―", "—", "–", "-", "--"}
QUOTE_MARKS = "\"'“”‘’«»"


def dash_frame(doc: Doc, dash: Token, quotes: list[Quote]) -> Frame | None:
    """A signed comment: "'…' ― Jane Roe" or "'…' -Jane Roe, Springfield." closing a paragraph."""
    text = doc_text(doc)
    mark = dash.text.lstrip(QUOTE_MARKS)  # the tokenizer may glue the closing quote on: "”―"
    d0, d1 = dash.idx + len(dash.text) - len(mark), dash.idx + len(dash.text)
    para = _paragraph(text, dash.idx)
    if d0 > para[0] and not (text[d0 - 1].isspace() or text[d0 - 1] in QUOTE_MARKS):
        return None  # a hyphen inside a word: "Nagorno-Karabakh"
    tail = [t for t in _tokens_between(doc, d1, para[1]) if not t.is_space]
    names = []
    for t in tail:
        if t.text in {",", "("}:
            break
        names.append(t)
    if not names or len(names) > 5 or len(tail) > 12 or names[0].pos_ != "PROPN" and not names[0].is_title:
        return None
    before = text[para[0] : d0].rstrip()
    quote = next((q for q in quotes if 0 <= d0 - q.end <= 3), None)
    if quote is not None:
        content, kind = (quote.inner_start, quote.inner_end), "direct"
    elif len(before.split()) >= 3:
        content, kind = (para[0], para[0] + len(before)), "indirect"
    else:
        return None
    content = _trim(doc, *content)
    if content[1] <= content[0]:
        return None
    head = max(names, key=lambda t: (t.pos_ == "PROPN", t.i))
    source = _trim(doc, names[0].idx, names[-1].idx + len(names[-1].text))
    return Frame(cue=(d0, d1), content=content, source=source, kind=kind,
                 cue_token=dash.i, source_root=head.i, how="dash")


def _quoted_title(doc: Doc, frame: Frame, quotes: list[Quote]) -> Quote | None:
    """The quote a cue took as what was said when it is a title in quotation marks: a few capitalised
    words after a possessive or a preposition ('on the Courier's "Morning Show,"'), before the cue."""
    q = next((q for q in quotes if q.inner_start <= frame.content[0] < q.inner_end), None)
    if q is None or q.end > frame.cue[0]:
        return None
    words = [w for w in doc_text(doc)[q.inner_start:q.inner_end].strip(" ,.").split() if w[:1].isalnum()]
    if not words or len(words) > 5 or not all(w[:1].isupper() or w.lower() in {"of", "the", "and", "a", "in", "on"}
                                               for w in words):
        return None
    before = [t for t in _tokens_between(doc, max(0, q.start - 40), q.start) if not t.is_space]
    if not before or not (before[-1].tag_ == "POS" or before[-1].pos_ == "ADP"
                          or before[-1].pos_ == "PROPN" and before[-1].dep_ in {"poss", "compound"}):
        return None
    return q


def _that_clause_after(doc: Doc, frame: Frame, quotes: list[Quote]) -> Frame | None:
    """'…, people voted with their wallets after Ana Vell said in an interview that she …': the parse took
    the clause before the cue for what was said; the "that"-clause after the cue is the other reading."""
    v = doc[frame.cue_token]
    if frame.content[1] > v.idx:
        return None
    clause = next((c for c in v.rights if c.dep_ == "ccomp"
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    toks = [t for t in clause.subtree if t.i > v.i]
    if not toks:
        return None
    para = _paragraph(doc_text(doc), v.idx)
    content = _trim(doc, toks[0].idx, min(toks[-1].idx + len(toks[-1].text), para[1]))
    if content[1] - content[0] < 3:
        return None
    kind = "mixed" if any(content[0] <= q.start < content[1] for q in quotes) else "indirect"
    return Frame(cue=frame.cue, content=content, source=frame.source, kind=kind, cue_token=frame.cue_token,
                 source_root=frame.source_root, how="ccomp")


# what is said or written rather than who says it ("statements that said …"); the speakers' own lists and the
# cue nouns
_SAID_THINGS = CUE_NOUNS | DOC_NOUNS | SPEECH_NOUNS | REPORT_NOUNS


def relative_frame(doc: Doc, v: Token, quotes: list[Quote]) -> Frame | None:
    """A cue in a relative clause reporting a clause of its own: "Ana Vell, who has said she had no part in
    it, …" is Ana Vell's statement. (``frames.verb_frame`` drops the antecedent's whole subtree from the
    content, and the relative clause with it, so it finds nothing here.)"""
    rel = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"who", "which", "that"}), None)
    clause = next((c for c in v.children if c.dep_ == "ccomp" and c.i > v.i), None)
    if rel is None or clause is None or v.head.pos_ not in {"PROPN", "NOUN"}:
        return None
    if v.head.lemma_.lower() in _SAID_THINGS:
        return None  # "a statement …, which claimed …", "remarks that said …": the issuer speaks, not the paper
    toks = [t for t in clause.subtree if not t.is_space]
    para = _paragraph(doc_text(doc), v.idx)
    content = _trim(doc, toks[0].idx, min(toks[-1].idx + len(toks[-1].text), para[1]))
    if content[1] - content[0] < 3:
        return None
    src = v.head
    lo = src.left_edge.i
    source = _trim(doc, doc[lo].idx, src.idx + len(src.text))
    kind = "mixed" if any(content[0] <= q.start < content[1] for q in quotes) else "indirect"
    aux = [c for c in v.children if c.dep_ in {"aux", "neg"} and c.i < v.i]
    cue = (min([v, *aux], key=lambda t: t.i).idx, v.idx + len(v.text))
    return Frame(cue=cue, content=content, source=source, kind=kind, cue_token=v.i, source_root=src.i, how="ccomp")


def candidate_frames(doc: Doc, lexicon: CueLexicon, quotes: list[Quote], relaxed: bool) -> list[Frame]:
    """Every possible frame, one per cue token; relaxed=True tries every verb and noun (for a model to rank)."""
    frames: list[Frame] = []
    used_quotes: set[int] = set()
    for tok in doc:
        frame = None
        if tok.text == ":" and relaxed:
            frame = label_frame(doc, tok, quotes)
        elif relaxed and tok.text.lstrip(QUOTE_MARKS) in DASHES:
            frame = dash_frame(doc, tok, quotes)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            frame = according_frame(doc, tok, quotes)
        elif tok.pos_ == "VERB" and (relaxed or lexicon.verb_score(tok.lemma_) > 0):
            frame = verb_frame(doc, tok, quotes, used_quotes, lexicon.verbs, relaxed)
            if frame is None and tok.dep_ == "relcl":
                frame = relative_frame(doc, tok, quotes)
            title = _quoted_title(doc, frame, quotes) if frame is not None and frame.how == "quote" else None
            if title is not None:  # 'Speaking on the Courier's "Morning Show," Ana Vell said the …': not what she said
                frame = verb_frame(doc, tok, quotes, used_quotes | {title.start}, lexicon.verbs, relaxed)
        elif tok.pos_ == "NOUN" and (relaxed or lexicon.noun_score(tok.lemma_) > 0):
            frame = noun_frame(doc, tok, quotes)
            if frame is None and relaxed:  # any noun: the ranker's lemma weights sort "support for" from "part of"
                frame = bare_noun_frame(doc, tok, quotes)
        if frame is not None:
            frames.append(frame)
            after = _that_clause_after(doc, frame, quotes) if frame.how == "ccomp" else None
            if after is not None:
                frames.append(after)
            if frame.how in {"inquote", "noun_bare"}:
                continue  # a fallback (a verb inside a quote, a bare noun); the quote's own cue may still claim it
            for q in quotes:
                if frame.content[0] <= q.inner_start < frame.content[1]:
                    used_quotes.add(q.start)
    if relaxed:
        frames += [v for f in list(frames) for v in content_variants(doc, f, quotes)]
        frames += [p for p in (passive_frame(doc, t) for t in doc if t.pos_ == "VERB") if p is not None]
    return frames
