"""`rashomon eval stories`: story grouping on ECB+ sub-topics, next to TF-IDF + agglomerative clustering.

Each ECB+ topic folder holds two different real events of one kind (``*ecb.xml`` and
``*ecbplus.xml``): the gold story of a document is (topic, ecb|ecbplus). All documents of all
topics are grouped together, with no topic and no date given to the system.
"""

from __future__ import annotations

import random
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rashomon.config import Options
from rashomon.errors import EvalDataError
from rashomon.eval import EvalTable
from rashomon.eval.cluster_metrics import bcubed, pairwise  # noqa: F401  (re-exported: their old home)
from rashomon.stories import StoryDoc, StoryIndex, assign_stories, regroup, resplit

DEFAULT_DATA = "eval/ecbplus"
METRICS = ["pairwise_p", "pairwise_r", "pairwise_f1", "b3_p", "b3_r", "b3_f1", "stories", "seconds"]
_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’”]|n't|'s|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“]) ")


@dataclass
class GoldDoc:
    name: str
    gold: str  # "topic/ecb" or "topic/ecbplus"
    title: str
    body: str


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens).replace("``", "“").replace("''", "”")
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def read_ecbplus(root: Path) -> list[GoldDoc]:
    """Every ``T_Necb(plus).xml`` under the topic folders; the source URL line is dropped."""
    docs: list[GoldDoc] = []
    for path in sorted(root.glob("*/*.xml")):
        m = _FILE.match(path.name)
        if not m:
            continue
        try:
            tree = ET.parse(path)
        except ET.ParseError as exc:
            raise EvalDataError(str(path), f"not well-formed XML: {exc}") from exc
        sentences: dict[int, list[str]] = defaultdict(list)
        for tok in tree.getroot().iter("token"):
            sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
        lines = [detokenise(sentences[k]) for k in sorted(sentences)]
        lines = [ln for ln in lines if ln and not ln.lower().startswith("http")]
        if not lines:
            continue
        docs.append(GoldDoc(path.name, f"{m.group(1)}/{m.group(3)}", lines[0], "\n\n".join(lines[1:])))
    if not docs:
        raise EvalDataError(str(root), "no ECB+ documents (T/T_Necb.xml) found")
    return docs


# ---- metrics ------------------------------------------------------------------------------
def score_row(system: str, gold: list[str], pred: list[str], seconds: float) -> dict:
    pp, pr, pf = pairwise(gold, pred)
    bp, br, bf = bcubed(gold, pred)
    return {"system": system, "pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf, "b3_p": bp, "b3_r": br,
            "b3_f1": bf, "stories": len(set(pred)), "seconds": round(seconds, 2)}


# ---- systems ------------------------------------------------------------------------------
def story_docs(docs: list[GoldDoc], entities: list[list[str]] | None = None) -> list[StoryDoc]:
    return [
        StoryDoc(article=d.name, source=d.name, kind="article", title=d.title, body=d.body, published=None,
                 outlet=None, entities=(entities[i] if entities else []))
        for i, d in enumerate(docs)
    ]


def run_regroup(sdocs: list[StoryDoc], options: Options) -> list[str]:
    index = regroup(sdocs, options)
    return [index.story_of(d.article) or "" for d in sdocs]


def _topic(label: str) -> str:
    return label.split("/")[0]


@dataclass
class SplitSetup:
    """What training and cross-fitting the story split model need: the unsplit regroup's stories
    (as lists of doc positions), every doc's split features, and the corpus idf."""

    stories: list[list[int]]
    docs: list  # SplitDoc per input doc
    idf: Callable[[str], float]
    pred: list[str]  # story id per doc, before splitting


def split_setup(sdocs: list[StoryDoc], options: Options) -> SplitSetup:
    from rashomon.stories import Params
    from rashomon.stories.group import doc_weights
    from rashomon.stories.split import split_doc

    opts = replace(options, extra={**options.extra, "story_split": False})
    index = regroup(sdocs, opts)
    pred = [index.story_of(d.article) or "" for d in sdocs]
    members: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        members[p].append(i)
    params = Params.from_options(opts)
    docs = [split_doc(d.title, d.body, doc_weights(d, params)) for d in sdocs]
    return SplitSetup(list(members.values()), docs, index.idf, pred)


