"""TMX 1.4b: translation memories that CAT tools (OmegaT, Trados, memoQ) import.

Writing
    :func:`write_tmx` writes one file: the source language plus the languages
    asked for (one target for a per-pair file, all of them for a multilingual
    one).  Every unit carries every language of the file, or is dropped and
    reported: OmegaT 3.6 fills a project with another language's text when a
    unit lacks the target, and no tool wants an empty ``<seg>``.  Characters
    XML 1.0 forbids or discourages (C0/C1 controls, U+FFFE/U+FFFF, lone
    surrogates) are removed and reported.  lxml escapes the text, once; the
    indentation touches only element-only content, never a ``<seg>``.

    Provenance goes into ``<prop>`` elements (TMX reserves ``x-`` types for
    tools): ``x-document`` and ``x-paragraph`` on the unit, ``x-origin``
    (``mt``, ``tm``, ``human``, ``pseudo``, ``glossary``), ``x-engine``,
    ``x-model`` and glossary compliance (``x-glossary``, one ``x-term`` per
    term) on the target ``<tuv>``.  Flagged problems become ``<note>``\\ s.
    Text no person wrote (every origin but ``human``) also carries
    ``x-mt-sha256``, the SHA-256 of the exact ``<seg>`` text: a file that comes
    back from a CAT tool tells by itself which units were post-edited, whatever
    translation memory it is imported into.  Props and notes are cleaned of
    forbidden characters like the text, and reported the same way.

    Pseudo-translations keep their target ``<tuv>``, marked ``x-origin=pseudo``
    with a note: the text itself is visibly fake (``⟦kk: …⟧``), so a translator
    who imports it sees at once what it is, whereas a unit without its target
    would make OmegaT pre-fill the source or another language instead.

Reading
    :func:`read_tmx` reads any TMX (1.1 to 1.4, from any tool) into a
    :class:`TmxDocument` with a parser that expands no entities, loads no DTD,
    never touches the network, and refuses documents with an internal DTD
    subset (``<!ENTITY`` …) or over a size limit.  Languages are keyed by their
    primary subtag (``EN-US``, ``en_US``, ``en-us`` → ``en``; ``kz`` → ``kk``);
    the tag as written is kept.

    Inline markup in a ``<seg>`` becomes plain text this way: the content of
    ``<bpt>``, ``<ept>``, ``<it>``, ``<ph>`` and ``<ut>`` is the original
    document's native code (e.g. ``<b>`` or ``{1}``), not text, so it is
    dropped, with any ``<sub>`` inside it (a sub-flow of that code, such as
    an attribute's value); ``<hi>`` only highlights text, so its text is kept;
    text around the tags is kept as is (no whitespace is collapsed).  A
    variant that had markup says so (:attr:`Variant.had_markup`), so a
    translation memory can treat it as a weaker match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar, Protocol

from lxml import etree

from polyglot.cleaning import remove_controls, render_codes
from polyglot.errors import InputError
from polyglot.formats.base import OutputFile, OutputFormat, RunInfo
from polyglot.languages import normalise_lang_tag, render_lang_tag
from polyglot.model import Document, Origin, Segment, Translation
from polyglot.safe_xml import parse_xml_safely, stream_root

TMX_VERSION = "1.4"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The largest TMX :func:`read_tmx` reads unless told otherwise.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: ``YYYYMMDDThhmmssZ``, the TMX date format (always UTC).
TMX_DATE = "%Y%m%dT%H%M%SZ"

_INLINE_CODE = frozenset({"bpt", "ept", "it", "ph", "ut"})
_PSEUDO_NOTE = "pseudo-localisation: NOT a translation; do not use as a translation"
#: The ``<prop>`` type on a machine-made target ``<tuv>``: :func:`render_mt_fingerprint`
#: of its text.  A variant whose text still has this fingerprint was not edited.
MT_FINGERPRINT = "x-mt-sha256"


def render_mt_fingerprint(text: str) -> str:
    """The ``x-mt-sha256`` value of a ``<seg>`` text: SHA-256 of its UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- dates
# (language tags: polyglot.languages.normalise_lang_tag / render_lang_tag)


