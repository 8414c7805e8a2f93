"""Exchange with CAT tools: TBX-Basic (OmegaT, Trados MultiTerm, memoQ) and OmegaT's
tab-separated glossary.  Read/write pairs on file objects.

TBX is written as TBX-Basic in the ISO 30042:2008 (``martif``) form that these
tools import; reading also accepts TBX v3 (``conceptEntry``/``langSec``).
polyglot's own columns (type, case_sensitive, do_not_translate) travel in an
entry ``<note>`` that starts with ``polyglot:``, so a round trip keeps them.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from lxml import etree

from polyglot.errors import InputError
from polyglot.glossary.model import ENTRY_TYPES, Entry, Glossary
from polyglot.safe_xml import parse_xml_safely

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FLAGS_PREFIX = "polyglot:"


def _flags_note(entry: Entry) -> str:
    parts = [f"type={entry.type}"]
    if entry.case_sensitive:
        parts.append("case_sensitive=yes")
    if entry.do_not_translate:
        parts.append("do_not_translate=yes")
    return f"{_FLAGS_PREFIX} " + "; ".join(parts)


def _read_flags(text: str, entry: Entry) -> None:
    for part in text[len(_FLAGS_PREFIX) :].split(";"):
        key, _, value = part.strip().partition("=")
        if key == "type" and value in ENTRY_TYPES:
            entry.type = value
        elif key == "case_sensitive":
            entry.case_sensitive = value == "yes"
        elif key == "do_not_translate":
            entry.do_not_translate = value == "yes"


def write_tbx(fp: IO[bytes], glossary: Glossary, title: str = "polyglot glossary") -> None:
    """Write the glossary as TBX-Basic (UTF-8 XML)."""
    martif = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(martif, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title").text = title
    etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p").text = (
        Path(glossary.path).name if glossary.path else "polyglot"
    )
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(martif, "text"), "body")
    for number, entry in enumerate(glossary.entries, start=1):
        term_entry = etree.SubElement(body, "termEntry", id=f"c{number}")
        if entry.note:
            etree.SubElement(term_entry, "note").text = entry.note
        etree.SubElement(term_entry, "note").text = _flags_note(entry)
        for lang in ["en", *glossary.langs]:
            form = entry.en if lang == "en" else entry.target(lang)
            if not form:
                continue
            lang_set = etree.SubElement(term_entry, "langSet", {XML_LANG: lang})
            tig = etree.SubElement(lang_set, "tig")
            etree.SubElement(tig, "term").text = form
            etree.SubElement(tig, "termNote", type="partOfSpeech").text = (
                "properNoun" if entry.type != "title" else "noun"
            )
            etree.SubElement(
                tig, "termNote", type="administrativeStatus"
            ).text = "preferredTerm-admn-sts"
    # the declaration in double quotes: some CAT tools' readers expect exactly that
    fp.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    fp.write(b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n')
    fp.write(etree.tostring(martif, encoding="UTF-8", pretty_print=True))


def read_tbx(fp: IO[bytes], path: str = "glossary.tbx") -> Glossary:
    """Read TBX (v2 ``martif`` or v3 ``tbx``): one entry per concept with an English term."""
    root = parse_xml_safely(
        fp.read(),
        path,
        "export the termbase again from your CAT tool; TBX needs no <!ENTITY>",
        "give the .tbx file your CAT tool exported",
    )
    name = etree.QName(root).localname
    if name not in ("martif", "tbx"):
        raise InputError(
            f"not a TBX file: its root element is <{name}>, not <martif> (TBX 2) or <tbx> (TBX 3)",
            "give the .tbx file your CAT tool exported (for an OmegaT glossary: --format omegat)",
            path=path,
        )
    glossary = Glossary(path=path)
    concepts = 0
    for concept in root.iter("{*}termEntry", "{*}conceptEntry"):
        concepts += 1
        entry = Entry(en="", line=concept.sourceline)
        for note in concept.findall("{*}note"):
            text = (note.text or "").strip()
            if text.startswith(_FLAGS_PREFIX):
                _read_flags(text, entry)
            elif text:
                entry.note = f"{entry.note}; {text}" if entry.note else text
        for lang_set in concept.iter("{*}langSet", "{*}langSec"):
            lang = (lang_set.get(XML_LANG) or "").split("-")[0].split("_")[0].lower()
            term = lang_set.find(".//{*}term")
            form = " ".join((term.text or "").split()) if term is not None else ""
            if not lang or not form:
                continue
            if lang == "en":
                entry.en = entry.en or form
            else:
                entry.targets.setdefault(lang, form)
                if lang not in glossary.langs:
                    glossary.langs.append(lang)
        if entry.en:
            glossary.entries.append(entry)
    if concepts and not glossary.entries:
        raise InputError(
            f"none of its {concepts} concept(s) has an English term (xml:lang 'en')",
            "export the termbase with English as one of its languages",
            path=path,
        )
    return glossary


def write_omegat(fp: IO[str], glossary: Glossary, lang: str) -> None:
    """OmegaT's glossary for one target language: ``source<TAB>target<TAB>comment``."""
    fp.write(f"# polyglot glossary, en -> {lang}\n")
    for entry in glossary.entries:
        form = entry.target(lang)
        if not form:
            continue
        comment = entry.note.replace("\t", " ").replace("\n", " ")
        fp.write(f"{entry.en}\t{form}\t{comment}\n" if comment else f"{entry.en}\t{form}\n")


def read_omegat(fp: IO[str], lang: str, path: str = "glossary.txt") -> Glossary:
    """Read an OmegaT glossary whose targets are in ``lang``."""
    glossary = Glossary(langs=[lang], path=path)
    for number, line in enumerate(fp, start=1):
        line = line.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise InputError(
                "expected 'source<TAB>target[<TAB>comment]'",
                "OmegaT glossaries are tab-separated UTF-8 text",
                path=path,
                line=number,
            )
        entry = Entry(en=" ".join(cells[0].split()), line=number)
        entry.targets[lang] = " ".join(cells[1].split())
        entry.note = cells[2].strip() if len(cells) > 2 else ""
        glossary.entries.append(entry)
    return glossary
