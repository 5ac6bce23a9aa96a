"""Which outlet an article is from, with the evidence that says so.

In order: the user's ``--outlet`` (main article only), the page's metadata and site name, the
page's self-references when they are strong ("become an X member", "(c) X", "told X" said more
than once, teaser bylines "- X"), then the URL host made readable. A teaser keeps the outlet
line printed on its card.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from urllib.parse import urlsplit

from rashomon.model import Article, Page

_NAME_STRICT = r"(?P<name>[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|al|el)){0,3})"
# (pattern, weight, where): "furniture" patterns read the lines removed around the article,
# "body" ones the article text, "page" ones every line of the page.
_PATTERNS: list[tuple[re.Pattern[str], float, str]] = [
    (re.compile(rf"\b(?i:become an?) {_NAME_STRICT} (?i:member|subscriber|supporter|patron)s?\b"), 3.0, "furniture"),
    (re.compile(rf"(?:^|[,.;]\s+){_NAME_STRICT} has (?:worked|been (?:reporting|covering|working))\b"), 3.0, "furniture"),
    (re.compile(rf"\b(?i:support) {_NAME_STRICT}(?:'s)? (?i:journalism|reporting|work)\b"), 3.0, "furniture"),
    (re.compile(rf"(?:©|\(c\)|\b(?i:copyright))\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?{_NAME_STRICT}"), 2.0, "furniture"),
    (re.compile(rf"^[A-Z][A-Za-z .'-]{{1,40}},?\s+\w+\.?\s+\d{{1,2}}\s+\({_NAME_STRICT}\)\s+[-–—]"), 3.0, "body"),
    (re.compile(rf"\btold {_NAME_STRICT}(?=\s*[,.;:]|\s+(?:on|in|that|last|earlier|this|by|via|from)\b|\s*$)"), 1.0, "body"),
    (re.compile(rf"^[-–—]\s*{_NAME_STRICT}\s*$", re.M), 0.5, "page"),
]
_NOT_OUTLETS = {"He", "She", "They", "It", "We", "I", "You", "The", "This", "That", "Reuters Photo"}
MIN_SELF_REFERENCE = 2.0
_SHORT_UPPER = 3  # host labels this short are read as acronyms ("bbc" -> "BBC")


def self_references(article: Article, page: Page) -> list[tuple[str, float, str]]:
    """Outlet names the page uses for itself: (name, score, evidence), best first."""
    scores: dict[str, float] = defaultdict(float)
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    texts = {"furniture": "\n".join(article.furniture), "body": article.body, "page": page.text or ""}
    for pattern, weight, where in _PATTERNS:
        for m in pattern.finditer(texts[where]):
            name = _tidy(m.group("name"))
            if not name or name in _NOT_OUTLETS:
                continue
            scores[name] += weight
            seen[name][" ".join(m.group(0).split())] += 1
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    out = []
    for name, score in ranked:
        evidence = "; ".join(f"'{t}'" + (f" x{c}" if c > 1 else "") for t, c in seen[name].items())
        out.append((name, score, f"self-reference: {evidence}"))
    return out


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
    refs = self_references(article, page)
    if refs and refs[0][1] >= MIN_SELF_REFERENCE:
        name, evidence = refs[0][0], refs[0][2]
        if longer := fuller_name(name, page.text or ""):
            return longer[0], f"{evidence}; printed in full as '{longer[0]}' x{longer[1]}"
        return name, evidence
    if host := readable_host(page.url or article.url):
        return host, "url host"
    if refs:
        return refs[0][0], refs[0][2] + " (weak)"
    return None, None
