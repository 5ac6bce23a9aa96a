"""Attribution frames (source, cue, content) read off the dependency parse the pipeline computed.

Rules over the parse, not a second model pass: a reporting verb's subject is the source and its
clausal complement (or, for "deny"/"accuse"-type verbs, its object) the content; a parenthetical
"…, X said." reports the clause it hangs on, and "A, X said, B" the clause wrapped around it;
"according to X" reports its sentence; a noun cue ("claims from X that …") reports its "that"-clause; a line opened by a speaker label ("SMITH: …")
or closed by a signature ("'…' ― Jane Roe") reports the rest of the line or its quote. Content is then snapped to quotation marks
so that direct and mixed quotes keep their exact extent, across sentences and paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from rashomon.analyze.cues import CONTENT_PREPS, OBJECT_CONTENT_VERBS
from rashomon.analyze.quotes import Quote
from rashomon.analyze.spans import doc_text, sent_of
from rashomon.analyze.spans import paragraph as _paragraph
from rashomon.analyze.spans import span_chars as _span_chars
from rashomon.analyze.spans import tokens_between as _tokens_between
from rashomon.analyze.spans import trim as _trim

SUBJ = {"nsubj", "nsubjpass", "csubj"}
REL_PRONOUNS = {"who", "that", "which", "whom"}


@dataclass
class Frame:
    """One attribution found in a Doc; offsets are characters of the Doc's text."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    kind: str
    cue_token: int
    source_root: int | None = None  # token index of the source's syntactic head
    score: float = 1.0
    how: str = ""  # which rule found the content: quote, ccomp, xcomp, object, prep, paren, inquote, according, noun
    variant: str = ""  # "" for the rule's own content extent, else which alternative (``variants``)
    # an interrupted content's pieces ('"A," X said. "B."', "A, X said, B"), inside ``content``, which
    # runs from the first to the last; () when the content is one span
    parts: tuple[tuple[int, int], ...] = ()

    def pieces(self) -> list[tuple[int, int]]:
        """The content as the spans a reader sees: its parts inside the (possibly since cut) extent."""
        cs, ce = self.content
        inside = [(max(a, cs), min(b, ce)) for a, b in self.parts if min(b, ce) > max(a, cs)]
        return inside if len(inside) > 1 else [self.content]

    @property
    def start(self) -> int:
        return min(self.cue[0], self.content[0], *(self.source or ()))


def _subtree_without(root: Token, drop: set[int]) -> list[Token]:
    return [t for t in root.subtree if t.i not in drop]


# participles of saying that, set off by a comma after a reported clause, report for whoever reported it
SAYING_PARTICIPLES = frozenset("say add argue insist note claim contend explain warn tell suggest write".split())


def _speaking_participle(v: Token) -> bool:
    """"X disputed that Y feel Z, saying …": the parse hung the participle on the reported clause, but
    the one saying it is X, who reported that clause (the clause's own subject is what is said)."""
    head = v.head
    return (v.dep_ == "advcl" and v.tag_ == "VBG" and v.lemma_.lower() in SAYING_PARTICIPLES
            and head.dep_ == "ccomp" and head.i < v.i and head.head.pos_ == "VERB" and head.head.i < head.i
            # an explicit "that"-clause ("disputed that …"), not "The Courier reports Ana Vell explained her
            # view, saying …", where the reported person is the one saying it
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
            and v.left_edge.i > 0 and v.doc[v.left_edge.i - 1].text == ",")


def _subject(v: Token, depth: int = 0) -> Token | None:
    """The source of a cue verb: its subject, a passive agent, or its coordinated head's subject."""
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    for c in v.children:
        if c.dep_ in SUBJ:
            if c.lower_ in REL_PRONOUNS and v.dep_ == "relcl":
                return v.head
            if c.dep_ == "nsubjpass" and c.lower_ in {"it"}:
                return None
            return c
    if depth == 0 and _speaking_participle(v):
        outer = _subject(v.head.head, depth + 1)
        if outer is not None:
            return outer
    if depth < 2 and v.dep_ in {"conj", "xcomp", "advcl"} and v.head is not v:
        return _subject(v.head, depth + 1)
    if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
        return v.head  # "a tweet attacking X"
    if depth < 2 and v.dep_ == "pcomp" and v.head.head is not v.head:
        return _subject(v.head.head, depth + 1)  # "… by criticizing X"
    return None


