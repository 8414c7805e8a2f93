"""The memory translator: exact matches from the translation memory, the rest from the
translator it wraps, and what that one made stored as soon as its unit returns.

Only machine translation uses the memory (see :func:`uses_memory`): human
translations win over earlier MT; earlier MT of the same engine and model is
reused unless today's glossary finds a term missing in it.  The memory stays in
the process that opened it: the wrapped translator may run anywhere, and a run
stopped by Ctrl-C or a crash keeps every unit finished before it.
"""

from __future__ import annotations

from polyglot.checks.glossary import GlossaryCheck, term_issues
from polyglot.cleaning import clean_translation
from polyglot.engines.base import EngineInfo
from polyglot.model import Origin, Translation
from polyglot.tm.store import TranslationMemory
from polyglot.translators.unit import Results, TranslationUnit, Translator

#: The engine name under which glossary-rendered text (datelines) is stored.
GLOSSARY_ENGINE = "glossary"


def uses_memory(info: EngineInfo) -> bool:
    """Whether a run with this engine reads and writes the memory (and applies the glossary).

    Only real machine translation does: pseudo-localisation is not a
    translation, so it neither stores its output nor mixes in stored text.
    """
    return info.origin is Origin.MT


class MemoryTranslator:
    """Reuses ``memory`` for a unit and sends the rest to ``inner``; stores what ``inner``
    returns.  With ``glossary`` (the glossary check of the unit's pair), reused text is
    checked against it: human text is only checked, stale MT is translated again."""

    def __init__(
        self,
        memory: TranslationMemory,
        inner: Translator,
        info: EngineInfo,
        glossary: GlossaryCheck | None = None,
    ) -> None:
        self.memory = memory
        self.inner = inner
        self.info = info
        self.glossary = glossary

    def translate(self, unit: TranslationUnit) -> Results:
        reused = self.lookup(unit)
        pending = unit.subset(seg.id for seg in unit.segments if seg.id not in reused)
        made = self.inner.translate(pending) if pending.segments else {}
        self.store(pending, made)
        return {seg.id: reused.get(seg.id) or made[seg.id] for seg in unit.segments}

    def lookup(self, unit: TranslationUnit) -> Results:
        """The translations of ``unit``'s segments that the memory has and that still
        hold (see the class); the others are left out."""
        found = self.memory.lookup(
            unit.pair.source,
            unit.pair.target,
            (seg.text for seg in unit.segments),
            engine=self.info.engine,
            model=self.info.model,
        )
        reused: Results = {}
        for seg in unit.segments:
            stored = found.get(seg.text)
            if stored is None:
                continue
            if stored.origin is Origin.HUMAN:
                tr = Translation(text=stored.target, origin=Origin.HUMAN)
            else:
                tr = Translation(
                    text=stored.target, origin=Origin.TM, engine=stored.engine, model=stored.model
                )
            tr = clean_translation(tr)  # stored by an older polyglot, or imported
            if self.glossary is not None:
                tr.terms = self.glossary.terms(seg.text, tr.text)
                tr.issues = [*tr.issues, *term_issues(seg.text, tr.terms)]
                if tr.origin is not Origin.HUMAN and not tr.compliant:
                    continue  # made under an older glossary: translate it again
            reused[seg.id] = tr
        return reused

    def store(self, unit: TranslationUnit, results: Results) -> None:
        """Store the final machine translations of ``unit`` (after any glossary fixes).

        Text rendered from the glossary alone (datelines) is stored too, under the
        engine name ``glossary``: it is never reused (the glossary renders it again
        each run) but lets ``tm import`` recognise it as machine-made, unedited text.
        """
        # (engine, model, document) -> source -> (target, segment id); first one wins
        batches: dict[tuple[str, str | None, str | None], dict[str, tuple[str, str]]] = {}
        for origin, engine, model in (
            (Origin.MT, self.info.engine, self.info.model),
            (Origin.GLOSSARY, GLOSSARY_ENGINE, None),
        ):
            for seg in unit.segments:
                tr = results.get(seg.id)
                if tr is None or tr.origin is not origin or not tr.text.strip():
                    continue
                batch = batches.setdefault((engine, model, seg.document), {})
                batch.setdefault(seg.text, (tr.text, seg.id))
        for (engine, model, document), items in batches.items():
            self.memory.store_machine(
                unit.pair.source,
                unit.pair.target,
                ((source, text, seg_id) for source, (text, seg_id) in items.items()),
                engine=engine,
                model=model,
                document=document,
            )
