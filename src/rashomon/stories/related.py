"""Related articles: the rest of an article's story first, then articles of other stories naming its people and places.

Pure functions over records the store hands over (``store.related``). Inside the story, newest
first, and a copy folds under the report it copies (a wire copy is not another account). Across
stories, an article scores the rarity of each person and place it shares with this one (inverse
document frequency, log(N / articles naming it)), so a border town named by three articles
relates more than the country every article names; at most a few articles per other story, so
one big story does not fill the list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rashomon.model import Article, original_of

PEOPLE_AND_PLACES = ("PERSON", "GPE", "LOC", "FAC")
SAME_STORY_LIMIT = 12
OTHER_LIMIT = 8
PER_OTHER_STORY = 3
# An article must share at least this much rarity to be related across stories: one name carried by at
# most half the articles, or several a little more common. Names every article carries weigh nothing.
MIN_SCORE = math.log(2)


@dataclass
class Related:
    """One related article: why it is listed and what it folds."""

    article: Article
    reason: str  # "same story" or "shares names"
    story: str | None = None
    shared: list[str] = field(default_factory=list)  # canonical names of the people and places shared, rarest first
    score: float = 0.0
    copies: list[Article] = field(default_factory=list)  # copies folded under it

    def to_dict(self) -> dict[str, object]:
        a = self.article
        return {"id": a.id, "title": a.title, "outlet": a.outlet, "credited_outlet": a.credited_outlet,
                "published": a.published, "story": self.story, "reason": self.reason, "shared": list(self.shared),
                "score": round(self.score, 3), "copies": [c.id for c in self.copies]}


def rarity(df: int, n: int) -> float:
    """The weight of a name carried by ``df`` of ``n`` articles: log(n / df), never negative."""
    return math.log(max(n, 1) / max(df, 1)) if df else 0.0


def same_story(article: Article, members: list[Article], story: str | None = None, limit: int = SAME_STORY_LIMIT) -> list[Related]:
    """The story's other main articles, newest first (undated last), each copy folded under its original."""
    by_source = {a.source: a for a in members}
    by_source.setdefault(article.source, article)
    groups: dict[str, list[Article]] = {}
    for a in members:
        if a.kind != "article":
            continue
        groups.setdefault(original_of(a, by_source).source, []).append(a)
    out = []
    for root, group in groups.items():
        if root == article.source:
            continue  # this article's own copies: its page lists them already
        others = [a for a in group if a.id != article.id]
        if not others:
            continue
        head = next((a for a in others if a.source == root), others[0])
        out.append(Related(head, "same story", story, copies=[c for c in others if c is not head]))
    out.sort(key=lambda r: (r.article.published or "", r.article.id), reverse=True)
    dated = [r for r in out if r.article.published] + [r for r in out if not r.article.published]
    return dated[:limit]


def across_stories(story: str | None, entities: dict[str, tuple[str, int]], postings: dict[str, set[str]],
                   articles: dict[str, Article], stories_of: dict[str, str], n_articles: int, *,
                   limit: int = OTHER_LIMIT, per_story: int = PER_OTHER_STORY, min_score: float = MIN_SCORE) -> list[Related]:
    """Articles outside ``story`` ranked by the rarity of the people and places they share with this one.

    ``entities``: this article's entity id -> (canonical name, articles naming it); ``postings``: another
    article id -> the ids of those entities it names; ``articles``: the records of the candidates
    (those missing are skipped); ``stories_of``: article id -> story id.
    """
    weight = {e: rarity(df, n_articles) for e, (_, df) in entities.items()}
    scored = []
    for aid, shared in postings.items():
        if aid not in articles or (story is not None and stories_of.get(aid) == story):
            continue
        score = sum(weight.get(e, 0.0) for e in shared)
        if score >= min_score:
            names = [entities[e][0] for e in sorted(shared, key=lambda e: (-weight.get(e, 0.0), entities[e][0]))]
            scored.append(Related(articles[aid], "shares names", stories_of.get(aid), names, score))
    scored.sort(key=lambda r: (-r.score, -_date_key(r.article), r.article.id))
    # a copy folds under its original when both are candidates
    by_source = {r.article.source: r for r in scored}
    heads: list[Related] = []
    for r in scored:
        up = r.article.upstream
        if up in by_source and by_source[up] is not r:
            by_source[up].copies.append(r.article)
        else:
            heads.append(r)
    out, per = [], {}
    for r in heads:
        key = r.story or r.article.id
        if per.get(key, 0) >= per_story:
            continue
        per[key] = per.get(key, 0) + 1
        out.append(r)
        if len(out) == limit:
            break
    return out


def _date_key(a: Article) -> int:
    """A date as a number for sorting newest first (0 when undated)."""
    digits = (a.published or "").replace("-", "")[:8]
    return int(digits.ljust(8, "0")) if digits.isdigit() else 0
