"""The machine side of translation as a value that can travel: for workers of a corpus run.

A :class:`TranslatorSpec` (engine name, engine options, glossary) is plain data:
ship it to a worker once (a Ray actor, another process), make a
:class:`WorkerTranslator` from it there, and send it units.  The engine is
loaded on first use and kept; the glossary is enforced as in a translate run.
The translation memory stays with the caller, which wraps the worker in a
:class:`~polyglot.translators.memory.MemoryTranslator` (or calls its
``lookup``/``store`` around the units it sends out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from polyglot.engines import EngineOptions, load_engine
from polyglot.engines.base import Engine, EngineInfo
from polyglot.glossary.model import Glossary
from polyglot.languages import LanguagePair
from polyglot.translators.compose import build_translator
from polyglot.translators.unit import Results, TranslationUnit, Translator


@dataclass(frozen=True)
class TranslatorSpec:
    """What a worker needs to translate: the engine by registered name, its options, and
    the glossary (None: none)."""

    engine: str
    options: EngineOptions = field(default_factory=EngineOptions)
    glossary: Glossary | None = None


class WorkerTranslator:
    """Translates units of any pair with the engine of ``spec`` (loaded once, on first use)."""

    def __init__(self, spec: TranslatorSpec) -> None:
        self.spec = spec
        self._engine: Engine | None = None
        self._translators: dict[LanguagePair, Translator] = {}

    def prepare(self, pair: LanguagePair) -> EngineInfo:
        """Load what ``pair`` needs; say what will translate it (for the caller's memory)."""
        return self._get_engine().prepare(pair.source, pair.target)

    def translate(self, unit: TranslationUnit) -> Results:
        translator = self._translators.get(unit.pair)
        if translator is None:
            info = self.prepare(unit.pair)
            translator = build_translator(self._get_engine(), info, unit.pair, self.spec.glossary)
            self._translators[unit.pair] = translator
        return translator.translate(unit)

    def _get_engine(self) -> Engine:
        if self._engine is None:
            self._engine = load_engine(self.spec.engine, self.spec.options)
        return self._engine
