"""Word tables learned from treebank training data (``data/learned.json``).

``tools/learn_segment_tables.py`` writes the file (its docstring names the
sources and their licences); :mod:`polyglot.segment.langs` merges the tables
into each language's hand-written rules, so the engine and the SRX export see
one set of lists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Learned:
    """The learned tables of one language (empty where no training data was used)."""

    abbreviations: frozenset[str] = frozenset()
    short_words: frozenset[str] = frozenset()
    continuers: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()


@cache
def _tables() -> dict[str, dict[str, list[str]]]:
    text = resources.files("polyglot.segment").joinpath("data/learned.json").read_text("utf-8")
    data: dict[str, dict[str, list[str]]] = json.loads(text)
    return data


def learned(lang: str) -> Learned:
    """The tables learned for ``lang``."""
    t = _tables().get(lang, {})
    return Learned(
        abbreviations=frozenset(t.get("abbreviations", ())),
        short_words=frozenset(t.get("short_words", ())),
        continuers=frozenset(t.get("continuers", ())),
        words=frozenset(t.get("words", ())),
    )
