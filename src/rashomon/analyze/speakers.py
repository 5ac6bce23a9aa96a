"""Who a source really is: names trimmed of their titles, pronouns and role nouns resolved.

No coreference model ships on PyPI for spaCy 3.8 (coreferee and neuralcoref are unmaintained
and pin older spaCy), so resolution is by rules that news writing makes reliable:
- a pronoun that opens or closes a statement continues the chain of the previous statement's
  speaker ("'…,' he said" after a Mustafayev quote is Mustafayev, whoever is named in between);
  only without such a chain does it fall back to the nearest person named before it;
- a role noun ("the Kremlin spokesman") is the person earlier introduced with that role
  ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov, the Kremlin spokesman");
- a surname alone is the full name used earlier in the article;
- groups ("Russian prosecutors") and anonymous sources ("an owner of a flower shop") stay as written.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from rashomon.analyze.frames import Frame
from rashomon.analyze.spans import doc_text

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = {"they", "them"}
ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson minister president premier chancellor secretary chief director
    governor mayor ambassador envoy senator congressman congresswoman representative lawmaker leader
    chairman chairwoman chair ceo founder head commander general prosecutor judge attorney lawyer
    official officer adviser advisor aide analyst researcher expert professor economist editor
    correspondent reporter nominee candidate king queen prince pope patriarch sheikh emir
    """.split()
)
QUANTIFIERS = {"some", "others", "many", "several", "most", "few", "both", "all", "another", "one"}
SKIP_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl"}


def _core_tokens(s: Token) -> list[Token]:
    """The source noun phrase without appositions and relative clauses ("X, a researcher with …")."""
    drop: set[int] = set()
    for c in s.children:
        if c.dep_ in SKIP_DEPS and c.i > s.i:
            drop.update(t.i for t in c.subtree)
    toks = [t for t in s.subtree if t.i not in drop]
    # keep the contiguous run that holds the head
    lo = hi = s.i
    idx = {t.i for t in toks}
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return list(s.doc[lo : hi + 1])


def _clean_name(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" ,.")


def _propn_chain(t: Token) -> str:
    """A proper name written as compounds before its head: "Emil Mustafayev"."""
    lo = t.i
    while lo - 1 >= 0 and t.doc[lo - 1].pos_ == "PROPN" and t.doc[lo - 1].head.i in range(lo, t.i + 1):
        lo -= 1
    return _clean_name(t.doc[lo : t.i + 1].text)


def _entity_of(tok: Token) -> Span | None:
    """The entity holding the token, read off its IOB tags (``Doc.ents`` builds every entity's Span
    on each call: a third of speaker resolution's time when asked per token)."""
    if not tok.ent_type_:
        return None
    doc, lo, hi = tok.doc, tok.i, tok.i + 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return Span(doc, lo, hi, label=tok.ent_type)


def _tokens_by(doc: Doc, key: Callable[[Token], str]) -> dict[str, list[Token]]:
    """The Doc's tokens grouped by a key, each group in text order: a lookup instead of a walk of the Doc."""
    out: dict[str, list[Token]] = {}
    for t in doc:
        out.setdefault(key(t), []).append(t)
    return out


