"""The subject-tagging step of a derive run: each stored article not yet read gets its IPTC subjects.

Runs on the driver after the reports (``Deriver.derive_global``), on the articles the store says are
unread, so a killed run is finished by the next one. The sentence encoder is the packaged MiniLM; when
it is not installed, when ``Options.analyze`` is off (``--no-analyze``) or ``Options.extra["topics"]`` is
False, the step does nothing and the articles
stay unread (subject tags simply absent) until a run that can read them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rashomon.config import Options
from rashomon.language_scope import is_analysed
from rashomon.model import InputFailure
from rashomon.run.policy import chunks, describe
from rashomon.store import Store
from rashomon.store.tags import save_article_topics, topics_pending

MODEL = "all-MiniLM-L6-v2"


def topic_model() -> Any | None:
    """The subject model over the packaged MiniLM, or None when the model is not installed."""
    from rashomon.errors import ModelError

    try:
        return _topic_model()
    except ModelError:
        return None


@lru_cache(maxsize=1)
def _topic_model() -> Any:
    """One TopicModel per process: its subject descriptions are embedded once."""
    from rashomon.stories.embed import load_embedder
    from rashomon.stories.topics import TopicModel

    return TopicModel(load_embedder(MODEL))


BATCH = 8  # leads encoded at once: MiniLM's activations for 32 took a process from 0.7 to 1.7 GB, 8 to 0.95 GB


def tag_topics(store: Store, options: Options, fail: Callable[[InputFailure], None], batch: int = 64) -> int:
    """Give every unread article its subjects; returns how many articles were read."""
    if not options.extra.get("topics", True) or not options.analyze:  # --no-analyze: text stored, nothing read
        return 0
    pending = topics_pending(store)
    if not pending:
        return 0
    try:
        model = topic_model()
    except Exception as e:  # noqa: BLE001 - subjects are an addition; the run goes on without them
        fail(InputFailure("topics", describe(e)))
        return 0
    if model is None:
        return 0
    done = 0
    for ids in chunks(pending, batch):
        try:
            arts = store.articles(ids=ids)
            scores, checked = topic_scores(model, arts)
        except Exception as e:  # noqa: BLE001
            fail(InputFailure("topics", describe(e)))
            return done
        save_topics(store, scores, checked)
        done += len(arts)
    return done


def topic_scores(model: Any, articles: list[Any]) -> tuple[list[Any], list[str]]:
    """The subjects of these articles (teasers are not read) and the ids read: the per-article half of
    the step, which the Ray runner runs on its analysis actors (``run.ray_engine._Analyzer``)."""
    from rashomon.stories.embed import lead_text

    read = [a for a in articles if a.kind != "teaser"]
    # the encoder reads English: a page in another language is marked read, with no subject
    english = [a for a in read if is_analysed(a.language)]
    scores = [s for k in range(0, len(english), BATCH)
              for s in model.assign((a.id, lead_text(a.title, a.body)) for a in english[k:k + BATCH])]
    return scores, [a.id for a in read]


def save_topics(store: Store, scores: list[Any], checked: list[str]) -> None:
    """Store the subjects of the ``checked`` articles (the driver half, either runner)."""
    save_article_topics(store, scores, checked, MODEL)
