"""The glossary translator: engine output in which glossary terms come out right.

Wraps an engine the way :class:`~polyglot.translators.engine.EngineTranslator`
does, with :func:`polyglot.glossary.enforce.translate_with_glossary` in between:
datelines rendered from the glossary, placeholders and attention for missing
terms.  Each translation carries its term checks and, for a term that could not
be enforced, an error issue of the ``glossary`` check.
"""

from __future__ import annotations

from polyglot.checks.glossary import term_issues
from polyglot.engines.base import Engine, EngineInfo
from polyglot.glossary.enforce import translate_with_glossary
from polyglot.glossary.model import Glossary
from polyglot.model import Origin, SegmentKind, Translation
from polyglot.translators.unit import Results, TranslationUnit


class GlossaryTranslator:
    """Translates a unit with ``engine`` under ``glossary``."""

    def __init__(self, engine: Engine, info: EngineInfo, glossary: Glossary) -> None:
        self.engine = engine
        self.info = info
        self.glossary = glossary

    def translate(self, unit: TranslationUnit) -> Results:
        segments = unit.segments
        rendered = translate_with_glossary(
            self.engine,
            [seg.text for seg in segments],
            unit.pair.source,
            unit.pair.target,
            self.glossary,
            datelines=[seg.kind is SegmentKind.DATELINE for seg in segments],
        )
        results: Results = {}
        for seg, result in zip(segments, rendered, strict=True):
            alone = result.from_glossary
            results[seg.id] = Translation(
                text=result.text,
                origin=Origin.GLOSSARY if alone else self.info.origin,
                engine=None if alone else self.info.engine,
                model=None if alone else self.info.model,
                terms=result.terms,
                notes=result.notes,
                issues=term_issues(seg.text, result.terms),
            )
        return results
