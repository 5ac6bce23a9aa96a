"""Speakers that are documents, bodies or a party's members, linked to the body or author the article names.

"The letter says", "the ad concludes", "the site said": a document speaks for whoever issued it, so
its speaker is the author the article gives it ("a letter signed by the members of the Republican
caucus", "the ad, paid for by the Roe Foundation", "the union's report", "the mayor released a
report"). "The magazine", "the office", "the party" speak as the body the article named before
("Harbour Weekly ... the magazine"). "Republican lawmakers", "some in the party" are members of a
party, so they link to the party. Pure functions over an article's body and its linked mentions;
places never speak (a "letter from Moscow" is not written by Moscow).

Hand-written patterns over the text rather than a dependency parse: resolution runs over stored
analyses without spaCy, and the few shapes that introduce a document's author ("X's letter",
"a letter from/signed by X", "X released a letter") are read reliably from plain text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Things written or broadcast that "say" what their author says. Vocabulary, not names.
DOCUMENTS = frozenset(
    """
    letter letters memo memorandum report statement statements release ad ads advertisement commercial spot
    video voice-over voiceover announcer narrator headline cover story article editorial column op-ed post tweet email e-mail
    study survey lawsuit suit complaint filing motion petition document documents record records ruling
    bill legislation measure proposal plan resolution transcript notice audit review analysis
    """.split()
)
# Words naming the same kind of document ("the ad" introduced as "a television commercial").
_SAME_KIND = (frozenset("ad ads advertisement commercial spot video".split()), frozenset("statement statements release".split()),
              frozenset("memo memorandum".split()), frozenset("lawsuit suit complaint filing".split()),
              frozenset("letter letters".split()), frozenset("record records document documents".split()))
# Parts of a document that speak for it ("a voice-over at the end of the ad", "the headline on the story").
_PARTS = frozenset("voice-over voiceover announcer narrator headline cover".split())
_BROADCAST = frozenset("voice-over voiceover announcer narrator".split())  # parts of an ad, when the phrase names none
# Bodies that speak as a body ("the magazine said"), anaphora for the body the article named.
BODIES = frozenset(
    """
    site website blog magazine newspaper paper outlet network station office agency department ministry
    committee party company firm organization organisation union council board bureau commission panel
    university institute foundation association coalition caucus group
    """.split()
)
_PUBLISHERS = frozenset("site website blog magazine newspaper paper outlet network station".split())
# A party's members speaking as a group ("Republican lawmakers", "GOP leaders").
MEMBERS = frozenset(
    """
    lawmakers legislators senators representatives congressmen congresswomen members leaders officials aides
    staffers strategists operatives insiders activists candidates governors delegates chairmen conservatives
    moderates liberals leadership
    """.split()
)
_LEAD = frozenset("the a an this that these those its his her their our some many most several few other others "
                  "both all top senior leading key prominent".split())
_COUNTS = frozenset("at least one two three four five six seven eight nine ten dozen dozens handful number "
                    "conservative moderate liberal".split())
_BY = r"(?:(?:signed|written|sent|issued|released|paid\s+for|sponsored|produced|published|put\s+out|filed|posted|authored|" \
      r"drafted|funded|run|brought|circulated|commissioned)\s+(?:\w+\s+)?by|from)"
_ISSUED = r"(?:sent|wrote|released|issued|published|put\s+out|filed|unveiled|launched|posted|ran|aired|sent\s+out|signed|" \
          r"delivered|circulated|distributed|drafted|introduced|commissioned)"
_WORD = re.compile(r"[\w][\w'’\-.]*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s+(?=[\"“'‘]?[A-Z])|\n\s*\n")
_POSSESSIVE = re.compile(r"['’]s?$")
_BOUNDARY = frozenset("of in at for from by with to on about over who which that whose said says and or , released "
                      "signed sent issued paid written obtained including".split())
_INDEFINITE = frozenset("a an one another some".split())


@dataclass(frozen=True)
class Named:
    """A linked mention of an article: where it is, what the text says and which entity it names."""

    start: int
    end: int
    text: str
    kind: str  # "PERSON", "ORG", "NORP", "PLACE", ...
    entity: str


@dataclass(frozen=True)
class Head:
    """A speaker phrase read as determiners and modifiers, a head noun, and what follows it."""

    noun: str  # the head noun, lower-case
    head_start: int  # offset of the head noun in the body
    pre_end: int  # offset where the words before the head end
    post: str  # the phrase after the head noun
    post_start: int


def head_of(phrase: str, start: int, nouns: frozenset[str]) -> Head | None:
    """The first word of ``nouns`` in ``phrase`` that heads it, with only determiners and modifiers
    before it and nothing but the phrase's end, a comma, a preposition or a participle after it
    ("The Roe letter" -> letter; "a release from the office" -> release; "a party chairman",
    "the group's director", "officials in X" -> None)."""
    tokens = list(_WORD.finditer(phrase))
    for i, m in enumerate(tokens):
        word = m.group().lower().rstrip(".")
        # a capitalised "Report" or "Party" past the phrase's first word is part of a name ("the Roe Report")
        if word in nouns and (m.group()[:1].islower() or not m.start()):
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            gap = phrase[m.end(): tokens[i + 1].start()] if i + 1 < len(tokens) else ""
            if not nxt or "," in gap or nxt in _BOUNDARY or (nxt.endswith(("ed", "ing")) and len(nxt) > 4):
                return Head(word, start + m.start(), start + m.start(), phrase[m.end():], start + m.end())
            return None
        if _POSSESSIVE.search(m.group()) and word.rstrip("'’s") in nouns:  # "the group's director"
            return None
        if word in _BOUNDARY or word in MEMBERS or "," in phrase[m.end(): m.end() + 2]:  # "Roe, a group": a name's apposition
            return None
    return None


def _between(named: Sequence[Named], lo: int, hi: int) -> Sequence[Named]:
    """The mentions starting in ``lo..hi`` (``named`` is in text order): a look-up, not a scan of the
    article per speaker (a long article's speakers stay linear, issue 23)."""
    return named[bisect_left(named, lo, key=lambda n: n.start): bisect_left(named, hi, key=lambda n: n.start)]


def _speaks(n: Named, persons: bool = True) -> bool:
    """A mention that may be an author or body: never a place, a person only where ``persons``."""
    return n.kind not in ("PLACE", "GPE", "LOC", "FAC", "DATE") and (persons or n.kind != "PERSON")


def _first_in(named: Sequence[Named], start: int, end: int, persons: bool = True) -> Named | None:
    """The first linked mention inside ``start..end`` that may speak."""
    return next((n for n in _between(named, start, end) if n.end <= end and _speaks(n, persons)), None)


def _last_before(named: Sequence[Named], end: int, window: int, persons: bool = True) -> Named | None:
    """The last linked mention ending at or before ``end`` (within ``window`` chars) that may speak."""
    hits = [n for n in _between(named, end - window, end) if n.end <= end and _speaks(n, persons)]
    return hits[-1] if hits else None


def _sentence(body: str, at: int, reach: int = 1000) -> tuple[int, int]:
    """The sentence of ``body`` holding offset ``at``, looked for within ``reach`` chars either side."""
    lo = max(0, at - reach)
    starts = [m.end() for m in _SENTENCE_END.finditer(body, lo, at)]
    begin = starts[-1] if starts else lo
    m = _SENTENCE_END.search(body, at, min(len(body), at + reach))
    return begin, m.start() + 1 if m else min(len(body), at + reach)


def _kinds(noun: str) -> frozenset[str]:
    """The nouns naming the same kind of document as ``noun``."""
    return next((k for k in _SAME_KIND if noun in k), frozenset({noun}))


def author_at(body: str, named: Sequence[Named], at: int, end: int, is_body: Callable[[Named, str], bool]) -> Named | None:
    """Who issued the document the text names at ``at..end``: its possessor or modifier ("the union's
    report", "the Roe Foundation letter"), the agent after it ("a letter signed by X", "an ad paid for by
    X", "a release from X"), or the subject that issued it ("X released a report")."""
    s0, s1 = _sentence(body, at)
    before = body[s0:at]
    # "X's new report", "the Roe Foundation report": a mention right before the noun (a determiner or two between)
    owner = _last_before(named, at, 60)
    if owner is not None and re.fullmatch(r"(?:['’]s?)?(?:\s+[\w\-]+){0,2}\s+", body[owner.end: at]) and \
            not re.search(r"\b(?:a|an|the|to|of|in|on|for|at|by|with|and|about|said|says)\s+$", body[owner.end: at] + " "):
        return owner
    agent = agent_after(body, named, end, s1, is_body, at)
    if agent is not None or re.match(r"[,\s]*(?:\w+\s+)?" + _BY + r"\s+", body[end:s1]):
        return agent
    issued = re.search(_ISSUED + r"(?:\s+\w+)?\s+(?:a|an|the|its|his|her|their|two|identical)\s+(?:[\w\-]+\s+){0,3}$", before)
    if issued:
        subject = _last_before(named, s0 + issued.start(), 80)
        if subject is not None and not re.search(r"[;:]|\b(?:that|which|who)\b", body[subject.end: s0 + issued.start()]):
            return subject
    return None


def agent_after(body: str, named: Sequence[Named], end: int, stop: int, is_body: Callable[[Named, str], bool],
                at: int | None = None) -> Named | None:
    """The agent named right after a document ("... signed by X", "..., paid for by X", "... from X"), or
    the body that made it set off after it ("the group that produced the ad, X, ...")."""
    after = re.match(r"[,\s]*(?:\w+\s+)?" + _BY + r"\s+", body[end:stop])
    if after:
        return body_in(body, named, end + after.end(), stop, is_body)
    if at is not None and re.search(r"\b(?:" + "|".join(BODIES) + r")\s+(?:that|which|who)\s+(?:" + _ISSUED +
                                    r"|produced|made|paid\s+for|created|sponsored|is\s+behind|was\s+behind)\s+(?:the|an|a|this)\s+$",
                                    body[max(0, at - 80): at]):
        apposed = re.match(r",\s+", body[end:stop])
        return body_in(body, named, end + apposed.end(), stop, is_body) if apposed else None
    return None


def body_in(body: str, named: Sequence[Named], start: int, end: int, is_body: Callable[[Named, str], bool]) -> Named | None:
    """The body or person a noun phrase starting at ``start`` names: the mention that heads it (nothing
    after it but the phrase's end, a possessive or a body noun: "the Roe Foundation", "Mayor Ana Roe's
    office", "members of the Harbour caucus"; not "a Harbour analyst"), else "the magazine" read as
    the body the article named before; a place never."""
    stop = re.search(r"[,;:(]|\s(?:who|which|that|and|to|on|in|at|after|before|when|about)\s", body[start:end])
    np_end = start + stop.start() if stop else end
    for n in [n for n in _between(named, start, min(np_end, start + 80)) if n.end <= np_end]:
        tail = body[n.end: np_end]
        if not re.fullmatch(r"(?:['’]s?)?\s*(?:(?:[\w\-]+\s+){0,2}(?:" + "|".join(BODIES) + r")s?\b.*)?", tail, re.S):
            continue
        if not re.fullmatch(r"[\w\s,'’\-.]*", body[start: n.start]):
            return None
        return n if _speaks(n) else None
    m = re.match(r"\s*(?:the|its|this|that)\s+([\w\-]+)", body[start:np_end], re.IGNORECASE)
    if m and m.group(1).lower() in BODIES:
        return antecedent_body(body, named, start, m.group(1).lower(), is_body)
    return None


def antecedent_body(body: str, named: Sequence[Named], before: int, noun: str, is_body: Callable[[Named, str], bool],
                    window: int = 3000, ahead: int = 600) -> Named | None:
    """The body "the <noun>" refers to: the latest mention before ``before`` that is such a body (its
    name or the article calls it so: "Harbour Weekly magazine", "RoeNews.com, a website"), else the
    first one in the next ``ahead`` chars (the headline, not in the body, may have named it)."""
    earlier = [n for n in _between(named, before - window, before) if n.end <= before and _speaks(n, persons=False)]
    later = [n for n in _between(named, before + 1, before + ahead) if _speaks(n, persons=False)]
    for n in [*reversed(earlier), *later]:
        if is_body(n, noun):
            return n
        # "RoeNews.com, a conservative website", "Harbour Weekly magazine"
        described = re.match(r"(?:,\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}|\s+)" + re.escape(noun) + r"\b", body[n.end: n.end + 80], re.I)
        if described:
            return n
    return None


def document_author(body: str, named: Sequence[Named], phrase: str, start: int,
                    is_body: Callable[[Named, str], bool]) -> Named | None:
    """The author or body a document or body speaker stands for ("the letter" -> the caucus that signed
    it; "the site" -> the website named before), or None where the article does not say."""
    head = head_of(phrase, start, DOCUMENTS | BODIES)
    if head is None:
        return None
    end = start + len(phrase)
    if any(n.start <= head.head_start < n.end for n in _between(named, head.head_start - 200, head.head_start + 1)):  # the noun is part of a name: "Office of the Registrar"
        return None
    if head.noun in BODIES:
        if phrase.split()[0].lower() in _INDEFINITE:  # "a conservative group": a body described, not named
            return None
        inside = _first_in(named, start, head.head_start, persons=False)
        return inside or antecedent_body(body, named, start, head.noun, is_body)
    inside = _first_in(named, start, head.head_start)
    if inside is not None:  # "Mr. Roe's statement", "the Harbour Union letter"
        return inside
    by = re.match(r"[,\s]*(?:\w+\s+)?" + _BY + r"\s+", head.post)
    if by:  # "a release from the mayor's office", "the statement released by each office": the phrase says who
        return body_in(body, named, head.post_start + by.end(), end, is_body)
    if head.noun in _PARTS or head.noun in ("story", "article", "headline", "cover"):
        owner = re.search(r"\b(?:the|its)\s+([\w\-]+)['’]s\b", head.post)  # "the headline on the magazine's story"
        if owner and owner.group(1).lower() in _PUBLISHERS:
            return antecedent_body(body, named, start, owner.group(1).lower(), is_body)
    nouns = _kinds(head.noun)
    if head.noun in _PARTS:  # "a voice-over at the end of the ad", "an unseen announcer": the ad's author
        named_docs = frozenset(w for w in (m.group().lower() for m in _WORD.finditer(head.post)) if w in DOCUMENTS)
        nouns = frozenset(k for w in named_docs or (_kinds("ad") if head.noun in _BROADCAST else nouns) for k in _kinds(w))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True)) + r")\b", re.I)
    earlier = [m for m in pattern.finditer(body, max(0, start - 6000), start)]
    later = [m for m in pattern.finditer(body, end, min(len(body), end + 600))]
    for m in reversed(earlier):
        author = author_at(body, named, m.start(), m.end(), is_body)
        if author is not None:
            return author
    for m in later:  # "... the ad ... The ad, paid for by the Roe Fund": only an agent after the noun
        author = agent_after(body, named, m.end(), _sentence(body, m.start())[1], is_body, m.start())
        if author is not None:
            return author
    return None


