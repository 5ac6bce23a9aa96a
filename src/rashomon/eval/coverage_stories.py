"""Coverage section "stories": how the folder's files group into stories, rewrites linked, and the
outlet and date a hurried ingest finds on its own.

Gold story of a file: ``stories`` (event -> files), a ``threads`` entry's story (phases of one
developing story count as that story), else the document's ``story`` field, else the file alone.
A file the run lost counts as a story of its own. The baseline links files whose TF-IDF cosine
(title and body of the page, English stop words, sublinear tf) reaches a fixed 0.3, single link,
a threshold chosen before looking at this data and never tuned on it. ``rewrites`` copies count
as linked when the copy's article links to the original's (``copy_of`` or ``near_duplicate_of``, through
intermediate copies); ``rewrite_kind_right`` is the share linked with the kind the gold's ``how`` names.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.cluster_metrics import bcubed, pairwise

THRESHOLD = 0.3
METRICS = ["files", "lost", "stories", "pairwise_p", "pairwise_r", "pairwise_f1", "b3_p", "b3_r", "b3_f1", "rewrites_linked",
           "rewrite_kind_right"]
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"
                   r"|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def gold_stories(gold: dict[str, Any], files: list[str]) -> dict[str, str]:
    """File -> gold story, threads folded into their story."""
    of = {f: s for s, fs in (gold.get("stories") or {}).items() if isinstance(fs, list) for f in fs}
    for thread in (gold.get("threads") or {}).values():
        for f in thread.get("files") or []:
            of.setdefault(f, str(thread.get("story")))
    docs = gold.get("documents") or {}
    return {f: of.get(f) or str(docs.get(f, {}).get("story") or f"file:{f}") for f in files}


def run_stories(run: Any, files: list[str]) -> dict[str, str]:
    """File -> the run's story of its main article (a lost file is a story of its own)."""
    story_of = {aid: s.id for s in run.stories for aid in s.articles}
    out = {}
    for f in files:
        art = run.article_of.get(f)
        out[f] = story_of.get(art.id) if art is not None and art.id in story_of else f"lost:{f}"
    return out


def tfidf_single_link(texts: list[str], threshold: float = THRESHOLD) -> list[str]:
    """Baseline: connected components of the TF-IDF cosine graph at a fixed threshold."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    sim = (x @ x.T).toarray()
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if sim[i, j] >= threshold:
                parent[root(i)] = root(j)
    return [str(root(i)) for i in range(len(texts))]


def copy_chain(article: Any, by_source: dict[str, Any]) -> list[str]:
    """Sources and ids an article's copy links lead to (``copy_of``, else ``near_duplicate_of``), nearest first."""
    out: list[str] = []
    while (up := getattr(article, "copy_of", None) or article.near_duplicate_of) and up not in out:
        out.append(up)
        nxt = by_source.get(up)
        if nxt is None:
            break
        out.append(nxt.id)
        article = nxt
    return out


def rewrites_linked(gold: dict[str, Any], run: Any | None, pred: dict[str, str]) -> float | None:
    """Share of gold rewrite copies linked to their original; None when the gold lists none.

    A run's copy counts when its copy links (``copy_of`` / ``near_duplicate_of``, followed through an
    intermediate copy) reach the original: sharing a story is not a link. The baseline has no links, so
    for it a copy in the original's cluster counts.
    """
    pairs = [(r["original"], c) for r in gold.get("rewrites") or [] for c in r.get("copies") or []]
    if not pairs:
        return None
    if run is None:
        return sum(pred.get(o) is not None and pred.get(o) == pred.get(c) for o, c in pairs) / len(pairs)
    arts = run.article_of
    by_source = {a.source: a for a in arts.values()}

    def linked(orig: str, copy: str) -> bool:
        a, b = arts.get(orig), arts.get(copy)
        return a is not None and b is not None and bool({a.source, a.id} & set(copy_chain(b, by_source)))

    return sum(linked(o, c) for o, c in pairs) / len(pairs)


def rewrite_kinds(gold: dict[str, Any], run: Any) -> float | None:
    """Of the gold copies whose ``how`` names a kind, the share linked with that kind."""
    want = {c: r.get("how") for r in gold.get("rewrites") or [] for c in r.get("copies") or [] if r.get("how")}
    if not want:
        return None
    arts = run.article_of
    return sum(getattr(arts.get(c), "copy_kind", None) == how for c, how in want.items()) / len(want)


