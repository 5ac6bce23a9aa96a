"""The database schema as an ordered list of named migrations, recorded in the database.

Modelled on sqlite-utils' ``migrations`` (a name per step, applied once, recorded in a table);
we do not depend on sqlite-utils because the stdlib ``sqlite3`` module covers everything here
and the store must stay openable by any SQLite tool (Datasette, DuckDB) without extensions.
``PRAGMA user_version`` holds the number of migrations applied, so a tool can tell the version
without reading our table.

Conventions: list-valued fields are JSON text columns; references to entities are soft (plain
text ids, no foreign key) because ``resolve`` replaces the entity table wholesale; everything
that belongs to an article cascades when the article is deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

MigrationStep = str | Callable[[sqlite3.Connection], None]

_CORE = """
CREATE TABLE pages (
    hash TEXT PRIMARY KEY,                 -- content hash of the raw input: makes ingest idempotent
    source TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,   -- articles stored from this page
    ingested_at TEXT NOT NULL
);
CREATE INDEX pages_source ON pages(source);

CREATE TABLE articles (
    n INTEGER PRIMARY KEY,                 -- rowid; the FTS5 content rowid
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL UNIQUE,
    page_source TEXT NOT NULL,
    page_hash TEXT NOT NULL REFERENCES pages(hash) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'article',
    parent TEXT,
    title TEXT NOT NULL DEFAULT '',
    dek TEXT,
    section TEXT,
    byline TEXT,
    outlet TEXT,
    outlet_evidence TEXT,
    url TEXT,
    published TEXT,
    published_evidence TEXT,
    published_confidence REAL NOT NULL DEFAULT 0,
    captured TEXT,
    age TEXT,
    body TEXT NOT NULL DEFAULT '',
    headings TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    furniture TEXT NOT NULL DEFAULT '[]',
    inline_links TEXT NOT NULL DEFAULT '[]',
    near_duplicate_of TEXT,
    text_hash TEXT NOT NULL,
    minhash BLOB,
    grouped INTEGER NOT NULL DEFAULT 0     -- 1 once the story stage has seen the article
);
CREATE INDEX articles_page ON articles(page_hash);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_duplicate ON articles(near_duplicate_of);
CREATE INDEX articles_parent ON articles(parent);

