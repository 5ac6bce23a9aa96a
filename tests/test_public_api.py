"""The public API: every exported name resolves, importing stays light, analyze_text works."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import rashomon

HEAVY = ("spacy", "fastapi", "uvicorn", "trafilatura", "thinc", "torch")


def test_public_api_every_name_in_all_resolves():
    missing = [name for name in rashomon.__all__ if not hasattr(rashomon, name)]
    assert missing == []
    assert len(rashomon.__all__) == len(set(rashomon.__all__))


def test_public_api_names_are_the_library_objects():
    from rashomon.analyze import analyze_articles
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    assert rashomon.Store is Store
    assert rashomon.ingest_paths is ingest
    assert rashomon.analyze_articles is analyze_articles


def test_public_api_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        rashomon.no_such_name  # noqa: B018


def test_public_api_star_import_matches_all():
    namespace: dict[str, object] = {}
    exec("from rashomon import *", namespace)  # noqa: S102
    assert set(rashomon.__all__) <= set(namespace)


def test_public_api_import_loads_no_model_or_server():
    code = textwrap.dedent(
        f"""
        import sys
        import rashomon
        rashomon.Options(); rashomon.Article(source="s", page_source="s")
        print(",".join(m for m in {HEAVY!r} if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_api_subpackages_stay_reachable():
    # `rashomon.analyze` is the analysis subpackage, which is why the function is analyze_text.
    import rashomon.analyze as analyze_pkg

    assert hasattr(analyze_pkg, "build_nlp")
    assert callable(rashomon.analyze_text)


def test_public_api_analyze_text_rejects_a_non_date_before_loading_a_model():
    options = rashomon.default_options(spacy_model="no_such_pipeline_xyz")
    with pytest.raises(rashomon.InputError, match="not an ISO date"):
        rashomon.analyze_text("The pier closed.", published="next Tuesday-ish", options=options)


def test_public_api_analyze_text_names_a_missing_pipeline(tmp_path):
    missing = str(tmp_path / "no-such-pipeline")
    with pytest.raises(rashomon.ModelError, match="no-such-pipeline"):
        rashomon.analyze_text("The pier closed.", options=rashomon.default_options(spacy_model=missing))


def test_public_api_analyze_text_finds_statement_and_date(nlp):
    text = (
        "The ferry to Pellory Island stopped running on Tuesday after a crack was found in the pier. "
        '"Nobody sails until the engineers have seen it," said Odile Brask, the harbour master. '
        "Fishermen said the crack had been reported in March 2029."
    )
    analysis = rashomon.analyze_text(text, published="2031-05-09", title="Pellory ferry halted", nlp=nlp)
    assert isinstance(analysis, rashomon.ArticleAnalysis)
    assert analysis.attributions, "no attributed statement found"
    quote = next(a for a in analysis.attributions if "engineers" in a.content)
    assert "Brask" in (quote.speaker_resolved or quote.speaker)
    assert text[quote.content_start:quote.content_end] == quote.content
    values = {t.text: t.value for t in analysis.timexes}
    assert values.get("March 2029") == "2029-03"
    assert any(t.value == "2031-05-06" for t in analysis.timexes)  # "on Tuesday" before 9 May 2031 (a Friday)