def render_tmx_date(moment: dt.datetime) -> str:
    """``20170911T083000Z``: the moment in UTC (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime(TMX_DATE)


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class DroppedUnit:
    """A segment left out of a TMX, and why."""

    segment_id: str
    reason: str

    def __str__(self) -> str:
        return f"segment {self.segment_id} left out of the TMX: {self.reason}"


@dataclass(frozen=True)
class RemovedChars:
    """Characters removed from one segment's text, prop or note."""

    segment_id: str | None  # None: the file's header
    lang: str | None  # None: the unit (or header) itself, not one language's <tuv>
    chars: tuple[str, ...]  # each removed character, in order
    part: str = "text"  # or where else: "prop x-term", "note"

    def __str__(self) -> str:
        codes = render_codes(self.chars)
        where = "the header" if self.segment_id is None else f"segment {self.segment_id}"
        details = [x for x in (self.lang, "" if self.part == "text" else self.part) if x]
        if details:
            where += f" ({', '.join(details)})"
        return f"{where}: removed {len(self.chars)} character(s) XML 1.0 does not allow ({codes})"


@dataclass
class TmxWriteReport:
    """What :func:`write_tmx` wrote, left out or changed."""

    units: int = 0
    dropped: list[DroppedUnit] = field(default_factory=list)
    removed: list[RemovedChars] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """Everything the user should hear about, one sentence each."""
        return [str(item) for item in [*self.dropped, *self.removed]]


def write_tmx(
    fp: IO[bytes],
    doc: Document,
    langs: list[str],
    *,
    source_lang: str,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
    complete_units: bool = True,
) -> TmxWriteReport:
    """Write ``doc`` as TMX 1.4b (UTF-8) to the binary file ``fp``.

    ``langs`` are the target languages the file holds (one for a per-pair
    file); every unit carries the source and all of them.  The output depends
    only on the arguments, so it is reproducible when ``now`` and
    ``tool_version`` are fixed.  ``complete_units=False`` (a translation
    memory's export) lets a unit carry only the languages it has, at least one.
    Units are serialised one at a time, so memory does not grow with the file.
    """
    paragraphs = {seg.id: p.index for p in doc.paragraphs for seg in p.segments}
    origins = {_origin(seg, lang) for seg in doc.segments() for lang in langs}
    return write_tmx_segments(
        fp,
        ((seg, paragraphs[seg.id]) for seg in doc.segments()),
        langs,
        doc_name=doc.name,
        source_lang=source_lang,
        region_tags=region_tags,
        now=now,
        tool_version=tool_version,
        complete_units=complete_units,
        pseudo=Origin.PSEUDO in origins,
    )


def write_tmx_segments(
    fp: IO[bytes],
    segments: Iterable[tuple[Segment, int]],
    langs: list[str],
    *,
    doc_name: str,
    source_lang: str,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
    complete_units: bool = True,
    pseudo: bool = False,
) -> TmxWriteReport:
    """:func:`write_tmx` for a stream of ``(segment, paragraph index)``: each unit is
    written and forgotten, so memory stays flat however many there are (a
    translation memory's export).  ``pseudo``: some text is pseudo-localised
    (the header then says so)."""
    report = TmxWriteReport()
    tags = {lang: render_lang_tag(lang, region_tags) for lang in [source_lang, *langs]}
    root = etree.Element("tmx", version=TMX_VERSION)
    header = etree.SubElement(
        root,
        "header",
        {
            "creationtool": "polyglot",
            "creationtoolversion": tool_version,
            "segtype": "sentence",
            "o-tmf": "polyglot",
            "adminlang": render_lang_tag("en", region_tags),  # polyglot's own notes are English
            "srclang": tags[source_lang],
            "datatype": "plaintext",
            "creationdate": render_tmx_date(now),
        },
    )
    doc_name = clean(doc_name, None, None, report, "prop x-document")  # the file's stem
    header.append(_make("prop", doc_name, type="x-document"))
    if pseudo:
        etree.SubElement(header, "note").text = _PSEUDO_NOTE
    etree.SubElement(root, "body")
    indent(root)
    # lxml's own declaration uses single quotes, which some older importers reject
    skeleton = etree.tostring(root, encoding="UTF-8", xml_declaration=False, doctype=DOCTYPE)
    head, _, tail = skeleton.partition(b"<body/>")
    fp.write(XML_DECLARATION + head)
    for seg, paragraph in segments:
        present = langs if complete_units else [la for la in langs if la in seg.translations]
        tu = _render_unit(seg, paragraph, doc_name, source_lang, present or langs, tags, report)
        if tu is None:
            continue
        fp.write(b"<body>\n    " if report.units == 0 else b"\n    ")
        indent(tu, 2)
        fp.write(etree.tostring(tu, encoding="UTF-8", with_tail=False))
        report.units += 1
    fp.write(b"\n  </body>" if report.units else b"<body/>")
    fp.write(tail + b"\n")
    return report


