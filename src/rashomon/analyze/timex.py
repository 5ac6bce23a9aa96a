"""spaCy component ``rashomon_timex``: time expressions as TIMEX3 values on ``Doc._.timexes``.

The grammar (``timex_patterns``) finds and normalises; this module supplies what only the parse
knows: the tense of the verb that governs an expression ("on Friday" is last Friday after "said",
next Friday after "will meet"), and the named entities that make "Sunday" part of "Sunday Times".
The anchor is ``Doc._.dct`` (ISO date of publication); without it values stay unanchored.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.analyze.component import GuardedComponent
from rashomon.analyze.timex_patterns import find_timexes
from rashomon.analyze.timex_rules import Candidate, Ctx
from rashomon.model import Timex


for _name, _default in (("dct", None), ("timexes", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "prepare", "go", "propose", "promise", "agree", "vow", "threaten", "want"}
# Verbs whose object is a plan: its date is where the plan points, not where the telling is.
_PLAN_VERBS = {"plan", "schedule", "expect", "intend", "propose", "postpone", "delay"}
_START_VERBS = {"start", "begin"}
# not EVENT: "the Aug. 7 bombings" is a named event whose date is a date
_NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"}


def parse_dct(value: Any) -> date | None:
    """ISO date or datetime string (or a date) to a date; anything else means 'undated'."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _verb_of(tok: Token) -> Token | None:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.tag_.startswith(("VB", "MD")):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def tense_of(span: Span) -> str | None:
    """'past', 'future', 'present' or None for the clause that governs ``span``.

    None also stands for 'no direction of its own': a plan told in the past tense ('they planned
    a rally on Saturday', 'it had been due to expire Friday') may point either way from the DCT.
    """
    if span.root.head.lower_ == "effective" or (span.root.head.dep_ == "prep" and span.root.head.head.lower_ == "effective"):
        return "future"  # 'a new rate, effective Feb. 1' points forward whatever the clause's tense
    if span.root.dep_ in ("compound", "poss") and span.root.head.pos_ in ("NOUN", "PROPN"):
        return None  # 'a June agreement', 'Tuesday's vote': a noun's date, not the clause's
    verb = _verb_of(span.root)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo", "’ll", "would", "might", "may", "can", "should", "must"}:
        return "future"
    if any(a.lower_ == "to" for a in auxes) and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl"):
        head = verb.head
        if head.lemma_ in _FUTURE_HEADS:
            return None if _plan_in_past(head) else "future"
        return tense_of_token(head)
    if not auxes and verb.tag_ in ("VBG", "VB") and verb.dep_ == "xcomp" and verb.head is not verb:
        return tense_of_token(verb.head)  # 'will begin withdrawing on Friday': the head's tense
    if not auxes and verb.tag_ == "VBG" and verb.lemma_ in _START_VERBS and verb.dep_ in ("advcl", "acl", "xcomp"):
        return "future"  # 'three days of mourning, starting on Wednesday'
    if verb.lemma_ in _PLAN_VERBS and _plan_in_past(verb):
        return None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "had", "having"}:
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "future"
    if verb.tag_ == "VBN" and verb.head is not verb and verb.dep_ in ("acl", "relcl"):
        return "past"
    if verb.lemma_ in _PLAN_VERBS or (verb.lemma_ == "be" and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children)):
        return "future"  # 'plans a rally on Saturday', 'is to resume trading Tuesday'
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _plan_in_past(verb: Token) -> bool:
    """'planned', 'had scheduled', 'was due': the plan verb or its auxiliaries in a past form."""
    if verb.pos_ == "ADJ" and verb.dep_ == "acomp" and verb.head is not verb:
        verb = verb.head  # 'due' is told by its copula: 'was due', 'had been due'
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (
        verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had") for a in auxes))


def tense_of_token(tok: Token) -> str | None:
    return tense_of(tok.doc[tok.i : tok.i + 1])


def _tense_lookup(doc: Doc) -> Callable[[int, int], "str | None"]:
    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        return tense_of(span) if span is not None and len(span) else None

    return tense


def _in_name(doc: Doc, cand: Candidate, ent_spans: list[tuple[int, int]]) -> bool:
    """A candidate inside a longer ORG/PERSON/… name ('Sunday Times', 'Theresa May') is no time."""
    return any(s <= cand.start and cand.end <= e and (e - s) > (cand.end - cand.start) for s, e in ent_spans)


def _quantity_year(doc: Doc, cand: Candidate) -> bool:
    """'2000 people' or '1,500 troops': a number, not a year."""
    if cand.rule != "year":
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[-1]
    if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return True
    return tok.ent_type_ != "DATE" and tok.dep_ in ("nummod", "quantmod") and tok.head.tag_ == "NNS"


_QUOTES = ('"', "“", "”", "``", "''")


def _title(text: str, c: Candidate) -> bool:
    """A capitalised expression alone in quotes ('"This Week"', a film called "High Noon") is a title."""
    if c.text.lower() == "noon" and text[max(0, c.start - 5) : c.start].lower() == "high ":
        return True  # 'high noon' is an idiom
    before, after = text[max(0, c.start - 2) : c.start], text[c.end : c.end + 3].lstrip(",.")
    return " " in c.text.strip() and c.text[:1].isupper() and before.endswith(_QUOTES) and after.startswith(_QUOTES)


def doc_timexes(doc: Doc) -> list[Timex]:
    """Find and normalise every time expression of ``doc`` against ``doc._.dct``."""
    ctx = Ctx(dct=parse_dct(doc._.dct), tense=_tense_lookup(doc))
    ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS]
    out = []
    text = doc.text  # Doc.text joins every token: read it once
    for c in find_timexes(text, ctx):
        if _in_name(doc, c, ents) or _quantity_year(doc, c) or _title(text, c):
            continue
        out.append(Timex(article="", start=c.start, end=c.end, text=c.text, type=c.type, value=c.value))  # type: ignore[arg-type]
    return out


class TimexComponent(GuardedComponent):
    """Sets ``Doc._.timexes``; a document that fails gets an empty list via the error handler."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(name)

    def process(self, doc: Doc) -> None:
        doc._.timexes = doc_timexes(doc)

    def fallback(self, doc: Doc, error: Exception) -> None:
        doc._.timexes = []


@Language.factory(
    "rashomon_timex",
    default_config={},
    requires=["token.dep", "token.tag"],
    assigns=["doc._.timexes"],
)
def make_timex(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent(nlp, name)
