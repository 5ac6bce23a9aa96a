"""scripts/fuzz_ingest.py loaded as a module: its input generators serve the fuzz and hostile-input tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fuzz_ingest.py"


def load() -> ModuleType:
    """The script as the module ``fuzz_ingest`` (dataclasses look their module up by name)."""
    if "fuzz_ingest" in sys.modules:
        return sys.modules["fuzz_ingest"]
    spec = importlib.util.spec_from_file_location("fuzz_ingest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_ingest"] = module
    spec.loader.exec_module(module)
    return module
