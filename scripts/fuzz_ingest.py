"""Fuzz `rashomon ingest` with generated inputs of every kind, good, bad and mutated, and check
the README's promise: no traceback, every good input stored, one `error:` line per bad input.

    python scripts/fuzz_ingest.py --inputs 10000 --seed 1 --batch 50 --work /tmp/fuzz
    python scripts/fuzz_ingest.py --hours 3            # as long as you like

Each batch of inputs is ingested by a fresh `python -m rashomon ingest ... --no-analyze` process
(its peak resident memory is read from the kernel); the figures are printed at the end and, with
``--report FILE``, written as JSON. The suite's tests/test_ingest_fuzz.py runs the same
generators in-process on a few hundred inputs. All text is invented here, word by word.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

WORDS = ("ferry harbour council engineer bridge tannery strike depot ballot quarry mill ward lease report "
         "inspector residents volunteers families road storm river flood levee pylons corrosion review budget "
         "committee station tram signal warning evidence witness hearing inquiry contract tender minister").split()
NAMES = ["Odile Varga", "Tomasz Prell", "Ines Holloway", "Gideon Achterberg", "Mirela Szabo", "Kwame Oduya"]
TOWNS = ["Marrowick", "Sallowfen", "Brindlecombe", "Quarrytown", "Elsbury", "Ockmoor", "Tullavern"]


@dataclass
class Case:
    """One input file and what a correct ingest does with it."""

    label: bytes  # the path as passed on the command line (bytes: names need not be UTF-8)
    kind: str
    stored: set[str] = field(default_factory=set)  # page sources that must be stored
    errors: list[str] | None = field(default_factory=list)  # error sources expected (None: not judged)

    @property
    def bad(self) -> bool:
        return bool(self.errors)


def _sentence(rng: random.Random, uid: str) -> str:
    words = rng.sample(WORDS, 9)
    who = rng.choice(NAMES)
    return (f"{who} said the {words[0]} near the {words[1]} in {rng.choice(TOWNS)} needed a {words[2]} "
            f"before the {words[3]} and the {words[4]} (note {uid}-{rng.randrange(10**6)}).")


def _body(rng: random.Random, uid: str, paragraphs: int = 6) -> list[str]:
    return [" ".join(_sentence(rng, uid) for _ in range(rng.randint(3, 5))) for _ in range(paragraphs)]


def _html(rng: random.Random, uid: str) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in _body(rng, uid))
    town = rng.choice(TOWNS)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{town} {uid}</title>"
            f"<meta property='article:published_time' content='2031-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}'>"
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{town}: the {rng.choice(WORDS)} "
            f"question ({uid})</h1>{paras}</article><footer>Subscribe</footer></body></html>")


def _text(rng: random.Random, uid: str) -> str:
    return f"{rng.choice(TOWNS)} {rng.choice(WORDS)} row ({uid})\n\n" + "\n\n".join(_body(rng, uid)) + "\n"


def _warc_record(uri: str, body: bytes, *, encoding: str | None = None, length: bool = True) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if encoding:
        http += f"Content-Encoding: {encoding}\r\n".encode()
    block = http + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2031-03-02T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\nContent-Type: application/http; msgtype=response\r\n")
    if length:
        head += f"Content-Length: {len(block)}\r\n"
    return head.encode() + b"\r\n" + block + b"\r\n\r\n"


def _bomb(size: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"a" * (1 << 20)
    return b"".join(z.compress(chunk) for _ in range(size >> 20)) + z.flush()


def _mutate(rng: random.Random, data: bytes) -> bytes:
    """Cut, flip, splice, insert NULs or repeat a slice: the damage real files suffer."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        n = len(data)
        if n == 0:
            break
        if op == 0:
            del data[rng.randrange(n):]
        elif op == 1:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:
            i = rng.randrange(n)
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif op == 3:
            i = rng.randrange(n)
            data[i:i] = b"\x00" * rng.randint(1, 3)
        else:
            i, j = sorted((rng.randrange(n), rng.randrange(n)))
            data[j:j] = data[i:j][:4096] * rng.randint(1, 3)
    return bytes(data)


_BAD_JSON = [
    '{"url": "U", "text": "T", "n": ' + "1" * 5000 + "}",
    "[" * 4000 + "]" * 4000,
    '{"url": "U", "text": ' + '{"a":' * 3000 + "1" + "}" * 3000 + "}",
    "{not json",
    '{"url": "U"}',
    '{"url": "U", "text": 12}',
    '"just a string"',
]


