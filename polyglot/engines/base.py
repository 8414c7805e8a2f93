"""The translator interface every engine implements.

The base class owns the workflow — deduplication, chunking, progress and
provenance — and an engine fills in one hook, :meth:`Engine.translate_batch`,
that turns a batch of source strings into target strings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from polyglot.model import Origin

if TYPE_CHECKING:
    from polyglot.glossary.enforce import Rendered
    from polyglot.glossary.model import Glossary

#: Called with the number of segments just finished.
ProgressCallback = Callable[[int], None]
#: Called with each chunk's sources and final outputs as soon as the chunk is done
#: (the translation memory stores them, so an interrupted run loses nothing finished).
ChunkCallback = Callable[[Sequence[str], Sequence[str]], None]


@dataclass(frozen=True)
class EngineOptions:
    """Settings shared by engines; each engine uses what applies to it."""

    models_dir: Path | None = None  # Argos packages folder (default: ARGOS_PACKAGES_DIR)
    beam_size: int = 4
    compute_type: str = "default"  # CTranslate2 compute type: int8, float32, ...
    threads: int = 0  # intra-op threads; 0 = CTranslate2's default
    device: str = "cpu"
    #: Sentences per CTranslate2 batch; 0 (the default): batch by tokens instead.
    max_batch_size: int = 0
    #: Source tokens per CTranslate2 batch when batching by tokens.  Sentences are sorted
    #: by length first, so a batch of short sentences holds many and one of long ones
    #: few: throughput of big batches without their peak memory
    #: (benchmarks/translate_speed.py).
    max_batch_tokens: int = 1024
    #: Batches CTranslate2 runs in parallel (each with ``threads``): more cores without
    #: processes (CTranslate2 is not fork-safe).
    inter_threads: int = 1
    #: Segments per call into the engine: a whole article fits in one call; a huge
    #: file is cut into chunks so memory stays bounded and progress moves.
    chunk_size: int = 1024


@dataclass(frozen=True)
class EngineInfo:
    """What produced a translation, for reports and TMX provenance."""

    engine: str
    model: str | None = None  # e.g. "translate-en_ru 1.9"
    origin: Origin = Origin.MT


@dataclass
class AlignedText:
    """A translation with, per target token, its character span and the character span
    of the source token its attention weighed most (from ``return_attention``)."""

    text: str
    links: list[tuple[tuple[int, int], tuple[int, int]]]  # (target span, source span)

    def target_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the translation renders source characters ``start:end`` (None: nowhere)."""
        spans = [t for t, s in self.links if s[0] < end and start < s[1] and t[0] < t[1]]
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)


class Engine(ABC):
    """Base of all engines: batching and progress here, inference in subclasses."""

    name: ClassVar[str]
    origin: ClassVar[Origin] = Origin.MT

    def __init__(self, options: EngineOptions) -> None:
        self.options = options

    def prepare(self, source: str, target: str) -> EngineInfo:
        """Check that the pair can be translated (load models); say what will do it."""
        return EngineInfo(self.name, None, self.origin)

    def identify(self, source: str, target: str) -> EngineInfo:
        """What :meth:`prepare` would say, as cheaply as the engine can (without loading
        a model where it can): incremental runs compare it with what made the outputs."""
        return self.prepare(source, target)

    @abstractmethod
    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch of source strings; one output per input, same order."""

    def translate_texts(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        progress: ProgressCallback | None = None,
        on_chunk: ChunkCallback | None = None,
    ) -> list[str]:
        """Translate ``texts``; each distinct string goes to the engine once."""
        counts = Counter(texts)
        unique = list(counts)
        done: dict[str, str] = {}
        size = max(1, self.options.chunk_size)
        for start in range(0, len(unique), size):
            chunk = unique[start : start + size]
            outputs = self.translate_batch(chunk, source, target)
            if len(outputs) != len(chunk):
                raise RuntimeError(
                    f"engine {self.name} returned {len(outputs)} outputs for {len(chunk)} inputs"
                )
            done.update(zip(chunk, outputs, strict=True))
            if on_chunk is not None:
                on_chunk(chunk, outputs)
            if progress is not None:
                progress(sum(counts[t] for t in chunk))
        return [done[t] for t in texts]

    def align_batch(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[AlignedText] | None:
        """Translate with token alignments; None when the engine cannot say (the default)."""
        return None

    def translate_with_glossary(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        glossary: Glossary,
        datelines: Sequence[bool] | None = None,
        progress: ProgressCallback | None = None,
        translate: Callable[[list[str]], list[str]] | None = None,
    ) -> list[Rendered]:
        """Translate ``texts`` so that glossary terms come out as the glossary says
        (see :mod:`polyglot.glossary.enforce`); each result says how every term fared."""
        from polyglot.glossary.enforce import translate_with_glossary

        return translate_with_glossary(
            self, texts, source, target, glossary, datelines, progress, translate
        )
