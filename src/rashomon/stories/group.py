"""Assign articles to stories: join the best-matching story in the time window or found a new one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rashomon.config import Options
from rashomon.language_scope import is_analysed
from rashomon.stories.features import DATE_PREFIX, ENTITY_PREFIX, YEAR_PREFIX, extract_features
from rashomon.stories.index import Params, StoryIndex, StoryState, day_number, embedding_cosine
from rashomon.stories.split import SplitModel, load_split_model, split_doc, split_labels


@dataclass
class StoryDoc:
    """What grouping needs to know about one article."""

    article: str  # article id
    source: str
    kind: str  # "article" | "teaser"
    title: str
    body: str
    published: str | None
    outlet: str | None
    entities: list[str] = field(default_factory=list)  # canonical entity names mentioned
    near_duplicate_of: str | None = None
    embedding: list[float] | None = None  # unit sentence embedding of title and lead, when computed
    language: str | None = None  # the article's language (declared or detected at extract); None: detect when needed


def doc_weights(doc: StoryDoc, params: Params) -> dict[str, float]:
    """A doc's own features only: teasers carry nothing from the page they were split from."""
    return extract_features(doc.title, doc.body, doc.entities or None, entity_boost=params.entity_boost,
                            date_boost=params.date_boost, year_boost=params.year_boost).weights


def _order(docs: list[StoryDoc]) -> list[StoryDoc]:
    """Dated first, oldest first; copies after originals, so story ids name the earliest article; pages
    stored in another language after the others, so they find the stories those found."""
    indexed = list(enumerate(docs))
    indexed.sort(key=lambda p: (p[1].near_duplicate_of is not None, stored_foreign(p[1]), (p[1].published or "~")[:10], p[0]))
    return [d for _, d in indexed]


def _rank(doc: StoryDoc, seq: int) -> list[Any]:
    """Title preference: full articles in the analysed language before teasers and pages stored in
    another language (one flag, so ranks kept in older grouping states still compare), then the
    earliest, then the first seen."""
    return [doc.kind == "teaser" or stored_foreign(doc), (doc.published or "~")[:10], seq]


def assign_stories(docs: list[StoryDoc], index: StoryIndex, options: Options) -> dict[str, str]:
    """Add docs to the index; return article id -> story id for the new docs.

    Already-grouped articles keep their story (re-ingest is idempotent). Document frequencies of
    the whole batch are counted before any doc is placed. A near-duplicate joins its original's
    story and moves neither document frequencies nor centroids: a copy counts once. Small stories
    near the ones the batch touched are then offered to them (``absorb``).
    """
    founded: set[str] = set()
    result = _assign(docs, index, {}, founded)
    moved = absorb(index, set(result.values()), founded)
    return {a: moved.get(sid, sid) for a, sid in result.items()}


def _is_foreign(doc: StoryDoc) -> bool:
    from rashomon.stories import crosslingual

    return stored_foreign(doc) or crosslingual.is_foreign(doc)


def wait(index: StoryIndex, doc: StoryDoc, story: StoryState, day: int | None) -> None:
    """Keep a foreign page that founded a story (its title and the start of its body) and post its story
    under the forms of its names too, so a story in the analysed language that forms later finds it."""
    from rashomon.stories import crosslingual

    index.waiting[doc.article] = {"title": doc.title, "body": doc.body[: crosslingual.WAITING_CHARS],
                                  "published": doc.published, "language": crosslingual.doc_language(doc)}
    index.post(story, crosslingual.name_forms(doc.title, doc.body), day)


