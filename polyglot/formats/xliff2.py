"""XLIFF 2.0: the same pre-segmented article as :mod:`polyglot.formats.xliff`, in OASIS XLIFF 2.0.

Writing
    :func:`write_xliff2` writes one file per target language (XLIFF 2.0 holds one
    language pair): each paragraph a ``<group type="polyglot:paragraph">``, each
    segment a ``<unit>`` whose ``id`` is polyglot's segment id, holding one
    ``<segment>``.  XLIFF 2.0 has four states; the machine's text is ``initial``
    (nobody has looked at it), a human translation ``translated``, and the
    ``subState`` says where the text came from (``polyglot:leveraged-mt``, ...).
    Provenance is Metadata-module data (``<mda:metaGroup category="polyglot">``
    with ``origin``, ``engine``, ``model`` and ``mt-sha256``), glossary results
    and QA findings are ``<note>``\\ s.

Reading
    :func:`read_xliff2` gives the records :func:`~polyglot.formats.xliff.read_xliff`
    gives for XLIFF 1.2 (``read_xliff`` reads both: it hands 2.0 files over);
    ``translated``, ``reviewed`` and ``final`` mean a person confirmed the
    target, ``initial`` that nobody did.  Inline ``<pc>`` and ``<mrk>`` keep their
    text, ``<cp hex="…"/>`` is its character, placeholders are dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import IO

from lxml import etree

from polyglot.errors import InputError
from polyglot.formats.tmx import (
    MT_FINGERPRINT,
    XML_DECLARATION,
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

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
_X = f"{{{XLIFF2_NS}}}"
_M = f"{{{MDA_NS}}}"
_NSMAP = {None: XLIFF2_NS, "mda": MDA_NS}

#: origin -> (state, subState) of the ``<segment>``.
STATES: dict[Origin, tuple[str, str]] = {
    Origin.MT: ("initial", "polyglot:leveraged-mt"),
    Origin.TM: ("initial", "polyglot:leveraged-tm"),
    Origin.GLOSSARY: ("initial", "polyglot:leveraged-glossary"),
    Origin.HUMAN: ("translated", "polyglot:human"),
    Origin.PSEUDO: ("initial", "polyglot:pseudo"),
}
CONFIRMED_STATES = frozenset({"translated", "reviewed", "final"})
_META_PROPS = {"origin": "x-origin", "engine": "x-engine", "model": "x-model"}
_META_PROPS["mt-sha256"] = MT_FINGERPRINT
#: Inline elements that keep their text; the others are placeholders for codes.
_TEXT_INLINE = frozenset({"pc", "mrk"})


def write_xliff2(
    fp: IO[bytes],
    doc: Document,
    lang: str,
    *,
    source_lang: str,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
) -> XliffWriteReport:
    """Write ``doc`` and its ``lang`` translation as XLIFF 2.0 (UTF-8) to ``fp``.

    Deterministic given ``now`` and ``tool_version`` (XLIFF 2.0 has no date; they
    are kept for the same signature as XLIFF 1.2).  Paragraphs are serialised one at
    a time.
    """
    del now  # XLIFF 2.0 has no place for the date
    report = XliffWriteReport()
    root = etree.Element(
        _X + "xliff",
        {
            "version": "2.0",
            "srcLang": render_lang_tag(source_lang, region_tags),
            "trgLang": render_lang_tag(lang, region_tags),
        },
        nsmap=_NSMAP,
    )
    file_el = etree.SubElement(
        root, _X + "file", {"id": "f1", "original": clean(doc.name, None, None, report, "original")}
    )
    meta = etree.SubElement(etree.SubElement(file_el, _M + "metadata"), _M + "metaGroup")
    meta.set("category", "polyglot")
    etree.SubElement(meta, _M + "meta", type="tool").text = "polyglot"
    etree.SubElement(meta, _M + "meta", type="tool-version").text = tool_version
    if any((tr := s.translations.get(lang)) and tr.origin is Origin.PSEUDO for s in doc.segments()):
        notes = etree.SubElement(file_el, _X + "notes")
        etree.SubElement(notes, _X + "note", priority="1").text = PSEUDO_NOTE
    etree.SubElement(file_el, _X + "body")  # a placeholder: paragraphs are written in its place
    indent(root)
    head, _, tail = etree.tostring(root, encoding="UTF-8").partition(b"<body/>")
    fp.write(XML_DECLARATION + head.rstrip(b" "))
    for paragraph in doc.paragraphs:
        group = _render_paragraph(paragraph, lang, report)
        indent(group, 2)
        fp.write(b"    " + without_declarations(etree.tostring(group, encoding="UTF-8")) + b"\n")
    fp.write(b"  " + tail.lstrip(b"\n ") + b"\n")
    return report


def _render_paragraph(paragraph: Paragraph, lang: str, report: XliffWriteReport) -> etree._Element:
    attrs = {"id": f"p{paragraph.index}", "type": "polyglot:paragraph"}
    group = etree.Element(_X + "group", attrs, nsmap=_NSMAP)
    for seg in paragraph.segments:
        group.append(_render_unit(seg, lang, report))
        report.units += 1
    return group


def _render_unit(seg: Segment, lang: str, report: XliffWriteReport) -> etree._Element:
    unit = etree.Element(_X + "unit", {"id": seg.id, XML_SPACE: "preserve"})
    if seg.kind is SegmentKind.DATELINE:
        unit.set("type", "polyglot:dateline")
    tr = seg.translations.get(lang)
    target_text = clean(tr.text, seg.id, lang, report) if tr is not None else ""
    if tr is not None and target_text.strip():
        _render_metadata(unit, seg.id, lang, tr, target_text, report)
    notes = [(text, "source", 5) for text in [*seg.flags, *seg.notes]]
    if tr is not None and target_text.strip():
        notes += render_notes(tr)
    if notes:
        notes_el = etree.SubElement(unit, _X + "notes")
        for text, applies_to, priority in notes:
            attrs = {"appliesTo": applies_to, "priority": str(priority)}
            note = etree.SubElement(notes_el, _X + "note", attrs)
            note.text = clean(text, seg.id, lang, report, "note")
    segment = etree.SubElement(unit, _X + "segment")
    etree.SubElement(segment, _X + "source").text = clean(seg.source, seg.id, None, report)
    if tr is not None and target_text.strip():
        state, sub_state = STATES[tr.origin]
        segment.set("state", state)
        segment.set("subState", sub_state)
        etree.SubElement(segment, _X + "target").text = target_text
    return unit


def _render_metadata(
    unit: etree._Element,
    segment_id: str,
    lang: str,
    tr: Translation,
    text: str,
    report: XliffWriteReport,
) -> None:
    group = etree.SubElement(etree.SubElement(unit, _M + "metadata"), _M + "metaGroup")
    group.set("category", "polyglot")
    group.set("appliesTo", "target")
    values = {"origin": str(tr.origin), "engine": tr.engine, "model": tr.model}
    if tr.origin is not Origin.HUMAN:
        values["mt-sha256"] = render_mt_fingerprint(text)
    for name, value in values.items():
        if value:
            meta = etree.SubElement(group, _M + "meta", type=name)
            meta.text = clean(value, segment_id, lang, report, f"meta {name}")


# --------------------------------------------------------------------------- reading


def read_xliff2_root(root: etree._Element, shown: str) -> TmxDocument:
    """The records of a parsed XLIFF 2.0 document (see the module docstring)."""
    src_tag = root.get("srcLang")
    tgt_tag = root.get("trgLang")
    if not src_tag:
        raise InputError(
            "the XLIFF 2.0 file has no srcLang", "export the file again", path=shown, line=1
        )
    header = TmxHeader(srclang=normalise_lang_tag(src_tag), srclang_tag=src_tag, attrs={})
    doc = TmxDocument(version="xliff-2.0", header=header, path=shown)
    for file_el in root.iterfind(_X + "file"):
        for unit_el in file_el.iter(_X + "unit"):
            doc.units.extend(_read_unit(unit_el, file_el, src_tag, tgt_tag))
    return doc


def _read_unit(
    unit_el: etree._Element, file_el: etree._Element, src_tag: str, tgt_tag: str | None
) -> list[TranslationUnit]:
    props: dict[str, list[str]] = {}
    for meta in unit_el.iterfind(f"{_M}metadata/{_M}metaGroup[@category='polyglot']/{_M}meta"):
        name = _META_PROPS.get(meta.get("type") or "")
        if name and meta.text:
            props[name] = [meta.text]
    segments = unit_el.findall(_X + "segment")
    units = []
    for number, segment in enumerate(segments, start=1):
        source_el = segment.find(_X + "source")
        if source_el is None:
            continue
        tuid = unit_el.get("id")
        if len(segments) > 1:
            tuid = f"{tuid}/{segment.get('id') or number}"
        unit = TranslationUnit(
            tuid=tuid,
            props={"x-document": [file_el.get("original") or ""]},
            line=unit_el.sourceline,
            srclang=normalise_lang_tag(src_tag),
            attrs={str(k): str(v) for k, v in unit_el.attrib.items()},
        )
        text, markup = flatten_inline2(source_el)
        src = normalise_lang_tag(src_tag)
        add_variant(unit, Variant(src, src_tag, text, markup, line=source_el.sourceline))
        target_el = segment.find(_X + "target")
        if target_el is not None and tgt_tag:
            text, markup = flatten_inline2(target_el)
            if text.strip():
                state = segment.get("state") or "initial"
                variant = Variant(
                    normalise_lang_tag(tgt_tag),
                    tgt_tag,
                    text,
                    markup,
                    attrs={"state": state},
                    props=dict(props) if len(segments) == 1 else {},
                    line=target_el.sourceline,
                    reviewed=state in CONFIRMED_STATES,
                )
                add_variant(unit, variant)
        units.append(unit)
    return units


def flatten_inline2(element: etree._Element) -> tuple[str, bool]:
    """The plain text of an XLIFF 2.0 ``<source>``/``<target>``, and whether it held
    inline elements."""
    parts: list[str] = [element.text or ""]
    had_markup = False
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        had_markup = True
        name = etree.QName(child).localname
        if name in _TEXT_INLINE:
            parts.append(flatten_inline2(child)[0])
        elif name == "cp":
            with contextlib.suppress(ValueError):  # a broken code point is no text
                parts.append(chr(int(child.get("hex") or "", 16)))
        parts.append(child.tail or "")
    return "".join(parts), had_markup