CREATE TABLE errors (
    n INTEGER PRIMARY KEY,
    run TEXT,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX errors_source ON errors(source);

CREATE TABLE stage_state (
    key TEXT PRIMARY KEY,
    value BLOB,
    updated_at TEXT NOT NULL
);
"""

_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='n',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.n, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.n, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.n, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.n, new.title, new.body);
END;
"""

_ANALYSIS = """
CREATE TABLE analyses (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sentences TEXT NOT NULL DEFAULT '[]',
    analyzed_at TEXT NOT NULL
);
CREATE TABLE mentions (
    n INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity TEXT
);
CREATE INDEX mentions_span ON mentions(article, start, "end");
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE attributions (
    n INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker TEXT NOT NULL,
    speaker_start INTEGER NOT NULL,
    speaker_end INTEGER NOT NULL,
    cue TEXT NOT NULL,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    speaker_resolved TEXT,
    speaker_entity TEXT,
    markers TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'attributed'
);
CREATE INDEX attributions_span ON attributions(article, speaker_start, speaker_end);
CREATE INDEX attributions_entity ON attributions(speaker_entity);

CREATE TABLE timexes (
    n INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX timexes_article ON timexes(article);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX entities_canonical ON entities(canonical);
CREATE TABLE entity_aliases (
    entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    pos INTEGER NOT NULL,
    PRIMARY KEY (entity, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);
"""

_STORIES = """
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    first TEXT,
    last TEXT,
    report_stale INTEGER NOT NULL DEFAULT 1,   -- 1 until compare has run on the current members
    updated_at TEXT NOT NULL
);
CREATE TABLE story_articles (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    PRIMARY KEY (story, article)
);
CREATE TABLE claims (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    article TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    status TEXT NOT NULL,
    speaker TEXT,
    speaker_entity TEXT,
    side TEXT,
    question TEXT,
    position TEXT,
    corroboration INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (story, id)
);
CREATE INDEX claims_article ON claims(article);
CREATE TABLE questions (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    summary TEXT NOT NULL,
    contested INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    PRIMARY KEY (story, id)
);
CREATE TABLE question_sides (
    story TEXT NOT NULL,
    question TEXT NOT NULL,
    pos INTEGER NOT NULL,
    position TEXT NOT NULL,
    claims TEXT NOT NULL DEFAULT '[]',
    speakers TEXT NOT NULL DEFAULT '[]',
    outlets TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (story, question, pos),
    FOREIGN KEY (story, question) REFERENCES questions(story, id) ON DELETE CASCADE
);
CREATE TABLE framing (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    word_choices TEXT NOT NULL DEFAULT '{}',
    hedged_share REAL NOT NULL DEFAULT 0,
    voices TEXT NOT NULL DEFAULT '{}',
    tone REAL NOT NULL DEFAULT 0,
    statements INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (story, outlet)
);
"""

# Listing commands and the web app count teasers and filter by kind on every page.
_LISTING_INDEXES = """
CREATE INDEX articles_kind ON articles(kind);
CREATE INDEX questions_contested ON questions(contested, story);
"""

# An interrupted statement's pieces ('"A," X said. "B."') as a JSON list of [start, end]; '[]' when the
# content is the one span content_start..content_end (every row analysed before this step).
_CONTENT_PARTS = """
ALTER TABLE attributions ADD COLUMN content_parts TEXT NOT NULL DEFAULT '[]';
"""

# A contested question's calibrated probability (compare.contest_model); NULL for rows compared before
# this step, whose stories are marked stale so the next derive compares them again with the model.
_QUESTION_SCORE = """
ALTER TABLE questions ADD COLUMN score REAL;
UPDATE stories SET report_stale = 1;
"""

# A page whose source is stored already but whose text differs (the outlet corrected or updated it):
# the first capture stays the analysed article, each later text is kept here as its history.
_ARTICLE_VERSIONS = """
CREATE TABLE article_versions (
    n INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    page_hash TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    text_hash TEXT NOT NULL,
    published TEXT,
    captured TEXT,
    stored_at TEXT NOT NULL,
    UNIQUE (article, text_hash)
);
CREATE INDEX article_versions_article ON article_versions(article);
"""

# Copies beyond MinHash (extract.copies): what an article copies, the kind of copy and its evidence;
# its blocking keys (rare names and numbers) in an inverted table with their counts, so a new article
# meets only the few stored ones sharing several rare keys; and a story's threads (stories.threads).
_COPIES_THREADS = """
ALTER TABLE articles ADD COLUMN copy_of TEXT;
ALTER TABLE articles ADD COLUMN copy_kind TEXT;
ALTER TABLE articles ADD COLUMN copy_evidence TEXT NOT NULL DEFAULT '{}';
ALTER TABLE articles ADD COLUMN copy_checked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_copy ON articles(copy_of);
CREATE INDEX articles_copy_checked ON articles(copy_checked);
CREATE TABLE copy_keys (
    key TEXT NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (key, article)
) WITHOUT ROWID;
CREATE INDEX copy_keys_article ON copy_keys(article);
CREATE TABLE copy_key_counts (
    key TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_threads (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    first TEXT,
    last TEXT,
    articles TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (story, id)
);
UPDATE stories SET report_stale = 1;
"""

# Analyst notes and pins (store.notes): written by people, never derived, so no foreign key ties them to
# a story, question or claim that a regroup or re-compare replaces; each keeps stable anchors (article
# ids, character spans, a question's title and evidence spans, the articles a story held) and is
# re-attached to the current story or question when read.
_NOTES_PINS = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after a note is deleted
    kind TEXT NOT NULL,                    -- 'story', 'article', 'statement' or 'question'
    author TEXT NOT NULL,
    created TEXT NOT NULL,
    text TEXT NOT NULL,
    story TEXT,                            -- the story id when written (a hint: ids change on regroup)
    question TEXT,                         -- the question id when written (a hint)
    article TEXT,                          -- article and statement notes: the article id (stable)
    start INTEGER,                         -- statement notes: the character span in the article body
    "end" INTEGER,
    quote TEXT,                            -- statement notes: the statement text; question notes: its title
    anchors TEXT NOT NULL DEFAULT '[]'     -- JSON: story notes the article ids it held; question notes
                                           -- its evidence spans [[article, start, end], ...]
);
CREATE INDEX notes_kind ON notes(kind);
CREATE INDEX notes_article ON notes(article);
CREATE TABLE pins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    story TEXT NOT NULL,                   -- the story id when pinned (a hint)
    articles TEXT NOT NULL DEFAULT '[]',   -- JSON: the article ids the story held when pinned
    author TEXT NOT NULL,
    created TEXT NOT NULL
);
"""

# The original outlet an aggregator's re-served copy credits (extract.credits): its name, the original's
# URL when the page links it (canonical link, og:url), and the evidence that names it.
_ORIGINAL_OUTLET = """
ALTER TABLE articles ADD COLUMN original_outlet TEXT;
ALTER TABLE articles ADD COLUMN original_url TEXT;
ALTER TABLE articles ADD COLUMN original_evidence TEXT;
"""

# Subjects of each article (stories.topics: IPTC Media Topics top level by sentence similarity), each
# with its score; topics_checked marks the articles the tagger has read (with the model that read them),
# so an article without a subject is not read again on every run.
_ARTICLE_TOPICS = """
CREATE TABLE article_topics (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (article, topic)
) WITHOUT ROWID;
CREATE INDEX article_topics_topic ON article_topics(topic);
CREATE TABLE topics_checked (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    checked_at TEXT NOT NULL
) WITHOUT ROWID;
"""

# Statements in the standfirst (analyze: the dek read as its own text): ``part`` says which text an
# attribution's offsets index, 'body' for every row analysed before this step. Their articles gain the dek
# statements on the next ``rashomon analyze``, which re-reads every article.
_ATTRIBUTION_PART = """
ALTER TABLE attributions ADD COLUMN part TEXT NOT NULL DEFAULT 'body';
"""

# Append only: never edit or reorder a step once released; add a new named step instead.
MIGRATIONS: list[tuple[str, MigrationStep]] = [
    ("0001_core", _CORE),
    ("0002_fulltext", _FTS),
    ("0003_analysis", _ANALYSIS),
    ("0004_stories", _STORIES),
    ("0005_listing_indexes", _LISTING_INDEXES),
    ("0006_content_parts", _CONTENT_PARTS),
    ("0007_question_score", _QUESTION_SCORE),
    ("0008_article_versions", _ARTICLE_VERSIONS),
    ("0009_copies_threads", _COPIES_THREADS),
    ("0010_notes_pins", _NOTES_PINS),
    ("0011_original_outlet", _ORIGINAL_OUTLET),
    ("0012_article_topics", _ARTICLE_TOPICS),
    ("0013_attribution_part", _ATTRIBUTION_PART),
]

SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already recorded in this database, in order."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY n")]


class NewerSchema(Exception):
    """The database was written by a newer Rashomon: its schema has steps this one does not know."""

    def __init__(self, version: int, unknown: list[str]) -> None:
        what = f"schema version {version}" + (f" (steps {', '.join(unknown[:3])})" if unknown else "")
        super().__init__(f"written by a newer Rashomon ({what}; this one knows {SCHEMA_VERSION}): "
                         "upgrade Rashomon to open it")


def check_not_newer(conn: sqlite3.Connection) -> None:
    """Raise NewerSchema when the database holds a schema past the last step known here."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    known = {name for name, _ in MIGRATIONS}
    unknown = [name for name in applied(conn) if name not in known]
    if version > SCHEMA_VERSION or unknown:
        raise NewerSchema(version, unknown)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the pending migrations, each in its own transaction; return the names applied.

    Raises NewerSchema, before writing anything, for a database from a newer Rashomon.
    """
    check_not_newer(conn)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (n INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
    )
    done = set(applied(conn))
    ran: list[str] = []
    for i, (name, step) in enumerate(MIGRATIONS, start=1):
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("ROLLBACK")
                continue
            if isinstance(step, str):
                for statement in _statements(step):
                    conn.execute(statement)
            else:
                step(conn)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            conn.execute(f"PRAGMA user_version = {i}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran


def _statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole (executescript would COMMIT)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
