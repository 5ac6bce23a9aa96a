"""The original outlet an aggregator's re-served copy credits, with the evidence that names it.

Aggregators re-serve an outlet's article under their own name. The page still says whose it is:
a canonical link (``<link rel="canonical">``, ``og:url``) to another site, a republication line
("This article originally appeared on X", "Originally published by X", "Republished from X",
"Source: X"), an agency dateline ("KORVA (X) —"), a byline naming an outlet ("X Staff",
"Jo Lind, X"), cards of related articles credited "- X", and the article's own voice ("told X").

Precision over recall, as in ``outlets``: an outlet's own page cites other newsrooms ("the minister
told X"; "X contributed to this report"), and that is not a re-served copy. So "told X" and
"X contributed" never credit X alone: they only say which name to credit once the page shows it is
an aggregator's (one of the signals above naming a site other than its own), and the page's own
site must be known (the user's ``--outlet``, the page's metadata or site name, its URL), else the
outlet found on the page is already the one to credit. A credit is recorded only when it names
another newsroom than the page's own site; the page's ``outlet`` stays where it was found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from urllib.parse import urlsplit

from rashomon.extract.outlets import looks_like_newsroom, person_or_body, readable_host
from rashomon.model import Article, Page
from rashomon.text.clip import clip

_WORD = r"[A-Z][\w&'.-]*"
_NAME = rf"(?P<name>(?:[\w-]+\.)+[a-z]{{2,6}}|{_WORD}(?:\s+(?:{_WORD}|al|el|de|of|the)){{0,4}}?)"
_END = r"(?=\s*[,.;:)]|\s*$|\s+(?:on|in|at|and|with|under|via|from|is|was|has|that|the|last|earlier|this|by|about)\b)"
# Lines that say the article is another outlet's, republished here (read in the body's first and last
# paragraphs and in the lines removed around the article).
_REPUBLISHED = [
    re.compile(rf"\b(?i:originally|first)\s+(?i:appeared|published|ran|posted)\s+(?i:on|in|at|by)\s+(?:the\s+)?{_NAME}{_END}"),
    re.compile(rf"\b(?i:was|is)\s+(?i:originally|first)\s+(?i:published|posted)\s+(?i:on|in|at|by)\s+(?:the\s+)?{_NAME}{_END}"),
    re.compile(rf"\b(?i:republished|reprinted|syndicated|reproduced)\s+(?:(?i:with|by)\s+(?i:kind\s+)?(?i:permission)\s+)?(?i:from|of|by)\s+(?:the\s+)?{_NAME}{_END}"),
]
# "Source: X" names a newsroom as often as a data source under a chart ("Source: Eurostat"): it credits
# X only when X is shaped like a newsroom, an agency's acronym or a domain, or the page names X otherwise.
_SOURCE_LINE = re.compile(rf"^(?i:source|via|sourced from)\s*[:|]\s*(?:the\s+)?{_NAME}\s*\.?$")
# The article's last paragraph alone naming an agency: "— AFP", "(NWA)", "Harrow Post".
_CLOSING = re.compile(rf"^[-–—(]?\s*{_NAME}\s*\)?\.?$")
# Parenthesised words after a dateline that are not an agency: "(Updated) —", "(Video) —".
_NOT_AGENCY = {"update", "updated", "updates", "video", "videos", "photo", "photos", "live", "watch", "breaking",
               "analysis", "opinion", "exclusive", "corrected", "correction", "explainer", "audio", "podcast"}
# "KORVA, March 3 (Wirepoint) —": the agency whose copy this is, at the start of the first paragraph.
_DATELINE = re.compile(rf"^[A-Z][\w .,'/-]{{1,60}}?\s*\({_NAME}\)\s*[-–—:]")
_CONTRIBUTED = re.compile(rf"\b{_NAME}\s+contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\b")
_TOLD = re.compile(
    rf"\b(?:told|(?:an?\s+|the\s+)?(?:(?:exclusive|brief|phone|telephone|recent)\s+)?interview\s+with)\s+{_NAME}{_END}")
# A card of a related article credited to its outlet: a line "- X" printed on a text capture.
_CARD = re.compile(rf"^[-–—]\s*{_NAME}\s*$", re.M)
# A byline that is an outlet's desk ("X Staff"), and the roles that make a byline part a person's title.
_DESK = re.compile(r"\s+(?:staff|newsroom|news\s+desk|wire\s+staff|and\s+agencies|with\s+agencies)$", re.I)
_ROLE = re.compile(r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|photographer|producer|analyst|"
                   r"intern|desk|team)s?$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|\||/|·|•|\bfor\b|—|–|\s-\s)\s*")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_FIRST_LAST_PARAGRAPHS = 3


def credit_article(article: Article, page: Page, site_name: str | None = None, canonical: str | None = None) -> Article:
    """Fill ``original_outlet``, ``original_url`` and ``original_evidence`` when the page re-serves another
    outlet's article; return a new Article (the same one when it credits nobody else)."""
    if article.kind != "article":
        return article
    own = own_site(page, site_name)
    if not own:
        return article
    credit = find_credit(article, page, own, canonical)
    if credit is None:
        return article
    name, url, evidence = credit
    return replace(article, original_outlet=name, original_url=url, original_evidence=evidence)


