"""Kept for old imports: the local runner now lives in ``rashomon.run.local`` (see docs/architecture.md)."""

from rashomon.run.local import (  # noqa: F401
    IngestReport,
    OnChange,
    OnFailure,
    PageTimeout,
    analyze_stored,
    ingest,
    ingest_pages,
    regroup_stories,
    time_limit,
)