def _origin(seg: Segment, lang: str) -> Origin | None:
    tr = seg.translations.get(lang)
    return tr.origin if tr is not None else None


def _render_unit(
    seg: Segment,
    paragraph: int,
    doc_name: str,
    source_lang: str,
    langs: list[str],
    tags: dict[str, str],
    report: TmxWriteReport,
) -> etree._Element | None:
    """One ``<tu>``, or None (and a report entry) when a language would be empty."""
    source = clean(seg.source, seg.id, source_lang, report)
    targets: dict[str, tuple[str, Translation]] = {}
    for lang in langs:
        tr = seg.translations.get(lang)
        if tr is None:
            report.dropped.append(DroppedUnit(seg.id, f"no {lang} translation"))
            return None
        targets[lang] = (clean(tr.text, seg.id, lang, report), tr)
    if not source.strip():
        report.dropped.append(DroppedUnit(seg.id, "the source text is empty"))
        return None
    for lang, (text, _tr) in targets.items():
        if not text.strip():
            report.dropped.append(DroppedUnit(seg.id, f"the {lang} translation is empty"))
            return None

    tu = etree.Element("tu", tuid=seg.id)
    tu.append(_make("prop", doc_name, type="x-document"))  # cleaned once, in the header
    tu.append(_make("prop", str(paragraph), type="x-paragraph"))
    for text in [*seg.flags, *seg.notes]:
        tu.append(_make("note", clean(text, seg.id, None, report, "note")))
    _add_tuv(tu, tags[source_lang], source)
    for lang, (text, tr) in targets.items():
        tuv = _add_tuv(tu, tags[lang], text)
        _add_provenance(tuv, tr, text, seg.id, lang, report)
    return tu


def _add_tuv(tu: etree._Element, tag: str, text: str) -> etree._Element:
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: tag})
    etree.SubElement(tuv, "seg").text = text  # cleaned by the caller
    return tuv


def _add_provenance(
    tuv: etree._Element,
    tr: Translation,
    text: str,
    segment_id: str,
    lang: str,
    report: TmxWriteReport,
) -> None:
    """Props and notes go before ``<seg>`` (the DTD's order); ``text`` is the
    ``<seg>``'s text as written."""
    seg = tuv[-1]
    items: list[etree._Element] = []

    def prop(kind: str, value: str | None) -> None:
        if value:
            value = clean(value, segment_id, lang, report, f"prop {kind}")
            items.append(_make("prop", value, type=kind))

    def note(value: str) -> None:
        items.append(_make("note", clean(value, segment_id, lang, report, "note")))

    prop("x-origin", str(tr.origin))
    prop("x-engine", tr.engine)
    prop("x-model", tr.model)
    if tr.origin is not Origin.HUMAN:
        prop(MT_FINGERPRINT, render_mt_fingerprint(text))
    if tr.terms:
        prop("x-glossary", "compliant" if tr.compliant else "missing-terms")
        for term in tr.terms:
            prop("x-term", f"{term.status}: {term.source} = {term.expected}")
    if tr.origin is Origin.PSEUDO:
        note(_PSEUDO_NOTE)
    for issue in tr.issues:  # every check's findings, the glossary's among them
        note(issue.message)
    for text_note in tr.notes:
        note(text_note)
    for item in items:
        seg.addprevious(item)


