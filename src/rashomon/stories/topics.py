"""Subject tags for articles and stories: the IPTC Media Topics top level, assigned by sentence similarity.

Why a published taxonomy: a subject list drawn from one corpus names its events, not its subjects;
IPTC Media Topics (https://iptc.org/standards/media-topics/) is the vocabulary news agencies tag
with, and its 17 top-level subjects cover any story. Each subject is described by a few short
sentences in our own words about the kinds of events it holds; an article is compared with them by
the packaged MiniLM sentence encoder (``stories.embed``), and takes the subjects whose description
it is nearest to. Nothing is fitted: no labelled news of ours says which subject a story is, so the
descriptions and the two cut-offs below are the whole method (``tests/test_tags_topics.py`` checks
them on invented stories of several kinds). A zero-shot NLI classifier was rejected: it needs
torch and a 400 MB model; keyword lists were rejected because they name events, not subjects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Topic:
    """One IPTC Media Topics top-level subject: its short slug, name, IPTC code and descriptions."""

    slug: str
    name: str
    code: str  # the IPTC Media Topic id (medtop:XXXXXXXX)
    descriptions: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("arts", "arts, culture, entertainment and media", "medtop:01000000", (
        "News about art, music, film, theatre, literature, museums, festivals and celebrities.",
        "A new film, album, book or exhibition, an award ceremony, a concert or a television show.",
        "News about the media industry: newspapers, broadcasters, journalists and publishing.",
    )),
    Topic("conflict", "conflict, war and peace", "medtop:16000000", (
        "War, armed conflict, military attacks, shelling, air strikes, troops and ceasefires.",
        "Fighting between armed groups or states, soldiers killed, rebels, insurgency and terrorism.",
        "Peace talks, negotiations to end a war, border clashes and disputes between countries.",
    )),
    Topic("crime", "crime, law and justice", "medtop:02000000", (
        "Crime and policing: a murder, robbery, theft, fraud or assault, an arrest and a police investigation.",
        "A court case, a trial, a judge, a verdict, a prison sentence, prosecutors and lawyers.",
        "Laws and justice: charges filed, a suspect detained, an inquiry into wrongdoing.",
    )),
    Topic("disaster", "disaster, accident and emergency incident", "medtop:03000000", (
        "A disaster such as an earthquake, flood, wildfire, storm, landslide or dam collapse, with victims.",
        "An accident: a plane crash, train derailment, road crash, explosion, building collapse or fire.",
        "Emergency services and rescuers respond, people are killed, injured, missing or evacuated.",
    )),
    Topic("economy", "economy, business and finance", "medtop:04000000", (
        "The economy: inflation, interest rates, growth, unemployment figures, trade and the markets.",
        "Business news: a company's profits, a merger, a takeover, shares, investors and the stock market.",
        "Prices, taxes, budgets, banks, industry, factories, products and consumers.",
    )),
    Topic("education", "education", "medtop:05000000", (
        "Schools, universities, teachers, students, exams, school curriculum and education policy.",
    )),
    Topic("environment", "environment", "medtop:06000000", (
        "The environment: climate change, pollution, emissions, conservation, wildlife and nature.",
        "Renewable energy, deforestation, endangered species, water and air quality.",
    )),
    Topic("health", "health", "medtop:07000000", (
        "Health and medicine: a disease outbreak, a virus, vaccines, hospitals, doctors and patients.",
        "Public health, medical treatment, drugs, illness, epidemics and health care services.",
    )),
    Topic("human-interest", "human interest", "medtop:08000000", (
        "A human interest story about ordinary people, animals, anniversaries, records and curiosities.",
    )),
    Topic("labour", "labour", "medtop:09000000", (
        "Workers and employment: a strike, trade unions, wages, pay disputes, job cuts and working conditions.",
    )),
    Topic("lifestyle", "lifestyle and leisure", "medtop:10000000", (
        "Lifestyle and leisure: travel, tourism, food, fashion, hobbies, holidays and recreation.",
    )),
    Topic("politics", "politics", "medtop:11000000", (
        "Politics: elections, voting, political parties, parliament, the government and its ministers.",
        "A president, prime minister or politician announces a policy, a law is passed, a vote in parliament.",
        "Diplomacy and international relations: a summit, foreign ministers, sanctions and treaties.",
    )),
    Topic("religion", "religion", "medtop:12000000", (
        "Religion and belief: churches, mosques, temples, clergy, religious leaders and faith communities.",
    )),
    Topic("science", "science and technology", "medtop:13000000", (
        "Science and research: scientists, a discovery, a study, space exploration and experiments.",
        "Technology: computers, the internet, software, artificial intelligence, phones and engineering.",
    )),
    Topic("society", "society", "medtop:14000000", (
        "Society: social issues, communities, migration, poverty, housing, families and welfare.",
        "Public services, city planning, transport projects, local councils and residents' concerns.",
    )),
    Topic("sport", "sport", "medtop:15000000", (
        "Sport: a football match, a team, players, a coach, a league, a tournament and its results.",
        "Athletes compete in a championship, a race, the Olympics, tennis, boxing, cricket or basketball.",
        "A player's transfer to another club, a contract signed, a sports injury.",
    )),
    Topic("weather", "weather", "medtop:17000000", (
        "The weather forecast: rain, snow, heat waves, temperatures, storms and meteorologists' warnings.",
    )),
)
TOPIC_BY_SLUG: dict[str, Topic] = {t.slug: t for t in TOPICS}

# The cut-offs: a subject is kept when its similarity is at least FLOOR and within MARGIN of the best
# subject's (so a story about a strike at a factory may be both labour and economy); at most MAX_TOPICS.
FLOOR = 0.15
MARGIN = 0.04
MAX_TOPICS = 2


@dataclass(frozen=True)
class TopicScore:
    """One subject given to one article, with its similarity to the subject's nearest description."""

    article: str
    topic: str  # a Topic slug
    score: float


