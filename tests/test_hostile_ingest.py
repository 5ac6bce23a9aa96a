"""Issue 23, crafted inputs: each finding reproduced with inputs the test writes itself.

The promise under test (README, "Reliability"): one ``error:`` line per bad input on stderr,
the rest of the batch stored, no traceback, nothing lost silently.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
import sys
import zlib
from pathlib import Path

import fuzz_script
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline_pages import page_html
from rashomon.cli import main
from rashomon.store import Store


def _ingest(runner, *args, analyze: bool = False):
    extra = [] if analyze else ["--no-analyze"]
    return runner.invoke(main, ["ingest", *map(str, args), *extra, "--json"])


def _summary(result) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def _errors(result) -> list[str]:
    """stderr split in lines; every one must be an ``error:`` (or ``changed:``) line."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert all(line.startswith(("error: ", "changed: ")) for line in lines), result.stderr
    return [line for line in lines if line.startswith("error: ")]


def _sources(db: Path) -> list[str]:
    with Store.open(db) as store:
        return sorted(a.page_source for a in store.articles())


def _record(n: int) -> dict:
    return {"url": f"https://fenland.example/story-{n}", "title": f"Story {n}",
            "text": f"The ferry to Ockmoor ran late on day {n}. " * 12}


# -- JSONL --------------------------------------------------------------------------------------