def party_of_members(body: str, named: Sequence[Named], phrase: str, start: int,
                     is_party: Callable[[Named], bool], is_body: Callable[[Named, str], bool]) -> Named | None:
    """The party a group of its members speaks for: "Republican lawmakers", "top GOP officials", "some in
    the party", "members of the Labour Party in the Senate"; None for anything else."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(phrase)]
    if not words:
        return None
    cut = next((i for i, (_, _, w) in enumerate(words) if w.lower() in ("who", "which", "that", "including", "such")), len(words))
    words = words[:cut]
    low = [w.lower().rstrip(".") for _, _, w in words]
    # "Republican lawmakers": determiners, the party and modifiers, then a member noun ending the phrase
    if low and low[-1] in MEMBERS:
        party = [n for n in _between(named, start, start + words[-1][0]) if n.end <= start + words[-1][0] and is_party(n)]
        modifiers = all(lw in _LEAD or lw in _COUNTS or w[:1].isupper() for (_, _, w), lw in zip(words[:-1], low[:-1]))
        return party[0] if len(party) == 1 and modifiers else None
    # "some in the party", "members of the Greens in the Assembly": members, then "in/of/within" the party
    for i, lw in enumerate(low):
        if lw in ("in", "of", "within", "from"):
            if not all(x in _LEAD or x in _COUNTS or x in MEMBERS or words[j][2][:1].isupper() for j, x in enumerate(low[:i])):
                return None
            rest_at = start + words[i][1]
            found = next((n for n in _between(named, rest_at, rest_at + 20) if is_party(n)), None)
            if found is not None and re.fullmatch(r"\s*(?:the\s+)?", body[rest_at: found.start], re.I) and \
                    re.match(r"\s*(?:$|[,;:(]|(?:in|on|at|who|which|that|from|and)\b)", phrase[found.end - start:]):
                return found
            if low[i + 1: i + 2] == ["party"] or low[i + 1: i + 3] == ["the", "party"]:
                return antecedent_body(body, named, start, "party", lambda n, _noun: is_party(n))
            return None
    return None
