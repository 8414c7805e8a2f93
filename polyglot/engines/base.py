"""The interface every engine implements: batches of strings in, strings out.

The base class owns the workflow of every call — deduplication and chunking, so
that memory stays bounded on a huge input, for plain and aligned calls alike —
and an engine fills in one hook, :meth:`Engine.translate_batch` (and, when it
can say where each target token came from, :meth:`Engine.align_batch`).

Engines know nothing of segments, glossaries or memories: those are translators
wrapping an engine (:mod:`polyglot.translators`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from polyglot.model import Origin


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
    #: Source tokens per CTranslate2 batch when batching by tokens; 0 (the default): as
    #: many as suit the device the model runs on (:data:`DEFAULT_BATCH_TOKENS`).  Sentences
    #: are sorted by length first, so a batch of short sentences holds many and one of
    #: long ones few: throughput of big batches without their peak memory
    #: (benchmarks/translate_speed.py).
    max_batch_tokens: int = 0
    #: Batches CTranslate2 runs in parallel (each with ``threads``): more cores without
    #: processes (CTranslate2 is not fork-safe).
    inter_threads: int = 1
    #: Segments per call into the engine: a whole article fits in one call; a huge
    #: file is cut into chunks so memory stays bounded and progress moves.
    chunk_size: int = 1024


#: Source tokens per batch when ``--batch-tokens`` is not given, by device.  A CPU is
#: compute-bound from small batches on and memory grows with the batch (1,024: 1.35x the
#: speed of plain 32-sentence batches at 0.40x the memory); a GPU wants big ones (H200,
#: transformer-base, float16, 1,000 sentences: 65-74 sentences/s at 1,024 tokens, 220 at
#: 4,096, 508 at 16,384, plain CTranslate2 535 in batches of 128 sentences).
DEFAULT_BATCH_TOKENS = {"cpu": 1024, "cuda": 16384}


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
        #: What loading changed that the user should hear (a GPU that could not be used
        #: and the CPU used instead): said once per run, on stderr and in report.json.
        self.warnings: list[str] = []

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

    def split_inputs(self, texts: Sequence[str], source: str, target: str) -> dict[str, int]:
        """The ``texts`` longer than the model takes, each with the number of parts it is
        translated in (:mod:`polyglot.engines.longtext`: split, never cut); {} when the
        engine has no limit (the default)."""
        return {}

    def translate_texts(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate ``texts``; each distinct string goes to the engine once, in chunks
        of :attr:`EngineOptions.chunk_size`."""
        unique = list(dict.fromkeys(texts))
        done: dict[str, str] = {}
        for chunk in self._chunks(unique):
            outputs = self.translate_batch(chunk, source, target)
            if len(outputs) != len(chunk):
                raise RuntimeError(
                    f"engine {self.name} returned {len(outputs)} outputs for {len(chunk)} inputs"
                )
            done.update(zip(chunk, outputs, strict=True))
        return [done[t] for t in texts]

    def align_texts(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[AlignedText] | None:
        """Translate ``texts`` with token alignments, in chunks like :meth:`translate_texts`;
        None when the engine cannot say where its tokens came from."""
        aligned: list[AlignedText] = []
        for chunk in self._chunks(list(texts)):
            part = self.align_batch(chunk, source, target)
            if part is None:
                return None
            aligned.extend(part)
        return aligned

    def _chunks(self, texts: list[str]) -> list[list[str]]:
        size = max(1, self.options.chunk_size)
        return [texts[start : start + size] for start in range(0, len(texts), size)]

    def align_batch(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[AlignedText] | None:
        """Translate with token alignments; None when the engine cannot say (the default)."""
        return None
