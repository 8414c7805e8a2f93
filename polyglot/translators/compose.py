"""How a translate run composes translators: engine, glossary, memory, each wrapping the next."""

from __future__ import annotations

from polyglot.checks.base import CheckContext
from polyglot.checks.glossary import GlossaryCheck
from polyglot.cleaning import clean_translation
from polyglot.engines.base import Engine, EngineInfo
from polyglot.glossary.model import Glossary
from polyglot.languages import LanguagePair
from polyglot.tm.store import TranslationMemory
from polyglot.translators.engine import EngineTranslator
from polyglot.translators.glossary import GlossaryTranslator
from polyglot.translators.memory import MemoryTranslator, uses_memory
from polyglot.translators.unit import Results, TranslationUnit, Translator


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
    if not uses_memory(info):
        glossary = memory = None
    translator: Translator = CleanTranslator(
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


class CleanTranslator:
    """Returns what ``inner`` returns without control characters, a warning on each segment
    that had some (:func:`~polyglot.cleaning.clean_translation`)."""

    def __init__(self, inner: Translator) -> None:
        self.inner = inner

    def translate(self, unit: TranslationUnit) -> Results:
        return {key: clean_translation(tr) for key, tr in self.inner.translate(unit).items()}