def place_waiting(index: StoryIndex, story: StoryState, near: StoryState | None = None,
                  ) -> tuple[StoryState | None, dict[str, float] | None]:
    """The story a waiting foreign page (the only member of ``story``) joins now, and its neutral keys.
    ``near``: the story whose terms found it, scored too (its names may be too common in the corpus to be
    among the salient terms it was posted under, so the page's own look-up can miss it)."""
    from rashomon.stories import crosslingual

    article = story.articles[0]
    kept = index.waiting[article]
    doc = StoryDoc(article=article, source=article, kind="article", title=kept.get("title") or "",
                   body=kept.get("body") or "", published=kept.get("published"), outlet=None,
                   language=kept.get("language"))
    weights = dict(story.centroid)
    also = [near] if near is not None and near is not story else []
    target = crosslingual.place_foreign(index, doc, weights, day_number(doc.published), exclude=story, also=also)
    return (target, weights) if target is not None else (None, None)


def story_terms(index: StoryIndex, story: StoryState) -> list[str]:
    """A story's salient terms: its centroid read as one doc."""
    return salient_terms(index, story.centroid)


def story_day(story: StoryState) -> int | None:
    return day_number(story.last)


def absorb(index: StoryIndex, touched: set[str], founded: set[str] | None = None) -> dict[str, str]:
    """Offer each story of at most ``absorb_max`` members found near a touched story to the story its
    centroid fits best (``place``, itself left out); return story id -> the id it merged into.

    What a regroup's refinement does, for the neighbourhood of one batch only: an article that came
    before its story's first reports founded a story of its own, and the stories that grew later were
    never compared with it again. A page in another language that founded a story (``index.waiting``)
    is scored by ``crosslingual.place_foreign`` first, as when it arrived. A small story other than the
    touched one is offered only when it reaches the join threshold with the touched story (``fits``).
    The cost is a candidate look-up per touched story, not per corpus.

    A story of one article ``founded`` in this batch is not looked up again: its article's own look-up
    found no story it reaches the threshold with a moment ago, and the cosine is symmetric, so the
    small stories near it were scored against it then; a story that grew later in the batch is touched
    too and offers it (``fits``) from its side.
    """
    small = index.params.absorb_max
    moved: dict[str, str] = {}
    if small < 1:
        return moved
    seen: set[str] = set()
    for sid in sorted(touched):
        story = index.stories_by_id.get(moved.get(sid, sid))
        if story is None:
            continue
        if founded and story.id in founded and len(story.articles) == 1 and story.articles[0] not in index.waiting:
            continue
        near = [story, *index.candidates(story_terms(index, story), story_day(story))]
        for cand in near:
            if cand.id in seen or cand.size > small or cand.id not in index.stories_by_id or not cand.centroid:
                continue
            waiting = len(cand.articles) == 1 and cand.articles[0] in index.waiting
            if not waiting and cand is not story and not fits(index, cand, story):
                continue  # not offered by this story (another touched story may still offer it)
            seen.add(cand.id)
            keys: dict[str, float] | None = None
            target = None
            if waiting:
                target, keys = place_waiting(index, cand, story)
            if target is None:
                target = place(index, cand.centroid, story_day(cand), exclude=cand)
                keys = None
            if target is None or target.size < cand.size:
                continue
            index.merge(cand, target, keys)
            for a in cand.articles:
                index.waiting.pop(a, None)
            for k, v in list(moved.items()):
                if v == cand.id:
                    moved[k] = target.id
            moved[cand.id] = target.id
    return moved


def fits(index: StoryIndex, small: StoryState, story: StoryState) -> bool:
    """Whether a small story's centroid reaches the join threshold with the touched story that found it:
    one cosine, where offering it to every story near it (``place``) costs a look-up and a dozen. In a
    crowded window most of the small stories a look-up finds share only a beat's common words with it."""
    return index.score(index.query(small.centroid), story) >= index.params.threshold * index.params.absorb_fit


