"""Statements in the standfirst (dek): analysed as their own text, stored with part="dek", their speaker
linked to the person the body names, shown on the article and story pages, in `quotes` and in the export,
and picked up by `rashomon analyze` in a database written before the part column existed.

Every text here is invented for these tests (a fire at a varnish factory).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from rashomon.cli import main
from rashomon.config import default_options
from rashomon.model import Article
from rashomon.store import MIGRATIONS, Store
from rashomon.web import create_app

DEK = ("The blaze spread through the varnish store in minutes because the sprinklers had been switched off "
       "for repairs, Prenn said on Thursday.")
SAID = "The blaze spread through the varnish store in minutes because the sprinklers had been switched off for repairs"
BODY_PARAS = [
    "A fire tore through the Corrow Lane varnish factory in Tillbury on Wednesday night, forcing the evacuation "
    "of forty workers from the night shift and closing the ring road until dawn.",
    "Halvard Prenn, who manages the plant, told reporters that every worker had been accounted for and that two "
    "were treated for smoke inhalation at the county hospital.",
    "\u201cThe night shift did exactly what they had drilled for,\u201d said Marit Ostby, the fire brigade's "
    "station officer. \u201cNobody went back in for their belongings.\u201d",
    "Inspectors from the regional safety board are expected to visit the site on Monday.",
]
BODY = "\n\n".join(BODY_PARAS)


def _page() -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in BODY_PARAS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Fire guts varnish factory in Tillbury | Tillbury Gazette</title>
<meta name="description" content="{DEK}">
<meta property="og:site_name" content="Tillbury Gazette">
<meta property="article:published_time" content="2031-05-08T07:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Fire guts varnish factory in Tillbury</h1>
{paras}
</article>
<footer>Copyright Tillbury Gazette.</footer>
</body></html>
"""


