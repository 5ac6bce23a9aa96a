"""Which outlet an article is from, with the evidence that says so.

In order: the user's ``--outlet`` (main article only), the page's metadata and site name, the
page's self-references when they are strong ("become an X member", "(c) X", "told X" said more
than once, teaser bylines "- X"), then the URL host made readable. A teaser keeps the outlet
line printed on its card.

Precision over recall: a wrong outlet is a false witness in the corroboration count. Articles
name people, bodies and other newsrooms as the ones told or interviewed ("told Senator Hale",
"told City Council", "told CNN"), so a name read off the text is never a person or a body the
story reports on (a title or honorific, a possessive "X's Name", a surname of someone named in
full), one "told X" alone is not enough (another newsroom is told things as often as the page's
own), and with no strong evidence the outlet stays empty. Spellings of one newsroom
("The Vale Courier", "ValeCourier.com") add up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from urllib.parse import urlsplit

from rashomon.model import Article, Page

_NAME_STRICT = r"(?P<name>[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|al|el)){0,3})"
# (pattern, weight, where): "furniture" patterns read the lines removed around the article,
# "body" ones the article text, "page" ones every line of the page; "told" ones read the article
# text for whoever was told or interviewed, which is as often a person or a body as a newsroom.
_PATTERNS: list[tuple[re.Pattern[str], float, str]] = [
    (re.compile(rf"\b(?i:become an?) {_NAME_STRICT} (?i:member|subscriber|supporter|patron)s?\b"), 3.0, "furniture"),
    (re.compile(rf"(?:^|[,.;]\s+){_NAME_STRICT} has (?:worked|been (?:reporting|covering|working))\b"), 3.0, "furniture"),
    (re.compile(rf"\b(?i:support) {_NAME_STRICT}(?:'s)? (?i:journalism|reporting|work)\b"), 3.0, "furniture"),
    (re.compile(rf"(?:©|\(c\)|\b(?i:copyright))\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?{_NAME_STRICT}"), 2.0, "furniture"),
    (re.compile(rf"^[A-Z][A-Za-z .'-]{{1,40}},?\s+\w+\.?\s+\d{{1,2}}\s+\({_NAME_STRICT}\)\s+[-–—]"), 3.0, "body"),
    (re.compile(rf"\btold {_NAME_STRICT}(?=\s*[,.;:]|\s+(?:on|in|that|last|earlier|this|by|via|from)\b|\s*$)"), 1.0, "told"),
    (re.compile(rf"\b(?:an? |the )?(?:(?:exclusive|brief|phone|telephone|recent) )?interview with {_NAME_STRICT}(?=\s*[,.;:]|\s+(?:on|in|that|last|earlier|this|by|from)\b|\s*$)"), 1.0, "told"),
    (re.compile(rf"^[-–—]\s*{_NAME_STRICT}\s*$", re.M), 0.5, "page"),
]
_NOT_OUTLETS = {"He", "She", "They", "It", "We", "I", "You", "The", "This", "That", "Reuters Photo"}
# Generic words of newsroom names (several languages): a name carrying one reads as a newsroom.
_NEWS_WORDS = {
    "news", "post", "times", "journal", "herald", "tribune", "gazette", "observer", "guardian", "telegraph",
    "chronicle", "press", "presse", "daily", "weekly", "radio", "tv", "television", "broadcasting", "network",
    "channel", "wire", "magazine", "review", "record", "mail", "express", "courier", "dispatch", "sentinel",
    "standard", "inquirer", "monitor", "register", "bulletin", "examiner", "reporter", "media", "digest",
    "globe", "zeitung", "nachrichten", "rundschau", "kurier", "diario", "noticias", "prensa", "periódico",
    "correo", "gazzetta", "corriere", "notizie", "giornale", "stampa", "gazeta", "новости", "газета", "вести",
}
# Words that make a name a person (titles, honorifics) or a body a story reports on.
_PERSON_OR_BODY = {
    "president", "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "minister", "prime",
    "secretary", "chairman", "chairwoman", "chair", "judge", "justice", "general", "gen", "mr", "mrs", "ms",
    "dr", "prof", "professor", "sir", "lord", "lady", "king", "queen", "prince", "princess", "pope", "rev",
    "officer", "detective", "sgt", "capt", "col", "lt", "chief", "spokesman", "spokeswoman", "spokesperson",
    "director", "leader", "speaker", "attorney", "ambassador", "councillor", "councilor", "commissioner",
    "senate", "house", "congress", "parliament", "assembly", "council", "committee", "commission", "ministry",
    "department", "court", "police", "army", "party", "government", "democrats", "republicans", "union",
    "board", "office", "authority", "university", "company", "bank", "federation", "administration",
    "embassy", "cabinet", "staff", "members", "officials", "voters", "residents",
}
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Sir|President|Senator|Governor|Judge|Minister)\.?"
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)
MIN_SELF_REFERENCE = 2.0
_SHORT_UPPER = 3  # host labels this short are read as acronyms ("bbc" -> "BBC")


def self_references(article: Article, page: Page) -> list[tuple[str, float, str]]:
    """Outlet names the page uses for itself: (name, score, evidence), best first.

    Names that read as a person or a body the story reports on are dropped; spellings of one
    newsroom are counted together under the one printed most often.
    """
    return [(name, score, evidence) for name, score, evidence, _ in _references(article, page)]


def _references(article: Article, page: Page) -> list[tuple[str, float, str, bool]]:
    """``self_references`` plus whether a line printed around the article (not the story's own
    sentences) carries the name."""
    printed: set[str] = set()
    scores: dict[str, float] = defaultdict(float)
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    texts = {"furniture": "\n".join(article.furniture), "body": article.body, "told": article.body, "page": page.text or ""}
    everything = "\n".join(texts.values())
    for pattern, weight, where in _PATTERNS:
        for m in pattern.finditer(texts[where]):
            name = _tidy(m.group("name"))
            if not name or name in _NOT_OUTLETS or (where == "told" and person_or_body(name, everything)):
                continue
            scores[name] += weight
            seen[name][" ".join(m.group(0).split())] += 1
            if where not in ("body", "told"):
                printed.add(name)
    groups = _spellings(list(scores), seen)
    out = []
    for members in groups:
        name = max(members, key=lambda n: (sum(seen[n].values()), len(n)))
        score = sum(scores[n] for n in members)
        hits = [(t, c) for n in members for t, c in seen[n].items()]
        evidence = "; ".join(f"'{t}'" + (f" x{c}" if c > 1 else "") for t, c in hits)
        out.append((name, score, f"self-reference: {evidence}", any(n in printed for n in members)))
    return sorted(out, key=lambda r: -r[1])


def looks_like_newsroom(name: str) -> bool:
    """A name shaped like a news organisation: a domain, or a newsroom word ("Vale Courier", "ValeCourier")."""
    if _DOMAIN.match(name):
        return True
    for word in name.split():
        parts = [word] + re.findall(r"[A-Z][a-z]+", word)  # camel case: "ValeCourier" -> Vale, Courier
        if any(p.strip(".,'’").lower() in _NEWS_WORDS for p in parts):
            return True
    return False


def person_or_body(name: str, text: str = "") -> bool:
    """True when ``name`` reads as a person or a body the story reports on, not a newsroom.

    A title, honorific or body word in the name ("President Hale", "City Council"), a possessive
    inside it ("Network's Jo Lind": a person at a newsroom), an honorific before it in the text
    ("Ms. Orrell"), or, for a name that is not shaped like a newsroom, its last word written
    after a first name elsewhere ("Tamsin Orrell" ... "told Orrell") or alone after an honorific.
    """
    words = name.split()
    if re.search(r"\w(?:'s|’s|')\s", name):
        return True
    if any(w.strip(".,").lower() in _PERSON_OR_BODY for w in words):
        return True
    if _DOMAIN.match(name) or (len(words) == 1 and name.isupper()):
        return False  # a domain or an acronym/call sign is never a person
    last = re.escape(words[-1])
    if re.search(rf"\b{_HONORIFIC}\s+(?:[A-Z][\w'-]*\s+)?{last}\b", text):
        return True
    if looks_like_newsroom(name):
        return False
    if len(words) == 1:
        # the surname of someone named in full: "Sean Ardle ... told Ardle"
        for m in re.finditer(rf"(?<![\w.])([A-Z][a-z]+)\s+{last}\b(?!\s+[A-Z])", text):
            if m.group(1) not in ("The", "A", "An", "In", "On", "At", "And", "But", "Said", "Told", "By", "For", "With"):
                return True
    return False


def _key(name: str) -> str:
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip().lower())
    s = re.sub(r"\.[a-z]{2,6}(?:\.[a-z]{2})?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^\w]", "", s)


def _same_newsroom(a: str, b: str) -> bool:
    """Two spellings of one newsroom: equal compact forms ("FoxNews.com", "Fox News"), or a one-word
    contraction whose letters run in order through the longer name ("ValeCour" in "The Vale Courier")."""
    ka, kb = sorted((_key(a), _key(b)), key=len)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short = a if _key(a) == ka else b
    if len(ka) < 4 or ka[0] != kb[0] or len(short.split()) != 1 or not looks_like_newsroom(a) or not looks_like_newsroom(b):
        return False
    rest = iter(kb)
    return all(ch in rest for ch in ka)


def _spellings(names: list[str], seen: dict[str, dict[str, int]]) -> list[list[str]]:
    groups: list[list[str]] = []
    for name in sorted(names, key=lambda n: -sum(seen[n].values())):
        for group in groups:
            if any(_same_newsroom(name, other) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return groups


def fuller_name(name: str, page_text: str) -> tuple[str, int] | None:
    """A longer form of a self-reference printed on the page ("Observer" -> "The Lowland Observer").

    Appeals shorten a name ("become an Observer member"); the masthead, card outlet lines and
    photo credits print it whole. Candidates are short capitalised lines, or the part of a
    line after a credit slash, that end with the name; the most frequent wins. None when none is longer.
    """
    tail = re.compile(rf"(?:^|\s){re.escape(name)}$")
    counts: dict[str, int] = defaultdict(int)
    for raw in page_text.splitlines():
        line = " ".join(raw.split()).strip(" -–—")
        for candidate in (line, line.rsplit("/", 1)[-1].strip()):
            words = candidate.split()
            if not (len(name.split()) < len(words) <= 5 and tail.search(candidate)):
                continue
            if all(w[:1].isupper() or w.lower() in ("of", "and", "the", "de", "al") for w in words):
                counts[candidate] += 1
                break
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))
    return best


def _tidy(name: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", name.strip(" .,;:-–—'’"))
    return " ".join(name.split())


def readable_host(url: str | None) -> str | None:
    """A readable outlet name from a URL host: "www.lake-post.co.uk" -> "Lake Post"."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    if not host or re.fullmatch(r"[\d.]+", host):
        return None
    try:
        # tld (a trafilatura dependency) knows multi-part suffixes such as .co.uk.
        from tld import get_tld

        label = get_tld(f"http://{host}", as_object=True, fail_silently=True)
        label = label.domain if label else host.split(".")[-2] if host.count(".") else host
    except Exception:  # noqa: BLE001 - an unknown suffix falls back to the plain split below
        parts = host.split(".")
        label = parts[-2] if len(parts) > 1 else parts[0]
    tokens = [t for t in re.split(r"[-_]", label) if t]
    return " ".join(t.upper() if len(t) <= _SHORT_UPPER else t.capitalize() for t in tokens) or None