def _assign(docs: list[StoryDoc], index: StoryIndex, feats: dict[str, dict[str, float]],
            new_stories: set[str] | None = None) -> dict[str, str]:
    """Place each new doc (see ``assign_stories``); the ids of the stories its docs found go into ``new_stories``."""
    result: dict[str, str] = {}
    fresh = []
    for doc in docs:
        known = index.article_story.get(doc.article)
        if known is not None:
            result[doc.article] = known
        else:
            fresh.append(doc)
    for doc in fresh:
        if doc.article in feats or (doc.near_duplicate_of and index.story_of(doc.near_duplicate_of)):
            continue
        feats[doc.article] = doc_weights(doc, index.params)
    for doc in fresh:
        if doc.article in feats and not (doc.near_duplicate_of and index.story_of(doc.near_duplicate_of)):
            index.df.update(feats[doc.article].keys())
            index.n_docs += 1
    for doc in _order(fresh):
        if doc.source:
            index.source_article[doc.source] = doc.article
        if doc.article in index.article_story:  # the same article twice in one batch
            result[doc.article] = index.article_story[doc.article]
            continue
        index.seq += 1
        rank = _rank(doc, index.seq)
        original = index.story_of(doc.near_duplicate_of) if doc.near_duplicate_of else None
        if original is not None:
            story = index.stories_by_id[original]
            index.add_member(story, doc.article, None, doc.published, doc.title, rank)
            result[doc.article] = story.id
            continue
        weights = feats.get(doc.article)
        if weights is None:  # its original was named but unknown when features were counted
            weights = feats[doc.article] = doc_weights(doc, index.params)
            index.df.update(weights.keys())
            index.n_docs += 1
        day = day_number(doc.published)
        salient = salient_terms(index, weights)  # sorted once for the look-up and the posting
        before = dict(weights)
        story = place_any(index, doc, weights, day, salient)
        if weights != before:  # a foreign page that joined a story takes its neutral keys (crosslingual)
            salient = salient_terms(index, weights)
        founded = story is None
        if story is None:
            story = index.found(doc.article, doc.title, rank)
            if new_stories is not None:
                new_stories.add(story.id)
        index.add_member(story, doc.article, weights, doc.published, doc.title, rank, doc.embedding)
        index.post(story, salient, day)
        if founded and _is_foreign(doc):
            wait(index, doc, story, day)
        elif not founded and index.waiting:
            index.waiting.pop(story.id.removeprefix("story-"), None)  # its founder waits no more: it has company
        result[doc.article] = story.id
    return result


def salient_terms(index: StoryIndex, weights: dict[str, float]) -> list[str]:
    """The doc's highest tf-idf words and names: what it is posted and looked up under.

    Dates and years score but do not block: consecutive days of one running story name
    different dates, and a rare date would otherwise crowd its words out of the postings.
    """
    idf = index.idf
    scored = sorted((t for t in weights if t[:1] not in (DATE_PREFIX, YEAR_PREFIX)),
                    key=lambda t: weights[t] * idf(t), reverse=True)
    return scored[: index.params.top_terms]


def place(
    index: StoryIndex, weights: dict[str, float], day: int | None, *, resolved: bool = False,
    embedding: list[float] | None = None, exclude: StoryState | None = None, salient: list[str] | None = None,
) -> StoryState | None:
    """The best story above the join threshold among the blocked candidates, or None.

    With ``resolved`` entities, a story sharing ``entity_join`` of them is joined from a lower
    similarity: in a small corpus idf is flat and cosines are compressed, but shared people and
    places named the same way across outlets still say "same story".
    """
    if not weights:
        return None
    p = index.params
    query = index.query(weights)
    names = {t for t in weights if t.startswith(ENTITY_PREFIX)} if resolved else set()
    best, best_score = None, 0.0
    for story in index.candidates(salient_terms(index, weights) if salient is None else salient, day):
        if story is exclude:
            continue
        sim = index.score(query, story)
        if p.embed_weight and (esim := embedding_cosine(embedding, story)) is not None:
            sim += p.embed_weight * (esim - p.embed_center)
        needed = p.threshold
        if names and len(_rare(index, names.intersection(story.centroid))) >= p.entity_join:
            needed = p.threshold * p.entity_floor
        if sim >= needed and sim / needed > best_score:
            best, best_score = story, sim / needed
    return best


