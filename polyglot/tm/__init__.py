"""The translation memory: translators' work and earlier MT, reused on every run.

``store`` holds the SQLite file and its queries, ``normalise`` the match key,
``exchange`` TMX import and export (reuse while translating is
:mod:`polyglot.translators.memory`).  Importing this package imports neither lxml
nor an engine.
"""

from __future__ import annotations

from polyglot.tm.normalise import normalise_source
from polyglot.tm.store import (
    MemoryStats,
    MemoryUnit,
    TranslationMemory,
    default_memory_path,
    open_memory,
)

__all__ = [
    "MemoryStats",
    "MemoryUnit",
    "TranslationMemory",
    "default_memory_path",
    "normalise_source",
    "open_memory",
]
