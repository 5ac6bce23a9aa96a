"""A run's result as a Parquet dataset for DuckDB or Spark users, beside the SQLite store.

The dataset is the export contract's (``rashomon.export``): ``articles.parquet`` (one row per
article, its statements, entities and timexes) and ``stories.parquet`` (one row per story), so
``duckdb -c "select * from 'out/articles.parquet'"`` reads what ``rashomon export`` writes.
"""

from __future__ import annotations

import os

from rashomon.store import Store


def write_parquet_dataset(db: str, folder: str) -> dict[str, int]:
    """Write the store's articles and stories under ``folder``; return the rows of each file."""
    from rashomon.export import export

    os.makedirs(folder, exist_ok=True)
    with Store.open(db) as store:
        return {
            "articles": export(store, "parquet", os.path.join(folder, "articles.parquet")),
            "stories": export(store, "parquet", os.path.join(folder, "stories.parquet"), stories=True),
        }
