"""Link each attribution's speaker to an entity: by the mention at the head of the speaker span,
else by the antecedent text the attribution stage resolved (pronouns, role nouns), else none.

Groups and anonymous sources ("Russian prosecutors", "an owner of a flower shop") get no
entity: a mention inside the span only counts when it ends where the speaker phrase ends. Three
kinds of speaker are read first through ``resolve.documents``: a document ("the letter says") links
to the author the article gives it, a body noun ("the site", "the office") to the body named before,
and a party's members ("Republican lawmakers", "some in the party") to the party.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Callable

from rashomon.model import Attribution, ArticleAnalysis
from rashomon.resolve.documents import BODIES, DOCUMENTS, Named, document_author, head_of, party_of_members
from rashomon.resolve.names import clean_span, given_compatible, parse_person, translit_key, words
from rashomon.resolve.orgs import DOMAIN, PARTY_NICKNAMES, org_key
from rashomon.resolve.places import norm, norp_key, place_key
from rashomon.resolve.work import _Work, _title_stripped

_MODIFIER = re.compile(r"\b(?:of|for|in|near|at|from|with|by|on|to|about|against)\b|,", re.IGNORECASE)
_UNNAMED = re.compile(r"(?:a|an|one|some|two|three|several|many|another)\s", re.IGNORECASE)
_PRONOUNS = frozenset("he she they it we i you him her them his its their this that who".split())

if TYPE_CHECKING:
    from rashomon.model import SpanKey


class _Index:
    """Lookups from a name as written to the entity it names, built once per resolution."""

    def __init__(self, works: "list[_Work]", key_to_id: dict[str, str], is_place: Callable[[str], bool]) -> None:
        self.key_to_id = key_to_id
        self.is_place = is_place
        self.by_article: dict[str, list[_Work]] = defaultdict(list)
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.people: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.form: dict[int, str] = {}
        self.forms_of: dict[str, set[str]] = defaultdict(set)  # entity id -> every form of it in the corpus
        self._named: dict[str, list[Named]] = {}
        # look-ups by ending offset, by form and by surname within an article, and each article's
        # mentions by start with the furthest end so far: a scan of every mention per speaker made a
        # very long article's speakers quadratic (issue 23); answers keep the mentions' own order
        self._pos: dict[int, int] = {}
        self._by_end: dict[tuple[str, int], list[_Work]] = defaultdict(list)
        self._by_form: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        self._by_surname: dict[tuple[str, str], list[_Work]] = defaultdict(list)
        for w in works:
            eid = key_to_id[w.key]
            self._pos[id(w)] = len(self.by_article[w.article])
            self.by_article[w.article].append(w)
            form = norm(_title_stripped(w))
            self.form[id(w)] = form
            self._by_end[(w.article, w.cend)].append(w)
            self._by_form[(w.article, form)].append(w)
            if norm(w.text) != form:
                self._by_form[(w.article, norm(w.text))].append(w)
            if w.person is not None:
                self._by_surname[(w.article, w.person.surname_key)].append(w)
            self.surfaces[form][eid] += 1
            self.surfaces[norm(w.text)][eid] += 1
            self.forms_of[eid].update((form, norm(w.text), *(norm(x) for x in w.extra)))
            if w.person is not None and w.key.startswith("PERSON"):
                self.people[w.person.surname_key].append((w.person.given, eid))
        self._starts: dict[str, tuple[list[int], list[int], list[_Work]]] = {}
        for article, ws in self.by_article.items():
            ordered = sorted(ws, key=lambda w: w.cstart)
            reach, furthest = [], -1
            for w in ordered:
                furthest = max(furthest, w.cend)
                reach.append(furthest)
            self._starts[article] = ([w.cstart for w in ordered], reach, ordered)

    def _in_order(self, ws: "list[_Work]") -> "list[_Work]":
        """Mentions in the order the article's list holds them, each once."""
        seen = {id(w): w for w in ws}
        return sorted(seen.values(), key=lambda w: self._pos[id(w)])

    def _around(self, article: str, cs: int, ce: int) -> "list[_Work]":
        """The article's mentions holding the span ``cs..ce`` (start at or before, end at or after)."""
        starts, reach, ordered = self._starts.get(article, ([], [], []))
        out = []
        k = bisect_right(starts, cs) - 1
        while k >= 0 and reach[k] >= ce:
            if ordered[k].cend >= ce:
                out.append(ordered[k])
            k -= 1
        return self._in_order(out)

    def from_span(self, article: str, speaker: str, start: int) -> str | None:
        text, cs, ce = clean_span(speaker, start)
        if not text:
            return None
        # a mention ending the phrase is its speaker only when nothing but a title stands before it
        # ("Kremlin spokesman Dana Roe"), not inside a modifier ("an owner of a shop in Moscow")
        inside = [w for w in self._by_end.get((article, ce), []) if cs <= w.cstart
                  and not _MODIFIER.search(speaker[cs - start : w.cstart - start])]
        around = self._around(article, cs, ce)
        cands = inside or around
        if not cands:
            return None
        best = max(cands, key=lambda w: (w.cend - w.cstart, w.key.startswith("PERSON")))
        return self.key_to_id[best.key]

    def from_text(self, article: str, text: str | None, before: int) -> str | None:
        if not text:
            return None
        clean, _, _ = clean_span(text)
        # "a baker from a shop in Eastport" is an unnamed source: no name to parse out of it, not the place
        unnamed = bool(_UNNAMED.match(text.strip()))
        p = parse_person(clean) if clean[-1:].isalpha() and words(clean)[-1][:1].isupper() and not unnamed else None
        forms = {norm(clean)} | ({norm(p.display)} if p else set())
        local = self._in_order([w for f in forms for w in self._by_form.get((article, f), [])])
        if local:
            prior = [w for w in local if w.cstart < before]
            return self.key_to_id[(prior[-1] if prior else local[0]).key]
        for f in forms:
            c = self.surfaces.get(f)
            if c and len(c) == 1:
                return next(iter(c))
        if unnamed:
            return None
        if p is not None:
            key = translit_key(p.surname.split()[-1])
            # the full name, else the person this article names by that surname ("Alisher Roe" → "Roe")
            eid = self._person(article, p.given, key, before) or (self._person(article, (), key, before) if p.given else None)
            if eid:
                return eid
            surname = norm(p.surname.split()[-1])
            alone = [w for w in self._by_form.get((article, surname), []) if w.key.startswith("PERSON") and self.form[id(w)] == surname]
            if alone:  # the article names the person by the surname alone (the full name was never tagged)
                prior = [w for w in alone if w.cstart < before]
                return self.key_to_id[(prior[-1] if prior else alone[0]).key]
        for key in ("ORG|" + org_key(clean, self.is_place).as_str(), "PLACE|" + place_key(clean), "NORP|" + norp_key(clean)):
            if key in self.key_to_id:
                return self.key_to_id[key]
        return None

    def named(self, article: str) -> list[Named]:
        """The article's linked mentions in text order, for the document and party look-ups."""
        if article not in self._named:
            self._named[article] = [Named(w.cstart, w.cend, w.text, re.split(r"[|#]", w.key, maxsplit=1)[0], self.key_to_id[w.key])
                                    for w in self._starts.get(article, ([], [], []))[2]]
        return self._named[article]

    def is_party(self, n: Named) -> bool:
        """A political party: one of its names says "party" or is a party's nickname, or a people's name
        the corpus also writes as "<name> Party" ("Republicans": "Republican Party")."""
        if n.kind == "PERSON":
            return False
        forms = self.forms_of.get(n.entity, set())
        if any(re.search(r"\bparty\b", f) or f in PARTY_NICKNAMES for f in forms):
            return True
        one = norm(n.text)
        one = one[:-1] if one.endswith("s") else one
        return n.kind == "NORP" and bool(self.surfaces.get(one + " party")) or n.kind == "NORP" and bool(self.surfaces.get(one + "ic party"))

    def is_body(self, n: Named, noun: str) -> bool:
        """The entity is a body of the kind ``noun`` names: one of its names says so ("Harbour Weekly
        magazine", "Office of the Registrar"), a site's name is an address, a party is a party."""
        if n.kind == "PERSON":
            return False
        if noun == "party":
            return self.is_party(n)
        forms = self.forms_of.get(n.entity, set())
        if noun in ("site", "website", "blog") and any(DOMAIN.search(f) or f.endswith(" com") for f in forms):
            return True
        return any(re.search(r"\b" + re.escape(noun) + r"\b", f) for f in forms)

    def _person(self, article: str, given: tuple[str, ...], surname_key: str, before: int) -> str | None:
        if not given:  # a bare surname: the latest full name in the article, else the only one
            local = [w for w in self._by_surname.get((article, surname_key), []) if w.cstart < before]
            if local:
                return self.key_to_id[local[-1].key]
        ids = {eid for g, eid in self.people.get(surname_key, []) if given_compatible(given, g)}
        return ids.pop() if len(ids) == 1 else None


