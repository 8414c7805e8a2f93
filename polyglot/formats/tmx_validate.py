"""Checking a TMX file: the TMX 1.4b DTD plus the rules CAT tools depend on.

The DTD is polyglot's vendored copy (``polyglot/data/tmx14.dtd``); a file's own
``<!DOCTYPE>`` is never followed.  On top of the DTD, a file must have what
OmegaT, Trados and memoQ need to import it as one language pair's memory:

- a header with ``srclang`` (a real language, spelled exactly as the source
  ``<tuv xml:lang>``), ``segtype="sentence"``, ``datatype="plaintext"``,
  ``o-tmf``, ``creationtool``, ``creationtoolversion``, ``adminlang`` and a
  UTC ``creationdate`` (``YYYYMMDDThhmmssZ``);
- well-formed language tags, never ``kz``, one spelling per language;
- units with a unique ``tuid``, the source language, every language of the
  file once, and no empty ``<seg>``;
- text without C1 controls, leftover escapes (``&amp;lt;``: escaped twice) or
  line breaks that pretty-printing put at either end of a ``<seg>``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lxml import etree

from polyglot.cleaning import DISCOURAGED_CHARS
from polyglot.errors import InputError, Problem
from polyglot.formats.tmx import (
    XML_LANG,
    flatten_seg,
    normalise_lang_tag,
    parse_tmx_bytes,
)
from polyglot.safe_xml import find_named_entities

_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3])[0-5]\d[0-5]\dZ$")
_ESCAPED_TWICE = re.compile(r"&(amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);")
_PRETTY_PRINTED = re.compile(r"\A[ \t]*\n|\n\s*\Z")
_REQUIRED_HEADER = {"segtype": "sentence", "datatype": "plaintext"}
_NONEMPTY_HEADER = ("creationtool", "creationtoolversion", "o-tmf", "adminlang", "creationdate")


@cache
def tmx_dtd() -> etree.DTD:
    """The TMX 1.4b DTD shipped with polyglot."""
    with resources.files("polyglot.data").joinpath("tmx14.dtd").open("rb") as fp:
        return etree.DTD(fp)


class _Note(str):
    """A finding that is not an error: valid TMX that polyglot would write otherwise
    (no ``tuid``, ``datatype="xml"``); CAT tools and ``tm import`` take it as it is."""

    __slots__ = ()


@dataclass
class TmxCheck:
    """What :func:`check_tmx` found: errors (not valid TMX 1.4b, or what breaks an
    import) and notes (valid, but not written the way polyglot writes TMX)."""

    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def check_tmx(data: bytes, path: str) -> TmxCheck:
    """Every finding in a TMX file's bytes, in line order, split into errors and notes.

    ``path`` names the file in the findings.  Nothing is raised for a bad file:
    a file that is not even well-formed XML gives one error.
    """
    try:
        root = parse_tmx_bytes(data, path)
    except InputError as exc:
        return TmxCheck([Problem(path, exc.line, _strip_location(exc, path))])
    found = sorted(
        [*_dtd_errors(root), *_rule_errors(root), *_entity_errors(data)],
        key=lambda f: (f[0] or 0, f[1]),
    )
    check = TmxCheck()
    for line, msg in found:
        (check.notes if isinstance(msg, _Note) else check.errors).append(
            Problem(path, line, str(msg))
        )
    return check


def validate_tmx(data: bytes, path: str) -> list[Problem]:
    """The errors in a TMX file's bytes, in line order (empty: valid, it will import);
    see :func:`check_tmx` for the notes too."""
    return check_tmx(data, path).errors


def _entity_errors(data: bytes) -> Iterator[tuple[int | None, str]]:
    """Named entities: the TMX DTD declares none, so other tools may drop the text."""
    for entity in find_named_entities(data):
        yield (
            entity.line,
            f"the named entity {entity} ({entity.text!r}) is not defined by TMX 1.4b: polyglot "
            "reads it, other tools may drop it; write the character itself",
        )


def _strip_location(exc: InputError, path: str) -> str:
    prefix = f"{path}:{exc.line}: " if exc.line is not None else f"{path}: "
    return exc.message.removeprefix(prefix)


def _dtd_errors(root: etree._Element) -> Iterator[tuple[int | None, str]]:
    dtd = tmx_dtd()
    if dtd.validate(root):
        return
    for entry in dtd.error_log:
        yield entry.line or None, f"not valid TMX 1.4b (DTD): {entry.message}"


class _Tags:
    """Language tags seen in the file, to check for one spelling per language."""

    def __init__(self) -> None:
        self.spellings: dict[str, Counter[str]] = {}
        self.first_line: dict[str, int | None] = {}

    def add(self, tag: str, line: int | None) -> None:
        self.spellings.setdefault(normalise_lang_tag(tag), Counter())[tag] += 1
        self.first_line.setdefault(tag, line)

    def errors(self) -> Iterator[tuple[int | None, str]]:
        for lang, spellings in self.spellings.items():
            if len(spellings) > 1:
                usual = spellings.most_common(1)[0][0]
                for tag in sorted(spellings):
                    if tag != usual:
                        yield (
                            self.first_line[tag],
                            (
                                f"language {lang!r} written {tag!r} here ({spellings[tag]}× in the "
                                f"file) but {usual!r} elsewhere: one spelling per file"
                            ),
                        )


def _rule_errors(root: etree._Element) -> Iterator[tuple[int | None, str]]:
    header = root.find("header")
    srclang = header.get("srclang") if header is not None else None
    if header is not None:
        yield from _header_errors(header)
    tags = _Tags()
    if srclang and header is not None:
        tags.add(srclang, header.sourceline)
    body = root.find("body")
    units = list(body.iterchildren("tu")) if body is not None else []
    file_langs = {
        normalise_lang_tag(lang)
        for tu in units
        for tuv in tu.iterchildren("tuv")
        if (lang := _lang(tuv))
    }
    seen_ids: dict[str, int] = {}
    for tu in units:
        yield from _unit_errors(tu, srclang, file_langs, seen_ids, tags)
    yield from tags.errors()


def _header_errors(header: etree._Element) -> Iterator[tuple[int | None, str]]:
    line = header.sourceline
    srclang = header.get("srclang")
    if srclang == "*all*":
        yield line, 'header srclang="*all*": name the source language (OmegaT needs it)'
    elif srclang is not None:
        yield from ((line, f"header srclang: {msg}") for msg in _tag_errors(srclang))
    for name, value in _REQUIRED_HEADER.items():
        if header.get(name) not in (None, value):
            yield (
                line,
                _Note(f'header {name}={header.get(name)!r}: polyglot writes {name}="{value}"'),
            )
    for name in _NONEMPTY_HEADER:
        if not (header.get(name) or "").strip():
            yield line, _Note(f"header {name} is missing or empty")
    adminlang = header.get("adminlang")
    if adminlang:
        yield from ((line, _Note(f"header adminlang: {msg}")) for msg in _tag_errors(adminlang))
    created = header.get("creationdate")
    if created and not _DATE.match(created):
        yield line, _Note(f"header creationdate={created!r} is not a UTC date YYYYMMDDThhmmssZ")


def _unit_errors(
    tu: etree._Element,
    srclang: str | None,
    file_langs: set[str],
    seen_ids: dict[str, int],
    tags: _Tags,
) -> Iterator[tuple[int | None, str]]:
    line = tu.sourceline
    tuid = tu.get("tuid")
    name = f"unit {tuid!r}" if tuid else "unit"
    if not tuid:
        yield line, _Note("unit without a tuid")
    elif tuid in seen_ids:
        yield line, f"{name}: tuid already used on line {seen_ids[tuid]}"
    else:
        seen_ids[tuid] = line or 0
    unit_src = tu.get("srclang")
    if unit_src and srclang and unit_src != srclang:
        yield line, f"{name}: srclang={unit_src!r} differs from the header's {srclang!r}"
    present: dict[str, str] = {}
    for tuv in tu.iterchildren("tuv"):
        tag = _lang(tuv)
        if not tag:
            continue  # the DTD reports the missing xml:lang
        tags.add(tag, tuv.sourceline)
        for msg in _tag_errors(tag):
            yield tuv.sourceline, f"{name}: xml:lang={tag!r}: {msg}"
        lang = normalise_lang_tag(tag)
        if lang in present:
            yield tuv.sourceline, f"{name}: a second {lang!r} variant ({tag!r})"
        present.setdefault(lang, tag)
        seg = tuv.find("seg")
        if seg is not None:
            yield from _seg_errors(seg, f"{name} ({tag})")
    if srclang and srclang != "*all*" and srclang not in present.values():
        yield line, f"{name}: no <tuv xml:lang={srclang!r}> (the header's srclang, exactly)"
    for lang in sorted(file_langs - set(present)):
        yield (
            line,
            (
                f"{name}: no {lang!r} variant, though other units have one "
                "(OmegaT would fill that language with another one's text)"
            ),
        )


def _seg_errors(seg: etree._Element, name: str) -> Iterator[tuple[int | None, str]]:
    line = seg.sourceline
    text, _markup = flatten_seg(seg)
    if not text.strip():
        yield line, f"{name}: empty <seg>"
        return
    if _PRETTY_PRINTED.search(text):
        yield line, f"{name}: <seg> starts or ends with a line break (pretty-printing?)"
    for char in sorted(set(DISCOURAGED_CHARS.findall(text))):
        yield line, f"{name}: control character U+{ord(char):04X} in the text"
    escaped = _ESCAPED_TWICE.search(text)
    if escaped:
        yield line, f"{name}: {escaped.group(0)!r} in the text: escaped twice?"


def _tag_errors(tag: str) -> list[str]:
    if not _TAG.match(tag):
        return ["not a language tag (e.g. en, kk-KZ)"]
    primary = tag.split("-", 1)[0].lower()
    if primary == "kz":
        return ["'kz' is Kazakhstan's country code; the Kazakh language is 'kk'"]
    if primary != normalise_lang_tag(primary):
        return [f"write {normalise_lang_tag(primary)!r}, the ISO 639-1 code"]
    if not _known_language(primary):
        return [f"unknown language {primary!r}"]
    return []


@cache
def _known_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _lang(tuv: etree._Element) -> str | None:
    return tuv.get(XML_LANG) or tuv.get("lang")
