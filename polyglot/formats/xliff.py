"""XLIFF 1.2: the article pre-segmented for post-editing in a CAT tool (memoQ, Trados, Phrase).

Writing
    :func:`write_xliff` writes one ``<file>`` per target language.  Each
    paragraph is a ``<group restype="x-paragraph">`` (the dateline a nested
    ``<group restype="x-dateline">``), each segment one ``<trans-unit>`` whose
    ``id`` is polyglot's segment id (``p1s2``), so a tool needs no segmentation
    rules of its own.  The translation is the ``<target>``, its ``state`` and
    ``state-qualifier`` saying where it came from:

    ============  ============================  ===================
    origin        state                         state-qualifier
    ============  ============================  ===================
    ``mt``        ``needs-review-translation``  ``leveraged-mt``
    ``tm``        ``needs-review-translation``  ``leveraged-tm``
    ``glossary``  ``needs-review-translation``  ``leveraged-glossary``
    ``human``     ``translated``                ``exact-match``
    ``pseudo``    ``needs-translation``         (none)
    ============  ============================  ===================

    Provenance also goes into attributes of polyglot's namespace on the
    ``<target>`` (``pg:origin``, ``pg:engine``, ``pg:model``, and on text no
    person wrote ``pg:mt-sha256``, the same fingerprint the TMX carries), so
    the file tells by itself which units a translator changed.  Glossary
    results and QA findings (:class:`~polyglot.model.Issue`) are ``<note>``\\ s
    on the target, priority 1 for what must be fixed.  A segment without a
    translation is a unit without ``<target>``.  Characters XML 1.0 forbids are
    removed and reported, as in the TMX.

Reading
    :func:`read_xliff` reads XLIFF 1.2 from any tool into the same records as
    :func:`~polyglot.formats.tmx.read_tmx` (a
    :class:`~polyglot.formats.tmx.TmxDocument` of
    :class:`~polyglot.formats.tmx.TranslationUnit`\\ s), so ``tm import`` treats
    both alike; :class:`XliffReader` reads them one at a time, in flat memory.
    polyglot's attributes become the TMX props they mirror
    (``x-origin``, ``x-mt-sha256`` ...), and the target's ``state`` (or the
    unit's ``approved="yes"``) becomes :attr:`~polyglot.formats.tmx.Variant.reviewed`:
    ``translated``, ``final``, ``signed-off`` or ``approved="yes"`` mean a person
    confirmed the text; ``new`` and the ``needs-*`` states mean nobody reviewed
    it.  Inline codes (``<x/>``, ``<bx/>``, ``<ph>`` ...) hold native code, not
    text, and are dropped; ``<g>`` and ``<mrk>`` keep their text.  The same safe
    parser as for TMX is used: no entities, no DTD, no network, a size limit.
    XLIFF 2.0 files are handed to :mod:`polyglot.formats.xliff2`, which writes and
    reads that version.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, ClassVar

from lxml import etree

from polyglot.errors import InputError, UsageError
from polyglot.formats.base import OutputFile, OutputFormat, RunInfo
from polyglot.formats.tmx import (
    DEFAULT_MAX_BYTES,
    MT_FINGERPRINT,
    XML_DECLARATION,
    XML_LANG,
    TmxDocument,
    TmxHeader,
    TranslationUnit,
    Variant,
    clean,
    indent,
    render_mt_fingerprint,
)
from polyglot.formats.xliff_common import (
    PSEUDO_NOTE,
    XML_SPACE,
    XliffWriteReport,
    add_variant,
    render_notes,
    without_declarations,
)
from polyglot.languages import normalise_lang_tag, render_lang_tag
from polyglot.model import Document, Origin, Paragraph, Segment, SegmentKind, Translation
from polyglot.safe_xml import stream_root

XLIFF_VERSION = "1.2"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
#: polyglot's own attributes (provenance) on ``<target>``.
POLYGLOT_NS = "urn:x-polyglot:xliff"
_X = f"{{{XLIFF_NS}}}"
_PG = f"{{{POLYGLOT_NS}}}"


#: origin -> (state, state-qualifier) of the ``<target>``.
STATES: dict[Origin, tuple[str, str | None]] = {
    Origin.MT: ("needs-review-translation", "leveraged-mt"),
    Origin.TM: ("needs-review-translation", "leveraged-tm"),
    Origin.GLOSSARY: ("needs-review-translation", "leveraged-glossary"),
    Origin.HUMAN: ("translated", "exact-match"),
    Origin.PSEUDO: ("needs-translation", None),
}
#: States that say a person confirmed the target.
CONFIRMED_STATES = frozenset({"translated", "final", "signed-off"})
#: States that say nobody has reviewed the target yet.
UNREVIEWED_STATES = frozenset(
    {
        "new",
        "needs-translation",
        "needs-l10n",
        "needs-adaptation",
        "needs-review-translation",
        "needs-review-l10n",
        "needs-review-adaptation",
    }
)
#: Inline elements that stand for native code: their content is not text.
_INLINE_CODE = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it"})
#: Provenance attributes on ``<target>`` and the TMX props they mirror.
_PROPS = {
    "origin": "x-origin",
    "engine": "x-engine",
    "model": "x-model",
    "mt-sha256": MT_FINGERPRINT,
}


# --------------------------------------------------------------------------- writing


def write_xliff(
    fp: IO[bytes],
    doc: Document,
    langs: list[str],
    *,
    source_lang: str,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
) -> XliffWriteReport:
    """Write ``doc`` as XLIFF 1.2 (UTF-8) to the binary ``fp``: one ``<file>`` per
    language in ``langs`` (one for a per-pair file).

    The output depends only on the arguments.  Paragraphs are serialised one at a
    time, so memory does not grow with the article.
    """
    report = XliffWriteReport()
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    date = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element(_X + "xliff", {"version": XLIFF_VERSION}, nsmap=_NSMAP)
    original = clean(doc.name, None, None, report, "attribute original")  # the file's stem
    for lang in langs:
        attrs = {
            "original": original,
            "source-language": render_lang_tag(source_lang, region_tags),
            "target-language": render_lang_tag(lang, region_tags),
            "datatype": "plaintext",
            "date": date,
            "tool-id": "polyglot",
        }
        file_el = etree.SubElement(root, _X + "file", attrs)
        file_el.append(_render_header(doc, lang, tool_version))
        etree.SubElement(file_el, _X + "body")
    indent(root)
    # The skeleton is written around the bodies, which are written one paragraph at a time.
    parts = etree.tostring(root, encoding="UTF-8").split(b"<body/>")
    fp.write(XML_DECLARATION)  # lxml's own uses single quotes, which some importers reject
    for lang, head in zip(langs, parts, strict=False):
        fp.write(head + b"<body>")
        for paragraph in doc.paragraphs:
            group = _render_paragraph(paragraph, lang, report)
            indent(group, 3)
            fp.write(b"\n      " + without_declarations(etree.tostring(group, encoding="UTF-8")))
        fp.write(b"\n    </body>")
    fp.write(parts[-1] + b"\n")
    return report


_NSMAP = {None: XLIFF_NS, "pg": POLYGLOT_NS}


def _render_header(doc: Document, lang: str, tool_version: str) -> etree._Element:
    header = etree.Element(_X + "header", nsmap=_NSMAP)
    etree.SubElement(
        header,
        _X + "tool",
        {"tool-id": "polyglot", "tool-name": "polyglot", "tool-version": tool_version},
    )
    if any(_origin(seg, lang) is Origin.PSEUDO for seg in doc.segments()):
        note = etree.SubElement(header, _X + "note", {"from": "polyglot", "priority": "1"})
        note.text = PSEUDO_NOTE
    return header


def _origin(seg: Segment, lang: str) -> Origin | None:
    tr = seg.translations.get(lang)
    return tr.origin if tr is not None else None


def _render_paragraph(paragraph: Paragraph, lang: str, report: XliffWriteReport) -> etree._Element:
    attrs = {"id": f"p{paragraph.index}", "restype": "x-paragraph"}
    group = etree.Element(_X + "group", attrs, nsmap=_NSMAP)
    for seg in paragraph.segments:
        parent = group
        if seg.kind is SegmentKind.DATELINE:
            parent = etree.SubElement(
                group, _X + "group", {"id": f"{seg.id}-dateline", "restype": "x-dateline"}
            )
        parent.append(_render_unit(seg, lang, report))
        report.units += 1
    return group


def _render_unit(seg: Segment, lang: str, report: XliffWriteReport) -> etree._Element:
    unit = etree.Element(_X + "trans-unit", {"id": seg.id, XML_SPACE: "preserve"})
    if seg.kind is SegmentKind.DATELINE:
        unit.set("restype", "x-dateline")
    source = etree.SubElement(unit, _X + "source")
    source.text = clean(seg.source, seg.id, None, report)
    tr = seg.translations.get(lang)
    if tr is not None and tr.text.strip():
        _render_target(unit, seg.id, lang, tr, report)
    for text in [*seg.flags, *seg.notes]:
        _note(unit, clean(text, seg.id, None, report, "note"), "source", 5)
    return unit


def _render_target(
    unit: etree._Element, segment_id: str, lang: str, tr: Translation, report: XliffWriteReport
) -> None:
    text = clean(tr.text, segment_id, lang, report)
    state, qualifier = STATES[tr.origin]
    attrs = {"state": state}
    if qualifier:
        attrs["state-qualifier"] = qualifier
    provenance = {"origin": str(tr.origin), "engine": tr.engine, "model": tr.model}
    if tr.origin is not Origin.HUMAN:
        provenance["mt-sha256"] = render_mt_fingerprint(text)
    for name, value in provenance.items():
        if value:
            attrs[_PG + name] = clean(value, segment_id, lang, report, f"attribute pg:{name}")
    target = etree.SubElement(unit, _X + "target", attrs)
    target.text = text
    for message, annotates, priority in render_notes(tr):
        _note(unit, clean(message, segment_id, lang, report, "note"), annotates, priority)


def _note(unit: etree._Element, text: str, annotates: str, priority: int) -> None:
    attrs = {"from": "polyglot", "annotates": annotates, "priority": str(priority)}
    etree.SubElement(unit, _X + "note", attrs).text = text


# --------------------------------------------------------------------------- reading


def read_xliff(
    fp: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES, path: str | None = None
) -> TmxDocument:
    """Read an XLIFF 1.2 (or 2.0) file (binary ``fp``) safely into TMX-like records, whole.

    Every ``<trans-unit>`` (at any depth of ``<group>``) becomes one
    :class:`~polyglot.formats.tmx.TranslationUnit` with the source and, when it
    has a non-empty ``<target>``, the target.  Raises
    :class:`~polyglot.errors.InputError` for a file that is not well-formed, not
    XLIFF, unsafe or larger than ``max_bytes``.  :class:`XliffReader` reads the
    same records one at a time.
    """
    reader = XliffReader(fp, max_bytes=max_bytes, path=path)
    units = list(reader.units)
    return TmxDocument(
        version=reader.version,
        header=reader.header,
        units=units,
        warnings=reader.warnings,
        path=reader.path,
    )


@dataclass(frozen=True)
class _FileInfo:
    """What a ``<file>`` says about the units in it."""

    src_tag: str | None
    tgt_tag: str | None
    original: str
    line: int | None


class XliffReader:
    """An XLIFF file read unit by unit: the header at once, then :attr:`units` (iterate
    once) yields each ``<trans-unit>`` of an XLIFF 1.2 file and forgets it, so memory
    stays flat however long the file is (as :class:`~polyglot.formats.tmx.TmxReader`
    for TMX).  An XLIFF 2.0 file is read whole (:mod:`polyglot.formats.xliff2`).

    Has ``path``, ``version``, ``header``, ``srclang`` and ``warnings`` (complete once
    the units are read)."""

    def __init__(
        self, fp: IO[bytes], *, max_bytes: int | None = DEFAULT_MAX_BYTES, path: str | None = None
    ) -> None:
        self.path = path or str(getattr(fp, "name", "<xliff>"))
        self.warnings: list[str] = []
        self._events, root = stream_root(
            fp,
            self.path,
            max_bytes=max_bytes,
            hint="export the XLIFF again from your CAT tool; XLIFF needs no <!ENTITY>",
            empty_hint="give an XLIFF file",
        )
        name = etree.QName(root)
        if name.localname != "xliff" or name.namespace not in (XLIFF_NS, XLIFF2_NS):
            self._drain()  # a file that is not well-formed is told so first
        if name.localname != "xliff":
            raise InputError(
                f"not an XLIFF file (the root element is <{name.localname}>)",
                "give the .xlf file your CAT tool exported",
                path=self.path,
                line=root.sourceline,
            )
        version = root.get("version")
        self._whole: TmxDocument | None = None
        if name.namespace == XLIFF2_NS:
            from polyglot.formats.xliff2 import read_xliff2_root

            self._drain()  # the whole tree: nothing is cleared
            self._whole = read_xliff2_root(root, self.path)
            self.version, self.header = self._whole.version, self._whole.header
            self.warnings = self._whole.warnings
            return
        if name.namespace != XLIFF_NS:
            raise InputError(
                f"XLIFF {version or '(no version)'} is not supported; polyglot reads XLIFF 1.2 "
                "and 2.0",
                "export XLIFF 1.2 or 2.0 from your CAT tool",
                path=self.path,
                line=root.sourceline,
            )
        self.version = f"xliff-{version}"
        self._root = root
        self._pending: list[tuple[str, etree._Element]] = []
        self.header = TmxHeader(None, None, attrs={})
        # The header is the first <file>'s: its attributes at its start, its tool (in
        # <header>) before its <body> or its first unit.
        first_file: etree._Element | None = None
        for event, el in self._events:
            self._pending.append((event, el))
            if first_file is None:
                if el.tag == _X + "file":
                    first_file = el
            elif (
                el is first_file  # its end: a file without units
                or (event == "end" and el.tag == _X + "header" and el.getparent() is first_file)
                or (event == "start" and el.tag in (_X + "body", _X + "trans-unit"))
            ):
                break
        if first_file is not None:
            src_tag = first_file.get("source-language")
            self.header = TmxHeader(
                srclang=normalise_lang_tag(src_tag) if src_tag else None,
                srclang_tag=src_tag,
                creationtool=_tool_name(first_file),
                datatype=first_file.get("datatype"),
                attrs=dict(first_file.attrib),
            )

    def _drain(self) -> None:
        for _event in self._events:
            pass

    @property
    def srclang(self) -> str | None:
        """The normalised source language of the file (its first ``<file>``'s)."""
        return self.header.srclang

    @property
    def units(self) -> Iterator[TranslationUnit]:
        """Each ``<trans-unit>`` of each ``<file>``, in file order (once)."""
        if self._whole is not None:
            return iter(self._whole.units)
        return (
            unit
            for file, unit_el in self._unit_elements()
            if (unit := _read_unit(unit_el, file, self.path, self.warnings)) is not None
        )

    def check_all(self) -> None:
        """Read the rest of the file without making units: its XML is checked whole
        (raises :class:`InputError` as :attr:`units` would)."""
        for _unit in self._unit_elements():
            pass

    def _unit_elements(self) -> Iterator[tuple[_FileInfo, etree._Element]]:
        """Each ``<trans-unit>`` element (at any depth of ``<group>``) with its file's
        details, cleared with what came before it once the caller has read it."""
        if self._whole is not None:
            return
        file: _FileInfo | None = None
        events = itertools.chain(self._pending, self._events)
        self._pending = []
        for event, el in events:
            tag = el.tag
            if tag == _X + "file":
                if event == "start":
                    file = _FileInfo(
                        el.get("source-language"),
                        el.get("target-language"),
                        el.get("original") or "",
                        el.sourceline,
                    )
                    if not file.src_tag:
                        self.warnings.append(
                            f"{self.path}:{el.sourceline}: <file> without source-language, skipped"
                        )
                    continue
                file = None
            elif event == "end" and tag == _X + "trans-unit":
                if file is not None and file.src_tag:
                    yield file, el
            elif event != "end" or tag != _X + "group":
                continue
            # a unit, a group or a whole <file> is read: forget it and what came before it
            el.clear(keep_tail=False)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]


