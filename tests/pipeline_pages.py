"""Invented news pages for the store, pipeline, CLI and export tests (all text written for them)."""

from __future__ import annotations

import random
from pathlib import Path

TOWNS = ["Marrowick", "Sallowfen", "Brindlecombe", "Quarrytown", "Elsbury", "Hatherleigh Vale", "Ockmoor", "Tullavern"]
PEOPLE = ["Odile Varga", "Tomasz Prell", "Ines Holloway", "Gideon Achterberg", "Mirela Szabo", "Kwame Oduya",
          "Henrike Baes", "Lucian Dobrev"]
OUTLETS = ["The Fenland Courier", "Vale Ledger", "Northmarch Daily", "Ockmoor Echo"]
EVENTS = ["a footbridge collapse", "a chemical spill at the tannery", "the closure of the maternity ward",
          "a contested harbour lease", "a strike at the bus depot", "the sale of the old mill",
          "a landslide on the quarry road", "missing ballot boxes"]
VERBS = ["said", "told reporters", "insisted", "claimed", "warned", "added"]
DETAILS = [
    "Engineers had inspected the structure in the spring and found corrosion along its eastern pylons.",
    "Residents said the warning signs had been ignored for months before anyone acted.",
    "The council has promised an independent review, to be published before the end of the year.",
    "Opposition members called the response slow and demanded that the records be released in full.",
    "Local businesses reported losses as deliveries were diverted through the hill villages.",
    "A spokesperson for the regional authority declined to comment on the timeline of repairs.",
    "Volunteers set up a help desk in the library, where families could ask about compensation.",
    "Insurance assessors are expected to visit every affected household over the coming weeks.",
]