def split_training_data(setup: SplitSetup, gold: list[str], skip_topic: str | None = None):
    """Pairs from the unsplit stories and from the gold topics (each holds two events), leaving
    out one topic's stories and topic: what ``scripts/train_story_split.py`` and the cross-fit fit on."""
    from rashomon.stories.split import training_pairs

    topics: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        topics[_topic(g)].append(i)
    groups = [m for m in setup.stories if _majority_topic(m, gold) != skip_topic]
    groups += [m for t, m in sorted(topics.items()) if t != skip_topic]
    return training_pairs([[setup.docs[i] for i in m] for m in groups], [[gold[i] for i in m] for m in groups], setup.idf)


def _majority_topic(members: list[int], gold: list[str]) -> str:
    return Counter(_topic(gold[i]) for i in members).most_common(1)[0][0]


def run_regroup_crossfit(sdocs: list[StoryDoc], gold: list[str], options: Options) -> list[str]:
    """Regroup, then split each story with a model trained on the other topics only (leave one
    topic out): the honest score of the split, since the shipped model was trained on these topics."""
    from rashomon.stories import Params
    from rashomon.stories.split import fit_split_model, split_labels

    setup = split_setup(sdocs, options)
    share = Params.from_options(options).split_min_share
    pred = list(setup.pred)
    by_topic: dict[str, list[list[int]]] = defaultdict(list)
    for m in setup.stories:
        by_topic[_majority_topic(m, gold)].append(m)
    for topic, stories in sorted(by_topic.items()):
        x, y = split_training_data(setup, gold, skip_topic=topic)
        model = fit_split_model(x, y)
        for m in stories:
            for i, lab in zip(m, split_labels([setup.docs[i] for i in m], setup.idf, model, min_share=share)):
                pred[i] = f"{setup.pred[i]}~{lab}"
    return pred


def run_incremental(sdocs: list[StoryDoc], options: Options, seed: int = 13, batch: int = 1,
                    split: bool = False) -> list[str]:
    """Docs fed ``batch`` at a time in a seeded shuffled order; the index round-trips through bytes
    between batches. With ``split``, the stories each batch touched are then re-split, as ingest does."""
    order = list(sdocs)
    random.Random(seed).shuffle(order)
    by_id = {d.article: d for d in sdocs}
    index = StoryIndex.from_bytes(None, options)
    for start in range(0, len(order), batch):
        touched = set(assign_stories(order[start : start + batch], index, options).values())
        if split:
            resplit([by_id[a] for a in index.members(touched)], index, options)
        if batch > 1 or start % 50 == 49:
            index = StoryIndex.from_bytes(index.to_bytes(), options)
    return [index.story_of(d.article) or "" for d in sdocs]


