"""`rashomon eval timex`: TIMEX3 extents, types and values on TimeML (.tml) files.

Scoring follows TempEval-3: extents strict (same span) and relaxed (overlap), type accuracy and
value F1 over relaxed matches (a system timex counts when it overlaps a gold one with the same
value; precision over system timexes, recall over gold ones). The document creation time is the
anchor and is never scored. Baseline in the same run: dateparser's ``search_dates`` with the DCT
as RELATIVE_BASE, each hit formatted at the granularity dateparser reports for it.
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from rashomon.analyze.timex_normalize import canonical_value
from rashomon.config import Options
from rashomon.errors import EvalDataError
from rashomon.eval import EvalTable

DEFAULT_DATA = "eval/tempeval3-tbaq"
log = logging.getLogger(__name__)

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TmlDoc:
    name: str
    text: str
    dct: str | None
    gold: list[Span] = field(default_factory=list)


def read_tml(path: Path) -> TmlDoc:
    """Plain TEXT with gold TIMEX3 offsets; the CREATION_TIME timex gives the DCT."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value")
            break
    start, end = raw.find("<TEXT>"), raw.find("</TEXT>")
    if start < 0 or end < 0:
        raise EvalDataError(str(path), "no <TEXT> element")
    body = raw[start + len("<TEXT>") : end]
    text: list[str] = []
    pos = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[Span] = []
    cursor = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[cursor : m.start()])
        text.append(chunk)
        pos += len(chunk)
        cursor = m.end()
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex.append((pos, dict(_ATTR.findall(attrs))))
        elif open_timex:
            s, a = open_timex.pop()
            if a.get("functionInDocument") != "CREATION_TIME":
                gold.append(Span(s, pos, a.get("type", ""), a.get("value", "")))
    text.append(html.unescape(body[cursor:]))
    full = "".join(text)
    gold = [Span(g.start, g.end, g.type, g.value, full[g.start : g.end]) for g in gold]
    return TmlDoc(path.stem, full, dct, gold)


def read_corpus(folder: Path) -> list[TmlDoc]:
    files = sorted(f for f in folder.rglob("*.tml") if not f.name.startswith(".")) if folder.is_dir() else [folder]
    if not files:
        raise EvalDataError(str(folder), "no .tml files found")
    return [read_tml(f) for f in files]


def score(gold_docs: list[list[Span]], sys_docs: list[list[Span]]) -> dict[str, float]:
    """TempEval-3 style extent, type and value scores summed over documents."""
    n_gold = n_sys = strict = relaxed_g = relaxed_s = type_ok = value_s = value_g = 0
    for gold, system in zip(gold_docs, sys_docs):
        n_gold += len(gold)
        n_sys += len(system)
        for s in system:
            overl = [g for g in gold if g.start < s.end and s.start < g.end]
            if overl:
                relaxed_s += 1
            if any(canonical_value(g.value) == canonical_value(s.value) for g in overl):
                value_s += 1
        for g in gold:
            overl = [s for s in system if g.start < s.end and s.start < g.end]
            if any(s.start == g.start and s.end == g.end for s in overl):
                strict += 1
            if overl:
                relaxed_g += 1
                if any(s.type == g.type for s in overl):
                    type_ok += 1
            if any(canonical_value(g.value) == canonical_value(s.value) for s in overl):
                value_g += 1

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    sp, sr = _div(strict, n_sys), _div(strict, n_gold)
    rp, rr = _div(relaxed_s, n_sys), _div(relaxed_g, n_gold)
    vp, vr = _div(value_s, n_sys), _div(value_g, n_gold)
    return {
        "strict_f1": f1(sp, sr), "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": f1(rp, rr),
        "type_acc": _div(type_ok, relaxed_g), "value_p": vp, "value_r": vr, "value_f1": f1(vp, vr),
    }


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


