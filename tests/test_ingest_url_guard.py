"""`rashomon ingest URL` fetches through the same guard as the web ingest: loopback and private
addresses refused unless the user allows them, the body bounded on the wire and after gzip.

A real HTTP server on 127.0.0.1, started by each test, serves invented pages."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rashomon.cli import main
from rashomon.store import Store

PAGE = ("<html><head><title>Tram depot reopens</title></head><body><article><h1>Tram depot reopens</h1>"
        + "<p>The tram depot in Elsbury reopened on Monday after a long repair of its roof and signals.</p>" * 8
        + "</article></body></html>").encode()
LIMIT = 10_000_000  # the fetch_max_bytes default the CLI uses


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, body: bytes, *, length: bool = True, encoding: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for i in range(0, len(body), 1 << 16):
                self.wfile.write(body[i:i + (1 << 16)])
        except (BrokenPipeError, ConnectionResetError):  # the client gave up past its limit
            pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/page":
            self._send(PAGE)
        elif self.path == "/declared-big":
            self._send(b"<p>" + b"x" * (LIMIT + 10) + b"</p>")
        elif self.path == "/undeclared-big":
            self.close_connection = True
            self._send(b"<p>" + b"y" * (LIMIT + 10) + b"</p>", length=False)
        elif self.path == "/bomb":  # a few KB that inflate past the limit
            self._send(gzip.compress(b"<p>" + b"z" * (LIMIT + 10), 9), encoding="gzip")
        elif self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _stored(db) -> list[str]:
    with Store.open(str(db)) as store:
        return [a.source for a in store.articles()]


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_the_cli_refuses_a_loopback_url_unless_allowed(runner, tmp_path, server):
    db = tmp_path / "g.db"
    refused = runner.invoke(main, ["ingest", f"{server}/page", "--db", str(db), "--no-analyze"])
    [line] = _errors(refused)
    assert "127.0.0.1" in line and "allow-private-fetch" in line, refused.stderr
    assert "Traceback" not in refused.stderr and refused.exit_code != 0
    assert _stored(db) == []

    allowed = runner.invoke(main, ["ingest", f"{server}/hop", "--db", str(db), "--no-analyze", "--allow-private-fetch"])
    assert allowed.exit_code == 0, allowed.stderr
    assert _errors(allowed) == [] and _stored(db) == [f"{server}/hop#main"]


@pytest.mark.parametrize("path, words", [
    ("/declared-big", "limit is"),  # Content-Length over the limit: refused before the body
    ("/undeclared-big", "over"),  # no length: counted on the wire
    ("/bomb", "inflates past"),  # small on the wire, huge once decoded
])
def test_the_cli_bounds_what_a_url_may_send(runner, tmp_path, server, path, words):
    db = tmp_path / "b.db"
    result = runner.invoke(main, ["ingest", f"{server}{path}", f"{server}/page", "--db", str(db), "--no-analyze",
                                  "--allow-private-fetch"])
    [line] = _errors(result)
    assert path in line and words in line and "fetch_max_bytes" in line, result.stderr
    assert "Traceback" not in result.stderr
    assert _stored(db) == [f"{server}/page#main"]  # the good URL after it is still stored