def _make(tag: str, text: str, **attrs: str) -> etree._Element:
    """An element with ``text``, which must be clean already (lxml refuses control
    characters with a ValueError)."""
    element = etree.Element(tag, attrs)
    element.text = text
    return element


class RemovalReport(Protocol):
    """A write report that lists the characters a writer removed (TMX's, XLIFF's)."""

    removed: list[RemovedChars]


def clean(
    text: str, segment_id: str | None, lang: str | None, report: RemovalReport, part: str = "text"
) -> str:
    """``text`` without the characters XML 1.0 forbids or discourages (none belongs in a
    translation memory or an XLIFF file); removals are added to ``report``."""
    cleaned, removed = remove_controls(text)
    if removed:
        report.removed.append(RemovedChars(segment_id, lang, removed, part))
    return cleaned


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent element-only content; text-only elements (``seg``, ``prop``, ``note``,
    XLIFF's ``source`` and ``target``) keep their text exactly."""
    children = list(element)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


# --------------------------------------------------------------------------- reading


@dataclass
class TmxHeader:
    """A TMX ``<header>``: its attributes, props and notes."""

    srclang: str | None  # normalised ("en"); None when absent or "*all*"
    srclang_tag: str | None  # as written ("EN-US", "*all*")
    creationtool: str | None = None
    creationtoolversion: str | None = None
    segtype: str | None = None
    datatype: str | None = None
    adminlang: str | None = None
    creationdate: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)  # every attribute, as written
    props: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Variant:
    """One ``<tuv>``: a unit's text in one language, as plain text (never empty:
    the reader skips empty ``<seg>`` elements, with a warning)."""

    lang: str  # normalised: "en"
    tag: str  # as written: "EN-US"
    text: str  # inline markup flattened (see the module's docstring)
    had_markup: bool = False  # the <seg> held inline elements
    attrs: dict[str, str] = field(default_factory=dict)  # changedate, changeid, ...
    props: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    line: int | None = None
    #: Whether the file says a person confirmed this text (XLIFF ``state``): True
    #: (confirmed), False (not reviewed yet) or None (the file does not say: TMX).
    reviewed: bool | None = None


@dataclass
class TranslationUnit:
    """One ``<tu>``.  ``variants`` maps each normalised language to its text."""

    tuid: str | None
    variants: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # normalised -> tag as written
    props: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    line: int | None = None
    srclang: str | None = None  # the unit's own srclang, normalised, if it has one
    attrs: dict[str, str] = field(default_factory=dict)
    details: dict[str, Variant] = field(default_factory=dict)  # normalised -> the <tuv>


@dataclass
class TmxDocument:
    """A TMX file as read: header, units in file order, and what was odd about it."""

    version: str | None
    header: TmxHeader
    units: list[TranslationUnit] = field(default_factory=list)
    #: Problems the reader worked around (tuv without a language, duplicate
    #: languages in a unit ...), each with its line; the file was still read.
    warnings: list[str] = field(default_factory=list)
    path: str | None = None

    @property
    def srclang(self) -> str | None:
        """The normalised source language of the file."""
        return self.header.srclang

    def languages(self) -> list[str]:
        """Every normalised language some unit has, in first-seen order."""
        seen: dict[str, None] = {}
        for unit in self.units:
            for lang in unit.variants:
                seen.setdefault(lang, None)
        return list(seen)


def read_tmx(
    fp: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES, path: str | None = None
) -> TmxDocument:
    """Read a TMX file (binary ``fp``) safely; see the module docstring.

    ``path`` names the file in messages (default: ``fp.name``).  Raises
    :class:`~polyglot.errors.InputError`, with the line where known, for a file
    that is not well-formed XML, not TMX, unsafe, or larger than ``max_bytes``.
    """
    reader = TmxReader(fp, max_bytes=max_bytes, path=path)
    units = list(reader.units)
    return TmxDocument(
        version=reader.version,
        header=reader.header,
        units=units,
        warnings=reader.warnings,
        path=reader.path,
    )


