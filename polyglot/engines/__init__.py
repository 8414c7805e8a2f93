"""Translation engines, looked up by name and imported only when asked for."""

from __future__ import annotations

import importlib

from polyglot.engines.base import Engine, EngineOptions
from polyglot.errors import UsageError

__all__ = ["ENGINES", "Engine", "EngineOptions", "load_engine"]

#: name -> "module:Class"; importing an engine may be slow (ctranslate2), so it
#: happens only in :func:`load_engine`.
ENGINES = {
    "argos": "polyglot.engines.argos:ArgosEngine",
    "pseudo": "polyglot.engines.pseudo:PseudoEngine",
}


def load_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """Create the engine registered under ``name``."""
    try:
        target = ENGINES[name]
    except KeyError:
        raise UsageError(
            f"unknown engine {name!r}", f"choose one of: {', '.join(sorted(ENGINES))}"
        ) from None
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    engine: Engine = cls(options or EngineOptions())
    return engine
