"""Group a story's claims by the question they answer, and find where speakers answer it apart.

A claim answers the frame whose terms it uses most (lexicon.FRAMES). Inside a question, each
claim takes a position: one of the frame's opposed predicate sets when it uses exactly one,
else "no" when it denies or negates, else "yes". Two statements joined by a contrast marker
("X claimed A, while Y said B") are put on opposite sides, and a speaker keeps one side. A
question is contested when two positions are held by different speakers.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from rashomon.compare.lexicon import (
    CONTRAST_MARKERS,
    DENIAL_TERMS,
    FRAMES,
    NEGATION_TERMS,
    COUNT_EVENTS,
    NON_COUNT_UNITS,
    without_false_negations,
    NUMBER_WORDS,
    Frame,
)
from rashomon.compare.text import count_terms, has_term, stem, term_spans
from rashomon.model import Article, Claim, Question, Side

_FRAMES = {f.name: f for f in FRAMES}


def question_id(story: str, key: str) -> str:
    return hashlib.sha1(f"{story}:{key}".encode()).hexdigest()[:16]


def frame_of(text: str, present: frozenset[str] = frozenset()) -> Frame | None:
    """The frame a claim's text uses most; ties go to the higher-priority frame.

    A term of one of the frame's answers ("heart attack" for a death) counts half: it points to
    the question without naming it, so on its own it only joins a frame already ``present``.
    """
    best, best_key = None, (0.0, 0)
    for f in FRAMES:
        hits = count_terms(text, f.terms) + 0.5 * sum(count_terms(text, terms) for _, terms in f.opposed)
        if (hits >= 1 or (hits and f.name in present)) and (hits, f.priority) > best_key:
            best, best_key = f, (hits, f.priority)
    return best


def polarity(text: str) -> str:
    """"no" when the claim denies or negates, else "yes"."""
    cleaned = without_false_negations(text.lower())
    if has_term(cleaned, DENIAL_TERMS) or has_term(cleaned, NEGATION_TERMS):
        return "no"
    return "yes"


def opposed_position(frame: Frame, text: str) -> str | None:
    """The answer a claim gives: the one opposed set it affirms.

    A set named only under a negation or a denial ("this is not sabotage", "called the sabotage
    claim unfounded") is rejected, and a claim rejecting one of two answers holds the other.
    """
    labels = [label for label, _ in frame.opposed]
    affirmed, rejected = [], []
    denied = polarity(text) == "no" and has_term(text, DENIAL_TERMS)
    for label, terms in frame.opposed:
        spans = term_spans(text, terms)
        if not spans:
            continue
        negated = all(_negated_before(text, start) for start, _ in spans)
        (rejected if negated or denied else affirmed).append(label)
    if len(affirmed) == 1:
        return affirmed[0]
    if not affirmed and len(rejected) == 1 and len(labels) == 2:
        return labels[1 - labels.index(rejected[0])]
    return None


def _negated_before(text: str, start: int) -> bool:
    """A negation in the three words before a term ("not sabotage", "no evidence of explosives")."""
    before = text[:start].lower().split()[-3:]
    return has_term(" ".join(before), NEGATION_TERMS)


def _contrast_pairs(claims: list[Claim], bodies: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of claims in one sentence of one article with a contrast marker between them."""
    pairs = []
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[c.article].append(c)
    for art, cs in by_article.items():
        cs = sorted(cs, key=lambda c: c.start)
        body = bodies.get(art, "")
        for a, b in zip(cs, cs[1:]):
            between = body[a.end : b.start]
            if 0 <= len(between) <= 200 and "." not in between.strip(" '\"’”") and any(
                re.search(rf"(?<!\w){re.escape(m)}(?!\w)", between.lower()) for m in CONTRAST_MARKERS
            ):
                pairs.append((a.id, b.id))
    return pairs


def _target(claims: list[Claim], names: dict[str, list[tuple[str, str]]], frame: Frame) -> str:
    """The event its claims name most ("the collapse"), else the most named participant by the frame's labels in order."""
    nouns = Counter(w for c in claims for w in re.findall(r"[a-z]+", c.text.lower()) if w in frame.event_nouns)
    if nouns:
        return "the " + nouns.most_common(1)[0][0]
    for wanted in frame.targets:
        counts = Counter(n for c in claims for n, label in names.get(c.id, []) if label == wanted)
        if counts:
            return counts.most_common(1)[0][0]
    return frame.fallback


def group_questions(
    story: str,
    claims: list[Claim],
    articles: dict[str, Article],
    outlets: dict[str, str],
    participants: dict[str, list[tuple[str, str]]],
) -> list[Question]:
    """Assign claims to questions and positions (mutating claim.question/position)."""
    bodies = {a: art.body for a, art in articles.items()}
    by_frame: dict[str, list[Claim]] = defaultdict(list)
    unframed = []
    for c in claims:
        f = frame_of(c.text)
        if f:
            by_frame[f.name].append(c)
        else:
            unframed.append(c)
    present = frozenset(by_frame)
    for c in unframed:
        f = frame_of(c.text, present)
        if f:
            by_frame[f.name].append(c)
    _attach_speaker_followers(claims, by_frame)
    contrast = _contrast_pairs(claims, bodies)
    questions: list[Question] = []
    for name, members in by_frame.items():
        frame = _FRAMES[name]
        qid = question_id(story, name)
        positions = _positions(frame, members, contrast)
        summary = frame.summary.format(target=_target(members, participants, frame))
        questions.append(_question(qid, story, summary, members, positions, outlets, contrast))
    questions += count_questions(story, claims, outlets)
    return questions


def _attach_speaker_followers(claims: list[Claim], by_frame: dict[str, list[Claim]]) -> None:
    """A frameless statement joins the one question its speaker addresses in the same article."""
    framed = {c.id for cs in by_frame.values() for c in cs}
    speaker_frames: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, cs in by_frame.items():
        for c in cs:
            if c.speaker and c.status != "asserted":
                speaker_frames[(c.article, c.speaker)].add(name)
    for c in claims:
        if c.id in framed or not c.speaker or c.status == "asserted":
            continue
        frames = speaker_frames.get((c.article, c.speaker), set())
        if len(frames) == 1:
            by_frame[next(iter(frames))].append(c)


def _positions(frame: Frame, members: list[Claim], contrast: list[tuple[str, str]]) -> dict[str, str]:
    ids = {c.id for c in members}
    pos: dict[str, str] = {}
    for c in members:
        p = opposed_position(frame, c.text) if frame.opposed else None
        if p is None and not frame.opposed:
            p = polarity(c.text)
        if p is not None:
            pos[c.id] = p
    labels = [label for label, _ in frame.opposed] or ["yes", "no"]
    other = {labels[0]: labels[1], labels[1]: labels[0]}
    # A speaker keeps one side; contrast pairs take opposite sides.
    by_speaker: dict[str, str] = {}
    for c in members:
        if c.id in pos and c.speaker:
            by_speaker.setdefault(c.speaker, pos[c.id])
    for _ in range(2):
        for a, b in contrast:
            if a in ids and b in ids:
                if a in pos and b not in pos and pos[a] in other:
                    pos[b] = other[pos[a]]
                elif b in pos and a not in pos and pos[b] in other:
                    pos[a] = other[pos[b]]
        for c in members:
            if c.id not in pos and c.speaker in by_speaker and c.status != "asserted":
                pos[c.id] = by_speaker[c.speaker]
    return pos


def _add_claim(side: Side, claim: Claim, outlets: dict[str, str]) -> None:
    """Put a claim on a side once, with its speaker and outlet."""
    if claim.id not in side.claims:
        side.claims.append(claim.id)
    if claim.speaker and claim.speaker not in side.speakers:
        side.speakers.append(claim.speaker)
    outlet = outlets.get(claim.article)
    if outlet and outlet not in side.outlets:
        side.outlets.append(outlet)


def _held_apart(sides: list[Side]) -> bool:
    """Contested: at least two positions, and some speaker holds one the others do not share."""
    speakers = [set(s.speakers) for s in sides]
    return len(sides) >= 2 and any(a - b for a in speakers for b in speakers if a is not b)


def _question(
    qid: str,
    story: str,
    summary: str,
    members: list[Claim],
    positions: dict[str, str],
    outlets: dict[str, str],
    contrast: list[tuple[str, str]],
) -> Question:
    sides: dict[str, Side] = {}
    for c in members:
        c.question = qid
        p = positions.get(c.id)
        c.position = p
        if p is None:
            continue
        _add_claim(sides.setdefault(p, Side(position=p)), c, outlets)
    held = [s for s in sides.values() if s.claims]
    contested = _held_apart(held)
    reason = None
    if contested:
        texts = " ".join(c.text for c in members)
        if any(c.status == "denied" for c in members) or has_term(texts, DENIAL_TERMS):
            reason = "denial"
        elif any(p not in ("yes", "no") for p in sides):
            reason = "opposite predicates"
        elif any(a in positions and b in positions for a, b in contrast):
            reason = "opposing sides"
        else:
            reason = "negation"
    return Question(id=qid, story=story, summary=summary, contested=contested, reason=reason, sides=held)


_COUNT = re.compile(
    r"\b(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")\s+((?:[A-Za-z-]+\s+){0,2}?)([A-Za-z-]+)\b", re.IGNORECASE
)


