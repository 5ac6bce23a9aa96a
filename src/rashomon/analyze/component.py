"""What our spaCy components share: one failing Doc is routed to the error handler, not raised.

spaCy's ``Language.set_error_handler`` only reaches components that expose
``set_error_handler``/``get_error_handler``; subclasses implement ``process`` (the work) and
``fallback`` (the empty result a failed Doc keeps), so a bad article never sinks its batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from spacy.tokens import Doc

log = logging.getLogger(__name__)
T = TypeVar("T")


class GuardedComponent:
    """Base of our components: ``__call__`` runs ``process`` and contains its failures."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._error_handler: Callable[..., Any] | None = None

    def set_error_handler(self, handler: Callable[..., Any]) -> None:
        self._error_handler = handler

    def get_error_handler(self) -> Callable[..., Any] | None:
        return self._error_handler

    def process(self, doc: Doc) -> None:
        raise NotImplementedError

    def fallback(self, doc: Doc, error: Exception) -> None:
        """Leave the Doc with an empty result for this component."""

    def __call__(self, doc: Doc) -> Doc:
        self.guard(doc, lambda: self.process(doc))
        return doc

    def guard(self, doc: Doc, work: Callable[[], T]) -> T | None:
        """``work()`` for one Doc; if it fails, the Doc gets ``fallback``, the error goes to the handler, and None comes back."""
        try:
            return work()
        except Exception as e:  # one bad document never sinks the batch
            self.fallback(doc, e)
            if self._error_handler is not None:
                self._error_handler(self.name, self, [doc], e)
            else:
                log.warning("%s failed on a document: %s", self.name, e)
            return None

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
