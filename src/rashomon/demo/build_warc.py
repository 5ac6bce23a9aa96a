"""Rebuild the demo crawl ``crawl-2026-03-10.warc.gz`` (invented pages, fixed ids and dates).

Why a script: a WARC is binary, so its content lives here as text a reviewer can read and
change; run ``python -m rashomon.demo.build_warc`` after an edit and commit both files.
The output is byte-for-byte reproducible (fixed record ids, dates and gzip headers).
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "crawl-2026-03-10.warc.gz"

MERIDIAN_URL = "https://meridianwire.example/world/2026/03/09/brenna-dam-bursts-selt-valley"
MERIDIAN_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Brenna Dam bursts, flooding villages on both sides of Valdoria-Tervania border | Meridian Wire</title>
<meta property="og:site_name" content="Meridian Wire">
<meta property="og:title" content="Brenna Dam bursts, flooding villages on both sides of Valdoria-Tervania border">
<meta property="article:published_time" content="2026-03-09T09:40:00+01:00">
<meta name="author" content="Meridian Wire staff">
<link rel="canonical" href="https://meridianwire.example/world/2026/03/09/brenna-dam-bursts-selt-valley">
</head>
<body>
<header class="mw-header">
  <a href="/" class="mw-logo">Meridian Wire</a>
  <nav><a href="/world">World</a> <a href="/markets">Markets</a> <a href="/energy">Energy</a> <a href="/technology">Technology</a> <a href="/pictures">Pictures</a></nav>
  <a href="/licensing" class="mw-cta">License our content</a>
</header>
<main>
<article>
  <h1>Brenna Dam bursts, flooding villages on both sides of Valdoria-Tervania border</h1>
  <p class="mw-meta">By Meridian Wire staff &middot; <time datetime="2026-03-09T09:40:00+01:00">March 9, 2026 9:40 AM CET</time> &middot; Updated 35 minutes ago</p>
  <p>BRENNA, Valdoria, March 9 (Meridian Wire) - A section of the Brenna Dam on the river Selt gave way before dawn on Monday, sending floodwater into villages in Valdoria and neighbouring Tervania and forcing thousands of people from their homes, officials in both countries said.</p>
  <p>At least six people were killed, according to Valdoria's civil protection agency, which said the breach happened at about 3:40 a.m. local time. Rescue teams were using boats to reach houses cut off in the Valdorian villages of Lower Brenna and Hollin.</p>
  <p>In Tervania, the emergencies ministry said the water had reached the villages of Karamet and Suvly about two hours later. "The situation is very serious, and we expect the number of victims to rise," ministry spokesman Ilyas Mirzoyev told reporters in Karamet.</p>
  <p>He said more than 4,000 people had been evacuated on the Tervanian side of the river.</p>
  <p>The cause of the breach was not immediately clear. Valdhydro, the state company that operates the 48-year-old dam, said it had opened an investigation and was "cooperating fully" with the authorities.</p>
  <p>Heavy rain fell across the upper Selt basin on Saturday and Sunday, and the reservoir was close to its maximum level, according to data published by the company last week.</p>
  <p>The Brenna Dam, completed in 1978, holds back a reservoir of about 300 million cubic metres and supplies electricity to much of eastern Valdoria. Downstream of the dam, the Selt forms the border between the two countries for some 40 kilometres.</p>
  <p>Relations between Valdoria and Tervania have been strained for years over the sharing of the river's water, on which Tervanian farmers depend for irrigation.</p>
  <p class="mw-credit">(Reporting by Meridian Wire staff; Editing by Hal Brandt)</p>
  <p class="mw-trust">Our Standards: The Meridian Wire Trust Principles.</p>
</article>
<aside class="mw-more"><h2>More from Meridian Wire</h2>
  <ul><li><a href="/markets/2026/03/09/power-prices-jump">Eastern power prices jump after dam outage</a></li>
  <li><a href="/world/2026/03/08/westmark-election-poll">Westmark governing party slips in new poll</a></li></ul>
</aside>
</main>
<footer class="mw-footer"><p>All quotes delayed a minimum of 15 minutes. &copy; 2026 Meridian Wire. All rights reserved.</p>
<p><a href="/terms">Terms of use</a> <a href="/privacy">Privacy</a> <a href="/accessibility">Accessibility</a></p></footer>
</body>
</html>
"""

