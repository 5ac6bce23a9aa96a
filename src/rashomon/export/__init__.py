"""Exports other tools read: JSONL, CSV and Parquet, following DESIGN.md's "Export contract" (its Arrow types: ``schema``).

Every key of the contract is present in every record, empty when a later stage has not filled
it, so a consumer never has to guess whether a field exists. Extra keys may be added; none of the
contract's may be removed or renamed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from rashomon.brief import brief_record, read_brief
from rashomon.errors import RashomonError
from rashomon.language_scope import analysis_note
from rashomon.model import Article, ArticleAnalysis, Attribution
from rashomon.shown_parts import shown_in_parts
from rashomon.store import Store
from rashomon.store.read import Version

FORMATS = ("jsonl", "csv", "parquet")

ARTICLE_KEYS = (
    "id", "source", "outlet", "kind", "parent", "title", "published", "story", "body", "headings",
    "near_duplicate_of", "entities", "attributions", "timexes",
    # beyond the contract
    "url", "dek", "section", "byline", "captured", "age", "language", "published_evidence",
    "copy_of", "copy_kind", "copy_evidence", "analysis_note", "versions",
    "original_outlet", "original_url", "original_evidence", "dek_attributions",
)
STORY_KEYS = ("id", "title", "articles", "entities", "contested", "first", "last", "outlets", "threads", "brief",
              "notes", "pinned")  # analyst notes attached to the story now, and its pins (export/notes.py)
_PAGE = 500


def article_record(a: Article, x: ArticleAnalysis | None, names: dict[str, str], story: str | None,
                   versions: list[Version] | None = None) -> dict[str, Any]:
    """The contract record of one article (the export and the JSON API share it)."""
    return {
        "id": a.id, "source": a.source, "outlet": a.outlet, "kind": a.kind, "parent": a.parent,
        "title": a.title, "published": a.published, "story": story, "body": a.body,
        "headings": list(a.headings), "near_duplicate_of": a.near_duplicate_of,
        "entities": [
            {"text": m.text, "label": m.label, "entity": names.get(m.entity) if m.entity else None,
             "start": m.start, "end": m.end, "entity_id": m.entity}
            for m in (x.mentions if x else [])
        ],
        "attributions": _statements(x.attributions if x else [], a, names),
        "timexes": [
            {"text": t.text, "value": t.value, "type": t.type, "start": t.start, "end": t.end}
            for t in (x.timexes if x else [])
        ],
        "url": a.url, "dek": a.dek, "section": a.section, "byline": a.byline, "captured": a.captured,
        "age": a.age, "language": a.language, "published_evidence": a.published_evidence,
        # who copied whom: the earlier report this one copies, the kind of copy and the signals that found it
        "copy_of": a.copy_of, "copy_kind": a.copy_kind, "copy_evidence": dict(a.copy_evidence) if a.copy_of else None,
        # a page in a language the analysis cannot read: what was not analysed (None when it was)
        "analysis_note": analysis_note(a.language),
        # the later texts of the same source (the outlet changed the page), oldest first; the record's
        # own body and analysis are the first capture's, so the list is empty for a page never changed
        "versions": [version_record(v) for v in versions or []],
        # an aggregator's re-served copy: the outlet it credits, the original's URL, the evidence (extract.credits)
        "original_outlet": a.original_outlet, "original_url": a.original_url, "original_evidence": a.original_evidence,
        # the standfirst's statements, shaped as "attributions" with part "dek": their spans index "dek"
        "dek_attributions": _statements(x.dek_attributions if x else [], a, names),
    }


def _statements(atts: list[Attribution], a: Article, names: dict[str, str]) -> list[dict[str, Any]]:
    """Statements of one part of an article as the contract writes them; ``part`` names the text their spans index."""
    return [
        {"speaker": t.speaker, "speaker_entity": names.get(t.speaker_entity) if t.speaker_entity else None,
         "cue": t.cue, "kind": t.kind, "content": t.content, "start": t.content_start, "end": t.content_end,
         "speaker_start": t.speaker_start, "speaker_end": t.speaker_end, "cue_start": t.cue_start,
         "cue_end": t.cue_end, "sentence_start": t.sentence_start, "sentence_end": t.sentence_end,
         "speaker_resolved": t.speaker_resolved, "markers": list(t.markers), "status": t.status,
         "content_parts": [list(p) for p in t.content_parts], "speaker_shown": shown, "part": t.part}
        for t, shown in zip(atts, shown_in_parts(atts, {a.id: a}, names))
    ]


def version_record(v: Version) -> dict[str, Any]:
    """One later text of an article: when it was seen (``changed``), its title, dates and body."""
    return {"changed": v.changed, "title": v.title, "published": v.published, "captured": v.captured,
            "stored_at": v.stored_at, "text_hash": v.text_hash, "body": v.body}


def _pages(fetch: Callable[..., list[Any]]) -> Iterator[list[Any]]:
    """A store listing read _PAGE rows at a time, so an export of any size holds one page in memory."""
    offset = 0
    while page := fetch(limit=_PAGE, offset=offset):
        offset += len(page)
        yield page


def article_records(store: Store) -> Iterator[dict[str, Any]]:
    """One contract record per stored article, in ingest order."""
    names = {e.id: e.canonical for e in store.entities()}
    story_of = store.story_map()
    for page in _pages(store.articles):
        ids = [a.id for a in page]
        analyses = {x.article: x for x in store.analyses(ids)}
        versions = store.versions_of(ids)
        for a in page:
            yield article_record(a, analyses.get(a.id), names, story_of.get(a.id), versions.get(a.id))


def story_records(store: Store) -> Iterator[dict[str, Any]]:
    """One contract record per story, contested questions with each side's evidence spans."""
    from rashomon.export.notes import by_story

    notes, pins = by_story(store)
    for page in _pages(store.stories):
        for s in page:
            members = store.articles(story=s.id)
            source = {a.id: a.source for a in members}
            report = store.story_report(s.id)
            claims = {c.id: c for c in report.claims} if report else {}
            contested = []
            for q in (report.questions if report else []):
                if not q.contested:
                    continue
                sides = []
                for side in q.sides:
                    evidence = [
                        {"source": source.get(claims[c].article, claims[c].article), "text": claims[c].text,
                         "start": claims[c].start, "end": claims[c].end}
                        for c in side.claims if c in claims
                    ]
                    sides.append({"position": side.position, "speakers": list(side.speakers), "evidence": evidence,
                                  "outlets": list(side.outlets)})
                contested.append({"question": q.summary, "sides": sides, "reason": q.reason, "score": q.score})
            yield {
                "id": s.id, "title": s.title, "articles": [a.source for a in members],
                "entities": [{"canonical": e.canonical, "label": e.label, "aliases": list(e.aliases)}
                             for e in store.story_entities(s.id)],
                "contested": contested, "first": s.first, "last": s.last,
                "outlets": sorted({a.outlet for a in members if a.outlet}),
                "threads": [{"id": t.id, "title": t.title, "first": t.first, "last": t.last,
                             "articles": [source.get(x, x) for x in t.articles]} for t in store.threads(s.id)],
                "brief": brief_record(read_brief(store, s.id, members), members),  # the cited brief (rashomon.brief)
                "notes": notes.get(s.id, []), "pinned": pins.get(s.id, []),
            }


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], keys: tuple[str, ...]) -> int:
    """Flat rows: list and dict fields become JSON strings, None an empty cell."""
    writer = csv.DictWriter(out, fieldnames=list(keys), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow({k: _cell(r.get(k)) for k in keys})
        n += 1
    return n


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def write_parquet(records: Iterable[dict[str, Any]], path: str, stories: bool) -> int:
    """Nested columns with a fixed schema, so empty fields keep their types."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rashomon.export.schema import article_schema, story_schema

    schema = story_schema() if stories else article_schema()
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for r in records:
            chunk.append(r)
            if len(chunk) >= _PAGE:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def export(store: Store, fmt: str, out: IO[str] | str, *, stories: bool = False) -> int:
    """Write every article (or story) in ``fmt`` to ``out`` (a text stream, or a path for parquet);
    return the number of records."""
    if fmt not in FORMATS:
        raise RashomonError(fmt, f"unknown export format; choose one of {', '.join(FORMATS)}")
    records = story_records(store) if stories else article_records(store)
    if fmt == "parquet":
        if not isinstance(out, str):
            raise RashomonError("parquet", "needs an output file (--output FILE)")
        return write_parquet(records, out, stories)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export(store, fmt, fh, stories=stories)
    if fmt == "jsonl":
        return write_jsonl(records, out)
    return write_csv(records, out, STORY_KEYS if stories else ARTICLE_KEYS)
