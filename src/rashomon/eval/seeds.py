"""`rashomon eval seeds`: the two real page captures, ingested as a user would, scored against gold.json.

Each seed named in gold.json is ingested on its own, with its gold ``published`` date, into a
temporary database through ``rashomon.pipeline.ingest``; what the store gives back is wrapped
in a ``SeedRun`` and handed to every section module in ``SECTIONS``. A section module exposes
``score(gold: dict, run: SeedRun) -> EvalTable`` (or a list of them); a section that does not
exist yet is skipped with a note, so each area adds its own scoring without touching this file.
"""

from __future__ import annotations

import importlib
import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rashomon.config import Options
from rashomon.errors import EvalDataError, RashomonError
from rashomon.eval import EvalTable
from rashomon.model import Article, ArticleAnalysis, Entity, Page, Story

DEFAULT_DATA = "seeds/gold.json"
SECTIONS: tuple[str, ...] = (
    "rashomon.eval.seeds_extract",
    "rashomon.eval.seeds_attribution",
    "rashomon.eval.seeds_timex",
    "rashomon.eval.seeds_entities",
    "rashomon.eval.seeds_stories",
    "rashomon.eval.seeds_contested",
)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})


def norm(text: str | None) -> str:
    """gold.json's matching form: case-insensitive, whitespace-collapsed, curly quotes folded."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.casefold().split())


def matches(gold: str, output: str | None) -> bool:
    """gold.json's rule: the output contains the gold substring, or is contained in it.

    The second direction only counts when the output is a real part of the gold text (at least
    half of it), so an empty or one-word output never passes.
    """
    g, o = norm(gold), norm(output)
    if not g or not o:
        return False
    return g in o or (o in g and len(o) >= max(8, len(g) // 2))


def split_source(source: str) -> tuple[str, str]:
    """(basename of the page, fragment) of an article source such as ``dir/000_x.txt#teaser-2``."""
    page, _, fragment = source.rpartition("#")
    if not page:
        page, fragment = source, ""
    return Path(page).name, fragment


@dataclass
class SeedRun:
    """What one ingest of the seeds gave back; heavier parts are read from the store on first use."""

    gold: dict[str, Any]
    seeds_dir: Path
    texts: dict[str, str]  # seed file name -> raw capture text (for baselines)
    db: str | None = None  # the temporary database, None when the pipeline was not available
    mode: str = "pipeline"  # "pipeline" or "extract" (stage-level fallback)
    reingest_added: int | None = None  # articles a second ingest of the same pages added
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extracted: list[Article] = field(default_factory=list)  # used in "extract" mode only

    def _read(self, method: str, *args: Any) -> list[Any]:
        """Call a store reader, tolerating parts of the store that do not exist yet."""
        if self.db is None:
            return []
        try:
            from rashomon.store import Store

            with Store.open(self.db) as store:
                reader = getattr(store, method, None)
                return list(reader(*args)) if reader is not None else []
        except (NotImplementedError, RashomonError, AttributeError, TypeError) as e:
            self.notes.append(f"store.{method} unavailable: {e}")
            return []

    @cached_property
    def articles(self) -> list[Article]:
        return self.extracted if self.mode == "extract" else self._read("articles")

    @cached_property
    def analyses(self) -> list[ArticleAnalysis]:
        return self._read("analyses")

    @cached_property
    def entities(self) -> list[Entity]:
        return self._read("entities")

    @cached_property
    def stories(self) -> list[Story]:
        return self._read("stories")

    @cached_property
    def story_reports(self) -> list[Any]:
        """Saved claims/questions/framing per story (``Store.story_report``), where compare has run."""
        if self.db is None:
            return []
        try:
            from rashomon.store import Store

            with Store.open(self.db) as store:
                return [r for s in self.stories if (r := store.story_report(s.id)) is not None]
        except (NotImplementedError, RashomonError, AttributeError, ImportError) as e:
            self.notes.append(f"story reports unavailable: {e}")
            return []

    @property
    def reports(self) -> list[Any]:
        """Alias of ``story_reports``."""
        return self.story_reports

    def articles_of(self, name: str) -> list[Article]:
        """The articles split out of one seed page, main first."""
        found = [a for a in self.articles if split_source(a.source)[0] == name]
        return sorted(found, key=lambda a: (a.kind != "article", _teaser_number(a.source)))

    def article(self, name: str, fragment: str) -> Article | None:
        return next((a for a in self.articles_of(name) if split_source(a.source)[1] == fragment), None)


