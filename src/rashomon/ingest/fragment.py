"""Turn a feed entry's HTML fragment into plain paragraphs separated by blank lines.

Hand-written on the standard library's tokenizer: trafilatura is built for whole pages and
drops short fragments, html2text writes Markdown (links and emphasis marks would end up in
the article body), and lxml builds a tree, which a deeply nested fragment can exhaust.
A tokenizer keeps no tree, so nesting depth costs nothing.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "figure", "figcaption", "hr", "br", "main", "nav", "address",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "math", "head"}
_SPACE = re.compile(r"[ \t\f\v\u00a0\u200b]+")


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._heading = False

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._buf)).strip()
        text = re.sub(r"\s*\n\s*", " ", text)
        if text:
            self.paragraphs.append(text)
            if self._heading:
                self.headings.append(text)
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK and not self._skip:
            self._flush()
            if tag not in ("br", "hr"):  # a line break inside a heading keeps it a heading
                self._heading = tag in _HEADINGS

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and not self._skip:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK and not self._skip:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|h[1-6]|li|span|a|em|strong|b|i|blockquote|figure|img)[\s/>]", text, re.I))


def html_to_blocks(fragment: str) -> tuple[list[str], list[str]]:
    """(paragraphs, the ones that were h1–h6 headings) of an HTML or plain-text fragment."""
    if not looks_like_html(fragment):
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", unescape(fragment))]
        return [p for p in paras if p], []
    parser = _Paragraphs()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return parser.paragraphs, parser.headings


def html_to_paragraphs(fragment: str) -> str:
    """Plain text of ``fragment``: one paragraph per block element, joined by blank lines."""
    return "\n\n".join(html_to_blocks(fragment)[0])
