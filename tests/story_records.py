"""Hand-built records of an invented story (two miners die in custody; two states disagree).

The model is not the point where these are used, so analyses are built by hand (STYLE.md item 8).
``extra_text`` lets a test plant hostile text in every field a page renders.
"""

from __future__ import annotations

import re

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
        for m in re.finditer(r"\b" + re.escape(text) + r"\b", body):
            out.append(Mention(article=aid, start=m.start(), end=m.end(), text=text, label=label, entity=ent))
    return out


def miners_corpus(extra_text: str = ""):
    a = Article(source="pulse.html#main", page_source="pulse.html", title="Miners die in custody" + extra_text,
                outlet="Harbour Pulse", body=BODY_A + extra_text, published="2026-03-10",
                furniture=["Subscribe to the Pulse" + extra_text])
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




def store_pier_page(db: str) -> Article:
    """Store one invented page whose source URL has a fragment: the article page must link the page itself."""
    from rashomon.model import content_hash
    from rashomon.store import Store

    a = Article(source="https://news.example.org/pier-reopens#main", page_source="https://news.example.org/pier-reopens",
                title="Pier reopens", outlet="Coast Post", body="The pier reopened on Monday.",
                url="https://news.example.org/pier-reopens")
    with Store.open(db) as store:
        store.add_page_articles(content_hash(a.body), a.page_source, [a])
    return a


def build_long_timeline_db(tmp_path) -> dict:
    """The invented story with twenty more sentences in its first article, each dated on a day of its
    own: a timeline long enough to fold."""
    from conftest import build_story_db
    from rashomon.model import Timex
    from rashomon.store import Store

    db = build_story_db(tmp_path / "long.db", extra_text="".join(f" Crew {k} was seen on the quay." for k in range(20)))
    with Store.open(db["db"]) as store:
        art = store.article(db["articles"][0].id)
        analysis = store.analyses([art.id])[0]
        analysis.sentences = [(m.start(), m.end()) for m in re.finditer(r"[^. ][^.]*\.", art.body)]
        analysis.timexes = [Timex(art.id, s, s + 3, art.body[s:s + 3], "DATE", f"2026-03-{k + 1:02d}")
                            for k, (s, _) in enumerate(analysis.sentences)]
        store.save_analysis([analysis])
    return db
