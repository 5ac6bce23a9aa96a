"""HTML page → main text and metadata, through trafilatura with a rescue for its misses.

Trafilatura (with its own readability/jusText comparison) does the boilerplate removal and
metadata; we keep what it knows that our data model needs (in-body headings, where the date
came from, the page language) and turn its "None" into a reason a user can read.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from rashomon.errors import ExtractionError

# Trafilatura, htmldate and courlan log every rejected page at WARNING; without a handler those
# lines would reach stderr through logging's last resort. We report reasons ourselves.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# libxml2 (without XML_PARSE_HUGE) keeps only 255 levels; deeper pages lose their text.
PARSER_DEPTH = 255
# Above this the page is rejected before parsing: no real page nests this deep, and the
# scan stays linear while lxml and trafilatura's recursive helpers are spared the work.
MAX_DEPTH = 5000

# A body shorter than this is a menu label or a stray word, not an article.
MIN_BODY_CHARS = 20

# Tags that never take a closing tag, and tags whose closing tag is optional (the parser
# closes them implicitly); neither may count as a level of nesting.
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame isindex keygen".split()
)
_OPTIONAL_END = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot colgroup rt rp".split())
_NOT_NESTING = _VOID | _OPTIONAL_END
# Only the start of each tag is read: attributes are never scanned, and a self-closed
# "<path/>" left open on the stack is popped by its parent's closing tag, as a parser would.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")

# Meta fields that state a publication date, most explicit first (name or property attribute).
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
)


# set_date_params(extensive=False): htmldate's "extensive" search reads dates out of running text through dateparser when that is
# installed (seconds per page on some pages); we only want dates the markup states, and
# extract.dates reads datelines off the text itself, with its own evidence.

@dataclass
class HtmlExtraction:
    """What trafilatura found on one HTML page, in our terms."""

    paragraphs: list[str]
    headings: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    sitename: str | None = None
    description: str | None = None
    date: str | None = None  # YYYY-MM-DD
    date_evidence: str | None = None  # "meta:article:published_time", "jsonld:datePublished", "html:time", "htmldate"
    language: str | None = None
    url: str | None = None
    canonical: str | None = None  # <link rel="canonical"> else og:url, as the page states it (extract.credits)
    extractor: str = "trafilatura"  # or "baseline" when the rescue produced the text


def nesting_depth(html: str, stop_at: int = MAX_DEPTH) -> int:
    """Deepest element nesting, by a linear scan of the tags; stops counting past ``stop_at``.

    A stack mirrors what an HTML parser does with stray closing tags (they close every open
    element down to their match, or are ignored); void and optional-end tags never nest.
    """
    if html.count("<") <= PARSER_DEPTH:
        return html.count("<")
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    for closing, raw in _TAG.findall(html):
        name = raw.lower()
        if name in _NOT_NESTING:
            continue
        if closing:
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
            if deepest > stop_at:
                break
    return deepest


def looks_binary(text: str) -> bool:
    """True when the text is mostly control characters or replacement marks (not a web page)."""
    sample = text[:20000]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > 0.05 * len(sample)


def extract_html(html: str, source: str, url: str | None = None) -> HtmlExtraction:
    """Main text, headings and metadata of one HTML page; ExtractionError when there is none."""
    if not html.strip():
        raise ExtractionError(source, "empty HTML page")
    if looks_binary(html):
        raise ExtractionError(source, "binary or undecodable content, not HTML")
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise ExtractionError(source, f"HTML nested more than {MAX_DEPTH} levels deep; refusing to parse")
    tree = load_html(html)
    if tree is None:
        raise ExtractionError(source, "HTML could not be parsed")
    language = _language(tree)
    date_evidence_of = _date_sources(tree)
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as e:  # noqa: BLE001 - a library bug on one odd page must not sink the batch
        doc = None
        reason = f"trafilatura failed ({type(e).__name__}: {e})"
    else:
        reason = "no main text found"
    lines = _lines(doc.text) if doc is not None and doc.text else []
    extractor = "trafilatura"
    if not lines:
        lines = _rescue(html)
        extractor = "baseline"
    if not lines:
        if depth > PARSER_DEPTH:
            reason = f"HTML nested {depth} levels deep; the parser keeps only {PARSER_DEPTH}"
        raise ExtractionError(source, reason)
    title = _clean(doc.title) if doc is not None else None
    if title and lines and _same(lines[0], title):
        lines = lines[1:]  # the headline is the title, not a body paragraph
    if not lines:
        raise ExtractionError(source, "page holds a headline but no body text")
    if sum(len(ln) for ln in lines) < MIN_BODY_CHARS:
        raise ExtractionError(source, f"no main text found (only {' / '.join(lines)[:40]!r})")
    headings = _headings(doc.body, title) if doc is not None and doc.body is not None else []
    date = doc.date if doc is not None else None
    return HtmlExtraction(
        paragraphs=lines,
        headings=headings,
        title=title,
        byline=_clean(doc.author) if doc is not None else None,
        sitename=_clean(doc.sitename) if doc is not None else None,
        description=_clean(doc.description) if doc is not None else None,
        date=date,
        date_evidence=(date_evidence_of(date) if date else None),
        language=language,
        url=(doc.url if doc is not None and doc.url else url),
        canonical=_canonical(tree),
        extractor=extractor,
    )


def _rescue(html: str) -> list[str]:
    """Trafilatura's own baseline (JSON-LD articleBody, <article>, paragraphs) on a fresh tree."""
    try:
        _, text, _ = trafilatura.baseline(html)
    except Exception:  # noqa: BLE001 - the rescue is best effort; the caller reports the reason
        return []
    return _lines(text)


