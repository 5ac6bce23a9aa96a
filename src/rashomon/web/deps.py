"""FastAPI dependencies the pages (``app``) and the JSON API (``api``) share: a read-only store, the write token.

Kept apart from ``app`` so ``api``, which ``app`` mounts, need not import it back: that was an
import cycle.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import HTTPException, Request

from rashomon.store import Store
from rashomon.web.guards import token_problem


def open_store(request: Request) -> Iterator[Store]:
    """One read-only connection per request (WAL lets pages read while an ingest writes)."""
    store = Store.open(request.app.state.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


def check_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>``; without a configured token they are closed."""
    problem = token_problem(request.app.state.token, request.headers.get("authorization", ""))
    if problem:
        raise HTTPException(problem[0], problem[1], headers={"WWW-Authenticate": "Bearer"} if problem[0] == 401 else None)