def _rare(index: StoryIndex, names: set[str]) -> set[str]:
    """The names held by at most ``entity_rare`` of the stories: a president or a parliament every
    story of a beat names says nothing about which story a doc belongs to. Counted over stories, not
    docs: a small corpus of one story names its dam in every doc."""
    share = index.params.entity_rare
    if share >= 1.0:
        return names
    most = max(2.0, share * len(index.stories_by_id))
    return {t for t in names if index.name_stories.get(t, 0) <= most}


def place_any(index: StoryIndex, doc: StoryDoc, weights: dict[str, float], day: int | None,
              salient: list[str] | None = None) -> StoryState | None:
    """A doc's story by its words, else (a page in another language) by ``place_foreign``; a page stored
    in another language tries that first, so a story of another event in its own language cannot take
    it on common words."""
    def by_words() -> StoryState | None:
        return place(index, weights, day, resolved=bool(doc.entities), embedding=doc.embedding, salient=salient)

    if stored_foreign(doc):
        return place_foreign(index, doc, weights, day) or by_words()
    return by_words() or place_foreign(index, doc, weights, day)


def stored_foreign(doc: StoryDoc) -> bool:
    """True for a doc that carries a language other than the ones the analysis reads (no detection here)."""
    return bool(doc.language) and not is_analysed(doc.language)


def place_foreign(index: StoryIndex, doc: StoryDoc, weights: dict[str, float], day: int | None) -> StoryState | None:
    """A page in another language than the analysis reads joins its story on names, dates and a
    multilingual sentence model (``stories.crosslingual``; its weights become those keys); None for other pages."""
    from rashomon.stories import crosslingual

    return crosslingual.place_foreign(index, doc, weights, day) if crosslingual.is_foreign(doc) else None


def regroup(docs: list[StoryDoc], options: Options, *, passes: int = 3,
            split_model: SplitModel | None = None) -> StoryIndex:
    """Group every doc from scratch, move docs to their best story until nothing moves, then split
    stories that hold two events of one kind.

    The sequential pass depends on arrival order; each refinement pass (k-means-like, but over
    the blocked candidates only, so still near-linear) moves a doc to the story it fits best
    once every doc is known. A doc never founds a story in refinement, so ids stay stable.
    The split (``stories.split``) runs per story, so its quadratic cost is bounded by ``split_max``.
    """
    index = StoryIndex(options)
    ordered = _by_date(docs)
    feats: dict[str, dict[str, float]] = {}
    _assign(ordered, index, feats)
    for _ in range(passes):
        if not _refine(ordered, index, feats):
            break
    model = split_model or _split_model(index.params)
    if model is not None:
        split_stories(ordered, index, feats, model)
    return index


def _by_date(docs: list[StoryDoc]) -> list[StoryDoc]:
    """Oldest first, then by id: the order regroup and the split see, whatever the input order."""
    return sorted(docs, key=lambda d: ((d.published or "~")[:10], d.article))


def _split_model(params: Params) -> SplitModel | None:
    return load_split_model(params.split_model or None) if params.split else None


def resplit(docs: list[StoryDoc], index: StoryIndex, options: Options) -> set[str]:
    """Split the stories whose members ``docs`` are (all of them, as an incremental run gives them
    after a batch), in place; return the ids of the stories that changed or were founded.

    Only the stories the batch touched need looking at, so the cost stays per batch, not per corpus.
    """
    model = _split_model(index.params)
    if model is None:
        return set()
    feats = {d.article: doc_weights(d, index.params) for d in docs
             if not (d.near_duplicate_of and index.story_of(d.near_duplicate_of))}
    return split_stories(_by_date(docs), index, feats, model)


