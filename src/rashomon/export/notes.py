"""Analyst notes and pins in the exports: ``rashomon export --notes`` (one record per note) and each
story record's ``notes`` and ``pinned`` fields, so what analysts wrote leaves the database with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from rashomon.store import Store
from rashomon.store.notes import Note, Pin

if TYPE_CHECKING:
    import pyarrow as pa

NOTE_KEYS = ("id", "kind", "author", "created", "text", "story", "question", "article", "start", "end", "quote",
             "written_on")


def note_record(n: Note) -> dict[str, Any]:
    """A note as exported: where it is attached now (``story``, ``question``), its anchors, and the ids
    it was written on (``written_on``), which a regroup may since have replaced."""
    return n.to_dict()


def pin_record(p: Pin) -> dict[str, Any]:
    return {"author": p.author, "created": p.created}


def note_type() -> "pa.DataType":
    """The Arrow type of one note record (export --notes, and a story record's ``notes``)."""
    import pyarrow as pa

    _S, _I = pa.string(), pa.int64()
    return pa.struct([
        ("id", _I), ("kind", _S), ("author", _S), ("created", _S), ("text", _S), ("story", _S), ("question", _S),
        ("article", _S), ("start", _I), ("end", _I), ("quote", _S),
        ("written_on", pa.struct([("story", _S), ("question", _S)])),
    ])


def pin_type() -> "pa.DataType":
    import pyarrow as pa

    return pa.struct([("author", pa.string()), ("created", pa.string())])


def by_story(store: Store) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Story id -> the note records attached to it now, and -> its pins (one read of each table)."""
    notes: dict[str, list[dict[str, Any]]] = {}
    for n in store.notes():
        if n.at_story:
            notes.setdefault(n.at_story, []).append(note_record(n))
    pins: dict[str, list[dict[str, Any]]] = {}
    for p in reversed(store.pins()):  # oldest first, as the notes
        if p.at_story:
            pins.setdefault(p.at_story, []).append(pin_record(p))
    return notes, pins


def note_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every note, oldest first, attached or not (a note whose story is gone keeps its anchors)."""
    for n in store.notes():
        yield note_record(n)


def export_notes(store: Store, fmt: str, out: IO[str] | str) -> int:
    """Write every note in ``fmt`` (jsonl, csv or parquet) to ``out``; return how many."""
    from rashomon.errors import RashomonError
    from rashomon.export import FORMATS, write_csv, write_jsonl

    if fmt not in FORMATS:
        raise RashomonError(fmt, f"unknown export format; choose one of {', '.join(FORMATS)}")
    records = list(note_records(store))  # notes are written by hand: a few thousand at most
    if fmt == "parquet":
        if not isinstance(out, str):
            raise RashomonError("parquet", "needs an output file (--output FILE)")
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(list(note_type()))  # type: ignore[arg-type]
        pq.write_table(pa.Table.from_pylist(records, schema=schema), out)
        return len(records)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export_notes(store, fmt, fh)
    if fmt == "jsonl":
        return write_jsonl(records, out)
    return write_csv(records, out, NOTE_KEYS)
