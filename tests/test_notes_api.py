"""The notes and pins endpoints: reads open, writes only with the write token (as POST /api/ingest),
clear one-line 4xx errors, and note text rendered escaped beside what it annotates."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rashomon.store import Store
from rashomon.web.app import CSP, create_app

TOKEN = "n0tes-t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(story_db: dict) -> TestClient:
    return TestClient(create_app(story_db["db"], token=TOKEN), base_url="http://127.0.0.1")


def _note(story_db: dict, **extra) -> dict:
    return {"kind": "story", "text": "Check the shift rota.", "author": "Ines", "story": story_db["story"].id, **extra}


def test_writes_need_the_token(story_db: dict, client: TestClient) -> None:
    body = _note(story_db)
    assert client.post("/api/notes", json=body).status_code == 401
    assert client.post("/api/notes", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/pins", json={"story": story_db["story"].id, "author": "Ines"}).status_code == 401
    assert client.delete(f"/api/pins/{story_db['story'].id}").status_code == 401
    closed = TestClient(create_app(story_db["db"], token=None), base_url="http://127.0.0.1")
    refused = closed.post("/api/notes", json=body, headers=AUTH)
    assert refused.status_code == 403 and "writes are disabled" in refused.json()["detail"]
    with Store.open(story_db["db"]) as store:
        assert store.count_notes() == 0 and store.pins() == []
    made = client.post("/api/notes", json=body, headers=AUTH)
    assert made.status_code == 201
    note = made.json()
    assert (note["kind"], note["text"], note["author"], note["story"]) == ("story", body["text"], "Ines", body["story"])
    assert client.delete(f"/api/notes/{note['id']}").status_code == 401
    assert client.delete(f"/api/notes/{note['id']}", headers=AUTH).json() == {"deleted": note["id"]}
    assert client.delete(f"/api/notes/{note['id']}", headers=AUTH).status_code == 404


def test_notes_are_listed_by_what_they_annotate(story_db: dict, client: TestClient) -> None:
    sid = story_db["story"].id
    story = client.get(f"/api/stories/{sid}").json()
    question = story["contested"][0]
    claim = story["claims"][0]
    made = {
        "story": client.post("/api/notes", json=_note(story_db), headers=AUTH),
        "question": client.post("/api/notes", json=_note(story_db, kind="question", question=question["id"]),
                                headers=AUTH),
        "statement": client.post("/api/notes", json={"kind": "statement", "text": "Second source agrees.",
                                                     "author": "Noor", "article": claim["article"],
                                                     "start": claim["start"]}, headers=AUTH),
    }
    assert all(r.status_code == 201 for r in made.values()), {k: r.text for k, r in made.items()}
    assert made["question"].json()["question"] == question["id"]
    assert made["statement"].json()["end"] == claim["end"]
    listed = client.get("/api/notes", params={"story": sid}).json()
    assert listed["total"] == 3 and [n["kind"] for n in listed["items"]] == ["story", "question", "statement"]
    assert [n["kind"] for n in client.get("/api/notes", params={"article": claim["article"]}).json()["items"]] == ["statement"]
    assert client.get("/api/notes", params={"story": sid, "kind": "question"}).json()["total"] == 1
    assert client.get("/api/notes", params={"story": "story-none"}).status_code == 404
    page = client.get("/api/notes", params={"limit": 1, "offset": 1}).json()
    assert (page["total"], [n["kind"] for n in page["items"]]) == (3, ["question"])
    assert client.get("/api/notes", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("change,status,words", [
    ({"story": "story-none"}, 404, "no story"),
    ({"kind": "article", "article": "nowhere.html", "story": None}, 404, "no article"),
    ({"kind": "question", "question": "q-none"}, 404, "no question"),
    ({"text": "   "}, 422, "the note is empty"),
    ({"kind": "statement", "article": None, "story": None}, 422, "needs an article"),
])
def test_bad_notes_get_one_clear_line(story_db: dict, client: TestClient, change: dict, status: int, words: str) -> None:
    answer = client.post("/api/notes", json={k: v for k, v in _note(story_db, **change).items() if v is not None},
                         headers=AUTH)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["detail"] and "\n" not in answer.json()["detail"]


def test_oversized_and_malformed_notes_are_422_without_echo(story_db: dict, client: TestClient) -> None:
    long = client.post("/api/notes", json=_note(story_db, text="x" * 10_001), headers=AUTH)
    assert long.status_code == 422 and "x" * 100 not in long.text
    assert client.post("/api/notes", json=_note(story_db, kind="footnote"), headers=AUTH).status_code == 422
    assert client.post("/api/notes", json=_note(story_db, author="a" * 101), headers=AUTH).status_code == 422
    surrogate = client.post("/api/notes", content=('{"kind": "story", "text": "\\ud800", "author": "a", "story": "%s"}'
                                                   % story_db["story"].id).encode(),
                            headers={**AUTH, "Content-Type": "application/json"})
    assert surrogate.status_code == 422 and "ud800" not in surrogate.text  # refused, never stored or echoed


def test_pins_through_the_api_and_on_the_home_page(story_db: dict, client: TestClient) -> None:
    sid = story_db["story"].id
    assert client.get("/api/pins").json() == {"items": [], "total": 0}
    assert 'id="pinned"' not in client.get("/").text
    made = client.post("/api/pins", json={"story": sid, "author": "Ines"}, headers=AUTH)
    assert made.status_code == 201 and made.json()["story"] == sid
    pins = client.get("/api/pins").json()["items"]
    assert [(p["story"], p["author"], p["title"]) for p in pins] == [(sid, "Ines", story_db["story"].title)]
    home = client.get("/").text
    assert 'id="pinned"' in home and f'href="/stories/{sid}"' in home.split('id="pinned"')[1]
    assert 'data-pinned="yes"' in client.get(f"/stories/{sid}").text
    assert client.post("/api/pins", json={"story": "story-none", "author": "Ines"}, headers=AUTH).status_code == 404
    assert client.delete(f"/api/pins/{sid}", headers=AUTH).json() == {"story": sid, "unpinned": 1}
    assert client.delete(f"/api/pins/{sid}", headers=AUTH).status_code == 404
    assert 'id="pinned"' not in client.get("/").text


def test_note_text_is_escaped_on_the_pages_and_the_policy_holds(story_db: dict, client: TestClient) -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    sid = story_db["story"].id
    article = story_db["articles"][0].id
    assert client.post("/api/notes", json=_note(story_db, text=hostile), headers=AUTH).status_code == 201
    assert client.post("/api/notes", json={"kind": "article", "text": hostile, "author": "<b>Ines</b>",
                                           "article": article}, headers=AUTH).status_code == 201
    for path in (f"/stories/{sid}", f"/articles/{article}"):
        page = client.get(path)
        assert page.headers["Content-Security-Policy"] == CSP
        assert hostile not in page.text and "<b>Ines</b>" not in page.text.split("<main>")[1]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert '<script src="/static/notes.js" defer></script>' in page.text
    assert client.get("/static/notes.js").status_code == 200