class TopicModel:
    """The descriptions embedded once by a sentence encoder (anything with ``embed_fast(texts)``)."""

    def __init__(self, embedder: object, topics: Sequence[Topic] = TOPICS) -> None:
        self.embedder = embedder
        self.topics = tuple(topics)
        texts = [d for t in self.topics for d in t.descriptions]
        self.owner = np.array([i for i, t in enumerate(self.topics) for _ in t.descriptions])
        self.vectors = self._embed(texts)

    def _embed(self, texts: list[str]) -> np.ndarray:
        fast = getattr(self.embedder, "embed_fast", None)
        return np.asarray(fast(texts) if fast else self.embedder.embed(texts), dtype=np.float32)  # type: ignore[attr-defined]

    def scores(self, texts: list[str]) -> np.ndarray:
        """(len(texts), len(topics)): each text's cosine with each subject's nearest description."""
        if not texts:
            return np.zeros((0, len(self.topics)), dtype=np.float32)
        sims = self._embed(texts) @ self.vectors.T
        out = np.full((len(texts), len(self.topics)), -1.0, dtype=np.float32)
        for k in range(len(self.topics)):
            out[:, k] = sims[:, self.owner == k].max(axis=1)
        return out

    def assign(self, items: Iterable[tuple[str, str]]) -> list[TopicScore]:
        """Subjects of each (article id, text), best first; a text near no description gets none."""
        items = list(items)
        table = self.scores([text for _, text in items])
        return [s for (aid, _), row in zip(items, table) for s in pick(aid, row, self.topics)]


def pick(article: str, row: np.ndarray, topics: Sequence[Topic] = TOPICS) -> list[TopicScore]:
    """The subjects one row of scores gives an article: the best when over FLOOR, and those within MARGIN of it."""
    order = np.argsort(-row)
    best = float(row[order[0]]) if len(order) else -1.0
    if best < FLOOR:
        return []
    return [TopicScore(article, topics[k].slug, round(float(row[k]), 4)) for k in order[:MAX_TOPICS]
            if float(row[k]) >= max(FLOOR, best - MARGIN)]


def story_topics(scores: Iterable[TopicScore], members: int) -> list[tuple[str, float]]:
    """A story's subjects from its articles' subjects: each subject with the share of the members giving
    it, kept when it is the most given or given by at least a third of them, most given first."""
    counts: dict[str, float] = {}
    for s in scores:
        counts[s.topic] = counts.get(s.topic, 0.0) + 1.0
    if not counts or members <= 0:
        return []
    top = max(counts.values())
    kept = [(t, round(c / members, 3)) for t, c in counts.items() if c == top or c >= members / 3]
    return sorted(kept, key=lambda x: (-x[1], x[0]))
