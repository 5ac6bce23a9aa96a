"""The bundled demo corpus: every input kind, readable without a single failure, as documented."""

from __future__ import annotations

import re
from pathlib import Path

from rashomon.demo import DEMO_DIR
from rashomon.demo.build_warc import build
from rashomon.ingest import read_inputs
from rashomon.ingest.sniff import kind_by_name, sniff
from rashomon.model import InputFailure, Page


def _inputs(demo: Path) -> list[Path]:
    return sorted(p for p in demo.iterdir() if p.is_file() and kind_by_name(p.name))


def test_demo_dir_is_the_fixture_folder(demo_dir: Path):
    assert DEMO_DIR == demo_dir.resolve()


def test_demo_holds_every_input_kind(demo_dir: Path):
    kinds = {}
    for path in _inputs(demo_dir):
        kinds.setdefault(sniff(path.read_bytes()), []).append(path.name)
    assert set(kinds) == {"html", "warc", "feed", "jsonl", "text"}, kinds
    assert len(kinds["html"]) >= 2


def test_demo_reads_without_failures_and_gives_every_page_kind(demo_dir: Path, options):
    items = list(read_inputs([str(demo_dir)], options.with_(online=False)))
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert failures == []
    pages = [i for i in items if isinstance(i, Page)]
    assert {p.kind for p in pages} == {"html", "article", "text"}
    assert len({p.source for p in pages}) == len(pages) == 11
    assert {p.meta.get("reader") for p in pages} >= {"html", "feed", "jsonl", "text"}
    assert sum(1 for p in pages if p.meta.get("container", "").endswith(".warc.gz")) == 2


def test_demo_readme_names_every_source(demo_dir: Path, options):
    readme = (demo_dir / "README.md").read_text(encoding="utf-8")
    for page in read_inputs([str(demo_dir)], options.with_(online=False)):
        name = page.source if page.source.startswith("http") else "DIR/" + Path(page.source).name
        assert f"`{name}`" in readme, name
    for path in _inputs(demo_dir):
        assert f"`{path.name}" in readme, path.name


def test_demo_story_carries_both_spellings_and_the_contested_numbers(demo_dir: Path, options):
    text = "\n".join(p.text for p in read_inputs([str(demo_dir)], options.with_(online=False)))
    assert "Ilyas Mirzoyev" in text and "Ilias Mirzoev" in text
    assert "unfounded" in text
    assert re.search(r"\b14\b", text) and re.search(r"\b23\b", text)


def test_syndicated_copy_is_near_verbatim(demo_dir: Path, options):
    pages = {p.source: p for p in read_inputs([str(demo_dir)], options.with_(online=False))}
    wire = pages["https://meridianwire.example/world/2026/03/09/brenna-dam-bursts-selt-valley"].text
    copy = pages["https://eastbankpost.example/world/2026/03/09/dam-collapse-floods-border-villages"].text
    wire_paras = [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<p>(.*?)</p>", wire)]
    copy_paras = copy.split("\n\n")
    same = sum(1 for p in copy_paras if p in wire_paras)
    assert same >= len(copy_paras) - 2 and same >= 7


def test_demo_warc_is_reproducible(demo_dir: Path, tmp_path: Path):
    assert build(tmp_path / "demo.warc.gz").read_bytes() == (demo_dir / "crawl-2026-03-10.warc.gz").read_bytes()


def test_demo_stays_small(demo_dir: Path):
    size = sum(p.stat().st_size for p in demo_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert size < 200_000
