"""Test doubles for every pipeline stage, passed through the stage table (``rashomon.run.stages``):
in-process as ``ingest(..., stages=make_stages(...))``, or in a subprocess driving the CLI
(``python pipeline_doubles.py CORPUS.json DELAY -- rashomon args...``) as the installed table."""

from __future__ import annotations

import hashlib
import json
import sys
import time
import types

from rashomon.compare import StoryReport
from rashomon.errors import ExtractionError, InputError
from rashomon.model import Article, ArticleAnalysis, Claim, Entity, InputFailure, Mention, Page, Story
from rashomon.resolve import Resolution
from rashomon.run.stages import Stages, default_stages, install


class Calls:
    def __init__(self) -> None:
        self.nlp = 0
        self.analyzed: list[str] = []
        self.compared: list[str] = []
        self.fail_compare = False
        self.fail_analysis: set[str] = set()
        self.delay = 0.0  # seconds per analysed article, to give a crash test time to kill


def make_stages(corpus: dict[str, str], calls: Calls) -> Stages:
    """The stage table with a small double for every stage but copies and threads (pure and fast:
    the real ones run beside the doubles); the story split is switched off."""

    def read_inputs(targets, options, *, outlet=None, published=None, captured=None):
        for t in targets:
            if t not in corpus:
                yield InputFailure(t, "no such file")
                continue
            if corpus[t] == "RAISE":
                raise InputError(t, "reader crashed")
            date, _, text = corpus[t].rpartition("|")  # "2031-03-10|text" carries a publication date
            yield Page(source=t, kind="text", text=text, outlet=outlet, published=date or published)

    def extract_page(page, options):
        if page.text == "BAD":
            raise ExtractionError(page.source, "no article text found")
        if page.text == "BOOM":
            raise ValueError("unexpected <tag>")
        main = Article(source=page.source + "#main", page_source=page.source, title=page.text.split(".")[0],
                       body=page.text, outlet=page.outlet or page.source.split("/")[0], published=page.published)
        out = [main]
        if "TEASER" in page.text:
            out.append(Article(source=page.source + "#teaser-1", page_source=page.source, kind="teaser",
                               parent=main.source, title="Teaser", body="Another story entirely."))
        return out

    class DuplicateIndex:
        def __init__(self, options):
            self.seen: dict[str, str] = {}

        def add(self, source, signature, text_hash, published):
            self.seen.setdefault(text_hash, source)

        def find(self, signature, text_hash, published):
            return self.seen.get(text_hash)

        def pop_relinks(self):
            return {}

    def mark_duplicates(articles, index, options):
        for a in articles:
            a.near_duplicate_of = index.find(None, a.text_hash, a.published)
            index.add(a.source, None, a.text_hash, a.published)
        return articles

    def build_nlp(options):
        calls.nlp += 1
        return "nlp"

    def analyze_articles(articles, nlp, options):
        out = []
        for a in articles:
            if a.source in calls.fail_analysis:
                raise RuntimeError("tokenizer exploded")
            calls.analyzed.append(a.source)
            time.sleep(calls.delay)
            at = a.body.find("Varga")
            out.append(ArticleAnalysis(a.id, mentions=[Mention(a.id, at, at + 5, "Varga", "PERSON")] if at >= 0 else []))
        return out

    def resolve_entities(analyses, articles):
        res = Resolution(entities=[Entity("e-varga", "Odile Varga", "PERSON", ["Varga"])])
        for x in analyses:
            for m in x.mentions:
                res.mention_entity[(x.article, m.start, m.end)] = "e-varga"
        return res

    class StoryIndex:
        def __init__(self, groups):
            self.groups = groups

        @classmethod
        def from_bytes(cls, data, options):
            return cls(json.loads(data) if data else {})

        def to_bytes(self):
            return json.dumps(self.groups).encode()

        def stories(self):
            return [Story(k, f"Story {k}", v) for k, v in sorted(self.groups.items())]

    def StoryDoc(**kw):
        return types.SimpleNamespace(**kw)

    class Params:
        embed_weight = 0.0
        split_max = 40

        @classmethod
        def from_options(cls, options):
            return cls()

    def assign_stories(docs, index, options):
        out = {}
        for d in docs:
            key = "varga" if "Odile Varga" in d.entities else hashlib.sha1((d.outlet or "?").encode()).hexdigest()[:6]
            if d.article not in index.groups.setdefault(key, []):
                index.groups[key].append(d.article)
            out[d.article] = key
        return out

    def regroup(docs, options):
        index = StoryIndex({})
        assign_stories(docs, index, options)
        return index

    def compare_story(story, articles, analyses, entities):
        if calls.fail_compare:
            raise KeyError("claim")
        calls.compared.append(story.id)
        claims = [Claim(story.id, a.id, a.title, 0, 3, "asserted", id=f"c{i}") for i, a in enumerate(articles)]
        return StoryReport(story.id, claims=claims)

    dedupe = types.SimpleNamespace(DuplicateIndex=DuplicateIndex, mark_duplicates=mark_duplicates,
                                   minhash_signature=lambda body, options: hashlib.md5(body.encode()).digest())
    stories = types.SimpleNamespace(StoryIndex=StoryIndex, StoryDoc=StoryDoc, Params=Params,
                                    assign_stories=assign_stories, regroup=regroup)
    return default_stages().replace(
        read=types.SimpleNamespace(read_inputs=read_inputs),
        extract=types.SimpleNamespace(extract_page=extract_page),
        dedupe=dedupe,
        analyze=types.SimpleNamespace(build_nlp=build_nlp, analyze_articles=analyze_articles),
        resolve=types.SimpleNamespace(resolve_entities=resolve_entities),
        group=stories,
        compare=types.SimpleNamespace(compare_story=compare_story),
    ).without("resplit")




def main() -> None:
    """Run the CLI with the doubles installed: the corpus comes from a JSON file."""
    corpus_file, delay, _, *argv = sys.argv[1:]
    with open(corpus_file, encoding="utf-8") as fh:
        corpus = json.load(fh)
    calls = Calls()
    calls.delay = float(delay)
    install(make_stages(corpus, calls))
    from rashomon.cli import main as cli

    cli(argv)


if __name__ == "__main__":
    main()
