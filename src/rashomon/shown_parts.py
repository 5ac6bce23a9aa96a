"""Statements of both parts of an article, body and standfirst (dek), for the lists that show them.

A statement's offsets index the text its ``part`` names (``Article.body`` or ``Article.dek``); every
helper here reads the right one, so a list of statements can mix both.
"""

from __future__ import annotations

from collections.abc import Mapping

from rashomon.model import Article, ArticleAnalysis, Attribution
from rashomon.shown_speaker import shown_speakers


def part_text(article: Article | None, part: str) -> str:
    """The text a statement of ``part`` indexes: the dek for "dek", else the body."""
    if article is None:
        return ""
    return (article.dek or "") if part == "dek" else article.body


def with_dek(analysis: ArticleAnalysis | None) -> list[Attribution]:
    """An analysis's statements for a list: the dek's first (it stands above the body), then the body's."""
    return [*analysis.dek_attributions, *analysis.attributions] if analysis is not None else []


def shown_in_parts(attributions: list[Attribution], articles: Mapping[str, Article],
                   entity_names: Mapping[str, str]) -> list[str]:
    """``shown_speakers`` for statements of either part, each read against its own text."""
    out: dict[int, str] = {}
    for part in {a.part for a in attributions}:
        atts = [a for a in attributions if a.part == part]
        texts = {k: part_text(art, part) for k, art in articles.items()}
        out.update(zip(map(id, atts), shown_speakers(atts, texts, entity_names)))
    return [out[id(a)] for a in attributions]