CALDERRA_URL = "https://calderraeveningpost.example/news/city/quayside-tram-line-approved"
CALDERRA_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="windows-1252">
<title>Council approves Quayside tram line after nine-hour debate - Calderra Evening Post</title>
<meta property="og:site_name" content="Calderra Evening Post">
<meta property="og:title" content="Council approves Quayside tram line after nine-hour debate">
<meta property="article:published_time" content="2026-03-10T22:10:00+01:00">
<meta name="author" content="Lucia Fenn">
</head>
<body>
<div class="cookie-notice">This site uses cookies. By continuing to browse you agree to our use of cookies. <a href="/cookies">Find out more</a> <button>OK</button></div>
<header><a href="/" class="logo">Calderra Evening Post</a>
<nav><a href="/news">News</a> <a href="/news/city">City</a> <a href="/sport">Sport</a> <a href="/whats-on">What's on</a> <a href="/property">Property</a> <a href="/jobs">Jobs</a></nav></header>
<main>
<article>
  <h1>Council approves Quayside tram line after nine-hour debate</h1>
  <p class="intro">Traders on Canal Street warn that two years of works will drive them out of business</p>
  <p class="byline">By Lucia Fenn, City Hall Reporter &middot; 10 March 2026</p>
  <p>Calderra city council voted 31 to 18 late on Tuesday to approve the Quayside tram line, a 7.2-kilometre route that will link the old port with the central station and the university district.</p>
  <p>Mayor Ines Valcourt said after the vote that the line would \u201creconnect the old port with the rest of the city\u201d and take some 9,000 cars a day off the roads. Construction is due to begin in September and to cost 240 million euros.</p>
  <p>The decision followed a nine-hour debate in which opposition councillors accused the mayor of ignoring the traders of Canal Street, where the tracks will run for almost a kilometre.</p>
  <p>\u201cWe are not against trams. We are against going bankrupt while we wait for them,\u201d said Teodor Lisk, who chairs the Canal Street Traders\u2019 Association. He said more than 60 shops would lose their passing trade during the works.</p>
  <p>The council\u2019s transport committee chair, Bram Osei, said compensation of up to 15,000 euros per shop had been set aside, and that works on Canal Street would be done in sections of 200 metres.</p>
  <p>The traders\u2019 association said it would meet on Thursday to decide whether to challenge the decision in court.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/news/city/harbour-bridge-lights">Harbour bridge lights switched on</a></li><li><a href="/sport/calderra-fc-derby">Calderra FC win the derby</a></li></ul></aside>
</main>
<footer><p>&copy; 2026 Calderra Evening Post. Part of the Westmark Newspapers group.</p></footer>
</body>
</html>
"""

ROBOTS = "User-agent: *\nDisallow: /search\n"


def _record(writer: WARCWriter, uri: str, body: bytes, content_type: str, date: str, record_id: str):
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": f"<urn:uuid:{record_id}>"},
    )


def build(path: Path = OUTPUT) -> Path:
    """Write the demo WARC to ``path`` and return it."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    info = writer.create_warcinfo_record(
        "crawl-2026-03-10.warc.gz",
        {"software": "rashomon demo builder", "description": "Invented pages for the Rashomon demo corpus"},
    )
    info.rec_headers.replace_header("WARC-Date", "2026-03-10T21:30:00Z")
    info.rec_headers.replace_header("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>")
    writer.write_record(info)
    writer.write_record(
        _record(writer, MERIDIAN_URL, MERIDIAN_HTML.encode("utf-8"), "text/html; charset=utf-8",
                "2026-03-09T10:15:00Z", "00000000-0000-4000-8000-000000000002")
    )
    writer.write_record(
        _record(writer, "https://meridianwire.example/robots.txt", ROBOTS.encode("ascii"), "text/plain",
                "2026-03-09T10:15:01Z", "00000000-0000-4000-8000-000000000003")
    )
    writer.write_record(
        _record(writer, CALDERRA_URL, CALDERRA_HTML.encode("cp1252"), "text/html",
                "2026-03-10T21:30:05Z", "00000000-0000-4000-8000-000000000004")
    )
    path.write_bytes(buf.getvalue())
    return path


if __name__ == "__main__":
    print(build())
