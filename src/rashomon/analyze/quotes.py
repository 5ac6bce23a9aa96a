"""Quotation-mark spans over raw text: straight, curly, single, double, guillemets, nested.

The tokenizer's ``is_quote`` flag cannot tell an apostrophe (``that's``, ``Moscow’s``) from a
closing single quote, and textacy's pairing gives up on an odd count; so pairing is done here
on characters, with apostrophes recognised by their neighbours, inner quotes nested on a stack,
and a quote that runs over paragraphs closed where the next paragraph re-opens it, or, when the
next paragraphs do not re-open it, at the closing mark they end it with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "d", "„": "d", "«": "g", "‘": "s", "‹": "g1", "‚": "s"}
CLOSERS = {"”": "d", "»": "g", "’": "s", "›": "g1"}
STRAIGHT = {'"': "d", "'": "s"}
_PARA = re.compile(r"\n")
# Doubled single marks as double quotes (''…'' in some newspapers' archives, ``…'' in PTB text):
# rewritten, length kept, to curly marks plus a zero-width filler before the pairing.
_DOUBLED_OPEN = re.compile(r"(?<!\w)(?:''|``)(?=\S)")
_DOUBLED_CLOSE = re.compile(r"(?<=\S)''(?!\w)")


FILLER = "\u200b"


def _inner_start(text: str, pos: int) -> int:
    return pos + 2 if text[pos + 1 : pos + 2] == FILLER else pos + 1


def _normalise_doubled(text: str) -> str:
    if "''" not in text and "``" not in text:
        return text
    text = _DOUBLED_OPEN.sub("\u201c\u200b", text)
    return _DOUBLED_CLOSE.sub("\u200b\u201d", text)


@dataclass(frozen=True)
class Quote:
    """A top-level quoted stretch: ``start``/``end`` include the marks, inner_* exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    continues: bool = False  # the quote goes on in the next paragraph (no closing mark here)

    @property
    def inner(self) -> tuple[int, int]:
        return self.inner_start, self.inner_end


def _is_apostrophe(text: str, i: int) -> bool:
    """A single-quote char between letters/digits (that's, Moscow’s, rock'n'roll) or in ’90s."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    # elided year or word at a word start: ’90s, 'em
    if not prev.isalnum() and nxt.isdigit() and i + 3 < len(text) and text[i + 1 : i + 4].rstrip("s").isdigit():
        return True
    return False


def _role(text: str, i: int, kind: str, ch: str, open_kinds: list[str]) -> str | None:
    """'open', 'close' or None (an apostrophe or a stray mark) for the quote char at i."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if kind == "s" and _is_apostrophe(text, i):
        return None
    if ch in OPENERS and ch not in CLOSERS:
        if kind == "s" and ch == "‘" and prev.isalnum():
            return None
        return "open"
    if ch in CLOSERS and ch not in OPENERS:
        if kind == "s" and "s" not in open_kinds:
            return None  # ’ with no open single quote: an apostrophe (farmers’ market)
        return "close"
    # straight marks: decide by the neighbours
    before_space = prev.isspace() or prev in "([{—–-/" or i == 0
    after_space = nxt.isspace() or nxt in ".,;:!?)]}—–-/" or i + 1 == len(text)
    if kind == "d" and kind in open_kinds and prev == " " and text[i - 2 : i - 1] in {".", "?", "!", ","}:
        return "close"  # 'is wrong. "Perry is referring': a closing mark typed after the space
    if before_space and not after_space:
        return "open"
    if after_space and not before_space:
        if kind == "s" and "s" not in open_kinds:
            return None  # plural possessive (the voters' choice)
        return "close"
    if kind in open_kinds:
        return "close"
    return None if kind == "s" else "open"