def make_case(rng: random.Random, n: int, folder: Path) -> Case:
    """Write input ``n`` under ``folder`` and say what a correct ingest does with it."""
    uid = f"c{n}x{rng.randrange(10**9)}"
    kind = rng.choice(["html", "text", "jsonl", "jsonl_mixed", "warc", "warc_gz", "warc_whole_gz", "feed",
                       "bad_static", "bad_name", "warc_damage", "mutant", "mutant", "mutant"])
    base = os.fsencode(folder) + b"/" + f"{n:06d}-{kind}".encode()
    if kind == "html":
        return _write(base + b".html", _html(rng, uid).encode(), kind, {base + b".html"})
    if kind == "text":
        return _write(base + b".txt", _text(rng, uid).encode(), kind, {base + b".txt"})
    if kind in ("jsonl", "jsonl_mixed"):
        lines, stored, errors = [], set(), []
        for i in range(rng.randint(1, 8)):
            url = f"https://fuzz.example/{uid}/{i}"
            if kind == "jsonl_mixed" and rng.random() < 0.3:
                lines.append(rng.choice(_BAD_JSON).replace('"U"', json.dumps(url)))
                errors.append(f"{os.fsdecode(base + b'.jsonl')}:{i + 1}")
                continue
            text = "\n\n".join(_body(rng, f"{uid}-{i}", 3))
            if rng.random() < 0.2:
                text += " \\ud800 odd escape"  # a lone surrogate, written as JSON writes it
            lines.append(json.dumps({"url": url, "title": f"T {uid} {i}", "text": text}).replace("\\\\ud800", "\\ud800"))
            stored.add(url.encode())
        return _write(base + b".jsonl", ("\n".join(lines) + "\n").encode(), kind, stored, errors)
    if kind.startswith("warc"):
        uris = [f"https://warc.example/{uid}/{i}" for i in range(rng.randint(1, 4))]
        recs = [_warc_record(u, _html(rng, f"{uid}-{i}").encode()) for i, u in enumerate(uris)]
        path = base + (b".warc" if kind in ("warc", "warc_damage") else b".warc.gz")
        if kind == "warc":
            data = b"".join(recs)
        elif kind == "warc_gz":
            data = b"".join(gzip.compress(r) for r in recs)
        elif kind == "warc_whole_gz":
            data = gzip.compress(b"".join(recs))
        else:  # a record without Content-Length, or a bomb record: the good ones before it must be stored
            cut = rng.randrange(len(recs))
            bad = rng.choice(["nolength", "bomb"])
            if bad == "nolength":
                recs[cut] = _warc_record(uris[cut], _html(rng, uid).encode(), length=False)
                stored = {u.encode() for i, u in enumerate(uris) if i != cut}  # reading goes on after it
                return _write(path, b"".join(recs), kind, stored, [os.fsdecode(path)])
            recs[cut] = _warc_record(uris[cut], _bomb(24 << 20), encoding="gzip")
            stored = {u.encode() for i, u in enumerate(uris) if i != cut}
            return _write(path, b"".join(recs), kind, stored, [uris[cut]])
        return _write(path, data, kind, {u.encode() for u in uris})
    if kind == "feed":
        links = [f"https://feed.example/{uid}/{i}" for i in range(rng.randint(1, 3))]
        items = "".join(
            f"<item><title>{uid} {i}</title><link>{link}</link><pubDate>Tue, 04 Mar 2031 08:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in _body(rng, f'{uid}-{i}', 4))}]]>"
            f"</content:encoded></item>"
            for i, link in enumerate(links)
        )
        data = (f"<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
                f"<channel><title>Fuzz {uid}</title>{items}</channel></rss>")
        return _write(base + b".rss", data.encode(), kind, {link.encode() for link in links})
    if kind == "bad_static":
        path, data = rng.choice([
            (base + b".html", b""),
            (base + b".html", b"\x89PNG\r\n\x1a\n" + os.urandom(200)),
            (base + b".txt", b"   \n\t  \n"),
            (base + b".jsonl", b"\xff\xfe\x00"),
            (base + b".warc", b"not a warc at all\n"),
            (base + b".warc.gz", gzip.compress(b"WARC/1.0\r\n") + _bomb(24 << 20)),
            (base + b".bin", gzip.compress(b"hello")),
        ])
        if path.endswith(b".bin"):
            path = path[:-4]  # no extension: sniffed, found to be gzip that is not a WARC
        return _write(path, data, "bad_static", set(), [os.fsdecode(path)])
    if kind == "bad_name":
        odd = rng.choice([b"new\nline", b"tab\there", b"bad-\xff\xfe", b"esc-\x1b[31m", b"nul\x7f"])
        path = base + b"-" + odd + b".html"
        if rng.random() < 0.5:
            return _write(path, b"", kind, set(), [os.fsdecode(path)])
        return _write(path, _html(rng, uid).encode(), kind, {path})
    # mutant: a good input damaged at random; judged only for tracebacks and stray stderr lines
    inner = make_case(rng, n, folder)
    while inner.kind in ("mutant", "bad_name", "bad_static"):
        os.unlink(inner.label)
        inner = make_case(rng, n, folder)
    data = Path(os.fsdecode(inner.label)).read_bytes()
    Path(os.fsdecode(inner.label)).write_bytes(_mutate(rng, data))
    return Case(inner.label, "mutant", set(), None)


