"""Whom a speaker speaks for: the organisation, party, country or group the text attaches to them.

A contested question's third voices (speakers other than its two seed holders) join a side; text
similarity tells little of which (``compare.contest._sides``), but the camp a speaker belongs to
often does: a union's spokeswoman is on the union's side. The affiliation is read from stored
analyses, not a new parse: the named organisations, groups (NORP) and places attached to a
speaker's mentions by position - a premodifier chain ("Harbour Union chief Lena Ost", "Liberal
Sen. X"), a possessive ("the federation's X"), an apposition (", a spokeswoman for the Transit
Authority,"), "X of ORG", a parenthesised or comma-set party code ("(L-Northfield)"), and a body
speaking for itself ("the federation", "union leaders"). Hand-written over spaCy's dependency
parse: compare runs on stored records without Docs (``text.terms``), and re-parsing every
speaker's sentences would double the comparison's cost for what four positional patterns find.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

from rashomon.compare.sides import OFFICIAL_ROLES, _prefix_match
from rashomon.compare.spans import Inside
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Mention

__all__ = ["GROUP_LABELS", "mention_affiliations", "attribution_affiliations", "story_affiliations", "allied"]

GROUP_LABELS = ("ORG", "NORP", "GPE")
# The kinds of affiliation that make a camp: named bodies and groups, party codes, the person themself,
# the person a speaker is "'s" of, and a body speaking for itself (GPE, a place, is left out).
LABELS: frozenset[str] = frozenset({"ORG", "NORP", "CODE", "SELF", "PERSON", "BODY"})
_BEFORE = 70  # how far before a name a premodifier chain may start (chars)
_AFTER = 110  # how far after a name an apposition may reach
# A premodifier chain between an organisation and a name: titles and role words, no clause break.
_CHAIN = re.compile(r"^(?:['’]s)?(?:\s+[A-Za-z][\w.\-]*){0,5}\s+$")
# A party or group code set after a name: "(L-Northfield)", ", L-Northfield,".
_CODE = re.compile(r"^\s*[,(]\s*([A-Z]{1,3})-[A-Z]")
# "X of the Harbour Union", "X for Team Halvard": a preposition and a capitalised name right after a name.
_OF = re.compile(r"^\s+(?:of|for|at|from)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s*)+")
_PRONOUNS = frozenset("he she they it we i you him her them his hers their its this that these those who which one".split())


def _key(text: str, entity: str | None, entities: dict[str, Entity]) -> str:
    """One spelling per affiliation: the resolved entity's name, else the text, without "the", "'s"
    or a plural s ("the Liberals" and "Liberal" are one key)."""
    name = entities[entity].canonical if entity and entity in entities else text
    name = re.sub(r"(?:['’]s|['’])$", "", name.strip()).casefold()
    name = re.sub(r"^the\s+", "", name)
    return name[:-1] if name.endswith("s") and not name.endswith(("ss", "us", "ws", "is")) and len(name) > 4 else name


class _Article:
    """One article's group mentions, sentences and person mentions, looked up by offset."""

    def __init__(self, article: Article, analysis: ArticleAnalysis, entities: dict[str, Entity]) -> None:
        self.body = article.body
        self.entities = entities
        self.groups = [m for m in analysis.mentions if m.label in GROUP_LABELS or m.label == "PERSON"]
        self.inside = Inside(self.groups)
        self.starts = sorted(s for s, _ in analysis.sentences)
        self.ends = {s: e for s, e in analysis.sentences}

    def sentence(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.starts, offset)
        if not k:
            return 0, len(self.body)
        s = self.starts[k - 1]
        return s, self.ends[s]

    def key(self, m: Mention) -> str:
        if m.label == "PERSON":  # "the mayor's spokesman": allied with the mayor himself
            return m.entity if m.entity else _key(m.text.split()[-1], None, self.entities)
        return _key(m.text, m.entity, self.entities)

    def around(self, start: int, end: int) -> list[tuple[str, str]]:
        """(label, key) of the groups attached to a name at ``start:end``, nearest pattern first."""
        s0, s1 = self.sentence(start)
        out: list[tuple[str, str]] = []
        # before: "Harbour Union chief X", "the federation's X"
        for k in reversed(self.inside.within(max(s0, start - _BEFORE), start)):
            m = self.groups[k]
            gap = self.body[m.end : start]
            if m.end <= start and _CHAIN.match(gap) and (m.label != "PERSON" or gap.startswith(("'s", "’s"))):
                out.append((m.label, self.key(m)))
                break
        # after: a code, an apposition up to its closing comma, "of ORG", a parenthesis
        tail = self.body[end : min(s1, end + _AFTER)]
        code = _CODE.match(tail)
        if code:
            out.append(("CODE", code.group(1).casefold()))
        stop = None
        if tail.startswith((",", " (", " —", " -")):
            close = re.search(r"[)]|,(?!\s*(?:[A-Z]{1,3}-|who\b))|[;.](?:\s|$)|\b(?:said|says|told|added)\b", tail[1:])
            stop = 1 + (close.start() if close else len(tail) - 1)
        elif of := _OF.match(tail):
            stop = of.end()
        if stop:
            for k in self.inside.within(end, end + stop):
                m = self.groups[k]
                if m.label != "PERSON":
                    out.append((m.label, self.key(m)))
        return out


