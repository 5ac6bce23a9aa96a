"""Plain records passed between stages.

Every stage is a pure function over batches of these dataclasses, so the same stages can run
in-process, over a SQLite store, or later on Ray Data. Character offsets (``start``/``end``)
always index ``Article.body``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ArticleKind = Literal["article", "teaser"]
AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]
ClaimStatus = Literal["asserted", "attributed", "alleged", "denied"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


def content_hash(data: bytes | str) -> str:
    """Stable hash of raw input; the key that makes ingest idempotent."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def article_id(source: str) -> str:
    """Short stable id derived from the article's source (path or URL + #main/#teaser-N)."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


@dataclass
class Page:
    """One unit read from an input: a saved page, a WARC response, a feed entry, a JSONL line.

    ``source`` is what a user would recognise: the file path, the URL, or
    ``path#L12`` / ``path#entry-3`` / ``path#<record url>`` for records inside a container.
    ``kind`` tells extract which route to take: "html" (through trafilatura) or "text"
    (a plain-text page capture, through our own cleaner) or "article" (already clean text
    with known title, e.g. a JSONL record or a feed entry with plain content).
    """

    source: str
    kind: Literal["html", "text", "article"]
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date supplied by metadata or by the user
    captured: str | None = None  # ISO date/datetime of the capture, kept apart from published
    user_outlet: bool = False  # True when outlet came from --outlet (applies to the main article only)
    user_published: bool = False  # True when published came from --published
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class InputFailure:
    """An input (or one record inside it) that could not be read; the batch goes on."""

    source: str
    reason: str


@dataclass
class Article:
    """A clean article (or a teaser split out of a page) with everything known about it."""

    source: str  # page source + "#main" or "#teaser-N"
    page_source: str
    kind: ArticleKind = "article"
    parent: str | None = None  # source of the main article a teaser was attached to
    title: str = ""
    dek: str | None = None
    section: str | None = None
    byline: str | None = None
    outlet: str | None = None
    outlet_evidence: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    published_evidence: str | None = None  # e.g. "--published", "meta:article:published_time", "text:'June 30, 2025'"
    published_confidence: float = 0.0
    captured: str | None = None
    age: str | None = None  # relative age shown on a teaser ("6 hours ago"), relative to capture
    body: str = ""  # paragraphs joined by "\n\n"; in-body headings are paragraphs too
    headings: list[str] = field(default_factory=list)
    language: str | None = None
    furniture: list[str] = field(default_factory=list)  # lines removed as site furniture
    inline_links: list[dict[str, str]] = field(default_factory=list)  # {"title", "standfirst"}
    near_duplicate_of: str | None = None  # source of the earliest copy
    page_hash: str = ""
    copy_of: str | None = None  # source of the earlier report this one copies (extract.copies)
    copy_kind: str | None = None  # "duplicate", "wire copy", "rewrite" or "translation"
    copy_evidence: dict[str, Any] = field(default_factory=dict)  # the signals that found it
    # an aggregator's re-served copy: the outlet it credits, the original's URL, the evidence (extract.credits)
    original_outlet: str | None = None
    original_url: str | None = None
    original_evidence: str | None = None

    @property
    def id(self) -> str:
        return article_id(self.source)

    @property
    def upstream(self) -> str | None:
        """The source of the report this one copies: its copy link, else its MinHash original."""
        return self.copy_of or self.near_duplicate_of

    @property
    def credited_outlet(self) -> str | None:
        """The outlet to credit with the reporting: the original an aggregator re-served, else the page's own."""
        return self.original_outlet or self.outlet

    @property
    def text_hash(self) -> str:
        """Hash of the normalised body: equal for exact duplicates under whitespace/case changes."""
        return content_hash(" ".join(self.body.lower().split()))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        return d


def original_of(article: Article, by_source: dict[str, Article]) -> Article:
    """The report a copy goes back to, following its upstream links among ``by_source`` (a loop stops)."""
    seen = set()
    while article.upstream in by_source and article.source not in seen:
        seen.add(article.source)
        article = by_source[article.upstream]  # type: ignore[index]
    return article


@dataclass
class Mention:
    """A named-entity mention in one article."""

    article: str  # article id
    start: int
    end: int
    text: str
    label: str
    entity: str | None = None  # entity id, filled by resolve