def own_site(page: Page, site_name: str | None = None) -> str | None:
    """The site the page was found on: the user's --outlet, the page's metadata or site name, else its URL host."""
    if page.outlet and page.outlet.strip():
        return page.outlet.strip()
    if site_name and site_name.strip():
        return site_name.strip()
    return readable_host(page.url)


def find_credit(article: Article, page: Page, own: str, canonical: str | None = None) -> tuple[str, str | None, str] | None:
    """(original outlet, its URL or None, evidence) when the page shows it re-serves another site's article."""
    others = _OtherNames(own, article.body)
    signals: list[tuple[str, str]] = []  # (name, evidence) of the aggregator signals, strongest first
    url = _off_site(canonical, page.url, own)
    if url:
        signals.append((readable_host(url) or url, f"canonical link to {url}"))
    told = Counter(n for n in (_tidy(m.group("name")) for m in _TOLD.finditer(article.body)) if others.other(n))
    cards = Counter(n for n in (_tidy(m.group("name")) for m in _CARD.finditer(page.text or "")) if others.other(n))
    contributed = Counter(_tidy(m.group("name")) for m in _CONTRIBUTED.finditer(article.body))
    for name, line in _republished(article):
        if others.other(name):
            signals.append((name, f"credit line '{line}'"))
    named = [*told, *cards, *contributed, article.byline or ""]
    for name, line in _source_lines(article):
        if others.other(name) and (_newsroom_shaped(name) or any(same_outlet(name, n) for n in named if n)):
            signals.append((name, f"credit line '{line}'"))
    last = " ".join(article.body.rsplit("\n\n", 1)[-1].split())
    if (m := _CLOSING.match(last)) and "\n\n" in article.body:
        name = _tidy(m.group("name"))
        if others.other(name) and (_newsroom_shaped(name) or any(same_outlet(name, n) for n in named if n)):
            signals.append((name, f"closing credit '{clip(last, 80)}'"))
    if m := _DATELINE.match(article.body.split("\n\n", 1)[0]):
        name = _tidy(m.group("name"))
        if others.other(name) and name.lower() not in _NOT_AGENCY:
            signals.append((name, f"agency dateline '{clip(m.group(0), 80)}'"))
    if name := _byline_outlet(article.byline, list(cards), list(told)):
        if others.other(name):
            signals.append((name, f"byline '{article.byline}'"))
    for name, n in cards.most_common():
        signals.append((name, f"related-article cards '- {name}'" + (f" x{n}" if n > 1 else "")))
    if not signals:
        return None
    chosen = _choose(signals, told)
    if chosen is None:
        return None
    evidence = [ev for name, ev in signals if same_outlet(name, chosen)]
    evidence += [f"'told {n}'" + (f" x{c}" if c > 1 else "") for n, c in told.items() if same_outlet(n, chosen)]
    evidence += [f"'{n} contributed to this report'" for n in contributed if same_outlet(n, chosen)]
    # the spelling the page prints most (a host "Valecourier" gives way to "Vale Courier")
    printed = [n for n, _ in signals if same_outlet(n, chosen) and not _is_host_name(n, url)] + [
        n for n in told if same_outlet(n, chosen)]
    name = max(printed, key=printed.count) if printed else chosen
    return name, url if url and same_outlet(readable_host(url) or "", chosen) else None, "; ".join(evidence)


def _choose(signals: list[tuple[str, str]], told: Counter[str]) -> str | None:
    """The name the signals agree on: the strongest signal, unless it is only cards; cards name the
    outlet only when the article's own voice names it too ("told X"), since an outlet's own page can
    carry a partner's cards."""
    strong = [name for name, ev in signals if not ev.startswith("related-article cards")]
    if strong:
        return strong[0]
    for name, _ in signals:
        if sum(c for n, c in told.items() if same_outlet(n, name)) >= 2:
            return name
    return None


