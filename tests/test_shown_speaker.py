"""The speaker a reader is shown: a name, else what the text says, never a bare pronoun; statements
with no named speaker grouped apart ("Unnamed sources") in `rashomon quotes`, `rashomon show`, the
story page and the article record. All text invented for these tests; records written straight
through the store (no NLP)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from rashomon.cli import main
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Mention, Story
from rashomon.resolve import Resolution
from rashomon.shown_speaker import UNNAMED_HEADING, is_bare, is_named, shown_speaker
from rashomon.store import Store
from rashomon.web import create_app

BODY = ("Harbour master Lise Ombrell said the breakwater had shifted overnight. "
        "A senior engineer at the Tarrow port authority said the cracks were years old. "
        "The engineer added that repairs would take a month. "
        "It said the ferry berth would stay open. "
        "Critics said the inspection had come too late. "
        "They warned that the next storm could breach the wall.")


def _att(aid: str, speaker: str, content: str, resolved: str | None = None, cue: str = "said") -> Attribution:
    s = BODY.index(speaker) if speaker else BODY.index(content)
    c = BODY.index(content)
    cue_at = BODY.index(cue, s)
    return Attribution(aid, speaker, s, s + len(speaker), cue, cue_at, cue_at + len(cue), "indirect", content,
                       c, c + len(content), s, c + len(content), speaker_resolved=resolved or speaker or None)


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, dict[str, str]]:
    path = tmp_path / "harbour.db"
    art = Article(source="pier/breakwater.html#main", page_source="pier/breakwater.html", title="Breakwater shifts at Tarrow",
                  outlet="Tarrow Tide", published="2033-02-10", body=BODY)
    atts = [
        _att(art.id, "Harbour master Lise Ombrell", "the breakwater had shifted overnight"),
        _att(art.id, "A senior engineer at the Tarrow port authority", "the cracks were years old"),
        _att(art.id, "The engineer", "repairs would take a month", cue="added"),
        _att(art.id, "It", "the ferry berth would stay open"),
        _att(art.id, "Critics", "the inspection had come too late"),
        _att(art.id, "They", "the next storm could breach the wall", cue="warned"),
    ]
    o = BODY.index("Lise Ombrell")
    analysis = ArticleAnalysis(art.id, mentions=[Mention(art.id, o, o + 12, "Lise Ombrell", "PERSON")], attributions=atts,
                               sentences=[])
    story = Story("st-harbour", "Breakwater shifts at Tarrow", [art.id], "2033-02-10", "2033-02-10")
    with Store.open(path) as store:
        store.add_page_articles("hash-harbour", art.page_source, [art])
        store.save_analysis([analysis])
        store.replace_entities(Resolution(
            entities=[Entity("e-ombrell", "Lise Ombrell", "PERSON", ["Lise Ombrell"])],
            mention_entity={(art.id, o, o + 12): "e-ombrell"},
            speaker_entity={(art.id, atts[0].speaker_start, atts[0].speaker_end): "e-ombrell"},
        ))
        store.save_stories([story], grouped=[art.id])
    return str(path), {"article": art.id, "story": story.id}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_shown_speaker_is_a_name_or_the_texts_description_never_a_bare_pronoun() -> None:
    atts = {a.speaker: a for a in [
        _att("x", "The engineer", "repairs would take a month", cue="added"),
        _att("x", "It", "the ferry berth would stay open"),
        _att("x", "Critics", "the inspection had come too late"),
        _att("x", "They", "the next storm could breach the wall", cue="warned"),
    ]}
    assert shown_speaker(atts["The engineer"], BODY) == "a senior engineer at the Tarrow port authority"
    assert shown_speaker(atts["It"], BODY) == "unnamed source"
    assert shown_speaker(atts["Critics"], BODY) == "unnamed critics"
    assert shown_speaker(atts["They"], BODY) == "unnamed sources"
    resolved = _att("x", "They", "the next storm could breach the wall", resolved="the harbour users' association", cue="warned")
    assert shown_speaker(resolved, BODY) == "the harbour users' association"
    assert shown_speaker(_att("x", "", "the ferry berth would stay open"), BODY) == "unnamed source"
    assert shown_speaker(atts["It"], BODY, entity="Lise Ombrell") == "Lise Ombrell"
    for text in ("", "it", "They", "the engineer", "Critics", "several engineers"):
        assert is_bare(text, BODY), text
    for text in ("unnamed critics", "a senior engineer at the Tarrow port authority", "Lise Ombrell"):
        assert not is_bare(text, BODY), text
    assert is_named("Lise Ombrell", body=BODY) and not is_named("a senior engineer at the Tarrow port authority", body=BODY)


def test_cli_quotes_groups_unnamed_sources_apart_with_their_descriptions(db) -> None:
    path, _ = db
    out = _run("quotes", "--db", path)
    named, _, unnamed = out.partition(UNNAMED_HEADING)
    assert "Lise Ombrell" in named and "shifted overnight" in named
    for said in ("years old", "take a month", "stay open", "too late", "breach the wall"):
        assert said in unnamed and said not in named, said
    assert "a senior engineer at the Tarrow port authority (indirect, added)" in unnamed
    assert "unnamed critics (indirect, said)" in unnamed and "unnamed source (indirect, said)" in unnamed
    for line in out.splitlines():
        if "(indirect" in line:
            assert not is_bare(line.strip().split(" (indirect")[0], BODY), line
    rows = json.loads(_run("quotes", "--db", path, "--json"))
    assert all(r["speaker_shown"] and not is_bare(r["speaker_shown"], BODY, r["speaker_entity_name"]) for r in rows)
    assert [r["speaker_named"] for r in rows] == [True, False, False, False, False, False]


def test_cli_show_lists_unnamed_sources_last_not_under_a_named_speaker(db) -> None:
    path, ids = db
    out = _run("show", ids["story"], "--db", path)
    who = out.split("Who said what", 1)[1].split("Contested questions", 1)[0]
    named, _, unnamed = who.partition(UNNAMED_HEADING)
    assert "Lise Ombrell" in named and "take a month" in unnamed and "take a month" not in named
    assert "a senior engineer at the Tarrow port authority, added" in unnamed


def test_web_story_page_puts_unnamed_sources_under_their_own_heading(db) -> None:
    path, ids = db
    client = TestClient(create_app(path, token=None), base_url="http://127.0.0.1")
    html = client.get(f"/stories/{ids['story']}").text
    who = html.split('id="who"', 1)[1].split("</section>", 1)[0]
    groups = who.split('<div class="speaker-group')[1:]
    assert len(groups) == 2 and "Lise Ombrell" in groups[0] and UNNAMED_HEADING in groups[1]
    assert "take a month" in groups[1] and "take a month" not in groups[0]
    assert "a senior engineer at the Tarrow port authority" in groups[1] and "unnamed critics" in groups[1]
    assert "<h3>It" not in who and "<h3>The engineer" not in who
    record = client.get(f"/api/articles/{ids['article']}").json()
    assert [t["speaker_shown"] for t in record["attributions"]][2:] == [
        "a senior engineer at the Tarrow port authority", "unnamed source", "unnamed critics", "unnamed sources"]
