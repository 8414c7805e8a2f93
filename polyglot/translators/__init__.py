"""Translators: a unit of segments in, ``{segment id: Translation}`` out.

``unit`` defines the unit of work and the loop over units; ``engine`` is the
plain translator around an engine, ``glossary`` the one that enforces glossary
terms, ``memory`` the one that reuses and fills the translation memory around
another; ``compose.build_translator`` composes them the way a translate run
does.  On Ray (:mod:`polyglot.engines.ray`) only the engine runs remotely: it is an
:class:`~polyglot.engines.base.Engine` like any other, and these translators stay on
the driver.
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
