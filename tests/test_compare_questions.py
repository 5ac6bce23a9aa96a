"""compare: claims, questions, contested sides, corroboration and framing on hand-built records.

The model is not the point here, so analyses are built by hand (STYLE.md item 8) over an
invented story: two miners died in a fictional republic; officials of two states disagree.
"""

from __future__ import annotations

import re

from rashomon.compare import compare_story
from rashomon.compare.questions import frame_of, polarity
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Mention, Story

BODY_A = (
    "Two Velorian miners died in custody in Port Amsel on Tuesday. "
    "Ostrian prosecutors said one of the men suffered a heart attack during questioning. "
    "Velorian Interior Ministry spokesman Tomas Brell said police beat the miners to death. "
    "Brell added that 40 miners had been detained."
)
BODY_B = (
    "The Velorian government said the men were tortured and killed by guards, "
    "while Ostrian authorities claimed they died of natural causes. "
    "Ostrian police said 12 miners had been detained. "
    "Ostrian officials called the torture allegations unfounded."
)
BODY_C = BODY_B.replace("The Velorian government", "The government of Veloria")  # a syndicated rewrite


def _span(body: str, text: str) -> tuple[int, int]:
    i = body.index(text)
    return i, i + len(text)


def _att(aid: str, body: str, speaker: str, cue: str, content: str, kind: str = "indirect",
         status: str = "attributed", resolved: str | None = None, entity: str | None = None) -> Attribution:
    ss, se = _span(body, speaker)
    cs, ce = _span(body, cue)
    ts, te = _span(body, content)
    sent = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", body)]
    s0 = max(s for s, _ in sent if s <= ts)
    s1 = min(e for _, e in sent if e >= te)
    return Attribution(article=aid, speaker=speaker, speaker_start=ss, speaker_end=se, cue=cue, cue_start=cs,
                       cue_end=ce, kind=kind, content=content, content_start=ts, content_end=te,
                       sentence_start=s0, sentence_end=s1, speaker_resolved=resolved,
                       speaker_entity=entity, status=status)  # type: ignore[arg-type]


def _sentences(body: str) -> list[tuple[int, int]]:
    return [(m.start() + (len(m.group()) - len(m.group().lstrip())), m.end()) for m in re.finditer(r"[^.]+\.", body)]


def _mentions(aid: str, body: str, names: dict[str, tuple[str, str]]) -> list[Mention]:
    out = []
    for text, (label, ent) in names.items():
        for m in re.finditer(re.escape(text), body):
            out.append(Mention(article=aid, start=m.start(), end=m.end(), text=text, label=label, entity=ent))
    return out


def _corpus():
    a = Article(source="pulse.html#main", page_source="pulse.html", title="Miners die in custody",
                outlet="Harbour Pulse", body=BODY_A, published="2026-03-10")
    b = Article(source="ledger.html#main", page_source="ledger.html", title="Custody deaths row",
                outlet="Northern Ledger", body=BODY_B, published="2026-03-11")
    c = Article(source="echo.html#main", page_source="echo.html", title="Custody deaths row",
                outlet="Valley Echo", body=BODY_C, published="2026-03-12", near_duplicate_of="ledger.html#main")
    names = {"Velorian": ("NORP", "e-vel"), "Ostrian": ("NORP", "e-ost"), "Port Amsel": ("GPE", "e-port"),
             "Tomas Brell": ("PERSON", "e-brell"), "Veloria": ("GPE", "e-veloria")}
    an_a = ArticleAnalysis(article=a.id, sentences=_sentences(BODY_A), mentions=_mentions(a.id, BODY_A, names),
                           attributions=[
                               _att(a.id, BODY_A, "Ostrian prosecutors", "said",
                                    "one of the men suffered a heart attack during questioning"),
                               _att(a.id, BODY_A, "Velorian Interior Ministry spokesman Tomas Brell", "said police",
                                    "police beat the miners to death", entity="e-brell"),
                               _att(a.id, BODY_A, "Brell", "added", "40 miners had been detained", entity="e-brell"),
                           ])
    analyses = [an_a]
    for art, body in ((b, BODY_B), (c, BODY_C)):
        gov = "The Velorian government" if art is b else "The government of Veloria"
        analyses.append(ArticleAnalysis(
            article=art.id, sentences=_sentences(body), mentions=_mentions(art.id, body, names),
            attributions=[
                _att(art.id, body, gov, "said", "the men were tortured and killed by guards"),
                _att(art.id, body, "Ostrian authorities", "claimed", "they died of natural causes"),
                _att(art.id, body, "Ostrian police", "said", "12 miners had been detained"),
                _att(art.id, body, "Ostrian officials", "called", "the torture allegations unfounded",
                     status="denied"),
            ]))
    entities = [Entity("e-vel", "Velorians", "NORP", ["Velorian"]), Entity("e-ost", "Ostrians", "NORP", ["Ostrian"]),
                Entity("e-brell", "Tomas Brell", "PERSON", ["Tomas Brell", "Brell"]),
                Entity("e-veloria", "Veloria", "GPE", ["Veloria"]), Entity("e-port", "Port Amsel", "GPE", [])]
    story = Story(id="s1", title="Miners", articles=[a.id, b.id, c.id])
    return story, [a, b, c], analyses, entities


