"""Reading a large WARC: ``warcio`` against ``fastwarc`` (ChatNoir's resiliparse project), and
Rashomon's own reader (``ingest.warc.read_warc``: integrity check, records, HTML pages) over it.

    python bench/warc_read.py [--pages 5000] [--repeat 3]

A crawl of invented pages (``tests/pipeline_pages.page_html``, with a robots.txt and a
request record between pages, as a crawler writes them) is written once per-record gzipped
(``.warc.gz``) and once uncompressed (``.warc``). For each file and reader it prints one JSON
line: records and HTML responses seen, MB/s of file read (best of ``--repeat``), and whether
the library saw exactly the (URL, payload digest) pairs that warcio saw. The readers do the
same work: iterate every record, read each response's HTTP payload to the end.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def write_crawl(path: Path, pages: int, gzip: bool) -> None:
    """Invented pages as a crawler writes them: request, response, now and then a robots.txt."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sys.path.insert(0, str(REPO / "tests"))
    from pipeline_pages import page_html

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench/warc_read.py"}))
        for i in range(pages):
            uri = f"https://courier{i % 17}.example/local/2031/case-{i}"
            body = _sized(page_html(i), i).encode("utf-8")
            if i % 50 == 0:
                robots = b"User-agent: *\nDisallow: /private\n"
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"https://courier{i % 17}.example/robots.txt", "response",
                                                              payload=io.BytesIO(robots), http_headers=headers))
            req = StatusAndHeaders(f"GET /local/2031/case-{i} HTTP/1.1", [("Host", f"courier{i % 17}.example")],
                                   is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def page_html_text(i: int) -> str:
    sys.path.insert(0, str(REPO / "tests"))
    from pipeline_pages import page_html

    return page_html(i)


def _sized(html: str, i: int) -> str:
    """A page padded to the size of a real news page (~60 KB: menus, scripts, related links)."""
    links = "".join(f'<li><a href="/local/2031/related-{i}-{k}">Related report {k} on the works committee</a></li>'
                    for k in range(120))
    script = "<script>window.dataLayer=window.dataLayer||[];" + "dataLayer.push({'slot':'ad-%d'});" * 900 + "</script>"
    return html.replace("</footer>", f"<ul class='related'>{links}</ul>{script}</footer>")


def read_warcio(path: Path) -> tuple[int, set[tuple[str, str]]]:
    from warcio.archiveiterator import ArchiveIterator

    n, seen = 0, set()
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            n += 1
            if record.rec_type == "response":
                payload = record.content_stream().read()
                ctype = record.http_headers.get_header("Content-Type") or ""
                if ctype.startswith("text/html"):
                    seen.add((record.rec_headers.get_header("WARC-Target-URI"), hashlib.sha1(payload).hexdigest()))
    return n, seen


def read_fastwarc(path: Path) -> tuple[int, set[tuple[str, str]]]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n, seen = 0, set()
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True):
            n += 1
            if record.record_type == WarcRecordType.response:
                payload = record.reader.read()
                ctype = record.http_headers.get("Content-Type") or ""
                if ctype.startswith("text/html"):
                    seen.add((record.headers.get("WARC-Target-URI"), hashlib.sha1(payload).hexdigest()))
    return n, seen


def read_rashomon(path: Path) -> tuple[int, set[tuple[str, str]]]:
    from rashomon.config import default_options
    from rashomon.ingest.warc import read_warc
    from rashomon.model import Page

    n, seen = 0, set()
    for item in read_warc(path, path.name, default_options()):
        n += 1
        if isinstance(item, Page):
            seen.add((item.source, ""))
    return n, seen


READERS = {"warcio": read_warcio, "fastwarc": read_fastwarc, "rashomon.read_warc": read_rashomon}


def extraction_ms(path: Path, pages: int = 200) -> float:
    """Milliseconds per page of the next stage (``extract.extract_page``) over the crawl's first pages:
    what reading is weighed against."""
    from rashomon.config import default_options
    from rashomon.extract import extract_page
    from rashomon.ingest.warc import read_warc
    from rashomon.model import Page

    options = default_options()
    got = [p for p in read_warc(path, path.name, options) if isinstance(p, Page)][:pages]
    t = time.perf_counter()
    for page in got:
        extract_page(page, options)
    return (time.perf_counter() - t) / max(1, len(got)) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--readers", default=",".join(READERS))
    args = parser.parse_args()
    names = args.readers.split(",")
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        print("fastwarc is not installed (pip install fastwarc==2.0.1): measuring the others", file=sys.stderr)
        names = [n for n in names if n != "fastwarc"]
    with tempfile.TemporaryDirectory() as tmp:
        for gz in (True, False):
            path = Path(tmp) / ("crawl.warc.gz" if gz else "crawl.warc")
            write_crawl(path, args.pages, gz)
            mb = path.stat().st_size / 2**20
            reference = None
            raw_mb = sum(len(_sized(page_html_text(i), i)) for i in range(args.pages)) / 2**20 if gz else mb
            for name in names:
                best = float("inf")
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    records, seen = READERS[name](path)
                    best = min(best, time.perf_counter() - t)
                row = {"file": path.name, "mb": round(mb, 1), "html_mb": round(raw_mb, 1), "reader": name,
                       "records": records, "html_responses": len(seen), "seconds": round(best, 3),
                       "ms_per_page": round(best / args.pages * 1e3, 3), "mb_per_s": round(mb / best, 1)}
                if name == "warcio":
                    reference = seen
                elif reference is not None and name != "rashomon.read_warc":
                    row["same_as_warcio"] = seen == reference
                elif reference is not None:
                    row["same_urls_as_warcio"] = {u for u, _ in seen} == {u for u, _ in reference}
                print(json.dumps(row), flush=True)
            print(json.dumps({"file": path.name, "stage": "extract.extract_page", "ms_per_page": round(extraction_ms(path), 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
