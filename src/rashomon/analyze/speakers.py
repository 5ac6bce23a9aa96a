"""Who a source really is: names trimmed of their titles, pronouns and role nouns resolved.

No coreference model ships on PyPI for spaCy 3.8 (coreferee and neuralcoref are unmaintained
and pin older spaCy), so resolution is by rules that news writing makes reliable:
- a pronoun is the person the nearest earlier sentence is about (its subject outside quotes, of the
  pronoun's gender as pronouns or "Mr."/"Ms." tell; a subject pronoun resolved in turn), or one named
  in a clause before it in its own sentence; only then the previous statement's speaker, then the
  nearest person named before it;
- a role noun ("the Kremlin spokesman", "the governor") is the person earlier introduced with that
  role or its title ("Kremlin spokesman Dmitry Peskov", "Gov. Ana Vell"), else the person the text
  is about; never when the role was first an unnamed one ("an official said … the official said");
- "the company", "the board" is the organisation named before; "a statement from X" is X's;
- a common noun with a named apposition ("one bidder, Karl Ostby, …") is that person, and a name
  the phrase is only about ("a spokesman for Y") is not the speaker;
- a surname alone is the full name used earlier in the article;
- groups ("Russian prosecutors") and anonymous sources ("an owner of a flower shop") stay as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from rashomon.analyze.frames import Frame
from rashomon.analyze.quotes import find_quotes
from rashomon.analyze.spans import doc_text, sent_of
from rashomon.resolve.names import is_given_name

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "sir": "m", "lady": "f", "lord": "m"}
GROUP_PRONOUNS = {"they", "them"}
# role nouns that tell a gender when written before a name ("spokeswoman Ana Vell")
ROLE_GENDER = {
    "spokeswoman": "f", "spokesman": "m", "congresswoman": "f", "congressman": "m", "chairwoman": "f",
    "businesswoman": "f", "businessman": "m", "actress": "f", "actor": "m", "councilwoman": "f", "councilman": "m",
    "assemblywoman": "f", "assemblyman": "m", "anchorwoman": "f", "anchorman": "m", "policewoman": "f",
    "policeman": "m", "sportswoman": "f", "sportsman": "m", "queen": "f", "king": "m", "princess": "f", "prince": "m",
}
ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson minister president premier chancellor secretary chief director
    governor mayor ambassador envoy senator congressman congresswoman representative lawmaker leader
    chairman chairwoman chair ceo founder head commander general prosecutor judge attorney lawyer
    official officer adviser advisor aide analyst researcher expert professor economist editor
    correspondent reporter nominee candidate king queen prince pope patriarch sheikh emir
    """.split()
)
# roles a story gives its unnamed sources: "the official said" is the one it introduced, never merely the
# person the story is about
ANONYMOUS_ROLES = frozenset("official source aide staffer insider spokesman spokeswoman spokesperson".split())
# titles that name a role before a name ("Gov. Ana Vell" is the governor), by role noun
ROLE_FORMS = {
    "governor": {"gov"}, "senator": {"sen"}, "representative": {"rep"}, "congressman": {"rep", "representative"},
    "congresswoman": {"rep", "representative"}, "lawmaker": {"sen", "rep", "senator", "representative", "congressman",
                                                            "congresswoman", "legislator", "assemblyman"},
    "general": {"gen"}, "professor": {"prof"}, "president": {"pres"}, "lawyer": {"attorney"}, "attorney": {"lawyer"},
}
# a spokesperson speaks for the organisation the phrase names ("a Harbour Board spokesman": the board's word)
SPOKES_NOUNS = frozenset("spokesman spokeswoman spokesperson".split())
# nouns that stand for an organisation named before ("the company said")
ORG_NOUNS = frozenset(
    """
    company firm group organization organisation agency ministry department committee commission council
    conference union association federation coalition club campaign bank network newspaper paper site board
    authority institute team
    """.split()
)
# documents that speak for whoever issued them ("a statement from …", "the report by …")
DOC_NOUNS = frozenset("statement release letter report memo memorandum complaint filing lawsuit suit ad advertisement "
                      "commercial".split())
# one document under two names ("the lawsuit from X … the suit says")
DOC_SAME = {"suit": "lawsuit", "ad": "advertisement", "commercial": "advertisement", "memorandum": "memo"}
# what a person says or writes in their own name ("Ana Vell's apology noted …"): spoken for by its owner
SPEECH_NOUNS = frozenset("apology remark remarks comment comments speech testimony tweet post email message announcement "
                         "op-ed column blog".split())
# verbs by which someone issues a document ("the firm released a statement", "a memo circulated by X")
ISSUING = frozenset("send write release issue sign file circulate publish air run launch post deliver pen draft "
                    "put unveil submit".split())
# words of a title written before a name ("Former Vice President", "Sen.", "Chief Justice", "Father"): a
# name is what follows the last of them ("Senate Majority Leader Harry Reid" is "Harry Reid")
TITLE_WORDS = ROLE_NOUNS | frozenset(
    """
    mr mrs ms miss dr sir dame lord lady madam mme mister madame justice father rev reverend pastor rabbi imam
    bishop cardinal archbishop sister brother capt captain lt lieutenant sgt sergeant col colonel maj major cpl
    corporal adm admiral gen sen rep gov pres atty det detective insp inspector supt superintendent cmdr
    commissioner vice deputy assistant associate acting former interim chief speaker majority minority whip
    leader sheriff marshal councilman councilwoman councillor councilor alderman delegate assemblyman
    assemblywoman legislator state attorney-general coach manager host anchor
    """.split()
)
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_QUALIFIERS = frozenset({"vice", "deputy", "assistant", "associate", "acting", "interim", "lt", "lieutenant"})
# nouns a story uses for a person it has named ("the Ohio senator said", "the communications pro")
EPITHETS = frozenset(
    """
    republican democrat independent conservative liberal pro veteran activist strategist consultant politician
    incumbent challenger host anchor commentator columnist pundit businessman businesswoman billionaire actor
    actress singer star player athlete owner writer author novelist historian scholar scientist doctor physician
    teacher pastor priest cleric
    """.split()
)
# bodies that speak in a person's name ("Ana Vell's office said"), unlike a person's lawyer or aide
VOICE_NOUNS = frozenset({"office", "campaign"})
# what outlets and pollsters publish, spoken for by whoever is named on it ("the Daily Courier poll")
REPORT_NOUNS = frozenset("poll survey study analysis editorial article story investigation review audit".split())
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


def _propn_run(t: Token) -> str:
    """The proper nouns written right before a name's last word, whatever the parse made their head
    ("Rep. Jesse Jackson Jr.": the parser may hang "Jesse" on "Jr.")."""
    lo = t.i
    while lo - 1 >= 0 and t.doc[lo - 1].pos_ == "PROPN" and not t.doc[lo - 1].is_sent_end:
        lo -= 1
    return _clean_name(t.doc[lo : t.i + 1].text)


