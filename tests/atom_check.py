"""Atom validity for tests: RFC 4287's grammar as RELAX NG (fixtures/atom/atom.rnc, through rnc2rng and
lxml; PyPI has no maintained Atom validator package) plus the rules the RFC states only in prose."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = Path(__file__).parent / "fixtures" / "atom" / "atom.rnc"


def atom_schema() -> etree.RelaxNG:
    """The RFC's schema, compiled (needs rnc2rng: callers importorskip it)."""
    import rnc2rng

    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text(encoding="utf-8")))
    # rnc2rng declares the empty namespace's prefix (xmlns:local=""), which XML 1.0 forbids; the
    # name classes that use it carry ns="" themselves, so the declaration can go
    return etree.RelaxNG(etree.fromstring(rng.replace('xmlns:local=""', "").encode()))


def problems(xml: bytes, schema: etree.RelaxNG) -> list[str]:
    """Why a document is not a valid Atom feed: the schema's errors, then RFC 4287's prose rules."""
    doc = etree.fromstring(xml)
    if not schema.validate(doc):
        return [str(e) for e in schema.error_log]
    out = []
    feed_author = doc.find(f"{ATOM}author") is not None
    ids = [e.findtext(f"{ATOM}id") for e in doc.iter(f"{ATOM}entry")]
    if len(ids) != len(set(ids)):
        out.append("two entries share an id")  # 4.1.1: atom:entry ids are unique in a feed
    for e in doc.iter(f"{ATOM}entry"):
        if not feed_author and e.find(f"{ATOM}author") is None:
            out.append("an entry without an author in a feed without one")  # 4.1.2
        alternates = [x for x in e.findall(f"{ATOM}link") if x.get("rel", "alternate") == "alternate"]
        if not alternates and e.find(f"{ATOM}content") is None:
            out.append("an entry with neither content nor an alternate link")  # 4.1.2
    if not [x for x in doc.findall(f"{ATOM}link") if x.get("rel") == "self"]:
        out.append("no self link")  # 4.1.1 SHOULD
    return out
