"""Arrow schemas of the exports: fixed types, so a column of empty lists is still typed."""

from __future__ import annotations

import pyarrow as pa

from rashomon.export.notes import note_type, pin_type

_S, _I = pa.string(), pa.int64()


def article_schema() -> pa.Schema:
    mention = pa.struct([("text", _S), ("label", _S), ("entity", _S), ("start", _I), ("end", _I), ("entity_id", _S)])
    attribution = pa.struct([
        ("speaker", _S), ("speaker_entity", _S), ("cue", _S), ("kind", _S), ("content", _S), ("start", _I),
        ("end", _I), ("speaker_start", _I), ("speaker_end", _I), ("cue_start", _I), ("cue_end", _I),
        ("sentence_start", _I), ("sentence_end", _I), ("speaker_resolved", _S), ("markers", pa.list_(_S)),
        ("status", _S), ("content_parts", pa.list_(pa.list_(_I))), ("speaker_shown", _S), ("part", _S),
    ])
    timex = pa.struct([("text", _S), ("value", _S), ("type", _S), ("start", _I), ("end", _I)])
    return pa.schema([
        ("id", _S), ("source", _S), ("outlet", _S), ("kind", _S), ("parent", _S), ("title", _S),
        ("published", _S), ("story", _S), ("body", _S), ("headings", pa.list_(_S)), ("near_duplicate_of", _S),
        ("entities", pa.list_(mention)), ("attributions", pa.list_(attribution)), ("timexes", pa.list_(timex)),
        ("url", _S), ("dek", _S), ("section", _S), ("byline", _S), ("captured", _S), ("age", _S),
        ("language", _S), ("published_evidence", _S), ("copy_of", _S), ("copy_kind", _S),
        ("copy_evidence", copy_evidence_type()), ("analysis_note", _S),
        ("versions", pa.list_(pa.struct([("changed", _S), ("title", _S), ("published", _S), ("captured", _S),
                                         ("stored_at", _S), ("text_hash", _S), ("body", _S)]))),
        ("original_outlet", _S), ("original_url", _S), ("original_evidence", _S),
        ("dek_attributions", pa.list_(attribution)),
    ])


def copy_evidence_type() -> pa.DataType:
    """The signals of ``extract.copies.PairSignals`` plus the link's score."""
    from dataclasses import fields

    from rashomon.extract.copies import PairSignals

    kinds = {"float": pa.float64(), "int": _I, "bool": pa.bool_()}
    return pa.struct([(f.name, kinds[str(f.type)]) for f in fields(PairSignals)] + [("score", pa.float64())])


def story_schema() -> pa.Schema:
    entity = pa.struct([("canonical", _S), ("label", _S), ("aliases", pa.list_(_S))])
    evidence = pa.struct([("source", _S), ("text", _S), ("start", _I), ("end", _I)])
    side = pa.struct([("position", _S), ("speakers", pa.list_(_S)), ("evidence", pa.list_(evidence)),
                      ("outlets", pa.list_(_S))])
    question = pa.struct([("question", _S), ("sides", pa.list_(side)), ("reason", _S), ("score", pa.float64())])
    return pa.schema([
        ("id", _S), ("title", _S), ("articles", pa.list_(_S)), ("entities", pa.list_(entity)),
        ("contested", pa.list_(question)), ("first", _S), ("last", _S), ("outlets", pa.list_(_S)),
        ("threads", pa.list_(pa.struct([("id", _S), ("title", _S), ("first", _S), ("last", _S),
                                        ("articles", pa.list_(_S))]))),
        ("brief", pa.list_(brief_sentence_type())),
        ("notes", pa.list_(note_type())), ("pinned", pa.list_(pin_type())),
    ])


def brief_sentence_type() -> pa.DataType:
    """One sentence of a story's cited brief (``rashomon.brief.brief_record``)."""
    citation = pa.struct([("article", _S), ("source", _S), ("outlet", _S), ("start", _I), ("end", _I), ("text", _S)])
    return pa.struct([("section", _S), ("text", _S), ("citations", pa.list_(citation)), ("names", pa.list_(_S)),
                      ("date", _S), ("count", _I), ("question", _S)])