@dataclass
class Attribution:
    """A statement attributed to a source (PARC sense: speech, writing, thought, belief)."""

    article: str
    speaker: str  # as written: a name, a pronoun, a role noun, a group
    speaker_start: int
    speaker_end: int
    cue: str
    cue_start: int
    cue_end: int
    kind: AttributionKind
    content: str
    content_start: int
    content_end: int
    sentence_start: int
    sentence_end: int
    speaker_resolved: str | None = None  # the antecedent text for pronouns / role nouns
    speaker_entity: str | None = None  # entity id, filled by resolve
    markers: list[str] = field(default_factory=list)  # hedges and stance markers
    status: ClaimStatus = "attributed"
    # an interrupted statement's pieces ('"A," X said. "B."'), within content_start..content_end (which
    # ``content`` still spans, speaker and all, as the export contract's start/end do); empty when the
    # content is that one span
    content_parts: list[tuple[int, int]] = field(default_factory=list)
    # the text the offsets index: "body" (Article.body) or "dek" (Article.dek, the standfirst under the headline)
    part: str = "body"

    def content_spans(self) -> list[tuple[int, int]]:
        """The content as the char spans a reader sees: its pieces, or its one span."""
        return list(self.content_parts) or [(self.content_start, self.content_end)]

    def said(self) -> str:
        """What was said as a reader should see it: the content's pieces joined by " … ", the
        speaker who interrupts them left out ("A … B"); the content itself when it is one span."""
        return " … ".join(self.content[a - self.content_start : b - self.content_start] for a, b in self.content_spans())


@dataclass
class Timex:
    """A time expression normalised to a TIMEX3 value against the article's date."""

    article: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str


@dataclass
class ArticleAnalysis:
    """Everything the analyze stage finds in one article."""

    article: str
    mentions: list[Mention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # statements in the standfirst (part="dek", offsets into Article.dek): apart, so that nothing slicing
    # the body with ``attributions``' offsets ever meets them
    dek_attributions: list[Attribution] = field(default_factory=list)


@dataclass
class Entity:
    """A cross-document entity: every spelling the outlets used for one person, body or place."""

    id: str
    canonical: str
    label: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Story:
    """Coverage of one real-world story across outlets."""

    id: str
    title: str
    articles: list[str] = field(default_factory=list)  # article ids
    first: str | None = None
    last: str | None = None


@dataclass
class Thread:
    """One phase of a developing story (first reports, an inquiry, arrests): its own title and dates."""

    story: str
    id: str
    title: str
    articles: list[str] = field(default_factory=list)  # article ids, in date order
    first: str | None = None
    last: str | None = None


@dataclass
class Claim:
    """An attributed statement or an outlet's own checkable assertion inside a story."""

    story: str
    article: str
    text: str
    start: int
    end: int
    status: ClaimStatus
    speaker: str | None = None
    speaker_entity: str | None = None
    side: str | None = None  # e.g. "Russia", "Azerbaijan": whose official the speaker is
    question: str | None = None  # question id
    position: str | None = None
    corroboration: int = 1  # independent outlets carrying it
    id: str = ""


@dataclass
class Side:
    position: str
    claims: list[str] = field(default_factory=list)  # claim ids
    speakers: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


@dataclass
class Question:
    """A question the claims of a story answer; contested when speakers answer incompatibly."""

    id: str
    story: str
    summary: str
    contested: bool = False
    reason: str | None = None  # why it is contested: denial, opposite predicates, numbers, sides
    sides: list[Side] = field(default_factory=list)
    score: float | None = None  # calibrated probability that the question is really contested


@dataclass
class Framing:
    """How one outlet covers one story."""

    story: str
    outlet: str
    word_choices: dict[str, list[str]] = field(default_factory=dict)  # entity canonical -> words used
    hedged_share: float = 0.0
    voices: dict[str, int] = field(default_factory=dict)  # side -> statements quoted
    tone: float = 0.0  # mean VADER compound over sentences
    statements: int = 0


SpanKey = tuple[str, int, int]  # (article id, start, end)


@dataclass
class Resolution:
    """What resolve returns: the corpus entities and which entity each mention and speaker span names."""

    entities: list[Entity] = field(default_factory=list)
    mention_entity: dict[SpanKey, str] = field(default_factory=dict)
    speaker_entity: dict[SpanKey, str] = field(default_factory=dict)  # keyed by speaker span
    dek_speaker_entity: dict[SpanKey, str] = field(default_factory=dict)  # the same, for spans in Article.dek

    @classmethod
    def linked_in(cls, analyses: list[ArticleAnalysis], entities: list[Entity]) -> "Resolution":
        """The resolution already written on analyses (mention.entity, speaker_entity), e.g. to copy a corpus."""
        return cls(
            entities,
            {(m.article, m.start, m.end): m.entity for a in analyses for m in a.mentions if m.entity},
            {(t.article, t.speaker_start, t.speaker_end): t.speaker_entity
             for a in analyses for t in a.attributions if t.speaker_entity},
            {(t.article, t.speaker_start, t.speaker_end): t.speaker_entity
             for a in analyses for t in a.dek_attributions if t.speaker_entity},
        )


@dataclass
class StoryReport:
    """What compare returns for one story: its claims, questions (contested or not) and framing."""

    story: str
    claims: list[Claim] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)

    @property
    def contested(self) -> list[Question]:
        return [q for q in self.questions if q.contested]
