"""Named-entity mentions from the statistical model, lightly cleaned for cross-article resolution.

The model's spans carry possessives ("Peskov's"), leading articles ("the Kremlin") and stray
punctuation; resolve works on names, so the span is trimmed here, offsets kept exact.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from rashomon.model import Mention
from rashomon.resolve.names import PARTICLES, TITLE_WORDS

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_POSS = re.compile(r"(?:'s|’s|'|’)$")
_EDGE = " \t\n\"'“”‘’«»()[]{},.;:!?-–—*|/"
# Spans that are layout debris or quantities the model tagged as names.
_STOP = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "his", "her", "their"}
_JUNK = re.compile(r"^(?:[\W\d_]+|[A-Za-z]|https?://\S*|www\.\S*|\S+@\S+)$")


def clean_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trimmed (start, end) for one entity span, or None when nothing name-like is left."""
    s, e = start, end
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    m = _POSS.search(text[s:e])
    if m and e - s > len(m.group()) + 1:
        e -= len(m.group())
    if label not in ("WORK_OF_ART", "LAW", "EVENT"):
        m = _LEAD.match(text[s:e])
        if m and e - s > len(m.group()) + 1:
            s += len(m.group())
    surface = text[s:e]
    if not surface or "\n\n" in surface or _JUNK.match(surface) or len(surface) > 80 or surface.lower() in _STOP:
        return None
    return s, e


def _person_end(doc: Doc, ent_end: int) -> int:
    """The small model often stops a person's name after the given name ("Farid" of "Farid
    Mirzoyev"): extend over directly following capitalised proper nouns outside any other entity."""
    end = ent_end
    while end < len(doc) and end - ent_end < 2:
        tok = doc[end]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ or not tok.is_alpha:
            break
        end += 1
    return end


def doc_mentions(doc: Doc, article: str = "") -> list[Mention]:
    """Mentions of names (not dates, numbers or money) in ``doc``, with cleaned spans."""
    out = []
    text = doc.text  # Doc.text joins every token: read it once
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        end_char = ent.end_char
        if ent.label_ == "PERSON" and len(ent) == 1:
            end_char = doc[_person_end(doc, ent.end) - 1].idx + len(doc[_person_end(doc, ent.end) - 1])
        elif ent.label_ == "PERSON" and ent[-1].text.lower() in PARTICLES and ent.end < len(doc) \
                and doc[ent.end].text[:1].isupper() and doc[ent.end].is_alpha:
            end_char = doc[ent.end].idx + len(doc[ent.end])  # "Ursula von der | Leyen": the particle wants its name
        span = clean_span(text, ent.start_char, end_char, ent.label_)
        if span is None:
            continue
        s, e = span
        out.append(Mention(article=article, start=s, end=e, text=text[s:e], label=ent.label_))
    people = {m.text for m in out if m.label == "PERSON"} | {m.text.split()[-1] for m in out if m.label == "PERSON"}
    out = [part for m in out for part in split_glued(m, people)]
    out += repeated_surnames(text, out, article)
    return out + named_teams(text, out, article)


_TEAM = re.compile(r"\s+(administration|campaign|government|cabinet)\b")


def named_teams(text: str, mentions: list[Mention], article: str = "") -> list[Mention]:
    """"the Roe administration", "the Roe campaign": a body named by a person's surname (the
    person keeps their own mention; the body is an ORG mention over both words)."""
    out = []
    for m in mentions:
        if m.label != "PERSON" or " " in m.text:
            continue
        hit = _TEAM.match(text, m.end)
        if hit and text[max(0, m.start - 4): m.start].lower().endswith("the "):
            out.append(Mention(article=article, start=m.start, end=hit.end(), text=text[m.start: hit.end()], label="ORG"))
    return out


_ORG_END = frozenset("news agency service group company inc corp foundation institute center centre university "
                     "college school party ministry office times post journal radio tv network committee".split())


