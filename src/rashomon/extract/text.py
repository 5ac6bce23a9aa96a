"""Our cleaner for plain-text page captures: the article, its parts, and the teasers beside it.

trafilatura needs markup to tell navigation from content; a capture has only lines. The cleaner
reads the page in three regions — the header above the headline, the article, and the tail
after the article's last paragraph (widgets, comments, related-story cards) — and decides each
line's role from general cues (see ``furniture``, ``paragraphs``, ``teasers``).
"""

from __future__ import annotations

import re

from rashomon.errors import ExtractionError
from rashomon.extract.dates import dateline, is_age_line
from rashomon.extract.furniture import end_header, line_cue, mark_furniture, reader_appeal, repeated_short_lines
from rashomon.extract.lines import Line, fold, headline_like, label_parts, prose_like, split_lines, word_count
from rashomon.extract.paragraphs import assemble, byline
from rashomon.extract.teasers import Teaser, byline_name, split_teasers
from rashomon.model import Article, Page

_CRUMB = re.compile(r"\s*(?:›|»|>|/|\|)\s*")
_HOME = re.compile(r"^(?:home|homepage|start|front page|index)$", re.I)
MIN_TITLE_OVER_DEK_WORDS = 6  # a kicker above a headline is shorter than this; a headline above a dek is not


def clean_capture(page: Page) -> list[Article]:
    """The main article of a text capture (``#main``) followed by its teasers (``#teaser-N``)."""
    lines = split_lines_checked(page)
    reasons = mark_furniture(lines)
    repeated = repeated_short_lines(lines)
    first_prose = _first_prose(lines, reasons)
    title_at = _find_title(lines, reasons, first_prose, page.title)
    body_from = (title_at + 1) if title_at is not None else 0
    widget_links: list[dict[str, str]] = []
    tail_at = _tail_start(lines, reasons, max(first_prose if first_prose is not None else body_from, body_from), widget_links)

    header_furniture, section = _header(lines[: title_at if title_at is not None else 0], reasons)
    body_lines = lines[body_from:tail_at]
    local = {i - body_from: r for i, r in reasons.items() if body_from <= i < tail_at}
    for i, line in enumerate(body_lines):
        if fold(line.text) in repeated and not prose_like(line.text):
            local.setdefault(i, "repeated line")
    title_line = lines[title_at] if title_at is not None else None
    parts = assemble(body_lines, local, title_line.index if title_line else None)
    teasers, leftover = split_teasers(lines[tail_at:], repeated)

    if not parts.paragraphs and not title_line:
        raise ExtractionError(page.source, "no article text found in the capture (only site furniture)")
    main = Article(
        source=f"{page.source}#main",
        page_source=page.source,
        kind="article",
        title=title_line.text if title_line else (page.title or ""),
        dek=parts.dek,
        section=section,
        byline=parts.byline,
        url=page.url,
        captured=page.captured,
        body="\n\n".join(parts.paragraphs),
        headings=parts.headings,
        furniture=header_furniture + parts.furniture + leftover,
        inline_links=widget_links + parts.inline_links,
        page_hash=page.hash,
    )
    return [main] + [_teaser_article(page, main, t, k) for k, t in enumerate(teasers, start=1)]


def split_lines_checked(page: Page) -> list[Line]:
    """The capture's non-blank lines; an empty capture is an extraction error naming the page."""
    lines = split_lines(page.text or "")
    if not lines:
        raise ExtractionError(page.source, "the capture is empty")
    return lines


def _teaser_article(page: Page, main: Article, teaser: Teaser, k: int) -> Article:
    furniture = [l for l in teaser.lines if l != teaser.title and l not in teaser.body]
    return Article(
        source=f"{page.source}#teaser-{k}",
        page_source=page.source,
        kind="teaser",
        parent=main.source,
        title=teaser.title,
        outlet=teaser.outlet,
        outlet_evidence=teaser.outlet_evidence,
        url=None,
        captured=page.captured,
        age=teaser.age,
        published=teaser.date.iso if teaser.date else None,
        published_evidence=f"text:'{teaser.date.text}' on the card" if teaser.date else None,
        published_confidence=teaser.date.confidence if teaser.date else 0.0,
        body="\n\n".join(teaser.body),
        furniture=furniture,
        page_hash=page.hash,
    )


def _first_prose(lines: list[Line], reasons: dict[int, str]) -> int | None:
    for i, line in enumerate(lines):
        if i not in reasons and prose_like(line.text) and not dateline(line.text) and not byline(line.text):
            return i
    return None


def _title_candidate(line: Line) -> bool:
    text = line.text
    return (
        headline_like(text, max_words=40)
        and word_count(text) >= 3
        and not dateline(text)
        and not byline(text)
        and not is_age_line(text)
        and label_parts(text) is None
    )


def _article_meta(text: str, reason: str | None) -> bool:
    """A dateline, byline or bare time stamp: what sits under a headline."""
    if reason is not None:
        return reason == "timestamp"
    return bool(dateline(text) and len(text) <= 120) or byline(text) is not None


