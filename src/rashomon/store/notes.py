"""Analyst notes and pinned stories: written by people, so kept through every re-analysis.

Stories and questions are derived, and their ids change when ``analyze --regroup`` or a new
compare replaces them; a note or pin therefore stores what does not change (article ids, which
hash the source; character spans of the article body; a question's title and evidence spans; the
articles a story held) and is re-attached when read: to the story now holding most of its
articles, and to that story's question with the same title, else the one sharing most evidence
spans. No table here has a foreign key, so no cascade from a derived table can delete a note, and
no derive or regroup path touches these tables (tests/test_notes_survive.py checks it end to end).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rashomon.store.base import StoreBase, loads, now

NoteKind = Literal["story", "article", "statement", "question"]
NOTE_KINDS: tuple[str, ...] = ("story", "article", "statement", "question")
MAX_NOTE_CHARS = 10_000  # a note is a paragraph or a few, not a document
MAX_AUTHOR_CHARS = 100


class NoTarget(LookupError):
    """What a note or pin would point at does not exist (no such story, article or question)."""


class BadNote(ValueError):
    """A note that cannot be stored as given (empty, too long, a span outside the article)."""


@dataclass
class Note:
    """One analyst note with its stable anchors, and where it sits now (``at_story``, ``at_question``)."""

    id: int
    kind: str
    author: str
    created: str
    text: str
    story: str | None = None  # the story id when written
    question: str | None = None  # the question id when written
    article: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None  # a statement's text, a question's title, when written
    anchors: list = field(default_factory=list)  # story: article ids; question: [[article, start, end], ...]
    at_story: str | None = None  # the story it is attached to now (None: none holds its articles)
    at_question: str | None = None  # question notes: the question it is attached to now

    def to_dict(self) -> dict:
        """The note as the API, the CLI's --json and the export write it."""
        return {"id": self.id, "kind": self.kind, "author": self.author, "created": self.created, "text": self.text,
                "story": self.at_story, "question": self.at_question, "article": self.article,
                "start": self.start, "end": self.end, "quote": self.quote,
                "written_on": {"story": self.story, "question": self.question}}


@dataclass
class Pin:
    """A story an analyst pinned, anchored on the articles it held; ``at_story`` is where it sits now."""

    id: int
    story: str
    articles: list[str]
    author: str
    created: str
    at_story: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "story": self.at_story, "author": self.author, "created": self.created,
                "written_on": {"story": self.story}}