def split_glued(m: Mention, people: set[str] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    """The model sometimes tags an outlet and its journalist as one span ("Sputnik Azerbaijan Farid
    Rustamli"): where the last two or three capitalised words are a person (a known given name
    starts them, or the document names that person or surname on its own: ``people``) and what
    comes before is no name of a person, the span is an organisation and a person."""
    toks = list(re.finditer(r"\S+", m.text))
    if len(toks) < 3 or m.label in ("GPE", "LOC"):
        return [m]
    from rashomon.resolve.names import is_given_name

    for i in (len(toks) - 2, len(toks) - 3):
        if i < 1:
            continue
        tail = [t.group() for t in toks[i:]]
        head = [t.group() for t in toks[:i]]
        if not all(re.fullmatch(r"[A-Z][\w'’\-]*\.?", t) for t in tail) or tail[-1].lower() in _ORG_END:
            continue
        named = " ".join(tail) in people or (tail[-1] in people and m.label != "PERSON")
        if m.label == "PERSON" and " ".join(tail) not in people:
            continue  # a person's span splits only where the document names the tail alone
        if not (named or is_given_name(tail[0])) or any(is_given_name(h) or len(h.rstrip(".")) == 1 for h in head):
            continue  # "Kay Bailey Roe", "J. Ann Roe" are one person
        j = i  # "Federal Reserve Chair | Jo Roe": the title goes with the person
        while j > 0 and re.sub(r"[^a-z]", "", head[j - 1].lower()) in TITLE_WORDS:
            j -= 1
        if j == 0 or head[j - 1].lower() in PARTICLES or head[j - 1] in ("&", "and", "of", "for"):
            continue
        org_text = _POSS.sub("", m.text[: toks[j - 1].end()])
        return [Mention(m.article, m.start, m.start + len(org_text), org_text, "ORG" if m.label == "PERSON" else m.label),
                Mention(m.article, m.start + toks[j].start(), m.end, m.text[toks[j].start():], "PERSON")]
    return [m]


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def repeated_surnames(text: str, mentions: list[Mention], article: str = "") -> list[Mention]:
    """The small model tags "Jane Roe" but often misses a later bare "Roe": every capitalised,
    whole-word repeat of the surname of a two-word PERSON mention, outside any other mention and
    not part of a longer capitalised name ("Roe Street"), is a PERSON mention too."""
    surnames = set()
    for m in mentions:
        toks = m.text.split()
        if m.label == "PERSON" and len(toks) >= 2 and re.fullmatch(r"[A-Z][a-z][\w'’\-]*[a-z]", toks[-1]):
            surnames.add(toks[-1])
    if not surnames:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    lower = {w.lower() for w in surnames if re.search(r"(?<![\w'’\-])" + w.lower() + r"(?![\w\-])", text)}
    out = []
    for w in _WORD.finditer(text):
        name = _POSS.sub("", w.group())
        if name not in surnames:
            continue
        s, e = w.start(), w.start() + len(name)
        if any(a < e and s < b for a, b in taken):
            continue
        after = text[e: e + 40]
        opening = re.search(r"(?:^|[.!?\"”]\s+|\n)$", text[max(0, s - 40): s] or "\n")
        if name.lower() in lower and opening:
            continue  # "Will the..." where the article also writes "will": a word, not the name
        if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+(?:Said|Says)\b", after):
            continue  # "Roe Street", "Roe Foundation"
        prev = re.search(r"(\S+)\s+$", text[max(0, s - 40): s])
        if prev and prev.group(1)[:1].isupper() and prev.group(1)[-1:] not in ".,:;\"”'’)" \
                and re.sub(r"[^a-z]", "", prev.group(1).lower()) not in TITLE_WORDS \
                and not re.search(r"(?:^|[.!?\"”]\s+|\n)$", text[max(0, s - 40): s - len(prev.group(0))] or "\n"):
            continue  # "Mary Roe" (another given name), unless a title or a sentence opening
        out.append(Mention(article=article, start=s, end=e, text=name, label="PERSON"))
    return out

