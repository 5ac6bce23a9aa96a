"""Contested questions for any story: a learned scorer over pairs of statements, not a topic list.

Every attributed statement and every sentence an outlet asserts on its own is a *unit*. Each pair
of units of one story gets features that say whether the two answer the same question (sentence
embeddings, shared entities and words) and whether they answer it apart (different speakers,
negation or denial on one side only, differing numbers, cue verbs of dispute, the pair conflict
model's score). A logistic model (``contest_model``), fitted on real coverage with each event's
gold questions, turns them into the probability that the two are evidence of opposite sides of one
contested question. Confident pairs seed questions; later pairs that restate both ends join the
sides of the question they repeat. A speaker never stands on both sides of one question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from rashomon.compare.affiliation import story_affiliations
from rashomon.compare.lexicon import CONTRAST_MARKERS, DENIAL_TERMS, NEGATION_TERMS, without_false_negations
from rashomon.compare.questions import question_id
from rashomon.compare.spans import Inside, Sentences
from rashomon.compare.text import content_stems, has_term
from rashomon.compare.wording import first_question
from rashomon.model import Article, ArticleAnalysis, Attribution, Claim, Entity, Question, Side
from rashomon.shown_speaker import shown_speakers

if TYPE_CHECKING:
    from rashomon.compare.contest_model import ContestModel

__all__ = ["Unit", "FEATURES", "UNIT_FEATURES", "story_units", "unit_matrix", "pair_matrix", "with_priors", "assemble", "to_question", "DISPUTE_CUES"]

# Cue verbs with which a reporter frames a statement as one side of a dispute (generic English).
DISPUTE_CUES: tuple[str, ...] = (
    "accus", "argu", "blam", "charg", "claim", "contend", "counter", "critic", "defend", "den",
    "disput", "dismiss", "insist", "object", "oppos", "protest", "refut", "reject", "respond",
    "slam", "attack", "warn", "question", "doubt", "challeng", "condemn", "disagree", "rebut",
)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_PERSONAL = frozenset("i i'm i've i'd i'll we we're we've we'll you you're my our your me us".split())
_LOWER_STARTS = frozenset(
    "the a an this that these those it its they their he his she her there here if when while but and so in on at as "
    "after before because although all some many most no not one every each what how why who to for with without by from of".split()
)
_PRONOUNS = frozenset("he she they it we i you his her their its this that these those who one".split())


@dataclass
class Unit:
    """One statement of a story with what the pair features read from it."""

    claim: Claim
    outlet: str
    attributed: bool
    speaker: str  # a key naming who holds it: entity id, normalised name, or "outlet:NAME"
    cue: str
    sentence: str
    entities: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    negated: bool = False
    denial: bool = False
    dispute_cue: bool = False
    contrast: bool = False
    position: float = 0.0  # where in its article it stands, 0 = first sentence
    shown: str = ""  # what a reader sees: an interrupted statement's pieces without its speaker clause
    holder: str = ""  # who a reader is told holds it: a name, what the text says ("an unnamed official"), or the outlet
    camp: frozenset[str] = frozenset()  # whom its speaker speaks for (``affiliation.story_affiliations``)

    @property
    def text(self) -> str:
        return self.claim.text


def _speaker_key(claim: Claim, attributed: bool, outlet: str, entities: dict[str, Entity]) -> str:
    """Who holds a unit: the resolved entity, else the last word of a name, else the outlet."""
    if not attributed:
        return f"outlet:{outlet.casefold()}"
    if claim.speaker_entity and claim.speaker_entity in entities:
        return claim.speaker_entity
    words = [w for w in _WORD.findall(claim.speaker or "") if w.casefold() not in _PRONOUNS]
    return words[-1].casefold() if words else f"anon:{claim.id}"


def _negated(text: str) -> bool:
    """A negation word in the statement, the additive "not just" / "not only" and the complained-of
    "denied access" phrases blanked first (``lexicon.without_false_negations``). Measured with sides by
    the nearer seed (held-out drafts, recall / precision): 0.665 / 0.665 counting them, 0.660 / 0.670 not."""
    return has_term(without_false_negations(text.casefold()), NEGATION_TERMS)


def story_units(claims: list[Claim], articles: dict[str, Article], analyses: dict[str, ArticleAnalysis], entities: dict[str, Entity],
                most: int | None = None, camps: bool = True) -> list[Unit]:
    """Units of a story's claims, in claim order, with what their pair features need.

    ``most`` keeps that many units at most, the attributed statements first, then by place in their
    article (pairs grow with the square); only those kept get their features computed (issue 23).
    ``camps`` False leaves each unit's ``camp`` empty, for an assembly that never reads it (``camps`` 0).
    Sentences and mentions are looked up by offset (``spans``), not scanned once per claim.
    """
    atts = {(a.article, a.content_start, a.content_end): a for an in analyses.values() for a in an.attributions}
    every = list(atts.values())
    bodies = {aid: art.body for aid, art in articles.items()}
    shown = dict(zip(atts, shown_speakers(every, bodies, {e.id: e.canonical for e in entities.values()})))
    sentences: dict[str, Sentences] = {}
    rows: list[tuple[Claim, Article, ArticleAnalysis, Attribution | None, int | None]] = []
    for c in claims:
        art, analysis = articles.get(c.article), analyses.get(c.article)
        if art is None or analysis is None:
            continue
        if c.article not in sentences:
            sentences[c.article] = Sentences(analysis.sentences)
        rows.append((c, art, analysis, atts.get((c.article, c.start, c.end)), sentences[c.article].index(c.start)))
    positions = [(index or 0) / max(len(analysis.sentences), 1) for _, _, analysis, _, index in rows]
    keys = _fold_surnames([_speaker_key(c, att is not None, art.outlet or art.source, entities) for c, art, _, att, _ in rows],
                          entities)
    read = [(key, c.article, att) for key, (c, _, _, att, _) in zip(keys, rows)] if camps else []
    camp_of = story_affiliations(read, articles, analyses, entities) if read else {}
    kept = range(len(rows))
    if most is not None and len(rows) > most:
        keep = set(sorted(kept, key=lambda k: (rows[k][3] is None, positions[k]))[:most])
        kept = [k for k in kept if k in keep]
    inside: dict[str, Inside] = {}
    units: list[Unit] = []
    for k in kept:
        c, art, analysis, att, index = rows[k]
        outlet = art.outlet or art.source
        cue = att.cue if att is not None else ""
        attributed = att is not None
        sent = analysis.sentences[index] if index is not None else (c.start, c.end)
        sentence = art.body[sent[0] : max(sent[1], c.end)]
        if c.article not in inside:
            inside[c.article] = Inside(analysis.mentions)
        ents = frozenset(m.entity for m in (analysis.mentions[i] for i in inside[c.article].within(c.start, c.end)) if m.entity)
        units.append(
            Unit(
                claim=c,
                outlet=outlet,
                attributed=attributed,
                speaker=keys[k],
                cue=cue.casefold(),
                sentence=sentence,
                entities=ents,
                stems=content_stems(c.text),
                numbers=frozenset(n.replace(",", "") for n in _NUMBER.findall(c.text)),
                negated=_negated(c.text),
                denial=has_term(sentence.casefold(), DENIAL_TERMS),
                dispute_cue=any(cue.casefold().startswith(p) for p in DISPUTE_CUES),
                contrast=has_term(sentence.casefold(), CONTRAST_MARKERS),
                position=positions[k],
                shown=att.said() if att is not None else c.text,
                holder=shown.get((c.article, c.start, c.end), outlet),
                camp=camp_of.get(keys[k], frozenset()),
            )
        )
    return units


def _fold_surnames(speakers: list[str], entities: dict[str, Entity]) -> list[str]:
    """A speaker named by surname alone ("Vanek") takes the key of the one resolved speaker of the
    story with that surname ("Petra Vanek"), so one person never counts as two holders. Every claim's
    speaker is read, kept as a unit or not, so a unit limit never changes whom a surname folds into."""
    by_surname: dict[str, set[str]] = {}
    for speaker in speakers:
        if speaker in entities:
            words = _WORD.findall(entities[speaker].canonical)
            if words:
                by_surname.setdefault(words[-1].casefold(), set()).add(speaker)
    out = []
    for speaker in speakers:
        found = by_surname.get(speaker, set())
        out.append(next(iter(found)) if len(found) == 1 else speaker)
    return out


FEATURES: tuple[str, ...] = (
    "bias", "cos", "cos2", "cos_hi", "jaccard", "shared_entities", "same_speaker", "same_article", "same_outlet",
    "both_attributed", "one_attributed", "negation_xor", "negation_any", "denial_any", "denial_xor", "dispute_cue_n",
    "contrast_any", "numbers_differ", "numbers_shared", "lead", "len_min", "conflict", "conflict_x_cos",
)


def pair_matrix(units: list[Unit], vecs: np.ndarray, conflict: Callable[[list[int], list[int]], np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, X): every pair i < j of units and their features in ``FEATURES`` order."""
    n = len(units)
    ii, jj = np.triu_indices(n, k=1)
    if n < 2:
        return ii, jj, np.zeros((0, len(FEATURES)), dtype=np.float32)
    cos = (vecs @ vecs.T)[ii, jj] if len(vecs) else np.zeros(len(ii))
    col = lambda f: np.array([f(units[a], units[b]) for a, b in zip(ii, jj)], dtype=np.float32)  # noqa: E731
    attributed = np.array([u.attributed for u in units], dtype=np.float32)
    negated = np.array([u.negated for u in units], dtype=np.float32)
    denial = np.array([u.denial for u in units], dtype=np.float32)
    dispute = np.array([u.dispute_cue for u in units], dtype=np.float32)
    contrast = np.array([u.contrast for u in units], dtype=np.float32)
    position = np.array([u.position for u in units], dtype=np.float32)
    length = np.array([min(len(u.text.split()), 40) / 40 for u in units], dtype=np.float32)
    conf = conflict(list(ii), list(jj)) if conflict is not None else np.zeros(len(ii), dtype=np.float32)
    cols = {
        "bias": np.ones(len(ii), dtype=np.float32),
        "cos": cos,
        "cos2": cos**2,
        "cos_hi": np.maximum(cos - 0.5, 0),
        "jaccard": col(lambda a, b: len(a.stems & b.stems) / max(len(a.stems | b.stems), 1)),
        "shared_entities": col(lambda a, b: min(len(a.entities & b.entities), 3) / 3),
        "same_speaker": _same(units, lambda u: u.speaker, ii, jj),
        "same_article": _same(units, lambda u: u.claim.article, ii, jj),
        "same_outlet": _same(units, lambda u: u.outlet, ii, jj),
        "both_attributed": attributed[ii] * attributed[jj],
        "one_attributed": np.abs(attributed[ii] - attributed[jj]),
        "negation_xor": np.abs(negated[ii] - negated[jj]),
        "negation_any": np.maximum(negated[ii], negated[jj]),
        "denial_any": np.maximum(denial[ii], denial[jj]),
        "denial_xor": np.abs(denial[ii] - denial[jj]),
        "dispute_cue_n": dispute[ii] + dispute[jj],
        "contrast_any": np.maximum(contrast[ii], contrast[jj]),
        "numbers_differ": col(lambda a, b: bool(a.numbers and b.numbers and not a.numbers & b.numbers)),
        "numbers_shared": col(lambda a, b: bool(a.numbers & b.numbers)),
        "lead": 1 - np.minimum(position[ii], position[jj]),
        "len_min": np.minimum(length[ii], length[jj]),
        "conflict": conf,
        "conflict_x_cos": conf * cos,
    }
    return ii, jj, np.stack([cols[f] for f in FEATURES], axis=1).astype(np.float32)