def _find_title(lines: list[Line], reasons: dict[int, str], first_prose: int | None, given: str | None) -> int | None:
    """The headline: the last headline-shaped line above the first paragraph (a dek may sit between)."""
    if given:
        for i, line in enumerate(lines):
            if fold(line.text) == fold(given):
                return i
    limit = first_prose if first_prose is not None else len(lines)
    candidates = [i for i in range(limit) if i not in reasons and _title_candidate(lines[i])]
    if not candidates:
        return None
    # A headline is followed by its dek, dateline or byline: short lines after the first of
    # those (a live blog's key events, entry headlines) are not the headline.
    meta = next((i for i in range(limit) if _article_meta(lines[i].text, reasons.get(i))), None)
    if meta is not None and any(c < meta for c in candidates):
        candidates = [c for c in candidates if c < meta]
    at = candidates[-1]
    above = [i for i in range(at) if i not in reasons]
    # Title, then a dek without a full stop: the title is the upper of two headline lines —
    # unless the upper one is a short kicker over a headline that has its own sentence dek.
    if above and above[-1] in candidates:
        upper = word_count(lines[above[-1]].text)
        below = next((i for i in range(at + 1, len(lines)) if i not in reasons), None)
        sentence_dek = below is not None and prose_like(lines[below].text)
        if upper >= MIN_TITLE_OVER_DEK_WORDS or (upper >= 4 and not sentence_dek):
            at = above[-1]
    return at


def _tail_start(lines: list[Line], reasons: dict[int, str], after: int, links: list[dict[str, str]]) -> int:
    """Where the article ends: the first end-of-article widget or card meta after the body starts.

    A related-stories box in the middle of the article (the body resumes after it) does not end
    the article: its header becomes furniture and its headlines inline links, added to ``links``.
    """
    prose_after = False
    for i in range(after + 1, len(lines)):
        text = lines[i].text
        if end_header(text):
            box = _mid_body_box(lines, i)
            if box is None:
                return i
            reasons[i] = "widget header"
            for j, standfirst in box:
                reasons[j] = "inline link"
                links.append({"title": lines[j].text, "standfirst": lines[standfirst].text if standfirst is not None else ""})
                if standfirst is not None:
                    reasons[standfirst] = "inline link"
            continue
        if i in reasons:
            continue
        if byline(text) and not prose_after:
            continue  # the article's own byline under a sentence dek, not a card's
        prose_after = prose_after or prose_like(text)
        if is_age_line(text) or byline_name(text):
            # Card meta opens the tail; short labels just above it (an outlet name) belong to the card.
            j = i
            while j - 1 > after and word_count(lines[j - 1].text) <= 4 and not prose_like(lines[j - 1].text):
                j -= 1
            return j
    return len(lines)


def _long_prose(text: str) -> bool:
    return prose_like(text) and word_count(text) >= 12 and not line_cue(text) and not reader_appeal(text)


def _mid_body_box(lines: list[Line], header: int) -> list[tuple[int, int | None]] | None:
    """Headlines (with their standfirst) of a box the article resumes after, or None at the real end.

    The article resumes when prose follows the box that is not a headline's own standfirst.
    """
    box: list[tuple[int, int | None]] = []
    j = header + 1
    while j < len(lines):
        text = lines[j].text
        if end_header(text) or is_age_line(text) or byline_name(text):
            return None
        if headline_like(text) and word_count(text) >= 3 and not line_cue(text):
            nxt = j + 1 if j + 1 < len(lines) else None
            glued = nxt is not None and _long_prose(lines[nxt].text) and not lines[j].gap_after
            box.append((j, nxt if glued else None))
            j += 2 if glued else 1
            continue
        if _long_prose(text):
            return box or None
        j += 1
    return None


def _header(lines: list[Line], reasons: dict[int, str]) -> tuple[list[str], str | None]:
    """Lines above the headline are navigation (site name, menu, kicker), except the section label.

    The section is read from the nearest label line with separators (a breadcrumb gives its
    deepest part, "Home" never counts; a flat label such as "World · Floods" is kept as written),
    else from a short label right above the headline.
    """
    furniture = [l.text for l in lines]
    for i in range(len(lines) - 1, -1, -1):
        if i in reasons:
            continue
        found = label_parts(lines[i].text)
        if found is None:
            continue
        parts, hierarchical = found
        parts = [p for p in parts if not _HOME.match(p)]
        if parts:
            del furniture[i]
            return furniture, parts[-1] if hierarchical else lines[i].text
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        if i in reasons:
            continue  # a caption or an advertisement may sit between the label and the headline
        # The capture's first line is the masthead unless the headline follows it directly.
        if i == 0 and len(lines) > 1:
            break
        if word_count(text) <= 6 and not prose_like(text) and not dateline(text) and not is_age_line(text):
            crumbs = [c for c in _CRUMB.split(text) if c]
            if crumbs and word_count(crumbs[-1]) <= 4:
                del furniture[i]
                return furniture, crumbs[-1]
        break
    return furniture, None
