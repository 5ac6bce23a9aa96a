"""web: pages and JSON API through FastAPI's TestClient, on a hand-built story database."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rashomon.web import create_app


@pytest.fixture
def client(story_db: dict) -> TestClient:
    return TestClient(create_app(story_db["db"], token="s3cret"), base_url="http://127.0.0.1")


def test_web_stories_list_shows_outlets_counts_and_contested(client: TestClient, story_db: dict) -> None:
    html = client.get("/").text
    assert "Harbour Pulse" in html and "Northern Ledger" in html
    assert f'/stories/{story_db["story"].id}' in html
    assert 'class="badge"' in html  # the story has contested questions


def test_web_story_page_shows_both_sides_and_framing(client: TestClient, story_db: dict) -> None:
    r = client.get(f'/stories/{story_db["story"].id}')
    assert r.status_code == 200
    assert "natural causes or illness" in r.text and "killed by violence" in r.text
    assert "heart attack" in r.text and "beat the miners to death" in r.text
    assert "hedged" in r.text and "Tomas Brell" in r.text


def test_web_article_page_highlights_and_keeps_furniture(client: TestClient, story_db: dict) -> None:
    art = story_db["articles"][0]
    html = client.get(f"/articles/{art.id}").text
    body = html.split('id="body"', 1)[1].split("</div>", 1)[0]
    assert re.search(r'<span class="[^"]*ent-PERSON[^"]*"', body) and '<span class="stmt"' in body
    assert 'title="PERSON: Tomas Brell' in body
    assert "Subscribe to the Pulse" in html  # removed furniture viewable on demand


def test_web_api_reads_are_paginated(client: TestClient, story_db: dict) -> None:
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    story = client.get(f'/api/stories/{story_db["story"].id}').json()
    assert story["contested"] and all(len(q["sides"]) >= 2 for q in story["contested"])
    assert client.get("/api/search", params={"q": "miners"}).json()["total"] >= 1
    assert client.get("/api/statements", params={"speaker": "Brell"}).json()["items"]
    assert client.get("/openapi.json").json()["paths"]["/api/ingest"]


def test_web_ingest_requires_the_token(client: TestClient) -> None:
    body = {"text": "A short note.", "title": "Note"}
    assert client.post("/api/ingest", json=body).status_code == 401
    assert client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_web_ingest_is_closed_without_a_configured_token(story_db: dict) -> None:
    closed = TestClient(create_app(story_db["db"], token=None), base_url="http://127.0.0.1")
    assert closed.post("/api/ingest", json={"text": "x"}).status_code == 403


def test_web_sets_csp_and_serves_no_file_outside_static(client: TestClient) -> None:
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2f..%2fconfig.py", "/etc/passwd"):
        assert client.get(path).status_code == 404


def test_web_escapes_hostile_text(tmp_path) -> None:
    from conftest import build_story_db

    db = build_story_db(tmp_path / "hostile.db", extra_text=' <script>alert(1)</script><img src=x onerror="alert(2)">')
    client = TestClient(create_app(db["db"]), base_url="http://127.0.0.1")
    for url in ("/", f'/stories/{db["story"].id}', f'/articles/{db["articles"][0].id}', "/search?q=script"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f'/articles/{db["articles"][0].id}').text


def test_web_api_article_is_the_export_record(client: TestClient, story_db: dict) -> None:
    from rashomon.export import ARTICLE_KEYS

    art = story_db["articles"][0]
    record = client.get(f"/api/articles/{art.id}").json()
    assert set(ARTICLE_KEYS) <= set(record)
    assert record["story"] == story_db["story"].id
    assert any(e["entity"] == "Tomas Brell" for e in record["entities"])


def test_web_a_wide_side_shows_its_first_holders_and_folds_the_rest(story_db: dict) -> None:
    from rashomon.model import Claim, Question, Side
    from rashomon.store import Store

    with Store.open(story_db["db"]) as store:
        report = store.story_report(story_db["story"].id)
        art = story_db["articles"][0]
        extra = [Claim(story=report.story, article=art.id, text=f"statement number {k}", start=k, end=k + 5,
                       status="attributed", speaker=f"Speaker {k}", id=f"wide{k}") for k in range(9)]
        report.claims += extra
        wide = Side("the wide side", [c.id for c in extra], [c.speaker for c in extra], ["Outlet"])
        narrow = Side("the narrow side", [report.claims[0].id], ["One Holder"], ["Outlet"])
        report.questions.insert(0, Question("qwide", report.story, "Is it true that the wide side is right?", True, "learned",
                                            [wide, narrow], 0.71))
        store.save_story_report(report)
    html = TestClient(create_app(story_db["db"]), base_url="http://127.0.0.1").get(f'/stories/{story_db["story"].id}').text
    block = html[html.index("the wide side is right") :]
    block = block[: block.index('<article class="question">')] if '<article class="question">' in block else block
    assert "Speaker 5" in block and "Speaker 6" not in block.split("</p>")[0] and "and 3 more" in block
    assert "4 more statements on this side" in block and "<details" in block
    assert "likely (71% sure)" in block


def test_web_api_docs_are_served_from_packaged_files_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in html and "/static/docs/swagger-ui.css" in html
    assert "cdn." not in html and "https://" not in html.split("<body", 1)[1]  # nothing fetched from the network
    js = client.get("/static/docs/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert "/static/docs/redoc.standalone.js" in client.get("/redoc").text
    assert client.get("/openapi.json").json()["info"]["title"] == "Rashomon"


def test_web_home_and_api_leave_out_a_story_known_only_from_teasers(tmp_path) -> None:
    from pipeline_pages import fill_store

    ids = fill_store(tmp_path / "t.db")  # st-bridge has two articles; st-lease only a teaser
    web = TestClient(create_app(str(tmp_path / "t.db")), base_url="http://127.0.0.1")
    home = web.get("/").text
    assert f"/stories/{ids['story']}" in home and "/stories/st-lease" not in home
    listed = web.get("/api/stories").json()
    assert [s["id"] for s in listed["items"]] == [ids["story"]] and listed["total"] == 1
    every = web.get("/api/stories", params={"teasers": "true"}).json()
    assert {s["id"] for s in every["items"]} == {ids["story"], "st-lease"} and every["total"] == 2


def test_web_story_page_reads_as_an_analyst_needs_it(client: TestClient, story_db: dict) -> None:
    """Contents bar, filters by outlet and speaker, evidence opening the article at its sentence, no jargon."""
    html = client.get(f'/stories/{story_db["story"].id}').text
    nav = html[html.index('id="contents"'):].split("</nav>", 1)[0]
    for section in ("contested", "outlets", "timeline", "who", "corroboration", "entities"):
        assert f'href="#{section}"' in nav and f'id="{section}"' in html
    filters = html[html.index('id="filters"'):].split("</form>", 1)[0]
    assert '<option value="Harbour Pulse">' in filters and '<option value="Northern Ledger">' in filters
    assert '<option value="e-brell">Tomas Brell' in filters
    assert 'data-speaker="e-brell"' in html and 'data-outlet="Northern Ledger"' in html
    # evidence opens the article at the sentence holding the statement, and that sentence has the anchor
    art = story_db["articles"][0]
    offset = art.body.index("police beat the miners")
    sentence = max(s for s in (0, *(i + 2 for i, ch in enumerate(art.body) if ch == ".")) if s <= offset)
    assert f'href="/articles/{art.id}#s-{sentence}"' in html
    assert f'<span class="sent" id="s-{sentence}">' in client.get(f"/articles/{art.id}").text
    framing = html[html.index('id="outlets"'):].split("</section>", 1)[0]
    assert "unaligned" not in framing and "voices" not in framing
    assert "who is quoted" in framing and "by officials speaking for" in framing


def test_web_story_page_folds_long_lists(tmp_path) -> None:
    from story_records import build_long_timeline_db

    db = build_long_timeline_db(tmp_path)
    html = TestClient(create_app(db["db"]), base_url="http://127.0.0.1").get(f'/stories/{db["story"].id}').text
    timeline = html[html.index('<section id="timeline">'):].split("</section>", 1)[0]
    shown = timeline.split("<details", 1)[0]
    assert shown.count("<li ") == 12  # the first twelve entries, the rest folded
    assert '<details class="more"><summary>' in timeline and "more dated entries" in timeline


def test_web_article_source_url_is_a_link(tmp_path) -> None:
    from story_records import store_pier_page

    a = store_pier_page(str(tmp_path / "u.db"))
    html = TestClient(create_app(str(tmp_path / "u.db")), base_url="http://127.0.0.1").get(f"/articles/{a.id}").text
    assert '<a class="source source-link" href="https://news.example.org/pier-reopens"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_web_search_finds_name_variants_and_says_the_story(tmp_path) -> None:
    from test_store_search import _variant_store

    _variant_store(tmp_path / "v.db").close()
    web = TestClient(create_app(str(tmp_path / "v.db")), base_url="http://127.0.0.1")
    html = web.get("/search", params={"q": "Wendtsen"}).text
    assert html.count('class="result-link"') == 3  # "Ventsens" is the same resolved person
    assert "Also searched as <q>Ventsens</q>" in html
    assert 'in the story <a href="/stories/story-pilots">Pilots strike at the port</a>' in html
    api = web.get("/api/search", params={"q": "Wendtsen"}).json()
    assert api["total"] == 3 and {h["story"] for h in api["items"]} == {"story-pilots"}
    assert {h["story_title"] for h in api["items"]} == {"Pilots strike at the port"}


def test_web_an_untitled_story_is_still_a_link_with_words(tmp_path) -> None:
    from pipeline_pages import fill_store
    from rashomon.store import Store

    ids = fill_store(tmp_path / "t.db")
    with Store.open(tmp_path / "t.db") as store:
        store.conn.execute("UPDATE stories SET title = '' WHERE id = ?", (ids["story"],))
    html = TestClient(create_app(str(tmp_path / "t.db")), base_url="http://127.0.0.1").get("/").text
    assert f'<a class="story-link" href="/stories/{ids["story"]}">(untitled story)</a>' in html


def test_web_screenshots_cover_the_five_pages(story_db: dict) -> None:
    from rashomon.web.screenshots import pages

    shots = dict(pages(story_db["db"]))
    assert list(shots) == ["home", "story", "article", "entity", "search"]
    assert shots["entity"] == "/entities/e-brell" and "#s-" in shots["article"]
    client = TestClient(create_app(story_db["db"]), base_url="http://127.0.0.1")
    assert all(client.get(path.split("#")[0]).status_code == 200 for path in shots.values())


def test_web_article_page_says_the_page_changed_and_how(tmp_path) -> None:
    from rashomon.model import Article
    from rashomon.store import Store

    first = "The pier will reopen on Monday.\n\nRepairs cost 40,000 crowns."
    second = "The pier will reopen on Thursday.\n\nRepairs cost 40,000 crowns."
    third = second + "\n\nThe harbour master apologised for the delay."
    made = [Article(source="https://coast.example/pier#main", page_source="https://coast.example/pier",
                    title="Pier to reopen" if k < 2 else "Pier reopening delayed", outlet="Coast Post", body=body)
            for k, body in enumerate((first, second, third))]
    with Store.open(tmp_path / "c.db") as store:
        for k, a in enumerate(made):
            store.add_page_articles(f"h{k}", a.page_source, [a])
    client = TestClient(create_app(str(tmp_path / "c.db")), base_url="http://127.0.0.1")
    html = client.get(f"/articles/{made[0].id}").text
    assert "This page changed: 3 versions" in html
    block = html[html.index('id="versions"'):].split("</details>", 1)[0]
    assert "<del>The pier will reopen on Monday.</del>" in block and "<ins>The pier will reopen on Thursday.</ins>" in block
    assert "<ins>The harbour master apologised for the delay.</ins>" in block and "Retitled: <q>Pier reopening delayed</q>" in block
    assert "Repairs cost" not in block  # an unchanged paragraph is not listed
    unchanged = Article(source="https://coast.example/quay#main", page_source="https://coast.example/quay",
                        title="Quay", outlet="Coast Post", body="The quay is open.")
    with Store.open(tmp_path / "c.db") as store:
        store.add_page_articles("q1", unchanged.page_source, [unchanged])
    assert "This page changed" not in client.get(f"/articles/{unchanged.id}").text


def test_web_an_unknown_address_is_a_page_and_the_api_stays_json(client: TestClient) -> None:
    for url, words in (("/no-such-page", "No page has this address."), ("/stories/zzz", "No such story."),
                       ("/articles/zzz", "No such article."), ("/entities/zzz", "No such entity.")):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), url
        assert "<h1 class=\"error\">Not found</h1>" in r.text and words in r.text and 'href="/"' in r.text
    for url in ("/api/no-such", "/api/stories/zzz", "/static/none.js"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"] == "application/json", url
    assert client.get("/api/stories/zzz").json() == {"detail": "no such story"}