class TmxReader:
    """A TMX file read unit by unit, in flat memory: the header at once, then
    :attr:`units` (iterate once) yields each ``<tu>`` and forgets it.

    Has what :class:`TmxDocument` has but ``languages()``: ``path``, ``version``,
    ``header``, ``srclang`` and ``warnings`` (complete once the units are read)."""

    def __init__(
        self, fp: IO[bytes], *, max_bytes: int | None = DEFAULT_MAX_BYTES, path: str | None = None
    ) -> None:
        self.path = path or str(getattr(fp, "name", "<tmx>"))
        self.warnings: list[str] = []
        self._events, root = stream_root(
            fp,
            self.path,
            max_bytes=max_bytes,
            hint="export the translation memory again from your CAT tool; TMX needs no <!ENTITY>",
            empty_hint="give a TMX file",
        )
        self._pending: tuple[str, etree._Element] | None = None
        if root.tag != "tmx":
            raise InputError(
                f"not a TMX file (the root element is <{root.tag}>, not <tmx>)",
                "give a .tmx translation memory",
                path=self.path,
                line=root.sourceline,
            )
        self._root = root
        self.version = root.get("version")
        self.header = TmxHeader(None, None)
        self._body_seen = False
        header_el = None
        for event, el in self._events:
            if event == "end" and el.tag == "header" and el.getparent() is root:
                header_el = el
                break
            if event == "start" and el.getparent() is root and el.tag != "header":
                self._pending = (event, el)  # no header before it
                break
        if header_el is not None:
            self.header = _read_header(header_el)
        else:
            self.warnings.append(f"{self.path}:{root.sourceline}: no <header>")

    @property
    def srclang(self) -> str | None:
        """The normalised source language of the file."""
        return self.header.srclang

    @property
    def units(self) -> Iterator[TranslationUnit]:
        """Each ``<tu>`` of the body, in file order (once)."""
        return (_read_unit(tu, self.path, self.warnings) for tu in self._unit_elements())

    def check_all(self) -> None:
        """Read the rest of the file without making units: its XML is checked whole
        (raises :class:`InputError` as :attr:`units` would), twice as fast."""
        for _tu in self._unit_elements():
            pass

    def _unit_elements(self) -> Iterator[etree._Element]:
        """Each ``<tu>`` element of the body, cleared once the caller has read it."""
        root = self._root
        events = self._events
        if self._pending is not None:
            events = itertools.chain([self._pending], events)
            self._pending = None
        for event, el in events:
            parent = el.getparent()
            if event == "start" and el.tag == "body" and parent is root:
                self._body_seen = True
            elif event == "end" and el.tag == "tu" and parent is not None and parent.tag == "body":
                if parent.getparent() is root:
                    yield el
                el.clear(keep_tail=False)
                while el.getprevious() is not None:
                    del parent[0]
        if not self._body_seen:
            self.warnings.append(f"{self.path}:{root.sourceline}: no <body>")


def parse_tmx_bytes(data: bytes, shown: str) -> etree._Element:
    """Parse a whole TMX file's bytes safely (:func:`~polyglot.safe_xml.parse_xml_safely`);
    the ``<tmx>`` root element."""
    root = parse_xml_safely(
        data,
        shown,
        "export the translation memory again from your CAT tool; TMX needs no <!ENTITY>",
        "give a TMX file",
    )
    if root.tag != "tmx":
        raise InputError(
            f"not a TMX file (the root element is <{root.tag}>, not <tmx>)",
            "give a .tmx translation memory",
            path=shown,
            line=root.sourceline,
        )
    return root


def _read_header(el: etree._Element) -> TmxHeader:
    attrs = _attrs(el)
    tag = attrs.get("srclang")
    return TmxHeader(
        srclang=normalise_lang_tag(tag) if tag and tag != "*all*" else None,
        srclang_tag=tag,
        creationtool=attrs.get("creationtool"),
        creationtoolversion=attrs.get("creationtoolversion"),
        segtype=attrs.get("segtype"),
        datatype=attrs.get("datatype"),
        adminlang=attrs.get("adminlang"),
        creationdate=attrs.get("creationdate"),
        attrs=attrs,
        props=_props(el),
        notes=_notes(el),
    )


