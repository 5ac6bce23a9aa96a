"""Named-entity mentions from the statistical model, lightly cleaned for cross-article resolution.

The model's spans carry possessives ("Peskov's"), leading articles ("the Kremlin") and stray
punctuation; resolve works on names, so the span is trimmed here, offsets kept exact.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from rashomon.model import Mention
from rashomon.resolve.names import PARTICLES, TITLE_WORDS
from rashomon.resolve.orgs import DOMAIN

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
    out = [part for m in out for part in split_slashed(m)]
    out += repeated_surnames(text, out, article)
    out += repeated_names(text, out, article)
    out += spelled_acronyms(text, out, article)
    out += web_addresses(text, out, article)
    out += listed_names(text, out, article)
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


def split_slashed(m: Mention) -> list[Mention]:
    """"the Courier/Ledger poll": two bodies joined by a slash are two mentions of that label."""
    parts = list(re.finditer(r"[^/]+", m.text))
    if m.label not in ("ORG", "WORK_OF_ART") or len(parts) != 2 or not all(p.group().strip()[:1].isupper() for p in parts) \
            or any(len(p.group().strip()) < 2 for p in parts):
        return [m]
    out = []
    for p in parts:
        lead = len(p.group()) - len(p.group().lstrip())
        text = p.group().strip()
        out.append(Mention(m.article, m.start + p.start() + lead, m.start + p.start() + lead + len(text), text, m.label))
    return out


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



_SENTENCE_OPEN = re.compile(r"(?:^|[.!?\"”:]\s+|\n)$")


def _inside_longer_name(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] is part of a longer capitalised name ("Roe" of "Roe Street", "Ames" of
    "Lake Ames"): a capitalised word right after it, or right before it (not opening the sentence,
    not a role title)."""
    after = text[e: e + 40]
    if re.match(r"['’]?\s?[A-Z][a-z]|\s+(?:of|for|de)\s+[A-Z]", after) and not re.match(r"\s+(?:Said|Says)\b", after):
        return True  # "Roe Street", "Chamber of Commerce"
    prev = re.search(r"(\S+)\s+$", text[max(0, s - 40): s])
    return bool(prev and prev.group(1)[:1].isupper() and prev.group(1)[-1:] not in ".,:;\"”'’)"
                and re.sub(r"[^a-z]", "", prev.group(1).lower()) not in TITLE_WORDS
                and not _SENTENCE_OPEN.search(text[max(0, s - 40): s - len(prev.group(0))] or "\n"))


def _given_before(text: str, s: int, taken: list[tuple[int, int]]) -> int:
    """Where a person's name starts when the surname the model tagged alone elsewhere follows a
    capitalised word that is no title, no common word and in no other mention ("Chief of Staff
    Odo | Vanterpool"): the given name the model missed."""
    prev = re.search(r"(?<![\w.’'\-])([A-Z][a-z]+)\s+$", text[max(0, s - 30): s])
    if not prev:
        return s
    word = prev.group(1)
    start = s - len(prev.group(0))
    low = word.lower()
    if low in TITLE_WORDS or low in STOP_WORDS or re.search(r"(?<![\w\-])" + low + r"(?![\w\-])", text) \
            or any(a < s and start < b for a, b in taken):
        return s
    return start


def repeated_names(text: str, mentions: list[Mention], article: str = "") -> list[Mention]:
    """The model tags a name in one sentence and misses the same string in another ("Granby Mills
    said ..." tagged, "at Granby Mills" not): every other whole-word, same-case occurrence of a
    tagged name in the document, outside any mention and not part of a longer capitalised name,
    is a mention too, with the label the document's mentions of that string mostly carry.
    (spaCy's EntityRuler would tag the occurrences but cannot leave the model's own spans alone.)"""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.label in LABELS and m.text[:1].isupper() and len(m.text) > 2 and not _JUNK.match(m.text):
            votes[m.text][m.label] += 1
    if not votes:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for surface in sorted(votes, key=len, reverse=True):
        label = max(votes[surface], key=lambda k: (votes[surface][k], k))
        pattern = r"(?<![\w\-’'.])" + r"\s+".join(map(re.escape, surface.split())) + r"(?![\w\-]|\.\w)"
        for hit in re.finditer(pattern, text):
            s, e = hit.span()
            if any(a < e and s < b for a, b in taken):
                continue
            if label == "PERSON" and " " not in surface:
                s = _given_before(text, s, taken)
            if s == hit.start() and _inside_longer_name(text, s, e):
                continue
            if " " not in surface and surface.lower() in text and _SENTENCE_OPEN.search(text[max(0, s - 40): s] or "\n"):
                continue  # "Will" opening a sentence where the text also writes "will"
            out.append(Mention(article=article, start=s, end=e, text=text[s:e], label=label))
            taken.append((s, e))
    return out