def clean_text(value: str, what: str, most: int) -> str:
    """``value`` stripped, refused when empty, too long, or not storable Unicode (a lone surrogate)."""
    if not isinstance(value, str):
        raise BadNote(f"{what} must be text")
    value = value.strip()
    if not value:
        raise BadNote(f"{what} is empty")
    if len(value) > most:
        raise BadNote(f"{what} is {len(value):,} characters; at most {most:,}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadNote(f"{what} holds a lone surrogate at character {exc.start}: not valid Unicode") from None
    return value


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two character spans share at least one character (an empty span shares its position)."""
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] == b[0]
    return max(a[0], b[0]) < min(a[1], b[1])


def best_story(articles: Iterable[str], story_of: dict[str, str], hint: str | None) -> str | None:
    """The story holding most of ``articles``; on a tie the story the note was written on, then the lowest id."""
    counts = Counter(story_of[a] for a in articles if a in story_of)
    if not counts:
        return None
    top = max(counts.values())
    tied = sorted(s for s, n in counts.items() if n == top)
    return hint if hint in tied else tied[0]


_NOTE_COLUMNS = 'id, kind, author, created, text, story, question, article, start, "end", quote, anchors'


def _note(row: tuple) -> Note:
    return Note(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
                loads(row[11], []))


class NotesStore(StoreBase):
    """Notes and pins: written, listed, deleted, and re-attached to the current stories and questions."""

    # -- writing ----------------------------------------------------------------------------
    def add_note(self, kind: str, text: str, author: str, *, story: str | None = None, question: str | None = None,
                 article: str | None = None, start: int | None = None, end: int | None = None) -> Note:
        """Store a note on a story, an article, a statement (article + span) or a question (story + id).

        Raises NoTarget when the story, article or question does not exist, BadNote when the text,
        author or span cannot be stored. A statement's span given by its start alone (or a start that
        begins a statement) takes that statement's end.
        """
        if kind not in NOTE_KINDS:
            raise BadNote(f"kind must be one of {', '.join(NOTE_KINDS)}")
        text = clean_text(text, "the note", MAX_NOTE_CHARS)
        author = clean_text(author, "the author", MAX_AUTHOR_CHARS)
        quote: str | None = None
        anchors: list = []
        if kind in ("story", "question"):
            if not story:
                raise BadNote(f"a {kind} note needs a story")
            row = self.conn.execute("SELECT id FROM stories WHERE id = ?", (story,)).fetchone()
            if row is None:
                raise NoTarget(f"no story {story!r}")
            arts = [r[0] for r in self.conn.execute("SELECT article FROM story_articles WHERE story = ? ORDER BY pos",
                                                     (story,))]
            article, start, end = None, None, None
            if kind == "story":
                anchors, question = arts, None
            else:
                if not question:
                    raise BadNote("a question note needs the question's id")
                q = self.conn.execute("SELECT summary FROM questions WHERE story = ? AND id = ?", (story, question)).fetchone()
                if q is None:
                    raise NoTarget(f"no question {question!r} in story {story!r}")
                quote = q[0]
                anchors = self._question_spans(story, question)
        else:
            if not article:
                raise BadNote(f"a {kind} note needs an article")
            row = self.conn.execute("SELECT id, body FROM articles WHERE id = ? OR source = ? LIMIT 1",
                                    (article, article)).fetchone()
            if row is None:
                raise NoTarget(f"no article {article!r}")
            article, body = row[0], row[1]
            story = self.conn.execute("SELECT story FROM story_articles WHERE article = ?", (article,)).fetchone()
            story = story[0] if story else None
            question = None
            if kind == "article":
                start, end = None, None
            else:
                start, end = self._statement_span(article, len(body), start, end)
                quote = body[start:end]
        with self.transaction() as conn:
            cur = conn.execute(
                'INSERT INTO notes (kind, author, created, text, story, question, article, start, "end", quote, anchors) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (kind, author, now(), text, story, question, article, start, end, quote, json.dumps(anchors)),
            )
            note_id = cur.lastrowid
        return self.notes(ids=[int(note_id or 0)])[0]

    def _question_spans(self, story: str, question: str) -> list[list]:
        """The evidence spans [[article, start, end], ...] of a question: its sides' claims."""
        ids: list[str] = []
        for (claims,) in self.conn.execute("SELECT claims FROM question_sides WHERE story = ? AND question = ? ORDER BY pos",
                                           (story, question)):
            ids += loads(claims, [])
        rows = self.conn.execute('SELECT id, article, start, "end" FROM claims WHERE story = ? AND (question = ? OR id IN '
                                 "(SELECT value FROM json_each(?))) ORDER BY pos", (story, question, json.dumps(ids)))
        return [[r[1], r[2], r[3]] for r in rows]

    def _statement_span(self, article: str, length: int, start: int | None, end: int | None) -> tuple[int, int]:
        """A statement's span, checked against the body; a start alone takes the end of the statement it begins."""
        if start is None:
            raise BadNote("a statement note needs the statement's start (a character offset)")
        if not 0 <= start <= length:
            raise BadNote(f"start {start} is outside the article (0 to {length})")
        if end is None:
            row = self.conn.execute("SELECT content_end FROM attributions WHERE article = ? AND content_start = ? AND part = 'body' "
                                    "UNION ALL SELECT \"end\" FROM claims WHERE article = ? AND start = ? LIMIT 1",
                                    (article, start, article, start)).fetchone()
            if row is None:
                raise BadNote(f"no statement starts at {start}; give its end too")
            end = row[0]
        if not start < end <= length:
            raise BadNote(f"end {end} must be after start {start} and at most {length}")
        return start, end

    def delete_note(self, note_id: int) -> bool:
        """Remove one note (the only way a note goes); True when it existed."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM notes WHERE id = ?", (int(note_id),)).rowcount > 0

    def pin_story(self, story: str, author: str) -> Pin:
        """Pin a story (once: pinning a pinned story returns its pin)."""
        author = clean_text(author, "the author", MAX_AUTHOR_CHARS)
        if self.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
            raise NoTarget(f"no story {story!r}")
        for pin in self.pins():
            if pin.at_story == story:
                return pin
        arts = [r[0] for r in self.conn.execute("SELECT article FROM story_articles WHERE story = ? ORDER BY pos", (story,))]
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO pins (story, articles, author, created) VALUES (?, ?, ?, ?)",
                               (story, json.dumps(arts), author, now()))
            pin_id = cur.lastrowid
        return next(p for p in self.pins() if p.id == pin_id)

    def unpin_story(self, story: str) -> int:
        """Remove every pin now attached to ``story``; the number removed."""
        ids = [(p.id,) for p in self.pins() if p.at_story == story or (p.at_story is None and p.story == story)]
        with self.transaction() as conn:
            conn.executemany("DELETE FROM pins WHERE id = ?", ids)
        return len(ids)

    # -- reading ----------------------------------------------------------------------------
    def notes(self, *, ids: list[int] | None = None, kind: str | None = None, article: str | None = None) -> list[Note]:
        """Notes, oldest first, each attached to the story (and question) that holds it now."""
        clauses, args = [], []
        if ids is not None:
            clauses.append("id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps([int(i) for i in ids]))
        if kind is not None:
            clauses.append("kind = ?")
            args.append(kind)
        if article is not None:
            clauses.append("article = ?")
            args.append(article)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        notes = [_note(r) for r in self.conn.execute(f"SELECT {_NOTE_COLUMNS} FROM notes{where} ORDER BY id", args)]
        self._attach(notes)
        return notes

    def story_notes(self, story: str) -> list[Note]:
        """Every note attached to ``story`` now: on it, its questions, its articles and their statements."""
        return [n for n in self.notes() if n.at_story == story]

    def pins(self) -> list[Pin]:
        """Pins, newest first, each attached to the story now holding most of its articles."""
        rows = self.conn.execute("SELECT id, story, articles, author, created FROM pins ORDER BY id DESC").fetchall()
        pins = [Pin(r[0], r[1], loads(r[2], []), r[3], r[4]) for r in rows]
        story_of = self.story_of_each({a for p in pins for a in p.articles})
        for p in pins:
            p.at_story = best_story(p.articles, story_of, p.story)
        return pins

    def pinned_story_ids(self) -> list[str]:
        """The stories pinned now, most recently pinned first, each once."""
        return list(dict.fromkeys(p.at_story for p in self.pins() if p.at_story))

    def count_notes(self) -> int:
        return self.conn.execute("SELECT count(*) FROM notes").fetchone()[0]

    # -- re-attaching -----------------------------------------------------------------------
    def _attach(self, notes: list[Note]) -> None:
        """Set each note's ``at_story`` and, for a question note, ``at_question`` from the current records."""
        wanted: set[str] = set()
        for n in notes:
            wanted |= set(_anchor_articles(n))
        story_of = self.story_of_each(wanted)
        hints = {n.story for n in notes if n.story}
        alive = {r[0] for r in self.conn.execute("SELECT id FROM stories WHERE id IN (SELECT value FROM json_each(?))",
                                                 (json.dumps(sorted(hints)),))}
        for n in notes:  # a note none of whose articles is grouped stays on its story while that exists
            n.at_story = best_story(_anchor_articles(n), story_of, n.story) or (n.story if n.story in alive else None)
        questions: dict[str, list[tuple[str, str, list[list]]]] = {}  # story -> its questions, read once
        found: dict[tuple, str | None] = {}  # notes on one question share their title and anchors
        for n in notes:
            if n.kind == "question" and n.at_story:
                if n.at_story not in questions:
                    rows = self.conn.execute("SELECT id, summary FROM questions WHERE story = ? ORDER BY pos",
                                             (n.at_story,)).fetchall()
                    questions[n.at_story] = [(q, t, self._question_spans(n.at_story, q)) for q, t in rows]
                key = (n.at_story, n.quote, json.dumps(n.anchors))
                if key not in found:
                    found[key] = matching_question(n, questions[n.at_story])
                n.at_question = found[key]


def matching_question(note: Note, questions: list[tuple[str, str, list[list]]]) -> str | None:
    """Of (id, title, evidence spans) ``questions``, the one with the note's title, else the one sharing
    most evidence spans with it; None when none shares either."""
    best: tuple[int, int, str] | None = None
    mine: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in note.anchors:
        mine.setdefault(a, []).append((s, e))
    for qid, summary, evidence in questions:
        shared = sum(1 for a, s, e in evidence if any(overlaps((s, e), span) for span in mine.get(a, ())))
        same_title = int(summary == note.quote)
        if not same_title and not shared:
            continue
        key = (same_title, shared, qid)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def _anchor_articles(note: Note) -> list[str]:
    """The articles a note's story is found by: its article, or the articles of its anchors."""
    if note.kind in ("article", "statement"):
        return [note.article] if note.article else []
    if note.kind == "question":
        return [a[0] for a in note.anchors]
    return list(note.anchors)