def _source_span(doc: Doc, src: Token, cue: Token) -> tuple[int, int]:
    """The source as written: the subject's phrase, never reaching over the cue."""
    cue_sub = {t.i for t in cue.subtree}
    if src.i in cue_sub:
        toks = list(src.subtree)  # ordinary subject: its own phrase
    else:
        toks = [t for t in src.subtree if t.i not in cue_sub]  # "X, who said …": X without the clause
    toks = [t for t in toks if (t.i < cue.i) == (src.i < cue.i)] or [src]
    # keep the contiguous run around the head
    idx = {t.i for t in toks}
    lo = hi = src.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return _trim(doc, doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def _nearby_source(doc: Doc, v: Token, content: tuple[int, int], quotes: list[Quote]) -> Token | None:
    """A source outside the quote when the parse put the subject inside it: "'…,' Smith added."""
    def quoted(t: Token) -> bool:
        return any(q.start <= t.idx < q.end for q in quotes)

    cands = [t for t in v.children if t.dep_ in SUBJ | {"npadvmod", "dobj", "attr", "dep"}
             and not quoted(t) and t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if cands:
        return min(cands, key=lambda t: abs(t.i - v.i))
    for i in (v.i - 1, v.i - 2, v.i + 1, v.i + 2):
        if 0 <= i < len(doc) and not quoted(doc[i]) and doc[i].pos_ in {"PROPN", "PRON", "NOUN"}:
            if sent_of(doc[i]).start == sent_of(v).start:
                return doc[i]
    return None


def _cue_span(doc: Doc, v: Token) -> tuple[int, int]:
    """The cue with its auxiliaries, negation and particle: "has learned", "did not deny", "point out"."""
    lo = hi = v.i
    for c in v.children:
        if c.dep_ in {"aux", "auxpass", "neg"} and c.i < v.i and v.i - c.i <= 3:
            lo = min(lo, c.i)
        if c.dep_ == "prt" and c.i == hi + 1:
            hi = c.i
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


SKIP_PREP_OBJECTS = frozenset(
    "interview statement speech rally event conference call meeting appearance debate show program "
    "tweet post letter email release hearing briefing video radio television tv broadcast news "
    "week day month year morning evening night".split()
)
RIGHT_CONTENT_DEPS = {"dobj", "prep", "oprd", "xcomp", "ccomp", "attr", "acomp", "advcl", "dative"}
FRAME_DEPS = {"nsubj", "nsubjpass", "dative", "npadvmod", "prep", "advmod", "punct", "aux", "auxpass", "neg", "dobj"}


def _is_circumstance(p: Token) -> bool:
    """A prepositional phrase saying when/where/how something was said: "on Monday", "in an interview"."""
    pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return p.lower_ in {"on", "in", "at", "during"}
    return pobj.ent_type_ in {"DATE", "TIME"} or pobj.lemma_.lower() in SKIP_PREP_OBJECTS or (
        p.lower_ in {"at", "during", "after", "before", "while", "since"}
    )


def _verb_content(doc: Doc, v: Token, src: Token | None, relaxed: bool = False) -> tuple[list[Token], str]:
    """Tokens of what a verb reports and the rule that found them; ([], "") when nothing."""
    lemma = v.lemma_.lower()
    drop = {t.i for t in src.subtree} if src is not None else set()
    ccomps = [c for c in v.children if c.dep_ == "ccomp"]
    if ccomps:
        parts: list[Token] = []
        for c in ccomps:
            parts += _subtree_without(c, drop)
        return _cut_trailing(parts), "ccomp"
    xcomp = [c for c in v.children if c.dep_ == "xcomp"]
    if xcomp and lemma not in {"call", "consider", "label", "brand", "describe"}:
        return _cut_trailing(list(xcomp[0].subtree)), "xcomp"
    right = [c for c in v.children if c.i > v.i and c.dep_ in RIGHT_CONTENT_DEPS]
    prep_ok = CONTENT_PREPS.get(lemma, ())
    chosen: list[Token] = []
    for c in right:
        if c.dep_ == "dative":
            continue  # the addressee: "told reporters"
        if c.dep_ == "prep" and c.lower_ not in prep_ok and _is_circumstance(c):
            if chosen:
                break
            continue
        if c.dep_ == "advcl" and not chosen:
            continue
        chosen.append(c)
    has_obj = any(c.dep_ in {"dobj", "oprd", "attr"} for c in chosen)
    if chosen and ((has_obj and (relaxed or lemma in OBJECT_CONTENT_VERBS)) or any(c.lower_ in prep_ok for c in chosen)
                   or (relaxed and chosen[0].dep_ == "prep")):
        parts = []
        for c in chosen:
            parts += [t for t in c.subtree if not (t is c and c.dep_ == "prep" and not has_obj)]
        return _cut_trailing(parts), "object" if has_obj else "prep"
    # parenthetical "…, X said." hanging on the reported clause
    has_subject = any(c.dep_ in SUBJ for c in v.children)
    if has_subject and v.dep_ in {"parataxis", "advcl", "conj"} and v.head.pos_ in {"VERB", "AUX"} and v.head.i < v.i:
        cue_sub = {t.i for t in v.subtree}
        host = v.head
        while host.dep_ == "conj" and host.head.i < host.i and host.head.pos_ in {"VERB", "AUX"}:
            host = host.head  # "A, but B, X said": the whole coordination is reported
        return [t for t in host.subtree if t.i not in cue_sub and t.i < v.i], "paren"
    if has_subject and v.dep_ == "parataxis" and v.head.pos_ in {"VERB", "AUX"} and v.head.i > v.i:
        # "X, he said, Y": the reported clause wraps around the cue; its extent runs over the cue
        # (one span per statement), which costs the word match only the few words of "he said"
        cue_sub = {t.i for t in v.subtree}
        parts = [t for t in v.head.subtree if t.i not in cue_sub]
        left = [t for t in parts if t.i < v.left_edge.i and not t.is_punct]
        le = v.left_edge.i
        if left and "," in {doc[le].text, doc[le - 1].text}:  # set off by a comma, not "X said Y"
            return parts, "wrap"
    return [], ""


TAIL_WH = {"which"}


def _cut_trailing(parts: list[Token]) -> list[Token]:
    """Drop a non-restrictive tail: ", which …", ", arguing that …" hanging off the content."""
    if not parts:
        return parts
    cut = None
    for t in parts:
        if t.dep_ in {"relcl", "advcl", "acl"} and t.left_edge.i > 0:
            prev = t.doc[t.left_edge.i - 1]
            contrast = t.left_edge.lower_ in {"while", "whereas", "although", "though"}
            if prev.text == "," and (t.tag_ == "VBG" or t.left_edge.lower_ in TAIL_WH or contrast):
                cut = prev.i if cut is None else min(cut, prev.i)

    if cut is None:
        return parts
    return [t for t in parts if t.i < cut] or parts


def _frame_tokens(v: Token) -> set[int]:
    """Tokens of the cue's own frame: the verb, its subject, addressee and circumstances."""
    out = {v.i}
    for c in v.children:
        if c.dep_ in FRAME_DEPS and not (c.dep_ == "prep" and not _is_circumstance(c)):
            out.update(t.i for t in c.subtree)
    return out


def _adjacent_quote(doc: Doc, v: Token, quotes: list[Quote], used: set[int]) -> Quote | None:
    """A quote framed by the cue: "'…,' he said", "'…,' said X", "X said: '…'"."""
    text = doc_text(doc)
    frame: set[int] | None = None  # the cue's frame tokens, computed only once a quote shares its paragraph
    para = _paragraph(text, v.idx)
    for q in quotes:
        if q.start in used or q.end < para[0] - 2 or q.start > para[1]:
            continue
        if frame is None:
            frame = _frame_tokens(v)
        if q.end <= v.idx:
            if "\n" in text[q.end : v.idx] and any(c.dep_ == "ccomp" and c.i > v.i for c in v.children):
                continue  # '"…?"' closing a paragraph is not what 'X said that …' opening the next one says
            between = _tokens_between(doc, q.end, v.idx)
            if len(between) <= 25 and all(t.i in frame or t.is_punct or t.is_space for t in between):
                lead = text[q.end : v.idx].strip()[:1]
                short_cue_sentence = sent_of(v).start_char >= q.end - 1 and len(sent_of(v)) <= 8
                if lead in {",", "", "—", "–", "-"} or text[q.inner_end - 1] in ",?!" or short_cue_sentence:
                    return q
        elif q.start > v.idx:
            after = _tokens_between(doc, v.idx + len(v.text), q.start)
            lead = text[v.idx + len(v.text) : q.start].rstrip()
            if len(after) <= 25 and all(t.i in frame or t.is_punct or t.is_space for t in after) and (
                lead.endswith((":", ",")) or not lead
            ):
                return q
    return None


def _own_cue(doc: Doc, q: Quote, verbs: frozenset[str]) -> bool:
    """Whether a quote is framed by a cue of its own right after it ('"…," Y said')."""
    tail = _tokens_between(doc, q.end, min(len(doc_text(doc)), q.end + 80))
    for t in tail[:8]:
        if "\n" in t.text:
            break
        if t.pos_ == "VERB" and t.lemma_.lower() in verbs:
            return True
    return False


def _subjectless_participle(t: Token) -> bool:
    """"… she said when told the headline": a passive participle with no subject of its own frames nothing anew."""
    return t.tag_ == "VBN" and not any(c.dep_ in SUBJ or c.dep_ in {"aux", "auxpass"} for c in t.children)


def _continue_quote(doc: Doc, content: tuple[int, int], v: Token, quotes: list[Quote],
                    verbs: frozenset[str]) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
    """'"A," X said. "B."' — the quote resumes after the cue and belongs to the same speaker: the
    content from A to B, and its two parts (A, B) without the speaker between them (() if it does not resume)."""
    text = doc_text(doc)
    cs, ce = content
    if v.idx < cs:
        return content, ()  # cue before the quote: "X said: '…'" already runs to the quote's end
    for i, q in enumerate(quotes):
        if q.start < ce or q.start < v.idx:
            continue
        gap = text[v.idx + len(v.text) : q.start]
        if "\n" in gap or len(gap) > 400:
            break
        # The speaker's description may run long ("said Ann Roe, a lawyer who has …", "she said of
        # the vote, in which …"); another reporting verb in between means the quote is framed anew.
        frame = _frame_tokens(v)
        between = _tokens_between(doc, v.idx + len(v.text), q.start)
        if any(t.pos_ == "VERB" and t.lemma_.lower() in verbs and t.i not in frame and not _subjectless_participle(t)
               for t in between):
            break
        # Within the cue's sentence ('"A," she said, adding that "B"') a clause with a subject of its own
        # ('"A?" she said, but as Trump went on about "B"') hands the quote to someone else. (By the
        # text, not the parser's sentences: it often misses the end of '… worse.'' "B"'.)
        if not re.search(r"[.?!][\"'”’)\]]*\s*$", gap) and any(t.dep_ in SUBJ and t.i not in frame for t in between):
            break
        if _own_cue(doc, q, verbs):
            break
        resumed = q.inner_start
        ce = q.inner_end
        while quotes[i].continues and i + 1 < len(quotes):
            i += 1
            ce = quotes[i].inner_end
        return (cs, ce), ((cs, content[1]), (resumed, ce))
    return (cs, ce), ()


def _snap_to_quotes(content: tuple[int, int], quotes: list[Quote]) -> tuple[tuple[int, int], str]:
    """Direct when the content is (mostly) one quote, mixed when quotes sit inside it."""
    cs, ce = content
    length = max(1, ce - cs)
    for i, q in enumerate(quotes):
        overlap = min(ce, q.inner_end) - max(cs, q.inner_start)
        if overlap <= 0:
            continue
        inner_len = q.inner_end - q.inner_start
        if overlap >= 0.7 * length or (overlap >= 0.8 * inner_len and inner_len >= 0.6 * length):
            end = q.inner_end
            j = i
            while quotes[j].continues and j + 1 < len(quotes):
                j += 1
                end = quotes[j].inner_end
            start = q.inner_start
            j = i
            while j > 0 and quotes[j - 1].continues and quotes[j].start - quotes[j - 1].end <= 4:
                j -= 1
                start = quotes[j].inner_start
            return (min(start, cs) if cs < q.start - 2 else start, max(end, ce) if ce > q.end + 2 else end), "direct"
    if any(q.start >= cs - 1 and q.end <= ce + 1 for q in quotes):
        return content, "mixed"
    return content, "indirect"


NP_TAGS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PUNCT"}


def _tail_source(doc: Doc, v: Token) -> tuple[Token, int] | None:
    """", the Russian outlet Vedomosti reported." parsed without a subject: (source head, comma index)."""
    if v.dep_ not in {"advcl", "parataxis", "conj", "ccomp", "appos", "relcl"} or v.i < 3:
        return None
    j = v.i - 1
    while j > sent_of(v).start and v.i - j <= 8 and doc[j].text != "," and doc[j].pos_ in NP_TAGS - {"PUNCT"} | {"PUNCT"} and doc[j].text not in {"(", ")", ";", ":"}:
        j -= 1
    if doc[j].text != "," or j == v.i - 1:
        return None
    np = [t for t in doc[j + 1 : v.i] if t.pos_ in {"NOUN", "PROPN"}]
    if not np:
        return None
    return np[-1], j


def verb_frame(doc: Doc, v: Token, quotes: list[Quote], used_quotes: set[int], verbs: frozenset[str] = frozenset(),
               relaxed: bool = False) -> Frame | None:
    """The frame of one reporting verb, or None."""
    if v.dep_ in {"amod", "acomp"} or v.tag_ == "VBN" and v.dep_ in {"acl"}:
        return None
    own_subject = any(c.dep_ in SUBJ or c.dep_ == "agent" for c in v.children)
    tail = None if own_subject else _tail_source(doc, v)
    src = tail[0] if tail is not None else _subject(v)
    quote = _adjacent_quote(doc, v, quotes, used_quotes)
    how = "quote"
    if quote is not None:
        content, kind = (quote.inner_start, quote.inner_end), "direct"
        i = quotes.index(quote)
        j = i
        while j > 0 and quotes[j - 1].continues and not doc_text(doc)[quotes[j - 1].end : quotes[j].start].strip():
            j -= 1
            content = (quotes[j].inner_start, content[1])
        while quotes[i].continues and i + 1 < len(quotes):
            i += 1
            content = (content[0], quotes[i].inner_end)
        content, pieces = _continue_quote(doc, content, v, quotes, verbs)
    elif tail is not None:
        src, comma = tail
        parts = [t for t in sent_of(v) if t.i < comma and not t.is_punct]
        if not parts:
            return None
        content, kind = _snap_to_quotes(_trim(doc, *_span_chars(doc, parts)), quotes)
        how, pieces = "paren", ()
    else:
        parts, how = _verb_content(doc, v, src, relaxed)
        if not parts:
            return None
        pieces = _runs(doc, parts) if how == "wrap" else ()
        content = _trim(doc, *_span_chars(doc, parts))
        para = _paragraph(doc_text(doc), v.idx)
        content = (max(content[0], para[0]), min(content[1], para[1]))
        if content[1] <= content[0]:
            return None
        content, kind = _snap_to_quotes(content, quotes)
        if kind == "direct":
            pieces = ()
            if content[0] <= v.idx < content[1]:
                how, src = "inquote", None  # a verb inside the quote it would report: rarely its cue
            else:
                content, pieces = _continue_quote(doc, content, v, quotes, verbs)
    if src is not None and any(q.inner_start <= src.idx < q.inner_end for q in quotes if q.inner_start >= content[0] - 1 and q.inner_end <= content[1] + 1):
        src = _nearby_source(doc, v, content, quotes)
    source = _source_span(doc, src, v) if src is not None else None
    if tail is not None:
        source = _trim(doc, doc[tail[1] + 1].idx, v.idx)
    if source is not None:
        para = _paragraph(doc_text(doc), v.idx)
        source = (max(source[0], para[0]), min(source[1], para[1]))
        source = source if source[1] > source[0] else None
    return Frame(cue=_cue_span(doc, v), content=_trim(doc, *content), source=source, kind=kind,
                 cue_token=v.i, source_root=src.i if src is not None else None, how=how, parts=pieces)


def _runs(doc: Doc, tokens: list[Token]) -> tuple[tuple[int, int], ...]:
    """Contiguous runs of the tokens as trimmed char spans (punctuation-only runs dropped)."""
    runs: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    out = [_trim(doc, *_span_chars(doc, r)) for r in runs if any(not t.is_punct and not t.is_space for t in r)]
    return tuple(span for span in out if span[1] > span[0])


def _trim_content(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    return _trim(doc, *content)


def according_frame(doc: Doc, tok: Token, quotes: list[Quote]) -> Frame | None:
    """"…, according to X." reports its sentence (minus the phrase) to X."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent: Span = sent_of(tok)
    drop = {t.i for t in tok.subtree}
    rest = [t for t in sent if t.i not in drop and not t.is_punct]
    if not rest:
        return None
    # content is the side of the sentence the phrase does not occupy when it sits in the middle
    content = _trim(doc, *_span_chars(doc, rest))
    if content[1] <= content[0]:
        return None
    content, kind = _snap_to_quotes(content, quotes)
    # "A, according to X, B": the phrase interrupts the content, which is then its two pieces
    pieces = _runs(doc, [t for t in sent if t.i not in drop]) if kind != "direct" else ()
    kind = "according_to" if kind != "mixed" else "mixed"
    source = _trim(doc, *_span_chars(doc, list(pobj.subtree)))
    return Frame(cue=(tok.idx, to.idx + len(to.text)), content=_trim_content(doc, content), source=source,
                 kind=kind, cue_token=tok.i, source_root=pobj.i, how="according", parts=pieces)


def noun_frame(doc: Doc, n: Token, quotes: list[Quote]) -> Frame | None:
    """A noun cue with a "that"-clause: "claims from X that …", "X's warning that …"."""
    src = None
    for c in n.children:
        if c.dep_ == "poss" and c.lower_ not in {"its", "their", "his", "her"} or c.dep_ == "poss":
            src = c
        elif c.dep_ == "prep" and c.lower_ in {"from", "by"}:
            src = next((p for p in c.children if p.dep_ == "pobj"), src)
    holders = [n] + ([src] if src is not None else [])
    clause = None
    for h in holders:
        for c in h.children:
            if c.dep_ in {"acl", "ccomp", "relcl"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                clause = c
                break
        if clause is not None:
            break
    how = "noun"
    if clause is None:
        if src is None or src.dep_ != "poss":
            return None
        clause = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in {"of", "about", "on", "over", "to"}), None)
        if clause is None:
            clause = next((c for c in n.children if c.dep_ in {"acl", "relcl"} and c.i > n.i), None)
        if clause is None:
            return None
        how = "noun_prep"
    content = _trim(doc, *_span_chars(doc, [t for t in clause.subtree if t is not clause or clause.dep_ != "prep"]))
    if content[1] <= content[0]:
        return None
    content, kind = _snap_to_quotes(content, quotes)
    source = None
    if src is not None:
        toks = [t for t in src.subtree if t.i not in {x.i for x in clause.subtree}]
        source = _trim(doc, *_span_chars(doc, toks))
    return Frame(cue=(n.idx, n.idx + len(n.text)), content=_trim_content(doc, content), source=source,
                 kind=kind if kind != "direct" else "mixed", cue_token=n.i,
                 source_root=src.i if src is not None else None, how=how)
