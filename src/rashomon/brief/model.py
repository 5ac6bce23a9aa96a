"""The records of a story brief: sentences, each with the spans of article text it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Section = Literal["happened", "sides", "quoted"]
SECTIONS: tuple[Section, ...] = ("happened", "sides", "quoted")
SECTION_TITLES: dict[Section, str] = {
    "happened": "What happened",
    "sides": "What each side says",
    "quoted": "Who is quoted most",
}


@dataclass
class Citation:
    """A span of one article's body (``Article.body[start:end]``) a brief sentence comes from."""

    article: str
    start: int
    end: int


@dataclass
class BriefSentence:
    """One sentence of the brief. ``text`` is cut from its citations' spans plus template words;
    ``names`` are the speaker, holder or outlet names the template put in, ``date`` the ISO value
    of the time expression that dates it, ``count`` the statements it counts, ``question`` the
    contested question it reports."""

    section: Section
    text: str
    citations: list[Citation] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    date: str | None = None
    count: int | None = None
    question: str | None = None


@dataclass
class Brief:
    """A story's cited brief: what happened, what each side says, who is quoted most."""

    story: str
    sentences: list[BriefSentence] = field(default_factory=list)

    def section(self, name: Section) -> list[BriefSentence]:
        return [s for s in self.sentences if s.section == name]

    def sections(self) -> list[tuple[str, list[BriefSentence]]]:
        """(title, sentences) of each section that has sentences, in reading order."""
        return [(SECTION_TITLES[n], self.section(n)) for n in SECTIONS if self.section(n)]