def rashomon_timexes(docs: list[TmlDoc], options: Options) -> list[list[Span]]:
    """Our pipeline (parser + rashomon_timex) over each document with its DCT."""
    from rashomon.analyze import build_nlp

    nlp = build_nlp(options)
    keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "rashomon_timex"}
    disable = [p for p in nlp.pipe_names if p not in keep]
    made = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.dct = d.dct
        made.append(doc)
    out = []
    for doc in nlp.pipe(made, batch_size=options.batch_size, disable=disable):
        out.append([Span(t.start, t.end, t.type, t.value, t.text) for t in (doc._.timexes or [])])
    return out


_PERIOD_FMT = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "week": "%G-W%V", "time": "%Y-%m-%dT%H:%M"}


def dateparser_timexes(docs: list[TmlDoc]) -> list[list[Span]]:
    """Baseline: dateparser.search.search_dates, RELATIVE_BASE = DCT, value at its granularity."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = datetime.fromisoformat(d.dct[:10]) if d.dct else datetime(1900, 1, 1)
        settings = {"RELATIVE_BASE": base}
        ddp = DateDataParser(languages=["en"], settings=settings)
        try:
            hits = search_dates(d.text, languages=["en"], settings=settings) or []
        except Exception:  # noqa: BLE001 - the baseline's own failures count as misses
            hits = []
        spans, cursor = [], 0
        for sub, dt in hits:
            i = d.text.find(sub, cursor)
            if i < 0:
                continue
            cursor = i + len(sub)
            period = "day"
            try:
                data = ddp.get_date_data(sub)
                period = data.period or "day"
                if data.date_obj is not None:
                    dt = data.date_obj
            except Exception:  # noqa: BLE001
                pass
            fmt = _PERIOD_FMT.get(period, "%Y-%m-%d")
            kind = "TIME" if period == "time" else "DATE"
            spans.append(Span(i, i + len(sub), kind, dt.strftime(fmt), sub))
        out.append(spans)
    return out


def evaluate(path: Path, options: Options, *, baseline: bool = True, step: int = 1) -> list[EvalTable]:
    """Score Rashomon and the dateparser baseline on every .tml file under ``path``
    (or on every ``step``-th file in name order: the deterministic subset of the quality gate)."""
    docs = read_corpus(path)[::step]
    gold = [d.gold for d in docs]
    systems: list[tuple[str, Callable[[], list[list[Span]]]]] = [("rashomon", lambda: rashomon_timexes(docs, options))]
    if baseline:
        systems.append(("dateparser.search", lambda: dateparser_timexes(docs)))
    metrics = ["value_f1", "value_p", "value_r", "relaxed_f1", "strict_f1", "type_acc", "seconds"]
    table = EvalTable(
        task="timex",
        title="TIMEX3 extents and values (DCT as anchor, CREATION_TIME not scored)",
        dataset=str(path),
        metrics=metrics,
        notes=[f"{len(docs)} documents, {sum(map(len, gold))} gold timexes; value match = overlap + same value"],
    )
    for name, run in systems:
        t0 = time.perf_counter()
        predicted = run()
        row = {"system": name, **score(gold, predicted), "seconds": round(time.perf_counter() - t0, 1)}
        table.rows.append(row)
    return [table]


def errors(docs: Iterable[TmlDoc], predicted: list[list[Span]]) -> list[str]:
    """Human-readable misses and false alarms, for tuning on the training data."""
    lines = []
    for d, system in zip(docs, predicted):
        for g in d.gold:
            ov = [s for s in system if g.start < s.end and s.start < g.end]
            if not any(canonical_value(s.value) == canonical_value(g.value) for s in ov):
                got = "; ".join(f"{s.text!r}={s.value}" for s in ov) or "-"
                lines.append(f"MISS {d.name} dct={d.dct} {g.text!r} {g.type}={g.value} got {got}")
        for s in system:
            if not any(g.start < s.end and s.start < g.end for g in d.gold):
                lines.append(f"FA   {d.name} dct={d.dct} {s.text!r} {s.type}={s.value} ctx={d.text[max(0, s.start - 40):s.end + 30]!r}")
    return lines
