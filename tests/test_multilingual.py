"""Pages in other languages: language detection, and grouping into the English story they belong to.

Fixtures (tests/fixtures/multilingual/pages.jsonl) are invented: a ferry capsizing off Velmora told
in English, Russian, Spanish and German over three weeks, and a ferry sinking of the same kind at
Port Ashby (English and Spanish) that must stay apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.config import default_options
from rashomon.extract.language import article_language, detect_language
from rashomon.stories import StoryDoc, StoryIndex, assign_stories, regroup
from rashomon.stories import crosslingual

PAGES = [json.loads(line) for line in (Path(__file__).parent / "fixtures" / "multilingual" / "pages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def _docs() -> list[StoryDoc]:
    return [StoryDoc(article=p["id"], source=p["id"], kind="article", title=p["title"], body=p["body"],
                     published=p["published"], outlet=p["outlet"]) for p in PAGES]


def _events(index: StoryIndex) -> dict[str, set[str]]:
    """Gold event -> the set of story ids its pages were put in."""
    out: dict[str, set[str]] = {}
    for p in PAGES:
        out.setdefault(p["event"], set()).add(index.story_of(p["id"]))
    return out


@pytest.mark.parametrize("page", PAGES, ids=[p["id"] for p in PAGES])
def test_detects_each_pages_language(page: dict) -> None:
    code, prob = detect_language(page["title"] + "\n" + page["body"])
    assert code == page["language"] and prob > 0.9


def test_declared_language_kept_unless_a_long_text_says_otherwise() -> None:
    de = next(p for p in PAGES if p["language"] == "de")
    en = next(p for p in PAGES if p["language"] == "en")
    assert article_language(None, de["title"], de["body"]) == "de"  # nothing declared: detected
    assert article_language("de-AT", de["title"], de["body"]) == "de"  # declared and right: its primary tag
    assert article_language("en", de["title"], de["body"]) == "de"  # a site template's lang on a German text
    assert article_language("fr", "Brève", "Trop court.") == "fr"  # too short to contradict the page
    assert article_language(None, "", "ok") is None
    assert detect_language(en["title"])[0] in (None, "en")


@pytest.mark.parametrize("mode", ["regroup", "incremental"])
def test_foreign_pages_join_their_story_and_the_distractor_stays_apart(mode: str) -> None:
    docs = _docs()
    options = default_options()
    if mode == "regroup":
        index = regroup(docs, options)
    else:
        index = StoryIndex(options)
        for doc in sorted(docs, key=lambda d: d.published or ""):
            assign_stories([doc], index, options)
    events = _events(index)
    assert len(events["velmora"]) == 1, events  # English, Russian, Spanish and German pages: one story
    assert len(events["ashby"]) == 1, events  # the Spanish Ashby page joins the Ashby story
    assert events["velmora"].isdisjoint(events["ashby"])  # the other ferry accident stays apart


def test_without_the_crosslingual_step_foreign_pages_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: the same pages grouped by words alone leave the foreign pages out (so the test above can fail)."""
    monkeypatch.setattr(crosslingual, "is_foreign", lambda doc: False)
    index = regroup(_docs(), default_options())
    main = index.story_of("en-first")
    foreign = [p["id"] for p in PAGES if p["event"] == "velmora" and p["language"] != "en"]
    assert any(index.story_of(a) != main for a in foreign)


def test_joined_foreign_page_adds_only_language_neutral_keys() -> None:
    index = regroup(_docs(), default_options())
    story = index.stories_by_id[index.story_of("en-first")]
    assert "überladen" not in story.centroid and "парома" not in story.centroid  # its words stay out of the centroid
    assert "velmora" in story.centroid


def test_neutral_keys_read_cyrillic_names_and_foreign_dates() -> None:
    index = StoryIndex(default_options())
    english = [d for d in _docs() if d.article.startswith("en-") and "ashby" not in d.article]
    assign_stories(english, index, default_options())
    keys = crosslingual.neutral_keys("Паром у Вельморы", "Капитана Алексея Корина задержали 14 апреля. Груз: 3,5 тонны.", index)
    assert {"velmora", "korin", "%04-14", "3.5"} <= set(keys)  # Вельморы -> velmora, Корина -> korin
    assert "тонны" not in keys


