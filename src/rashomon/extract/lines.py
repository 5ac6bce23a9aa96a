"""The line model of a plain-text capture and the shape cues every cleaner step reads.

A text capture has lost its markup, so what is left to tell a headline from a paragraph is the
shape of each line: its length, whether it ends a sentence, whether blank lines surround it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "´": "'", "`": "'"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_TRAILING = "'\"’”‘“)]»›*"
_TERMINAL = ".!?…"
# A sentence boundary inside a line: end punctuation, optional closing quote, space, capital/quote.
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)[.!?…]['\"’”)]?\s+(?=['\"‘“(]?[A-Z0-9])")


@dataclass
class Line:
    """One non-blank line of a capture with what surrounds it."""

    index: int  # position among all lines of the capture (blank ones included)
    text: str  # whitespace-collapsed, stripped
    gap_before: bool  # a blank line (or the start of the capture) precedes it
    gap_after: bool  # a blank line (or the end of the capture) follows it


def fold(text: str) -> str:
    """Case-folded, quote-folded, whitespace-collapsed form used to compare lines."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.lower().split())


def clean_line(raw: str) -> str:
    """Collapse runs of spaces and drop invisible characters, keeping the words as written."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", raw)).strip()


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of a capture, each knowing whether blank lines surround it."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = [clean_line(r) for r in raw]
    out: list[Line] = []
    for i, t in enumerate(cleaned):
        if not t:
            continue
        before = i == 0 or not cleaned[i - 1]
        after = i == len(cleaned) - 1 or not cleaned[i + 1]
        out.append(Line(i, t, before, after))
    return out


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (closing quotes and brackets ignored)."""
    core = text.rstrip().rstrip(_TRAILING).rstrip()
    return bool(core) and core[-1] in _TERMINAL


def ends_open(text: str) -> bool:
    """True when the line ends with a colon or comma: a label or a run-on, never a headline."""
    core = text.rstrip().rstrip(_TRAILING).rstrip()
    return bool(core) and core[-1] in ":;,-–—"


def sentence_count(text: str) -> int:
    return len(_SENTENCE_BREAK.findall(text.strip())) + 1


def starts_capitalised(text: str) -> bool:
    core = text.lstrip(_TRAILING + "'\"‘“(#-–— ")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def headline_like(text: str, max_words: int = 30) -> bool:
    """A line shaped like a headline or heading: capitalised, short enough, no sentence end."""
    n = word_count(text)
    if n == 0 or n > max_words or ends_open(text) or not starts_capitalised(text):
        return False
    core = text.rstrip().rstrip(_TRAILING).rstrip()
    # Headlines may end with a question or exclamation mark, never with a full stop.
    return not ends_sentence(text) or core.endswith(("?", "!"))


def prose_like(text: str) -> bool:
    """A line shaped like running text: it ends a sentence and is more than a fragment."""
    n = word_count(text)
    core = text.rstrip().rstrip(_TRAILING).rstrip()
    if core.endswith(("?", "!")) and n <= 20 and sentence_count(text) == 1:
        return False  # a question headline
    return (ends_sentence(text) and n >= 5) or n > 40


def title_case_ratio(text: str) -> float:
    """Share of words that start with a capital: high for Title Case headlines and names."""
    ws = words(text)
    return sum(1 for w in ws if w[0].isupper()) / len(ws) if ws else 0.0


# Separators of a label line: hierarchical ones (a breadcrumb path, deepest last) and flat ones
# (a section beside a topic or series name).
_HIER_SEP = re.compile(r"\s*(?:›|»|>)\s*|\s+/\s+")
_FLAT_SEP = re.compile(r"\s+[·•|]\s+|\s*[·•]\s*")
MAX_LABEL_PART_WORDS = 4


def label_parts(text: str) -> tuple[list[str], bool] | None:
    """(parts, hierarchical) for a short label line such as "Home › World" or "World · Floods".

    A label is two or more short parts split by separators, none ending a sentence; a headline
    with a separator ("Analysis | Why the tunnel floods") has a long part and is not one.
    """
    for pattern, hierarchical in ((_HIER_SEP, True), (_FLAT_SEP, False)):
        parts = [p.strip() for p in pattern.split(text.strip())]
        if len(parts) < 2 or any(not p for p in parts[1:]):
            continue
        parts = [p for p in parts if p]
        if all(0 < word_count(p) <= MAX_LABEL_PART_WORDS and not ends_sentence(p) for p in parts):
            return parts, hierarchical
    return None