class _OtherNames:
    """Names of another newsroom than the page's own site (not a person or body the story reports on)."""

    def __init__(self, own: str, text: str) -> None:
        self.own = own
        self.text = text

    def other(self, name: str) -> bool:
        if not name or same_outlet(name, self.own):
            return False
        return not person_or_body(name, self.text)


def _republished(article: Article) -> list[tuple[str, str]]:
    paragraphs = article.body.split("\n\n")
    lines = paragraphs[:_FIRST_LAST_PARAGRAPHS] + paragraphs[-_FIRST_LAST_PARAGRAPHS:] + list(article.furniture)
    out = []
    for line in dict.fromkeys(" ".join(p.split()) for p in lines):
        found: dict[int, tuple[int, str, str]] = {}  # by where the name starts: the longest match
        for pattern in _REPUBLISHED:
            for m in pattern.finditer(line):
                start = m.start("name")
                if start not in found or m.end() - m.start() > found[start][0]:
                    found[start] = (m.end() - m.start(), _tidy(m.group("name")), clip(m.group(0), 80))
        out += [(name, text) for _, name, text in found.values()]
    return out


def _source_lines(article: Article) -> list[tuple[str, str]]:
    """(name, line) of each "Source: X" line among the body's last paragraphs and the removed lines."""
    lines = article.body.split("\n\n")[-_FIRST_LAST_PARAGRAPHS:] + list(article.furniture)
    return [(_tidy(m.group("name")), clip(m.group(0), 80)) for line in lines
            if (m := _SOURCE_LINE.match(" ".join(line.split())))]


def _newsroom_shaped(name: str) -> bool:
    return looks_like_newsroom(name) or bool(_ACRONYM.match(name))


def _byline_outlet(byline: str | None, named: list[str], told: list[str]) -> str | None:
    """An outlet a byline names: "X Staff", "Jo Lind, X", "By Jo Lind for X" where X is shaped like a
    newsroom, an agency's acronym, or a name the page's related-article cards credit (``named``);
    a desk "X Staff" may also be a name the article was told (``told``). A role ("Transport Reporter")
    is a person's title, never an outlet."""
    if not byline:
        return None
    parts = [p for p in _BYLINE_SPLIT.split(re.sub(r"^\s*by\s+", "", byline.strip(), flags=re.I)) if p]
    for part in parts:
        desk = _DESK.sub("", part)
        known = named + (told if desk != part else [])
        if not desk or _ROLE.search(desk):
            continue
        if looks_like_newsroom(desk) or _ACRONYM.match(desk) or any(same_outlet(desk, n) for n in known):
            return _tidy(desk)
    return None


def same_outlet(a: str, b: str) -> bool:
    """Two spellings of one newsroom: "Vale Courier", "The Vale Courier", "valecourier.com", "Valecourier"."""
    ka, kb = sorted((newsroom_key(a), newsroom_key(b)), key=len)
    if not ka:
        return False
    return ka == kb or (len(ka) >= 4 and ka in kb)


def newsroom_key(name: str) -> str:
    """A newsroom name's compact form, equal across "The Vale Courier", "valecourier.com" and "Vale Courier"."""
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip().lower())
    s = re.sub(r"\.[a-z]{2,6}(?:\.[a-z]{2})?(?:/.*)?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^\w]", "", s)


def _site(url: str | None) -> str | None:
    """The registrable domain of a URL ("news.lake-post.co.uk" -> "lake-post.co.uk")."""
    host = (urlsplit(url).hostname or "").lower() if url and "//" in url else ""
    if not host:
        return None
    try:
        from tld import get_fld  # a trafilatura dependency, as in extract.outlets

        fld = get_fld(f"http://{host}", fail_silently=True)
    except Exception:  # noqa: BLE001 - an unknown suffix falls back to the last two labels
        fld = None
    return fld or ".".join(host.split(".")[-2:])


def _off_site(canonical: str | None, page_url: str | None, own: str) -> str | None:
    """The canonical URL when it points to another site than the page's own."""
    target = _site(canonical)
    if not target:
        return None
    here = _site(page_url)
    if here:
        return canonical if target != here else None
    return None if same_outlet(readable_host(canonical) or "", own) else canonical


def _is_host_name(name: str, url: str | None) -> bool:
    return bool(url) and name == readable_host(url)


def _tidy(name: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", name.strip(" .,;:-–—'’\""))
    return " ".join(name.split())


def found_on(article: Article) -> str | None:
    """Where a credited copy was found: its page's outlet, else its URL's host; None when not another site."""
    if not article.original_outlet:
        return None
    for candidate in (article.outlet, readable_host(article.url)):
        if candidate and not same_outlet(candidate, article.original_outlet):
            return candidate
    return None
