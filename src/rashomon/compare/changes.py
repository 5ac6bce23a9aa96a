"""A speaker whose account changed over time: one question with both dates, never two sides of a dispute.

A speaker never disagrees with themself, so the contested-question scorer never sets one holder
against themself. When the same resolved speaker says one thing in an article of one date and
denies or negates the same point in an article of a later date ("none of the jars were
contaminated", then "a batch of jars was contaminated"), that is a change of account, shown as
such: a question whose two sides are the earlier and the later statement, each headed by its date.

Rules, not a learned model: no data set here labels changes of account. They are kept narrow:
the two statements must be about the same point (embedding cosine and shared content words), in
articles of two different dates, and of opposite polarity (a denial or negation on one side only).
Numbers that differ across dates are left alone: a count that grows is usually an update the
text explains, not a changed account.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from rashomon.compare.lexicon import without_false_negations
from rashomon.compare.questions import polarity
from rashomon.compare.text import STOPWORDS, content_stems, has_term, stem, words
from rashomon.model import Article, Claim, Question, Side

__all__ = ["REASON", "account_changes"]

REASON = "account changed"
SAME_POINT_COS = 0.6  # two statements of one speaker this close in meaning are about one point
SAME_POINT_WORDS = 0.5  # and share this share of the shorter one's content words
MOST = 3  # changes shown per story
_PRONOUNS = frozenset("he she they it we i you who this that".split())
_POLARITY_WORDS = frozenset({"not", "no", "none", "never", "nothing", "neither", "nor"})
_OPPOSING = ("oppos", "reject", "refus", "deni", "deny", "against")  # a stance in other words than "not"
_SCOPE = 6  # words after a negation that it governs
LEAST_SHARED = 2  # content words two statements on one point share at least


def _holder(claim: Claim) -> str | None:
    """Who holds an attributed statement (resolved entity, else the name as written); None for an outlet's own."""
    if claim.status == "asserted":
        return None
    if claim.speaker_entity:
        return claim.speaker_entity
    name = (claim.speaker or "").strip()
    named = name[:1].isupper() and name.casefold() not in _PRONOUNS  # a name, not "he" or "officials"
    return name.casefold() if named else None


def _stance(claim: Claim) -> str | None:
    """"no" when the statement denies or negates (its cue, "denied that ...", counts), "yes" when it
    plainly affirms; None when it opposes in other words ("opposes X", "his opposition to X"), whose
    answer a word list cannot read: such a statement never makes a change."""
    if claim.status == "denied" or polarity(claim.text) == "no":
        return "no"
    return None if has_term(claim.text.casefold(), _OPPOSING) else "yes"


def _shared(a: str, b: str) -> set[str]:
    return set((content_stems(a) - _POLARITY_WORDS) & (content_stems(b) - _POLARITY_WORDS))


def _on_the_point(negative: Claim, shared: set[str]) -> bool:
    """The negation governs the shared point: the first content word after it is one both statements
    hold ("had not served in ...", "none of the jars"), not a word only one of them quotes ("one quote
    at two lengths": "... we are not raiding the fund" added to a sentence both give)."""
    if negative.status == "denied":
        return True
    ws = words(without_false_negations(negative.text.casefold()))
    for i, w in enumerate(ws):
        if w in _POLARITY_WORDS or w.endswith("n't"):
            after = [x for x in ws[i + 1 : i + 1 + _SCOPE] if x not in STOPWORDS and x not in _POLARITY_WORDS and len(x) > 2]
            if after and stem(after[0]) in shared:
                return True
    return False


def _short(text: str, words: int = 20) -> str:
    ws = text.strip().strip('"“”‘’\'').split()
    return " ".join(ws[:words]).rstrip(",;:.") + ("…" if len(ws) > words else "")


def account_changes(
    story: str, claims: list[Claim], articles: dict[str, Article], embed: Callable[[list[str]], np.ndarray],
) -> list[Question]:
    """Per speaker quoted in articles of two dates, the strongest pair of opposite statements on one point, earlier first."""
    by_holder: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        holder = _holder(c)
        art = articles.get(c.article)
        if holder and art is not None and art.published and len(c.text.split()) >= 4:
            by_holder[holder].append(c)
    candidates = {h: cs for h, cs in by_holder.items() if len({articles[c.article].published[:10] for c in cs}) >= 2}
    if not candidates:
        return []
    texts = sorted({c.text for cs in candidates.values() for c in cs})
    vecs = dict(zip(texts, embed(texts)))
    found: list[tuple[float, Claim, Claim]] = []
    for cs in candidates.values():
        best: tuple[float, Claim, Claim] | None = None
        for i, a in enumerate(cs):
            for b in cs[i + 1 :]:
                da, db = articles[a.article].published[:10], articles[b.article].published[:10]  # type: ignore[index]
                stances = (_stance(a), _stance(b))
                if da == db or set(stances) != {"yes", "no"}:
                    continue
                cos = float(np.dot(vecs[a.text], vecs[b.text]))
                shared = _shared(a.text, b.text)
                fewest = min(len(content_stems(a.text) - _POLARITY_WORDS), len(content_stems(b.text) - _POLARITY_WORDS))
                if cos < SAME_POINT_COS or len(shared) < LEAST_SHARED or len(shared) < SAME_POINT_WORDS * fewest:
                    continue
                if not _on_the_point(a if stances[0] == "no" else b, shared):
                    continue
                early, late = (a, b) if da < db else (b, a)
                if best is None or cos > best[0]:
                    best = (cos, early, late)
        if best is not None:
            found.append(best)
    found.sort(key=lambda t: -t[0])
    return [_question(story, early, late, articles) for _, early, late in found[:MOST]]


def _question(story: str, early: Claim, late: Claim, articles: dict[str, Article]) -> Question:
    """The change as one question: the earlier and the later statement, each headed by its date."""
    who = early.speaker or late.speaker or "the speaker"
    d1, d2 = articles[early.article].published[:10], articles[late.article].published[:10]  # type: ignore[index]
    sides = [
        Side(position=f"{d}: {_short(c.text)}", claims=[c.id], speakers=[c.speaker or who],
             outlets=[o] if (o := articles[c.article].outlet or articles[c.article].source) else [])
        for d, c in ((d1, early), (d2, late))
    ]
    key = hashlib.sha1(f"{story}:change:{early.id}|{late.id}".encode()).hexdigest()[:16]
    return Question(id=key, story=story, summary=f"{who}'s account changed between {d1} and {d2}", contested=True,
                    reason=REASON, sides=sides, score=None)
