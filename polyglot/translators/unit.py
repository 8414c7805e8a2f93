"""The unit of translation work: segments in, translations out, as plain values.

A :class:`TranslationUnit` is a batch of source segments for one language pair —
one article's segments, or segments of many articles (a corpus run batches them,
deduplicated).  A :class:`Translator` turns a unit into ``{segment id:
Translation}``: it calls nothing back, shares no mutable state and changes
nothing it is given, so the same unit can be translated in this process or
shipped (pickled) to a remote worker unchanged.  :func:`translate_units` is the
loop; what to do with the results (assign them to documents, count them) is the
caller's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from polyglot.languages import LanguagePair
from polyglot.model import Document, SegmentKind, Translation


@dataclass(frozen=True)
class SourceSegment:
    """One segment to translate.  ``id`` is unique within its unit (a document's segment
    id such as ``p1s2``; a corpus run may prefix the article); ``document`` names the
    article it came from, for the translation memory's provenance."""

    id: str
    text: str
    kind: SegmentKind = SegmentKind.SENTENCE
    document: str | None = None


@dataclass(frozen=True)
class TranslationUnit:
    """Segments to translate from ``pair.source`` into ``pair.target``."""

    pair: LanguagePair
    segments: tuple[SourceSegment, ...]

    def __len__(self) -> int:
        return len(self.segments)

    def sources(self) -> dict[str, str]:
        """Segment id -> source text."""
        return {seg.id: seg.text for seg in self.segments}

    def subset(self, ids: Iterable[str]) -> TranslationUnit:
        """The unit holding only the segments with these ids, in unit order."""
        wanted = set(ids)
        return TranslationUnit(self.pair, tuple(s for s in self.segments if s.id in wanted))


#: What a translator returns: segment id -> its translation, for every segment of the unit.
Results = dict[str, Translation]


class Translator(Protocol):
    """Anything that translates a unit: an engine, a glossary, a memory, each wrapping the next."""

    def translate(self, unit: TranslationUnit) -> Results:
        """A translation for every segment of ``unit``, by segment id."""
        ...


def document_units(doc: Document, target: str, size: int = 128) -> list[TranslationUnit]:
    """``doc``'s segments as units of at most ``size`` segments, in reading order: a
    unit is what is stored in the memory and shown as progress at once."""
    pair = LanguagePair(doc.source_lang, target)
    segments = [SourceSegment(s.id, s.source, s.kind, doc.name) for s in doc.segments()]
    size = max(1, size)
    return [
        TranslationUnit(pair, tuple(segments[start : start + size]))
        for start in range(0, len(segments), size)
    ]


def translate_units(
    units: Iterable[TranslationUnit], translator: Translator
) -> Iterator[tuple[TranslationUnit, Results]]:
    """Translate each unit in turn, yielding it with its results as soon as it is done
    (so the caller stores, counts or shows each finished unit before the next starts)."""
    for unit in units:
        results = translator.translate(unit)
        missing = [seg.id for seg in unit.segments if seg.id not in results]
        if missing:
            raise RuntimeError(f"the translator returned nothing for {', '.join(missing[:5])}")
        yield unit, results


def assign(doc: Document, lang: str, results: Mapping[str, Translation]) -> None:
    """Put ``results`` into ``doc``'s segments: the one place translations are assigned."""
    for seg in doc.segments():
        if seg.id in results:
            seg.translations[lang] = results[seg.id]