def mention_affiliations(article: Article, analysis: ArticleAnalysis, entities: dict[str, Entity], start: int, end: int) -> list[tuple[str, str]]:
    """(label, key) of the groups the text attaches to the name at ``start:end`` of ``article``."""
    return _Article(article, analysis, entities).around(start, end)


def _body_words(phrase: str, last: bool = True) -> list[str]:
    """A body speaking without a name ("the federation", "union leaders"): the last word of a short
    phrase that is not a role or a generic person ("leaders", "officials"), or nothing. With ``last``
    False, a title before a name ("Union steward"): its first such word, before any comma."""
    found = re.findall(r"[A-Za-z][A-Za-z'’-]+", phrase if last else phrase.split(",")[-1])
    if not found or len(found) > 4:
        return []
    for w in reversed(found) if last else found:
        low = w.casefold()
        if low in _PRONOUNS or low in _GENERIC or any(low.startswith(r.rstrip("=")) for r in OFFICIAL_ROLES if " " not in r):
            continue
        return [_key(low, None, {})]
    return []


# Words of a speaker phrase that name no camp: determiners, quantities, generic people and roles.
_GENERIC = frozenset(
    "a an the some several many most few other others both all two three four five several senior top former "
    "new local person people man men woman women source sources leader leaders member members aide aides "
    "representative representatives expert experts analyst analysts observer observers witness witnesses resident "
    "residents critic critics supporter supporters opponent opponents head chief chiefs director spokesman spokeswoman "
    "statement report reports group groups team staff worker workers lawmaker lawmakers and or of for with in on at "
    "it who which what mr mrs ms dr unnamed unidentified anonymous another only multiple former acting deputy vice "
    "executive general press secretary sen rep gov lt col gen said says told according".split()
)


def attribution_affiliations(art: _Article, a: Attribution, person: bool) -> list[tuple[str, str]]:
    """(label, key) read from a statement's speaker phrase: the groups it names, or the body itself."""
    out = []
    for k in art.inside.within(a.speaker_start, a.speaker_end):
        m = art.groups[k]
        if m.label != "PERSON":
            out.append((m.label, art.key(m)))
        else:
            if not person:  # a name the resolver did not link: what the text sets around it here
                person = True
                out += art.around(m.start, m.end)
            # "Union steward X": a body named by a common noun before the name, no mention of its own
            out += [("BODY", w) for w in _body_words(art.body[a.speaker_start : m.start], last=False)]
    if not out and not person:
        out = [("BODY", w) for w in _body_words(a.speaker)]
    return out


