"""Whose side a speaker is on: the state or body an official speaks for, where the text shows it.

A side is read from the speaker phrase ("Russian prosecutors", "Azerbaijan's Ministry of Foreign
Affairs") or, for a named person, from the words around their first mention ("Foreign Ministry
spokesperson Maria Zakharova"). Only officials get a side: an analyst or a newspaper quoted by
an outlet speaks for themselves.
"""

from __future__ import annotations

from bisect import bisect_right

from rashomon.compare.spans import Inside
from rashomon.compare.text import has_term
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Mention

OFFICIAL_ROLES: tuple[str, ...] = (
    "spokesm", "spokesperson", "spokeswom", "minist", "official", "authorit", "prosecutor", "police",
    "president", "prime minister", "government", "embassy", "ambassador", "military", "army", "governor",
    "mayor", "investigator", "security service", "intelligence", "kremlin", "parliament", "state=",
    "cabinet", "department", "agency", "court", "judge", "officer", "commission", "council",
)
# Seats of power named instead of their state (data, extend as needed).
SEATS: dict[str, str] = {
    "kremlin": "Russia", "white house": "United States", "downing street": "United Kingdom",
    "elysee": "France", "élysée": "France", "zhongnanhai": "China", "bankova": "Ukraine",
}


def _prefix_match(demonym: str, country: str) -> bool:
    """Russian~Russia, Azeri~Azerbaijan, Turkish~Turkey: a shared stem of four letters or more."""
    a, b = demonym.lower(), country.lower()
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= 0.6 * min(len(a), len(b))


def story_countries(analyses: list[ArticleAnalysis], entities: dict[str, Entity]) -> list[str]:
    """Canonical names of the places a story mentions, shortest first."""
    names = {
        entities[m.entity].canonical if m.entity in entities else m.text.removesuffix("'s")
        for a in analyses
        for m in a.mentions
        if m.label == "GPE"
    }
    return sorted(names, key=len)


class SideFinder:
    """Resolves speakers of one article to a side, using the article's own place mentions."""

    def __init__(
        self, article: Article, analysis: ArticleAnalysis, entities: dict[str, Entity], countries: list[str]
    ) -> None:
        self.body = article.body
        self.analysis = analysis
        self.entities = entities
        self.places = [m for m in analysis.mentions if m.label in ("GPE", "NORP")]
        self.countries = countries  # the story's place names, so one side has one name in every article
        self._places: Inside | None = None  # built on first use: look-ups by offset, not a scan each (issue 23)
        self._first: dict[str, Mention] | None = None
        self._sentence_starts: list[int] | None = None

    def _name(self, entity: str | None, text: str) -> str:
        if entity and entity in self.entities:
            return self.entities[entity].canonical
        return text.removesuffix("'s").removesuffix("’s").strip()

    def country(self, word: str) -> str:
        """Map a demonym or a country mention to one country name."""
        low = word.lower()
        for seat, state in SEATS.items():
            if seat in low:
                return state
        for c in self.countries:
            if c.lower() == low or _prefix_match(word, c):
                return c
        return word

    def side_in_window(self, start: int, end: int) -> str | None:
        window = self.body[start:end]
        if not has_term(window, OFFICIAL_ROLES):
            return None
        for seat, state in SEATS.items():
            if seat in window.lower():
                return state
        if self._places is None:
            self._places = Inside(self.places)
        inside = self._places.within(start, end)
        if not inside:
            return None
        first = self.places[inside[0]]
        return self.country(self._name(first.entity, first.text))

    def side_of_attribution(self, a: Attribution) -> str | None:
        side = self.side_in_window(a.speaker_start, a.speaker_end)
        if side:
            return side
        if a.speaker_entity:
            first = self._first_person().get(a.speaker_entity)
            if first is not None:
                if self._sentence_starts is None:
                    self._sentence_starts = sorted(s for s, _ in self.analysis.sentences)
                k = bisect_right(self._sentence_starts, first.start)
                sent_start = self._sentence_starts[k - 1] if k else 0
                return self.side_in_window(max(sent_start, first.start - 70), first.end)
        return None

    def _first_person(self) -> dict[str, Mention]:
        """Each entity's first PERSON mention, in mention order."""
        if self._first is None:
            self._first = {}
            for m in self.analysis.mentions:
                if m.label == "PERSON" and m.entity is not None:
                    self._first.setdefault(m.entity, m)
        return self._first
