"""The one failure policy every runner follows, so a bad input reads the same on any engine.

* A bad input (a page that does not read, extract or store) becomes an ``InputFailure`` with a
  one-line reason and the run goes on; it is not recorded as stored, so the next run retries it.
* A per-article stage error is retried article by article: only the bad article gets an empty
  result and a failure. When every article of a batch fails, the stage itself is broken
  (``StageBroken``): its work stays pending for the next run and the stage stops.
* A global stage that fails is recorded under the stage's name and leaves its work pending.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rashomon.config import Options
from rashomon.errors import RashomonError
from rashomon.language_scope import is_analysed
from rashomon.model import Article, ArticleAnalysis, InputFailure
from rashomon.store.base import chunks  # noqa: F401  (the runners' batches, re-exported)

Fail = Callable[[InputFailure], None]


def describe(exc: BaseException) -> str:
    """A reason for the errors table: our errors say it themselves; others keep their type."""
    if isinstance(exc, RashomonError):
        return exc.reason
    text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class StageBroken(Exception):
    """Every article of a batch failed: the stage itself is broken."""


def broken_stage_reason(e: StageBroken) -> str:
    return f"every article of a batch failed, so the stage is stopped and its work left pending: {e}"


class PageTimeout(Exception):
    """A page took longer than ``page_timeout`` seconds to extract."""


@contextmanager
def time_limit(seconds: float, source: str) -> Iterator[None]:
    """Give up on one page after ``seconds`` (SIGALRM; only in the main thread of a POSIX process).

    A thread with a deadline was rejected: Python cannot stop a thread, so a stuck page would
    keep a core busy and hold its memory; the alarm interrupts the Python code of extract.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise PageTimeout(f"extraction took longer than {seconds:g} s (page_timeout); given up")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyze_batch(
    analyze_articles: Callable[..., list[ArticleAnalysis]], nlp: Any, articles: list[Article], options: Options
) -> tuple[list[ArticleAnalysis], list[InputFailure]]:
    """Analyse a batch under the policy: a page in a language the analysis cannot read gets an empty
    analysis (``language_scope``); on an error, retry one by one so only the bad article is given up
    on (it gets an empty analysis, so it is not retried forever). Raises ``StageBroken``."""
    unread = [ArticleAnalysis(article=a.id) for a in articles if not is_analysed(a.language)]
    read = [a for a in articles if is_analysed(a.language)]
    if not read:
        return unread, []
    try:
        results = analyze_articles(read, nlp, options)
        if len(results) == len(read):
            return unread + results, []
    except Exception:  # noqa: BLE001 - retried one by one below to find the culprit
        pass
    out, failed = [], []
    for article in read:
        try:
            out += analyze_articles([article], nlp, options)
        except Exception as e:  # noqa: BLE001
            failed.append((article, describe(e)))
    if len(read) > 1 and len(failed) == len(read):
        raise StageBroken(failed[0][1])  # a broken stage, not bad documents: keep them pending
    failures = []
    for article, reason in failed:
        failures.append(InputFailure(article.source, f"analysis failed: {reason}"))
        out.append(ArticleAnalysis(article.id))
    return unread + out, failures
