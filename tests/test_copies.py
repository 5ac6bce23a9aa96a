"""Copies beyond MinHash: wire copies, rewrites and translations linked to the earliest report, with their kind,
and never counted as independent corroboration (invented fixtures only)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from developing_run import DEVELOPING, developing_run, gold
from rashomon.compare.framing import corroborate, independent_outlet
from rashomon.eval import coverage_stories as cso
from rashomon.extract import copies
from rashomon.model import Article, Claim
from rashomon.store import Store

PAGES = DEVELOPING / "pages"


def _fp(name: str, published: str, language: str | None = None) -> copies.Fingerprint:
    title, _, body = (PAGES / name).read_text(encoding="utf-8").partition("\n\n")
    return copies.fingerprint(name, title, body, published=published, language=language)


def _kind(original: str, copy: str, d1: str = "2026-04-06", d2: str = "2026-04-07") -> str | None:
    return copies.copy_kind(copies.pair_signals(_fp(original, d1), _fp(copy, d2)))[0]


def test_each_kind_of_copy_is_told_apart() -> None:
    assert _kind("leak-wire.txt", "leak-ledger-wire.txt") == "wire copy"  # new headline and intro, the wire below
    assert _kind("leak-wire.txt", "leak-briefly-rewrite.txt") == "rewrite"
    assert _kind("leak-wire.txt", "leak-rheinblick-de.txt") == "translation"
    assert _kind("inquiry-times.txt", "inquiry-sur-es.txt") == "translation"  # condensed, no numbers to lean on
    same = _fp("leak-wire.txt", "2026-04-06")
    assert copies.copy_kind(copies.pair_signals(same, same), near_duplicate=True)[0] == "duplicate"


def test_independent_reports_of_the_same_event_are_not_copies() -> None:
    # the same names, numbers and quotes' speakers, written independently
    assert _kind("leak-wire.txt", "leak-post.txt") is None
    assert _kind("inquiry-post.txt", "inquiry-times.txt") is None
    assert _kind("arrests-wire.txt", "arrests-post.txt") is None
    assert _kind("other-leak-times.txt", "other-leak-wire.txt") is None
    assert _kind("leak-wire.txt", "other-leak-wire.txt") is None  # another leak elsewhere


def test_the_copy_is_the_later_one() -> None:
    sig = copies.pair_signals(_fp("leak-briefly-rewrite.txt", "2026-04-07"), _fp("leak-wire.txt", "2026-04-06"))
    assert not sig.later and copies.copy_kind(sig)[0] is None


def test_names_fold_across_scripts_and_numbers_across_separators() -> None:
    assert copies.name_key("Кесслер") == copies.name_key("Kessler")
    fp = copies.fingerprint("x", "t", "Es waren 1.400 Menschen und 3,5 Tonnen. Zählung: 1 400 und 1,400.")
    assert fp.numbers == ["1400", "3.5", "1400", "1400"]


def test_blocking_reads_only_rare_keys(tmp_path: Path) -> None:
    """A key every article carries never makes a candidate; two rare shared keys below min_shared neither."""
    with Store.open(tmp_path / "b.db") as store:
        ids = [f"a{i}" for i in range(30)]
        with store.transaction() as conn:
            conn.execute("INSERT INTO pages (hash, source, articles, ingested_at) VALUES ('p', 'p', 30, 'now')")
            conn.executemany("INSERT INTO articles (id, source, page_source, page_hash, text_hash) VALUES (?, ?, 'p', 'p', ?)",
                             [(i, i, i) for i in ids])
        keys = {i: {"w:commo", "n:2026", f"w:own{i}"} for i in ids}
        keys["a0"] |= {"n:1400", "w:olens", "w:fenwe"}
        keys["a1"] |= {"n:1400", "w:olens", "w:fenwe"}
        keys["a2"] |= {"n:1400", "w:olens"}
        store.add_copy_keys(keys)
        found = store.copy_candidates("a1", keys["a1"], max_df=10, rarest=40, min_shared=3, limit=12)
        assert found == [("a0", 3)]
        assert store.copy_candidates("a5", keys["a5"], max_df=10, rarest=40, min_shared=3, limit=12) == []


def test_corroboration_follows_copy_links() -> None:
    wire = Article(source="w", page_source="w", outlet="Wire", body="x")
    farm = Article(source="f", page_source="f", outlet="Farm", body="x", copy_of="w", copy_kind="rewrite")
    trans = Article(source="t", page_source="t", outlet="Zeitung", body="x", copy_of="f", copy_kind="translation")
    own = Article(source="o", page_source="o", outlet="Post", body="x")
    by_source = {a.source: a for a in (wire, farm, trans, own)}
    assert {independent_outlet(a, by_source) for a in (wire, farm, trans)} == {"Wire"}
    text = "The plant will stay shut until inspectors have checked every tank"
    claims = [Claim("s", a.id, text, 0, 1, "asserted", id=f"c{i}") for i, a in enumerate((wire, farm, trans, own))]
    corroborate(claims, {a.id: a for a in by_source.values()})
    assert [c.corroboration for c in claims] == [2, 2, 2, 2]  # the wire and the Post, not four outlets


def test_coverage_scorer_follows_copy_chains() -> None:
    a = Article(source="/x/a.txt#main", page_source="/x/a.txt")
    b = Article(source="/x/b.txt#main", page_source="/x/b.txt", copy_of=a.source, copy_kind="wire copy")
    c = Article(source="/x/c.txt#main", page_source="/x/c.txt", copy_of=b.source, copy_kind="translation")
    d = Article(source="/x/d.txt#main", page_source="/x/d.txt")
    run = type("Run", (), {"article_of": {"a.txt": a, "b.txt": b, "c.txt": c, "d.txt": d}})()
    g = {"rewrites": [{"original": "a.txt", "copies": ["b.txt", "c.txt", "d.txt"], "how": "wire copy"}]}
    pred = {f: "S" for f in ("a.txt", "b.txt", "c.txt", "d.txt")}  # one story: sharing it is not a link
    assert cso.rewrites_linked(g, run, pred) == pytest.approx(2 / 3)
    assert cso.rewrite_kinds(g, run) == pytest.approx(1 / 3)
    assert cso.rewrites_linked(g, None, pred) == 1.0  # the baseline has clusters only


# -- the whole pipeline on the invented developing story ---------------------------------------------


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    return developing_run(True)


def test_every_gold_copy_is_linked_to_its_original_with_its_kind(run) -> None:  # type: ignore[no-untyped-def]
    g = gold()
    by_source = {a.source: a for a in run.article_of.values()}
    for r in g["rewrites"]:
        original = run.article_of[r["original"]]
        for name in r["copies"]:
            copy = run.article_of[name]
            assert original.source in cso.copy_chain(copy, by_source), name
            assert copy.copy_kind == r["how"], name
            assert copy.copy_evidence.get("later") is True and copy.copy_evidence.get("score", 0) > 0
    copied = {c for r in g["rewrites"] for c in r["copies"]}
    for name, a in run.article_of.items():
        if name not in copied:
            assert a.copy_of is None and a.near_duplicate_of is None, name


def test_no_copy_counts_as_independent_corroboration(run) -> None:  # type: ignore[no-untyped-def]
    copied = {run.article_of[c].id for r in gold()["rewrites"] for c in r["copies"]}
    with Store.open(run.db) as store:
        for s in store.stories():
            arts = store.articles(story=s.id)
            by_source = {a.source: a for a in arts}
            report = store.story_report(s.id)
            for c in report.claims if report else []:
                owner = next(a for a in arts if a.id == c.article)
                carriers = {independent_outlet(a, by_source) for a in arts if a.id not in copied}
                assert c.corroboration <= len(carriers)
                if c.article in copied:
                    assert independent_outlet(owner, by_source) != owner.outlet


def test_export_and_story_page_say_who_copied_whom(run) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from rashomon.export import export
    from rashomon.web.app import create_app

    with Store.open(run.db) as store:
        out = io.StringIO()
        export(store, "jsonl", out)
        recs = {Path(r["source"]).name.split("#")[0]: r for r in map(json.loads, out.getvalue().splitlines())}
        story = store.article_story(run.article_of["leak-ledger-wire.txt"].id)
    assert recs["leak-ledger-wire.txt"]["copy_kind"] == "wire copy"
    assert recs["leak-ledger-wire.txt"]["copy_of"] == run.article_of["leak-wire.txt"].source
    assert recs["leak-post.txt"]["copy_of"] is None and recs["leak-post.txt"]["copy_evidence"] is None
    client = TestClient(create_app(run.db), base_url="http://127.0.0.1")
    page = client.get(f"/stories/{story}").text
    assert "Who copied whom" in page and "Coastal Ledger</a> is a <b>wire copy</b> of" in page
    art = client.get(f"/articles/{run.article_of['leak-rheinblick-de.txt'].id}").text
    assert "A translation of" in art and "Northfield Wire" in art


def test_parquet_export_keeps_copy_evidence_typed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pq = pytest.importorskip("pyarrow.parquet")
    from rashomon.export import export

    with Store.open(run.db) as store:
        export(store, "parquet", str(tmp_path / "a.parquet"))
    rows = pq.read_table(tmp_path / "a.parquet").to_pylist()
    kinds = sorted(r["copy_kind"] for r in rows if r["copy_kind"])
    assert kinds == ["rewrite", "translation", "translation", "translation", "wire copy"]
    assert all(r["copy_evidence"]["score"] > 0 for r in rows if r["copy_kind"])


def test_a_database_from_before_copies_migrates(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.db") as store:
        cols = {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
        assert {"copy_of", "copy_kind", "copy_evidence", "copy_checked"} <= cols
        assert store.conn.execute("SELECT count(*) FROM story_threads").fetchone()[0] == 0
    assert isinstance(sqlite3.connect(tmp_path / "m.db").execute("PRAGMA user_version").fetchone()[0], int)


def test_same_language_reports_sharing_names_in_order_are_no_translation() -> None:
    """Two English reports whose wording differs but whose names and numbers come in the same order."""
    a = ("Ferroway Logistics said 212 drivers at its Oakhurst depot stopped work on Friday. Union organiser Lena Varga "
         "said the 212 had not been paid for 3 weeks. Mayor Tobias Rendell of Oakhurst urged both sides to meet. "
         "Ferroway Logistics said talks with Varga would start on 14 June. Rendell said the town depended on the depot.")
    b = ("Drivers employed by Ferroway Logistics walked out in Oakhurst, and the company put their number at 212. "
         "According to Lena Varga, who organises for the union, those 212 have gone unpaid for 3 weeks now. "
         "Tobias Rendell, the mayor of Oakhurst, wants everybody around one table. Ferroway Logistics expects to "
         "sit down with Varga on 14 June. Without its depot the town would struggle, Rendell warned.")
    sig = copies.pair_signals(copies.fingerprint("a", "Depot strike", a), copies.fingerprint("b", "Walkout", b))
    assert sig.shared_names >= 5 and sig.names_in_order >= 0.7 and not sig.other_language
    assert copies.copy_kind(sig)[0] is None


def _article(name: str, published: str, outlet: str) -> Article:
    title, _, body = (PAGES / name).read_text(encoding="utf-8").partition("\n\n")
    return Article(source=f"{name}#main", page_source=name, title=title, body=body, published=published, outlet=outlet)


def test_a_copy_seen_before_its_original_is_relinked_when_the_original_arrives(tmp_path: Path) -> None:
    from rashomon.config import default_options
    from rashomon.derive import Deriver

    failures: list = []
    with Store.open(tmp_path / "i.db") as store:
        deriver = Deriver(store, default_options(), failures.append)
        rewrite = _article("leak-briefly-rewrite.txt", "2026-04-07", "Daily Briefly")
        store.add_page_articles("p1", rewrite.page_source, [rewrite])
        deriver.link_copies()
        assert store.article(rewrite.source).copy_of is None  # nothing earlier yet
        wire = _article("leak-wire.txt", "2026-04-06", "Northfield Wire")
        post = _article("leak-post.txt", "2026-04-06", "Eastmere Post")
        store.add_page_articles("p2", wire.page_source, [wire])
        store.add_page_articles("p3", post.page_source, [post])
        deriver.link_copies()
        got = store.article(rewrite.source)
        assert (got.copy_of, got.copy_kind) == (wire.source, "rewrite")
        assert store.article(wire.source).copy_of is None and store.article(post.source).copy_of is None
        assert store.copy_pending() == [] and failures == []


def test_one_stock_sentence_makes_no_wire_copy() -> None:
    stock = "The company did not respond to a request for comment on Tuesday."
    a = copies.fingerprint("a", "Plant fined", "Halvek Metals was fined 40,000 for a spill at its Dunmore site. " + stock)
    b = copies.fingerprint("b", "Mill shut", "Orrin Textiles closed its Dunmore mill after 40,000 litres leaked. " + stock)
    sig = copies.pair_signals(a, b)
    assert sig.verbatim == 0.5 and copies.copy_kind(sig)[0] is None


def test_eval_rewrites_counts_copies_claimed_over_every_pair_of_a_folder() -> None:
    from rashomon.eval.rewrites import independent_reports

    [table] = independent_reports(DEVELOPING)
    ours = table.rows[0]
    assert ours["pairs"] == 78  # 13 pages
    assert 5 <= ours["copies_claimed"] <= 9  # the five gold copies, and copies of copies of the same wire
    assert independent_reports(DEVELOPING / "no-such-folder") == []


def test_an_aggregators_page_counts_as_the_newsroom_it_credits() -> None:
    own = Article(source="c", page_source="c", outlet="valecourier.com", body="x")
    reserved = Article(source="r", page_source="r", outlet="Newsfold", body="x", original_outlet="The Vale Courier")
    other = Article(source="p", page_source="p", outlet="Harbour Post", body="x")
    by_source = {a.source: a for a in (own, reserved, other)}
    assert independent_outlet(reserved, by_source) == "The Vale Courier"
    text = "The ferry line will suspend night crossings until the new engines are fitted"
    claims = [Claim("s", a.id, text, 0, 1, "asserted", id=f"c{i}") for i, a in enumerate((own, reserved, other))]
    corroborate(claims, {a.id: a for a in by_source.values()})
    assert [c.corroboration for c in claims] == [2, 2, 2]  # the Courier (twice) and the Post, not three witnesses
