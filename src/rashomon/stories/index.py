"""The incremental grouping state: document frequencies, story centroids and a blocked inverted index.

Each new article is compared only with the stories that share one of its most salient terms in
its own time bucket or the two next to it (buckets are ``story_window_days`` wide), so the cost
per article stays flat as the corpus grows. Rejected alternative: datasketch MinHashLSH over
term sets finds near-duplicates well, but two reports of one event written independently share
too few shingles for LSH to pair them at a usable threshold; weighted cosine on a centroid does.
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rashomon.config import Options
from rashomon.errors import StoreError
from rashomon.model import Story, article_id
from rashomon.stories.features import ENTITY_PREFIX

FORMAT = 1
UNDATED = "u"
ANY_TIME = "*"  # every story is also posted here, so an undated article can find a dated story of any age


@dataclass(frozen=True)
class Params:
    """Grouping knobs; read from ``options.extra`` so the eval can sweep them without new settings."""

    window_days: int = 30
    threshold: float = 0.23  # cosine (doc vs story centroid) needed to join a story
    top_terms: int = 24  # a doc is posted and looked up under this many salient terms
    candidates: int = 12  # stories scored in full per doc
    scan: int = 64  # newest postings read per term and bucket
    # Postings counted per look-up in all, the rarest keys first (0: no limit, every list read to ``scan``).
    # In a crowded window a doc's common words each have ``scan`` postings: counting them all made a look-up
    # cost grow with the crawl's density (bench/global_scale.py: 166 postings per look-up at 10k records,
    # 766 at 100k); the rare keys (names, places) are read first and find the story. ECB+ dev and
    # coverage/basil score the same at 256 as without (the budget never binds on them).
    scan_budget: int = 256
    centroid_terms: int = 400  # a story centroid keeps this many terms
    entity_boost: float = 1.5
    date_boost: float = 3.0  # weight of a calendar date named in the text (0: dates not read); ECB+ dev: 0.869 vs 0.864 without
    year_boost: float = 1.0
    doc_terms: int = 0  # compare only a doc's this many most salient terms (0: all)
    # Resolved entities (cross-document, spelling-robust) are evidence a word count is not: a doc
    # naming this many of a story's entities joins it at this share of the threshold. Only for
    # docs whose entities come from the resolve stage, never from capitalised-word guesses.
    # Only names held by at most ``entity_rare`` of the stories (and by 2 at least) count: in one
    # beat (a country's politics) the president and the parliament are in every story and say
    # nothing about which; a small corpus of one story still counts its names.
    entity_join: int = 2
    entity_floor: float = 0.6
    entity_rare: float = 0.05
    # Sentence embeddings (title and lead), when the docs carry them: a doc's score for a story
    # gains embed_weight * (cosine with the story's mean embedding - embed_center). 0: not used.
    embed_weight: float = 0.0  # ECB+ dev regroup at 0.1: 0.956 against 0.953 without, for more time than grouping: off
    embed_center: float = 0.5
    embed_model: str = "all-MiniLM-L6-v2"  # a packaged name or a sentence-transformers folder
    # After a regroup, a story of 3..split_max members may split in two events of one kind (``split``).
    split: bool = True  # ECB+ dev, split model cross-fitted by topic: see the README
    split_max: int = 300  # pair features are quadratic in a story's size
    # A second event must hold this share of the story's members; smaller parts are folded back
    # (ECB+ dev, cross-fitted: 0.941 at 0, 0.943 at 0.1-0.2, 0.953 at 0.25; with the model trained
    # on ECB+ and coverage/basil and split_depth 3, 0.3 keeps ECB+ incremental closest: 0.938 vs 0.936).
    split_min_share: float = 0.3
    # A part the split makes is split again, this many levels in all: a batch of one beat with no
    # dates can hold one story of a dozen events, and the share above keeps the first cut coarse.
    split_depth: int = 3
    split_model: str = ""  # a model JSON from scripts/train_story_split.py ("" = the shipped one)
    # Incremental runs only: after a batch, a story of at most ``absorb_max`` members found near a
    # story the batch touched joins the story it now fits best (as refinement moves it in a regroup):
    # an article that came before its story's first reports founded a story of its own. 0: off.
    # ECB+ dev incremental (one doc at a time, re-split; seeds 1-4 mean / seed 13): 0: 0.928 / 0.938,
    # 1: 0.939 / 0.952, 2: 0.952 / 0.955, 3: 0.955 / 0.954, 5: 0.956, 10: 0.896. Ingest of coverage/basil
    # (careful / hurried): 0: 0.993 / 0.959, 1 and 2: 1.000 / 0.966, 3: 0.971 / 0.938 - three outlets
    # telling one event are a story, not a stray: 2.
    absorb_max: int = 2
    # A small story near a touched one is offered (``place``) only when it reaches this share of ``threshold``
    # with the touched story (``group.fits``: one cosine instead of a look-up and a dozen; in a crowded window
    # most small stories a look-up finds share only a beat's words). ECB+ dev incremental one at a time:
    # 0.9542 at 1.0 and 0.6 against 0.9549 offering every one; coverage/basil hurried replayed one at a time
    # 0.947 at 1.0, 0.935 at 0.6, 0.937 offering every one (careful unchanged).
    absorb_fit: float = 1.0

    @classmethod
    def from_options(cls, options: Options) -> "Params":
        extra = options.extra or {}
        base = cls(window_days=max(1, int(options.story_window_days)))
        kw = {k[len("story_"):]: v for k, v in extra.items() if k.startswith("story_") and k[6:] in cls.__dataclass_fields__}
        return cls(**{**base.__dict__, **kw})


@dataclass
class StoryState:
    """One story as the index keeps it between runs."""

    id: str
    title: str
    title_rank: list[Any]  # [is_teaser, published or "~", seq]: the smallest names the story
    articles: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    centroid: dict[str, float] = field(default_factory=dict)  # summed raw term weights of members
    size: int = 0
    posted: list[str] = field(default_factory=list)  # "bucket|term" keys this story is posted under
    embedding: list[float] = field(default_factory=list)  # sum of members' unit embeddings (empty: none)

    def to_story(self) -> Story:
        return Story(id=self.id, title=self.title, articles=list(self.articles), first=self.first, last=self.last)


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (only the YYYY-MM-DD prefix counts), None if unknown."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal() - 719163
    except ValueError:
        return None


def add_embedding(story: StoryState, embedding: list[float] | None, sign: float) -> None:
    """Keep a story's embedding as the plain sum of its members' (its direction is their mean's)."""
    if not embedding:
        return
    if not story.embedding:
        story.embedding = [0.0] * len(embedding)
    story.embedding = [a + sign * b for a, b in zip(story.embedding, embedding)]


def embedding_cosine(embedding: list[float] | None, story: StoryState) -> float | None:
    """Cosine between a doc's unit embedding and a story's summed one; None when either is missing."""
    if not embedding or not story.embedding:
        return None
    dot = sum(a * b for a, b in zip(embedding, story.embedding))
    norm = math.sqrt(sum(b * b for b in story.embedding))
    return dot / norm if norm > 1e-9 else None


class StoryIndex:
    """Incremental grouping state; serialisable with to_bytes/from_bytes."""

    def __init__(self, options: Options | None = None) -> None:
        self.params = Params.from_options(options) if options is not None else Params()
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.stories_by_id: dict[str, StoryState] = {}
        self.article_story: dict[str, str] = {}
        self.source_article: dict[str, str] = {}  # so near_duplicate_of may name a source
        self.postings: dict[str, list[str]] = {}
        self.seq = 0
        self._idf: dict[str, float] = {}
        self._idf_at = 0  # n_docs when the idf cache was filled
        self._norms: dict[str, float] = {}  # story id -> squared centroid norm under the cached idf
        self.name_stories: Counter[str] = Counter()  # entity feature -> stories whose centroid holds it
        # article -> {title, body (its start), published, language}: a page in another language that
        # founded a story of its own, kept so a story that forms later can still take it (group.absorb)
        self.waiting: dict[str, dict[str, Any]] = {}

    # ---- persistence -------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        state = {
            "format": FORMAT,
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "seq": self.seq,
            "article_story": self.article_story,
            "source_article": self.source_article,
            "postings": self.postings,
            "waiting": self.waiting,
            "stories": [
                {**s.__dict__, "centroid": {t: round(w, 4) for t, w in s.centroid.items()}}
                for s in self.stories_by_id.values()
            ],
        }
        return zlib.compress(json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def from_bytes(cls, data: bytes | None, options: Options) -> "StoryIndex":
        index = cls(options)
        if not data:
            return index
        try:
            state = json.loads(zlib.decompress(data).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError("story index", f"stored grouping state is unreadable ({exc}); run `rashomon stories --regroup`") from exc
        if state.get("format") != FORMAT:
            raise StoreError("story index", f"grouping state format {state.get('format')} is not {FORMAT}; run `rashomon stories --regroup`")
        index.n_docs = state["n_docs"]
        index.df = Counter(state["df"])
        index.seq = state["seq"]
        index.article_story = dict(state["article_story"])
        index.source_article = dict(state.get("source_article", {}))
        index.postings = {k: list(v) for k, v in state["postings"].items()}
        index.waiting = dict(state.get("waiting", {}))
        index.stories_by_id = {s["id"]: StoryState(**s) for s in state["stories"]}
        index.name_stories = Counter(t for s in index.stories_by_id.values() for t in s.centroid if t.startswith(ENTITY_PREFIX))
        return index

    # ---- reading -----------------------------------------------------------------------
    def stories(self) -> list[Story]:
        """Every story with title, article ids, first and last dates (oldest first)."""
        ordered = sorted(self.stories_by_id.values(), key=lambda s: (s.first or "~", s.title_rank[2]))
        return [s.to_story() for s in ordered]

    def members(self, story_ids: set[str], fewest: int = 0, most: int | None = None) -> list[str]:
        """Article ids of the given stories (of ``fewest`` to ``most`` articles): what a re-split reads."""
        stories = (self.stories_by_id.get(sid) for sid in sorted(story_ids))
        return [a for s in stories
                if s is not None and len(s.articles) >= fewest and (most is None or len(s.articles) <= most)
                for a in s.articles]

    def story_of(self, article: str) -> str | None:
        """The story an article id (or an article's source) belongs to."""
        return (
            self.article_story.get(article)
            or self.article_story.get(self.source_article.get(article, ""))
            or self.article_story.get(article_id(article))
        )

    # ---- scoring -----------------------------------------------------------------------
    def idf(self, term: str) -> float:
        """Smoothed idf, cached until the corpus grows by a tenth (then every cached norm is stale too)."""
        if self.n_docs > self._idf_at * 1.1 + 1:
            self._idf.clear()
            self._norms.clear()
            self._idf_at = self.n_docs
        v = self._idf.get(term)
        if v is None:
            v = self._idf[term] = math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0
        return v

    def doc_vector(self, weights: dict[str, float]) -> tuple[dict[str, float], float]:
        vec, norm, _ = self._vector(weights)
        return vec, norm

    def _vector(self, weights: dict[str, float]) -> tuple[dict[str, float], float, dict[str, float]]:
        """(tf-idf vector, its norm, each term's idf): the idf table is read once per term."""
        idf = self.idf
        iv = {t: idf(t) for t in weights}
        vec = {t: w * iv[t] for t, w in weights.items()}
        keep = self.params.doc_terms
        if keep and len(vec) > keep:
            vec = dict(sorted(vec.items(), key=lambda kv: kv[1], reverse=True)[:keep])
        return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0, iv

    def story_norm(self, story: StoryState) -> float:
        sumsq = self._norms.get(story.id)
        if sumsq is None:
            idf = self.idf
            sumsq = self._norms[story.id] = sum((w * idf(t)) ** 2 for t, w in story.centroid.items())
        return math.sqrt(sumsq) or 1.0

    def query(self, weights: dict[str, float]) -> tuple[dict[str, float], float]:
        """A doc's weights times idf squared, and its tf-idf norm: what ``score`` reads to compare it with
        many stories. Each term's idf is read once per doc, not once per story it is compared with: at a
        million records the idf table no longer fits the caches, and a dozen look-ups per term made a
        doc's comparisons cost more per record as the corpus grew (bench/global_scale.py)."""
        vec, norm, iv = self._vector(weights)
        return {t: v * iv[t] for t, v in vec.items()}, norm

    def score(self, query: tuple[dict[str, float], float], story: StoryState) -> float:
        """Cosine between a doc's tf-idf vector (given as its ``query``) and a story centroid under the current idf."""
        q, norm = query
        get = story.centroid.get
        dot = sum(v * get(t, 0.0) for t, v in q.items())
        return dot / (norm * self.story_norm(story))

    # ---- blocking ----------------------------------------------------------------------
    def lookup_buckets(self, day: int | None) -> list[str]:
        w = self.params.window_days
        if day is None:
            return [UNDATED, ANY_TIME]
        b = day // w
        return [str(b - 1), str(b), str(b + 1), UNDATED]

    def candidates(self, salient: list[str], day: int | None) -> list[StoryState]:
        """The stories posted under most of a doc's salient terms near its day, at most ``candidates``.

        At most ``scan_budget`` postings are counted, the shortest lists (the rarest keys in their
        time bucket, the most telling) first: as a window fills with stories, the common words' lists
        grow to ``scan`` each, and counting them all made each look-up cost grow with the corpus.
        """
        scan, budget = self.params.scan, self.params.scan_budget
        lists = []
        for bucket in self.lookup_buckets(day):
            for term in salient:
                plist = self.postings.get(f"{bucket}|{term}")
                if plist:
                    lists.append(plist)
        counts: Counter[str] = Counter()
        if budget and sum(min(len(p), scan) for p in lists) > budget:
            lists.sort(key=len)
            for plist in lists:
                take = plist[-min(scan, budget):]
                counts.update(take)
                budget -= len(take)
                if budget <= 0:
                    break
        else:
            for plist in lists:
                counts.update(plist[-scan:])
        out = []
        for sid, _ in counts.most_common(self.params.candidates):
            story = self.stories_by_id.get(sid)
            if story is not None and self.in_window(story, day):
                out.append(story)
        return out

    def in_window(self, story: StoryState, day: int | None) -> bool:
        if day is None:
            return True
        first, last = day_number(story.first), day_number(story.last)
        if first is None or last is None:
            return True
        w = self.params.window_days
        return first - w <= day <= last + w

    def post(self, story: StoryState, salient: list[str], day: int | None) -> None:
        bucket = UNDATED if day is None else str(day // self.params.window_days)
        have = set(story.posted)
        for term in salient:
            for key in (f"{bucket}|{term}", f"{ANY_TIME}|{term}"):
                if key not in have:
                    self.postings.setdefault(key, []).append(story.id)
                    story.posted.append(key)
                    have.add(key)

    # ---- updating ----------------------------------------------------------------------
    def remove_member(self, story: StoryState, article: str, weights: dict[str, float] | None,
                      embedding: list[float] | None = None) -> None:
        """Take an article out of a story (regroup); an emptied story disappears. A copy has no weights."""
        story.articles.remove(article)
        self.article_story.pop(article, None)
        if weights:
            story.size -= 1
            self.add_weights(story, weights, -1.0)
            add_embedding(story, embedding, -1.0)
        if not story.articles:
            del self.stories_by_id[story.id]

    def found(self, article: str, title: str, rank: list[Any]) -> StoryState:
        story = StoryState(id=f"story-{article}", title=title, title_rank=rank)
        self.stories_by_id[story.id] = story
        return story

    def add_member(
        self, story: StoryState, article: str, weights: dict[str, float] | None, published: str | None, title: str,
        rank: list[Any], embedding: list[float] | None = None,
    ) -> None:
        story.articles.append(article)
        self.article_story[article] = story.id
        if published and len(published) >= 10:
            d = published[:10]
            story.first = d if story.first is None or d < story.first else story.first
            story.last = d if story.last is None or d > story.last else story.last
        if rank < story.title_rank and title:
            story.title, story.title_rank = title, rank
        if weights:
            self.add_weights(story, weights, 1.0)
            story.size += 1
            add_embedding(story, embedding, 1.0)

    def merge(self, src: StoryState, dst: StoryState, centroid: dict[str, float] | None = None) -> None:
        """Move every member of ``src`` into ``dst`` (centroid, size, dates, postings); ``src`` disappears.
        ``centroid``: what ``dst``'s centroid gains instead of ``src``'s (a foreign page's neutral keys)."""
        for a in src.articles:
            self.article_story[a] = dst.id
        dst.articles.extend(src.articles)
        for d in (src.first, src.last):
            if d:
                dst.first = d if dst.first is None or d < dst.first else dst.first
                dst.last = d if dst.last is None or d > dst.last else dst.last
        if src.title_rank < dst.title_rank and src.title:
            dst.title, dst.title_rank = src.title, src.title_rank
        if src.embedding:
            add_embedding(dst, src.embedding, 1.0)
        self.name_stories.subtract(t for t in src.centroid if t.startswith(ENTITY_PREFIX))
        self.add_weights(dst, src.centroid if centroid is None else centroid, 1.0)
        dst.size += src.size
        # Only the newest ``scan`` postings of a key are ever read (``candidates``): rewriting those keeps
        # a merge's cost flat, where a key's whole list grows with the corpus.
        have = set(dst.posted)
        scan = self.params.scan
        for key in src.posted:
            plist = self.postings.setdefault(key, [])
            start = max(0, len(plist) - scan)
            tail = plist[start:]
            if key in have:
                plist[start:] = [sid for sid in tail if sid != src.id]
                continue
            if src.id in tail:
                plist[start:] = [dst.id if sid == src.id else sid for sid in tail]
            else:
                plist.append(dst.id)
            dst.posted.append(key)
            have.add(key)
        del self.stories_by_id[src.id]
        self._norms.pop(src.id, None)

    def add_weights(self, story: StoryState, weights: dict[str, float], sign: float) -> None:
        """Add (or subtract) a doc's weights to a centroid, keeping its cached norm exact."""
        c = story.centroid
        idf = self.idf
        idf("")  # refresh the idf cache first, so the cached norm read next is current
        sumsq = self._norms.get(story.id)
        for t, w in weights.items():
            old = c.get(t, 0.0)
            new = old + sign * w
            if new <= 1e-9:
                c.pop(t, None)
                new = 0.0
            else:
                c[t] = new
            if (old > 0.0) != (new > 0.0) and t.startswith(ENTITY_PREFIX):
                self.name_stories[t] += 1 if new > 0.0 else -1
            if sumsq is not None:
                sumsq += (new * new - old * old) * idf(t) ** 2
        if sumsq is not None:
            self._norms[story.id] = max(sumsq, 0.0)
        limit = self.params.centroid_terms
        if len(c) > 2 * limit:
            keep = sorted(c.items(), key=lambda kv: kv[1] * idf(kv[0]), reverse=True)[:limit]
            story.centroid = dict(keep)
            self.name_stories.subtract(t for t in c if t not in story.centroid and t.startswith(ENTITY_PREFIX))
            self._norms.pop(story.id, None)