def spacy_entities(docs: list[GoldDoc], options: Options) -> list[list[str]]:
    """Entity names from the pinned spaCy NER (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT)."""
    import spacy

    keep = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"}
    nlp = spacy.load(options.spacy_model, disable=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    texts = (d.title + "\n\n" + d.body for d in docs)
    return [[e.text for e in doc.ents if e.label_ in keep] for doc in nlp.pipe(texts, batch_size=64)]


def embedding_row(table: EvalTable, gold: list[str], sdocs: list[StoryDoc], options: Options) -> None:
    """Regroup with sentence embeddings added to the score, to show whether they pay for their cost."""
    from rashomon.errors import ModelError
    from rashomon.stories import Params
    from rashomon.stories.embed import load_embedder, with_embeddings

    params = Params.from_options(options)
    weight = params.embed_weight or float(options.extra.get("stories_embed_weight", 0.1))
    try:
        t = time.perf_counter()
        embedded = with_embeddings(sdocs, load_embedder(params.embed_model))
        embed_s = time.perf_counter() - t
    except (ModelError, ImportError) as exc:
        table.notes.append(f"embedding row skipped: {exc}")
        return
    opts = replace(options, extra={**options.extra, "story_embed_weight": weight})
    t = time.perf_counter()
    row = score_row(f"rashomon regroup + embeddings (w={weight:g})", gold, run_regroup(embedded, opts), time.perf_counter() - t + embed_s)
    table.rows.append(row)
    table.notes.append(f"embedding {len(sdocs)} title+lead texts with {params.embed_model} took {embed_s:.1f} s")


def baseline_agglomerative(docs: list[GoldDoc], k: int) -> list[str]:
    """TF-IDF (scikit-learn) + average-link agglomerative clustering on cosine, given the gold k."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        [d.title + "\n" + d.body for d in docs]
    )
    labels = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(x.toarray())
    return [str(x) for x in labels]


def baseline_kmeans(docs: list[GoldDoc], k: int, seed: int = 0) -> list[str]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([d.title + "\n" + d.body for d in docs])
    return [str(x) for x in KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)]


def evaluate(path: Path, options: Options) -> list[EvalTable]:
    if (Path(path) / "pages.tsv").is_file():  # a coverage folder: grouping across outlets
        from rashomon.eval.coverage_stories import grouping_table

        return [grouping_table(Path(path), options)]
    docs = read_ecbplus(Path(path))
    gold = [d.gold for d in docs]
    k = len(set(gold))
    sdocs = story_docs(docs)
    table = EvalTable(task="stories", title="Story grouping: ECB+ sub-topics", dataset=f"{path} ({len(docs)} docs, {k} gold stories)", metrics=METRICS)
    t = time.perf_counter()
    table.rows.append(score_row("rashomon regroup (capitalised names)", gold, run_regroup(sdocs, options), time.perf_counter() - t))
    table.notes.append("regroup splits stories with the shipped pair model, which was trained on these dev topics: "
                       "the cross-fitted row is the honest score of the split")
    if options.extra.get("stories_crossfit", True):
        try:
            t = time.perf_counter()
            pred = run_regroup_crossfit(sdocs, gold, options)
            table.rows.append(score_row("rashomon regroup, split model trained without the scored topic",
                                        gold, pred, time.perf_counter() - t))
        except ImportError as exc:
            table.notes.append(f"cross-fitted split row skipped (dev extra): {exc}")
    t = time.perf_counter()
    unsplit = replace(options, extra={**options.extra, "story_split": False})
    table.rows.append(score_row("rashomon regroup without the split", gold, run_regroup(sdocs, unsplit), time.perf_counter() - t))
    for label, batch, split in (("rashomon incremental (shuffled, seed 13; touched stories re-split, as ingest does)", 1, True),
                                ("rashomon incremental (shuffled, batches of 100; touched stories re-split)", 100, True),
                                ("rashomon incremental without the split (shuffled, seed 13)", 1, False)):
        t = time.perf_counter()
        table.rows.append(score_row(label, gold, run_incremental(sdocs, options, batch=batch, split=split), time.perf_counter() - t))
    if options.extra.get("stories_spacy", True):
        t = time.perf_counter()
        ents = spacy_entities(docs, options)
        ner_s = time.perf_counter() - t
        t = time.perf_counter()
        row = score_row("rashomon regroup (spaCy NER entities)", gold, run_regroup(story_docs(docs, ents), options), time.perf_counter() - t + ner_s)
        table.rows.append(row)
    if options.extra.get("stories_embeddings", True):
        embedding_row(table, gold, sdocs, options)
    t = time.perf_counter()
    table.rows.append(score_row(f"baseline tf-idf + agglomerative (gold k={k})", gold, baseline_agglomerative(docs, k), time.perf_counter() - t))
    if options.extra.get("stories_kmeans", True):
        t = time.perf_counter()
        table.rows.append(score_row(f"baseline tf-idf + k-means (gold k={k})", gold, baseline_kmeans(docs, k), time.perf_counter() - t))
    table.notes.append("no topic and no date given; the systems never see the gold number of stories, the baselines do")
    return [table]
