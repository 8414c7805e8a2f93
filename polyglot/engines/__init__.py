"""Translation engines, looked up by name and imported only when asked for."""

from __future__ import annotations

from polyglot.engines.base import Engine, EngineOptions
from polyglot.registry import load_registered

__all__ = ["ENGINES", "Engine", "EngineOptions", "load_engine"]

#: name -> "module:Class"; importing an engine may be slow (ctranslate2), so it
#: happens only in :func:`load_engine`.
ENGINES = {
    "argos": "polyglot.engines.argos:ArgosEngine",
    "pseudo": "polyglot.engines.pseudo:PseudoEngine",
}


def load_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """Create the engine registered under ``name``."""
    cls = load_registered(ENGINES, name, "engine")
    engine: Engine = cls(options or EngineOptions())
    return engine
