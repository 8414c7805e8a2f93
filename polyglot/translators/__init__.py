"""Translators: a unit of segments in, ``{segment id: Translation}`` out.

``unit`` defines the unit of work and the loop over units; ``engine`` is the
plain translator around an engine, ``glossary`` the one that enforces glossary
terms, ``memory`` the one that reuses and fills the translation memory around
another.  :func:`build_translator` composes them the way a translate run does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from polyglot.translators.unit import (
    Results,
    SourceSegment,
    TranslationUnit,
    Translator,
    assign,
    document_units,
    translate_units,
)

if TYPE_CHECKING:
    from polyglot.engines.base import Engine, EngineInfo
    from polyglot.glossary.model import Glossary
    from polyglot.languages import LanguagePair
    from polyglot.tm.store import TranslationMemory

__all__ = [
    "Results",
    "SourceSegment",
    "TranslationUnit",
    "Translator",
    "assign",
    "build_translator",
    "document_units",
    "translate_units",
]


def build_translator(
    engine: Engine,
    info: EngineInfo,
    pair: LanguagePair,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
) -> Translator:
    """The translator a run uses for one pair: the engine, under the glossary when there
    is one, inside the memory when there is one.  Only machine translation uses the
    glossary and the memory (pseudo-localisation is not a translation)."""
    from polyglot.checks.base import CheckContext
    from polyglot.checks.glossary import GlossaryCheck
    from polyglot.translators.engine import EngineTranslator
    from polyglot.translators.glossary import GlossaryTranslator
    from polyglot.translators.memory import MemoryTranslator, uses_memory

    if not uses_memory(info):
        glossary = memory = None
    translator: Translator = (
        EngineTranslator(engine, info)
        if glossary is None
        else GlossaryTranslator(engine, info, glossary)
    )
    if memory is not None:
        check = None
        if glossary is not None:
            check = GlossaryCheck(CheckContext(pair, glossary))
        translator = MemoryTranslator(memory, translator, info, check)
    return translator
