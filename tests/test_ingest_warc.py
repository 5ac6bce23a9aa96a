"""WARC ingest: HTML responses become pages named by URL; damage loses only what follows it."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import read_inputs
from rashomon.model import InputFailure, Page


def _page(n: int) -> bytes:
    body = " ".join(f"Paragraph {n}.{i} about the Lenne bridge reopening in Osk." for i in range(60))
    return f"<html><head><title>Bridge {n}</title></head><body><p>{body}</p></body></html>".encode()


def _warc(path: Path, gzip: bool, records: list[tuple[str, bytes, str, str]]) -> Path:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for uri, body, ctype, status in records:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                      warc_headers_dict={"WARC-Date": "2026-05-04T07:30:00Z"})
        )
    path.write_bytes(buf.getvalue())
    return path


CRAWL = [
    ("https://osk.example/bridge-1", _page(1), "text/html; charset=utf-8", "200 OK"),
    ("https://osk.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
    ("https://osk.example/gone", b"<html>gone</html>", "text/html", "404 Not Found"),
    ("https://osk.example/bridge-2", _page(2), "text/html", "200 OK"),
    ("https://osk.example/bridge-3", _page(3), "application/xhtml+xml", "200 OK"),
]


def test_html_responses_become_pages_named_by_url(tmp_path: Path, options):
    path = _warc(tmp_path / "crawl.warc.gz", True, CRAWL)
    items = list(read_inputs([str(path)], options))
    assert all(isinstance(i, Page) for i in items), items
    assert [p.source for p in items] == ["https://osk.example/bridge-1", "https://osk.example/bridge-2", "https://osk.example/bridge-3"]
    assert {p.kind for p in items} == {"html"}
    assert items[0].url == items[0].source and "Bridge 1" in items[0].text
    assert items[0].captured == "2026-05-04T07:30:00+00:00" and items[0].published is None
    assert items[0].meta["container"] == str(path)


def test_truncated_warc_gz_keeps_records_before_the_damage(tmp_path: Path, options):
    whole = _warc(tmp_path / "whole.warc.gz", True, CRAWL).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 300])  # inside the last record
    good = tmp_path / "after.txt"
    good.write_text("Lenne bridge\nOpen again.\n")
    items = list(read_inputs([str(cut), str(good)], options))
    pages = [i for i in items if isinstance(i, Page)]
    fails = [i for i in items if isinstance(i, InputFailure)]
    assert [p.source for p in pages] == ["https://osk.example/bridge-1", "https://osk.example/bridge-2", str(good)]
    assert len(fails) == 1 and fails[0].source == str(cut)
    assert "truncated" in fails[0].reason and "2 page(s) before it were read" in fails[0].reason
    assert items[-1].source == str(good)  # the batch went on after the damaged input


def test_truncated_uncompressed_warc_is_reported(tmp_path: Path, options):
    whole = _warc(tmp_path / "whole.warc", False, CRAWL).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: len(whole) - 500])
    items = list(read_inputs([str(cut)], options))
    pages = [i.source for i in items if isinstance(i, Page)]
    fails = [i for i in items if isinstance(i, InputFailure)]
    assert pages == ["https://osk.example/bridge-1", "https://osk.example/bridge-2"]
    assert len(fails) == 1 and "cut short" in fails[0].reason


def test_file_that_is_not_a_warc(tmp_path: Path, options):
    path = tmp_path / "fake.warc"
    path.write_text("This is a plain note, not a crawl.\n")
    [fail] = list(read_inputs([str(path)], options))
    assert isinstance(fail, InputFailure) and fail.reason.startswith("not a WARC file")


def test_warc_without_html_says_so(tmp_path: Path, options):
    path = _warc(tmp_path / "img.warc.gz", True, [CRAWL[1]])
    [fail] = list(read_inputs([str(path)], options))
    assert isinstance(fail, InputFailure) and fail.reason == "no HTML response records (1 record(s) read)"


def test_same_url_twice_gets_distinct_sources(tmp_path: Path, options):
    path = _warc(tmp_path / "twice.warc.gz", True, [CRAWL[0], (CRAWL[0][0], _page(9), "text/html", "200 OK")])
    pages = list(read_inputs([str(path)], options))
    assert [p.source for p in pages] == ["https://osk.example/bridge-1", f"{path}#record-2"]
