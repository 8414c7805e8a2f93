"""The document model every stage reads and writes: Document → Paragraph → Segment.

Plain data, no I/O.  Offsets are character offsets into :attr:`Document.text`,
the article's text as read (after decoding and newline normalisation), so that
``doc.text[seg.start:seg.end] == seg.source`` always holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class SegmentKind(StrEnum):
    """What a segment is, for exporters and for the translator."""

    DATELINE = "dateline"
    SENTENCE = "sentence"


class Origin(StrEnum):
    """Where a translation came from."""

    MT = "mt"  # machine translation by an engine
    TM = "tm"  # exact match from the translation memory (machine-made earlier)
    HUMAN = "human"  # a translator's work (post-edited TMX, review)
    PSEUDO = "pseudo"  # pseudo-localisation: not a translation at all
    GLOSSARY = "glossary"  # rendered entirely from glossary terms (datelines)


class TermStatus(StrEnum):
    """How a glossary term came out in one translation."""

    FOUND = "found"  # the expected form is in the output
    INFLECTED = "inflected"  # an accepted inflected form is in the output
    FIXED = "fixed"  # polyglot enforced the term after the engine ran
    MISSING = "missing"  # not in the output, and could not be enforced


@dataclass
class TermCheck:
    """Compliance of one glossary term in one translated segment."""

    source: str  # the term as it appears in the source segment
    expected: str  # the glossary's target form
    status: TermStatus
    found: str | None = None  # the form actually found in the output
    #: Where the term is in the source segment (``start, end``), when known.
    source_span: tuple[int, int] | None = field(default=None, compare=False)


class Severity(StrEnum):
    """How bad a per-segment finding is."""

    ERROR = "error"  # must be fixed before publishing (``--strict`` fails on it)
    WARNING = "warning"  # worth a look


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the segment's ``source`` or its translation (``target``)."""

    side: str  # "source" or "target"
    start: int
    end: int


#: A finding's parameter: a value (a number, a piece of the text, a segment id), never
#: prose in some language; the message around it is what gets translated.
Arg = str | int


@dataclass(frozen=True)
class MessageId:
    """A finding's sentence as a gettext message, the way Babel and Translate Toolkit keep
    them: ``singular`` is the English msgid with ``%(name)s`` placeholders, ``plural`` its
    msgid_plural where a number decides the form (that number is the argument ``count``:
    Russian and Kazakh pick among their plural forms by it, through the catalog's rule).
    ``code`` names the message for programs (report.json) and stays when the English is
    reworded.  Define one where it is used, marked for extraction::

        LOOP = MessageId("repetition-loop", *Nn_("%(count)d copy", "%(count)d copies"))
        MISSING = MessageId("urls-missing", N_("URL %(item)s is not in the translation"))
    """

    code: str
    singular: str
    plural: str | None = None

    def english(self, args: Mapping[str, Arg]) -> str:
        """The message in English (the msgids themselves), with ``args`` filled in."""
        text = self.singular if self.plural is None or args["count"] == 1 else self.plural
        return text % args


@dataclass(frozen=True)
class Issue:
    """One finding about one translation, of one generic shape every exporter renders
    without knowing the check that made it (glossary, numbers, untranslated, ...).

    ``message`` is the English sentence (logs, the CLI, TMX/XLIFF notes, report.json);
    ``msgid`` and ``args`` say the same as data, so that a page in the reader's language
    renders it from the UI catalog (:func:`polyglot.i18n.render_issue`).  Make one with
    :meth:`of` so that the two cannot disagree; an issue without ``msgid`` (a plain
    message) is shown in English everywhere.
    """

    check: str  # the check's registered name, e.g. "numbers", "glossary"
    severity: Severity
    message: str  # for people: what is wrong, in one sentence (English)
    spans: tuple[Span, ...] = ()
    msgid: MessageId | None = None
    #: The message's parameters, as ``(name, value)`` pairs (an Issue is hashable).
    args: tuple[tuple[str, Arg], ...] = ()

    @classmethod
    def of(
        cls,
        check: str,
        severity: Severity,
        msgid: MessageId,
        spans: Iterable[Span] = (),
        **args: Arg,
    ) -> Issue:
        """The issue saying ``msgid`` with ``args``; its ``message`` is the English."""
        return cls(check, severity, msgid.english(args), tuple(spans), msgid, tuple(args.items()))

    @property
    def code(self) -> str | None:
        """The stable name of the message (``"numbers-missing"``); None for a plain message."""
        return self.msgid.code if self.msgid is not None else None


@dataclass
class Translation:
    """One segment's text in one target language, with its provenance."""

    text: str
    origin: Origin = Origin.MT
    engine: str | None = None  # "argos", "pseudo", ...
    model: str | None = None  # e.g. "translate-en_ru 1.9"
    terms: list[TermCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Findings of the QA checks on this translation (see :class:`Issue`).
    issues: list[Issue] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        """True when no glossary term is missing."""
        return all(t.status is not TermStatus.MISSING for t in self.terms)


@dataclass
class Segment:
    """A sentence (or the dateline): the unit of translation and of the TMX."""

    id: str  # stable id, "p<paragraph>s<sentence>", 1-based
    source: str
    start: int
    end: int
    kind: SegmentKind = SegmentKind.SENTENCE
    translations: dict[str, Translation] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    """A block of text separated from its neighbours by blank lines."""

    index: int  # 1-based
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Document:
    """An article: metadata plus paragraphs of segments."""

    text: str
    source_lang: str = "en"
    name: str = "article"  # file stem, used to name outputs
    date: dt.date | None = None
    dateline: str | None = None
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what reading changed (controls removed)

    def segments(self) -> Iterator[Segment]:
        """All segments in reading order."""
        for paragraph in self.paragraphs:
            yield from paragraph.segments

    def segment(self, segment_id: str) -> Segment:
        """The segment with this id (KeyError if there is none)."""
        for seg in self.segments():
            if seg.id == segment_id:
                return seg
        raise KeyError(segment_id)

    @property
    def lead(self) -> str | None:
        """The first sentence that is not the dateline."""
        for seg in self.segments():
            if seg.kind is SegmentKind.SENTENCE:
                return seg.source
        return None

    def target_langs(self) -> list[str]:
        """Languages that at least one segment has a translation for, in first-seen order."""
        langs: dict[str, None] = {}
        for seg in self.segments():
            for lang in seg.translations:
                langs.setdefault(lang, None)
        return list(langs)

    def paragraph_text(self, paragraph: Paragraph, lang: str | None = None) -> str:
        """A paragraph's text in ``lang`` (source when None), segments joined
        with the whitespace that separated them in the source."""
        parts: list[str] = []
        prev_end: int | None = None
        for seg in paragraph.segments:
            if prev_end is not None:
                parts.append(self.text[prev_end : seg.start])
            if lang is None:
                parts.append(seg.source)
            else:
                tr = seg.translations.get(lang)
                parts.append(tr.text if tr is not None else seg.source)
            prev_end = seg.end
        return "".join(parts)