def story_affiliations(
    speakers: Iterable[tuple[str, str, Attribution | None]], articles: dict[str, Article], analyses: dict[str, ArticleAnalysis],
    entities: dict[str, Entity], labels: frozenset[str] | None = None,
) -> dict[str, frozenset[str]]:
    """Each speaker key's affiliations over a story: what its statements' speaker phrases name and what
    the text attaches to every mention of its resolved entity in the story's articles.

    ``speakers`` holds (speaker key, article id, attribution) per statement. A person is allied with
    themself (their key), so "the mayor's spokesman" sides with the mayor. Only the kinds of affiliation
    in ``labels`` count (``LABELS``: places are no camp, a lawmaker's home state); keys are folded across
    the story (``_fold``).
    """
    cache: dict[str, _Article] = {}

    def art(aid: str) -> _Article | None:
        if aid not in cache and aid in articles and aid in analyses:
            cache[aid] = _Article(articles[aid], analyses[aid], entities)
        return cache.get(aid)

    found: dict[str, Counter[tuple[str, str]]] = {}
    entity_of: dict[str, str] = {}
    seen: dict[str, None] = {}  # the story's articles that hold a statement, in order
    for key, aid, a in speakers:
        seen.setdefault(aid)
        if a is None or key.startswith(("outlet:", "anon:")):
            continue
        c = found.setdefault(key, Counter())
        article = art(aid)
        if article is None:
            continue
        person = bool(a.speaker_entity and a.speaker_entity in entities and entities[a.speaker_entity].label == "PERSON")
        if person:
            entity_of[key] = a.speaker_entity  # type: ignore[assignment]
            c[("SELF", key)] += 1
        c.update(attribution_affiliations(article, a, person))
    if entity_of:
        wanted = {e: k for k, e in entity_of.items()}
        for aid in seen:
            article = art(aid)
            if article is None:
                continue
            for m in article.groups:
                if m.label == "PERSON" and m.entity in wanted:
                    found[wanted[m.entity]].update(article.around(m.start, m.end))
    keep = LABELS if labels is None else labels
    folded = _fold({k for c in found.values() for (label, k) in c if label in keep}, {k for c in found.values() for (label, k) in c if label == "NORP"})
    return {key: frozenset(folded[k] for (label, k) in c if label in keep) for key, c in found.items()}


def _fold(keys: set[str], groups: set[str]) -> dict[str, str]:
    """One key per camp across a story: "liberal" and "liberal party" share a stem of the shorter
    (``sides._prefix_match``: Liberal~Liberals), and a one-letter code ("l") is the story's one group
    (NORP) starting with it, where only one does."""
    out: dict[str, str] = {}
    heads: dict[str, set[str]] = {}  # "union" -> the story's named bodies ending in it ("harbour workers union")
    for k in keys:
        if " " in k:
            heads.setdefault(_key(k.split()[-1], None, {}), set()).add(k)
    ordered = sorted(keys, key=lambda k: (len(k), k))
    for k in ordered:
        if len(k) <= 3 and k.isalpha():
            starts = sorted({out.get(g, g) for g in groups if g.startswith(k) and len(g) > 3})
            out[k] = starts[0] if len(starts) == 1 else k
            continue
        if " " not in k and len(heads.get(k, ())) == 1:  # "the union": the story's one named union
            out[k] = next(iter(heads[k]))
            continue
        out[k] = next((out[o] for o in ordered if o != k and len(o) > 3 and o in out and _same_camp(o, k)), k)
    return out


def _same_camp(shorter: str, longer: str) -> bool:
    """"liberal" and "liberal party", "federation" and "federations": one camp."""
    first = longer.split()[0]
    return _prefix_match(shorter, first) and len(shorter.split()) == 1


def allied(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Two speakers share a camp."""
    return bool(mine & theirs)
