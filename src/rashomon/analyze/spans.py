"""Character-span helpers over a parsed Doc, with per-Doc caches of its text and sentences.

``Doc.text`` and ``Token.sent`` are recomputed by spaCy on every access (each walks the whole
Doc), which made the attribution rules quadratic; these helpers cache both in ``Doc.user_data``
while our components run (``clear_cache`` removes them).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

EDGE_PUNCT = set(" \t\n,;:.!?—–-()[]\"'“”‘’«»")
_TEXT_KEY, _SENT_KEY = "rashomon.text", "rashomon.sents"


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each access; cached per Doc while our components run."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def sent_of(tok: Token) -> Span:
    """``Token.sent`` walks the whole Doc on each access; this looks the sentence up in a cached index."""
    doc = tok.doc
    index = doc.user_data.get(_SENT_KEY)
    if index is None:
        sents = list(doc.sents)
        ids = [0] * len(doc)
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                ids[i] = k
        index = doc.user_data[_SENT_KEY] = (sents, ids)
    return index[0][index[1][tok.i]]


def clear_cache(doc: Doc) -> None:
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(_SENT_KEY, None)


QUOTE_CHARS = {"'": "'", '"': '"', "‘": "'", "’": "'", "“": '"', "”": '"', "«": "«", "»": "«"}


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span with edge punctuation and spaces removed; a quote mark whose partner lies
    inside the span stays ("were 'unfounded'")."""
    text = doc_text(doc)
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    if start < end:
        inner = text[start:end]
        for edge, pos in ((end, end), (start - 1, start - 1)):
            if 0 <= pos < len(text) and text[pos] in QUOTE_CHARS:
                kind = QUOTE_CHARS[text[pos]]
                marks = sum(1 for i, ch in enumerate(inner) if QUOTE_CHARS.get(ch) == kind and not _apostrophe(inner, i))
                if marks % 2 == 1:
                    if pos == end:
                        end += 1
                    else:
                        start -= 1
                    inner = text[start:end]
    return start, end


def _apostrophe(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def span_chars(doc: Doc, tokens: list[Token]) -> tuple[int, int]:
    if not tokens:
        return 0, 0
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []
