"""Coverage section "statements": gold quotes found, with the right speaker, and how speakers are named.

A gold quote (``documents[file].quotes``) is located in its file's article body after case,
whitespace and curly quotes are folded (``seeds.norm``, character by character so offsets map
back). It is *found* when one attribution of that article has content spans overlapping the
located span by at least half of the shorter of the two; *with the right speaker* when that
attribution's speaker as written, resolved speaker, or speaker entity's canonical name or aliases
name the gold speaker (same last word, and one name's words all in the other: "Trump" and
"Mr. Trump" name "Donald Trump", "Trump's lawyer" does not; an acronym names its initials; a description
read up to its head noun, "the staff at Vale General" as "the staff", names what that head does). The gold's
notes in brackets are not part of the speaker ("Senate Republicans (letter)", "police (unnamed)"); an
unnamed source's description is named by the same description, its quantifiers and the word "unnamed"
aside, with the head noun before its qualifiers as the word that must agree ("some observers" names
"unnamed observers", "a Ryan spokesman" and "the spokesman" name "an unnamed spokesman for Paul Ryan";
"the aide" does not, nor does "Paul Ryan": a name inside a description is not its speaker). A statement's speaker is *named*
when it is a name or an organisation rather than a pronoun or a bare role noun: an entity is set,
or the text holds a capitalised word, not a pronoun, that the article never writes lower-case and
does capitalise mid-sentence.
A statement's speaker is *bare* when the speaker a reader is shown (``rashomon.shown_speaker``: the
entity's name, the resolved name, else the text's fullest description) is a pronoun, a lone role
noun or nothing (``shown_speaker.is_bare``).
The baseline row takes the speaker as written (no resolution, no entity) and shows it as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.seeds import norm
from rashomon.model import Attribution
from rashomon.shown_speaker import is_bare, shown_speakers

PRONOUNS = frozenset(
    "i me my we us our you he him his she her it its they them their this that these those who whom "
    "one someone somebody anyone everyone nobody".split()
)
_LEADING = frozenset("the a an his her its their our this that these those".split())
_HONORIFICS = frozenset("mr mrs ms miss dr sen rep gov gen prof rev".split())
# words that count how many of a kind spoke, not who ("some observers", "two of the people", "at least one insider")
_QUANTIFIERS = frozenset("some one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds "
                         "thousands several many most few other others another both all at least of multiple "
                         "various".split())
_UNNAMED = frozenset("unnamed unidentified anonymous".split())
# words after which a description qualifies its head ("a spokesman for X", "people with knowledge of Y")
_QUALIFYING = frozenset("for of with to on in at near along close who whom that which involved briefed familiar "
                        "within from".split())
_NOTE = re.compile(r"\s*\([^)]*\)")
_WORD = re.compile(r"[^\W_][\w'’.\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SUFFIXES = frozenset("jr sr ii iii iv".split())  # "Dana Roe Jr." is named by "Dana Roe"
_SEPARATORS = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_COUNTS = ("quotes", "located", "found", "right", "statements", "named", "bare")
METRICS = ["quotes", "located", "found", "found_share", "right_speaker", "right_speaker_share", "statements", "named_share",
           "bare_share"]


def fold_map(text: str) -> tuple[str, list[int]]:
    """``norm(text)`` built char by char, with each folded char's offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        for c in norm(ch):
            out.append(c)
            where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def locate(body: str, text: str, folded: tuple[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Every char span of ``body`` that reads as ``text`` once both are folded."""
    fb, where = folded or fold_map(body)
    ft = norm(text)
    if not ft:
        return []
    spans, at = [], fb.find(ft)
    while at >= 0:
        spans.append((where[at], where[at + len(ft) - 1] + 1))
        at = fb.find(ft, at + 1)
    return spans


def overlaps(span: tuple[int, int], parts: Iterable[tuple[int, int]]) -> bool:
    """The parts cover at least half of the shorter of ``span`` and the parts together."""
    parts = list(parts)
    shared = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in parts)
    shorter = min(span[1] - span[0], sum(e - s for s, e in parts))
    return shared > 0 and shared * 2 >= shorter


def name_words(name: str | None) -> list[str]:
    """Folded words of a name, leading articles/honorifics and possessives dropped."""
    toks = [_POSSESSIVE.sub("", t).strip(".-") for t in _WORD.findall(norm(name))]
    toks = [t for t in toks if t]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    while len(toks) > 1 and (toks[0] in _LEADING or toks[0] in _HONORIFICS):
        toks = toks[1:]
    return toks


def names(candidate: str | None, gold_speaker: str) -> bool:
    """``candidate`` names the gold speaker, or one of several listed there ("A, B and C")."""
    c = name_words(candidate)
    if not c or c[-1] in PRONOUNS:
        return False
    unnamed = bool(_UNNAMED & set(name_words(gold_speaker)))
    gold_speaker = _NOTE.sub("", gold_speaker).strip() or gold_speaker
    parts = [p for p in _SEPARATORS.split(gold_speaker) if p.strip()]
    # a description written with a qualifier after its head is read by its head part too
    raw = [w for w in _WORD.findall(candidate or "") if w.lower() not in _LEADING]
    head = _head_part(c) if raw and raw[0][:1].islower() else c
    for part in [gold_speaker, *parts] if len(parts) > 1 else [gold_speaker]:
        g = name_words(part)
        if len(c) == 1 and len(c[0]) >= 2 and c[0] == _initials(part):
            return True
        if unnamed or _description(part):  # a description is named by its head noun, not by a name inside it
            if _same_description(c, g):
                return True
            continue
        if g and c[-1] == g[-1] and (set(g) <= set(c) or all(t in g or len(t) == 1 for t in c)):
            return True
        if head and head != c and g and head[-1] == g[-1] and all(t in g for t in head):
            return True  # "the staff at Vale General" names "Vale General Hospital staff" as "the staff" does
    return False


def _description(name: str) -> bool:
    """A gold speaker that describes a source rather than naming it: its first word, past "a"/"an"/"the"
    and quantifiers, is lower-case ("unnamed analysts", "critics of the NRA"; "some Republicans" is a name), or
    it has a relative clause ("Republican state senators who pushed the bill")."""
    words = [w for w in _WORD.findall(name) if w.lower() not in _LEADING and w.lower() not in _QUANTIFIERS]
    # a relative clause describes its head ("Republican state senators who pushed the bill")
    return bool(words) and (words[0][:1].islower() or any(w in {"who", "whom", "which"} for w in words))


def _head_part(words: list[str]) -> list[str]:
    """A description's words up to its head noun: quantifiers, "unnamed" and the qualifiers after the
    head dropped ("an unnamed spokesman for X" -> ["spokesman"])."""
    words = [w for w in words if w not in _UNNAMED]
    while len(words) > 1 and (words[0] in _QUANTIFIERS | _LEADING or words[0].isdigit()):
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if i and w in _QUALIFYING), len(words))
    return words[:cut]


def _same_description(c: list[str], g: list[str]) -> bool:
    """The candidate describes the source as the gold does: the same head noun, and every word of the
    candidate's head phrase written in the gold ("a Ryan spokesman" and "an unnamed spokesman for Paul Ryan")."""
    ch, gh = _head_part(c), _head_part(g)
    return bool(ch and gh) and ch[-1] == gh[-1] and ch[-1] not in PRONOUNS and all(t in g for t in ch)


def _initials(name: str) -> str:
    """Initials of a name's capitalised words, folded ("National Rifle Association" -> "nra")."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’\-]*", name) if w[0].isupper()).casefold()


def is_named(text: str | None, body: str = "") -> bool:
    """A name or an organisation, not a pronoun or a bare role: a capitalised word that the article
    never writes lower-case and does capitalise mid-sentence (so a sentence-initial "Critics" is no name)."""
    toks = [_POSSESSIVE.sub("", t) for t in _WORD.findall(text or "") if t.lower() not in PRONOUNS and t.lower() not in _LEADING]
    lower = set(re.findall(r"\b[a-z][\w'’\-]*", body))
    return any(t[:1].isupper() and t.lower() not in lower and re.search(r"[a-z,;:]\s+" + re.escape(t), body) for t in toks)


def attributions_by_file(run: Any) -> dict[str, list[Attribution]]:
    """Gold file name -> the attributions found in its main article."""
    out: dict[str, list[Attribution]] = defaultdict(list)
    for an in run.analyses:
        if an.article in run.file_of:
            out[run.file_of[an.article]].extend(an.attributions)
    return out


def speaker_names(run: Any, resolve: bool) -> Callable[[Attribution], list[str]]:
    """The names a statement gives its speaker: as written only, or with resolution and entity."""
    entity = {e.id: [e.canonical, *e.aliases] for e in run.entities}

    def of(a: Attribution) -> list[str]:
        if not resolve:
            return [a.speaker]
        return [a.speaker, a.speaker_resolved or "", *entity.get(a.speaker_entity or "", [])]

    return of


def _score_file(body: str, quotes: list[dict[str, Any]], atts: list[Attribution],
                speakers: Callable[[Attribution], list[str]]) -> tuple[int, int, int]:
    """(located, found, with the right speaker) for one file's gold quotes."""
    folded = fold_map(body)
    located = found = right = 0
    for q in quotes:
        spans = locate(body, q["text"], folded)
        located += bool(spans)
        hits = [a for a in atts if any(overlaps(sp, a.content_spans()) for sp in spans)]
        found += bool(hits)
        right += any(names(n, q["speaker"]) for a in hits for n in speakers(a))
    return located, found, right


def tally(gold: dict[str, Any], run: Any, resolve: bool) -> dict[str, dict[str, int]]:
    """Per gold story: quotes, located, found, right speaker, statements and named statements."""
    atts = attributions_by_file(run)
    speakers = speaker_names(run, resolve)
    canonical = {e.id: e.canonical for e in run.entities}
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNTS, 0))
    for name, doc in gold["documents"].items():
        art = run.article_of.get(name)
        body = art.body if art is not None else ""
        t = out[str(doc.get("story") or name)]
        quotes = doc.get("quotes") or []
        located, found, right = _score_file(body, quotes, atts.get(name, []), speakers)
        t["quotes"] += len(quotes)
        t["located"] += located
        t["found"] += found
        t["right"] += right
        t["statements"] += len(atts.get(name, []))
        t["named"] += sum(bool(resolve and a.speaker_entity) or any(is_named(n, body) for n in speakers(a)[:2])
                          for a in atts.get(name, []))
        mine = atts.get(name, [])
        shown = shown_speakers(mine, {a.article: body for a in mine}, canonical) if resolve else [a.speaker for a in mine]
        t["bare"] += sum(is_bare(s, body, canonical.get(a.speaker_entity or "") if resolve else None)
                         for a, s in zip(mine, shown))
    return dict(out)