def _teaser_number(source: str) -> int:
    m = re.search(r"#teaser-(\d+)$", source)
    return int(m.group(1)) if m else 0


def load_gold(path: Path) -> dict[str, Any]:
    """gold.json, checked for the parts every section relies on."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise EvalDataError(str(path), f"cannot read gold file: {e}") from e
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), dict) or not gold["documents"]:
        raise EvalDataError(str(path), "gold file has no 'documents' object")
    for name, doc in gold["documents"].items():
        if not (Path(path).parent / name).is_file():
            raise EvalDataError(str(Path(path).parent / name), "seed document named in gold.json not found")
        if not isinstance(doc, dict):
            raise EvalDataError(str(path), f"gold entry for {name} is not an object")
    return gold


def run_seeds(gold: dict[str, Any], seeds_dir: Path, options: Options, db: str) -> SeedRun:
    """Ingest every seed on its own with its gold date; fall back to the extract stage if needed."""
    docs = gold["documents"]
    texts = {name: (seeds_dir / name).read_text(encoding="utf-8", errors="replace") for name in docs}
    run = SeedRun(gold=gold, seeds_dir=seeds_dir, texts=texts, db=db)
    opts = options.with_(db=db, online=False)
    try:
        from rashomon.pipeline import ingest

        for name, doc in docs.items():
            report = ingest([str(seeds_dir / name)], opts, published=doc.get("published"))
            run.failures += [f"{f.source}: {f.reason}" for f in report.failures]
        again = [ingest([str(seeds_dir / name)], opts, published=doc.get("published")) for name, doc in docs.items()]
        run.reingest_added = sum(r.articles_added for r in again)
    except (NotImplementedError, ImportError) as e:
        run.db, run.mode = None, "extract"
        run.notes.append(f"pipeline unavailable ({type(e).__name__}): scored the extract stage directly")
        run.extracted = _extract_directly(docs, seeds_dir, texts, options, run)
    return run


def _extract_directly(docs: dict[str, Any], seeds_dir: Path, texts: dict[str, str], options: Options, run: SeedRun) -> list[Article]:
    from rashomon.extract import extract_page

    out: list[Article] = []
    for name, doc in docs.items():
        page = Page(source=str(seeds_dir / name), kind="text", text=texts[name], published=doc.get("published"), user_published=True)
        try:
            out += extract_page(page, options)
        except RashomonError as e:
            run.failures.append(str(e))
    return out


def evaluate(path: Path, options: Options) -> list[EvalTable]:
    """Score every available section on the seeds named in ``path`` (gold.json)."""
    path = Path(path)
    gold = load_gold(path)
    tables: list[EvalTable] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rashomon-seeds-") as tmp:
        run = run_seeds(gold, path.parent, options, str(Path(tmp) / "seeds.db"))
        for name in SECTIONS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as e:
                if e.name != name:
                    raise
                skipped.append(name.rsplit(".", 1)[-1])
                continue
            result = module.score(gold, run)
            tables += result if isinstance(result, list) else [result]
    if tables:
        tables[0].notes += [f"ingest failure: {f}" for f in run.failures]
        tables[0].notes += run.notes
        if skipped:
            tables[0].notes.append(f"sections not written yet: {', '.join(skipped)}")
    else:
        raise EvalDataError(str(path), "no seeds section module is available")
    return tables
