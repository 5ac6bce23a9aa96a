"""The analyze stage: pipeline assembly, per-article isolation of failures, records out."""

from __future__ import annotations

import logging

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import rashomon.analyze.timex  # noqa: F401 - registers rashomon_timex
from rashomon.analyze import analyze_articles, build_nlp
from rashomon.analyze.entities import clean_span, doc_mentions
from rashomon.analyze.timex import tense_of
from rashomon.config import default_options
from rashomon.errors import ModelError
from rashomon.model import Article

BODY_A = (
    "Harbourmaster Edda Lunn said on Friday that the Velmar quay had been closed for 24 years.\n\n"
    "The Velmar Tide Board will meet next month."
)
BODY_B = "Nothing happened in Orrin yesterday."


def _article(name: str, body: str, published: str | None = "2025-06-30") -> Article:
    return Article(source=f"/data/{name}.txt#main", page_source=f"/data/{name}.txt", body=body, published=published)


@Language.component("explode_on_orrin")
def _explode(doc: Doc) -> Doc:
    if "Orrin" in doc.text:
        raise RuntimeError("invented failure")
    return doc


def test_build_nlp_adds_our_components(nlp) -> None:
    assert "rashomon_timex" in nlp.pipe_names
    assert nlp.pipe_names.index("rashomon_timex") > nlp.pipe_names.index("ner")


def test_build_nlp_names_a_missing_model() -> None:
    with pytest.raises(ModelError) as err:
        build_nlp(default_options(spacy_model="no_such_pipeline_xyz"))
    assert "no_such_pipeline_xyz" in str(err.value)


def test_analyze_articles_fills_records_with_article_ids(nlp) -> None:
    art = _article("a", BODY_A)
    (result,) = analyze_articles([art], nlp, default_options())
    assert result.article == art.id
    assert {t.value for t in result.timexes} >= {"2025-06-27", "P24Y", "2025-07"}
    assert all(t.article == art.id and BODY_A[t.start : t.end] == t.text for t in result.timexes)
    assert any(m.text.endswith("Edda Lunn") and m.label == "PERSON" for m in result.mentions)
    assert all(BODY_A[m.start : m.end] == m.text for m in result.mentions)
    assert all(a.article == art.id for a in result.attributions)
    assert result.sentences and result.sentences[0][0] == 0


def test_undated_article_is_not_anchored_to_today(nlp) -> None:
    (result,) = analyze_articles([_article("u", BODY_A, published=None)], nlp, default_options())
    friday = next(t for t in result.timexes if t.text == "Friday")
    assert friday.value == "XXXX-WXX-5"


def test_one_failing_article_never_sinks_the_batch(caplog) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("explode_on_orrin")
    nlp.add_pipe("rashomon_timex")
    arts = [_article("a", BODY_A), _article("b", BODY_B), _article("c", "It rained on 2 July.")]
    with caplog.at_level(logging.WARNING):
        results = analyze_articles(arts, nlp, default_options(batch_size=8))
    assert [r.article for r in results] == [a.id for a in arts]
    assert results[1].timexes == [] and results[1].mentions == []
    assert [t.value for t in results[2].timexes] == ["2025-07-02"]
    assert results[0].timexes
    assert arts[1].id in caplog.text and "invented failure" in caplog.text


def test_tense_of_governing_verb(nlp) -> None:
    past = nlp("The ferry capsized on Friday near Orrin.")
    future = nlp("The ferry will sail on Friday from Orrin.")
    assert tense_of(past[4:5]) == "past"
    assert tense_of(future[5:6]) == "future"


def test_future_tense_weekday_in_context(nlp) -> None:
    (r,) = analyze_articles([_article("f", "The Velmar council will vote on Thursday.")], nlp, default_options())
    assert [(t.text, t.value) for t in r.timexes] == [("Thursday", "2025-07-03")]


def test_year_used_as_a_count_is_not_a_date(nlp) -> None:
    (r,) = analyze_articles([_article("n", "Some 2000 people marched through Velmar in 2024.")], nlp, default_options())
    assert [(t.text, t.value) for t in r.timexes] == [("2024", "2024")]


@pytest.mark.parametrize(
    "text, label, expected",
    [
        ("Edda Lunn's", "PERSON", "Edda Lunn"),
        ("the Velmar Tide Board", "ORG", "Velmar Tide Board"),
        ("“Orrin”", "GPE", "Orrin"),
        ("the", "ORG", None),
        ("1998", "ORG", None),
    ],
)
def test_clean_span(text: str, label: str, expected: str | None) -> None:
    span = clean_span(text, 0, len(text), label)
    assert (text[span[0] : span[1]] if span else None) == expected


def test_doc_mentions_skip_numbers_and_dates(nlp) -> None:
    doc = nlp("Edda Lunn paid 40 dollars in Velmar on 3 May 2024.")
    labels = {m.label for m in doc_mentions(doc)}
    assert "PERSON" in labels and not labels & {"DATE", "MONEY", "CARDINAL"}


def test_entities_person_cut_after_given_name_is_extended(nlp) -> None:
    from spacy.tokens import Doc

    from rashomon.analyze.entities import doc_mentions

    words = ["Yes", ",", "Odo", "Vanterpool", "said", "on", "Monday", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[False, True, True, True, True, True, False, False],
              pos=["INTJ", "PUNCT", "PROPN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
              ents=["O", "O", "B-PERSON", "O", "O", "O", "B-DATE", "O"])
    names = [m.text for m in doc_mentions(doc) if m.label == "PERSON"]
    assert names == ["Odo Vanterpool"]