def outlet_article(article: Article, page: Page, site_name: str | None = None) -> Article:
    """Fill ``outlet`` and ``outlet_evidence``; return a new Article."""
    if article.kind == "teaser":
        if article.outlet:
            return replace(article, outlet_evidence=article.outlet_evidence or "teaser card")
        name, evidence = _page_outlet(article, page, site_name, allow_user=False)
        return replace(article, outlet=name, outlet_evidence=f"page: {evidence}" if evidence else None)
    name, evidence = _page_outlet(article, page, site_name, allow_user=True)
    return replace(article, outlet=name, outlet_evidence=evidence)


def _page_outlet(article: Article, page: Page, site_name: str | None, allow_user: bool) -> tuple[str | None, str | None]:
    if page.outlet and page.user_outlet and allow_user:
        return page.outlet.strip(), "--outlet"
    if page.outlet and not page.user_outlet:
        return page.outlet.strip(), "metadata"
    if site_name and site_name.strip():
        return site_name.strip(), "meta:site_name"
    refs = _references(article, page)
    if refs and refs[0][1] >= MIN_SELF_REFERENCE:
        name, evidence = refs[0][0], refs[0][2]
        if longer := fuller_name(name, page.text or ""):
            return longer[0], f"{evidence}; printed in full as '{longer[0]}' x{longer[1]}"
        return name, evidence
    if host := readable_host(page.url or article.url):
        return host, "url host"
    if refs and refs[0][3]:
        # a weak name printed around the article (a card's "- X" line) is kept, marked weak; one
        # "told X" in the story alone is not: it as often names another newsroom
        return refs[0][0], refs[0][2] + " (weak)"
    return None, None