def _same(units: list[Unit], key: Callable[[Unit], str], ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """1 where a pair's two units share ``key`` (compared as codes, not string by string over every pair)."""
    codes: dict[str, int] = {}
    c = np.array([codes.setdefault(key(u), len(codes)) for u in units])
    return (c[ii] == c[jj]).astype(np.float32)


UNIT_FEATURES: tuple[str, ...] = (
    "bias", "attributed", "named_speaker", "dispute_cue", "negated", "denial", "tone_abs", "tone_neg", "position",
    "length", "centrality", "speaker_share", "narration", "quoted",
)


def unit_matrix(units: list[Unit], vecs: np.ndarray) -> np.ndarray:
    """Per unit, what says it is a side of some dispute at all, in ``UNIT_FEATURES`` order.

    Centrality is the mean cosine of its three closest units in other articles (a disputed point
    is told by several outlets); speaker share is how much of the story its speaker holds.
    """
    from rashomon.compare.framing import _vader

    n = len(units)
    if n == 0:
        return np.zeros((0, len(UNIT_FEATURES)), dtype=np.float32)
    sims = vecs @ vecs.T
    spoken = Counter(u.speaker for u in units)
    vader = _vader()
    rows = []
    article = np.array([u.claim.article for u in units])
    for i, u in enumerate(units):
        other = sims[i, article != article[i]]
        central = float(np.sort(other)[-3:].mean()) if len(other) else 0.0
        tone = vader.polarity_scores(u.text)
        rows.append([
            1.0, u.attributed, not u.speaker.startswith(("anon:", "outlet:")) and not u.speaker.islower(), u.dispute_cue,
            u.negated, u.denial, abs(tone["compound"]), tone["neg"], u.position, min(len(u.text.split()), 40) / 40,
            central, min(spoken[u.speaker], 10) / 10, u.speaker.startswith("outlet:"), any(q in u.sentence for q in '"“”'),
        ])
    return np.array(rows, dtype=np.float32)


def with_priors(X: np.ndarray, ii: np.ndarray, jj: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Pair features with the two units' prior probabilities appended (product, min, log product)."""
    a, b = prior[ii], prior[jj]
    return np.hstack([X, (a * b)[:, None], np.minimum(a, b)[:, None], np.log(a * b + 1e-6)[:, None]]).astype(np.float32)


PRIOR_FEATURES: tuple[str, ...] = ("prior_product", "prior_min", "prior_log_product")


ASSEMBLY_KEYS = ("floor", "expand", "own", "distinct", "join", "widest", "shortest", "rival_pairs", "same_words", "nearest", "margin", "camps")


@dataclass
class Draft:
    """A question being assembled: two sides of unit indices and the score of its seed pair."""

    sides: tuple[list[int], list[int]]
    score: float


def assemble(
    units: list[Unit], vecs: np.ndarray, ii: np.ndarray, jj: np.ndarray, p: np.ndarray, *, most: int = 5,
    floor: float = 0.0, expand: float = 0.3, own: float = 0.3, distinct: float = 0.8, join: float = 0.0, widest: float = 99,
    apart: Iterable[frozenset[str]] = (), shortest: float = 4, rival_pairs: float = 0, same_words: float = 1.01,
    nearest: float = 1, margin: float = 0.0, camps: float = 0,
) -> list[Draft]:
    """Questions from scored pairs: the ``most`` best pairs of two speakers over ``floor`` seed one each.

    A seed is skipped when an end has under ``shortest`` words ("that claim"), when its two ends
    say the same thing (cosine ``distinct`` or ``same_words`` of the shorter one's content stems,
    neither alone negated; or one holds the other word for word), or when its ends
    restate an earlier seed's ends. Each side
    then takes its seed speaker's other statements on the point (cosine ``own``); another
    speaker's statement as close as ``expand`` to either seed joins the side of the seed it is
    nearer to (``nearest``; a side is what restates its seed's answer, so seeds drawn at random
    find little), or with ``nearest=0`` the side of the seed the pair model says it opposes less.
    A holder ends on one side only, never beside a speaker it is known to oppose (the two speakers
    of any seed or of the story's ``rival_pairs`` strongest pairs, and the pairs in ``apart``); a
    side keeps its ``widest`` statements. With ``camps`` 1, a third voice whose speaker shares a camp
    (``affiliation``) with one seed's speaker and not the other's joins that seed's side whatever the
    cosine says; with 2, the others stay off the sides; with 3, the cosine places it but never on
    the side of the seed whose speaker's camp is not its own (a veto).
    """
    sims = vecs @ vecs.T if len(vecs) else np.zeros((len(units), len(units)))
    opposed = np.zeros((len(units), len(units)))
    opposed[ii, jj] = p
    opposed[jj, ii] = p
    chosen: list[tuple[int, int, float]] = []
    for k in np.argsort(-p):
        if len(chosen) >= most or p[k] < floor:
            break
        a, b = int(ii[k]), int(jj[k])
        if units[a].speaker == units[b].speaker or min(len(units[a].text.split()), len(units[b].text.split())) < shortest or (
            (sims[a, b] >= distinct or _overlap(units[a], units[b]) >= same_words)
            and units[a].negated == units[b].negated
        ) or _quotes(units[a].text, units[b].text) or any(
            sims[a, x] >= distinct or sims[b, x] >= distinct for x0, y0, _ in chosen for x in (x0, y0)
        ):
            continue
        chosen.append((a, b, float(p[k])))
    rivals = set(apart) | {frozenset((units[a].speaker, units[b].speaker)) for a, b, _ in chosen}
    for k in np.argsort(-p)[: int(rival_pairs)]:  # the story's strongest oppositions beyond the seeds
        if units[ii[k]].speaker != units[jj[k]].speaker:
            rivals.add(frozenset((units[ii[k]].speaker, units[jj[k]].speaker)))
    return [Draft(_sides(units, sims, opposed, a, b, expand, own, join, int(widest), rivals, bool(nearest), margin, int(camps)), score)
            for a, b, score in chosen]


def _quotes(a: str, b: str) -> bool:
    """One statement holds the other word for word (one outlet quotes more of it): the same words, never two sides."""
    wa, wb = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < 4:
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _overlap(a: Unit, b: Unit) -> float:
    """Share of the shorter statement's content stems the other one also has (a restatement scores high)."""
    return len(a.stems & b.stems) / max(min(len(a.stems), len(b.stems)), 1)


def _sides(units: list[Unit], sims: np.ndarray, opposed: np.ndarray, a: int, b: int, expand: float, own: float, join: float,
           widest: int, rivals: set[frozenset[str]], nearest: bool = True, margin: float = 0.0, camps: int = 0) -> tuple[list[int], list[int]]:
    """The seed speakers' own statements on the point, and others on the point on the side of the seed they restate.

    Which seed another statement restates: the nearer one by cosine. On coverage/basil's gold
    evidence two statements of one side are a little closer than two of opposite sides (AUC 0.547),
    while the pair conflict model (0.497) and negation on one side only (0.528) barely tell them
    apart; the old rule (the seed the pair model says it opposes less) let seeds drawn at random
    find as much as the model's (eval coverage, control row; ``eval/contest_folds.ASSEMBLY``)."""
    sa, sb = units[a].speaker, units[b].speaker
    seed = opposed[a, b]
    votes: dict[str, Counter[int]] = {}
    voters: list[int] = []  # the statements that lie on the point, whichever side their holder ends on
    for u, unit in enumerate(units):
        if u in (a, b):
            continue
        if unit.speaker == sa:
            side = 0 if sims[u, a] >= own else None
        elif unit.speaker == sb:
            side = 1 if sims[u, b] >= own else None
        elif max(sims[u, a], sims[u, b]) >= expand and max(opposed[u, a], opposed[u, b]) >= join * seed:
            ally = _ally(unit, units[a], units[b]) if camps else None
            if ally is not None and camps != 3:
                side = ally
            elif camps == 2:
                side = None
            elif abs(sims[u, a] - sims[u, b]) < margin:
                side = None
            elif nearest:
                side = 0 if sims[u, a] >= sims[u, b] else 1
            else:
                side = 0 if opposed[u, b] >= opposed[u, a] else 1
            if camps == 3 and ally is not None and side != ally:
                side = None  # allied with the other seed's speaker: never on this side
        else:
            side = None
        if side is not None:
            votes.setdefault(unit.speaker, Counter())[side] += 1
            voters.append(u)
    near = lambda u: -max(sims[u, a], sims[u, b])  # noqa: E731
    # one holder, one side (where it says more; its own seed's side for a seed speaker), closest holders first
    place = {sa: 0, sb: 1}
    held: tuple[set[str], set[str]] = ({sa}, {sb})
    closest = {s: min(near(u) for u, x in enumerate(units) if x.speaker == s) for s in votes}
    for speaker in sorted(votes, key=lambda s: closest[s]):
        if speaker in place:
            continue
        side = 0 if votes[speaker][0] >= votes[speaker][1] else 1
        if any(frozenset((speaker, other)) in rivals for other in held[side]):
            continue
        place[speaker] = side
        held[side].add(speaker)
    members: tuple[list[int], list[int]] = ([], [])
    for u in voters:
        if units[u].speaker in place:
            members[place[units[u].speaker]].append(u)
    return [a] + sorted(members[0], key=near)[: widest - 1], [b] + sorted(members[1], key=near)[: widest - 1]


def _ally(unit: Unit, a: Unit, b: Unit) -> int | None:
    """0 or 1 when a third voice shares a camp with one seed's speaker and not the other's, else None."""
    ca, cb = bool(unit.camp & a.camp), bool(unit.camp & b.camp)
    return None if ca == cb else (0 if ca else 1)


def _same_name(a: str, b: str) -> bool:
    """"Petra Vanek" and "Vanek", or "Challenger Ewan Torsby" and "Ewan Torsby": one holder shown once."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _short(text: str, words: int = 18) -> str:
    """A statement cut to a reader's glance: its first words, quotes and trailing punctuation dropped."""
    ws = text.strip().strip('"“”‘’\'').split()
    if len(ws) > 3 and ws[0].casefold() == "that":
        ws = ws[1:]
    out = " ".join(ws[:words]).rstrip(",;:.")
    return out + ("…" if len(ws) > words else "")


def _summary(seed: str, holder: str) -> str:
    """The seed statement as a yes/no question; a statement in the first or second person stays
    its speaker's words ("Vanek says “we will not back down”: is that so?")."""
    first, _, rest = seed.partition(" ")
    if first.casefold().strip("'’") in _PERSONAL and holder:
        return f"{holder} says “{seed}”: is that so?"
    if first.casefold() in _LOWER_STARTS:
        seed = f"{first.casefold()} {rest}"
    return f"Is it true that {seed}?"


def to_question(story: str, draft: Draft, units: list[Unit], names: dict[str, str],
                parse: Callable[[str], Any] | None = None) -> Question:
    """A reader's question from a draft: a side's statement as a yes/no question, each side's holders.

    With ``parse`` (a spaCy pipeline), the first of the two sides' seed statements that inverts cleanly
    gives the question ("Did the mill dump waste?"); else the seed is quoted ("Is it true that …").
    """
    sides = []
    for members in draft.sides:
        side = Side(position=_short(units[members[0]].shown or units[members[0]].text))
        for m in members:
            u = units[m]
            side.claims.append(u.claim.id)
            holder = names.get(u.speaker) or u.holder or u.claim.speaker or u.outlet
            if not any(_same_name(holder, h) for h in side.speakers):
                side.speakers.append(holder)
            if u.outlet not in side.outlets:
                side.outlets.append(u.outlet)
        sides.append(side)
    seed = units[draft.sides[0][0]]
    heads = [members[0] for members in draft.sides[:2]]  # the two seeds: a runner-up may be about something else
    asked = first_question([units[m].shown or units[m].text for m in heads], parse) if parse else None
    summary = asked or _summary(_short(seed.shown or seed.text, 22), sides[0].speakers[0] if sides[0].speakers else "")
    key = "|".join(sorted((units[draft.sides[0][0]].claim.id, units[draft.sides[1][0]].claim.id)))
    return Question(id=question_id(story, key), story=story, summary=summary, contested=True, reason="learned", sides=sides, score=round(draft.score, 3))


def pair_probabilities(model: "ContestModel", U: np.ndarray, ii: np.ndarray, jj: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The model's probability that each pair holds opposite sides, from the unit and pair features."""
    return model.pair.predict(with_priors(X, ii, jj, model.unit.predict(U)))


def score_story(units: list[Unit], vecs: np.ndarray, model: "ContestModel", conflict: Callable[[list[Unit], np.ndarray], Callable[[list[int], list[int]], np.ndarray]] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, p): every pair of a story's units with the model's probability of opposite sides."""
    ii, jj, X = pair_matrix(units, vecs, conflict(units, vecs) if conflict is not None else None)
    return ii, jj, pair_probabilities(model, unit_matrix(units, vecs), ii, jj, X)


def assemble_by(settings: dict[str, float], units: list[Unit], vecs: np.ndarray, ii: np.ndarray, jj: np.ndarray, p: np.ndarray,
                apart: Iterable[frozenset[str]] = ()) -> list[Draft]:
    """``assemble`` with the settings a model carries (its ``assembly``; keys it does not know are skipped)."""
    opts = {k: v for k, v in settings.items() if k in ASSEMBLY_KEYS}
    return assemble(units, vecs, ii, jj, p, most=int(settings.get("most", 5)), apart=apart, **opts)


def learned_questions(
    story: str, units: list[Unit], vecs: np.ndarray, model: "ContestModel", names: dict[str, str], conflict: Any = None,
    apart: Iterable[frozenset[str]] = (), scored: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    parse: Callable[[str], Any] | None = None,
) -> list[Question]:
    """A story's contested questions by the model, strongest first, each with its calibrated score.

    ``apart`` names pairs of speaker keys known to oppose each other (never put on one side);
    ``scored`` is ``score_story``'s result when the caller has it already; ``parse`` words the
    questions (``to_question``).
    """
    ii, jj, p = scored if scored is not None else score_story(units, vecs, model, conflict)
    drafts = assemble_by(model.assembly, units, vecs, ii, jj, p, apart)
    least = float(model.assembly.get("min_confidence", 0.0))
    out = []
    for d in drafts:
        d.score = model.confidence(d.score, min(len(side) for side in d.sides))
        if d.score >= least:
            out.append(to_question(story, d, units, names, parse))
    return out


def conflict_scorer(units: list[Unit], vecs: np.ndarray) -> Callable[[list[int], list[int]], np.ndarray]:
    """The pair conflict model (``compare.conflict``, FNC-1/ClaimDiff/SICK) as a pair feature column."""
    from rashomon.compare.conflict import load_model

    model = load_model()
    texts = [u.text for u in units]

    def score(ii: list[int], jj: list[int]) -> np.ndarray:
        if not len(ii):
            return np.zeros(0, dtype=np.float32)
        return model.score([texts[i] for i in ii], [texts[j] for j in jj], vecs[list(ii)], vecs[list(jj)]).astype(np.float32)

    return score