def _lines(text: str) -> list[str]:
    """Non-empty lines, whitespace collapsed, in NFC (as trafilatura.extract returns its text)."""
    text = unicodedata.normalize("NFC", text)
    return [ln for ln in (" ".join(s.split()) for s in text.splitlines()) if ln]


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(unicodedata.normalize("NFC", value).split())
    return value or None


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


def _headings(body: HtmlElement, title: str | None) -> list[str]:
    """In-body section headings (trafilatura's <head> elements), minus a repeat of the title."""
    out: list[str] = []
    for head in body.iter("head"):
        text = " ".join(" ".join(head.itertext()).split())
        if text and not (title and _same(text, title)) and text not in out:
            out.append(text)
    return out


def _language(tree: HtmlElement) -> str | None:
    """Primary language subtag from <html lang> or a content-language meta field."""
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        for meta in tree.iterfind(".//meta"):
            key = (meta.get("http-equiv") or meta.get("name") or "").lower()
            if key in ("content-language", "language", "dc.language"):
                lang = meta.get("content")
                break
    if not lang:
        return None
    primary = re.split(r"[-_,; ]", lang.strip().lower())[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _canonical(tree: HtmlElement) -> str | None:
    """The page's canonical URL: <link rel="canonical">, else og:url; absolute http(s) only."""
    found = [link.get("href") for link in tree.iterfind(".//link") if "canonical" in (link.get("rel") or "").lower().split()]
    found += [m.get("content") for m in tree.iterfind(".//meta") if (m.get("property") or m.get("name") or "").lower() == "og:url"]
    for value in found:
        value = (value or "").strip()
        if re.match(r"https?://[^/\s]+", value):
            return value
    return None


def _date_sources(tree: HtmlElement):  # -> Callable[[str], str]
    """Collect date-bearing fields once; the returned function names the one that gave a date."""
    found: list[tuple[str, str]] = []
    wanted = {k.lower(): k for k in _DATE_META}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in wanted and meta.get("content"):
            found.append((f"meta:{wanted[key]}", meta.get("content", "")))
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        for m in re.finditer(r'"(datePublished|dateCreated)"\s*:\s*"([^"]{4,40})"', script.text or ""):
            found.append((f"jsonld:{m.group(1)}", m.group(2)))
    for time_el in tree.iterfind(".//time"):
        if time_el.get("datetime"):
            found.append(("html:time", time_el.get("datetime", "")))
            break

    def evidence(date: str) -> str:
        for name, value in found:
            if value.strip().startswith(date):
                return name
        return "htmldate"  # htmldate's own heuristics (URL, text, less explicit markup)

    return evidence