def _row(system: str, t: dict[str, int]) -> dict[str, Any]:
    share = lambda a, b: a / b if b else 0.0  # noqa: E731
    return {"system": system, "quotes": t["quotes"], "located": t["located"], "found": t["found"],
            "found_share": share(t["found"], t["quotes"]), "right_speaker": t["right"],
            "right_speaker_share": share(t["right"], t["quotes"]), "statements": t["statements"],
            "named_share": share(t["named"], t["statements"]), "bare_share": share(t["bare"], t["statements"])}


def _total(per_story: dict[str, dict[str, int]]) -> dict[str, int]:
    return {k: sum(t[k] for t in per_story.values()) for k in _COUNTS}


def score(gold: dict[str, Any], careful: Any, hurried: Any) -> list[EvalTable]:
    """Overall table (careful and hurried, each with its as-written baseline) and a per-event table."""
    (c_res, c_raw), (h_res, h_raw) = ((tally(gold, r, True), tally(gold, r, False)) for r in (careful, hurried))
    table = EvalTable("coverage", "Coverage: statements found with the right speaker", "gold.json quotes", METRICS)
    table.rows += [_row("rashomon (careful)", _total(c_res)), _row("rashomon (hurried)", _total(h_res)),
                   _row("baseline: speaker as written (careful)", _total(c_raw)),
                   _row("baseline: speaker as written (hurried)", _total(h_raw))]
    table.notes += [
        "found = a reported statement overlaps the gold quote (half the shorter span); located = the gold text was found in the extracted body",
        "right speaker: speaker as written, resolved speaker or the speaker entity's names name the gold speaker (surname level)",
        "named_share: reported statements whose speaker is a name or organisation, not a pronoun or bare role",
        "bare_share: reported statements whose shown speaker is a pronoun, a bare role noun or empty",
    ]
    per_event = EvalTable("coverage", "Coverage: statements per event (careful run)", "gold.json quotes",
                          ["quotes", "found", "right_speaker", "right_speaker_share", "baseline_right", "hurried_right", "named_share"])
    for story in sorted(s for s, t in c_res.items() if t["quotes"]):
        t = c_res[story]
        per_event.rows.append({"system": story, "quotes": t["quotes"], "found": t["found"], "right_speaker": t["right"],
                               "right_speaker_share": t["right"] / t["quotes"], "baseline_right": c_raw[story]["right"],
                               "hurried_right": h_res.get(story, {}).get("right", 0),
                               "named_share": t["named"] / t["statements"] if t["statements"] else 0.0})
    return [table, per_event]
