"""Cluster every mention of a corpus into entities, then link attribution speakers to them.

Order of work: clean surfaces and vote each surface's class across the corpus (the small spaCy
model tags one string PERSON here and ORG there); inside each article, link bare surnames and
coordinated given names to the full names they abbreviate and give unqualified organisations the
qualifier an earlier mention stated; then cluster across articles by blocking keys (surname key,
organisation qualifier+head, place/people key), never all pairs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from spacy.lang.en.stop_words import STOP_WORDS

from rashomon.model import Article, ArticleAnalysis, Entity, Resolution, SpanKey  # Resolution, SpanKey: re-exported
from rashomon.resolve.names import (
    TITLE_WORDS, PersonName, ascii_fold, clean_span, is_given_name, is_initial, parse_person, strip_title, translit_key,
    words,
)
from rashomon.resolve.orgs import DOMAIN, PARTY_NICKNAMES, OrgKey, org_key, org_words, qualifier_before
from rashomon.resolve.persons import cluster_full_names, surname_blocks
from rashomon.resolve.dek import link_dek_speakers
from rashomon.resolve.speakers import _Index, link_speakers
from rashomon.resolve.work import _Work, _title_stripped
from rashomon.resolve.places import looks_like_demonym, norm, norp_key, place_key, stem, table_group

NOT_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
PLACE_LABELS = ("GPE", "LOC", "FAC")
_PRIORITY = {"PLACE": 4, "NORP": 3, "PERSON": 2, "ORG": 1}
_KIN = re.compile(r"\b(?:brothers|sisters|sons|daughters|twins|siblings|cousins|couple|spouses|parents)\s+$", re.I)
_FAMILY = re.compile(r"^\s+(?:brothers|sisters|family|families|twins|couple|siblings|clan)\b", re.I)
# "the younger Smith", "the elder Smith daughter", "four men named Smith": a description that picks
# someone out of a family by the surname, never a reference to the one full name said before
_DESCRIBED = re.compile(r"\b(?:younger|youngest|elder|eldest|older|oldest|named|surnamed|(?:last|family)\s+name)\s+$", re.I)
_TITLE_ABBREV = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "col": "colonel",
                 "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "maj": "major", "prof": "professor",
                 "rev": "reverend", "fr": "father"}
_TITLE_MODIFIERS = frozenset("former ex then late acting the".split())
_GENERIC_TITLES = frozenset("mr mrs ms miss dr sir".split())  # say nothing about which of a family is meant
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_COORD = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+$")
# words that may sit inside a title phrase before a name but never end it: "House Majority Leader",
# "White House press secretary", "Secretary of State", "county police officer", "U.S. District Judge"
_ROLE_INNER = frozenset("house senate white press majority minority state district county city police highway patrol "
                        "national federal assistant associate deputy us u.s of circuit supreme court".split())
_TITLE_TOKEN = re.compile(r"[\w.\-]+")


def _cls(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


def _collect(analyses: list[ArticleAnalysis], articles: dict[str, Article]) -> dict[str, list[_Work]]:
    by_article: dict[str, list[_Work]] = defaultdict(list)
    for an in analyses:
        art = articles.get(an.article)
        published = (art.published or "") if art else ""
        for m in an.mentions:
            if m.label in NOT_ENTITIES:
                continue
            text, cs, ce = clean_span(m.text, m.start)
            if not re.search(r"[^\W\d_]", text):
                continue
            order = (published, an.article, m.start)
            body = articles[an.article].body or "" if an.article in articles else ""
            w = _Work(m.article or an.article, m.start, m.end, m.label, text, cs, ce, order)
            w.company = bool(body and _COMPANY_SUFFIX.match(body, ce))
            by_article[an.article].append(w)
    for ws in by_article.values():
        ws.sort(key=lambda w: (w.cstart, w.cend))
    return by_article


class _Vocab:
    """Corpus-wide votes: which class each surface mostly gets, which words name places."""

    def __init__(self, works: list[_Work]) -> None:
        self.votes: dict[str, Counter[str]] = defaultdict(Counter)
        for w in works:
            self.votes[norm(w.text)][_cls(w.label)] += 1
        self.companies = {norm(w.text) for w in works if w.company}
        self.place_names = {n for n, c in self.votes.items() if self._top(c) == "PLACE"}
        self.place_stems = {stem(n) for n in self.place_names}
        self.qual_stems = self.place_stems | {stem(n) for n, c in self.votes.items() if self._top(c) == "NORP"}

    @staticmethod
    def _top(c: Counter[str]) -> str:
        return max(c, key=lambda k: (c[k], _PRIORITY.get(k, 0)))

    def vote(self, text: str) -> str:
        if norm(text) in self.companies:
            return "ORG"
        hit = table_group(text)
        if hit:
            return "PLACE" if hit[0] == "GPE" else "NORP"
        if looks_like_demonym(text, self.place_names, self.place_stems):
            return "NORP"
        return self._top(self.votes[norm(text)])

    def is_place(self, text: str) -> bool:
        if not text[:1].isupper():
            return False
        return table_group(text) is not None or norm(text) in self.place_names or (
            stem(text) in self.qual_stems and len(text.split()) == 1
        )

    def seen_as(self, text: str) -> str:
        """The class the corpus mostly gives this surface, "" when it was never a mention."""
        c = self.votes.get(norm(text))
        return self._top(c) if c else ""

    def ever_person(self, text: str) -> bool:
        return self.votes[norm(text)]["PERSON"] > 0


def _titled_name(text: str) -> bool:
    """A span the model did not tag PERSON that reads as a title and a person's full name: its
    first word a role title, the next a given name the nickname table knows ("Sheriff Jo Ames";
    never "General Electric Company")."""
    toks = words(text)
    rest = strip_title(toks)
    if len(rest) < 2 or len(rest) == len(toks) or not all(t[:1].isupper() for t in rest):
        return False
    if re.sub(r"[^a-z]", "", ascii_fold(toks[0]).lower()) not in TITLE_WORDS:
        return False
    return is_given_name(rest[0])


def _link_people(ws: list[_Work], body: str, known_full: set[tuple[str, str]], vocab: _Vocab) -> None:
    """Inside one article: full names, coordinated given names, bare surnames and given names."""
    for w in ws:
        if w.cls == "PERSON":
            p = parse_person(w.text)
            if p and p.full:
                w.person = p
        elif _titled_name(w.text):  # "Bishop Anna Roe" tagged ORG: a title and a given name make a person
            w.person, w.cls = parse_person(w.text), "PERSON"
    for i, w in enumerate(ws):  # "Reps. Ann Lee, Bo Park and Emil Roe": a given name in a list of people
        if w.person or w.cls not in ("ORG", "PLACE", "NORP") or len(words(w.text)) != 2 or table_group(w.text) \
                or not is_given_name(words(w.text)[0]) or not all(t[:1].isupper() for t in words(w.text)):
            continue
        if _listed_people(ws, i, body) >= 2:  # one neighbour may be a body the model read as a person
            p = parse_person(w.text)
            if p and p.full:
                w.person, w.cls = p, "PERSON"
    for i, w in enumerate(ws):  # "brothers Ziyaddin and Huseyn Safarov"
        if w.person or len(words(w.text)) != 1 or table_group(w.text):
            continue
        nxt = next((n for n in ws[i + 1:] if n.cstart >= w.cend), None)
        if nxt is None or nxt.person is None or not _COORD.match(body[w.cend: nxt.cstart]):
            continue
        p = PersonName((w.text,), nxt.person.surname)
        if _KIN.search(body[max(0, w.cstart - 20): w.cstart]) or (p.given_key, p.surname_key) in known_full:
            w.person, w.cls, w.surface = p, "PERSON", w.text
    fulls = [w for w in ws if w.person]
    # fulls by surname and by given name, in order, built once: a scan of every full name for each
    # surname grew with the square of an article's size (issue 23); the loop never changes a full's person
    by_surname: dict[str, list[_Work]] = defaultdict(list)
    by_given: dict[str, list[_Work]] = defaultdict(list)
    for f in fulls:
        if f.person:
            by_surname[f.person.surname_key].append(f)
            by_given[f.person.given_key].append(f)
    for w in ws:
        if w.person or table_group(w.text) or w.cls not in ("PERSON", "ORG", "PLACE", "NORP"):
            continue
        stripped = strip_title(words(w.text))
        p = parse_person(w.text) if w.cls == "PERSON" else PersonName((), " ".join(stripped))
        if p is None or p.full or len(words(p.surname)) != 1:
            continue
        if _FAMILY.match(body[w.cend: w.cend + 20]):  # "the Safarov brothers" names a family
            w.cls, w.family = "PERSON", True
            continue
        if _DESCRIBED.search(body[max(0, w.cstart - 25): w.cstart]):  # "the younger Safarov"
            w.cls, w.family = "PERSON", True
            continue
        key = translit_key(p.surname)
        same = [f for f in by_surname.get(key, ()) if f.person and (not p.suffix_key or f.person.suffix_key == p.suffix_key)]
        people = {(f.person.given_key, f.person.suffix_key) for f in same if f.person}
        before = [f for f in same if f.cstart < w.cstart]
        if len(people) > 1:  # two people of one surname here: only a title they share tells which
            w.link = _by_title(w, same, body)
        elif before:
            w.link = before[-1]
        elif len(people) == 1:
            w.link = same[0]
        elif w.cls == "PERSON" and not same:
            given = by_given.get(key, [])
            if len({f.person.surname_key for f in given if f.person}) == 1:
                w.link = given[0]
            elif not given and len(words(w.text)) == 1:  # "Mark Roe, whose son, James, ...": the corpus's James Roe
                kin = {f.person.surname for sk, group in by_surname.items() if (key, sk) in known_full for f in group if f.person}
                if len(kin) == 1:
                    w.person, w.surface = PersonName((w.text,), kin.pop()), w.text
                    continue
        if w.link is not None:
            w.cls = "PERSON"
            w.surface = w.surface or p.display  # a title-picked link keeps its title


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)")


def _listed_people(ws: list[_Work], i: int, body: str) -> int:
    """How many full names of people stand in one list ("A, B and C") with the mention ws[i]."""
    n = 0
    for step in (-1, 1):
        j, cur = i, ws[i]
        while 0 <= j + step < len(ws):
            j += step
            other = ws[j]
            gap = body[other.cend: cur.cstart] if step < 0 else body[cur.cend: other.cstart]
            if (other.cend > cur.cstart if step < 0 else other.cstart < cur.cend):
                continue  # an overlapping mention
            if other.person is None or not _LIST_SEP.fullmatch(gap):
                break
            n, cur = n + 1, other
    return n


def _titles(w: _Work, body: str) -> tuple[set[str], int]:
    """Role titles said with a mention, inside its span ("Sen. Jane Roe") or right before it
    ("former Vice President | Roe"), honorifics such as Mr. or Dr. left out; and where the
    titles said before it start."""
    inside = list(words(w.text))
    toks = inside[: len(inside) - len(strip_title(inside))]
    start = w.cstart
    window = body[max(0, w.cstart - 60): w.cstart]
    for m in reversed(list(re.finditer(r"[\w.\-]+", window))):
        parts = [re.sub(r"[^a-z]", "", ascii_fold(t).lower()) for t in m.group().split("-")]
        if not all(x in TITLE_WORDS or x in _TITLE_MODIFIERS or x in _TITLE_ABBREV for x in parts if x) \
                or body[w.cstart - len(window) + m.end(): start].strip():
            break
        toks.append(m.group())
        start = w.cstart - len(window) + m.start()
    out = set()
    for tok in toks:
        for t in tok.split("-"):
            x = re.sub(r"[^a-z]", "", ascii_fold(t).lower())
            x = _TITLE_ABBREV.get(x, x)
            if x in TITLE_WORDS and x not in _GENERIC_TITLES:
                out.add(x)
    return out, start


def _token_kind(tok: str) -> str:
    """'title' (a role title or its abbreviation), 'modifier' ("former", "ex-"), 'inner' (a role
    word that sits inside a title phrase) or '' for one token of a title phrase."""
    parts = [re.sub(r"[^a-z]", "", ascii_fold(t).lower()) for t in tok.split("-")]
    parts = [_TITLE_ABBREV.get(x, x) for x in parts if x]
    if not parts:
        return ""
    if any(x in TITLE_WORDS for x in parts) and all(x in TITLE_WORDS or x in _TITLE_MODIFIERS for x in parts):
        return "title"
    if all(x in _TITLE_MODIFIERS - {"the"} for x in parts):
        return "modifier"
    if tok.lower().rstrip(".") in _ROLE_INNER or all(x in _ROLE_INNER for x in parts):
        return "inner"
    return ""


def _opens_sentence(body: str, at: int) -> bool:
    """Whether the word at ``at`` is the first of its sentence or paragraph."""
    head = body[max(0, at - 4): at].rstrip(" \t")
    return at == 0 or not head or head[-1] in ".!?\"”\n"


def _titled_forms(w: _Work, body: str, covered: dict[int, int]) -> tuple[str, ...]:
    """The name as the text writes it with its title phrase ("former Democratic Illinois Sen. Jane
    Roe"), and each shorter form of it that still holds a title ("Sen. Jane Roe"): a reader may
    name the person by any of them. Places, parties and bodies named before the title (``covered``:
    start -> end of the article's place, people and organisation mentions), "former" and role words
    may sit inside the phrase; it needs one title word, before the name or inside its span."""
    inside = list(words(w.text))
    titled_inside = len(inside) > len(strip_title(inside))
    window = body[max(0, w.cstart - 90): w.cstart]
    base = w.cstart - len(window)
    starts: list[tuple[int, str]] = []  # (offset, kind) of each token of the phrase, right to left
    at = w.cstart
    for m in reversed(list(_TITLE_TOKEN.finditer(window))):
        s, e = base + m.start(), base + m.end()
        if body[e: at].strip() or len(starts) >= 8:
            break
        kind = _token_kind(m.group())
        if not kind and m.group()[:1].isupper() and any(cs <= s and e - len(m.group()) + len(m.group().rstrip(".")) <= ce
                                                        for cs, ce in covered.items()):
            kind = "named"
        if not kind and starts and m.group()[:1].isupper() and m.group().lower() not in STOP_WORDS:
            kind = "word"  # "Fisheries Minister": a capitalised word inside the phrase
        if not kind:
            break
        starts.append((s, kind))
        at = s
    while starts and (starts[-1][1] == "inner" and not body[starts[-1][0]].isupper()  # "of" opens no phrase
                      or starts[-1][1] == "word" and _opens_sentence(body, starts[-1][0])):
        starts.pop()  # "Yesterday Minister Roe": a capitalised word opening the sentence is no title
    out = []
    has_title = titled_inside
    for i, (s, kind) in enumerate(starts):
        has_title = has_title or kind == "title"
        opens = kind in ("title", "modifier", "word") or (kind == "named" and s in covered) or (
            kind == "inner" and body[s: s + 1].isupper())
        if has_title and opens:
            out.append(" ".join(body[s: w.cend].split()))
    return tuple(out)


_COMPANY_SUFFIX = re.compile(r",?\s+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|Corp|PLC|LLP|L\.L\.P|GmbH)\b\.?")
_OUTLET_KIND = re.compile(r"\s+(?:magazine|newspaper|news agency|news service|website|radio|television|weekly|daily)\b")


def _outlet_form(w: _Work, body: str, ends: dict[int, _Work]) -> tuple[str, ...]:
    """"the Daily Courier's Jane Roe": a person named by the body they work for (an organisation
    mention ending in a possessive right before the name) is also known by that form."""
    hit = re.search(r"(?:['’]s?)\s+$", body[max(0, w.cstart - 4): w.cstart])
    org = ends.get(w.cstart - len(hit.group())) if hit else None
    person = parse_person(w.text)
    if org is None or person is None or not person.full:
        return ()
    return (" ".join(body[org.cstart: w.cend].split()),)


def _by_title(w: _Work, same: list[_Work], body: str) -> _Work | None:
    """The one person among ``same`` (full names sharing w's surname) whose title w repeats;
    w is then named by its title too ("Vice President Roe"), as the bare surname names several."""
    mine, start = _titles(w, body)
    if not mine:
        return None
    hits = [f for f in same if _titles(f, body)[0] & mine]
    if len({(f.person.given_key, f.person.suffix_key) for f in hits if f.person}) != 1:
        return None
    w.surface = clean_span(body[start: w.cend])[0]
    prior = [f for f in hits if f.cstart < w.cstart]
    return prior[-1] if prior else hits[0]


def _key_orgs(ws: list[_Work], body: str, vocab: _Vocab, acronyms: dict[str, set[str]]) -> None:
    """Inside one article: organisation keys, with the qualifier said before or said earlier (unless
    the article named the body unqualified first: then the bare name is the general body);
    "Long Name (ACR)" records the acronym for every article."""
    last_qualifier: dict[tuple[str, ...], str] = {}
    general: set[tuple[str, ...]] = set()  # heads this article names unqualified first ("the Tea Party")
    for i, w in enumerate(ws):
        if w.cls != "ORG" or w.link is not None or w.person is not None:
            continue
        k = org_key(w.text, vocab.is_place)
        if not k.head:  # the whole name is a place: "Azerbaijan" tagged ORG as its government
            w.cls = "PLACE"
            continue
        if not k.qualifier:
            q = qualifier_before(body, w.cstart, vocab.is_place)
            if q:
                k = OrgKey(q[0], k.head)
                w.surface = body[q[1]: w.cend]
            elif k.head in last_qualifier and k.head not in general:
                k = OrgKey(last_qualifier[k.head], k.head)
            elif k.head not in last_qualifier:  # said bare before any qualified form: the general body
                general.add(k.head)
        if k.qualifier:
            last_qualifier[k.head] = k.qualifier
        w.key = "ORG|" + k.as_str()
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if nxt is not None and _ACRONYM.fullmatch(nxt.text) and re.fullmatch(r"\s*\(\s*", body[w.cend: nxt.cstart]) \
                and len(k.head) > 1:
            acronyms[nxt.text].add(w.key)


_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]\.?|[A-Z][A-Z&]{1,6}")
_SMALL = frozenset("of the and for on in at to a an & de du la le del".split())


def acronym_letters(text: str) -> str:
    """"F.B.I." and "FBI" -> "FBI"; "" when the text is not shaped like an acronym."""
    t = text.strip()
    return t.replace(".", "") if _DOTTED.fullmatch(t) else ""


def initials(name: str) -> set[str]:
    """The acronyms a long name may take: initials of its capitalised words ("National Association
    for the Advancement of Colored People" -> "NAACP"), of all its words ("Defense of Marriage Act"
    -> "DOMA"), with dotted parts spelled out ("U.S. Conference of Catholic Bishops" -> "USCCB")."""
    toks = [t for t in re.split(r"[\s\-–,]+", ascii_fold(name)) if t and t != "&"]
    if len(toks) < 2:
        return set()
    def first(t: str) -> str:
        return t.replace(".", "").upper() if _DOTTED.fullmatch(t) else t[:1].upper()
    out = {"".join(first(t) for t in toks if t[:1].isupper()),
           "".join(first(t) for t in toks if t.lower() not in ("the", "and", "&")),
           "".join(first(t) for t in toks)}
    return {x for x in out if len(x) >= 2}


def _key_acronyms(works: list[_Work], acronyms: dict[str, set[str]]) -> None:
    """An acronym names the body it was defined for ("Long Name (ACR)") when the corpus defines it
    only once; else the one organisation or law of the corpus whose initials it spells (the one
    named in its own article when the corpus has several); dotted and plain forms are one."""
    long_forms: dict[str, set[str]] = defaultdict(set)
    in_article: dict[tuple[str, str], set[str]] = defaultdict(set)
    for w in works:
        if w.cls in ("ORG", "LAW") and w.link is None and w.person is None and not acronym_letters(w.text):
            w.key = w.key or f"{w.cls}|{norm(w.text)}"
            for acr in initials(w.text):
                long_forms[acr].add(w.key)
                in_article[(w.article, acr)].add(w.key)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    shaped = []
    for w in works:
        letters = acronym_letters(w.text)
        qualified = w.key.startswith("ORG|") and w.key.split("|")[1] != ""  # "Michigan GOP": keep its qualifier
        if letters and w.link is None and w.person is None and not table_group(w.text) and letters.lower() not in PARTY_NICKNAMES \
                and not w.key.startswith("PERSON#") and not qualified:
            shaped.append((w, letters))
            votes[letters][w.cls] += 1
    for w, letters in shaped:
        keys = acronyms.get(w.text) or acronyms.get(letters)
        if not keys or len(keys) != 1:
            keys = long_forms.get(letters, set())
            if len(keys) != 1:
                keys = in_article.get((w.article, letters), set())
        if len(keys) == 1:
            w.key = next(iter(keys))
            w.cls = w.key.split("|", 1)[0]
        else:
            cls = max(votes[letters], key=lambda c: (votes[letters][c], c == "ORG"))
            w.key, w.cls = f"{cls}|acr {letters.lower()}", cls


# Words that make a longer name a part of the body the shorter one names ("Senate" / "Senate
# Judiciary Committee", "Harvard" / "Harvard Law School"), not a fuller name of it.
_SUB_BODY = frozenset("committee subcommittee commission department ministry office bureau council board caucus "
                      "division unit branch chapter wing school faculty campaign administration foundation institute "
                      "center centre fund team union league conference panel court agency service".split())


def _key_extensions(works: list[_Work]) -> None:
    """A short organisation name that one longer name (or one chain of them) of the corpus extends
    with trailing words is that body ("Verizon" / "Verizon Wireless", "Roe Stores" / "Roe Stores
    Inc"); where the corpus extends it in several ways, the one extension its own article uses."""
    orgs = [w for w in works if w.cls == "ORG" and w.key.startswith("ORG|")]
    seqs: dict[tuple[str, ...], set[str]] = defaultdict(set)
    in_article: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for w in orgs:
        t = org_words(w.text)
        if t:
            seqs[t].add(w.key)
            in_article[w.article].add(t)

    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # blocking: only names sharing the first word
    for t in seqs:
        by_first[t[0]].append(t)

    def longer(short: tuple[str, ...], pool) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
        n = len(short)
        return [t for t in by_first.get(short[0], ()) if len(t) > n and t[:n] == short and t in pool]

    def one_body(ts: list[tuple[str, ...]]) -> bool:  # a part ("... Council") competes with any fuller name
        ts = sorted(ts, key=len)
        return bool(ts) and not any(_SUB_BODY & set(t) for t in ts) and all(b[: len(a)] == a for a, b in zip(ts, ts[1:])) \
            and len({k for t in ts for k in seqs[t]}) == len(ts)

    remap: dict[str, str] = {}
    for short in sorted(seqs, key=len, reverse=True):
        if len("".join(short)) < 3:
            continue
        ext = longer(short, seqs)
        if one_body(ext):
            target = max(ext, key=len)
            remap.update({k: remap.get(next(iter(seqs[target])), next(iter(seqs[target])))
                          for t in [short, *ext] for k in seqs[t]})
    earlier: dict[str, list[tuple[int, tuple[str, ...], str]]] = defaultdict(list)
    for w in sorted(orgs, key=lambda x: (x.article, x.cstart)):
        t = org_words(w.text)
        if len(t) >= 2 and t[-1] in _SUB_BODY and w.key.split("|")[1] == "":
            # "the Judiciary Committee" after "the Senate Judiciary Committee": the body named before
            fuller = {k for _, u, k in earlier[w.article] if len(u) > len(t) and u[-len(t):] == t}
            same = [k for _, u, k in earlier[w.article] if u == t]
            if same:  # named bare before: the general body, as the first time (see _key_orgs)
                w.key = same[0]
            elif len(fuller) == 1:
                w.key = fuller.pop()
        earlier[w.article].append((w.cstart, t, w.key))
    for w in orgs:
        if w.key in remap:
            w.key = remap[w.key]
            continue
        t = org_words(w.text)
        ext = longer(t, in_article[w.article]) if t and len("".join(t)) >= 3 else []
        if one_body(ext):
            w.key = next(iter(seqs[max(ext, key=len)]))


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _LEADING_ARTICLE.sub("", ascii_fold(text).lower()))


_LEADING_ARTICLE = re.compile(r"^the\s+")


def _key_addresses(works: list[_Work]) -> None:
    """"RiverNews.com" is the one organisation of the corpus whose name it spells ("River News")."""
    spelled: dict[str, set[str]] = defaultdict(set)
    sites = []
    for w in works:
        if w.cls != "ORG" or not w.key.startswith("ORG|"):
            continue
        if DOMAIN.fullmatch(w.text):
            sites.append(w)
        else:
            spelled[_squashed(w.text)].add(w.key)
    for w in sites:
        keys = spelled.get(_squashed(w.text.rsplit(".", 2 if w.text.lower().endswith(".co.uk") else 1)[0]), set())
        if len(keys) == 1:
            w.key = next(iter(keys))


def _key_parties(works: list[_Work]) -> None:
    """"Democrats", "Democrat", "Democratic" name the corpus's one "Democratic Party": a people
    (NORP) surface that the party name's first word starts with joins it."""
    parties: dict[str, set[str]] = defaultdict(set)
    for w in works:
        t = org_words(w.text)
        if w.cls == "ORG" and w.key.startswith("ORG|") and len(t) == 2 and t[1] == "party":
            parties[t[0]].add(w.key)
    if not parties:
        return
    for w in works:
        if w.cls != "NORP" or w.link is not None:
            continue
        n = norm(w.text)
        n = n[:-1] if n.endswith("s") else n
        hits = {k for first, keys in parties.items() if len(n) >= 5 and " " not in n and first.startswith(n) for k in keys}
        if len(hits) == 1:
            w.key, w.cls = hits.pop(), "ORG"


def _key_people(works: list[_Work], vocab: _Vocab, bodies: dict[str, str] | None = None) -> None:
    """Across articles: cluster full names, then send bare names to the one person they fit (of
    several, the one whose full names carry the role title the bare name is given)."""
    fulls = [w for w in works if w.person is not None]
    bare = [w for w in works if w.person is None and w.link is None and w.cls == "PERSON" and not w.key]
    bare_keys = {}
    for w in bare:
        p = parse_person(w.text)
        bare_keys[id(w)] = translit_key(p.surname.split()[-1]) if p and p.surname else norm(w.text)
        w.surface = p.display if p else w.text
    blocks = surname_blocks({w.person.surname_key for w in fulls if w.person} | set(bare_keys.values()))
    by_article: dict[str, set[PersonName]] = defaultdict(set)
    for w in fulls:
        if w.person:
            by_article[w.article].add(w.person)
    together = {(a, b) for ps in by_article.values() for a in ps for b in ps
                if a != b and a.surname_key == b.surname_key}
    clusters = cluster_full_names([w.person for w in fulls if w.person], blocks, together)
    by_block: dict[str, set[int]] = defaultdict(set)
    for w, c in zip(fulls, clusters):
        w.key = f"PERSON#{c}"
        if w.person:
            by_block[blocks[w.person.surname_key]].add(c)
            if not w.surface:
                w.surface = w.person.display
    for w in works:
        if w.link is not None:
            w.key = w.link.key
    for w in fulls:
        if w.person is None:
            continue
        if len(by_block[blocks[w.person.surname_key]]) == 1:  # "Roe" names the corpus's one Roe
            w.short += (w.person.surname,)
        named = [g for g in w.person.given if not is_initial(g)]
        if named and is_initial(w.person.given[0]):  # "C. A. Dutch Roe" goes by "Dutch Roe" (never "John
            w.short += (" ".join([named[0], w.person.surname, w.person.suffix]).strip(),)  # Quincy Roe" -> "John Roe")
    titled: dict[int, set[str]] | None = None  # cluster -> the role titles its full names carry, read when needed
    for w in bare:
        k = bare_keys[id(w)]
        cands = by_block.get(blocks.get(k, k), set())
        if len(cands) > 1 and not w.family and bodies:  # "Secretary of State Roe": the one Roe with that title
            mine = _role_words(w, bodies.get(w.article, ""))
            if mine:
                if titled is None:
                    titled = defaultdict(set)
                    for f, c in zip(fulls, clusters):
                        titled[c] |= _role_words(f, bodies.get(f.article, ""))
                hits = {c for c in cands if titled[c] & mine}
                cands = hits if len(hits) == 1 else cands
        one = len(cands) == 1 and not w.family
        w.key = f"PERSON#{next(iter(cands))}" if one else f"PERSON|{blocks.get(k, k)}"
    for w in works:  # ORG-tagged single words that are a corpus person's surname
        if w.cls == "ORG" and w.link is None and len(words(w.text)) == 1 and vocab.ever_person(w.text):
            cands = by_block.get(blocks.get(translit_key(w.text), ""), set())
            if len(cands) == 1:
                w.key, w.cls, w.surface = f"PERSON#{next(iter(cands))}", "PERSON", w.text


def _role_words(w: _Work, body: str) -> set[str]:
    """The role titles the text gives a mention in its titled forms ("Secretary of State Roe" ->
    {"secretary"}), honorifics left out."""
    out = set()
    for form in _titled_forms(w, body, {}):
        for tok in words(form)[: -len(strip_title(words(w.text)))]:
            for t in tok.split("-"):
                x = re.sub(r"[^a-z]", "", ascii_fold(t).lower())
                x = _TITLE_ABBREV.get(x, x)
                if x in TITLE_WORDS and x not in _GENERIC_TITLES:
                    out.add(x)
    return out


def _entity_id(label: str, key: str) -> str:
    return "ent_" + hashlib.sha1(f"{label}|{key}".encode("utf-8")).hexdigest()[:16]


def _build_entities(works: list[_Work]) -> tuple[list[Entity], dict[str, str]]:
    """Group by key; name each group; return entities and key → entity id."""
    groups: dict[str, list[_Work]] = defaultdict(list)
    for w in works:
        groups[w.key].append(w)
    entities: list[Entity] = []
    key_to_id: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(groups):
        ws = groups[key]
        kind = key.split("|", 1)[0].split("#", 1)[0]
        if kind == "PLACE":
            c = Counter(w.label for w in ws if w.label in PLACE_LABELS)
            label = max(c, key=lambda k: (c[k], k == "GPE")) if c else "GPE"
        else:
            label = kind
        forms = [_title_stripped(w) for w in ws]
        pool = [f for f in forms if len(words(f)) > 1] if label == "PERSON" else forms
        pool = pool or forms
        counts = Counter(pool)
        latest: dict[str, tuple[str, str, int]] = {}
        for w, f in zip(ws, forms):
            latest[f] = max(latest.get(f, w.order), w.order)
        canonical = max(counts, key=lambda f: (counts[f], len(f), latest[f]))
        alias_counts = Counter(forms)
        aliases = sorted(alias_counts, key=lambda f: (-alias_counts[f], f))
        titled = Counter(f for w in ws for f in (*w.extra, *w.short) if f and f not in alias_counts)
        aliases += sorted(titled, key=lambda f: (-titled[f], f))
        stable = " ".join(translit_key(t) for t in words(canonical)) if key.startswith("PERSON#") else key
        eid = _entity_id(label, stable)
        n = 2
        while eid in used:
            eid = _entity_id(label, f"{stable}#{n}")
            n += 1
        used.add(eid)
        key_to_id[key] = eid
        entities.append(Entity(eid, canonical, label, aliases))
    return entities, key_to_id


def resolve_entities(analyses: list[ArticleAnalysis], articles: dict[str, Article]) -> Resolution:
    """Group mentions across articles into entities; link attribution speakers to them."""
    by_article = _collect(analyses, articles)
    works = [w for ws in by_article.values() for w in ws]
    vocab = _Vocab(works)
    for w in works:
        w.cls = vocab.vote(w.text)
    known_full: set[tuple[str, str]] = set()
    for w in works:
        if w.cls == "PERSON":
            p = parse_person(w.text)
            if p and p.full:
                known_full.add((p.given_key, p.surname_key))
    acronyms: dict[str, set[str]] = defaultdict(set)
    for aid, ws in by_article.items():
        body = articles[aid].body if aid in articles else ""
        _link_people(ws, body, known_full, vocab)
        _key_orgs(ws, body, vocab, acronyms)
    _key_people(works, vocab, {aid: articles[aid].body or "" for aid in by_article if aid in articles})
    _key_acronyms(works, acronyms)
    for w in works:
        if w.key:
            continue
        if w.cls == "PLACE":
            w.key = "PLACE|" + place_key(w.text)
        elif w.cls == "NORP":
            w.key = "NORP|" + norp_key(w.text)
        else:
            w.key = f"{w.cls}|{norm(w.text)}"
    _key_extensions(works)
    _key_parties(works)
    _key_addresses(works)
    for aid, ws in by_article.items():
        body = articles[aid].body if aid in articles else ""
        covered = {x.cstart: x.cend for x in ws if x.cls in ("PLACE", "NORP", "ORG") and not x.key.startswith("PERSON")}
        places = [x for x in ws if x.cls == "PLACE"]
        for x, y in zip(places, places[1:]):  # "Yakima, Wash.": the town as the text places it
            if re.fullmatch(r",\s*", body[x.cend: y.cstart]) and y.key.startswith("PLACE|="):
                x.extra += (" ".join(body[x.cstart: y.cend].split()),)
        ends = {e: x for x in ws if x.cls == "ORG" and not x.key.startswith("PERSON") for e in (x.cend,)}
        for x in ends.values():  # "the Ledger newspaper", "Roe Holdings, L.L.C.": the body named with what it is
            kind = _OUTLET_KIND.match(body, x.cend) or _COMPANY_SUFFIX.match(body, x.cend)
            if kind:
                x.extra += (" ".join(body[x.cstart: kind.end()].split()),)
        for w in ws:
            if w.key.startswith("PERSON") and not w.family:
                w.extra = _titled_forms(w, body, covered) + _outlet_form(w, body, ends)
                if len(strip_title(words(w.text))) < len(words(w.text)):
                    w.extra += (w.text,)  # the model's span kept the title: "Rep. Anne Roe"
    entities, key_to_id = _build_entities(works)
    res = Resolution(entities=entities)
    for w in works:
        res.mention_entity[(w.article, w.start, w.end)] = key_to_id[w.key]
    index = _Index(works, key_to_id, vocab.is_place)  # one look-up index for the body's and the dek's speakers
    res.speaker_entity = link_speakers(analyses, index, {aid: a.body or "" for aid, a in articles.items()})
    res.dek_speaker_entity = link_dek_speakers(analyses, articles, index)
    return res
