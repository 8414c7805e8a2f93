"""The repository's scripts (tools/, benchmarks/: folders, not packages) as modules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


def load_script(folder: str, name: str) -> ModuleType:
    """``<folder>/<name>.py`` of the repository, imported once (kept in ``sys.modules``,
    which dataclasses defined in it need)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / folder / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