def _tool_name(file_el: etree._Element | None) -> str | None:
    if file_el is None:
        return None
    tool = file_el.find(f"{_X}header/{_X}tool")
    if tool is not None:
        return tool.get("tool-name") or tool.get("tool-id")
    return file_el.get("tool-id") or file_el.get("tool")


def _read_unit(
    unit_el: etree._Element, file: _FileInfo, shown: str, warnings: list[str]
) -> TranslationUnit | None:
    """The record of a ``<trans-unit>`` of ``file`` (None: one without ``<source>``)."""
    assert file.src_tag  # files without a source language are skipped whole
    src = normalise_lang_tag(file.src_tag)
    source_el = unit_el.find(_X + "source")
    if source_el is None:
        warnings.append(f"{shown}:{unit_el.sourceline}: <trans-unit> without <source>, skipped")
        return None
    unit = TranslationUnit(
        tuid=unit_el.get("id"),
        props={"x-document": [file.original]},
        line=unit_el.sourceline,
        srclang=src,
        attrs={str(k): str(v) for k, v in unit_el.attrib.items()},
    )
    text, markup = flatten_inline(source_el)
    add_variant(unit, Variant(src, file.src_tag, text, markup, line=source_el.sourceline))
    target_el = unit_el.find(_X + "target")
    tag = target_el.get(XML_LANG) or file.tgt_tag if target_el is not None else file.tgt_tag
    if target_el is not None and tag:
        text, markup = flatten_inline(target_el)
        if text.strip():
            variant = Variant(
                normalise_lang_tag(tag),
                tag,
                text,
                markup,
                attrs={str(k): str(v) for k, v in target_el.attrib.items()},
                props=_target_props(target_el),
                line=target_el.sourceline,
                reviewed=_reviewed(unit_el, target_el),
            )
            add_variant(unit, variant)
    elif target_el is not None:
        warnings.append(
            f"{shown}:{target_el.sourceline}: <target> without a language "
            "(no target-language on <file>), skipped"
        )
    return unit