def _read_unit(tu: etree._Element, shown: str, warnings: list[str]) -> TranslationUnit:
    attrs = _attrs(tu)
    srclang = attrs.get("srclang")
    unit = TranslationUnit(
        tuid=attrs.get("tuid"),
        props=_props(tu),
        notes=_notes(tu),
        line=tu.sourceline,
        srclang=normalise_lang_tag(srclang) if srclang and srclang != "*all*" else None,
        attrs=attrs,
    )
    for tuv in tu.iterchildren("tuv"):
        where = f"{shown}:{tuv.sourceline}"
        tag = tuv.get(XML_LANG) or tuv.get("lang")  # "lang": TMX 1.1 (OmegaT's project TM)
        seg = next(tuv.iterchildren("seg"), None)  # find() goes through ElementPath: slower
        if not tag:
            warnings.append(f"{where}: <tuv> without xml:lang, skipped")
            continue
        if seg is None:
            warnings.append(f"{where}: <tuv> without <seg>, skipped")
            continue
        lang = normalise_lang_tag(tag)
        text, had_markup = flatten_seg(seg)
        if not text.strip():
            warnings.append(f"{where}: empty <seg> for {tag!r}, skipped")
            continue
        if lang in unit.variants:
            warnings.append(f"{where}: a second {tag!r} variant in one unit, skipped")
            continue
        variant = Variant(
            lang=lang,
            tag=tag,
            text=text,
            had_markup=had_markup,
            attrs={k: v for k, v in _attrs(tuv).items() if k not in ("xml:lang", "lang")},
            props=_props(tuv),
            notes=_notes(tuv),
            line=tuv.sourceline,
        )
        unit.variants[lang] = text
        unit.tags[lang] = tag
        unit.details[lang] = variant
    return unit


def flatten_seg(seg: etree._Element) -> tuple[str, bool]:
    """A ``<seg>``'s plain text, and whether it held inline markup.

    Native code (``bpt``/``ept``/``it``/``ph``/``ut``, with any ``sub``) is
    dropped; ``hi`` and unknown elements keep their text; tails are kept.
    """
    parts: list[str] = [seg.text or ""]
    had_markup = False
    for child in seg:
        if not isinstance(child.tag, str):  # comment or processing instruction
            parts.append(child.tail or "")
            continue
        had_markup = True
        if child.tag not in _INLINE_CODE:
            parts.append(flatten_seg(child)[0])
        parts.append(child.tail or "")
    return "".join(parts), had_markup


def _attrs(el: etree._Element) -> dict[str, str]:
    result = {}
    for key, value in el.attrib.items():
        name = "xml:lang" if key == XML_LANG else str(key)
        result[name] = str(value)
    return result


def _props(el: etree._Element) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for prop in el.iterchildren("prop"):
        props.setdefault(prop.get("type") or "", []).append(prop.text or "")
    return props


def _notes(el: etree._Element) -> list[str]:
    return [note.text or "" for note in el.iterchildren("note")]


# --------------------------------------------------------------------------- output format


@dataclass(frozen=True)
class TmxOptions:
    """Options of the TMX output."""

    multilingual: bool = False  # also one TMX in which every unit has every language
    region_tags: bool = False  # en-US, kk-KZ, ru-RU, fr-FR instead of en, kk, ru, fr


class TmxFormat(OutputFormat):
    """``<stem>.<src>-<lang>.tmx`` per target (and ``<stem>.multilingual.tmx`` when
    asked); units left out and characters removed are reported as warnings."""

    name: ClassVar[str] = "tmx"
    Options: ClassVar[type] = TmxOptions

    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        options: TmxOptions = self.options
        created = dt.datetime.strptime(run.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        targets = [lr.lang for lr in run.languages]
        files = {f"{doc.name}.{doc.source_lang}-{lang}.tmx": [lang] for lang in targets}
        if options.multilingual and targets:
            files[f"{doc.name}.multilingual.tmx"] = targets

        def writer(langs: list[str]) -> Any:
            def write(fp: IO[bytes]) -> list[str]:
                report = write_tmx(
                    fp,
                    doc,
                    langs,
                    source_lang=doc.source_lang,
                    region_tags=options.region_tags,
                    now=created,
                    tool_version=run.tool_version,
                )
                return list(report.warnings)

            return write

        return [OutputFile(name, writer(langs), binary=True) for name, langs in files.items()]
