"""The extraction section of `rashomon eval seeds`: articles, parts, furniture, teasers, dates, outlets.

Every gold expectation becomes one pass/fail item in a category; a category's score is the share
of its items passed. trafilatura alone is the baseline (each capture's lines wrapped as ``<p>``
in a minimal HTML page), scored on the categories its output can answer; the rest read "n/a".
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.seeds import SeedRun, matches, norm, split_source
from rashomon.model import Article, Page

CATEGORIES = (
    "sources", "titles", "dek", "section", "headings", "body", "furniture", "teasers",
    "links_dropped", "links_recorded", "dates", "outlets", "idempotent",
)
BASELINE_CATEGORIES = {"sources", "titles", "body", "furniture", "links_dropped", "dates", "outlets"}
SHOWN_FAILURES = 15


@dataclass
class Item:
    category: str
    name: str
    passed: bool
    detail: str = ""


def _paragraphs(article: Article) -> list[str]:
    return [p for p in (article.body or "").split("\n\n") if p.strip()]


def _left_in(line: str, bodies: list[Article]) -> str | None:
    """The source of a body still holding a boilerplate line (as a paragraph, or verbatim if long)."""
    g = norm(line)
    for a in bodies:
        if any(norm(p).startswith(g) for p in _paragraphs(a)) or (len(g) >= 40 and g in norm(a.body)):
            return a.source
    return None


def score_outputs(gold: dict[str, Any], articles: list[Article], undated: dict[str, Article | None]) -> list[Item]:
    """Items for one system's articles; ``undated`` holds each page's main article extracted with no date given."""
    items: list[Item] = []
    docs = gold["documents"]
    by_doc: dict[str, dict[str, Article]] = {}
    for a in articles:
        name, fragment = split_source(a.source)
        by_doc.setdefault(name, {})[fragment] = a
    expected = {(n, "main") for n in docs} | {(n, f"teaser-{k}") for n, d in docs.items() for k in range(1, len(d.get("teasers", [])) + 1)}
    got = {(n, f) for n, frags in by_doc.items() for f in frags}
    for n, f in sorted(expected):
        items.append(Item("sources", f"{n}#{f}", (n, f) in got))
    extra = sorted(got - expected)
    items.append(Item("sources", "no extra articles", not extra, ", ".join(f"{n}#{f}" for n, f in extra)))

    for name, doc in docs.items():
        main = by_doc.get(name, {}).get("main")
        teasers = [a for f, a in by_doc.get(name, {}).items() if f.startswith("teaser")]
        bodies = [a for a in by_doc.get(name, {}).values()]
        items += _main_items(name, doc, main)
        for line in doc.get("boilerplate_lines", []):
            where = _left_in(line, bodies)
            items.append(Item("furniture", f"{name}: {line[:40]}", where is None, f"left in {where}" if where else ""))
        for k, t in enumerate(doc.get("teasers", []), start=1):
            items.append(_teaser_item(name, k, t, teasers, main))
        for link in doc.get("inline_links", []):
            left = [a.source for a in bodies if matches(link["title"], a.body) or matches(link["standfirst"], a.body)]
            items.append(Item("links_dropped", f"{name}: {link['title'][:40]}", not left, f"left in {left}" if left else ""))
            recorded = main is not None and any(matches(link["title"], l.get("title")) for l in main.inline_links)
            items.append(Item("links_recorded", f"{name}: {link['title'][:40]}", recorded))
        items += _date_items(name, doc, main, undated.get(name))
    return items


def _main_items(name: str, doc: dict[str, Any], main: Article | None) -> list[Item]:
    items: list[Item] = []
    paras = _paragraphs(main) if main else []
    title = main.title if main else None
    items.append(Item("titles", f"{name}: title", matches(doc["title"], title), f"got {title!r}"))
    if "dek" in doc:
        items.append(Item("dek", f"{name}: dek", matches(doc["dek"], main.dek if main else None), f"got {main.dek if main else None!r}"))
    if "section" in doc:
        got = main.section if main else None
        items.append(Item("section", f"{name}: section", norm(doc["section"]) == norm(got), f"got {got!r}"))
    for h in doc.get("headings", []):
        listed = main is not None and any(norm(h) == norm(x) for x in main.headings)
        in_body = any(norm(h) == norm(p) for p in paras)
        items.append(Item("headings", f"{name}: {h}", listed and in_body, f"listed={listed} paragraph={in_body}"))
    if "body_first" in doc:
        first = paras[0] if paras else None
        items.append(Item("body", f"{name}: first", matches(doc["body_first"], first), f"got {(first or '')[:60]!r}"))
    if "body_last" in doc:
        last = paras[-1] if paras else None
        items.append(Item("body", f"{name}: last", matches(doc["body_last"], last), f"got {(last or '')[-60:]!r}"))
    if "outlet" in doc:
        got = main.outlet if main else None
        items.append(Item("outlets", f"{name}: outlet", norm(doc["outlet"]) == norm(got), f"got {got!r} ({main.outlet_evidence if main else None})"))
    return items


def _teaser_item(name: str, k: int, gold_teaser: dict[str, Any], teasers: list[Article], main: Article | None) -> Item:
    found = next((t for t in teasers if matches(gold_teaser["title"], t.title)), None)
    if found is None:
        return Item("teasers", f"{name}: teaser {k}", False, "no teaser with this title")
    checks = {
        "outlet": "outlet" not in gold_teaser or norm(gold_teaser["outlet"]) == norm(found.outlet),
        "age": "age" not in gold_teaser or norm(gold_teaser["age"]) == norm(found.age),
        "parent": main is not None and found.parent == main.source,
        "kind": found.kind == "teaser",
    }
    bad = [k2 for k2, ok in checks.items() if not ok]
    return Item("teasers", f"{name}: teaser {k}", not bad, f"wrong {bad}: outlet={found.outlet!r} age={found.age!r}" if bad else "")


def _date_items(name: str, doc: dict[str, Any], main: Article | None, undated: Article | None) -> list[Item]:
    items: list[Item] = []
    if "published" in doc:
        got = main.published if main else None
        items.append(Item("dates", f"{name}: published as supplied", got == doc["published"], f"got {got!r}"))
        # The trap: with no date supplied, the page's teaser ages must not date its article.
        u = undated.published if undated else None
        ok = u is None or u == doc["published"]
        items.append(Item("dates", f"{name}: no date from teasers", ok, f"undated run gave {u!r} ({undated.published_evidence if undated else ''})"))
    return items


def _rows(system: str, items: list[Item], applies: set[str] | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"system": system}
    for c in CATEGORIES:
        these = [i for i in items if i.category == c]
        row[c] = None if (applies is not None and c not in applies) or not these else sum(i.passed for i in these) / len(these)
    shared = [i for i in items if i.category in BASELINE_CATEGORIES]
    counted = [i for i in items if applies is None or i.category in applies]
    row["shared"] = sum(i.passed for i in shared) / len(shared) if shared else None
    row["all"] = None if applies is not None else (sum(i.passed for i in counted) / len(counted) if counted else None)
    return row


def _undated_mains(run: SeedRun) -> dict[str, Article | None]:
    """Each page's main article re-extracted without the supplied date, captured a month after it."""
    from rashomon.config import default_options
    from rashomon.extract import extract_page

    out: dict[str, Article | None] = {}
    for name, text in run.texts.items():
        page = Page(source=str(run.seeds_dir / name), kind="text", text=text, captured=_month_after(run.gold["documents"][name].get("published")))
        try:
            out[name] = extract_page(page, default_options(analyze=False, online=False))[0]
        except Exception:  # noqa: BLE001 - a failed extraction simply fails the item
            out[name] = None
    return out


