"""Run the stages over a stream of inputs: batching, progress, per-input errors.

Contract (owner: store/pipeline): ``ingest`` reads every target, extracts, de-duplicates,
stores one transaction per batch, then (when ``options.analyze``) analyses the new articles,
re-resolves entities, assigns stories and re-compares the stories that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rashomon.config import Options
from rashomon.model import InputFailure


@dataclass
class IngestReport:
    pages: int = 0
    articles_added: int = 0
    articles_skipped: int = 0  # already stored (same content), i.e. idempotent re-ingest
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.failures)


def ingest(
    targets: list[str],
    options: Options,
    *,
    outlet: str | None = None,
    published: str | None = None,
    captured: str | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest targets into the database named by ``options.db``."""
    raise NotImplementedError
