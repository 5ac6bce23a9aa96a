"""Seeds name groups: the scorer on invented data, and the gate on the real seed pages."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from rashomon.eval.seeds_entities import score
from rashomon.model import Article, ArticleAnalysis, Entity, Mention
from rashomon.resolve import resolve_entities


def _run(docs: list[tuple[str, list[tuple[str, str, str]]]]) -> SimpleNamespace:
    """Articles whose mentions carry the entity ids given by hand: (surface, label, entity)."""
    arts, ans = {}, []
    for source, (body, ents) in enumerate(docs):
        art = Article(source=f"s{source}", page_source=f"s{source}", body=body)
        arts[art.id] = art
        ms, pos = [], 0
        for surface, label, ent in ents:
            start = body.index(surface, pos)
            ms.append(Mention(art.id, start, start + len(surface), surface, label, ent))
            pos = start + 1
        ans.append(ArticleAnalysis(art.id, ms))
    ents = sorted({m.entity for an in ans for m in an.mentions})
    return SimpleNamespace(articles=arts, analyses=ans, entities=[Entity(e, e, "X") for e in ents])


GOLD = {"entities": [
    {"canonical": "Lala Huseynli", "type": "PERSON", "aliases": ["Lala Huseynli", "Huseynli"]},
    {"canonical": "Rauf Huseynli", "type": "PERSON", "aliases": ["Rauf Huseynli"]},
    {"canonical": "Moldovans", "type": "NORP", "aliases": ["Moldovan", "Moldovans"]},
]}


def test_seeds_scorer_counts_whole_split_and_merged_groups() -> None:
    whole = _run([("Lala Huseynli met Rauf Huseynli. Huseynli left. Moldovan farmers.",
                   [("Lala Huseynli", "PERSON", "L"), ("Rauf Huseynli", "PERSON", "R"), ("Huseynli", "PERSON", "L"),
                    ("Moldovan", "NORP", "M")])])
    row = score(GOLD, whole).rows[0]
    assert (row["whole"], row["split"], row["wrong_merges"], row["pass"]) == (3, 0, 0, True)
    split = _run([("Lala Huseynli met Rauf Huseynli. Huseynli left.",
                   [("Lala Huseynli", "PERSON", "L"), ("Rauf Huseynli", "PERSON", "R"), ("Huseynli", "PERSON", "H")])])
    row = score(GOLD, split).rows[0]
    assert row["split"] == 1 and row["pass"] is False
    merged = _run([("Lala Huseynli met Rauf Huseynli.", [("Lala Huseynli", "PERSON", "L"), ("Rauf Huseynli", "PERSON", "L")])])
    row = score(GOLD, merged).rows[0]
    assert row["wrong_merges"] == 1 and row["pass"] is False


def test_seeds_scorer_skips_an_alias_inside_another_name() -> None:
    run = _run([("Moldovans marched. The Moldovan Foreign Ministry said so.",
                 [("Moldovans", "NORP", "M"), ("The Moldovan Foreign Ministry", "ORG", "O")])])
    row = score(GOLD, run).rows[0]
    assert row["occurrences_traced"] == 1 and row["whole"] == 1


@pytest.fixture(scope="module")
def ner():
    spacy = pytest.importorskip("spacy")
    from rashomon.config import default_options

    return spacy.load(default_options().spacy_model, exclude=["lemmatizer", "parser", "attribute_ruler"])


def test_seeds_every_person_and_org_group_is_one_entity(seeds_dir: Path, ner) -> None:
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    arts, ans = {}, []
    for name, doc in gold["documents"].items():
        art = Article(source=f"{name}#main", page_source=name, body=(seeds_dir / name).read_text(encoding="utf-8"),
                      published=doc.get("published"))
        arts[art.id] = art
        ans.append(ArticleAnalysis(art.id, [Mention(art.id, e.start_char, e.end_char, e.text, e.label_)
                                            for e in ner(art.body).ents]))
    res = resolve_entities(ans, arts)
    for an in ans:
        for m in an.mentions:
            m.entity = res.mention_entity.get((m.article, m.start, m.end))
    table = score(gold, SimpleNamespace(articles=arts, analyses=ans, entities=res.entities))
    ours, baseline = table.rows
    assert ours["pass"], table.render()
    assert ours["wrong_merges"] == 0
    assert ours["whole"] > baseline["whole"]
