"""The article's own text in a capture: dek, byline, body paragraphs, headings and inline links.

Inline links to other stories look like a headline glued to a one-sentence standfirst and set
apart by blank lines; in-body headings are short headline-shaped lines that open a run of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rashomon.extract.dates import dateline, is_age_line
from rashomon.extract.lines import Line, ends_sentence, headline_like, prose_like, sentence_count, word_count

# A byline: "By" (or "Words by", "Reporting by") and names, then optionally a place ("in Velmar"),
# a role after a comma ("Europe correspondent") and a date or time after a separator.
_BYLINE_HEAD = re.compile(r"^(?i:(?:words|reporting|written|story|text|additional reporting)\s+)?(?i:by)\s+(?P<rest>.+)$")
_NAME = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|al|bin|da|del|la|le|dos|du)){0,4}$"
)
_NAME_JOIN = re.compile(r"\s*,?\s+(?:and|&)\s+|\s*,\s*|\s+&\s+")
_PLACE = re.compile(r"\s+in\s+(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})$")
_TAIL_SEP = re.compile(r"\s+[·•|–—-]\s+|\s*[·•|]\s*")
# Generic job words of a byline's role; a role without one ("By Friday, the vote ...") is prose.
_ROLE = re.compile(
    r"\b(?i:correspondents?|reporters?|editors?|writers?|journalists?|columnists?|contributors?|staff|analyst|"
    r"producers?|chief|bureau|desk|photographers?|critic|commentator|presenter|team|newsroom|agencies)\b"
)
_LINK_PREFIX = re.compile(
    r"^(?:read more|read also|also read|related|see also|more|recommended|read next|further reading|watch)\s*[:|»›>-]\s*(?P<title>.+)$",
    re.I,
)
_TIME_ONLY = re.compile(r"^(?:updated\s+)?\d{1,2}[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4})?$", re.I)
MAX_DEK_WORDS = 25  # a lede is often one long sentence; a standfirst is shorter


@dataclass
class BodyParts:
    dek: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # headings included, in order
    headings: list[str] = field(default_factory=list)
    inline_links: list[dict[str, str]] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)


def byline(text: str) -> str | None:
    """The names of an article byline ("By Ana Lis, Europe correspondent" -> "Ana Lis"), else None."""
    m = _BYLINE_HEAD.match(text.strip())
    if not m or len(text) > 160:
        return None
    head, *tail = [p for p in _TAIL_SEP.split(m.group("rest")) if p]
    for extra in tail:  # after a separator: a date, a time, an age or a role
        if not (dateline(extra) or _TIME_ONLY.match(extra) or is_age_line(extra) or _ROLE.search(extra)):
            return None
    names: list[str] = []
    chunks = [c for c in re.split(r"\s*,\s*", head) if c]
    for k, chunk in enumerate(chunks):
        chunk = _PLACE.sub("", chunk)
        people = [p for p in _NAME_JOIN.split(chunk) if p]
        if people and all(_NAME.match(p) for p in people) and not (k and _ROLE.search(chunk)):
            names.extend(people)
        elif k and (dateline(chunk) or _TIME_ONLY.match(chunk)):
            continue  # "By Ana Lis, 10:40 GMT"
        elif k and word_count(chunk) <= 6 and _ROLE.search(chunk) and not ends_sentence(chunk):
            continue  # "Europe correspondent", "Health editor"
        else:
            return None
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _gap_layout(lines: list[Line]) -> bool:
    """True when the capture separates paragraphs with blank lines (so gluing means something)."""
    return bool(lines) and sum(l.gap_after for l in lines) / len(lines) >= 0.4


def assemble(lines: list[Line], reasons: dict[int, str], title_index: int | None) -> BodyParts:
    """Split the lines between the title and the end of the article into their roles.

    ``reasons`` maps a line's position in ``lines`` to why it is furniture; ``title_index`` is
    the raw line index of the title, used to tell a dek (right under the title) from a paragraph.
    """
    parts = BodyParts()
    content: list[Line] = []
    prose_seen = 0  # bylines only count above the body's prose (the dek may be prose)
    for i, line in enumerate(lines):
        text = line.text
        if i in reasons:
            parts.furniture.append(text)
        elif parts.byline is None and prose_seen < 2 and (name := byline(text)):
            parts.byline = name
            parts.furniture.append(text)
        elif len(text) <= 120 and dateline(text):
            parts.furniture.append(text)
        else:
            content.append(line)
            prose_seen += prose_like(text)
    if not content:
        return parts
    gap = _gap_layout(content)
    start = _take_dek(parts, content, lines, title_index)
    i = start
    while i < len(content):
        line, text = content[i], content[i].text
        nxt = content[i + 1] if i + 1 < len(content) else None
        if m := _LINK_PREFIX.match(text):
            parts.inline_links.append({"title": m.group("title").strip(), "standfirst": ""})
            parts.furniture.append(text)
        elif nxt is not None and gap and _inline_link(line, nxt):
            parts.inline_links.append({"title": text, "standfirst": nxt.text})
            parts.furniture.extend([text, nxt.text])
            i += 1
        elif headline_like(text, max_words=20) and nxt is not None and (prose_like(nxt.text) or not headline_like(nxt.text)):
            parts.headings.append(text)
            parts.paragraphs.append(text)
        elif headline_like(text, max_words=20) and word_count(text) <= 6 and (nxt is None or headline_like(nxt.text)):
            parts.furniture.append(text)  # a stray label with no text under it
        else:
            parts.paragraphs.append(text)
        i += 1
    return parts


def _inline_link(line: Line, nxt: Line) -> bool:
    """A headline glued to a one-sentence standfirst, the pair set apart by blank lines."""
    return (
        headline_like(line.text)
        and word_count(line.text) >= 6
        and line.gap_before
        and not line.gap_after
        and nxt.gap_after
        and prose_like(nxt.text)
        and sentence_count(nxt.text) == 1
        and word_count(nxt.text) <= 45
    )


def _take_dek(parts: BodyParts, content: list[Line], lines: list[Line], title_index: int | None) -> int:
    """Set the dek when the first line under the title is a standfirst; return where the body starts."""
    first = content[0]
    if title_index is None or len(content) < 2:
        return 0
    between = [l for l in lines if title_index < l.index < first.index]
    if between:
        return 0  # something (a caption, a byline) separates it from the title: it is body
    text = first.text
    headline_dek = headline_like(text) and word_count(text) >= 4 and prose_like(content[1].text)
    sentence_dek = (
        prose_like(text)
        and sentence_count(text) == 1
        and word_count(text) <= MAX_DEK_WORDS
        and prose_like(content[1].text)
        and word_count(text) < word_count(content[1].text)
    )
    if headline_dek or sentence_dek:
        parts.dek = text
        return 1
    return 0