def _counts(text: str) -> list[tuple[str, int]]:
    """(noun stem + event, number) pairs: "23 people died" -> ("people died", 23)."""
    found = []
    for m in _COUNT.finditer(text):
        raw, noun = m.group(1).lower(), m.group(3).lower()
        value = NUMBER_WORDS.get(raw) if raw in NUMBER_WORDS else int(raw.replace(",", ""))
        if value is None or value > 100000 or noun in NON_COUNT_UNITS or noun.rstrip("s") in NON_COUNT_UNITS:
            continue
        if 1900 <= value <= 2100 and not m.group(2):
            continue  # a year
        after = text[m.end() : m.end() + 60]
        event = next((name for name, terms in COUNT_EVENTS.items() if has_term(after, terms)), None)
        if event is None:
            continue  # a number with no countable event is no head count
        found.append((f"{stem(noun)} {event}", value))
    return found


def _plural(stemmed: str) -> str:
    return stemmed if stemmed.endswith(("s", "people", "men", "children")) else stemmed + "s"


def count_questions(story: str, claims: list[Claim], outlets: dict[str, str]) -> list[Question]:
    """Different numbers for the same count, given by different speakers, make a question."""
    by_noun: dict[str, list[tuple[Claim, int]]] = defaultdict(list)
    for c in claims:
        for noun, value in _counts(c.text):
            by_noun[noun].append((c, value))
    questions = []
    for noun, items in by_noun.items():
        values = {v for _, v in items}
        speakers = {c.speaker for c, _ in items}
        if len(values) < 2 or len(speakers) < 2:
            continue
        qid = question_id(story, f"count:{noun}")
        sides: dict[int, Side] = {}
        for c, v in items:
            _add_claim(sides.setdefault(v, Side(position=f"{v} {noun.split()[0]}")), c, outlets)
        held = list(sides.values())
        contested = _held_apart(held)
        questions.append(
            Question(id=qid, story=story, summary=f"How many {_plural(noun.split()[0])} {noun.split()[1]}?", contested=contested,
                     reason="different numbers" if contested else None, sides=held)
        )
    return questions