def story_row(system: str, gold_of: dict[str, str], pred_of: dict[str, str], rewrites: float | None,
              kinds: float | None = None) -> dict[str, Any]:
    """Pairwise and B3 scores of one grouping of the files."""
    files = sorted(gold_of)
    g, p = [gold_of[f] for f in files], [pred_of[f] for f in files]
    pp, pr, pf = pairwise(g, p)
    bp, br, bf = bcubed(g, p)
    return {"system": system, "files": len(files), "lost": sum(x.startswith("lost:") for x in p), "stories": len(set(p)),
            "pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf, "b3_p": bp, "b3_r": br, "b3_f1": bf, "rewrites_linked": rewrites,
            "rewrite_kind_right": kinds}


def page_text(run: Any, name: str) -> str:
    """The raw page of a gold file (what the baselines read)."""
    try:
        return (Path(run.seeds_dir) / name).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _files(gold: dict[str, Any], run: Any) -> list[str]:
    return sorted({*(gold.get("documents") or {}), *(r["file"] for r in run.pages)})


def outlet_key(name: str | None) -> str:
    """Outlet name or domain, compacted: 'Fox News' and 'foxnews.com' -> 'foxnews'."""
    s = re.sub(r"^(https?://)?(www\.)?", "", (name or "").strip().lower())
    s = re.sub(r"\.(com|org|net|co\.uk|co|news|info)(/.*)?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def same_outlet(found: str | None, given: str | None) -> bool:
    """Loose: equal compact forms, or the shorter (3+ chars, same first letter) a subsequence of the longer."""
    a, b = sorted((outlet_key(found), outlet_key(given)), key=len)
    if not a or not b:
        return False
    if a == b:
        return True
    rest = iter(b)
    return len(a) >= 3 and a[0] == b[0] and all(ch in rest for ch in a)


def days_apart(found: str | None, given: str | None) -> int | None:
    """Whole days between two ISO dates (first 10 chars); None when either is missing or bad."""
    try:
        return abs((date.fromisoformat((found or "")[:10]) - date.fromisoformat((given or "")[:10])).days)
    except ValueError:
        return None


def first_date(text: str) -> str | None:
    """Baseline: the first ISO or 'Month D, YYYY' date written in the page."""
    for m in _DATE.finditer(text):
        try:
            if m.group(1):
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            return date(int(m.group(6)), _MONTHS[m.group(4)[:3].lower()], int(m.group(5))).isoformat()
        except ValueError:
            continue
    return None


def metadata_row(system: str, rows: list[dict[str, str]], outlet: dict[str, str | None], published: dict[str, str | None]) -> dict[str, Any]:
    """Shares of pages whose outlet and date were found, against pages.tsv."""
    n = len(rows) or 1
    apart = [days_apart(published.get(r["file"]), r.get("published")) for r in rows]
    return {"system": system, "pages": len(rows),
            "outlet_found": sum(same_outlet(outlet.get(r["file"]), r.get("outlet")) for r in rows) / n,
            "outlet_given": sum(bool(outlet.get(r["file"])) for r in rows) / n,
            "date_exact": sum(d == 0 for d in apart) / n, "date_within_1d": sum(d is not None and d <= 1 for d in apart) / n,
            "date_given": sum(bool(published.get(r["file"])) for r in rows) / n}


def metadata_table(hurried: Any) -> EvalTable:
    """Hurried run only: outlet and date found without help, next to a first-date-in-text baseline."""
    table = EvalTable("coverage", "Coverage: outlet and date found without help (hurried run)", "pages.tsv",
                      ["pages", "outlet_found", "outlet_given", "date_exact", "date_within_1d", "date_given"])
    rows = [r for r in hurried.pages if r.get("file")]
    arts = hurried.article_of
    table.rows.append(metadata_row("rashomon (hurried)", rows, {f: a.outlet for f, a in arts.items()}, {f: a.published for f, a in arts.items()}))
    table.rows.append(metadata_row("baseline: first date written in the page, no outlet", rows, {},
                                   {r["file"]: first_date(page_text(hurried, r["file"])) for r in rows}))
    table.notes.append("outlet compared loosely (case, 'the', domain suffix, abbreviation as a subsequence); *_given = any value reported")
    return table


def gold_threads(gold: dict[str, Any]) -> dict[str, str]:
    """File -> its gold thread, for the files the gold puts in a thread."""
    return {f: str(k) for k, t in (gold.get("threads") or {}).items() for f in t.get("files") or []}


def run_threads(run: Any) -> dict[str, str]:
    """File -> the run's thread of its main article (``stories.threads``), read from the run's store."""
    from rashomon.store import Store

    if getattr(run, "db", None) is None:
        return {}
    file_of = run.file_of
    out = {}
    with Store.open(run.db, readonly=True) as store:
        for s in store.stories():
            for t in store.threads(s.id):
                out.update({file_of[a]: f"{s.id}/{t.id}" for a in t.articles if a in file_of})
    return out


def threads_table(gold: dict[str, Any], careful: Any, hurried: Any) -> EvalTable | None:
    """Pairwise scores of the gold threads' files grouped by the run's threads, next to one thread per run story."""
    want = gold_threads(gold)
    if not want:
        return None
    files = sorted(want)
    table = EvalTable("coverage", "Coverage: threads of developing stories (files the gold puts in a thread)",
                      "gold.json threads", ["files", "threads", "pairwise_p", "pairwise_r", "pairwise_f1"])
    for run in (careful, hurried):
        got = run_threads(run)
        stories = run_stories(run, files)
        for system, pred in ((f"rashomon ({run.mode})", {f: got.get(f, f"none:{f}") for f in files}),
                             (f"baseline: each story of the {run.mode} run one thread", stories)):
            p, r, f1 = pairwise([want[f] for f in files], [pred[f] for f in files])
            table.rows.append({"system": system, "files": len(files), "threads": len(set(pred.values())),
                               "pairwise_p": p, "pairwise_r": r, "pairwise_f1": f1})
    table.notes.append("a pair of files is right when both are in one gold thread and one run thread; files in "
                       "different run stories are in different threads")
    return table


def score(gold: dict[str, Any], careful: Any, hurried: Any) -> list[EvalTable]:
    """Story grouping per run next to the TF-IDF single-link baseline, and the hurried metadata table."""
    files = _files(gold, careful)
    gold_of = gold_stories(gold, files)
    table = EvalTable("coverage", "Coverage: story grouping over the folder's files", "gold.json stories", METRICS)
    for run in (careful, hurried):
        pred = run_stories(run, files)
        table.rows.append(story_row(f"rashomon ({run.mode})", gold_of, pred, rewrites_linked(gold, run, pred),
                                    rewrite_kinds(gold, run)))
    base = dict(zip(files, tfidf_single_link([page_text(careful, f) for f in files])))
    table.rows.append(story_row(f"baseline: tf-idf cosine single link >= {THRESHOLD}", gold_of, base, rewrites_linked(gold, None, base)))
    table.notes.append(f"baseline threshold {THRESHOLD} fixed in advance, not tuned; threads count as their story; "
                       "rewrites_linked is empty when the gold lists no rewrites; a run's copy counts only when its copy "
                       "link reaches the original (the baseline: the same cluster)")
    threads = threads_table(gold, careful, hurried)
    return [table, *([threads] if threads else []), metadata_table(hurried)]


def regrouped(run: Any, options: Any, files: list[str]) -> dict[str, str]:
    """File -> story when the run's stored articles are grouped again from scratch (``rashomon stories --regroup``)."""
    from rashomon.stories import StoryDoc, regroup
    from rashomon.store import Store

    with Store.open(run.db) as store:
        arts = store.articles()
        names = store.article_entity_names([a.id for a in arts])
    docs = [StoryDoc(article=a.id, source=a.source, kind=a.kind, title=a.title, body=a.body, published=a.published,
                     outlet=a.outlet, entities=names.get(a.id, []), near_duplicate_of=a.near_duplicate_of) for a in arts]
    index = regroup(docs, options)
    out = {}
    for f in files:
        art = run.article_of.get(f)
        out[f] = (index.story_of(art.id) if art is not None else None) or f"lost:{f}"
    return out


def grouping_table(path: Path, options: Any) -> EvalTable:
    """`rashomon eval stories --data COVERAGE_FOLDER`: the folder's grouping as ingest stored it and
    regrouped, careful and hurried; ingests as ``rashomon eval coverage`` does ($RASHOMON_COVERAGE_DBS kept)."""
    import os
    import tempfile

    from rashomon.eval.coverage import load, run_folder

    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    gold, rows = load(folder)
    table = EvalTable("stories", "Story grouping: coverage folder, across outlets", f"{folder} gold.json stories", METRICS)
    with tempfile.TemporaryDirectory(prefix="rashomon-stories-") as tmp:
        where = Path(os.environ.get("RASHOMON_COVERAGE_DBS") or tmp)
        where.mkdir(parents=True, exist_ok=True)
        for careful in (True, False):
            run = run_folder(folder, gold, rows, options, str(where / f"{'careful' if careful else 'hurried'}.db"), careful)
            files = _files(gold, run)
            gold_of = gold_stories(gold, files)
            table.rows.append(story_row(f"rashomon ({run.mode}; ingest, as stored)", gold_of, run_stories(run, files), None))
            table.rows.append(story_row(f"rashomon ({run.mode}; regrouped)", gold_of, regrouped(run, options, files), None))
    table.notes.append("the split model was trained on these events too (scripts/train_story_split.py --coverage): "
                       "its score held out by event is printed by that script's --folds")
    return table

