"""The stage table: every stage of the pipeline, what kind of work it is and what it reads and writes.

Runners (``run.local``, ``run.ray``) look stages up here instead of importing modules by name, so a
test hands them doubles through the table and a new runner knows which stages it may spread over
workers (per-page, per-story) and which need the whole corpus (global). Implementations are
imported on first use: spaCy and friends cost seconds, and ``import rashomon`` or ``--no-analyze``
should not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

PER_PAGE = "per-page"  # one input item at a time, no shared state: spread over workers
PER_STORY = "per-story"  # one story's records at a time: spread over workers by story
GLOBAL = "global"  # needs the whole corpus (an index, a clustering): runs on the driver


@dataclass(frozen=True)
class Stage:
    """One stage: its name, kind, where its implementation lives and the records it reads and writes."""

    name: str
    kind: str  # PER_PAGE, PER_STORY or GLOBAL
    module: str  # the module holding the implementation, imported on first use
    entry: str  # the callable a runner calls
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    setup: str | None = None  # a once-per-worker loader (the spaCy pipeline), called with Options
    impl: Any = None  # an object standing in for the module (a test double); None: import ``module``
    enabled: bool = True  # a stage switched off is skipped by every runner

    def namespace(self) -> Any:
        """The implementation: the double given, else the module (imported now if not yet)."""
        return self.impl if self.impl is not None else importlib.import_module(self.module)

    @property
    def fn(self) -> Callable[..., Any]:
        """The stage's entry point, looked up at each call (so a monkeypatched module is honoured)."""
        return getattr(self.namespace(), self.entry)


class Stages:
    """The stage table in pipeline order; immutable, ``replace``/``without`` return a new table."""

    def __init__(self, stages: list[Stage]) -> None:
        self._stages = {s.name: s for s in stages}

    def __iter__(self) -> Iterator[Stage]:
        return iter(self._stages.values())

    def __getitem__(self, name: str) -> Stage:
        return self._stages[name]

    def names(self) -> list[str]:
        return list(self._stages)

    def ns(self, name: str) -> Any:
        """The implementation of a stage (module or double)."""
        return self._stages[name].namespace()

    def fn(self, name: str) -> Callable[..., Any]:
        return self._stages[name].fn

    def enabled(self, name: str) -> bool:
        return self._stages[name].enabled

    def of_kind(self, kind: str) -> list[Stage]:
        return [s for s in self if s.kind == kind and s.enabled]

    def replace(self, **impls: Any) -> Stages:
        """A table whose named stages run these implementations (test doubles, an alternative model)."""
        unknown = set(impls) - set(self._stages)
        if unknown:
            raise KeyError(f"no such stage: {', '.join(sorted(unknown))}")
        return Stages([replace(s, impl=impls[s.name]) if s.name in impls else s for s in self])

    def without(self, *names: str) -> Stages:
        """A table with these stages switched off."""
        unknown = set(names) - set(self._stages)
        if unknown:
            raise KeyError(f"no such stage: {', '.join(sorted(unknown))}")
        return Stages([replace(s, enabled=False) if s.name in names else s for s in self])


def _table() -> list[Stage]:
    return [
        Stage("read", PER_PAGE, "rashomon.ingest", "read_inputs", ("paths", "urls", "warc", "jsonl"),
              ("Page", "InputFailure")),
        Stage("extract", PER_PAGE, "rashomon.extract", "extract_page", ("Page",), ("Article",)),
        Stage("dedupe", GLOBAL, "rashomon.extract.dedupe", "mark_duplicates", ("Article", "store.signatures"),
              ("Article.near_duplicate_of", "signature")),
        Stage("analyze", PER_PAGE, "rashomon.analyze", "analyze_articles", ("Article",), ("ArticleAnalysis",),
              setup="build_nlp"),
        Stage("copies", GLOBAL, "rashomon.extract.copies", "links_between", ("Article", "store.copy_keys"),
              ("Article.copy_of",)),
        Stage("resolve", GLOBAL, "rashomon.resolve", "resolve_entities", ("ArticleAnalysis", "Article"),
              ("Resolution",)),
        Stage("group", GLOBAL, "rashomon.stories", "assign_stories", ("StoryDoc", "store.story_index"), ("Story",)),
        Stage("resplit", GLOBAL, "rashomon.stories", "resplit", ("StoryDoc", "store.story_index"), ("Story",)),
        Stage("compare", PER_STORY, "rashomon.compare", "compare_story", ("Story", "Article", "ArticleAnalysis",
                                                                          "Entity"), ("StoryReport",)),
        Stage("threads", PER_STORY, "rashomon.stories.threads", "build_threads", ("Story", "Article"), ("Thread",)),
    ]


_DEFAULT: Stages | None = None
_INSTALLED: Stages | None = None


def default_stages() -> Stages:
    """The table runners use when given none: the installed one (``install``), else the real stages."""
    global _DEFAULT
    if _INSTALLED is not None:
        return _INSTALLED
    if _DEFAULT is None:
        _DEFAULT = Stages(_table())
    return _DEFAULT


def install(stages: Stages | None) -> None:
    """Make ``stages`` the process's default table (a test harness driving the CLI); None restores it."""
    global _INSTALLED
    _INSTALLED = stages