def _month_after(iso: str | None) -> str | None:
    if not iso:
        return None
    y, m, d = (int(x) for x in iso.split("-"))
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{y:04d}-{m:02d}-{min(d, 28):02d}T12:00:00"


def trafilatura_articles(run: SeedRun) -> tuple[list[Article], dict[str, Article | None]]:
    """trafilatura alone on each capture, its lines wrapped as paragraphs of a bare HTML page."""
    import trafilatura

    out: list[Article] = []
    for name, text in run.texts.items():
        doc_html = "<html><body>" + "".join(f"<p>{html.escape(l.strip())}</p>" for l in text.splitlines() if l.strip()) + "</body></html>"
        found = trafilatura.bare_extraction(doc_html, with_metadata=True)
        d = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
        body = "\n\n".join(l for l in (d.get("text") or "").split("\n") if l.strip())
        out.append(
            Article(source=f"{name}#main", page_source=name, title=d.get("title") or "", body=body,
                    published=d.get("date"), outlet=d.get("sitename"), published_evidence="trafilatura")
        )
    return out, {a.page_source: replace(a) for a in out}


def score(gold: dict[str, Any], run: SeedRun) -> EvalTable:
    """The extraction table: Rashomon (through the pipeline) and trafilatura alone."""
    items = score_outputs(gold, run.articles, _undated_mains(run))
    if run.reingest_added is not None:
        items.append(Item("idempotent", "second ingest adds nothing", run.reingest_added == 0, f"added {run.reingest_added}"))
    base_articles, base_undated = trafilatura_articles(run)
    base_items = score_outputs(gold, base_articles, base_undated)
    table = EvalTable(
        task="seeds",
        title="seeds: extraction (share of gold items passed)",
        dataset=str(run.seeds_dir / "gold.json"),
        metrics=[*CATEGORIES, "shared", "all"],
        rows=[_rows(f"rashomon ({run.mode})", items), _rows("trafilatura", base_items, BASELINE_CATEGORIES)],
    )
    failed = [i for i in items if not i.passed]
    passed = sum(i.passed for i in items)
    table.notes.append(f"rashomon passed {passed}/{len(items)} items; 'shared' = the categories both systems answer")
    table.notes += [f"FAIL {i.category}: {i.name} {i.detail}".rstrip() for i in failed[:SHOWN_FAILURES]]
    if len(failed) > SHOWN_FAILURES:
        table.notes.append(f"... and {len(failed) - SHOWN_FAILURES} more failures")
    return table