_SEVERAL = re.compile(r"^[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)+(?:, [A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)+)* and "
                      r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)+$")


def _several(resolved: str | None) -> bool:
    """A resolved speaker that lists several full names ("Ana Vell and Ivo Roe"), as the attribution stage
    writes a group the text named member by member."""
    return bool(resolved) and bool(_SEVERAL.match(resolved or ""))


def _phrases(a: Attribution, body: str) -> list[tuple[str, int]]:
    """The speaker as written, and the phrase it was resolved to where the body holds it before the statement."""
    out = [(a.speaker, a.speaker_start)]
    r = a.speaker_resolved
    if r and r != a.speaker and body:
        inside = a.speaker.find(r)
        at = a.speaker_start + inside if inside >= 0 else body.rfind(r, 0, a.speaker_start)
        if at >= 0:
            out.append((r, at))
    return out


def _group_speaker(a: Attribution, body: str, index: _Index, art: str) -> str | None:
    """A document's author, a body named before, or the party of a group of its members (resolve.documents)."""
    named = index.named(art)
    for phrase, at in _phrases(a, body):
        if head_of(phrase, at, DOCUMENTS | BODIES) is not None:
            hit = document_author(body, named, phrase, at, index.is_body)
        else:
            hit = party_of_members(body, named, phrase, at, index.is_party, index.is_body)
        if hit is not None:
            return hit.entity
    return None


