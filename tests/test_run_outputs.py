"""``rashomon ingest --parquet DIR``: the run's articles and stories as the export contract's Parquet files."""

from __future__ import annotations

import pyarrow.parquet as pq
from click.testing import CliRunner

from pipeline_pages import write_pages
from rashomon.cli import main
from rashomon.export.schema import article_schema


def test_run_outputs_parquet_dataset_beside_the_store(tmp_path):
    pages = write_pages(tmp_path / "pages", 2)
    out = tmp_path / "dataset"
    result = CliRunner().invoke(main, ["ingest", *map(str, pages), "--db", str(tmp_path / "p.db"), "--no-analyze",
                                       "--parquet", str(out)])
    assert result.exit_code == 0, result.output
    articles = pq.read_table(out / "articles.parquet")
    assert articles.num_rows == 2 and articles.schema.names == article_schema().names
    assert sorted(articles.column("source").to_pylist()) == sorted(f"{p}#main" for p in pages)
    assert pq.read_table(out / "stories.parquet").num_rows == 0  # not analysed: no stories yet


def test_run_outputs_parquet_folder_that_cannot_be_made_is_one_line(tmp_path):
    pages = write_pages(tmp_path / "pages", 1)
    (tmp_path / "file").write_text("not a folder")
    result = CliRunner().invoke(main, ["ingest", str(pages[0]), "--db", str(tmp_path / "p.db"), "--no-analyze",
                                       "--parquet", str(tmp_path / "file" / "sub")])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: ")
