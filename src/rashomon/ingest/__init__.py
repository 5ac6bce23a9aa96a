"""Readers that turn every input kind our users have into ``Page`` records.

Contract (owner: ingest): ``read_inputs`` never raises for a bad input; it yields an
``InputFailure`` naming the input and the reason, and goes on with the rest.

Sources: a file is named as the user gave it (a directory walk joins the directory as given
and the relative path); a record inside a container is named by its URL when it has one,
else ``path#L<line>`` (JSONL) or ``path#entry-<n>`` (feed). A bad JSONL line fails as
``path:LINE``. Extract appends ``#main`` / ``#teaser-N``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rashomon.config import Options
from rashomon.ingest.context import Context, Supplied, iso_date
from rashomon.ingest.files import read_path
from rashomon.scrub import scrub_item
from rashomon.ingest.url import fetch_url, is_url
from rashomon.model import InputFailure, Page

if TYPE_CHECKING:  # pragma: no cover
    import httpx

__all__ = ["read_inputs", "Supplied", "iso_date"]


def read_inputs(
    targets: Iterable[str],
    options: Options,
    *,
    outlet: str | None = None,
    published: str | None = None,
    captured: str | None = None,
    client: "httpx.Client | None" = None,
) -> Iterator[Page | InputFailure]:
    """Yield a Page per readable unit (file, WARC response, feed entry, JSONL line, URL).

    ``outlet``/``published``/``captured`` are what the user supplied: they win over what an
    input says, and are flagged (``user_outlet``/``user_published``) so that extract applies
    them to each page's main article only. ``client`` replaces the HTTP client (tests pass
    one with a mock transport). Raises InputError at once, before reading anything, when a
    supplied date is not a date: that is a bad option, not a bad input.
    """
    supplied = Supplied.from_user(outlet, published, captured)
    return _read(list(targets), Context(options=options, supplied=supplied, client=client))


def _read(targets: list[str], ctx: Context) -> Iterator[Page | InputFailure]:
    try:
        for target in targets:
            items = fetch_url(target, ctx) if is_url(target) else read_path(target, ctx)
            try:
                for item in items:
                    yield scrub_item(ctx.supplied.apply(item) if isinstance(item, Page) else item)
            except Exception as exc:  # noqa: BLE001 - a reader bug must not sink the batch
                reason = f"could not be read ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})"
                yield scrub_item(InputFailure(target, reason))
    finally:
        ctx.close()