def _left_open(text: str, pos: int, end: int, max_chars: int) -> bool:
    """A double quote opened inside a paragraph, left open at its end, with a whole sentence in it
    ("… Mr. Roe said. “Then he says … due process." and a new paragraph that does not re-open it): the
    writer left out the closing mark, the quote runs to the paragraph's end. A paragraph opened by the
    mark is a block quote of another text, whose own statements are not one quote."""
    inner = text[pos + 1 : end].strip()
    opened_after = text[text.rfind("\n", 0, pos) + 1 : pos].strip()  # a paragraph that opens with it is a block quote
    return bool(opened_after) and 20 <= len(inner) <= max_chars and inner[-1:] in ".?!" and "\n" not in inner


def _closed_later(text: str, pos: int, kind: str, max_chars: int, max_paras: int = 3) -> int | None:
    """Where a double quote left open at its paragraph's end closes in a later paragraph that does not
    re-open it (the opening mark not repeated at each paragraph start, closed only at the last: "“It
    has been …\\n\\nSo I am asking you … like you.”"): the index of the first mark of its kind in the
    next few paragraphs when that mark closes, else None (a mark that opens there starts another quote)."""
    if kind not in {"d", "g"}:
        return None
    paras = 0
    i = text.find("\n", pos)
    while 0 <= i < len(text) and i - pos <= max_chars:
        nxt = text.find("\n", i + 1)
        end = len(text) if nxt < 0 else nxt
        paras += bool(text[i + 1 : end].strip())
        if paras > max_paras:
            return None
        for j in range(i + 1, end):
            ch = text[j]
            k = OPENERS.get(ch) or CLOSERS.get(ch) or STRAIGHT.get(ch)
            if k != kind:
                continue
            role = "close" if ch in CLOSERS and ch not in OPENERS else _role(text, j, kind, ch, [kind])
            return j if role == "close" and j - pos <= max_chars else None
        i = nxt
    return None


def find_quotes(text: str, max_chars: int = 4000) -> list[Quote]:
    """Top-level quotes in ``text``; unclosed marks are dropped, never paired more than a few paragraphs away."""
    out: list[Quote] = []
    stack: list[tuple[str, int]] = []  # (kind, position of the opening mark)
    text = _normalise_doubled(text)
    skip_to = 0
    for i, ch in enumerate(text):
        if i < skip_to:
            continue
        if ch == "\n":
            if stack:
                kind, pos = stack[0]
                j = i
                while j < len(text) and text[j].isspace():
                    j += 1
                reopened = j < len(text) and (text[j] in OPENERS or text[j] in STRAIGHT)
                end = i
                while end > pos and text[end - 1].isspace():
                    end -= 1
                closes = None if reopened else _closed_later(text, pos, kind, max_chars)
                if reopened and i - pos <= max_chars:
                    out.append(Quote(pos, end, _inner_start(text, pos), end, continues=True))
                elif closes is not None:
                    out.append(Quote(pos, closes + 1, _inner_start(text, pos), closes - (text[closes - 1] == FILLER)))
                    skip_to = closes + 1
                elif kind in {"d", "g"} and _left_open(text, pos, end, max_chars):
                    # the closing mark was left out: the quote ends with its paragraph
                    out.append(Quote(pos, end, _inner_start(text, pos), end))
                stack = []
            continue
        kind = OPENERS.get(ch) or CLOSERS.get(ch) or STRAIGHT.get(ch)
        if kind is None:
            continue
        open_kinds = [k for k, _ in stack]
        if ch in "“‘" and stack and text[stack[-1][1]] in "„‚":
            role: str | None = "close"  # German style: „…“ and ‚…‘
        else:
            role = _role(text, i, kind, ch, open_kinds)
        if role == "open":
            stack.append((kind, i))
            continue
        if role == "close":
            # close the innermost open quote of the same kind; anything opened after it is dropped
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == kind:
                    pos = stack[k][1]
                    del stack[k:]
                    if not stack and i - pos <= max_chars and i > pos + 1:
                        out.append(Quote(pos, i + 1, _inner_start(text, pos), i - (text[i - 1] == FILLER)))
                    break
    return sorted(out, key=lambda q: q.start)
