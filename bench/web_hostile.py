"""Peak memory of `rashomon serve` under hostile requests (issue 23): a gzip bomb fetched through
POST /api/ingest with a URL, a large POST without a token, a large text with the token.

Runs the server in a subprocess, samples its resident memory with psutil every 5 ms, and prints
one line per case: the server's memory before, its peak during the request, and the answer.

    .venv/bin/python bench/web_hostile.py                # a ~352 KB bomb (352 MB inflated), a 60 MB POST
    .venv/bin/python bench/web_hostile.py --bomb-mb 35   # a smaller bomb (~35 KB)
    .venv/bin/python bench/web_hostile.py --old          # against a tree whose serve has no --allow-private-fetch
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psutil

TOKEN = "bench-token"


def gzip_bomb(inflated_mb: int) -> bytes:
    """``inflated_mb`` MB of one letter after an HTML start tag, gzip-compressed at level 9 (about 1 KB
    per MB): text an HTML reader takes, where zeros would be refused early as a binary file."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"a" * (1 << 20)
    return z.compress(b"<html><body><p>") + b"".join(z.compress(block) for _ in range(inflated_mb)) + z.flush()


def invented_text(chars: int) -> str:
    """Varied invented news sentences (seeded), paragraphs of five, up to ``chars`` characters."""
    import random

    rng = random.Random(23)
    names = ["Mara Lindqvist", "Tomas Okafor", "the harbour board", "Councillor Pell", "a ferry operator", "Dr Ines Vale"]
    verbs = ["said", "told reporters", "wrote in a statement", "denied", "confirmed", "argued"]
    things = ["the bridge repairs ran late", "the tolls would rise in spring", "the inspection found no cracks",
              "the lanes reopened on Tuesday", "traffic fell by a third", "the budget was spent twice"]
    out, size = [], 0
    while size < chars:
        para = " ".join(f"{rng.choice(names).capitalize()} {rng.choice(verbs)} that {rng.choice(things)} "
                        f"by {rng.randint(2, 98)} percent in district {rng.randint(1, 400)}." for _ in range(5))
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out)[:chars]


def origin(body: bytes) -> tuple[ThreadingHTTPServer, int]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path != "/bomb":
                self.send_error(404)
                return
            self.send_response(200)
            for k, v in {"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": str(len(body))}.items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Peak:
    """Samples a process's RSS (with its children) in a thread until stopped."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = self.rss()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def rss(self) -> int:
        procs = [self.proc, *self.proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs if p.is_running())

    def _run(self) -> None:
        while self.running:
            try:
                self.peak = max(self.peak, self.rss())
            except psutil.Error:
                return
            time.sleep(0.005)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return self.peak


def cpu_seconds(pid: int) -> float:
    proc = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [proc, *proc.children(recursive=True)])


def measure(pid: int, label: str, request) -> None:  # type: ignore[no-untyped-def]
    before = Peak(pid).stop()
    cpu = cpu_seconds(pid)
    peak = Peak(pid)
    start = time.monotonic()
    try:
        answer = request()
    except httpx.HTTPError as exc:
        answer = f"{type(exc).__name__}: {exc}"
    took = time.monotonic() - start
    top = peak.stop()
    mb = 1 << 20
    print(f"{label}: server RSS {before / mb:.0f} MB before, peak {top / mb:.0f} MB (+{(top - before) / mb:.0f} MB), "
          f"{took:.1f} s wall, {cpu_seconds(pid) - cpu:.1f} s server CPU; answer: {str(answer)[:160]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=352, help="inflated size of the bomb")
    parser.add_argument("--post-mb", type=int, default=60)
    parser.add_argument("--text-mb", type=int, default=30)
    parser.add_argument("--largest-text", type=int, default=0, metavar="CHARS",
                        help="also post an invented text of this many characters (e.g. 3999999, under text_max_chars)")
    parser.add_argument("--old", action="store_true", help="serve has no --allow-private-fetch (the code before)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so a `timeout` still stops the server below

    bomb = gzip_bomb(args.bomb_mb)
    print(f"bomb: {len(bomb) / 1024:.0f} KB inflating to {args.bomb_mb} MB")
    site, site_port = origin(bomb)
    port = free_port()
    db = Path(tempfile.mkdtemp(prefix="web_hostile_")) / "bench.db"
    cmd = [sys.executable, "-m", "rashomon", "serve", "--db", str(db), "--port", str(port), "--token", TOKEN]
    cmd += [] if args.old else ["--allow-private-fetch"]
    server = subprocess.Popen(cmd, env=dict(os.environ), stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/stories", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        warm = httpx.post(f"{base}/api/ingest", json={"url": f"http://127.0.0.1:{site_port}/missing"}, headers=auth,
                          timeout=600)  # imports the ingest path, so the peak below is the request's own
        print(f"warm-up (a 404 page): {warm.status_code}")
        measure(server.pid, f"gzip bomb via URL ({len(bomb) // 1024} KB)", lambda: (lambda r: f"{r.status_code} {r.text}")(
            httpx.post(f"{base}/api/ingest", json={"url": f"http://127.0.0.1:{site_port}/bomb"}, headers=auth, timeout=600)))

        def body():  # type: ignore[no-untyped-def]
            yield b'{"text": "'
            for _ in range(args.post_mb * 16):
                yield b"x" * 65536
            yield b'"}'

        def post() -> str:
            headers = {"Content-Type": "application/json", "Content-Length": str(args.post_mb * (1 << 20) + 12)}
            r = httpx.post(f"{base}/api/ingest", content=body(), headers=headers, timeout=600)
            return f"{r.status_code} {r.text}"

        measure(server.pid, f"{args.post_mb} MB POST without a token", post)

        def text_post() -> str:
            text = "The council met again. " * (args.text_mb * (1 << 20) // 23)
            r = httpx.post(f"{base}/api/ingest", json={"text": text, "title": "Long"}, headers=auth, timeout=900)
            return f"{r.status_code} {r.text}"

        measure(server.pid, f"{args.text_mb} MB text with the token", text_post)
        if args.largest_text:
            text = invented_text(args.largest_text)
            measure(server.pid, f"largest accepted text ({len(text):,} characters) with the token",
                    lambda: (lambda r: f"{r.status_code} {r.text[:120]}")(httpx.post(
                        f"{base}/api/ingest", json={"text": text, "title": "Long"}, headers=auth, timeout=3600)))
    finally:
        server.terminate()  # uvicorn waits for a request in progress: kill it if it does not end soon
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        site.shutdown()


if __name__ == "__main__":
    main()