def split_stories(ordered: list[StoryDoc], index: StoryIndex, feats: dict[str, dict[str, float]],
                  model: SplitModel) -> set[str]:
    """Split every story the pair model sees as several events; return the ids of the stories split and founded.

    The part holding a story's founding member keeps its id; each other part founds a story named
    by its best-ranked member. A near-duplicate copy follows its original.
    """
    by_id = {d.article: d for d in ordered}
    position = {d.article: i for i, d in enumerate(ordered)}
    changed: set[str] = set()
    sids = {sid for a in by_id if (sid := index.article_story.get(a))}
    for story in [index.stories_by_id[sid] for sid in sorted(sids) if sid in index.stories_by_id]:
        members = [a for a in story.articles if a in feats and a in by_id]
        if not 3 <= len(members) <= index.params.split_max:
            continue
        docs = [split_doc(by_id[a].title, by_id[a].body, feats[a]) for a in members]
        labels = split_labels(docs, index.idf, model, min_share=index.params.split_min_share, depth=index.params.split_depth)
        if max(labels) == 0:
            continue
        part = dict(zip(members, labels))
        for a, lab in zip(members, labels):
            part.setdefault(by_id[a].source, lab)
        for a in story.articles:
            original = by_id[a].near_duplicate_of if a in by_id else None
            if a not in part and original is not None:
                part[a] = part.get(original, part.get(index.source_article.get(original, ""), 0))
        founder = story.id.removeprefix("story-")  # its part keeps the id, so the id still names a member
        keep = part.get(founder, part.get(story.articles[0], 0))
        changed.add(story.id)
        moving: dict[int, list[str]] = defaultdict(list)
        for a in list(story.articles):
            if part.get(a, keep) != keep:
                moving[part[a]].append(a)
                index.remove_member(story, a, feats.get(a), by_id[a].embedding if a in by_id else None)
        _retitle(story, [by_id[a] for a in story.articles if a in by_id], position)
        for articles in moving.values():
            articles.sort(key=lambda a: _rank(by_id[a], position[a]))
            head = by_id[next((a for a in articles if f"story-{a}" not in index.stories_by_id), articles[0])]
            new = index.found(head.article, head.title, _rank(head, position[head.article]))
            changed.add(new.id)
            for a in articles:
                d = by_id[a]
                index.add_member(new, a, feats.get(a), d.published, d.title, _rank(d, position[a]), d.embedding)
                if a in feats:
                    index.post(new, salient_terms(index, feats[a]), day_number(d.published))
    return changed


def _retitle(story: StoryState, docs: list[StoryDoc], position: dict[str, int]) -> None:
    """Title and first and last dates again from the members a split left."""
    if not docs:
        return
    best = min(docs, key=lambda d: _rank(d, position[d.article]))
    story.title, story.title_rank = best.title, _rank(best, position[best.article])
    dates = sorted(d.published[:10] for d in docs if d.published and len(d.published) >= 10)
    story.first, story.last = (dates[0], dates[-1]) if dates else (None, None)


def _refine(ordered: list[StoryDoc], index: StoryIndex, feats: dict[str, dict[str, float]]) -> int:
    moved = 0
    for doc in ordered:
        weights = feats.get(doc.article)
        sid = index.article_story.get(doc.article)
        if not weights or sid is None or doc.near_duplicate_of and index.story_of(doc.near_duplicate_of) != sid:
            continue
        current = index.stories_by_id[sid]
        if current.size < 1:
            continue
        rank = _rank(doc, index.seq)
        index.remove_member(current, doc.article, weights, doc.embedding)
        day = day_number(doc.published)
        target = place_any(index, doc, weights, day)
        if target is None or target is current:
            target = current
            index.stories_by_id[current.id] = current  # back in (it vanished if it was a singleton)
        else:
            moved += 1
        index.add_member(target, doc.article, weights, doc.published, doc.title, rank, doc.embedding)
        index.post(target, salient_terms(index, weights), day)
    return moved