def page_html(i: int) -> str:
    """A distinct invented article page with site furniture around it."""
    rng = random.Random(i)
    town, event, outlet = TOWNS[i % len(TOWNS)], EVENTS[(i * 3) % len(EVENTS)], OUTLETS[i % len(OUTLETS)]
    a, b = rng.sample(PEOPLE, 2)
    paras = [
        f"Officials in {town} confirmed on Tuesday that {event} had left {i + 7} households without access "
        f"to the main road, and that report number {1000 + i} had been sent to the regional inspector.",
        f"\u201cWe knew about the risk and we told the council twice,\u201d {a} {rng.choice(VERBS)}, "
        f"speaking outside the town hall where about {20 + i} people had gathered on the {i % 28 + 1}th.",
        f"{b}, who chairs the works committee, {rng.choice(VERBS)} that the repairs had been scheduled "
        f"for the autumn and that no warning had reached the committee before case {i}.",
        *rng.sample(DETAILS, 4),
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{town}: questions over {event} (case {i}) | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="2031-03-{i % 27 + 1:02d}T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{town}: questions over {event} (case {i})</h1>
{body}
</article>
<footer>Copyright {outlet}. Subscribe to our newsletter.</footer>
</body></html>
"""


def write_pages(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"page_{i:03d}.html"
        p.write_text(page_html(i), encoding="utf-8")
        paths.append(p)
    return paths


def fill_store(db: Path) -> dict[str, str]:
    """A small analysed corpus written straight through the store API (no NLP): two outlets,
    one story, one contested question. Returns the ids the tests look up."""
    from rashomon.compare import StoryReport
    from rashomon.model import (Article, ArticleAnalysis, Attribution, Claim, Entity, Framing, Mention, Question,
                                Side, Story, Timex)
    from rashomon.resolve import Resolution
    from rashomon.store import Store

    body_a = ("Mayor Odile Varga said the footbridge was sound. "
              "On 3 March 2031 engineers closed it, Mayor Varga added.")
    body_b = "Engineer Tomasz Prell denied that the footbridge was sound, calling the claim unfounded."
    a = Article(source="ledger/bridge.html#main", page_source="ledger/bridge.html", title="Footbridge row in Marrowick",
                outlet="Vale Ledger", published="2031-03-04", body=body_a, headings=["What happened"])
    b = Article(source="courier/bridge.html#main", page_source="courier/bridge.html", title="Engineer rejects mayor's claim",
                outlet="The Fenland Courier", published="2031-03-05", body=body_b)
    t = Article(source="courier/bridge.html#teaser-1", page_source="courier/bridge.html", kind="teaser",
                parent=b.source, title="Harbour lease vote", outlet="The Fenland Courier", body="Councillors vote today.")
    v1, v2, p = body_a.index("Odile Varga"), body_a.index("Mayor Varga"), body_b.index("Tomasz Prell")
    day = body_a.index("3 March 2031")
    ana_a = ArticleAnalysis(
        a.id,
        mentions=[Mention(a.id, v1, v1 + 11, "Odile Varga", "PERSON"), Mention(a.id, v2 + 6, v2 + 11, "Varga", "PERSON")],
        attributions=[Attribution(a.id, "Mayor Odile Varga", 0, 17, "said", 18, 22, "indirect",
                                  "the footbridge was sound", 23, 47, 0, 48)],
        timexes=[Timex(a.id, day, day + 12, "3 March 2031", "DATE", "2031-03-03")],
        sentences=[(0, 48), (49, len(body_a))],
    )
    ana_b = ArticleAnalysis(
        b.id,
        mentions=[Mention(b.id, p, p + 12, "Tomasz Prell", "PERSON")],
        attributions=[Attribution(b.id, "Engineer Tomasz Prell", 0, 21, "denied", 22, 28, "indirect",
                                  "the footbridge was sound", 34, 58, 0, len(body_b), markers=["unfounded"],
                                  status="denied")],
        sentences=[(0, len(body_b))],
    )
    story = Story("st-bridge", "Footbridge row in Marrowick", [a.id, b.id], "2031-03-04", "2031-03-05")
    report = StoryReport(
        story.id,
        claims=[Claim(story.id, a.id, "the footbridge was sound", 23, 47, "attributed", "Odile Varga", "e-varga",
                      "council", "q1", "sound", 1, id="c1"),
                Claim(story.id, b.id, "the footbridge was sound", 34, 58, "denied", "Tomasz Prell", "e-prell",
                      "engineers", "q1", "not sound", 1, id="c2")],
        questions=[Question("q1", story.id, "Was the footbridge sound?", True, "denial",
                            [Side("sound", ["c1"], ["Odile Varga"], ["Vale Ledger"]),
                             Side("not sound", ["c2"], ["Tomasz Prell"], ["The Fenland Courier"])])],
        framing=[Framing(story.id, "Vale Ledger", {"Odile Varga": ["Odile Varga", "Varga"]}, 0.0, {"council": 1}, 0.1, 1),
                 Framing(story.id, "The Fenland Courier", {}, 1.0, {"engineers": 1}, -0.3, 1)],
    )
    with Store.open(db) as store:
        store.add_page_articles("hash-a", a.page_source, [a])
        store.add_page_articles("hash-b", b.page_source, [b, t])
        store.save_analysis([ana_a, ana_b, ArticleAnalysis(t.id)])
        store.replace_entities(Resolution(
            entities=[Entity("e-varga", "Odile Varga", "PERSON", ["Odile Varga", "Varga"]),
                      Entity("e-prell", "Tomasz Prell", "PERSON", ["Tomasz Prell"])],
            mention_entity={(a.id, v1, v1 + 11): "e-varga", (a.id, v2 + 6, v2 + 11): "e-varga",
                            (b.id, p, p + 12): "e-prell"},
            speaker_entity={(a.id, 0, 17): "e-varga", (b.id, 0, 21): "e-prell"},
        ))
        store.save_stories([story, Story("st-lease", "Harbour lease vote", [t.id])], grouped=[a.id, b.id, t.id])
        store.save_story_report(report)
    return {"a": a.id, "b": b.id, "teaser": t.id, "story": story.id}