def test_compare_frames_and_polarity_on_invented_text() -> None:
    assert frame_of("the prisoner died of a heart attack").name == "death"
    assert frame_of("the group ran a drug trafficking ring").name == "criminality"
    assert frame_of("the weather was mild") is None
    assert polarity("the allegations were unfounded") == "no"
    assert polarity("access had been previously denied") == "yes"
    assert polarity("only one of them had a conviction") == "no"


def test_compare_cause_of_death_is_contested_with_both_sides() -> None:
    report = compare_story(*_corpus())
    death = [q for q in report.questions if q.summary.startswith("How did")]
    assert len(death) == 1 and death[0].contested
    claims = {c.id: c for c in report.claims}
    sides = {s.position: " | ".join(claims[i].text for i in s.claims) for s in death[0].sides}
    assert "heart attack" in sides["natural causes or illness"]
    assert "natural causes" in sides["natural causes or illness"]
    assert "beat the miners to death" in sides["killed by violence"]
    assert "tortured and killed" in sides["killed by violence"]


def test_compare_counts_and_sides_of_officials() -> None:
    report = compare_story(*_corpus())
    counts = [q for q in report.questions if q.summary.startswith("How many")]
    assert counts and counts[0].contested and {s.position for s in counts[0].sides} == {"40 miner", "12 miner"}
    brell = [c for c in report.claims if c.speaker == "Tomas Brell"]
    assert brell and all(c.side == "Veloria" for c in brell)  # the demonym maps to the story's country
    ostrian = [c for c in report.claims if c.speaker == "Ostrian prosecutors"]
    assert ostrian[0].side == "Ostrians"  # no country named: the group's own name


def test_compare_rewrites_count_once_in_corroboration() -> None:
    report = compare_story(*_corpus())
    natural = [c for c in report.claims if c.text == "they died of natural causes"]
    # Carried by the Ledger and by its syndicated copy in the Echo: one independent outlet.
    assert natural and all(c.corroboration == 1 for c in natural)
    detained = [c for c in report.claims if "been detained" in c.text]
    assert max(c.corroboration for c in detained) >= 2  # Pulse and Ledger both report detentions


def test_compare_framing_per_outlet() -> None:
    report = compare_story(*_corpus())
    by_outlet = {f.outlet: f for f in report.framing}
    assert set(by_outlet) == {"Harbour Pulse", "Northern Ledger", "Valley Echo"}
    assert by_outlet["Northern Ledger"].hedged_share > 0  # it carries a denial
    assert by_outlet["Harbour Pulse"].tone < 0
    assert by_outlet["Northern Ledger"].statements == 4