def _write(path: bytes, data: bytes, kind: str, stored: set, errors: list[str] | None = ()) -> Case:
    with open(path, "wb") as fh:
        fh.write(data)
    from rashomon.scrub import scrub_name

    return Case(path, kind, {scrub_name(os.fsdecode(s)) for s in stored}, None if errors is None else list(errors))


def shown(source: str) -> str:
    """A source as the CLI prints it (the same escaping as rashomon.cli.common.one_line)."""
    from rashomon.cli.common import one_line
    from rashomon.scrub import scrub_name

    return one_line(scrub_name(source))


@dataclass
class Tally:
    inputs: int = 0
    good: int = 0
    bad: int = 0
    mutants: int = 0
    tracebacks: int = 0
    stray_lines: int = 0  # stderr lines that are neither `error:` nor `changed:`
    good_lost: int = 0  # page sources that should have been stored and were not
    bad_without_one_line: int = 0
    peak_rss_mb: float = 0.0
    batches: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def note(self, problem: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(problem)


def stored_sources(db: Path) -> set[str]:
    from rashomon.store import Store

    if not db.exists():
        return set()
    with Store.open(db) as store:
        return {a.page_source for a in store.articles()}


def judge(cases: list[Case], stderr: str, stored: set[str], tally: Tally) -> None:
    """Check one batch's stderr and database against what its cases expect."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    if "Traceback" in stderr:
        tally.tracebacks += 1
        tally.note("traceback: " + stderr[stderr.index("Traceback"):][-600:])
    stray = [line for line in lines if not line.startswith(("error: ", "changed: "))]
    tally.stray_lines += len(stray)
    for line in stray[:3]:
        tally.note(f"stray stderr line: {line[:200]!r}")
    errors = [line[len("error: "):] for line in lines if line.startswith("error: ")]
    for case in cases:
        tally.inputs += 1
        if case.errors is None:
            tally.mutants += 1
            continue
        tally.bad += case.bad
        tally.good += not case.bad
        lost = {s for s in case.stored if s not in stored}
        if lost:
            tally.good_lost += len(lost)
            tally.note(f"lost from {case.label!r}: {sorted(lost)[:3]}")
        for source in case.errors:
            mine = [e for e in errors if e.startswith(shown(source) + ": ")]
            if len(mine) != 1:
                tally.bad_without_one_line += 1
                tally.note(f"{len(mine)} error lines for {source!r}: {mine[:2]}")


def run_batch(cases: list[Case], db: Path, timeout: float = 900) -> tuple[str, float]:
    """Ingest one batch in a fresh process; (stderr, that process's peak RSS in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cmd = [sys.executable, "-m", "rashomon", "ingest", *[c.label for c in cases], "--db", str(db), "--no-analyze"]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far (KB)
    return proc.stderr.decode("utf-8", "backslashreplace"), max(peak, before) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=1000, help="inputs to generate (default 1000)")
    ap.add_argument("--hours", type=float, default=0.0, help="run until this many hours have passed instead")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=50, help="inputs per ingest process")
    ap.add_argument("--work", default="/tmp/rashomon-fuzz", help="scratch folder (emptied per batch)")
    ap.add_argument("--report", help="write the figures as JSON here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(args.work)
    tally = Tally()
    start = time.time()
    n = 0
    while (tally.inputs < args.inputs) if not args.hours else (time.time() - start < args.hours * 3600):
        shutil.rmtree(work, ignore_errors=True)
        (work / "in").mkdir(parents=True)
        cases = [make_case(rng, n + i, work / "in") for i in range(args.batch)]
        n += args.batch
        try:
            stderr, peak = run_batch(cases, work / "fuzz.db")
        except subprocess.TimeoutExpired:
            tally.note(f"batch at input {n} timed out")
            tally.tracebacks += 1
            continue
        tally.peak_rss_mb = max(tally.peak_rss_mb, peak)
        judge(cases, stderr, stored_sources(work / "fuzz.db"), tally)
        tally.batches += 1
        tally.seconds = round(time.time() - start, 1)
        print(f"{tally.inputs} inputs, {tally.tracebacks} tracebacks, {tally.good_lost} good lost, "
              f"{tally.bad_without_one_line} bad without one line, {tally.stray_lines} stray lines, "
              f"peak {tally.peak_rss_mb:.0f} MB, {tally.seconds:.0f} s", flush=True)
    out = json.dumps(tally.__dict__, indent=2)
    print(out)
    if args.report:
        Path(args.report).write_text(out)
    return 1 if (tally.tracebacks or tally.good_lost or tally.bad_without_one_line or tally.stray_lines) else 0


if __name__ == "__main__":
    sys.exit(main())
