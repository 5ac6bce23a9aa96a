"""Time and peak memory of one very long article (issue 23: "a 4 MB article analysed in under 2 minutes").

    .venv/bin/python bench/long_article.py [--chars 4200000] [--stage analyze|ingest] [--full-chars N] [--profile 30]

The article is generated here, sentence by sentence, from invented names, towns and words (quotes,
"according to", dates, plain narration), never read from real coverage. ``--stage analyze`` runs
``analyze_articles`` in this process (the spaCy pipeline plus our components, in pieces of
``analysis_piece_chars``, the cheaper path past ``analysis_full_chars``; ``--full-chars 100000000``
gives every piece the whole pipeline, as before that path existed); ``--stage ingest`` runs ``rashomon ingest FILE.jsonl`` in a fresh
process (read, extract, dedupe, analysis, resolution, stories, comparison, storage), so its peak
RSS is its own. ``--profile N`` prints the N costliest functions (cumulative) of the analyze
stage. Prints a small table and one JSON line. CPU time is what the process used; on a shared
machine wall time is longer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

NAMES = ["Odile Varga", "Tomasz Prell", "Ines Holloway", "Gideon Achterberg", "Mirela Szabo", "Kwame Oduya",
         "Lotte Brandvik", "Arjun Pellegrini", "Hester Quayle", "Bruno Faircloth"]
ROLES = ["harbour master", "council spokesman", "union organiser", "chief engineer", "ferry operator",
         "local resident", "county inspector", "shop owner"]
TOWNS = ["Marrowick", "Sallowfen", "Brindlecombe", "Quarrytown", "Elsbury", "Ockmoor", "Tullavern"]
BODIES = ["the Sallowfen Harbour Board", "the Ockmoor District Council", "the Ferry Workers Union",
          "the Marrowick Chamber of Trade"]
NOUNS = ("ferry harbour bridge tannery depot ballot quarry mill lease report inspector timetable levee pylon "
         "budget committee station tram signal warning hearing inquiry contract tender crossing pier").split()
VERBS = ["said", "told reporters", "argued", "insisted", "claimed", "warned", "denied"]
MONTHS = ["January", "March", "May", "June", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentence(rng: random.Random) -> str:
    who, role, town = rng.choice(NAMES), rng.choice(ROLES), rng.choice(TOWNS)
    a, b, c = rng.sample(NOUNS, 3)
    kind = rng.randrange(6)
    if kind == 0:
        return f"\u201cThe {a} in {town} will reopen on {rng.randint(1, 28)} {rng.choice(MONTHS)},\u201d {role} {who} {rng.choice(VERBS)}."
    if kind == 1:
        return f"{who}, the {role}, {rng.choice(VERBS)} that the {a} had not been checked since {rng.randint(1990, 2030)}."
    if kind == 2:
        return f"According to {rng.choice(BODIES)}, the {b} near {town} cost {rng.randint(2, 900)} thousand pounds last {rng.choice(DAYS)}."
    if kind == 3:
        return f"On {rng.choice(DAYS)} residents of {town} gathered by the {a} to protest about the {b} and the {c}."
    if kind == 4:
        return f"\u201cWe were never told about the {a},\u201d said {who}. \u201cNobody asked us about the {b}.\u201d"
    return f"The {a} and the {b} were discussed at the {c} in {town}, where {who} spoke for {rng.randint(5, 90)} minutes."


def make_body(chars: int, seed: int = 23) -> str:
    """An invented article of about ``chars`` characters: paragraphs of three to six sentences."""
    rng = random.Random(seed)
    paras: list[str] = []
    size = 0
    while size < chars:
        p = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        paras.append(p)
        size += len(p) + 2
    return "\n\n".join(paras)[:chars]


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_analyze(body: str, profile: int, full_chars: int | None = None) -> dict:
    """analyze_articles over the one article, in this process."""
    import logging

    from rashomon.analyze import analyze_articles, build_nlp, full_analysis_chars
    from rashomon.config import default_options
    from rashomon.model import Article

    logging.basicConfig(level=logging.WARNING)
    options = default_options(online=False)
    if full_chars:
        options = options.with_(analysis_full_chars=full_chars)
    nlp = build_nlp(options)
    nlp("Warm up: the council said on Monday that the ferry runs.")
    art = Article(source="https://bench.example/long#main", page_source="https://bench.example/long", body=body,
                  published="2031-04-01")
    cpu0, wall0 = _cpu(), time.perf_counter()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        (result,) = prof.runcall(analyze_articles, [art], nlp, options)
    else:
        (result,) = analyze_articles([art], nlp, options)
    cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
    if profile:
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(profile)
    return {"stage": "analyze", "cpu_s": round(cpu, 1), "wall_s": round(wall, 1), "peak_rss_mb": round(_peak_rss_mb()),
            "mentions": len(result.mentions), "statements": len(result.attributions), "timexes": len(result.timexes),
            "sentences": len(result.sentences), "piece_chars": options.analysis_piece_chars,
            "full_chars": full_analysis_chars(options)}


def run_ingest(body: str, keep: Path | None) -> dict:
    """``rashomon ingest`` of a one-line JSONL in a fresh process; CPU and peak RSS are the child's."""
    folder = Path(tempfile.mkdtemp(prefix="rashomon-long-")) if keep is None else keep
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "long.jsonl"
    src.write_text(json.dumps({"url": "https://bench.example/long", "title": "Ferry row in Ockmoor",
                               "text": body, "published": "2031-04-01", "outlet": "Bench Gazette"}) + "\n")
    db = folder / "long.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "rashomon", "ingest", str(src), "--db", str(db), "--json"]
    wall0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    wall = time.perf_counter() - wall0
    summary: dict = {}
    try:
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        pass
    out = {"stage": "ingest", "exit": proc.returncode, "cpu_s": round(_cpu(resource.RUSAGE_CHILDREN), 1),
           "wall_s": round(wall, 1), "peak_rss_mb": round(_peak_rss_mb(resource.RUSAGE_CHILDREN)),
           "stderr_tail": proc.stderr.strip().splitlines()[-3:], "summary": summary}
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        out["db"] = str(db)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=4_200_000, help="length of the generated article")
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--stage", choices=["analyze", "ingest"], default="analyze")
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions (analyze stage)")
    ap.add_argument("--full-chars", type=int, help="analyze: analysis_full_chars (default: the shipped one)")
    ap.add_argument("--keep", type=Path, help="ingest: folder for the JSONL and database (kept)")
    args = ap.parse_args()
    body = make_body(args.chars, args.seed)
    out = run_analyze(body, args.profile, args.full_chars) if args.stage == "analyze" else run_ingest(body, args.keep)
    out = {"chars": len(body), **out}
    for k, v in out.items():
        if k not in ("summary", "stderr_tail"):
            print(f"{k:>14}  {v}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
