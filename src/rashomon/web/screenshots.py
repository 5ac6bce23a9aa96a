"""`make screenshots`: ingest the demo corpus and save screenshots of the home, story, article,
entity and search pages (the README and docs/commands.md show them)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rashomon.web.browser import browser_page
from rashomon.web.server import serving

MAX_HEIGHT = 4000  # px: a full story page is much longer; its top is what a reader sees first


def pages(db: str) -> list[tuple[str, str]]:
    """(name, path) of each page to show: the most contested story, its first article at the sentence
    of its first contested evidence, the person it spells most ways, and a search for one spelling."""
    from rashomon.store import Store

    with Store.open(db, readonly=True) as store:
        counts = store.contested_counts()
        story = max(store.stories(teasers=False), key=lambda s: (counts.get(s.id, 0), len(s.articles)))
        report = store.story_report(story.id)
        contested = [q for q in (report.questions if report else []) if q.contested]
        claims = {c.id: c for c in report.claims} if report else {}
        first = next((claims[c] for q in contested for side in q.sides for c in side.claims if c in claims), None)
        article = f"/articles/{first.article}" if first else f"/articles/{story.articles[0]}"
        if first is not None:
            analysis = next(iter(store.analyses([first.article])), None)
            anchor = next((s for s, e in (analysis.sentences if analysis else []) if s <= first.start < e), None)
            article += f"#s-{anchor}" if anchor is not None else ""
        people = [e for e in store.story_entities(story.id) if e.label == "PERSON"]
        person = max(people, key=lambda e: (len({a.split()[-1].casefold() for a in e.aliases if a.split()}),
                                            len(store.attributions(entity=e.id, limit=200))), default=None)
        # the query: the last word of the person's first spelling, so the page shows other spellings found
        query = person.aliases[0].split()[-1] if person and person.aliases else story.title.split()[0]
    shots = [("home", "/"), ("story", f"/stories/{story.id}"), ("article", article)]
    if person is not None:
        shots.append(("entity", f"/entities/{person.id}"))
    shots.append(("search", f"/search?q={query}"))
    return shots


def take(outdir: Path, db: str | None = None) -> list[Path]:
    """Screenshot each page of ``pages``; return the files written."""
    from rashomon.config import default_options

    if db is None:
        from rashomon.demo import DEMO_DIR
        from rashomon.pipeline import ingest

        db = str(Path(tempfile.mkdtemp()) / "demo.db")
        ingest([str(DEMO_DIR)], default_options(db=db))
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with serving(db) as base, browser_page() as page:
        for name, path in pages(db):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            target = outdir / f"{name}.png"
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            if "#" in path:  # the article opened at its evidence sentence: show that view
                page.screenshot(path=str(target))
            else:
                page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": 1280, "height": height},
                                full_page=True)
            written.append(target)
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
