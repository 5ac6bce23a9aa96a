"""One exception tree; every error says what failed and on which input.

RashomonError
 ├── InputError            an input could not be read (empty, binary, truncated, malformed)
 │    └── FetchError       an http(s) input could not be fetched
 ├── ExtractionError       a page was read but no article could be extracted from it
 ├── StoreError            the database could not be opened, migrated or written
 ├── ModelError            a spaCy pipeline or embedding model could not be loaded
 └── EvalDataError         an evaluation data set is missing or not in the expected format
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base of every error Rashomon raises on purpose."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputError(RashomonError):
    """An input could not be read."""


class FetchError(InputError):
    """An http(s) input could not be fetched."""


class ExtractionError(RashomonError):
    """No article could be extracted from a page."""


class StoreError(RashomonError):
    """The database could not be opened, migrated or written."""


class ModelError(RashomonError):
    """A model could not be loaded."""


class EvalDataError(RashomonError):
    """An evaluation data set is missing or malformed."""
