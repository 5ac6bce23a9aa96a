"""Readers that turn every input kind our users have into ``Page`` records.

Contract (owner: ingest): ``read_inputs`` never raises for a bad input; it yields an
``InputFailure`` naming the input and the reason, and goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rashomon.config import Options
from rashomon.model import InputFailure, Page


def read_inputs(
    targets: Iterable[str],
    options: Options,
    *,
    outlet: str | None = None,
    published: str | None = None,
    captured: str | None = None,
) -> Iterator[Page | InputFailure]:
    """Yield a Page per readable unit (file, WARC response, feed entry, JSONL line, URL)."""
    raise NotImplementedError
