"""web: what a hostile request can do to the server (issue 23's web findings), each reproduced.

Every input is generated here; fetch targets are small http.server instances on loopback that
the tests start, so nothing reaches the network.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import random
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from fastapi.testclient import TestClient

from rashomon.config import default_options
from rashomon.fetch_guard import FetchRefused, GuardedTransport, Limits, is_public
from rashomon.web import create_app
from rashomon.web.server import serving

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAGE = ("<html><head><title>Bridge reopens after repairs</title></head><body><article><h1>Bridge reopens after "
        "repairs</h1>" + "<p>The river bridge reopened on Tuesday after four months of repairs, the council said. "
        "Traffic moved slowly through the morning as drivers tried the new lanes.</p>" * 6 + "</article></body></html>")


def _app(db: str, **settings):  # type: ignore[no-untyped-def]
    return create_app(db, token=TOKEN, options=default_options(db=db, analyze=False, **settings))


def _client(db: str, **settings) -> TestClient:
    return TestClient(_app(db, **settings), base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture
def db(tmp_path) -> str:  # type: ignore[no-untyped-def]
    return str(tmp_path / "web.db")


# -- a local origin server the fetch tests control ------------------------------------------------


class Origin:
    """Routes path -> (status, headers, body); counts the requests and the body bytes it sent."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[str] = []
        self.sent = 0
        self.delay = 0.0  # seconds before each answer

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def origin() -> Iterator[Origin]:
    state = Origin()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.hits.append(self.path)
            time.sleep(state.delay)
            status, headers, body = state.routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for k, v in {"Content-Length": str(len(body)), **headers}.items():
                if v:  # an empty value leaves the header out (a body that ends when the connection does)
                    self.send_header(k, v)
            self.end_headers()
            try:
                for i in range(0, len(body), 65536):
                    self.wfile.write(body[i : i + 65536])
                    state.sent += len(body[i : i + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def gzip_bomb(inflated: int) -> bytes:
    """A gzip stream of ``inflated`` zero bytes, built a megabyte at a time."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [z.compress(block) for _ in range(inflated >> 20)]
    return b"".join(parts) + z.flush()


# -- query parameters -----------------------------------------------------------------------------


def test_web_huge_page_numbers_and_offsets_are_a_clear_422(story_db: dict) -> None:
    client = TestClient(create_app(story_db["db"]), base_url="http://127.0.0.1", raise_server_exceptions=False)
    huge = str(10**20)
    for url in (f"/?page={huge}", f"/search?q=miners&page={huge}", f"/api/articles?offset={huge}",
                f"/api/stories?offset={huge}", f"/api/entities?offset={huge}", f"/api/search?q=miners&offset={huge}",
                "/api/search?q=" + "a" * 5000, "/?page=0", "/api/articles?limit=0"):
        r = client.get(url)
        assert r.status_code == 422, (url, r.status_code)
        assert r.json()["detail"][0]["loc"][0] == "query"


def test_web_fuzzed_query_parameters_never_give_a_500(story_db: dict) -> None:
    client = TestClient(create_app(story_db["db"]), base_url="http://127.0.0.1", raise_server_exceptions=False)
    rng = random.Random(23)
    values = [str(10**k) for k in range(0, 40, 3)] + ["-1", "-" + str(10**30), "1e9", "nan", "", "0x10", "\u0661"]
    words = ['"', "AND(", "*", "NEAR(", "miners OR", "\u0000", "'; drop", "\ud7ff", "a" * 900]
    for _ in range(150):
        path = rng.choice(["/", "/search", "/api/stories", "/api/articles", "/api/entities", "/api/statements",
                           "/api/search"])
        params = {k: rng.choice(values) for k in rng.sample(["page", "limit", "offset"], rng.randint(1, 3))}
        params["q"] = rng.choice(words)
        r = client.get(path, params=params)
        assert r.status_code < 500, (path, params, r.status_code)


# -- Host header ----------------------------------------------------------------------------------


def test_web_answers_only_its_own_host_names(story_db: dict) -> None:
    app = create_app(story_db["db"], options=default_options(allowed_hosts=("news.lan",)))
    for host in ("rebind.attacker.example", "127.0.0.1.attacker.example", "localhost.evil", ""):
        r = TestClient(app, base_url="http://127.0.0.1").get("/api/stories", headers={"Host": host})
        assert r.status_code == 400, host
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "news.lan", "LOCALHOST"):
        r = TestClient(app, base_url="http://127.0.0.1").get("/api/stories", headers={"Host": host})
        assert r.status_code == 200, host
    wide = create_app(story_db["db"], host="0.0.0.0")
    import socket

    assert TestClient(wide, base_url=f"http://{socket.gethostname()}").get("/").status_code == 200
    assert TestClient(wide, base_url="http://rebind.attacker.example").get("/").status_code == 400


# -- token and body size before any parsing -------------------------------------------------------


def _asgi_post(app, body_chunks: Iterator[bytes], headers: dict[str, str]) -> tuple[int, int, bytes]:  # type: ignore[no-untyped-def]
    """POST /api/ingest straight through ASGI; returns (status, chunks the app pulled, response body)."""
    pulled = 0
    sent: list[dict] = []
    chunks = iter(body_chunks)

    async def receive() -> dict:
        nonlocal pulled
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/ingest", "raw_path": b"/api/ingest", "root_path": "", "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "127.0.0.1:8000", **headers}.items()],
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], pulled, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def _sixty_megabytes() -> Iterator[bytes]:
    yield b'{"text": "'
    for _ in range(60 * 16):
        yield b"x" * 65536


def test_web_checks_the_token_before_reading_the_body(db: str) -> None:
    app = _app(db)
    status, pulled, _ = _asgi_post(app, _sixty_megabytes(), {"content-type": "application/json"})
    assert status == 401 and pulled == 0
    status, pulled, _ = _asgi_post(app, _sixty_megabytes(), {"authorization": "Bearer wrong"})
    assert status == 401 and pulled == 0
    closed = create_app(db, token=None)
    assert _asgi_post(closed, _sixty_megabytes(), {})[:2] == (403, 0)
    # through a client too: a malformed body without a token is refused for the token, not parsed
    client = _client(db)
    assert client.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"}).status_code == 401
    assert client.post("/api/ingest", json={"text": "x"}, headers={"Authorization": b"Bearer \xe9"}).status_code == 401


def test_web_refuses_an_oversized_body_before_parsing_it(db: str) -> None:
    app = _app(db, request_max_bytes=1_000_000)
    declared = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json", "content-length": str(60 << 20)}
    status, pulled, body = _asgi_post(app, _sixty_megabytes(), declared)
    assert status == 413 and pulled == 0 and b"request_max_bytes" in body
    streamed = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}  # chunked: no length
    status, pulled, body = _asgi_post(app, _sixty_megabytes(), streamed)
    assert status == 413 and pulled <= 1_000_000 // 65536 + 2 and b"request_max_bytes" in body
    bad = {"authorization": f"Bearer {TOKEN}", "content-length": "12abc"}
    assert _asgi_post(app, iter([b"{}"]), bad)[0] == 400


def test_web_refuses_a_text_over_the_limit_with_a_clear_error(db: str) -> None:
    client = _client(db, text_max_chars=5_000)
    r = client.post("/api/ingest", json={"text": "Word " * 1001, "title": "Long"}, headers=AUTH)
    assert r.status_code == 413 and "text_max_chars" in r.json()["detail"] and "5,005" in r.json()["detail"]
    r = client.post("/api/ingest", json={"html": "<p>" + "w" * 5_000 + "</p>"}, headers=AUTH)
    assert r.status_code == 413 and "html" in r.json()["detail"]
    r = client.post("/api/ingest", json={"text": "A short note about the bridge. " * 20, "title": "Bridge"}, headers=AUTH)
    assert r.status_code == 201 and r.json()["articles_added"] == 1


def test_web_refuses_invalid_unicode_and_dates_with_a_422(db: str) -> None:
    client = _client(db)
    r = client.post("/api/ingest", content=b'{"text": "one \\ud800 two", "title": "x"}',
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 422 and "surrogate" in r.text
    r = client.post("/api/ingest", content=json.dumps(["\\ud800" * 1000]).encode(),
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 422 and len(r.content) < 1000  # the input is not echoed back
    r = client.post("/api/ingest", json={"text": "A note.", "published": "the day before"}, headers=AUTH)
    assert r.status_code == 422 and "published" in r.json()["detail"]
    r = client.post("/api/ingest", json={"url": "http://" + "a" * 9000 + ".example/"}, headers=AUTH)
    assert r.status_code == 422 and len(r.content) < 1000
    r = client.post("/api/ingest", json={"url": "http://" + "a" * 60 + ".invalid/" + "p" * 5000}, headers=AUTH)
    assert r.status_code == 422 and len(r.content) < 1000  # the failure names the URL, cut short


# -- fetch targets --------------------------------------------------------------------------------


def test_web_url_fetch_refuses_loopback_private_and_link_local_targets(db: str) -> None:
    client = _client(db)
    with origin() as site:
        site.routes["/page"] = (200, {"Content-Type": "text/html"}, PAGE.encode())
        for url in (site.url("/page"), f"http://localhost:{site.port}/page", f"http://[::ffff:127.0.0.1]:{site.port}/page",
                    f"http://0.0.0.0:{site.port}/page", f"http://2130706433:{site.port}/page",
                    "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://224.0.0.1/",
                    "http://100.64.0.1/", "http://[fe80::1]/", "http://[64:ff9b::7f00:1]/"):
            r = client.post("/api/ingest", json={"url": url}, headers=AUTH)
            assert r.status_code == 403, (url, r.status_code, r.text)
            assert "allow_private_fetch" in r.json()["detail"]
        assert site.hits == []
        r = _client(db, allow_private_fetch=True).post("/api/ingest", json={"url": site.url("/page")}, headers=AUTH)
        assert r.status_code == 201 and r.json()["articles_added"] == 1
        assert site.hits == ["/page"]


def test_guard_checks_every_redirect_hop_and_connects_to_the_checked_address() -> None:
    seen: list[tuple[str, str]] = []

    def upstream(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers["host"]))
        return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})

    names = {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.7"],
             "mixed.example": ["93.184.216.34", "192.168.1.1"]}
    transport = GuardedTransport(Limits(), inner=httpx.MockTransport(upstream), resolver=lambda h, p: names[h])
    with httpx.Client(transport=transport, follow_redirects=True) as client:
        with pytest.raises(FetchRefused, match="10.0.0.7"):
            client.get("http://news.example/story")
        assert seen == [("93.184.216.34", "news.example")]  # the pinned address, the name in Host
        with pytest.raises(FetchRefused, match="192.168.1.1"):  # one private answer among public ones
            client.get("http://mixed.example/")
    assert transport.refused is not None and transport.refused.status == 403
    loop = GuardedTransport(Limits(max_fetches=5), inner=httpx.MockTransport(
        lambda r: httpx.Response(302, headers={"Location": f"/next{r.url.path}"})), resolver=lambda h, p: names[h])
    with httpx.Client(transport=loop, follow_redirects=True, max_redirects=100) as client:
        with pytest.raises(FetchRefused, match="more than 5 fetches"):
            client.get("http://news.example/a")
    assert loop.fetches == 6
    assert not is_public(__import__("ipaddress").ip_address("2002:7f00:1::1"))  # 6to4 of 127.0.0.1


def test_web_never_fetches_itself_even_when_private_fetches_are_allowed(db: str) -> None:
    import httpx as client_lib

    options = default_options(db=db, analyze=False, allow_private_fetch=True)
    with serving(db, token=TOKEN, options=options) as base, origin() as site:
        port = int(base.rsplit(":", 1)[1])
        site.routes["/hop"] = (302, {"Location": f"http://127.0.0.1:{port}/api/articles"}, b"")
        for url in (f"{base}/api/articles", f"http://localhost:{port}/", site.url("/hop")):
            r = client_lib.post(f"{base}/api/ingest", json={"url": url}, headers=AUTH, timeout=30)
            assert r.status_code == 403 and "this server itself" in r.json()["detail"], (url, r.text)
        assert site.hits == ["/hop"]


# -- fetched body size ----------------------------------------------------------------------------


def test_web_url_fetch_stops_a_gzip_bomb_at_the_limit(db: str) -> None:
    bomb = gzip_bomb(64 << 20)  # 64 MB of zeros in ~64 KB
    client = _client(db, allow_private_fetch=True, fetch_max_bytes=1_000_000)
    with origin() as site:
        site.routes["/bomb"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
        raw = zlib.compress(bytes(64 << 20), 9)
        site.routes["/deflate"] = (200, {"Content-Type": "text/html", "Content-Encoding": "deflate"}, raw)
        site.routes["/rawdeflate"] = (200, {"Content-Type": "text/html", "Content-Encoding": "deflate"}, raw[2:-4])
        site.routes["/warm-up"] = (200, {"Content-Type": "text/html", "Content-Length": "99999999"}, b"")
        assert client.post("/api/ingest", json={"url": site.url("/warm-up")}, headers=AUTH).status_code == 413
        for path in ("/bomb", "/deflate", "/rawdeflate"):  # the warm-up imported the fetch path's modules
            tracemalloc.start()
            r = client.post("/api/ingest", json={"url": site.url(path)}, headers=AUTH)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert r.status_code == 413 and "fetch_max_bytes" in r.json()["detail"], (path, r.text)
            assert peak < 16 << 20, (path, peak)  # unbounded, this held 64 MB (and more in copies)


def test_web_url_fetch_refuses_a_body_over_the_limit_and_odd_encodings(db: str) -> None:
    client = _client(db, allow_private_fetch=True, fetch_max_bytes=200_000)
    with origin() as site:
        site.routes["/big"] = (200, {"Content-Type": "text/html"}, b"<p>" + b"w" * 300_000)
        site.routes["/unsized"] = (200, {"Content-Type": "text/html", "Content-Length": ""}, b"<p>" + b"w" * 300_000)
        site.routes["/unsized-bomb"] = (200, {"Content-Type": "text/html", "Content-Length": "", "Content-Encoding": "gzip"},
                                        gzip_bomb(8 << 20))
        site.routes["/br"] = (200, {"Content-Type": "text/html", "Content-Encoding": "br"}, b"\x0b\x02\x80hi\x03")
        site.routes["/twice"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"},
                                 gzip.compress(gzip.compress(PAGE.encode())))
        site.routes["/broken"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, b"\x1f\x8b not gzip")
        expected = {"/big": 413, "/unsized": 413, "/unsized-bomb": 413, "/br": 415, "/twice": 415, "/broken": 422}
        for path, status in expected.items():
            r = client.post("/api/ingest", json={"url": site.url(path)}, headers=AUTH)
            assert r.status_code == status, (path, r.status_code, r.text)


def test_web_url_fetch_reads_an_honest_gzip_page(db: str) -> None:
    client = _client(db, allow_private_fetch=True)
    with origin() as site:
        two_members = gzip.compress(PAGE.encode()[:500]) + gzip.compress(PAGE.encode()[500:])
        site.routes["/page"] = (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, two_members)
        r = client.post("/api/ingest", json={"url": site.url("/page")}, headers=AUTH)
        assert r.status_code == 201 and r.json()["articles_added"] == 1
    article = client.get("/api/articles").json()["items"][0]
    assert "four months of repairs" in article["body"]


def test_web_runs_one_ingest_at_a_time_and_says_so(db: str) -> None:
    options = default_options(db=db, analyze=False, allow_private_fetch=True)
    with serving(db, token=TOKEN, options=options) as base, origin() as site:
        site.routes["/slow"] = (200, {"Content-Type": "text/html"}, PAGE.encode())
        site.delay = 2.0
        first: list[httpx.Response] = []
        runner = threading.Thread(target=lambda: first.append(
            httpx.post(f"{base}/api/ingest", json={"url": site.url("/slow")}, headers=AUTH, timeout=30)))
        runner.start()
        deadline = time.monotonic() + 10
        while not site.hits and time.monotonic() < deadline:
            time.sleep(0.02)
        second = httpx.post(f"{base}/api/ingest", json={"text": "A note on the ferry timetable. " * 10}, headers=AUTH,
                            timeout=30)
        assert second.status_code == 503 and second.headers["retry-after"] == "5"
        assert httpx.get(f"{base}/api/stories", timeout=30).status_code == 200  # reads go on meanwhile
        runner.join()
        assert first[0].status_code == 201
        again = httpx.post(f"{base}/api/ingest", json={"text": "A note on the ferry timetable. " * 10}, headers=AUTH,
                           timeout=30)
        assert again.status_code == 201


def test_serve_flags_reach_the_app(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from rashomon.cli import main

    from rashomon.web.server import free_port

    served: dict = {}

    def run(server: uvicorn.Server, sockets: list | None = None) -> None:
        served.update(app=server.config.app, sockets=sockets)
        for sock in sockets or []:
            sock.close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    port = str(free_port())
    result = CliRunner().invoke(main, ["serve", "--db", db, "--port", port, "--token", TOKEN, "--allow-host", "news.lan",
                                       "--allow-private-fetch"])
    assert result.exit_code == 0, result.output
    app = served["app"]
    assert app.state.options.allow_private_fetch and app.state.options.allowed_hosts == ("news.lan",)
    assert TestClient(app, base_url="http://news.lan").get("/api/stories").status_code == 200
    assert TestClient(app, base_url="http://other.lan").get("/api/stories").status_code == 400
    CliRunner().invoke(main, ["serve", "--db", db, "--port", port])
    assert not served["app"].state.options.allow_private_fetch
    assert TestClient(served["app"], base_url="http://news.lan").get("/api/stories").status_code == 400


def test_serve_refuses_a_port_in_use_and_a_missing_database_in_one_line(db: str, tmp_path) -> None:
    import socket

    from click.testing import CliRunner

    from rashomon.cli import main

    from rashomon.store import Store

    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 1 and "no such database" in result.output and not missing.exists()
    Store.open(db).close()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(main, ["serve", "--db", db, "--port", port])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "is serving" not in result.output  # it never claims to serve
