"""The translation memory: translators' work and earlier MT, reused on every run.

``store`` holds the SQLite file and its queries, ``normalise`` the match key,
``exchange`` TMX import and export (reuse while translating is
:mod:`polyglot.translators.memory`).  Importing this package imports no
submodule (no sqlite3, lxml or engine): the command line reads
:data:`DEFAULT_IMPORT_MAX_MB` from here for ``polyglot --help``; the names below
are loaded from their modules when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from polyglot.tm.normalise import normalise_source
    from polyglot.tm.store import (
        MemoryStats,
        MemoryUnit,
        TranslationMemory,
        default_memory_path,
        open_memory,
    )

#: The largest file ``tm import`` reads unless told otherwise (``--max-size``), in MiB:
#: well above the TMX ``translate`` writes for a long article (a 12 MB article gives ~90 MB).
DEFAULT_IMPORT_MAX_MB = 512

#: Where each name this package offers lives, imported on first use.
_LAZY = {
    "MemoryStats": "polyglot.tm.store",
    "MemoryUnit": "polyglot.tm.store",
    "TranslationMemory": "polyglot.tm.store",
    "default_memory_path": "polyglot.tm.store",
    "open_memory": "polyglot.tm.store",
    "normalise_source": "polyglot.tm.normalise",
}

__all__ = [
    "DEFAULT_IMPORT_MAX_MB",
    "MemoryStats",
    "MemoryUnit",
    "TranslationMemory",
    "default_memory_path",
    "normalise_source",
    "open_memory",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:  # a submodule (``from polyglot.tm import store``) or a typo
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