class SpeakerResolver:
    """Resolves the sources of one Doc's frames, in text order, keeping the statement chain."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.chain: list[tuple[int, str, bool]] = []  # (char position, resolved name, is_person)
        self.gender: dict[str, str] = {}
        self._where: dict[str, list[Token]] | None = None  # token text -> its tokens, built on first use
        self._lemmas: dict[str, list[Token]] | None = None  # lower-cased lemma -> its tokens, likewise

    def full_name(self, name: str, before: int) -> str:
        """A surname alone becomes the longest earlier name ending with it ("Mustafayev" → "Emil Mustafayev")."""
        if " " in name:
            return name
        if self._where is None:
            self._where = _tokens_by(self.doc, lambda t: t.text)
        best = name
        for t in self._where.get(name.split()[-1], ()):
            if t.idx >= before:
                break
            chain = _propn_chain(t)
            if len(chain) > len(best):
                best = chain
        return best

    def resolve(self, frame: Frame) -> str | None:
        """The resolved speaker of one frame; call in text order."""
        if frame.source_root is None:
            return None
        s = self.doc[frame.source_root]
        resolved, is_person = self._resolve(s, frame)
        if resolved:
            self.chain.append((frame.cue[0], resolved, is_person))
        return resolved

    def _resolve(self, s: Token, frame: Frame) -> tuple[str | None, bool]:
        low = s.lower_
        if low in PERSON_PRONOUNS:
            name = self._previous_person(frame.cue[0], PERSON_PRONOUNS[low])
            if name:
                self.gender.setdefault(name, PERSON_PRONOUNS[low])
            return (name or s.text), bool(name)
        if low in QUANTIFIERS and not any(c.dep_ == "prep" for c in s.children):
            group = self._governing_subject(s, frame)
            if group:
                return group, False
            for _, name, is_person in reversed(self.chain[-3:]):
                if not is_person:
                    return name, False
            return s.text, False
        if low in GROUP_PRONOUNS:
            for _, name, is_person in reversed(self.chain[-3:]):
                if not is_person:
                    return name, False
            return s.text, False
        ent = _entity_of(s)
        if s.pos_ == "PROPN" or ent is not None and ent.label_ == "PERSON":
            chain = _propn_chain(s)
            name = _clean_name(ent.text) if ent is not None and ent.label_ == "PERSON" else chain
            name = chain if len(chain) > len(name) else name
            full = self.full_name(name, s.idx + 1)
            if ent is None or ent.label_ == "PERSON" or full != name:
                return full, True
            if ent.label_ in {"ORG", "NORP"} and ent.end - ent.start > 1:
                return _clean_name(ent.text), False
        # a person named inside the phrase: "Kremlin spokesman Dmitry Peskov"
        core = _core_tokens(s)
        for t in core:
            e = _entity_of(t)
            if e is not None and e.label_ == "PERSON" and (t.head is s or t is s or t.dep_ in {"compound", "appos"}):
                return self.full_name(_clean_name(e.text), e.start_char), True
        named = [c for c in s.children if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" and c.i == s.i + 1]
        if named and s.pos_ == "NOUN":
            return _propn_chain(named[0]), named[0].ent_type_ == "PERSON"
        if s.lemma_.lower() in ROLE_NOUNS and any(c.lower_ in {"the", "this", "that"} for c in s.children):
            name = self._role_holder(s, frame.cue[0])
            if name:
                return name, True
        text = _clean_name(doc_text(self.doc)[core[0].idx : core[-1].idx + len(core[-1].text)]) if core else s.text
        return text, False

    def _governing_subject(self, s: Token, frame: Frame) -> str | None:
        """"X continued …, with some accusing Y": the group the quantifier picks from is X."""
        t = self.doc[frame.cue_token]
        for anc in t.ancestors:
            for c in anc.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and c.i != s.i and c.pos_ in {"NOUN", "PROPN"}:
                    core = _core_tokens(c)
                    return _clean_name(doc_text(self.doc)[core[0].idx : core[-1].idx + len(core[-1].text)])
        return None

    def _previous_person(self, pos: int, gender: str) -> str | None:
        """The speaker chain first (last statement's person), then the nearest person named before."""
        for cpos, name, is_person in reversed(self.chain[-2:]):
            if is_person and pos - cpos < 1500 and self.gender.get(name, gender) == gender:
                return name
        for e in reversed(self.persons):
            if e.end_char <= pos:
                name = self.full_name(_clean_name(e.text), e.start_char)
                if self.gender.get(name, gender) == gender:
                    return name
        return None

    def _role_holder(self, s: Token, pos: int) -> str | None:
        """The person introduced earlier with the same role noun (and its modifiers, when given)."""
        role = s.lemma_.lower()
        mods = {c.lower_ for c in s.children if c.dep_ in {"compound", "amod"}}
        best, best_score = None, -1
        if self._lemmas is None:
            self._lemmas = _tokens_by(self.doc, lambda t: t.lemma_.lower())
        for t in self._lemmas.get(role, ()):
            if t.idx >= pos:
                break
            if t.i == s.i:
                continue
            for person in self.persons:
                near = person.start - 3 <= t.i < person.start or person.end <= t.i <= person.end + 6
                if not near or person.start_char >= pos:
                    continue
                window = self.doc[max(0, t.i - 3) : t.i]
                score = len(mods & {w.lower_ for w in window}) * 2 + 1
                if score >= best_score:
                    best, best_score = self.full_name(_clean_name(person.text), person.start_char), score
        return best