@pytest.fixture(scope="module")
def fire_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the invented factory-fire page, ingested as a user would."""
    from rashomon.pipeline import ingest

    folder = tmp_path_factory.mktemp("fire")
    page = folder / "varnish-fire.html"
    page.write_text(_page(), encoding="utf-8")
    db = str(folder / "fire.db")
    report = ingest([str(page)], default_options(db=db))
    assert not report.failures, report.failures
    return db


def _main(store: Store) -> tuple[Article, object]:
    (art,) = [a for a in store.articles() if a.kind == "article"]
    (analysis,) = store.analyses([art.id])
    return art, analysis


def test_dek_statement_is_found_with_its_offsets_into_the_dek_and_its_speaker_linked(fire_db: str) -> None:
    with Store.open(fire_db) as store:
        art, analysis = _main(store)
        entities = {e.id: e for e in store.entities()}
    assert art.dek == DEK
    (t,) = [t for t in analysis.dek_attributions if SAID.lower() in t.content.lower()]
    assert t.part == "dek"
    assert art.dek[t.content_start:t.content_end] == t.content
    assert art.dek[t.speaker_start:t.speaker_end] == t.speaker == "Prenn"
    assert art.dek[t.cue_start:t.cue_end] == t.cue
    assert t.speaker_entity is not None and entities[t.speaker_entity].canonical == "Halvard Prenn"
    # the body's own statements stay the body's, their offsets into the body
    assert all(a.part == "body" for a in analysis.attributions)
    assert all(art.body[a.content_start:a.content_end] == a.content for a in analysis.attributions)
    assert not any(SAID.lower() in a.content.lower() for a in analysis.attributions)


def test_dek_leaves_the_body_analysis_as_it_was(nlp) -> None:
    from rashomon.analyze import analyze_articles

    options = default_options()
    with_dek = Article(source="fire.html#main", page_source="fire.html", title="Fire", dek=DEK, body=BODY,
                       published="2031-05-08")
    without = Article(source="fire2.html#main", page_source="fire2.html", title="Fire", body=BODY,
                      published="2031-05-08")
    a, b = analyze_articles([with_dek, without], nlp, options)

    def spans(x):
        return ([(t.speaker_start, t.speaker_end, t.cue_start, t.content_start, t.content_end, t.content, t.part)
                 for t in x.attributions], [(m.start, m.end, m.text) for m in x.mentions],
                [(t.start, t.end, t.value) for t in x.timexes], x.sentences)

    assert spans(a) == spans(b)
    assert a.dek_attributions and not b.dek_attributions
    assert all(t.article == with_dek.id for t in a.dek_attributions)


def test_dek_statement_shown_on_the_article_page_and_the_story_page(fire_db: str) -> None:
    with Store.open(fire_db) as store:
        art, _ = _main(store)
        story = store.article_story(art.id)
    client = TestClient(create_app(fire_db, token="s3cret"), base_url="http://127.0.0.1")
    html = client.get(f"/articles/{art.id}").text
    dek = html.split('id="dek"', 1)[1].split("</p>", 1)[0]
    assert 'class="stmt"' in dek and SAID.split()[-1] in dek  # the statement marked inside the standfirst
    assert "(standfirst)" in html and 'href="#dek"' in html  # and listed with the statements
    assert story is not None
    page = client.get(f"/stories/{story}").text
    assert f'href="/articles/{art.id}#dek"' in page
    assert "Halvard Prenn" in page.split(f'href="/articles/{art.id}#dek"', 1)[0]  # under the named speaker


def test_dek_statement_in_the_export_and_in_quotes(fire_db: str) -> None:
    out = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", fire_db])
    assert out.exit_code == 0, out.output
    (rec,) = [r for r in map(json.loads, out.stdout.splitlines()) if r["kind"] == "article"]
    (t,) = [t for t in rec["dek_attributions"] if SAID.lower() in t["content"].lower()]
    assert t["part"] == "dek" and rec["dek"][t["start"]:t["end"]] == t["content"]
    assert t["speaker_entity"] == "Halvard Prenn"
    assert rec["attributions"] and all(a["part"] == "body" and rec["body"][a["start"]:a["end"]] == a["content"]
                                       for a in rec["attributions"])
    quotes = CliRunner().invoke(main, ["quotes", "--db", fire_db, "--speaker", "prenn", "--json"])
    assert quotes.exit_code == 0, quotes.output
    dek_rows = [q for q in json.loads(quotes.stdout) if q["part"] == "dek"]
    assert len(dek_rows) == 1 and dek_rows[0]["speaker_entity_name"] == "Halvard Prenn"
    text = CliRunner().invoke(main, ["quotes", "--db", fire_db, "--speaker", "prenn"]).stdout
    assert "standfirst" in text and "sprinklers" in text


def test_a_database_from_before_the_part_column_upgrades_and_analyze_reads_the_dek(tmp_path: Path, monkeypatch) -> None:
    import rashomon.store.schema as schema
    from rashomon.pipeline import analyze_stored

    step = [name for name, _ in MIGRATIONS].index("0013_attribution_part")
    db = tmp_path / "old.db"
    art = Article(source="fire.html#main", page_source="fire.html", title="Fire guts varnish factory", dek=DEK,
                  body=BODY, published="2031-05-08", outlet="Tillbury Gazette")
    monkeypatch.setattr(schema, "MIGRATIONS", MIGRATIONS[:step])  # the release before the part column
    with Store.open(db) as store:
        store.add_page_articles("h1", art.page_source, [art])
    conn = sqlite3.connect(db)  # an analysis written by that release: no part column
    conn.execute("INSERT INTO analyses (article, sentences, analyzed_at) VALUES (?, '[]', '2031-05-08')", (art.id,))
    start = BODY.index("every worker")
    conn.execute(
        "INSERT INTO attributions (article, speaker, speaker_start, speaker_end, cue, cue_start, cue_end, kind, content, "
        "content_start, content_end, sentence_start, sentence_end) VALUES (?, 'Halvard Prenn', ?, ?, 'told', ?, ?, "
        "'speech', ?, ?, ?, 0, 0)",
        (art.id, BODY.index("Halvard"), BODY.index("Halvard") + 13, BODY.index("told"), BODY.index("told") + 4,
         BODY[start:start + 30], start, start + 30))
    conn.commit()
    conn.close()
    monkeypatch.setattr(schema, "MIGRATIONS", MIGRATIONS)
    with Store.open(db) as store:
        assert "0013_attribution_part" in store.migrations()
        (old,) = store.analyses([art.id])
        assert [t.part for t in old.attributions] == ["body"] and old.dek_attributions == []
    analyze_stored(default_options(db=str(db)))
    with Store.open(db) as store:
        (new,) = store.analyses([art.id])
    (t,) = [t for t in new.dek_attributions if SAID.lower() in t.content.lower()]
    assert DEK[t.content_start:t.content_end] == t.content and t.speaker_entity is not None
    assert all(t.part == "body" for t in new.attributions)


def test_a_dek_speaker_link_never_lands_on_a_body_statement_at_the_same_offsets(tmp_path: Path) -> None:
    from rashomon.model import ArticleAnalysis, Attribution, Entity, Resolution

    art = Article(source="f.html#main", page_source="f.html", title="Fire", dek="Prenn said the doors held.",
                  body="Ostby said the doors held.")

    def said(part: str, speaker: str) -> Attribution:
        return Attribution(art.id, speaker, 0, 5, "said", 6, 10, "speech", "the doors held", 11, 25, 0, 26, part=part)

    with Store.open(tmp_path / "s.db") as store:
        store.add_page_articles("h", art.page_source, [art])
        store.save_analysis([ArticleAnalysis(art.id, attributions=[said("body", "Ostby")],
                                             dek_attributions=[said("dek", "Prenn")])])
        store.replace_entities(Resolution([Entity("e1", "Halvard Prenn", "PERSON")],
                                          dek_speaker_entity={(art.id, 0, 5): "e1"}))
        (x,) = store.analyses([art.id])
    assert [(t.speaker, t.speaker_entity) for t in x.dek_attributions] == [("Prenn", "e1")]
    assert [(t.speaker, t.speaker_entity) for t in x.attributions] == [("Ostby", None)]