def _target_props(target: etree._Element) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for name, prop in _PROPS.items():
        value = target.get(_PG + name)
        if value:
            props[prop] = [value]
    return props


def _reviewed(unit: etree._Element, target: etree._Element) -> bool | None:
    """True: a person confirmed the target; False: the file says nobody reviewed it;
    None: the file does not say."""
    if unit.get("approved") == "yes":
        return True
    state = target.get("state")
    if state in CONFIRMED_STATES:
        return True
    if state in UNREVIEWED_STATES:
        return False
    return None


def flatten_inline(element: etree._Element) -> tuple[str, bool]:
    """An XLIFF ``<source>``/``<target>``'s plain text, and whether it held inline
    elements: native code (``x``, ``bx``, ``ex``, ``ph``, ``bpt``, ``ept``, ``it``)
    is dropped, ``g``, ``mrk`` and unknown elements keep their text."""
    parts: list[str] = [element.text or ""]
    had_markup = False
    for child in element:
        if not isinstance(child.tag, str):  # comment or processing instruction
            parts.append(child.tail or "")
            continue
        had_markup = True
        if etree.QName(child).localname not in _INLINE_CODE:
            parts.append(flatten_inline(child)[0])
        parts.append(child.tail or "")
    return "".join(parts), had_markup


# --------------------------------------------------------------------------- output format