def link_speakers(analyses: list[ArticleAnalysis], index: _Index, bodies: Mapping[str, str] | None = None) -> "dict[SpanKey, str]":
    """Speaker span → entity id, for every attribution whose speaker names an entity (``bodies``, the
    articles' texts, for speakers that are documents, bodies or a party's members)."""
    out: dict[tuple[str, int, int], str] = {}
    for an in analyses:
        for a in an.attributions:
            art = a.article or an.article
            body = (bodies or {}).get(art, "")
            eid = None
            head = head_of(a.speaker, a.speaker_start, DOCUMENTS) if body else None
            if head is not None and a.speaker_resolved and a.speaker_resolved != a.speaker:
                eid = _named_speaker(a, index, art)  # the analysis read the document's author off the text
            if eid is None and body:
                eid = _group_speaker(a, body, index, art)
            if eid is None:
                eid = _named_speaker(a, index, art)
            if eid is not None:
                out[(art, a.speaker_start, a.speaker_end)] = eid
    return out


def _named_speaker(a: Attribution, index: _Index, art: str) -> str | None:
    """The entity a speaker names: the mention heading its span, else the text it was resolved to."""
    core = a.speaker.find(a.speaker_resolved) if a.speaker_resolved and a.speaker_resolved != a.speaker else -1
    if core >= 0:  # the phrase's head without appositions and clauses: "X, a lawyer in Y" is X, never Y
        return (index.from_span(art, a.speaker_resolved, a.speaker_start + core)
                or index.from_text(art, a.speaker_resolved, a.speaker_start))
    if _several(a.speaker_resolved):
        return None  # "the senators" resolved to "A, B and C": several people, none of them alone
    eid = index.from_span(art, a.speaker, a.speaker_start)
    if eid is None and a.speaker_resolved:
        eid = index.from_text(art, a.speaker_resolved, a.speaker_start)
    elif eid is None and a.speaker.strip().lower() not in _PRONOUNS:  # a name NER missed
        eid = index.from_text(art, a.speaker, a.speaker_start)
    return eid
