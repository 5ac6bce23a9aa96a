"""http(s) inputs: fetched through httpx only when online; every refusal has a reason."""

from __future__ import annotations

from pathlib import Path

import httpx

from rashomon.ingest import read_inputs
from rashomon.model import InputFailure, Page

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Osk Radio</title>
<item><title>Tide record</title><link>https://oskradio.example/tide</link>
<description><![CDATA[<p>Highest tide in forty years.</p>""" + b"<p>More words about the tide. </p>" * 40 + b"""]]></description>
</item></channel></rss>"""


def _handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/page":
        return httpx.Response(200, headers={"content-type": "text/html; charset=iso-8859-1"},
                              content="<html><body><p>Caf\u00e9 reopens</p></body></html>".encode("latin-1"))
    if path == "/feed":
        return httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=FEED)
    if path == "/slow":
        raise httpx.ReadTimeout("timed out", request=request)
    if path == "/image":
        return httpx.Response(200, headers={"content-type": "image/png"}, content=b"\x89PNG\r\n\x1a\n....")
    return httpx.Response(404)


def test_offline_urls_fail_without_a_request(tmp_path: Path, options):
    good = tmp_path / "a.txt"
    good.write_text("Local capture\nStill read.\n")
    items = list(read_inputs(["https://osk.example/page", str(good)], options.with_(online=False)))
    assert isinstance(items[0], InputFailure) and "offline" in items[0].reason
    assert isinstance(items[1], Page)


def test_online_fetches_by_content_type(options):
    with httpx.Client(transport=httpx.MockTransport(_handler)) as client:
        items = list(read_inputs(
            ["https://osk.example/page", "https://osk.example/feed", "https://osk.example/missing",
             "https://osk.example/slow", "https://osk.example/image"],
            options.with_(fetch_timeout=3.0), client=client, published="2026-05-06",
        ))
    page, entry, missing, slow, image = items
    assert isinstance(page, Page) and page.kind == "html" and "Café reopens" in page.text
    assert page.source == "https://osk.example/page" and page.captured and page.user_published
    assert isinstance(entry, Page) and entry.kind == "article" and entry.source == "https://oskradio.example/tide"
    assert (missing.source, missing.reason) == ("https://osk.example/missing", "HTTP 404 Not Found")
    assert slow.reason == "timed out after 3 s"
    assert "unsupported content type 'image/png'" in image.reason
