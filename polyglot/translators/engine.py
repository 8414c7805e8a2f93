"""The plain translator: an engine's output for every segment, nothing else."""

from __future__ import annotations

from polyglot.engines.base import Engine, EngineInfo
from polyglot.i18n import Nn_
from polyglot.model import Issue, MessageId, Severity, Translation
from polyglot.translators.unit import Results, TranslationUnit


class EngineTranslator:
    """Translates a unit with ``engine`` in one call (the engine chunks and deduplicates)."""

    def __init__(self, engine: Engine, info: EngineInfo) -> None:
        self.engine = engine
        self.info = info

    def translate(self, unit: TranslationUnit) -> Results:
        texts = [seg.text for seg in unit.segments]
        outputs = self.engine.translate_texts(texts, unit.pair.source, unit.pair.target)
        split = self.engine.split_inputs(texts, unit.pair.source, unit.pair.target)
        return {
            seg.id: Translation(
                text=text,
                origin=self.info.origin,
                engine=self.info.engine,
                model=self.info.model,
                issues=[split_issue(split[seg.text])] if seg.text in split else [],
            )
            for seg, text in zip(unit.segments, outputs, strict=True)
        }


SPLIT = MessageId(
    "long-segment",
    # TRANSLATORS: %(count)d: the parts a long sentence was cut into.
    *Nn_(
        "longer than the model takes at once: translated in %(count)d part, split at clause "
        "or word boundaries; check the joins",
        "longer than the model takes at once: translated in %(count)d parts, split at clause "
        "or word boundaries; check the joins",
    ),
)


def split_issue(parts: int) -> Issue:
    """The finding on a segment the model took in ``parts`` parts."""
    return Issue.of("long-segment", Severity.WARNING, SPLIT, count=parts)
