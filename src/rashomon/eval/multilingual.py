"""`rashomon eval multilingual`: can the multilingual sentence model find a page's English original?

RTE-3's development set exists in English, German and Italian, sentence for sentence (800 pairs,
1,600 sentences). Each German or Italian sentence retrieves its nearest English sentence among all
1,600; top-1 accuracy counts a hit when the retrieved sentence is the original (or the same text:
RTE repeats some passages). Systems: the model grouping uses for pages in other languages
(``stories.crosslingual``), the same model plus the names-and-numbers score, the English MiniLM the
project ships, and names and numbers alone (anyascii-folded capitalised words and numbers, idf
weighted). Only the development files are read.

A second table groups ECB+ dev with one document per event rewritten as a stand-in for another
language (``grouping_proxy``), when ``ecbplus`` sits beside ``nli`` in the shared folder.
"""

from __future__ import annotations

import math
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from rashomon.config import Options
from rashomon.errors import EvalDataError, ModelError
from rashomon.eval import EvalTable

DEFAULT_DATA = "eval/nli/rte3_en_de_it"
METRICS = ["de_en_top1", "it_en_top1", "ms_per_sentence", "ms_per_lead"]
_DEV = {
    "en": "RTE3-ENdata-original-format/RTE3_pairs_dev-set-final.xml",
    "de": "RTE3-DEdata-original-format/RTE3_DE_V1_2012-10-22/RTE3-DE-dev-set.xml",
    "it": "RTE3-ITdata-original-format/RTE3-ITA_V1_2012-10-04/RTE3-ITA-dev-set.xml",
}
_TOKEN = re.compile(r"[^\W_]+(?:[.,]\d+)*", re.UNICODE)
NAMES_WEIGHT = 0.5  # weight of the names-and-numbers score beside the model's cosine (the combined row)


def read_sentences(root: Path, language: str) -> list[str]:
    """Texts and hypotheses of RTE-3's development pairs in one language, in pair order."""
    path = root / _DEV[language]
    if not path.is_file():
        raise EvalDataError(str(path), "RTE-3 development file not found")
    try:
        pairs = ET.parse(path).getroot().iter("pair")
    except ET.ParseError as exc:
        raise EvalDataError(str(path), f"not well-formed XML: {exc}") from exc
    out: list[str] = []
    for pair in pairs:
        out += [" ".join((pair.findtext(tag) or "").split()) for tag in ("t", "h")]
    return out


def name_number_keys(text: str) -> set[str]:
    """Capitalised words (anyascii-folded, lower-case) and numbers with a point as decimal mark."""
    from anyascii import anyascii

    keys: set[str] = set()
    for tok in _TOKEN.findall(anyascii(text)):
        if tok[0].isdigit():
            keys.add(re.sub(r"[.,](\d{3})(?=\D|$)", r"\1", tok).replace(",", "."))
        elif tok[0].isupper() and len(tok) > 2:
            keys.add(tok.lower())
    return keys


def names_scores(queries: list[str], targets: list[str]) -> np.ndarray:
    """(len(queries), len(targets)): idf-weighted share of a query's keys that a target holds."""
    tkeys = [name_number_keys(t) for t in targets]
    df = Counter(k for ks in tkeys for k in ks)
    idf = {k: math.log((len(targets) + 1) / (n + 1)) + 1.0 for k, n in df.items()}
    index: dict[str, list[int]] = {}
    for j, ks in enumerate(tkeys):
        for k in ks:
            index.setdefault(k, []).append(j)
    out = np.zeros((len(queries), len(targets)), dtype=np.float32)
    for i, q in enumerate(queries):
        qk = name_number_keys(q)
        total = sum(idf.get(k, math.log(len(targets) + 1) + 1.0) for k in qk) or 1.0
        for k in qk:
            for j in index.get(k, ()):
                out[i, j] += idf[k] / total
    return out


def top1(scores: np.ndarray, english: list[str]) -> float:
    """Share of queries whose best-scoring English sentence is their original (or the same text)."""
    best = scores.argmax(axis=1)
    return sum(english[b] == english[i] for i, b in enumerate(best)) / max(1, len(best))


def _leads(english: list[str]) -> list[str]:
    """Article-lead-sized texts (~500 characters): two consecutive RTE texts joined."""
    texts = english[0::2]
    return [" ".join(texts[i:i + 2]) for i in range(0, len(texts), 2)]


