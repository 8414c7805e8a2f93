"""TMX and XLIFF in, TMX out: a CAT tool's post-edits in, the memory out.

Import rules (``polyglot tm import``):

* Every target variant of a unit becomes a human translation of the unit's
  source variant (the unit's ``srclang``, else the header's, else the one
  given), whatever the tool spelled the languages (``EN-US``, ``en_US``, ``kk-KZ``).
* A variant a person confirmed stays human, edited or not: XLIFF
  ``state="translated"``/``final``/``signed-off`` or ``approved="yes"``, or
  polyglot's own ``x-origin=human``.
* Otherwise, a variant whose text still has the fingerprint polyglot wrote on
  machine text (``x-mt-sha256`` in the TMX, ``pg:mt-sha256`` in the XLIFF) was
  not edited: it is not imported (it stays machine translation, never human),
  whatever memory it is imported into.  A variant whose text no longer has its
  fingerprint was post-edited: it is human.
* Files without the fingerprint (CAT tools drop polyglot's props: OmegaT's
  project memory, Trados) fall back to the memory: a variant whose text is an
  MT this memory holds for that source, or the pseudo-translation, was not
  edited, whatever its props say; one that differs from the memory's MT was.
  When the memory holds no MT for the source, an XLIFF state saying nobody
  reviewed the text (``new``, ``needs-*``) keeps it machine translation, and a
  file that says nothing (TMX) makes it human.
* A different human translation of a source already in the memory (or earlier
  in the same file) is a conflict: reported, kept as an alternative, and not
  used unless ``replace`` is given — nothing is overwritten silently.
* A TMX or XLIFF 1.2 file is read twice, as a stream (flat memory at any size; an
  XLIFF 2.0 file is read whole): checked whole first, so a malformed or unsafe file
  imports nothing; then imported in transactions of :data:`IMPORT_BATCH` units,
  so a ``translate`` storing into
  the same memory waits milliseconds, not the whole import.  A run killed
  half-way keeps the batches it finished; importing the file again adds the
  rest (what is there already counts as unchanged).

:class:`~polyglot.formats.tmx.TmxReader` and
:class:`~polyglot.formats.xliff.XliffReader` (the safe readers) do the parsing;
inline markup in a ``<seg>`` is flattened to plain text there, and reported
here.  Any reader that yields :class:`~polyglot.formats.tmx.TranslationUnit`
records (a :class:`UnitSource`) can feed :func:`import_units`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from polyglot.cleaning import remove_controls, render_codes, strip_controls
from polyglot.errors import InputError
from polyglot.model import Document, Origin, Paragraph, Segment, Translation
from polyglot.tm import DEFAULT_IMPORT_MAX_MB
from polyglot.tm.store import (
    HumanOutcome,
    ImportCache,
    MemoryUnit,
    TranslationMemory,
    open_memory,
)

if TYPE_CHECKING:
    from polyglot.formats.tmx import TranslationUnit, Variant  # imports lxml: only for TMX

#: Units per write transaction of ``tm import``: short enough that a translate run
#: storing into the same memory waits well under its busy timeout.
IMPORT_BATCH = 500

#: File name endings ``tm import`` reads as XLIFF; anything else is read as TMX.
XLIFF_SUFFIXES = (".xlf", ".xliff")


class UnitSource(Protocol):
    """What :func:`import_units` reads: a file's units, as a list or a stream.

    :class:`~polyglot.formats.tmx.TmxDocument` (whole),
    :class:`~polyglot.formats.tmx.TmxReader` and
    :class:`~polyglot.formats.xliff.XliffReader` (streamed) are ones; ``warnings``
    is read after ``units`` is exhausted."""

    @property
    def path(self) -> str | None: ...

    @property
    def srclang(self) -> str | None: ...

    @property
    def units(self) -> Iterable[TranslationUnit]: ...

    @property
    def warnings(self) -> list[str]: ...


@dataclass(frozen=True)
class Conflict:
    """A human translation that differs from the one the memory already uses."""

    line: int | None
    lang: str
    source: str
    kept: str  # the translation the memory uses now
    other: str  # the one set aside (the incoming one, or with replace the old one)

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return (
            f"{where}{self.lang}: two different human translations of {self.source!r}: "
            f"using {self.kept!r}, kept {self.other!r} as an alternative"
        )


@dataclass
class ImportReport:
    """What ``tm import`` did with a TMX file."""

    path: str
    units: int = 0  # <tu> elements read
    outcomes: Counter[str] = field(default_factory=Counter)  # HumanOutcome -> variants
    unchanged_machine: int = 0  # polyglot's MT, not edited: not imported, never human
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "line N: why"
    warnings: list[str] = field(default_factory=list)  # the reader's and markup notes
    pairs: Counter[str] = field(default_factory=Counter)  # "en-kk" -> human units added

    def format(self) -> str:
        """One line for people: what was added, kept aside, left alone."""
        done = self.outcomes
        return (
            f"{self.path}: {self.units} units; human translations: {done['added']} added, "
            f"{done['replaced']} replaced, {done['unchanged']} already there, "
            f"{done['conflict']} conflicting (kept aside); {self.unchanged_machine} unedited "
            f"machine translations left as MT (not imported); {len(self.skipped)} skipped"
        )


def import_units(
    memory: TranslationMemory,
    tmx: UnitSource,
    *,
    source_lang: str | None = None,
    replace: bool = False,
    import_file: str | None = None,
    batch: int | None = None,
) -> ImportReport:
    """Import a file's units (see :class:`UnitSource`) as human translations.

    ``source_lang`` overrides the file's ``srclang``; by default the header's,
    else ``en``.  Without ``batch`` the caller owns the transaction; with it,
    each ``batch`` units are stored in a transaction of their own.
    """
    report = ImportReport(path=tmx.path or import_file or "<tmx>")
    state = _ImportState(source_lang or tmx.srclang or "en")
    units = iter(tmx.units)
    # What the memory holds for a chunk's sources is read at once (a few queries, not two
    # per translation); chunks keep memory flat however long the file is.
    for chunk in iter(lambda: list(itertools.islice(units, batch or IMPORT_BATCH)), []):
        with memory.transaction() if batch else contextlib.nullcontext():
            cache = memory.read_for_import(_sources(chunk, source_lang, state))
            for unit in chunk:
                _import_unit(memory, unit, report, state, source_lang, replace, import_file, cache)
    report.warnings[:0] = tmx.warnings  # the reader's first, as it found them
    if source_lang is None and report.units and state.missing_units == report.units:
        _refuse_wrong_source_lang(report, state.file_source, tmx.srclang, state.missing_source)
    return report


@dataclass
class _ImportState:
    file_source: str
    missing_source: Counter[str] = field(default_factory=Counter)  # langs of units lacking it
    missing_units: int = 0


def _sources(
    units: list[TranslationUnit], source_lang: str | None, state: _ImportState
) -> Iterator[tuple[str, str, str]]:
    """``(source language, target language, source)`` of each translation in ``units``."""
    for unit in units:
        src_lang = source_lang or unit.srclang or state.file_source
        source = unit.variants.get(src_lang)
        if source:
            source = strip_controls(source)
            yield from ((src_lang, lang, source) for lang in unit.variants if lang != src_lang)


def _import_unit(
    memory: TranslationMemory,
    unit: TranslationUnit,
    report: ImportReport,
    state: _ImportState,
    source_lang: str | None,
    replace: bool,
    import_file: str | None,
    cache: ImportCache | None = None,
) -> None:
    report.units += 1
    where = f"line {unit.line}" if unit.line is not None else f"unit {report.units}"
    src_lang = source_lang or unit.srclang or state.file_source
    source = unit.variants.get(src_lang)
    if source is None or not source.strip():
        report.skipped.append(f"{where}: no {src_lang} text")
        state.missing_source.update(unit.variants)
        state.missing_units += 1
        return
    targets = [lang for lang in unit.variants if lang != src_lang]
    if not targets:
        report.skipped.append(f"{where}: no translation, only {src_lang}")
        return
    document = _first(unit.props.get("x-document"))
    source = _clean(source, src_lang, unit.line, report)
    for lang in targets:
        variant = unit.details.get(lang)
        line = variant.line if variant is not None and variant.line else unit.line
        text = _clean(unit.variants[lang], lang, line, report)
        if not text.strip():
            report.skipped.append(f"line {line}: empty {lang} translation")
            continue
        if variant is not None and _is_unedited_machine(memory, variant, src_lang, source, cache):
            report.unchanged_machine += 1
            continue
        if variant is not None and variant.had_markup:
            report.warnings.append(
                f"line {line}: inline tags in the {lang} text were removed (plain text kept)"
            )
        result = memory.add_human(
            src_lang,
            lang,
            source,
            text,
            import_file=import_file,
            document=document,
            segment_id=unit.tuid if document else None,
            replace=replace,
            cache=cache,
        )
        report.outcomes[result.outcome] += 1
        if result.outcome in (HumanOutcome.ADDED, HumanOutcome.REPLACED):
            report.pairs[f"{src_lang}-{lang}"] += 1
        if result.outcome is HumanOutcome.CONFLICT:
            report.conflicts.append(Conflict(line, lang, source, result.previous or "", text))
        elif result.outcome is HumanOutcome.REPLACED:
            report.conflicts.append(Conflict(line, lang, source, text, result.previous or ""))


def _clean(text: str, lang: str, line: int | None, report: ImportReport) -> str:
    """``text`` without control characters (none belongs in a translation), saying so."""
    cleaned, removed = remove_controls(text)
    if removed:
        where = f"line {line}: " if line is not None else ""
        report.warnings.append(
            f"{where}removed {len(removed)} control character(s) ({render_codes(removed)}) "
            f"from the {lang} text"
        )
    return cleaned


def _refuse_wrong_source_lang(
    report: ImportReport, lang: str, header: str | None, found: Counter[str]
) -> None:
    """No unit has the source language: the header is wrong (or absent), say so."""
    others = [code for code, _ in found.most_common()]
    guess = "en" if "en" in others else others[0] if others else "en"
    why = "the header's srclang" if header else "the default, as the header has no srclang"
    raise InputError(
        f"no unit has text in {lang} ({why});"
        f" the units are in {', '.join(sorted(others)) or 'no known language'}: nothing imported",
        f"give the source language: polyglot tm import --source-lang {guess} {report.path}",
        path=report.path,
    )


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _is_unedited_machine(
    memory: TranslationMemory,
    variant: Variant,
    source_lang: str,
    source: str,
    cache: ImportCache | None = None,
) -> bool:
    """Whether ``variant`` is still the text a machine made (see the module docstring)."""
    from polyglot.engines.pseudo import pseudo_translate
    from polyglot.formats.tmx import MT_FINGERPRINT, render_mt_fingerprint

    if variant.reviewed or _first(variant.props.get("x-origin")) == Origin.HUMAN:
        return False  # a person confirmed it, edited or not
    fingerprints = variant.props.get(MT_FINGERPRINT)
    if fingerprints:  # the file says which text the machine made: trust nothing else
        return render_mt_fingerprint(variant.text) in fingerprints
    # CAT tools drop polyglot's props (OmegaT, Trados): the memory knows its MT.
    stored = memory.machine_targets(source_lang, variant.lang, source, cache)
    if variant.text in stored or variant.text == pseudo_translate(source, variant.lang):
        return True
    if stored:
        return False  # the machine made something else: a person changed it
    # Nothing to compare with: an XLIFF state saying nobody reviewed it keeps it
    # machine translation; a file that says nothing (TMX) makes it human.
    return variant.reviewed is False


def import_tmx_file(
    path: Path,
    memory_path: Path | None = None,
    *,
    source_lang: str | None = None,
    replace: bool = False,
    max_mb: int = DEFAULT_IMPORT_MAX_MB,
) -> ImportReport:
    """Read a TMX or XLIFF file (``.xlf``, ``.xliff``) safely and import it into
    the memory (see the module docstring: both are streamed, checked whole first).

    Files over ``max_mb`` MiB are refused.
    """
    from polyglot.formats.tmx import TmxReader
    from polyglot.formats.xliff import XliffReader

    shown = str(path)
    if not path.is_file():
        hint = "give the TMX or XLIFF file your CAT tool exported"
        raise InputError("no such file" if not path.exists() else "not a file", hint, path=shown)
    max_bytes = max_mb * 1024 * 1024
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"the file is {size / 2**20:.0f} MiB, over the {max_mb} MiB limit",
            f"raise the limit with --max-size {-(-size // 2**20)}, or split the file",
            path=shown,
        )
    reader = XliffReader if path.suffix.lower() in XLIFF_SUFFIXES else TmxReader
    try:
        with path.open("rb") as fp:  # the whole file is checked before anything is stored
            reader(fp, max_bytes=max_bytes, path=shown).check_all()
        with path.open("rb") as fp, open_memory(memory_path) as memory:
            document: UnitSource = reader(fp, max_bytes=max_bytes, path=shown)
            return import_units(
                memory,
                document,
                source_lang=source_lang,
                replace=replace,
                import_file=path.name,
                batch=IMPORT_BATCH,
            )
    except PermissionError:
        raise InputError("permission denied", "check the file's permissions", path=shown) from None


# --------------------------------------------------------------------------- export


@dataclass
class ExportReport:
    """What ``tm export`` wrote."""

    path: str
    units: int = 0  # <tu> written
    pairs: Counter[str] = field(default_factory=Counter)  # "en-kk" -> translations
    warnings: list[str] = field(default_factory=list)


def render_memory_document(units: list[MemoryUnit], source_lang: str) -> Document:
    """The memory's units as a :class:`Document`, one segment per source sentence,
    with one translation per target language, so that ``write_tmx`` can write it."""
    by_source: dict[str, Segment] = {}
    order: list[str] = []
    for unit in units:
        if unit.source_lang != source_lang:
            continue
        if unit.source not in by_source:
            by_source[unit.source] = Segment(id=f"u{unit.id}", source=unit.source, start=0, end=0)
            order.append(unit.source)
        by_source[unit.source].translations.setdefault(unit.target_lang, _memory_translation(unit))
    text_parts: list[str] = []
    doc = Document(text="", source_lang=source_lang, name="translation-memory")
    offset = 0
    for index, source in enumerate(order, start=1):
        seg = by_source[source]
        if text_parts:
            text_parts.append("\n\n")
            offset += 2
        seg.start, seg.end = offset, offset + len(source)
        text_parts.append(source)
        offset = seg.end
        doc.paragraphs.append(Paragraph(index=index, start=seg.start, end=seg.end, segments=[seg]))
    doc.text = "".join(text_parts)
    return doc


def write_memory_tmx(
    fp: IO[bytes],
    memory: TranslationMemory,
    *,
    source_lang: str = "en",
    target_lang: str | None = None,
    human_only: bool = False,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
) -> ExportReport:
    """Write the memory's best units (human over MT) as TMX to the binary ``fp``.

    With ``target_lang``: that pair only.  Without it, every pair from
    ``source_lang``, one unit per source sentence holding each language it has.
    """
    from polyglot.formats.tmx import write_tmx, write_tmx_segments

    units = memory.units(source_lang=source_lang, target_lang=target_lang, human_only=human_only)
    pairs: Counter[str] = Counter()
    if target_lang is None:  # units of one source gathered across languages: in memory
        listed = list(units)
        pairs.update(unit.pair for unit in listed)
        doc = render_memory_document(listed, source_lang)
        langs = sorted({u.target_lang for u in listed})
        tmx_report = write_tmx(
            fp,
            doc,
            langs,
            source_lang=source_lang,
            region_tags=region_tags,
            now=now,
            tool_version=tool_version,
            complete_units=False,
        )
    else:  # one pair: one unit per source, streamed from the memory
        tmx_report = write_tmx_segments(
            fp,
            _memory_segments(units, pairs),
            [target_lang],
            doc_name="translation-memory",
            source_lang=source_lang,
            region_tags=region_tags,
            now=now,
            tool_version=tool_version,
            complete_units=False,
        )
    report = ExportReport(path=str(getattr(fp, "name", "<tmx>")), units=tmx_report.units)
    report.warnings.extend(tmx_report.warnings)
    report.pairs = pairs
    return report


def _memory_segments(
    units: Iterable[MemoryUnit], pairs: Counter[str]
) -> Iterator[tuple[Segment, int]]:
    """Each unit as a one-translation segment with its paragraph number, as
    :func:`render_memory_document` numbers them; counts the units per pair."""
    for index, unit in enumerate(units, start=1):
        pairs[unit.pair] += 1
        seg = Segment(
            id=f"u{unit.id}",
            source=unit.source,
            start=0,
            end=len(unit.source),
            translations={unit.target_lang: _memory_translation(unit)},
        )
        yield seg, index


def _memory_translation(unit: MemoryUnit) -> Translation:
    return Translation(
        text=unit.target,
        origin=unit.origin,
        engine=unit.engine,
        model=unit.model,
        notes=[f"imported from {unit.import_file}"] if unit.import_file else [],
    )


def export_tmx_file(
    path: Path,
    memory_path: Path | None = None,
    *,
    pair: str | None = None,
    human_only: bool = False,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
) -> list[ExportReport]:
    """Write the memory (or one pair of it) to TMX, atomically; one report per file.

    A CAT tool reads one pair per file, so without ``pair`` a memory holding
    several pairs is written one file per pair, named like ``translate``'s
    outputs: ``all.tmx`` becomes ``all.en-kk.tmx``, ``all.en-ru.tmx``, ...
    """
    from polyglot.fileio import atomic_write

    wanted = _parse_pair(pair) if pair is not None else None
    with open_memory(memory_path, create=False) as memory:
        pairs: list[tuple[str, str | None]] = [wanted] if wanted else []
        if not pairs:
            pairs = list(memory.pairs(human_only=human_only)) or [("en", None)]
        reports = []
        for source_lang, target_lang in pairs:
            out = path
            if len(pairs) > 1:
                out = path.with_name(f"{path.stem}.{source_lang}-{target_lang}{path.suffix}")
            with atomic_write(out, "wb") as fp:
                report = write_memory_tmx(
                    fp,
                    memory,
                    source_lang=source_lang,
                    target_lang=target_lang,
                    human_only=human_only,
                    region_tags=region_tags,
                    now=now,
                    tool_version=tool_version,
                )
            report.path = str(out)
            reports.append(report)
    return reports


def _parse_pair(pair: str) -> tuple[str, str | None]:
    from polyglot.languages import LanguagePair

    parsed = LanguagePair.parse(pair, hint="write it like en-kk")
    return parsed.source, parsed.target
