"""The plain translator: an engine's output for every segment, nothing else."""

from __future__ import annotations

from polyglot.engines.base import Engine, EngineInfo
from polyglot.model import Translation
from polyglot.translators.unit import Results, TranslationUnit


class EngineTranslator:
    """Translates a unit with ``engine`` in one call (the engine chunks and deduplicates)."""

    def __init__(self, engine: Engine, info: EngineInfo) -> None:
        self.engine = engine
        self.info = info

    def translate(self, unit: TranslationUnit) -> Results:
        texts = [seg.text for seg in unit.segments]
        outputs = self.engine.translate_texts(texts, unit.pair.source, unit.pair.target)
        return {
            seg.id: Translation(
                text=text, origin=self.info.origin, engine=self.info.engine, model=self.info.model
            )
            for seg, text in zip(unit.segments, outputs, strict=True)
        }
