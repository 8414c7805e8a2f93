"""Translators: a unit of segments in, ``{segment id: Translation}`` out.

``unit`` defines the unit of work and the loop over units; ``engine`` is the
plain translator around an engine, ``glossary`` the one that enforces glossary
terms, ``memory`` the one that reuses and fills the translation memory around
another; ``compose.build_translator`` composes them the way a translate run
does, and ``worker`` makes the engine side from a plain spec on a remote worker.
"""

from __future__ import annotations

from polyglot.translators.compose import build_translator
from polyglot.translators.unit import (
    Results,
    SourceSegment,
    TranslationUnit,
    Translator,
    assign,
    document_units,
    translate_units,
)
from polyglot.translators.worker import TranslatorSpec, WorkerTranslator

__all__ = [
    "Results",
    "SourceSegment",
    "TranslationUnit",
    "Translator",
    "TranslatorSpec",
    "WorkerTranslator",
    "assign",
    "build_translator",
    "document_units",
    "translate_units",
]
