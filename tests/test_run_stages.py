"""The stage table: every stage names a real entry point, replacing and switching off stages gives a
new table, and importing the runners' package loads no model."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from rashomon.run.stages import GLOBAL, PER_PAGE, PER_STORY, Stages, default_stages


def test_run_stages_every_entry_point_and_setup_exists():
    table = default_stages()
    assert table.names()[:4] == ["read", "extract", "dedupe", "analyze"]
    for stage in table:
        assert stage.kind in (PER_PAGE, PER_STORY, GLOBAL)
        assert callable(stage.fn), stage.name
        if stage.setup:
            assert callable(getattr(stage.namespace(), stage.setup)), stage.name


def test_run_stages_replace_and_without_leave_the_original_alone():
    table = default_stages()
    double = types.SimpleNamespace(resolve_entities=lambda analyses, articles: "resolved")
    other = table.replace(resolve=double).without("threads")
    assert other.fn("resolve")([], {}) == "resolved" and not other.enabled("threads")
    assert table.fn("resolve") is not double.resolve_entities and table.enabled("threads")
    assert isinstance(other, Stages) and other.names() == table.names()
    with pytest.raises(KeyError, match="no_such_stage"):
        table.replace(no_such_stage=double)
    with pytest.raises(KeyError, match="no_such_stage"):
        table.without("no_such_stage")


def test_run_stages_a_monkeypatched_module_is_honoured(monkeypatch):
    import rashomon.extract as extract

    monkeypatch.setattr(extract, "extract_page", lambda page, options: ["patched"])
    assert default_stages().fn("extract")(None, None) == ["patched"]


def test_run_package_import_loads_no_stage():
    code = ("import sys, rashomon.run, rashomon.pipeline, rashomon.derive; "
            "print(','.join(m for m in ('spacy', 'rashomon.analyze', 'rashomon.stories', 'rashomon.compare', 'ray') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
