"""RSS/Atom ingest: full-content entries become articles; link-only entries are fetched or reported."""

from __future__ import annotations

from pathlib import Path

import httpx

from rashomon.ingest import read_inputs
from rashomon.model import InputFailure, Page

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Lenne Valley Post</title>
<link>https://lennepost.example/</link>
<item>
  <title>Bridge over the Lenne reopens</title>
  <link>https://lennepost.example/2026/05/04/bridge-reopens</link>
  <pubDate>Mon, 04 May 2026 23:30:00 +0200</pubDate>
  <description>The bridge is open.</description>
  <content:encoded><![CDATA[<p>The Lenne bridge reopened on <b>Monday</b> after two years.</p>
  <h2>Traffic returns</h2><p>"It feels like a holiday," said Mayor Ada Brill.<br/>Buses return on Tuesday.</p>
  <script>track()</script>]]></content:encoded>
</item>
<item>
  <title>Council to vote on river dredging</title>
  <link>https://lennepost.example/2026/05/03/dredging-vote</link>
  <pubDate>Sun, 03 May 2026 10:00:00 +0200</pubDate>
  <description>A short teaser about dredging.</description>
</item>
<item>
  <title>No link here</title>
  <pubDate>Sat, 02 May 2026 10:00:00 +0200</pubDate>
  <content:encoded><![CDATA[<p>Fishermen on the Lenne report a record season.</p>]]></content:encoded>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Osk Harbour Notes</title>
  <id>urn:osk:notes</id><updated>2026-05-05T09:00:00Z</updated>
  <entry>
    <title>Ferry timetable changes</title>
    <link href="https://osknotes.example/ferry-timetable"/>
    <id>urn:osk:1</id>
    <updated>2026-05-05T09:00:00Z</updated>
    <content type="html">&lt;p&gt;The morning ferry leaves at 7:15.&lt;/p&gt;&lt;p&gt;The evening one is cancelled.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_content_entries_become_articles_with_plain_paragraphs(tmp_path: Path, options):
    path = _write(tmp_path, "lenne.rss", RSS)
    items = list(read_inputs([str(path)], options.with_(online=False)))
    first = items[0]
    assert isinstance(first, Page) and first.kind == "article"
    assert first.source == first.url == "https://lennepost.example/2026/05/04/bridge-reopens"
    assert first.title == "Bridge over the Lenne reopens"
    assert first.outlet == "Lenne Valley Post" and not first.user_outlet
    assert first.published == "2026-05-04"  # the publisher's own date, not shifted to UTC
    assert first.text.split("\n\n") == [
        "The Lenne bridge reopened on Monday after two years.",
        "Traffic returns",
        '"It feels like a holiday," said Mayor Ada Brill.',
        "Buses return on Tuesday.",
    ]
    assert first.meta["headings"] == ["Traffic returns"]
    no_link = items[2]
    assert isinstance(no_link, Page) and no_link.source == f"{path}#entry-3"


def test_link_only_entry_offline_is_reported_not_invented(tmp_path: Path, options):
    path = _write(tmp_path, "lenne.xml", RSS)
    items = list(read_inputs([str(path)], options.with_(online=False)))
    fail = items[1]
    assert isinstance(fail, InputFailure)
    assert fail.source == "https://lennepost.example/2026/05/03/dredging-vote"
    assert "link-only" in fail.reason and "offline" in fail.reason
    assert isinstance(items[2], Page)  # the entries after it still come through


def test_link_only_entry_online_is_fetched(tmp_path: Path, options):
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["user-agent"]))
        return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"},
                              content="<html><body><p>The dredging vote is on Thursday.</p></body></html>".encode())

    path = _write(tmp_path, "lenne.rss", RSS)
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        items = list(read_inputs([str(path)], options, client=client))
    fetched = items[1]
    assert isinstance(fetched, Page) and fetched.kind == "html"
    assert fetched.source == "https://lennepost.example/2026/05/03/dredging-vote"
    assert "dredging vote" in fetched.text
    assert (fetched.title, fetched.outlet, fetched.published) == ("Council to vote on river dredging", "Lenne Valley Post", "2026-05-03")
    assert fetched.captured is not None
    assert seen == [("https://lennepost.example/2026/05/03/dredging-vote", options.user_agent)]


def test_atom_feed(tmp_path: Path, options):
    [page] = list(read_inputs([str(_write(tmp_path, "osk.atom", ATOM))], options))
    assert page.kind == "article" and page.outlet == "Osk Harbour Notes"
    assert page.text == "The morning ferry leaves at 7:15.\n\nThe evening one is cancelled."
    assert page.published == "2026-05-05"


def test_malformed_feed_fails_and_the_batch_goes_on(tmp_path: Path, options):
    bad = _write(tmp_path, "broken.rss", "<rss><channel><title>Half a feed<item><title>oops")
    good = _write(tmp_path, "osk.atom", ATOM)
    items = list(read_inputs([str(bad), str(good)], options))
    assert isinstance(items[0], InputFailure) and items[0].source == str(bad)
    assert items[0].reason.startswith("malformed feed")
    assert isinstance(items[1], Page)


def test_feed_without_entries(tmp_path: Path, options):
    path = _write(tmp_path, "empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    [fail] = list(read_inputs([str(path)], options))
    assert isinstance(fail, InputFailure) and fail.reason == "feed has no entries"