#: The XLIFF versions polyglot writes.
VERSIONS = ("1.2", "2.0")


@dataclass(frozen=True)
class XliffOptions:
    """Options of the XLIFF output."""

    version: str = "1.2"  # or "2.0"
    region_tags: bool = False  # en-US, kk-KZ, ru-RU, fr-FR instead of en, kk, ru, fr


class XliffFormat(OutputFormat):
    """``<stem>.<src>-<lang>.xlf`` per target: the article pre-segmented for a CAT tool."""

    name: ClassVar[str] = "xliff"
    Options: ClassVar[type] = XliffOptions

    def check_options(self) -> None:
        if self.options.version not in VERSIONS:
            raise UsageError(
                f"polyglot writes no XLIFF {self.options.version}",
                f"choose one of {', '.join(VERSIONS)}",
            )

    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        options: XliffOptions = self.options
        created = dt.datetime.strptime(run.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)

        def writer(lang: str) -> Any:
            def write(fp: IO[bytes]) -> list[str]:
                if options.version == "2.0":
                    from polyglot.formats.xliff2 import write_xliff2

                    report = write_xliff2(
                        fp,
                        doc,
                        lang,
                        source_lang=doc.source_lang,
                        region_tags=options.region_tags,
                        now=created,
                        tool_version=run.tool_version,
                    )
                else:
                    report = write_xliff(
                        fp,
                        doc,
                        [lang],
                        source_lang=doc.source_lang,
                        region_tags=options.region_tags,
                        now=created,
                        tool_version=run.tool_version,
                    )
                return report.warnings

            return write

        return [
            OutputFile(f"{doc.name}.{doc.source_lang}-{lr.lang}.xlf", writer(lr.lang), binary=True)
            for lr in run.languages
        ]