def test_lone_surrogate_in_jsonl_text_is_kept_and_the_batch_goes_on(runner, tmp_path):
    dump = tmp_path / "dump.jsonl"
    bad = json.dumps(_record(1))[:-1] + ', "title": "Lone \\ud800 half"}'
    lines = [json.dumps(_record(0)), bad.replace('"text": "', '"text": "\\udc80 ', 1), json.dumps(_record(2))]
    dump.write_text("\n".join(lines) + "\n")
    db = tmp_path / "s.db"
    result = _ingest(runner, dump, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert _errors(result) == []
    assert len(_sources(db)) == 3
    again = _ingest(runner, dump, "--db", db)  # a re-run neither crashes nor adds anything
    assert again.exit_code == 0 and _summary(again)["articles_added"] == 0


@pytest.mark.parametrize("poison", ["1" * 5000, "[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000])
def test_one_pathological_jsonl_line_fails_alone(runner, tmp_path, poison):
    dump = tmp_path / "dump.jsonl"
    lines = [json.dumps(_record(0)), '{"url": "https://fenland.example/x", "text": "t", "n": ' + poison + "}",
             json.dumps(_record(1)), json.dumps(_record(2))]
    dump.write_text("\n".join(lines) + "\n")
    db = tmp_path / "p.db"
    result = _ingest(runner, dump, "--db", db)
    assert result.exit_code == 1
    errors = _errors(result)
    assert len(errors) == 1 and f"{dump}:2:" in errors[0], errors
    assert len(_sources(db)) == 3  # the lines after it are not dropped


# -- file names ------------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_non_utf8_file_name_gets_one_line_and_the_batch_is_stored(runner, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(page_html(1))
    bad = os.path.join(os.fsencode(folder), b"bad-\xff\xfe.html")
    with open(bad, "wb") as fh:
        fh.write(b"")  # empty: a failure whose source is the undecodable name
    good_odd = os.path.join(os.fsencode(folder), b"odd-\xe9.html")
    with open(good_odd, "wb") as fh:
        fh.write(page_html(2).encode())
    (folder / "z.html").write_text(page_html(3))
    db = tmp_path / "n.db"
    result = _ingest(runner, folder, "--db", db)
    assert result.exit_code == 1, result.stderr
    errors = _errors(result)
    assert len(errors) == 1 and "empty file" in errors[0]
    assert len(_sources(db)) == 3


def test_newline_in_file_name_stays_on_one_error_line(runner, tmp_path):
    path = tmp_path / "two\nlines.html"
    path.write_bytes(b"")
    result = _ingest(runner, path, "--db", tmp_path / "nl.db")
    assert result.exit_code == 1
    errors = _errors(result)
    assert len(errors) == 1 and "two\\nlines.html" in errors[0]


def test_short_text_with_one_nul_byte_is_read(runner, tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"Ferry delayed at Ockmoor\n\nThe ferry to Ockmoor ran\x00 late on Tuesday, the harbour master said.\n")
    db = tmp_path / "nul.db"
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert _summary(result)["articles_added"] == 1


# -- WARC ------------------------------------------------------------------------------------------

def _response(uri: str, body: bytes, *, length: bool = True, encoding: str | None = None) -> bytes:
    """A WARC response record (the fuzz script's builder), without its Content-Length when ``length`` is False."""
    return fuzz_script.load()._warc_record(uri, body, encoding=encoding, length=length)


def _warc(records: list[tuple[str, bytes]], gz: bool = False) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    return buf.getvalue()


def test_warc_record_without_content_length_does_not_swallow_the_next(runner, tmp_path):
    path = tmp_path / "nolen.warc"
    path.write_bytes(_response("https://a.example/1", page_html(1).encode())
                     + _response("https://a.example/2", page_html(2).encode(), length=False)
                     + _response("https://a.example/3", page_html(3).encode()))
    db = tmp_path / "w.db"
    result = _ingest(runner, path, "--db", db)
    errors = _errors(result)
    stored = _sources(db)
    assert "https://a.example/1" in stored
    # the record that cannot be delimited is reported, never silently merged with the next one
    assert result.exit_code == 1 and len(errors) == 1 and "Content-Length" in errors[0], result.stderr
    assert stored == ["https://a.example/1", "https://a.example/3"]  # reading went on at the next record


def test_whole_file_gzipped_warc_is_read(runner, tmp_path):
    path = tmp_path / "whole.warc.gz"
    plain = _warc([(f"https://b.example/{i}", page_html(i).encode()) for i in range(3)])
    path.write_bytes(gzip.compress(plain))
    db = tmp_path / "g.db"
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert _summary(result)["articles_added"] == 3


def _bomb(size: int, head: bytes = b"") -> bytes:
    """gzip of ``head`` then ``size`` bytes of one repeated letter: about a thousand times smaller."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"a" * (1 << 20)
    parts = [z.compress(head)] + [z.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts) + z.flush()


def test_gzip_encoded_http_body_bomb_is_refused_with_one_line(runner, tmp_path):
    body = gzip.compress(b"<html><body><p>" + b"a" * 60_000_000 + b"</p></body></html>")
    path = tmp_path / "bomb.warc"
    path.write_bytes(_response("https://c.example/good", page_html(1).encode())
                     + _response("https://c.example/bomb", body, encoding="gzip")
                     + _response("https://c.example/after", page_html(2).encode()))
    db = tmp_path / "b.db"
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code == 1
    errors = _errors(result)
    assert len(errors) == 1 and "https://c.example/bomb" in errors[0] and "max_inflate_ratio" in errors[0], errors
    assert _sources(db) == ["https://c.example/after", "https://c.example/good"]


def test_pages_over_max_page_bytes_are_refused_one_by_one(tmp_path, options):
    from rashomon.ingest import read_inputs
    from rashomon.model import InputFailure, Page

    small = options.with_(max_page_bytes=50_000)
    big = page_html(7).replace("</article>", "<p>" + "Long paragraph of harbour news. " * 3000 + "</p></article>")
    warc = tmp_path / "big.warc"
    warc.write_bytes(_response("https://f.example/1", page_html(1).encode())
                     + _response("https://f.example/big", gzip.compress(big.encode()), encoding="gzip")
                     + _response("https://f.example/3", page_html(3).encode()))
    html = tmp_path / "big.html"
    html.write_text(big)
    dump = tmp_path / "big.jsonl"
    dump.write_text(json.dumps(_record(1)) + "\n" + json.dumps(dict(_record(2), text=big)) + "\n" + json.dumps(_record(3)) + "\n"
                    + "\n".join(json.dumps(_record(i)) for i in range(4, 200)) + "\n")
    items = list(read_inputs([str(warc), str(html), str(dump)], small))
    fails = [(i.source, i.reason) for i in items if isinstance(i, InputFailure)]
    pages = [i.source for i in items if isinstance(i, Page)]
    assert [f[0] for f in fails] == ["https://f.example/big", str(html), f"{dump}:2"], fails
    assert all("max_page_bytes" in f[1] for f in fails)
    assert pages[:2] == ["https://f.example/1", "https://f.example/3"] and len(pages) == 2 + 198


def test_gzipped_warc_that_inflates_too_far_is_refused(runner, tmp_path):
    path = tmp_path / "bomb.warc.gz"
    head = _response("https://d.example/1", page_html(1).encode())
    path.write_bytes(gzip.compress(head) + gzip.compress(b"WARC/1.0\r\n") + _bomb(300 << 20))
    result = _ingest(runner, path, "--db", tmp_path / "d.db")
    assert result.exit_code == 1
    errors = _errors(result)
    assert len(errors) == 1 and "max_inflate_ratio" in errors[0], errors
    assert _sources(tmp_path / "d.db") == ["https://d.example/1"]  # the record before the bomb is kept
    whole = tmp_path / "whole-bomb.warc.gz"  # one gzip member for the whole file, a bomb inside it
    whole.write_bytes(_bomb(300 << 20, head=_response("https://d.example/2", page_html(2).encode())[:-4]))
    result = _ingest(runner, whole, "--db", tmp_path / "d.db")
    assert result.exit_code == 1 and len(_errors(result)) == 1 and "max_inflate_ratio" in result.stderr


def test_warcio_warnings_do_not_reach_stderr(runner, tmp_path):
    # a record followed by garbage instead of the blank lines: warcio prints a raw multi-line warning
    path = tmp_path / "junk.warc"
    rec = _response("https://e.example/1", page_html(1).encode())
    path.write_bytes(rec[:-4] + b"\xff\xfe junk \x01\n more\n" + _response("https://e.example/2", page_html(2).encode()))
    result = _ingest(runner, path, "--db", tmp_path / "j.db")
    _errors(result)  # only error: lines, whatever the outcome


# -- changed pages ---------------------------------------------------------------------------------

def test_same_url_with_new_text_is_kept_as_a_version_and_reported(runner, tmp_path):
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    rec = _record(5)
    first.write_text(json.dumps(rec) + "\n")
    second.write_text(json.dumps(dict(rec, text=rec["text"] + " A correction was added later.")) + "\n")
    db = tmp_path / "v.db"
    assert _ingest(runner, first, "--db", db).exit_code == 0
    result = _ingest(runner, second, "--db", db)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("changed: ")]
    assert len(lines) == 1 and rec["url"] in lines[0], result.stderr
    assert _summary(result)["pages_changed"] == 1
    with Store.open(db) as store:
        (art,) = store.articles()
        versions = store.versions(art.id)
    assert len(versions) == 1 and "correction" in versions[0].body
    again = _ingest(runner, second, "--db", db)  # the same new text again: already stored
    assert again.exit_code == 0 and _summary(again)["pages_changed"] == 0


# -- store -----------------------------------------------------------------------------------------

def test_database_from_a_newer_schema_is_refused(runner, tmp_path):
    db = tmp_path / "new.db"
    with Store.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code != 0 and "newer" in result.stderr and "Traceback" not in result.stderr
    read = runner.invoke(main, ["articles", "--db", str(db)])
    assert read.exit_code != 0 and "newer" in read.stderr


def test_ingest_into_a_corrupt_database_is_one_error(runner, tmp_path):
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr and result.stderr.startswith("error: "), result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes read-only files")
def test_ingest_into_a_read_only_database_is_one_error(runner, tmp_path):
    db = tmp_path / "ro.db"
    with Store.open(db):
        pass
    db.chmod(0o444)
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr, result.stderr


def test_ingest_into_a_read_only_database_file_even_as_root(runner, tmp_path, monkeypatch):
    """The same through SQLite's own refusal (an immutable file cannot be had as root): simulated."""
    db = tmp_path / "ro2.db"
    with Store.open(db):
        pass
    real = Store.add_page

    def refuse(self, *a, **k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Store, "add_page", refuse)
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    result = _ingest(runner, path, "--db", db)
    monkeypatch.setattr(Store, "add_page", real)
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), result.exception
    assert "readonly" in result.stderr and "Traceback" not in result.stderr


def test_db_in_a_missing_directory_is_refused(runner, tmp_path):
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    db = tmp_path / "no" / "such" / "x.db"
    result = _ingest(runner, path, "--db", db)
    assert result.exit_code != 0 and "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("where", ["missing", "not-a-directory"])
def test_export_into_a_bad_directory_is_one_error(runner, tmp_path, where):
    db = tmp_path / "e.db"
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    assert _ingest(runner, path, "--db", db).exit_code == 0
    # a parent that is a file cannot be written into, even by root
    out = tmp_path / ("nowhere" if where == "missing" else "p.html") / "out.jsonl"
    result = runner.invoke(main, ["export", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("error: ") and str(out) in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_with_a_port_out_of_range_is_one_error(runner, tmp_path):
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--port", "99999"])
    assert result.exit_code == 2 and "99999" in result.stderr, result.stderr
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.stderr


# -- long articles, tone, time per page, concurrent ingests ------------------------------------------

def _long_body(paragraphs: int) -> str:
    out = []
    for i in range(paragraphs):
        out.append(f"\u201cThe ferry to Ockmoor will run again on {i % 27 + 1} May,\u201d said harbour master "
                   f"Ines Holloway in Sallowfen on Tuesday. Residents of Marrowick disputed the timetable, case {i}.")
    return "\n\n".join(out)


def test_a_long_article_is_analysed_in_pieces_with_offsets_on_the_whole_body(nlp, options):
    from rashomon.analyze import analyze_articles, pieces
    from rashomon.model import Article

    body = _long_body(60)
    art = Article(source="https://g.example/long#main", page_source="https://g.example/long", body=body,
                  published="2031-04-01")
    spans = pieces(body, 2000)
    assert len(spans) > 3 and spans[0][0] == 0 and spans[-1][1] == len(body)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])) and all(e - s <= 2000 for s, e in spans)
    assert all(body[s - 2 : s] == "\n\n" for s, _ in spans[1:])  # cut at paragraph ends
    (whole,) = analyze_articles([art], nlp, options)
    (split,) = analyze_articles([art], nlp, options.with_(analysis_piece_chars=2000))
    assert split.article == art.id and split.mentions and split.attributions and split.timexes
    for m in split.mentions:
        assert body[m.start : m.end] == m.text
    for t in split.timexes:
        assert body[t.start : t.end] == t.text
    for a in split.attributions:
        assert body[a.content_start : a.content_end] == a.content and body[a.cue_start : a.cue_end] == a.cue
    assert split.sentences[-1][1] <= len(body) and split.sentences == sorted(split.sentences)
    # paragraphs never span a cut, so the pieces find what the whole body gives
    assert {(m.start, m.end) for m in split.mentions} == {(m.start, m.end) for m in whole.mentions}
    assert len(split.attributions) == len(whole.attributions)


def test_past_the_head_a_very_long_body_takes_the_cheaper_path(nlp, options):
    """Pieces past ``analysis_full_chars`` skip NER (the head's names are marked instead) and the
    attribution encoder; the head is analysed as before, statements and time are still found."""
    from rashomon.analyze import analyze_articles, full_analysis_chars
    from rashomon.model import Article

    body = _long_body(60) + "\n\n" + ("Councillor Bartholomew Eskdale of Ventnor Mills disagreed on Friday. " * 3)
    art = Article(source="https://g.example/long2#main", page_source="https://g.example/long2", body=body,
                  published="2031-04-01")
    split = options.with_(analysis_piece_chars=2000)
    cheap = split.with_(analysis_full_chars=6000)
    assert full_analysis_chars(split) >= 100_000 and full_analysis_chars(cheap) == 6000
    (full,) = analyze_articles([art], nlp, split)
    (tail,) = analyze_articles([art], nlp, cheap)
    head = {(m.start, m.end, m.label) for m in full.mentions if m.end <= 6000}
    assert head and head == {(m.start, m.end, m.label) for m in tail.mentions if m.end <= 6000}
    for m in tail.mentions:
        assert body[m.start : m.end] == m.text
    late = [m for m in tail.mentions if m.start > 6000]
    assert {m.text for m in late} >= {"Ines Holloway", "Sallowfen"}  # the head's names recur past it
    head_names = {m.text for m in tail.mentions if m.end <= 6000}
    assert {m.text for m in late} <= head_names  # a name first met past the head is not marked
    assert not any("Eskdale" in m.text for m in late) and any("Eskdale" in m.text for m in full.mentions)
    assert [t.text for t in tail.timexes] == [t.text for t in full.timexes]
    assert sum(a.content_start > 6000 for a in tail.attributions) >= 0.9 * sum(a.content_start > 6000 for a in full.attributions)
    assert tail.sentences == full.sentences


def test_tone_of_a_body_without_sentences_is_not_quadratic():
    import time

    from rashomon.compare.framing import _tone
    from rashomon.model import Article

    art = Article(source="s#main", page_source="s", body="the ferry was late and the council was wrong " * 10_000)
    started = time.perf_counter()
    tone = _tone([art], {})
    assert time.perf_counter() - started < 20 and -1 <= tone <= 1


def test_a_page_that_takes_too_long_is_given_up_alone(runner, tmp_path, monkeypatch):
    import time

    import rashomon.extract as extract
    from rashomon.config import default_options
    from rashomon.pipeline import ingest

    real = extract.extract_page

    def slow(page, options):
        if "slow" in page.source:
            time.sleep(120)
        return real(page, options)

    (tmp_path / "warm.html").write_text(page_html(40))  # imports and first-use costs are not the page's
    ingest([str(tmp_path / "warm.html")], default_options(db=str(tmp_path / "w.db"), analyze=False))
    monkeypatch.setattr(extract, "extract_page", slow)
    for name in ("a.html", "slow.html", "z.html"):
        (tmp_path / name).write_text(page_html(len(name) + ord(name[0])))
    failures = []
    started = time.perf_counter()
    report = ingest([str(tmp_path / n) for n in ("a.html", "slow.html", "z.html")],
                    default_options(db=str(tmp_path / "t.db"), analyze=False, page_timeout=5),
                    on_failure=failures.append)
    assert time.perf_counter() - started < 50
    assert [f.source for f in failures] == [str(tmp_path / "slow.html")], failures
    assert "page_timeout" in failures[0].reason
    assert report.articles_added == 2


def test_two_runs_never_claim_the_same_articles(tmp_path):
    from rashomon.model import Article, content_hash

    db = tmp_path / "c.db"
    with Store.open(db) as store:
        for i in range(10):
            body = f"Article {i} about the ferry."
            store.add_page_articles(content_hash(body), f"p{i}", [Article(source=f"p{i}#main", page_source=f"p{i}", body=body)])
    with Store.open(db) as one, Store.open(db) as two:
        a = one.claim_unanalyzed("run-a", 4, 30)
        b = two.claim_unanalyzed("run-b", 4, 30)
        assert len(a) == len(b) == 4 and not set(a) & set(b)
        assert set(two.claim_unanalyzed("run-b", 10, 30)) == set(b) | (set(one.unanalyzed()) - set(a) - set(b))
        one.release_claims(a)
        assert set(a) <= set(two.claim_unanalyzed("run-b", 10, 30))
        assert len(one.claim_unanalyzed("run-a", 10, -1.0)) == 10  # claims past their time are taken over


def test_derive_leaves_articles_another_run_claimed(tmp_path, options, monkeypatch):
    from rashomon.derive import Deriver
    from rashomon.model import Article, content_hash

    db = tmp_path / "d.db"
    with Store.open(db) as store:
        for i in range(6):
            body = f"Article {i} about the ferry."
            store.add_page_articles(content_hash(body), f"p{i}", [Article(source=f"p{i}#main", page_source=f"p{i}", body=body)])
        other = store.claim_unanalyzed("another-live-run", 4, 30)
        seen: list[str] = []
        deriver = Deriver(store, options.with_(batch_size=2), lambda f: None)
        monkeypatch.setattr(Deriver, "analyze", lambda self, ids: seen.extend(ids))
        deriver.analyze_pending()
        assert sorted(seen) == sorted(set(store.unanalyzed()) - set(other)) and len(seen) == 2


def test_an_unexpected_error_is_one_line_not_a_traceback(runner, tmp_path, monkeypatch):
    import rashomon.cli.corpus as corpus

    def broken(*args, **kwargs):
        raise RuntimeError("something no command expected\nwith a second line")

    monkeypatch.setattr(corpus, "ingest", broken)
    monkeypatch.delenv("RASHOMON_DEBUG", raising=False)
    path = tmp_path / "p.html"
    path.write_text(page_html(1))
    result = _ingest(runner, path, "--db", tmp_path / "u.db")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: internal error (RuntimeError: something no command expected)")


def test_pages_handed_to_the_pipeline_with_surrogates_are_stored(tmp_path):
    from rashomon.config import default_options
    from rashomon.model import Page
    from rashomon.pipeline import ingest_pages

    pages = [Page(source="api:1", kind="article", title="Lone \ud800", text="The ferry \udc80 ran late. " * 20),
             Page(source="api:2", kind="article", title="Fine", text="The tram ran on time. " * 20)]
    failures = []
    report = ingest_pages(pages, default_options(db=str(tmp_path / "api.db"), analyze=False), on_failure=failures.append)
    assert failures == [] and report.articles_added == 2


def test_a_killed_runs_claims_are_taken_over_at_once(tmp_path):
    import socket
    import subprocess

    from rashomon.model import Article, content_hash

    db = tmp_path / "k.db"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that claimed, then died (kill -9)
    with Store.open(db) as store:
        for i in range(3):
            body = f"Article {i} about the tram."
            store.add_page_articles(content_hash(body), f"k{i}", [Article(source=f"k{i}#main", page_source=f"k{i}", body=body)])
        assert len(store.claim_unanalyzed(f"{socket.gethostname()}:{gone.pid}:dead", 3, 30)) == 3
        assert len(store.claim_unanalyzed(f"{socket.gethostname()}:{os.getpid()}:live", 3, 30)) == 3
        assert store.claim_unanalyzed("elsewhere:1:other", 3, 30) == []  # this live process holds them now
