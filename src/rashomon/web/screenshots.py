"""`make screenshots`: ingest the demo corpus and save screenshots of the story and article pages."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rashomon.web.browser import browser_page
from rashomon.web.server import serving


def take(outdir: Path, db: str | None = None) -> list[Path]:
    """Screenshot the most contested story and its first article; return the files written."""
    from rashomon.config import default_options
    from rashomon.store import Store

    if db is None:
        from rashomon.demo import DEMO_DIR
        from rashomon.pipeline import ingest

        db = str(Path(tempfile.mkdtemp()) / "demo.db")
        ingest([str(DEMO_DIR)], default_options(db=db))
    with Store.open(db, readonly=True) as store:
        counts = store.contested_counts()
        stories = store.stories()
        story = max(stories, key=lambda s: (counts.get(s.id, 0), len(s.articles)))
        first_article = story.articles[0]
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with serving(db) as base, browser_page() as page:
        for name, path in (("stories", "/"), ("story", f"/stories/{story.id}"), ("article", f"/articles/{first_article}")):
            page.goto(base + path)
            target = outdir / f"{name}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