def _timed(embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    vecs = embed(texts)
    return np.asarray(vecs, dtype=np.float32), time.perf_counter() - start


def _model_rows(name: str, embed: Callable[[list[str]], np.ndarray], en: list[str], de: list[str], it: list[str],
                names: tuple[np.ndarray, np.ndarray] | None) -> list[dict]:
    embed(["warm up"])  # loading the weights is not per-sentence cost
    e, seconds = _timed(embed, en)
    d, i = embed(de), embed(it)
    _, lead_seconds = _timed(embed, leads := _leads(en))
    cost = {"ms_per_sentence": 1000 * seconds / len(en), "ms_per_lead": 1000 * lead_seconds / len(leads)}
    rows = [{"system": name, "de_en_top1": top1(d @ e.T, en), "it_en_top1": top1(i @ e.T, en), **cost}]
    if names is not None:
        rows.append({"system": f"{name} + names and numbers (x{NAMES_WEIGHT})",
                     "de_en_top1": top1(d @ e.T + NAMES_WEIGHT * names[0], en),
                     "it_en_top1": top1(i @ e.T + NAMES_WEIGHT * names[1], en), **cost})
    return rows


_LOWER_WORD = re.compile(r"\b[a-z][a-z']*\b")


def _as_foreign(text: str, tag: str) -> str:
    """A stand-in for a translation: every lower-case word spelt backwards and marked with ``tag`` (one
    per document: no two stand-ins share a language), so no common word meets another document's,
    while names, numbers and dates survive as they would in another language."""
    return _LOWER_WORD.sub(lambda m: m.group()[::-1] + tag, text)


def grouping_proxy(ecb_root: Path, options: Options, seed: int = 7) -> EvalTable:
    """ECB+ dev (two events of one kind per topic): one document per event is rewritten as if in
    another language; where does grouping put it: with its own event, with another, or alone?"""
    import random

    from rashomon.eval.stories import read_ecbplus, story_docs
    from rashomon.stories import regroup

    gdocs = read_ecbplus(ecb_root)
    gold = {d.name: d.gold for d in gdocs}
    events: dict[str, list[str]] = {}
    for d in gdocs:
        events.setdefault(d.gold, []).append(d.name)
    rng = random.Random(seed)
    chosen = {rng.choice(sorted(names)) for names in events.values() if len(names) >= 3}
    base = story_docs(gdocs)
    table = EvalTable(task="multilingual", title="Grouping a page in another language (proxy: ECB+ dev, one document per event made foreign)",
                      dataset=f"ECB+ dev, {len(gdocs)} documents, {len(chosen)} made foreign", metrics=["own_event", "other_event", "alone", "seconds"])
    from dataclasses import replace

    variants = [
        ("stories.crosslingual (names, dates, decimals + USE)", "xx", True),
        ("baseline: words only (names as written still match)", "en", True),
        ("upper bound: the page left in English", "en", False),
    ]
    for system, language, foreign in variants:
        docs = [replace(d, title=_as_foreign(d.title, f"q{i}"), body=_as_foreign(d.body, f"q{i}"), language=language)
                if foreign and d.article in chosen else replace(d, language="en") for i, d in enumerate(base)]
        start = time.perf_counter()
        index = regroup(docs, options)
        seconds = time.perf_counter() - start
        members: dict[str | None, list[str]] = {}
        for d in docs:
            members.setdefault(index.story_of(d.article), []).append(d.article)
        own = other = alone = 0
        for a in chosen:
            mates = [m for m in members[index.story_of(a)] if m != a]
            if not mates:
                alone += 1
            elif Counter(gold[m] for m in mates).most_common(1)[0][0] == gold[a]:
                own += 1
            else:
                other += 1
        table.rows.append({"system": system, "own_event": own, "other_event": other, "alone": alone, "seconds": seconds})
    table.notes.append("a foreign stand-in keeps names, numbers and dates and spells every lower-case word backwards, "
                       "in a spelling of its own; its story is the event most of its story-mates belong to")
    return table


def evaluate(path: Path, options: Options) -> list[EvalTable]:
    """Top-1 retrieval of each German and Italian RTE-3 sentence's English original, per system;
    then the grouping proxy on ECB+ dev when that set is in the shared folder."""
    en, de, it = (read_sentences(path, lang) for lang in ("en", "de", "it"))
    if not (len(en) == len(de) == len(it)):
        raise EvalDataError(str(path), f"the three languages differ in length ({len(en)}, {len(de)}, {len(it)})")
    table = EvalTable(task="multilingual", title="Cross-language retrieval: German/Italian sentence -> its English original (top-1)",
                      dataset=f"RTE-3 dev, {len(en)} sentences per language", metrics=METRICS)
    start = time.perf_counter()
    names = (names_scores(de, en), names_scores(it, en))
    names_seconds = time.perf_counter() - start
    from rashomon.stories.crosslingual import embed_multilingual

    table.rows += _model_rows("USE multilingual v3 (stories.crosslingual)", embed_multilingual, en, de, it, names)
    try:
        from rashomon.stories.embed import load_embedder

        minilm = load_embedder()
        table.rows += _model_rows("all-MiniLM-L6-v2 (English model)", lambda t: minilm.embed_fast(t), en, de, it, None)
    except ModelError as exc:
        table.notes.append(f"English MiniLM not measured: {exc}")
    table.rows.append({"system": "baseline: names and numbers alone", "de_en_top1": top1(names[0], en),
                       "it_en_top1": top1(names[1], en), "ms_per_sentence": 1000 * names_seconds / (2 * len(en))})
    table.notes += [
        "ms per sentence: embedding the English sentences in one batch on this machine; ms per lead: "
        "texts of ~500 characters (two RTE texts), the size of the title and lead a foreign page is embedded by",
        "a hit is the original English sentence or the same text (RTE repeats some passages)",
    ]
    tables = [table]
    ecb = path.parent.parent / "ecbplus"
    if ecb.is_dir():
        tables.append(grouping_proxy(ecb, options))
    return tables
