"""Reuse on translate: fill segments from the memory, store what the engine makes.

The pipeline calls :func:`fill_from_memory` before anything else touches a
language (glossary protection, the engine), and hands a :class:`MachineRecorder`
to the engine so that each finished chunk is stored at once: a run stopped by
Ctrl-C or a crash keeps what it translated, and the next run starts from there.
"""

from __future__ import annotations

from collections.abc import Sequence

from polyglot.engines.base import EngineInfo
from polyglot.model import Document, Origin, Segment, Translation
from polyglot.tm.store import TranslationMemory

#: The engine name under which glossary-rendered text (datelines) is stored.
GLOSSARY_ENGINE = "glossary"


def uses_memory(info: EngineInfo) -> bool:
    """Whether a run with this engine reads and writes the memory.

    Only real machine translation does: pseudo-localisation is not a
    translation, so it neither stores its output nor mixes in stored text.
    """
    return info.origin is Origin.MT


def fill_from_memory(
    memory: TranslationMemory, doc: Document, lang: str, info: EngineInfo
) -> list[Segment]:
    """Give every segment with an exact match its stored translation; return the rest.

    Human translations come back as :attr:`Origin.HUMAN`; earlier MT of the same
    engine and model as :attr:`Origin.TM`, keeping that engine and model.
    """
    segments = list(doc.segments())
    found = memory.lookup(
        doc.source_lang, lang, (s.source for s in segments), engine=info.engine, model=info.model
    )
    pending = []
    for seg in segments:
        unit = found.get(seg.source)
        if unit is None:
            pending.append(seg)
        elif unit.origin is Origin.HUMAN:
            seg.translations[lang] = Translation(text=unit.target, origin=Origin.HUMAN)
        else:
            seg.translations[lang] = Translation(
                text=unit.target, origin=Origin.TM, engine=unit.engine, model=unit.model
            )
    return pending


class MachineRecorder:
    """Stores each chunk of engine output as soon as the engine returns it."""

    def __init__(
        self,
        memory: TranslationMemory,
        doc: Document,
        lang: str,
        info: EngineInfo,
        segments: Sequence[Segment],
    ) -> None:
        self._memory = memory
        self._doc = doc
        self._lang = lang
        self._info = info
        self._ids: dict[str, str] = {}
        for seg in segments:
            self._ids.setdefault(seg.source, seg.id)

    def __call__(self, sources: Sequence[str], targets: Sequence[str]) -> None:
        self._memory.store_machine(
            self._doc.source_lang,
            self._lang,
            (
                (source, target, self._ids.get(source))
                for source, target in zip(sources, targets, strict=True)
                if target.strip()
            ),
            engine=self._info.engine,
            model=self._info.model,
            document=self._doc.name,
        )

    def store_final(self, segments: Sequence[Segment]) -> None:
        """Store the segments' final MT (after any glossary fixes) over the raw output.

        Text rendered from the glossary alone (datelines) is stored too, under the
        engine name ``glossary``: it is never reused (the glossary renders it again
        each run) but lets ``tm import`` recognise it as machine-made, unedited text.
        """
        machine: dict[str, tuple[str, str | None]] = {}
        rendered: dict[str, tuple[str, str | None]] = {}
        for seg in segments:
            tr = seg.translations.get(self._lang)
            if tr is None or not tr.text.strip():
                continue
            if tr.origin is Origin.MT:
                machine.setdefault(seg.source, (tr.text, seg.id))
            elif tr.origin is Origin.GLOSSARY:
                rendered.setdefault(seg.source, (tr.text, seg.id))
        for items, engine, model in (
            (machine, self._info.engine, self._info.model),
            (rendered, GLOSSARY_ENGINE, None),
        ):
            if items:
                self._memory.store_machine(
                    self._doc.source_lang,
                    self._lang,
                    ((source, text, seg_id) for source, (text, seg_id) in items.items()),
                    engine=engine,
                    model=model,
                    document=self._doc.name,
                )
