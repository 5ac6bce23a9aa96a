"""Cost of Rashomon's full analysis against a bare ``nlp.pipe`` of the same spaCy model.

Both sides run in one process over the same article bodies: the baseline is the pinned model
with all of its own components (tok2vec, tagger, parser, NER, ...), the candidate is
``analyze_articles`` (the same model plus attribution, hedges and timex, Doc creation with the
publication date, and conversion to plain records). Each side runs ``--repeat`` times,
alternating, and the best time of each is kept. Prints a table and one JSON line.

    .venv/bin/python bench/analyze.py [--articles 60] [--repeat 2] [--batch-size 32] [--encoder on|off]

Articles: the bundled demo corpus (``src/rashomon/demo/``, through ingest + extract), topped up
to ``--articles`` with PolNeAR dev texts from ../shared when present (read at run time), else by
repeating the demo articles.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rashomon.config import default_options  # noqa: E402
from rashomon.model import Article  # noqa: E402


def demo_articles() -> list[Article]:
    """The demo corpus as the pipeline would see it: ingest readers, then the extract stage."""
    demo = REPO / "src" / "rashomon" / "demo"
    if not demo.is_dir():
        return []
    try:
        from rashomon.extract import extract_page
        from rashomon.ingest import read_inputs
        from rashomon.model import Page

        options = default_options(online=False)
        out: list[Article] = []
        for page in read_inputs([str(demo)], options):
            if isinstance(page, Page):
                out += [a for a in extract_page(page, options) if a.body]
        return out
    except Exception as e:  # noqa: BLE001 - a bench falls back rather than fails
        logging.warning("demo corpus unavailable (%s: %s)", type(e).__name__, e)
        return []


def polnear_articles(limit: int) -> list[Article]:
    """PolNeAR dev texts (news articles) read from ../shared at run time, never copied."""
    for base in (REPO.parent / "shared", REPO / ".." / "shared"):
        folder = base / "eval" / "polnear" / "dev" / "text"
        if folder.is_dir():
            files = sorted(folder.iterdir())[:limit]
            return [Article(source=str(f), page_source=str(f), body=f.read_text(encoding="utf-8", errors="replace"), published="2016-01-01") for f in files]
    return []


def corpus(n: int) -> tuple[list[Article], str]:
    arts = demo_articles()
    source = f"demo corpus ({len(arts)} articles)"
    if len(arts) < n:
        extra = polnear_articles(n - len(arts))
        if extra:
            source += f" + {len(extra)} PolNeAR dev texts"
            arts += extra
    if arts and len(arts) < n:
        base = list(arts)
        while len(arts) < n:
            arts += base[: n - len(arts)]
        source += f", repeated to {n}"
    return arts[:n], source


def component_costs(nlp, articles: list[Article], batch_size: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """CPU time of the model's components, then of each of ours and of the record conversion."""
    from rashomon.analyze import _convert, _make_doc

    ours = [n for n in nlp.pipe_names if n.startswith("rashomon_")]
    docs = [d for d in (_make_doc(nlp, a) for a in articles) if d is not None]
    t0 = time.process_time()
    docs = list(nlp.pipe(docs, batch_size=batch_size, disable=ours))
    out = {"model components": time.process_time() - t0}
    for name in ours:
        proc = nlp.get_pipe(name)
        t0 = time.process_time()
        docs = [proc(d) for d in docs]
        out[name] = time.process_time() - t0
    t0 = time.process_time()
    for d in docs:
        _convert(d, "bench")
    out["records (_convert)"] = time.process_time() - t0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the configured one)")
    ap.add_argument("--encoder", choices=["on", "off"], help="the attribution frame encoder on or off (default: as configured)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)

    import spacy

    from rashomon.analyze import analyze_articles, build_nlp

    options = default_options(batch_size=args.batch_size, spacy_model=args.model)
    if args.encoder:
        options = options.with_(extra={**options.extra, "attribution_encoder": args.encoder == "on"})
    articles, source = corpus(args.articles)
    if not articles:
        print("no articles found (demo corpus and ../shared both missing)", file=sys.stderr)
        return 1
    bare = spacy.load(options.spacy_model)
    full = build_nlp(options)
    texts = [a.body for a in articles]
    chars = sum(map(len, texts))

    def run_bare() -> int:
        return sum(len(doc) for doc in bare.pipe(texts, batch_size=args.batch_size))

    def run_full() -> int:
        return len(analyze_articles(articles, full, options))

    run_bare(), run_full()  # warm-up: lazy initialisation, caches, page-ins
    best = {"bare": float("inf"), "full": float("inf")}
    tokens = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        tokens = run_bare()
        best["bare"] = min(best["bare"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        run_full()
        best["full"] = min(best["full"], time.perf_counter() - t0)
    ratio = best["full"] / best["bare"]
    breakdown = component_costs(full, articles, args.batch_size)
    n = len(articles)
    rows = [
        ("bare nlp.pipe (" + ",".join(bare.pipe_names) + ")", best["bare"]),
        ("analyze_articles (+" + ",".join(p for p in full.pipe_names if p not in bare.pipe_names) + ")", best["full"]),
    ]
    print(f"articles: {source}; {n} articles, {tokens} tokens, {chars} chars; best of {args.repeat}")
    width = max(len(r[0]) for r in rows)
    print(f"{'system'.ljust(width)}  {'seconds':>8}  {'articles/s':>10}  {'tokens/s':>9}")
    for name, secs in rows:
        print(f"{name.ljust(width)}  {secs:8.2f}  {n / secs:10.1f}  {tokens / secs:9.0f}")
    print(f"ratio full/bare: {ratio:.2f} (acceptance: <= 1.5)")
    print("our steps, CPU seconds on the parsed docs (share of the bare pipeline):")
    for name, secs in breakdown.items():
        print(f"  {name:24s} {secs:7.2f}  ({secs / breakdown['model components'] * 100:5.1f}%)" if name != "model components" else f"  {name:24s} {secs:7.2f}")
    print(json.dumps({
        "bench": "analyze", "articles": n, "tokens": tokens, "chars": chars, "model": options.spacy_model,
        "bare_s": round(best["bare"], 3), "full_s": round(best["full"], 3), "ratio": round(ratio, 3),
        "bare_articles_per_s": round(n / best["bare"], 2), "full_articles_per_s": round(n / best["full"], 2),
        "bare_tokens_per_s": round(tokens / best["bare"]), "full_tokens_per_s": round(tokens / best["full"]),
        "components": full.pipe_names, "cpu_breakdown_s": {k: round(v, 3) for k, v in breakdown.items()},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