def _title_word(w: str) -> bool:
    return w.casefold().rstrip(".") in TITLE_WORDS


def strip_title(name: str) -> str:
    """The name after the title written before it: "Former Vice President Dana Roe" → "Dana Roe",
    "Sen. Roe" → "Roe"; "" when the words are all title ("Deputy Assistant Secretary")."""
    words = name.split()
    if len(words) > 1 and all(_title_word(w) for w in words) or len(words) == 1 and words[0].endswith(".") and _title_word(words[0]):
        return ""
    if len(words) == 1:
        return name
    # the last word is the name itself even when it is also a title word ("Peter King", "Ana Marshal")
    last = max((i for i, w in enumerate(words[:-1]) if _title_word(w)), default=-1)
    rest = words[last + 1 :]
    while rest and rest[0][:1].islower():  # "President of …": no name follows
        return ""
    return " ".join(rest)


def _with_suffix(t: Token, name: str) -> str:
    """A generational suffix written after the name stays with it: "Dana Roe Jr."."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.text == "," and t.i + 2 < len(t.doc):
        nxt = t.doc[t.i + 2] if t.doc[t.i + 2].lower_ in NAME_SUFFIXES else None
    if nxt is not None and nxt.lower_ in NAME_SUFFIXES:
        return f"{name} {nxt.text if nxt.text.endswith('.') or nxt.lower_ in {'ii', 'iii', 'iv'} else nxt.text + '.'}"
    return name


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


def _modifies_a_thing(e: Span) -> bool:
    """A name used as a modifier of a common noun ("the Vell administration") names no one who speaks."""
    return e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN"


def _tokens_by(doc: Doc, key: Callable[[Token], str]) -> dict[str, list[Token]]:
    """The Doc's tokens grouped by a key, each group in text order: a lookup instead of a walk of the Doc."""
    out: dict[str, list[Token]] = {}
    for t in doc:
        out.setdefault(key(t), []).append(t)
    return out


def _unit_of(tok: Token) -> Span:
    """The sentence holding the token, cut at paragraph breaks: the parser sometimes runs a sentence on
    across a blank line, and what the previous paragraph is about is not what this one is."""
    sent = sent_of(tok)
    lo, hi = sent.start, sent.end
    for t in tok.doc[sent.start : tok.i]:
        if t.is_space and "\n" in t.text:
            lo = t.i + 1
    for t in tok.doc[tok.i + 1 : sent.end]:
        if t.is_space and "\n" in t.text:
            hi = t.i
            break
    return sent if (lo, hi) == (sent.start, sent.end) else tok.doc[lo:hi]


def _unit_before(unit: Span) -> Span | None:
    """The sentence unit before this one, past the blank lines and stray quotation marks the parser may
    have made a sentence of their own ('”' left alone after a paragraph's last quote)."""
    i = unit.start - 1
    while i >= 0 and (unit.doc[i].is_space or unit.doc[i].is_punct):
        i -= 1
    return _unit_of(unit.doc[i]) if i >= 0 else None


def _issued_by(doc_noun: Token) -> Token | None:
    """Who a document is from: "a statement from X", "the report, by X,", "a memo circulated by X",
    "a letter released Tuesday and signed by X"."""
    for c in doc_noun.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by"}:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
        if c.dep_ in {"acl", "relcl"} and c.tag_ == "VBN":
            for v in [c, *(x for x in c.children if x.dep_ == "conj" and x.tag_ == "VBN")]:
                agent = next((a for a in v.children if a.dep_ == "agent"), None) if v.lemma_.lower() in ISSUING else None
                obj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
                if obj is not None:
                    return obj
    if doc_noun.dep_ == "nsubjpass" and doc_noun.head.lemma_.lower() in ISSUING:  # "the complaint was filed by X"
        agent = next((a for a in doc_noun.head.children if a.dep_ == "agent"), None)
        obj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        if obj is not None:
            return obj
    if doc_noun.dep_ in {"nsubj", "nsubjpass"}:  # "the report, by X, concluded": the parse hung "by X" on the verb
        verb = doc_noun.head
        by = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
                   and doc_noun.i < c.i < verb.i and c.nbor(-1).text == ","), None)
        if by is not None:
            return next((p for p in by.children if p.dep_ == "pobj"), None)
    return None


# plural nouns for people whom "they" may continue
PEOPLE = frozenset(
    """
    member official lawmaker legislator senator representative leader critic protester worker resident voter
    supporter opponent activist investigator prosecutor authority lawyer attorney researcher scientist expert doctor
    parent student teacher employee staffer aide adviser advisor analyst economist executive director manager
    owner farmer customer shopper union negotiator delegate judge justice minister diplomat minister governor
    mayor councillor councilor commissioner inspector officer soldier firefighter rescuer witness survivor victim
    family relative neighbor neighbour citizen organizer organiser candidate rebel militant striker picket
    """.split()
)


def _people_plural(t: Token) -> bool:
    """A plural noun for people ("senators", "workers") or a plural nationality or party ("Republicans")."""
    if t.tag_ not in {"NNS", "NNPS"}:
        return False
    return t.lemma_.lower() in PEOPLE or t.ent_type_ == "NORP"


_WHERE_PREPS = frozenset({"of", "in", "at", "from", "with"})


def _placed_apposition(s: Token) -> Span | None:
    """A person in apposition after the place or body a role noun is of ("the officer of Leaford, Dara
    Quill", "a steward at the plant, Ivo Roe"): the role's holder, whatever the parse attached the name to.
    Not through "for"/"to" ("a spokesman for the mayor, Ana Vell" is not Ana Vell) nor past a person."""
    for prep in s.children:
        if prep.dep_ != "prep" or prep.lower_ not in _WHERE_PREPS or prep.i < s.i:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.ent_type_ == "PERSON" or obj.lemma_.lower() in TITLE_WORDS | EPITHETS:
                continue  # "an aide of the mayor, Ana Vell": she is the mayor
            for c in obj.children:
                e = _entity_of(c) if c.dep_ == "appos" and c.i > obj.i and c.doc[c.left_edge.i - 1].text == "," else None
                if e is not None and e.label_ == "PERSON":
                    return e
    return None


def _without_quantifier(group: str) -> str:
    """A group without the quantifier it was written with: "many customers" -> "customers"; a group that
    is only a quantifier ("some") stays as it is."""
    words = group.split()
    k = 0
    while k < len(words) - 1 and words[k].lower() in QUANTIFIERS | {"of", "the", "many", "other", "those"}:
        k += 1
    return " ".join(words[k:]) if k else group