_ACRONYM_TOKEN = re.compile(r"(?<![\w.\-])(?:(?:[A-Z]\.){2,}(?![\w])|[A-Z][A-Z&]{1,6}(?![\w\-]))")
_LONG_FORM = ("ORG", "LAW", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT")


def spelled_acronyms(text: str, mentions: list[Mention], article: str = "") -> list[Mention]:
    """The model tags "the Harbour Safety Authority" but not the "HSA" that stands for it later:
    an upper-case token outside any mention that spells the initials of a body, law or event the
    document names ("Long Name (HSA)" needs no initials) is a mention with the long form's label."""
    from rashomon.resolve.cluster import initials
    from rashomon.resolve.places import table_group

    spelled: dict[str, str] = {}
    for m in mentions:
        if m.label in _LONG_FORM and " " in m.text:
            for acr in initials(m.text):
                spelled.setdefault(acr, m.label)
            after = re.match(r"\s*\(\s*([A-Z][A-Z&.]{1,8})\s*\)", text[m.end: m.end + 14])
            if after:
                spelled.setdefault(after.group(1).replace(".", ""), m.label)
    if not spelled:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for hit in _ACRONYM_TOKEN.finditer(text):
        s, e = hit.span()
        letters = hit.group().replace(".", "")
        if letters not in spelled or any(a < e and s < b for a, b in taken) or table_group(hit.group()):
            continue
        name = hit.group().rstrip(".")  # "F.E.C." ends a sentence or not: the name is "F.E.C"
        out.append(Mention(article=article, start=s, end=s + len(name), text=name, label=spelled[letters]))
    return out


def web_addresses(text: str, mentions: list[Mention], article: str = "") -> list[Mention]:
    """"reported first by RiverNews.com": a site named by its address is an organisation (resolve
    joins it to the outlet whose name it spells); the model rarely tags addresses."""
    taken = [(m.start, m.end) for m in mentions]
    return [Mention(article=article, start=h.start(), end=h.end(), text=h.group(), label="ORG")
            for h in DOMAIN.finditer(text) if not any(a < h.end() and h.start() < b for a, b in taken)]


_GAP_NAME = re.compile(r",\s+((?:[A-Z][\w\-’'&.]*)(?:\s+[A-Z][\w\-’'&.]*){0,2}),\s+(?:and\s+)?")
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def listed_names(text: str, mentions: list[Mention], article: str = "") -> list[Mention]:
    """"Brightway, Corran, Velt and Osprey": a capitalised name standing in a list between two
    tagged names, the model having missed it, is a name of the kind most of the list is."""
    ms = sorted((m for m in mentions if m.label in LABELS), key=lambda m: m.start)
    out = []
    for i, (a, b) in enumerate(zip(ms, ms[1:])):
        gap = _GAP_NAME.fullmatch(text, a.end, b.start)
        if not gap:
            continue
        run = [a, b]  # the rest of the list either side, for its kind
        j = i
        while j > 0 and _SEP.fullmatch(text, ms[j - 1].end, ms[j].start):
            j -= 1
            run.append(ms[j])
        k = i + 1
        while k + 1 < len(ms) and _SEP.fullmatch(text, ms[k].end, ms[k + 1].start):
            k += 1
            run.append(ms[k])
        votes = Counter(m.label for m in run)
        label, n = votes.most_common(1)[0]
        if n < 2:
            continue
        s, e = gap.span(1)
        out.append(Mention(article=article, start=s, end=e, text=text[s:e], label=label))
    return out