@pytest.mark.parametrize("text,keys", [
    ("am 14. März 2031 in der Nacht", {"%2031-03", "%03-14"}),
    ("el 3 de mayo de 2031", {"%2031-05", "%05-03"}),
    ("il 21 settembre", {"%09-21"}),
    ("вечером 14 апреля 2031 года", {"%2031-04", "%04-14"}),
    ("le 1 août", {"%08-01"}),
    ("am 05.11.2031", {"%2031-11", "%11-05"}),
    ("4 Arbeiter und 12 Feuerwehrleute", set()),
])
def test_foreign_dates(text: str, keys: set[str]) -> None:
    assert set(crosslingual.foreign_dates(text)) == keys


def test_multilingual_model_puts_a_translation_nearest_its_original() -> None:
    en = ["The ferry capsized near the harbour and twelve people died.", "The factory fire was put out after six hours.",
          "Parliament voted to raise the minimum wage."]
    other = ["Паром перевернулся у гавани, погибли двенадцать человек.", "Das Feuer in der Fabrik wurde nach sechs Stunden gelöscht.",
             "El parlamento votó a favor de subir el salario mínimo."]
    e, o = crosslingual.embed_multilingual(en), crosslingual.embed_multilingual(other)
    assert e.shape == (3, 512)
    assert list((o @ e.T).argmax(axis=1)) == [0, 1, 2]


def test_ingest_stores_languages_skips_analysis_and_says_so(tmp_path: Path) -> None:
    """End to end: JSONL pages ingested; foreign pages get their language, no English-model analysis,
    a note in the export, and the same story as the English pages of their event."""
    from rashomon.export import article_records
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps({"url": f"https://{p['outlet'].lower().replace(' ', '-')}.invalid/{p['id']}",
                                        "title": p["title"], "text": p["body"], "published": p["published"],
                                        "outlet": p["outlet"]}, ensure_ascii=False) + "\n" for p in PAGES), encoding="utf-8")
    options = default_options(db=str(tmp_path / "run.db"))
    ingest([str(path)], options)
    with Store.open(options.db) as store:
        records = {r["url"].rsplit("/", 1)[1]: r for r in article_records(store)}
    assert {k: r["language"] for k, r in records.items()} == {p["id"]: p["language"] for p in PAGES}
    for p in PAGES:
        r = records[p["id"]]
        if p["language"] == "en":
            assert r["analysis_note"] is None
        else:
            assert r["analysis_note"] and f"language {p['language']}" in r["analysis_note"]
            assert r["entities"] == [] and r["attributions"] == []  # no English-model misreading
    story = {p["id"]: records[p["id"]]["story"] for p in PAGES}
    for p in PAGES:
        assert story[p["id"]] == story["en-first" if p["event"] == "velmora" else "en-ashby-first"], p["id"]
    assert story["en-first"] != story["en-ashby-first"]

    # the UI says it too: on the foreign page, and beside it in its story's outlet list
    from fastapi.testclient import TestClient

    from rashomon.web.app import create_app

    client = TestClient(create_app(options.db), base_url="http://127.0.0.1")
    page = client.get(f"/articles/{records['ru-rescue']['id']}")
    assert page.status_code == 200 and "not analysed: language ru" in page.text
    english = client.get(f"/articles/{records['en-first']['id']}")
    assert english.status_code == 200 and "not analysed" not in english.text
    listing = client.get(f"/stories/{story['en-first']}")
    assert listing.status_code == 200 and "ru, not analysed" in listing.text and "de, not analysed" in listing.text


@pytest.mark.parametrize("first", ["de-inquiry", "ru-rescue", "es-survivors"])
def test_a_foreign_page_reporting_first_still_joins(first: str) -> None:
    """A local outlet often reports first, in its own language: with the languages stored (as ingest
    gives them) a batch places it after the English pages, and tries their stories before a story of
    its own language (a Spanish page of the other ferry accident must not take it on common words)."""
    from dataclasses import replace

    options = default_options()
    language = {p["id"]: p["language"] for p in PAGES}
    docs = [replace(d, published="2031-04-13" if d.article == first else d.published, language=language[d.article])
            for d in _docs()]
    index = StoryIndex(options)
    assign_stories(docs, index, options)
    for grouped in (index, regroup(docs, options)):
        events = _events(grouped)
        assert len(events["velmora"]) == 1 and len(events["ashby"]) == 1, events
        assert events["velmora"].isdisjoint(events["ashby"])
        story = grouped.stories_by_id[next(iter(events["velmora"]))]
        assert story.title == next(p["title"] for p in PAGES if p["id"] == "en-first")  # an English title, though not the earliest