_OPENING_MARKS = frozenset("\"“«„")
_CLOSING_MARKS = frozenset("\"”»“")


def _quoted_sentence(sent: Span) -> bool:
    """A sentence standing wholly inside quotation marks ('“Ana Vell was not happy.”'): a quotation
    even where the marks around it could not be paired (a left mark written for a right one before it)."""
    text = sent.text.strip()
    return (len(text) > 2 and text[0] in _OPENING_MARKS and text[-1] in _CLOSING_MARKS
            and not any(c in _OPENING_MARKS | _CLOSING_MARKS for c in text[1:-1]))  # not '"A," X said, "B."'


def _binds_other(subject: Token, gender: str) -> bool:
    """The subject's own verb has an object pronoun of this gender ("Vell asked her"): that pronoun is
    someone else, so a later pronoun of the gender is not the subject either."""
    verb = subject.head
    return any(c.dep_ in {"dobj", "dative", "iobj"} and PERSON_PRONOUNS.get(c.lower_) == gender and c.lower_ not in {"he", "she"}
               for c in verb.children)


class SpeakerResolver:
    """Resolves the sources of one Doc's frames, in text order, keeping the statement chain."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.chain: list[tuple[int, str, bool]] = []  # (char position, resolved name, is_person)
        self.gender: dict[str, str] = {}
        self._where: dict[str, list[Token]] | None = None  # token text -> its tokens, built on first use
        self._lemmas: dict[str, list[Token]] | None = None  # lower-cased lemma -> its tokens, likewise
        self.said: dict[int, tuple[str, bool]] = {}  # source token -> its resolved speaker, is_person
        self.reported: list[tuple[int, int]] = []  # the contents of the statements resolved so far
        self._salient: dict[tuple[int, str], str | None] = {}  # (pronoun token, gender) -> its person
        self._pwords: set[str] | None = None
        self._pwords_ever: set[str] = set()
        self._quoted: list[tuple[int, int]] | None = None  # quoted stretches (chars), found on first use
        self._hon: dict[str, str] | None = None  # surname -> gender its honorifics tell, built on first use

    def full_name(self, name: str, before: int) -> str:
        """A name without its title; a surname alone becomes the full name ending with it, written before
        (else after) this one ("Mr. Mustafayev" → "Emil Mustafayev"), its suffix kept ("Jr."): the one written
        with the same title ("Sen. Roe" → "Sen. Ana Roe"), else the first introduced; a title no full name
        was written with ("President Roe" after only "Ivo Roe") keeps the surname alone."""
        titles = {w.casefold().rstrip(".") for w in name.split() if _title_word(w)}
        name = strip_title(name) or name
        if " " in name:
            return name
        if self._where is None:
            self._where = _tokens_by(self.doc, lambda t: t.text)
        before_c: list[tuple[str, set[str]]] = []
        later = name
        for t in self._where.get(name.split()[-1], ()):
            raw = _propn_run(t)
            chain = strip_title(raw)
            if " " not in chain:
                continue
            chain = _with_suffix(t, chain)
            if t.idx < before:
                prev = self.doc[t.i - len(raw.split()) - 1 : t.i - len(raw.split()) + 1]
                before_c.append((chain, {w.casefold().rstrip(".") for w in [*raw.split(), *prev.text.split()] if _title_word(w)}))
            elif later == name:
                later = chain
        if not before_c:
            return later if later != name else self._misspelt(name) or name
        real = titles - {"mr", "mrs", "ms", "miss", "former"}
        titled = [c for c, ts in before_c if real & ts]
        if real and not titled:
            return name  # "President Roe" where only Ana Roe, never so titled, was named in full: not her
        first = (titled or [c for c, _ in before_c])[0]
        same = [c for c, _ in before_c if c.split()[0] == first.split()[0]]
        return max(same, key=len)

    def _misspelt(self, surname: str) -> str | None:
        """The one person whose surname this lone word misspells by a letter ("Moravek" in an article about
        "Peter Moravec"), by the fullest name the article gives them: the word written at most twice, the surname
        more often and as a person's (the tagger may call it a body), both five letters or more and starting
        alike; None when no single such person."""
        if self._where is None:
            self._where = _tokens_by(self.doc, lambda t: t.text)
        if len(surname) < 5 or not surname[:1].isupper() or len(self._where.get(surname, ())) > 2:
            return None
        near = {w for w, toks in self._where.items() if w != surname and w[:1] == surname[:1] and len(w) >= 5
                and len(toks) >= 2 and Levenshtein.distance(w, surname) <= 1
                and (w in self._person_words() or any(self._after_given(t) for t in toks))}
        return self.full_name(next(iter(near)), len(doc_text(self.doc))) if len(near) == 1 else None

    def _after_given(self, t: Token) -> bool:
        """The word ends a name that opens with a given name ('Jana "Jo" Moravec'), whatever the tagger
        labelled it."""
        j = t.i - 1
        while j >= 0 and t.i - j <= 4 and (self.doc[j].is_quote or self.doc[j].pos_ == "PROPN"):
            w = self.doc[j].text
            if w[:1].isupper() and not _title_word(w) and is_given_name(w):
                return True
            j -= 1
        return False

    def resolve(self, frame: Frame) -> str | None:
        """The resolved speaker of one frame; call in text order."""
        if frame.source_root is None:
            return None
        s = self.doc[frame.source_root]
        resolved, is_person = self._resolve(s, frame)
        if resolved:
            self.chain.append((frame.cue[0], resolved, is_person))
            self.said[s.i] = (resolved, is_person)
        self.reported.append(frame.content)
        return resolved

    def _resolve(self, s: Token, frame: Frame) -> tuple[str | None, bool]:
        low = s.lower_
        if low in PERSON_PRONOUNS:
            name = self._previous_person(frame.cue[0], PERSON_PRONOUNS[low], s, frame.content)
            if name:
                self.gender.setdefault(name, PERSON_PRONOUNS[low])
            return (name or s.text), bool(name)
        if low in QUANTIFIERS and not any(c.dep_ == "prep" for c in s.children):
            # "many customers … Many said …, while others said": each picks from the customers, so the
            # group is named without the quantifier it was first written with
            group = self._governing_subject(s, frame)
            if group:
                return _without_quantifier(group), False
            for _, name, is_person in reversed(self.chain[-3:]):
                if not is_person:
                    return _without_quantifier(name), False
            return s.text, False
        if low == "both" or s.tag_ == "NNS" and s.lemma_.lower() in PEOPLE | ROLE_NOUNS and s.left_edge.lower_ == "the":
            members = self._named_members(s)  # "the senators" after "three senators — A, B and C —": A, B and C
            if members:
                return members, False
        if low in GROUP_PRONOUNS:
            group = self._group_antecedent(s, frame)
            if group:
                return group, False
            for _, name, is_person in reversed(self.chain[-3:]):
                if not is_person:
                    return name, False
            return s.text, False
        ent = _entity_of(s)
        # "the Ohio senator": a description of someone named before, not a name
        epithet = s.lemma_.lower() in EPITHETS and s.tag_ in {"NN", "NNP"} and s.left_edge.lower_ == "the"
        if s.pos_ == "PROPN" and _title_word(s.text) and s.left_edge.lower_ == "the" and s.lower_ not in _QUALIFIERS:
            # "The self-styled River Sheriff said" (the tagger may call it a person): the person introduced
            # with the title ("Sheriff Ana Vell")
            holder = self._role_holder(s, frame.cue[0])
            if holder and strip_title(holder) and holder.split()[-1] != s.text:
                return holder, True
        if s.pos_ == "PROPN" and _title_word(s.text) and (ent is None or ent.label_ != "PERSON"):
            # "Director of National Intelligence Ana Vell": the title heads the phrase, the name ends it
            inner = next((e for t in s.subtree if t.i > s.i and (e := _entity_of(t)) is not None and e.label_ == "PERSON"
                          and not any(a.dep_ == "poss" for a in [e.root, *e.root.ancestors] if a.i > s.i)), None)
            if inner is not None:
                return self.full_name(_clean_name(inner.text), inner.end_char), True
        common = s.pos_ == "NOUN" or s.pos_ == "PROPN" and s.text.islower()  # "said steward Ivo Roe": a noun
        if not epithet and (s.pos_ == "PROPN" and not common or ent is not None and ent.label_ == "PERSON"):
            chain = _propn_chain(s)
            name = _clean_name(ent.text) if ent is not None and ent.label_ == "PERSON" else chain
            # the parse's compound chain where the tagger cut the name short, not where it names a full
            # person already ("Harbour Intelligence James Miller" is James Miller)
            full_ent = ent is not None and ent.label_ == "PERSON" and len(ent) > 1
            name = chain if len(chain) > len(name) and not full_ent else name
            # a person unless the tagger says otherwise and never calls the word a person, nor is an
            # abbreviated title written before it ("Rep. Ana Vell" tagged ORG is still a person)
            person = (ent is None or ent.label_ == "PERSON" or s.text in self._person_words(ever=True)
                      or any(w.endswith(".") and _title_word(w) for w in chain.split()[:-1]))
            full = self.full_name(name, s.idx + 1) if person else name
            if ent is None or ent.label_ == "PERSON" or full != name or person and s.text in self._person_words():
                return full, True
            if ent.label_ in {"ORG", "NORP"} and ent.end - ent.start > 1:
                return _clean_name(ent.text), False
        # a person named inside the phrase: "Kremlin spokesman Dmitry Peskov"
        # (not one the phrase is about: "a spokesman for Mayor Ana Vell" is not Ana Vell)
        core = _core_tokens(s)
        if frame.source is not None:  # never past the phrase as written (a heading the parse ran on into it)
            core = [t for t in core if frame.source[0] <= t.idx < frame.source[1]] or core
        for t in core:
            e = _entity_of(t)
            if e is not None and e.label_ == "PERSON" and (e.root is s or e.root.head is s and e.root.dep_ not in {"poss", "prep"}):
                return self.full_name(_clean_name(e.text), e.start_char), True
        named = [c for c in s.children if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" and c.i == s.i + 1]
        if named and common:
            return _propn_chain(named[0]), named[0].ent_type_ == "PERSON"
        if common and s.dep_ in {"nsubj", "nsubjpass"}:
            # "The bill's sponsor, Rep. Ana Vell, argued": the parser made the name a second subject
            end = max(t.i for t in s.subtree)
            for c in s.head.children:
                e = _entity_of(c) if c.dep_ == s.dep_ and c.i > s.i else None
                if (e is not None and e.label_ == "PERSON" and
                        all(t.is_punct or t.pos_ == "PROPN" for t in self.doc[end + 1 : e.start])):
                    return self.full_name(_clean_name(self.doc[min(t.i for t in c.subtree) : e.end].text), e.end_char), True
        if common:  # "one candidate, Ana Vell, the mayor of …": the person in apposition
            for c in s.children:
                e = _entity_of(c) if c.dep_ == "appos" and c.i > s.i else None
                if e is not None and e.label_ == "PERSON":
                    return self.full_name(_clean_name(e.text), e.end_char), True
            e = _placed_apposition(s)
            if e is not None:  # "the returning officer of Leaford, Dara Quill": the parse hung her on the place
                return self.full_name(_clean_name(e.text), e.end_char), True
        holder = next((c for c in s.children if c.dep_ == "poss"), None) if s.lemma_.lower() in VOICE_NOUNS else None
        if holder is not None and (e := _entity_of(holder)) is not None and e.label_ == "PERSON":
            return self.full_name(_clean_name(e.text), e.end_char), True  # "Ana Vell's office said": hers
        src = _issued_by(s) if s.lemma_.lower() in DOC_NOUNS else None
        if src is not None:  # "a statement from the company", "a memo circulated by X": who issued it
            return self._resolve(src, frame)
        if s.lemma_.lower() in DOC_NOUNS and any(c.lower_ in {"the", "this", "that"} for c in s.children):
            issuer = self._issuer(s)
            if issuer:  # "X said in a statement … The statement said": X
                return issuer
        definite = s.tag_ in {"NN", "NNP"} and (any(c.lower_ in {"the", "this", "that"} for c in s.children) or epithet)
        if s.lemma_.lower() in SPOKES_NOUNS:  # "a Harbour Board spokesman", "a spokeswoman for the board": the board
            body = self._spoken_for(s) or (self._spoken_for(intro) if definite and (intro := self._introducing(s)) else None)
            if body:
                return body, False
        if definite and (s.lemma_.lower() in ROLE_NOUNS | EPITHETS or s.lemma_.lower() in TITLE_WORDS and self._role_holder(s, frame.cue[0])):
            name = None if self._introduced_unnamed(s) else self._role_holder(s, frame.cue[0]) or (
                self._salient_person(s, "") if s.lemma_.lower() not in ANONYMOUS_ROLES else None)
            if name:
                return name, True
            introduced = self._introduced_as(s)
            if introduced:
                return introduced, False  # "A spokesman for the mayor said … the spokesman said": as introduced
            unnamed = self._unnamed_before(frame.cue[0]) if s.lemma_.lower() in ANONYMOUS_ROLES else None
            if unnamed and not self._introduced_unnamed(s):
                return unnamed, False  # "A former port inspector said … The former official said": the inspector
        if s.lemma_.lower() in SPEECH_NOUNS | {"statement"}:  # "Ana Vell's apology noted": hers
            owner = next((c for c in s.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            if owner is not None:
                return self._resolve(owner, frame)
        if s.lemma_.lower() in DOC_NOUNS | REPORT_NOUNS:  # "the Daily Courier report", "a Harbour Trust poll"
            owner = next((e for c in s.children if c.dep_ in {"compound", "poss"} and c.i < s.i
                          and (e := _entity_of(c)) is not None and e.label_ in {"ORG", "PERSON"}), None)
            if owner is not None:
                name = _clean_name(owner.text)
                return (self.full_name(name, owner.start_char), True) if owner.label_ == "PERSON" else (name, False)
        if definite and s.lemma_.lower() in ORG_NOUNS:
            name = self._org_holder(s)
            if name:
                return name, False
        text = _clean_name(doc_text(self.doc)[core[0].idx : core[-1].idx + len(core[-1].text)]) if core else s.text
        return text, False

    def _group_antecedent(self, pronoun: Token, frame: Frame) -> str | None:
        """The people "they" continues: the nearest plural noun for people (or a nationality or party,
        "Republicans") before it in its sentence, else in the sentence before (its subject first), outside
        quotes and outside what is said ("… given the objections of some lawmakers. They argued …")."""
        sent = _unit_of(pronoun)
        for own in (True, False):
            hi = pronoun.i if own else sent.end
            people = self._conjoined_people(sent, hi, frame)
            if people:  # "Ms. Vell and Mr. Roe released a statement. '…,' they said": the two of them
                return people
            cands = [t for t in self.doc[sent.start : hi] if _people_plural(t) and not self._in_quote(t)
                     and not frame.content[0] <= t.idx < frame.content[1] and t.dep_ not in {"compound", "poss"}]
            if cands:
                subj = [t for t in cands if t.dep_ in {"nsubj", "nsubjpass"}]
                t = subj[0] if subj and not own else cands[-1]
                core = [c for c in _core_tokens(t) if c.i >= t.left_edge.i] or [t]
                comma = next((c.i for c in core if c.i > t.i and c.text in {",", ";", "—", "–", "("}), None)
                core = [c for c in core if comma is None or c.i < comma and c.tag_ != "POS"] or [t]
                return _clean_name(doc_text(self.doc)[core[0].idx : core[-1].idx + len(core[-1].text)]).rstrip("’'")
            before = _unit_before(sent)
            if before is None:
                break
            sent = before
        return None

    def _conjoined_people(self, sent: Span, hi: int, frame: Frame) -> str | None:
        """Two or more named people written as one subject ("Ms. Vell and Mr. Roe released …") in the
        sentence before ``hi``, outside quotes and what is said: "A and B" with their full names."""
        for t in self.doc[sent.start : hi]:
            if t.dep_ not in {"nsubj", "nsubjpass"} or self._in_quote(t) or frame.content[0] <= t.idx < frame.content[1]:
                continue
            members, x = [t], t
            while (nxt := next((c for c in x.children if c.dep_ == "conj"), None)) is not None:
                members.append(nxt)
                x = nxt
            if len(members) < 2:
                continue
            names = [self._person_at(m, "", 0) for m in members]
            if all(names) and len(set(names)) == len(names):
                return ", ".join(names[:-1]) + " and " + names[-1]  # type: ignore[arg-type]
        return None

    def _governing_subject(self, s: Token, frame: Frame) -> str | None:
        """"X continued …, with some accusing Y": the group the quantifier picks from is X."""
        t = self.doc[frame.cue_token]
        for anc in t.ancestors:
            for c in anc.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and c.i != s.i and c.pos_ in {"NOUN", "PROPN"}:
                    core = _core_tokens(c)
                    return _clean_name(doc_text(self.doc)[core[0].idx : core[-1].idx + len(core[-1].text)])
        return None

    def _previous_person(self, pos: int, gender: str, pronoun: Token | None = None,
                         content: tuple[int, int] = (0, 0)) -> str | None:
        """The person the nearest earlier sentences are about (``_salient_person``), else the speaker chain
        (last statement's person), then the nearest person named before."""
        if pronoun is not None:
            name = self._salient_person(pronoun, gender, content=content)
            if name:
                return name
        for cpos, name, is_person in reversed(self.chain[-2:]):
            if is_person and pos - cpos < 1500 and self.gender.get(name, gender) == gender:
                return name
        for e in reversed(self.persons):
            if e.end_char <= pos and not _modifies_a_thing(e):
                name = self.full_name(_clean_name(e.text), e.start_char)
                if self.gender.get(name, gender) == gender:
                    return name
        return None

    def _in_quote(self, t: Token) -> bool:
        if self._quoted is None:
            self._quoted = [(q.start, q.end) for q in find_quotes(doc_text(self.doc))]
        return any(a <= t.idx < b for a, b in self._quoted) or _quoted_sentence(_unit_of(t))

    def _salient_person(self, pronoun: Token, gender: str, depth: int = 0, content: tuple[int, int] = (0, 0)) -> str | None:
        """The person a pronoun continues: the subject of its own sentence before it, else of the nearest
        earlier sentence whose subject (outside quotes) is a person of its gender; a subject that is
        itself a pronoun is resolved the same way. "Justice Kell was unconvinced. '…,' he told the
        court" is Kell, whoever spoke before; a sentence about no person is passed over."""
        key = (pronoun.i, gender)
        if key in self._salient:
            return self._salient[key]
        self._salient[key] = None  # a cycle ends here
        found = None
        sent = _unit_of(pronoun)
        for _ in range(4):
            if pronoun.idx - sent.end_char > 1500:
                break
            hi = pronoun.i if sent.start <= pronoun.i < sent.end else sent.end
            best: tuple[int, int, str] | None = None
            for t in self.doc[sent.start : hi]:
                if t.dep_ not in {"nsubj", "nsubjpass"} or self._in_quote(t) or content[0] <= t.idx < content[1]:
                    continue  # what is said is not who says it
                if hi == pronoun.i and (any(a <= t.idx < b for a, b in self.reported[-3:])
                                        or any(c.lower_ == "to" and c.dep_ == "aux" for c in t.head.children)):
                    continue  # nor what someone said before it in the sentence ("X said Y erred -- though he said"),
                    # nor whom a call was for ("calling for Y to step down")
                name = None if gender and _binds_other(t, gender) else self._person_at(t, gender, depth)
                if name:  # in its own sentence the nearest subject, before it the main clause's, then the first
                    main = 0 if t.head == sent.root or (t.head.dep_ == "conj" and t.head.head == sent.root) else 1
                    rank = (0, -t.i) if hi == pronoun.i else (main, t.i)
                    if best is None or rank < best[:2]:
                        best = (*rank, name, t)
            if best is not None and gender and hi != pronoun.i and self._told_gender(best[2], best[3]) is None:
                # a subject whose gender nothing tells ("Draft" tagged a person) yields to the one person of the
                # sentence whose gender the text tells and fits ("… by spokeswoman Ana Vell")
                told = {self.full_name(_clean_name(e.text), e.end_char) for e in self.persons
                        if sent.start <= e.start and e.end <= sent.end and not self._in_quote(e[0])
                        and self._told_gender(self.full_name(_clean_name(e.text), e.end_char), e) == gender}
                if len(told) == 1:
                    best = (*best[:2], next(iter(told)), best[3])
            if best is not None:
                found = best[2]
                break
            if hi == pronoun.i:
                if any(t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ == "NN" and t.lemma_.lower() in ROLE_NOUNS
                       and not self._in_quote(t) and t.head.is_ancestor(pronoun) for t in self.doc[sent.start : hi]):
                    break  # "the minister said he …": the role noun's holder, not an earlier subject
                # "when the draft reached Mr. Vell, he …": a person in a clause before it, not in what is said
                near = [e for e in self.persons if sent.start <= e.start and e.end <= hi and not self._in_quote(e[0])
                        and not _modifies_a_thing(e) and not (content[0] <= e.start_char < content[1])
                        and any(a.dep_ == "advcl" and a.head == pronoun.head for a in e.root.ancestors)]
                name = self.full_name(_clean_name(near[-1].text), near[-1].end_char) if near else None
                if name and self._gender_ok(name, near[-1], gender):
                    found = name
                    break
            elif gender or pronoun.pos_ == "NOUN":  # a pronoun of a gender, or a role noun ("the pro")
                # an earlier sentence with no person as subject: the one person it names, outside quotes
                # and not as a modifier ("Enter Ms. Vell, whose letter …"), when it names one
                named = {self.full_name(_clean_name(e.text), e.end_char): e for e in self.persons
                         if sent.start <= e.start and e.end <= sent.end and not self._in_quote(e[0])
                         and not (_modifies_a_thing(e) and e.root.head.i == e.end) and e.root.dep_ not in {"poss"}
                         and any(w.text in self._person_words() for w in e)}
                if len(named) > 1:  # of several, the one whose gender the text tells ("Ms. Vell", not "Twitter")
                    told = {n: e for n, e in named.items() if self._told_gender(n, e) == gender}
                    named = told if len(told) == 1 else named
                if len(named) == 1:
                    name, e = next(iter(named.items()))
                    if strip_title(name) and self._gender_ok(name, e, gender):
                        found = name
                        break
            before = _unit_before(sent)
            if before is None:
                break
            sent = before
        self._salient[key] = found
        return found

    def _person_at(self, t: Token, gender: str, depth: int) -> str | None:
        """The person a subject token names, if any and of the gender: a resolved speaker, a name, a
        common noun with a named apposition ("the lawyer, Ana Vell,"), a pronoun resolved in turn."""
        name: str | None = None
        if t.i in self.said:
            resolved, is_person = self.said[t.i]
            name = resolved if is_person else None
        elif t.lower_ in PERSON_PRONOUNS:
            if gender in ("", PERSON_PRONOUNS[t.lower_]) and depth < 3:
                name = self._salient_person(t, PERSON_PRONOUNS[t.lower_], depth + 1)
        else:
            e = _entity_of(t)
            if e is None or e.label_ != "PERSON":
                e = next((x for c in t.children if c.dep_ == "appos" and (x := _entity_of(c)) is not None
                          and x.label_ == "PERSON"), None)
            if e is not None and e.label_ == "PERSON" and any(w.text in self._person_words() for w in e):
                name = self.full_name(_clean_name(e.text), e.end_char)
            elif t.pos_ == "PROPN" and t.text in self._person_words():
                name = self.full_name(_propn_chain(t), t.idx)  # a name NER missed or mislabelled here
        if name and not strip_title(name):
            name = None  # "Deputy Assistant Secretary": a title the tagger took for a name
        if name and self._gender_ok(name, t, gender):
            return name
        return None

    def _person_words(self, ever: bool = False) -> set[str]:
        """The words the Doc's entities label PERSON more often than anything else ("Baku" tagged once
        as a person among many places stays a place); with ``ever``, the words labelled PERSON at all."""
        if self._pwords is None:
            votes: dict[str, Counter[str]] = {}
            for e in self.doc.ents:
                for t in e:
                    votes.setdefault(t.text, Counter())[e.label_ == "PERSON"] += 1
            # and the surname of a full name the tagger saw as a person ("Jo Moravec"), however often it
            # mistakes the surname alone for an organisation
            full = {e[-1].text for e in self.doc.ents if e.label_ == "PERSON" and len(e) > 1 and not _title_word(e[0].text)
                    and all(t.text[:1].isupper() for t in e)}
            self._pwords_ever = {w for w, c in votes.items() if c[True]}
            self._pwords = {w for w, c in votes.items() if c[True] > c[False]} | full | self._after_given_name()
        return self._pwords_ever if ever else self._pwords

    def _after_given_name(self) -> set[str]:
        """Surnames the article writes once after a given name (Jana "Jo" Moravec), among the words the
        tagger ever calls a person: a person's, however often it takes the surname alone for a body."""
        out: set[str] = set()
        for t in self.doc:
            if t.text not in self._pwords_ever or t.pos_ != "PROPN" or not t.text[:1].isupper():
                continue
            j = t.i - 1
            while j >= 0 and t.i - j <= 4 and (self.doc[j].is_quote or self.doc[j].pos_ == "PROPN"):
                w = self.doc[j].text
                if w[:1].isupper() and not _title_word(w) and is_given_name(w):
                    out.add(t.text)
                    break
                j -= 1
        return out

    def _told_gender(self, name: str, at: Token | Span) -> str | None:
        """The gender the text tells for a name: its resolved pronouns, an honorific before it or before
        its surname anywhere in the Doc; None when nothing tells it."""
        known = self.gender.get(name)
        if known is None:
            first = at[0] if isinstance(at, Span) else at
            while first.i > 0 and first.doc[first.i - 1].pos_ == "PROPN" and first.doc[first.i - 1].ent_iob_ != "O":
                first = first.doc[first.i - 1]
            before = first.doc[first.i - 1].lower_.rstrip(".") if first.i > 0 else ""
            known = (HONORIFIC_GENDER.get(before) or ROLE_GENDER.get(before)
                     or self._honorifics().get(name.split()[-1] if name else ""))
        return known

    def _gender_ok(self, name: str, at: Token | Span, gender: str) -> bool:
        """The name's gender, as its pronouns or an honorific before it ("Ms.", "Mr.") tell, fits; an
        honorific before the same surname anywhere in the Doc tells it too ("Ms. Vell" for "Ana Vell")."""
        known = self._told_gender(name, at)
        return not gender or known is None or known == gender

    def _honorifics(self) -> dict[str, str]:
        """Surname -> the gender its honorifics tell ("Ms. Vell" anywhere in the Doc), where they agree."""
        if self._hon is None:
            seen: dict[str, set[str]] = {}
            for t in self.doc[:-1]:
                g = HONORIFIC_GENDER.get(t.lower_.rstrip("."))
                if g and t.nbor().pos_ == "PROPN":
                    end = t.nbor()
                    while end.i + 1 < len(self.doc) and end.nbor().pos_ == "PROPN" and end.nbor().ent_iob_ == "I":
                        end = end.nbor()
                    seen.setdefault(end.text, set()).add(g)
            self._hon = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        return self._hon

    def _spoken_for(self, s: Token) -> str | None:
        """The organisation a spokesperson speaks for, as the phrase names it: "a spokesperson for X", "an X
        spokesman", "X's spokeswoman" where X is an organisation (a person's spokesman stays a description)."""
        for c in s.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                e = _entity_of(obj) if obj is not None else None
            elif c.dep_ in {"compound", "poss"} and c.i < s.i:
                e = _entity_of(c)
            else:
                continue
            if e is not None and e.label_ == "ORG" and not any(t.text in self._person_words() for t in e):
                return _clean_name(e.text)
        return None

    def _introducing(self, s: Token) -> Token | None:
        """The nearest earlier indefinite mention of the same role noun ("a spokesperson for X" before
        "the spokesperson said"), within the last 1,500 characters."""
        role = s.lemma_.lower()
        if self._lemmas is None:
            self._lemmas = _tokens_by(self.doc, lambda t: t.lemma_.lower().rstrip("."))
        earlier = [t for t in self._lemmas.get(role, ()) if t.i < s.i and s.idx - t.idx < 1500
                   and any(c.lower_ in {"a", "an", "one"} for c in t.children)]
        return earlier[-1] if earlier else None

    def _named_members(self, s: Token) -> str | None:
        """The people a plural phrase refers back to when the text named them all: the nearest earlier
        mention of the same plural noun (for "both", any plural noun) within 1,500 characters with two or
        more persons in apposition ("three state senators — A, B and C —", "its senators, A and B,")."""
        noun = s.lemma_.lower()
        for t in reversed(self.doc[max(0, s.i - 400) : s.i]):
            if s.idx - t.idx > 1500:
                break
            if t.tag_ != "NNS" or (noun != "both" and t.lemma_.lower() != noun) or self._in_quote(t):
                continue
            names = self._listed_names(t)
            names = list(dict.fromkeys(names))
            if len(names) >= 2:
                return ", ".join(names[:-1]) + " and " + names[-1]
        return None

    def _listed_names(self, t: Token) -> list[str]:
        """The full names listed right after a plural noun, set off by a comma or a dash ("senators, A and
        B," / "councillors — A, B and C, all …"): read off the words, as the parse may hang them anywhere."""
        doc, i = self.doc, t.i + 1
        if i >= len(doc) or doc[i].text not in {",", "—", "–", ":"}:
            return []
        runs: list[Span] = []
        i += 1
        while i < len(doc):
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            if j == i:
                break
            runs.append(doc[i:j])
            k = j
            while k < len(doc) and doc[k].lower_ in {",", "and"}:
                k += 1
            if k == j or doc[j].text != "," and doc[j].lower_ != "and":
                break
            i = k
        people = [r for r in runs if len(r) > 1 and all(not _title_word(w.text) for w in r[-1:])]
        if len(people) < 2 or not any(w.ent_type_ == "PERSON" for r in people for w in r):
            return []
        return [self.full_name(_clean_name(r.text), r.end_char) for r in people]

    def _introduced_unnamed(self, s: Token) -> bool:
        """"the official" after "an official said": the same unnamed source, not a named person."""
        return self._introduction(s) is not None

    def _introduction(self, s: Token) -> Token | None:
        """The nearest earlier indefinite mention of the role ("an official" for "the official"), outside
        quotes, that names no one, within 2,000 tokens; None when there is none."""
        role = s.lemma_.lower()
        return next((t for t in reversed(self.doc[max(0, s.i - 2000) : s.i])
                     if t.lemma_.lower() == role and any(c.lower_ in {"a", "an", "one"} for c in t.children)
                     and not (t.dep_ == "appos" and t.head.ent_type_ == "PERSON")  # "Ana Vell, a lawyer," is named
                     # nor is a role someone says they held ('"I was a federal prosecutor," he said'): no source
                     and t.dep_ not in {"attr", "oprd"} and not self._in_quote(t)), None)

    def _introduced_as(self, s: Token) -> str | None:
        """How the text introduced the unnamed source "the spokesperson" refers back to, when that mention
        was a statement's source: "A spokesperson for the mayor" (up to a comma, at most 12 words)."""
        t = self._introduction(s)
        if t is None or t.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        core = [c for c in _core_tokens(t) if c.i >= t.left_edge.i]
        comma = next((c.i for c in core if c.i > t.i and c.text in {",", ";", "—", "–", "("}), None)
        core = [c for c in core if comma is None or c.i < comma]
        if not core or len(core) > 12:
            return None
        return _clean_name(doc_text(self.doc)[core[0].idx : core[-1].idx + len(core[-1].text)])

    def _issuer(self, s: Token) -> tuple[str, bool] | None:
        """Who issued the document a definite "the statement"/"the report" refers back to: the nearest
        earlier one of that noun with a "from"/"by" or possessive owner, or said "in" by a resolved speaker."""
        noun = s.lemma_.lower()
        if self._lemmas is None:
            self._lemmas = _tokens_by(self.doc, lambda t: t.lemma_.lower().rstrip("."))
        same = {noun, DOC_SAME.get(noun, noun)}
        same |= {k for k, v in DOC_SAME.items() if v in same}
        earlier = sorted((t for form in same for t in self._lemmas.get(form, ()) if t.i < s.i and s.idx - t.idx < 3000),
                         key=lambda t: t.i)
        for t in reversed(earlier):
            if t.i in self.said and self.said[t.i][0].lower().split()[-1:] != [t.lemma_.lower()]:
                return self.said[t.i]  # the earlier statement, already resolved to whoever issued it
            owner = _issued_by(t)
            owner = owner or next((c for c in t.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}), None)
            if owner is not None and owner.i in self.said:
                return self.said[owner.i]
            if owner is not None and owner.pos_ == "NOUN":  # "a letter from her lawyer, Ana Vell,": the lawyer named
                e = next((x for c in owner.children if c.dep_ == "appos" and c.i > owner.i
                          and (x := _entity_of(c)) is not None and x.label_ == "PERSON"), None)
                if e is not None:
                    return self.full_name(_clean_name(e.text), e.end_char), True
            if owner is not None and owner.pos_ == "PROPN":
                e = next((x for t in owner.subtree if (x := _entity_of(t)) is not None and x.label_ == "PERSON"), None)
                e = e or _entity_of(owner)  # "by White House Counsel Ana Vell": the person, not the house
                if e is not None and e.label_ == "PERSON":
                    return self.full_name(_clean_name(e.text), e.start_char), True
                if e is not None and e.label_ in {"ORG", "NORP", "GPE"}:
                    return _clean_name(e.text), False
            if t.dep_ == "dobj" and t.head.lemma_.lower() in ISSUING:  # "X sent the letter", "X released an ad"
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i in self.said:
                    return self.said[subj.i]
                if subj is not None and subj.pos_ in {"PROPN", "NOUN"} and subj.lower_ not in QUANTIFIERS:
                    return self._resolve(subj, Frame(cue=(t.head.idx, t.head.idx), content=(0, 0), source=None,
                                                     kind="indirect", cue_token=t.head.i, source_root=subj.i))
            verb = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "prep" else None
            if verb is not None:
                subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in self.said), None)
                if subj is not None:
                    return self.said[subj.i]
        return None

    def _org_holder(self, s: Token) -> str | None:
        """"The company", "the ministry": the nearest organisation named before whose name holds the noun
        (or the noun's capitalised modifiers: "the Eastport group" for "the Eastport Dockers' Guild"), else the organisation the nearest earlier sentence (of the last three) has as its subject."""
        noun = s.lemma_.lower()
        orgs = [e for e in self.doc.ents if e.label_ == "ORG" and e.end_char <= s.idx and s.idx - e.end_char < 3000]
        mods = [c.text for c in s.lefts if c.pos_ == "PROPN"]
        if mods:  # "the Eastport group": the organisation named before whose name holds "Eastport"
            mods += [t.text for c in s.lefts if c.pos_ == "PROPN" for t in c.lefts if t.pos_ == "PROPN"]
            named = [e for e in orgs if all(m in {t.text for t in e} for m in mods) and e.end <= s.left_edge.i]
            if named:
                return _clean_name(named[-1].text)
        for e in reversed(orgs):
            if any(t.lemma_.lower() == noun or t.lower_ == noun for t in e):
                return _clean_name(e.text)
            # "the Harbour Trust, a conservation group, …": the group is the Trust
            if any(c.dep_ == "appos" and c.lemma_.lower() == noun for c in e.root.children):
                return _clean_name(e.text)
        described = self._described_as(s)
        if described:
            return described
        sent = sent_of(s)
        for _ in range(3):
            before = _unit_before(sent)
            if before is None:
                break
            sent = before
            subj = [e for e in orgs if sent.start <= e.start < sent.end and e.root.dep_ in {"nsubj", "nsubjpass"}
                    and not self._in_quote(e.root) and not any(t.text in self._person_words() for t in e)]
            if subj:
                return _clean_name(subj[0].text)
        return None

    def _unnamed_before(self, pos: int) -> str | None:
        """The unnamed source of the statement just before (within 1,000 characters), as the text introduced
        it ("a former port inspector"), when it was introduced so; None when that speaker was named."""
        if not self.chain:
            return None
        for cpos, name, is_person in reversed(self.chain[-3:]):
            if pos - cpos > 1000:
                break
            if not is_person and name.split()[0].lower() in {"a", "an", "one"}:
                return name  # past a named person quoted in between ("X said …, the official said")
        return None

    def _described_as(self, s: Token) -> str | None:
        """"The site" after "Courier.net, a website run by …": the nearest earlier name (the tagger may have
        missed it) set off by a comma before an apposition whose noun is, or ends with, this one, within
        3,000 characters (read off the words: the parse may hang the apposition on the verb)."""
        noun = s.lemma_.lower()
        for c in reversed(self.doc[max(0, s.i - 600) : s.i]):
            if s.idx - c.idx > 3000:
                break
            if c.dep_ != "appos" or c.pos_ != "NOUN" or not c.lemma_.lower().endswith(noun) or c.left_edge.i < 2:
                continue
            comma, t = self.doc[c.left_edge.i - 1], self.doc[c.left_edge.i - 2]
            if comma.text != "," or not t.text[:1].isupper() or self._in_quote(t):
                continue
            e = _entity_of(t)
            if e is not None and e.label_ == "PERSON" or t.text in self._person_words():
                return None  # "Ana Vell, a board member": a person, not the board
            return _clean_name(e.text) if e is not None else _propn_chain(t) if t.pos_ == "PROPN" else t.text
        return None

    def _role_holder(self, s: Token, pos: int) -> str | None:
        """The person introduced earlier with the same role noun (and its modifiers, when given)."""
        role = s.lemma_.lower()
        mods = {c.lower_ for c in s.children if c.dep_ in {"compound", "amod"}}
        best, best_score = None, (-1, 0)
        if self._lemmas is None:
            self._lemmas = _tokens_by(self.doc, lambda t: t.lemma_.lower().rstrip("."))
        mods -= {"former", "top", "senior", "new", "then"}
        titled = sorted((t for form in {role, *ROLE_FORMS.get(role, ())} for t in self._lemmas.get(form, ())), key=lambda t: t.i)
        for t in titled:
            if t.idx >= pos:
                break
            if t.i == s.i:
                continue
            j = t.i - 1
            while j > 0 and self.doc[j].text == ".":  # "Lt. Gov." may split as "Lt" "." "Gov."
                j -= 1
            prev = self.doc[j].lower_.rstrip(".") if j >= 0 else ""
            if prev in _QUALIFIERS and prev not in mods:
                continue  # "Vice President Roe" is not "the president"
            for person in self.persons:
                if person.start_char >= pos:
                    continue
                if person.start - 3 <= t.i < person.start:  # "President Ana Vell", "Kremlin spokesman Ana Vell"
                    between = self.doc[t.i + 1 : person.start]
                    if any(w.pos_ not in {"PROPN", "PUNCT"} for w in between):
                        continue
                    base = 2
                elif person.end <= t.i <= person.end + 9 and person.root in t.ancestors:  # "Ana Vell, the governor"
                    base = 1
                else:
                    continue
                window = self.doc[max(0, t.i - 3) : t.i]
                # the role, its modifiers, then how often the text names the person (the story's governor
                # over one named once in passing)
                score = (len(mods & {w.lower_ for w in window}) * 2 + base,
                         sum(p.root.text == person.root.text for p in self.persons))
                if score >= best_score:
                    written = f"{t.text} {_clean_name(person.text)}" if base == 2 else _clean_name(person.text)
                    best, best_score = self.full_name(written, person.start_char), score
        return best
