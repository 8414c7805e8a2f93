"""Parsing XML that users give us (TMX, TBX) safely, whole or streamed.

Rules, the same for every reader:

* Nothing is fetched: no DTD is loaded, no network used; a file's own
  ``<!DOCTYPE ... SYSTEM "...">`` is never followed.
* A file that declares entities or has an internal DTD subset is refused
  (entity expansion attacks, external files).
* Named entity references are never dropped.  Files exported by CAT tools
  sometimes use HTML's names (``caf&eacute;``) while naming a DTD that declares
  none; polyglot resolves every HTML named entity (``html.entities.html5``) to
  its characters, in text and attributes alike, by declaring them itself, and
  refuses a file using any other name, naming the entity and its line.
* libxml2's limits on depth and text size stay on (no ``huge_tree``).

:func:`parse_xml_safely` parses bytes into a tree; :func:`iterparse_safely`
streams a file object element by element, in flat memory when the caller
clears what it has read.  :func:`find_named_entities` lists the named
references a file uses, for ``tmx validate``.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import IO

from lxml import etree

from polyglot.errors import InputError

#: XML's own entities, which every parser knows.
XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
#: Bytes read per step when streaming.
CHUNK = 1 << 16

_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+[^>\[]*>")
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
_ROOT_NAME = re.compile(r"<([^\s/>!?]+)")
_ENTITY_REF = re.compile(rb"&([A-Za-z_:][-A-Za-z0-9._:]*);")
_UNDEFINED = re.compile(r"Entity '([^']+)' not defined")


@dataclass(frozen=True)
class NamedEntity:
    """A named entity reference in a file: ``&eacute;`` on line 12."""

    name: str
    line: int
    text: str | None  # what it stands for; None: not an HTML entity either

    def __str__(self) -> str:
        return f"&{self.name};"


def html_entity_text(name: str) -> str | None:
    """The characters HTML's named entity ``name`` stands for (None: not one)."""
    return html.entities.html5.get(f"{name};")


@cache
def _entity_declarations() -> str:
    """Every HTML named entity as an internal DTD declaration, on one line.

    ``&`` and ``<`` are escaped twice: a declaration's value is parsed again
    where the entity is used."""
    parts = []
    for key, value in sorted(html.entities.html5.items()):
        name = key[:-1]
        if not key.endswith(";") or name in XML_ENTITIES:
            continue
        refs = "".join(
            "&#38;#38;" if ch == "&" else "&#38;#60;" if ch == "<" else f"&#x{ord(ch):X};"
            for ch in value
        )
        parts.append(f'<!ENTITY {name} "{refs}">')
    return "".join(parts)


def safe_parser() -> etree.XMLParser:
    """An lxml parser that expands only entities polyglot declared itself, loads no DTD,
    never uses the network and keeps libxml2's limits on depth and text size."""
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def parse_xml_safely(
    data: bytes,
    shown: str,
    hint: str = "export the file again; it needs no <!ENTITY>",
    empty_hint: str = "give the file again",
) -> etree._Element:
    """Parse XML bytes under the module's rules; the root element.

    Raises :class:`InputError` (with ``hint`` for a refused DTD) naming the line.
    """
    if not data.strip():
        raise InputError("the file is empty", empty_hint, path=shown)
    prepared = _prepare_head(data, shown, hint)
    try:
        return etree.fromstring(prepared, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, shown) from None


def iterparse_safely(
    fp: IO[bytes],
    shown: str,
    *,
    events: tuple[str, ...] = ("start", "end"),
    max_bytes: int | None = None,
    hint: str = "export the file again; it needs no <!ENTITY>",
    empty_hint: str = "give the file again",
) -> Iterator[tuple[str, etree._Element]]:
    """Stream ``(event, element)`` pairs from a binary file object under the module's
    rules.  Clear elements once read (``element.clear()`` and delete earlier
    siblings) to keep memory flat.  ``max_bytes`` refuses longer files."""
    parser = etree.XMLPullParser(
        events=events,
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    head = _read(fp, CHUNK)
    total = len(head)
    _check_size(total, max_bytes, shown)
    if not head.strip():
        raise InputError("the file is empty", empty_hint, path=shown)
    chunk = _prepare_head(head, shown, hint)
    try:
        while chunk:
            parser.feed(chunk)
            yield from parser.read_events()
            chunk = _read(fp, CHUNK)
            total += len(chunk)
            _check_size(total, max_bytes, shown)
        parser.close()
        yield from parser.read_events()
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, shown) from None


def stream_root(
    fp: IO[bytes],
    shown: str,
    *,
    max_bytes: int | None,
    hint: str,
    empty_hint: str,
) -> tuple[Iterator[tuple[str, etree._Element]], etree._Element]:
    """What a streaming reader opens with: :func:`iterparse_safely`'s ``start``/``end``
    events and the root element (the first start).  A file with no element at all is an
    :class:`InputError` (``empty_hint`` says what to give instead)."""
    events = iterparse_safely(
        fp, shown, events=("start", "end"), max_bytes=max_bytes, hint=hint, empty_hint=empty_hint
    )
    first = next(events, None)
    if first is None:
        raise InputError("the file holds no XML element", empty_hint, path=shown)
    return events, first[1]


def find_named_entities(data: bytes) -> list[NamedEntity]:
    """Named entity references other than XML's five, each name once, at its first line
    (UTF-8 and 8-bit encodings; CDATA and comments are not told apart)."""
    found: dict[str, NamedEntity] = {}
    for match in _ENTITY_REF.finditer(data):
        name = match.group(1).decode("ascii", errors="replace")
        if name in XML_ENTITIES or name in found:
            continue
        line = data.count(b"\n", 0, match.start()) + 1
        found[name] = NamedEntity(name, line, html_entity_text(name))
    return list(found.values())


def _check_size(total: int, max_bytes: int | None, shown: str) -> None:
    if max_bytes is not None and total > max_bytes:
        raise InputError(
            f"the file is larger than {max_bytes} bytes",
            "split the file, or raise the size limit",
            path=shown,
        )


def _read(fp: IO[bytes], size: int) -> bytes:
    data = fp.read(size)
    if isinstance(data, str):
        raise TypeError("XML must be read from a binary file object (open it with 'rb')")
    return data


def _prepare_head(data: bytes, shown: str, hint: str) -> bytes:
    """Refuse declared entities; give the document polyglot's own internal subset
    declaring the HTML entities, in place of its DOCTYPE (same line count)."""
    codec, text = _decode_head(data)
    prolog = _prolog(text)
    if "<!ENTITY" in prolog or _INTERNAL_SUBSET.search(prolog):
        raise InputError(
            "the file declares entities or an internal DTD subset, which polyglot refuses "
            "(entity expansion attacks, external files)",
            hint,
            path=shown,
            line=prolog[: prolog.index("<!")].count("\n") + 1,
        )
    root = _ROOT_NAME.match(text, len(prolog))
    if root is None:
        return data  # no element: the parser says what is wrong
    doctype = _DOCTYPE.search(prolog)
    if doctype is not None:
        start, end = doctype.span()
        newlines = "\n" * prolog.count("\n", start, end)
    else:
        declaration = _XML_DECLARATION.match(prolog.lstrip("\ufeff\xef\xbb\xbf"))
        start = end = (
            prolog.index(declaration.group(0)) + len(declaration.group(0))
            if declaration is not None
            else len(prolog) - len(prolog.lstrip("\ufeff\xef\xbb\xbf"))
        )
        newlines = ""
    subset = f"<!DOCTYPE {root.group(1)} [{_entity_declarations()}{newlines}]>"
    width = 1 if codec == "latin-1" else 2
    skip = 2 if codec != "latin-1" and data[:2] in (b"\xff\xfe", b"\xfe\xff") else 0
    return data[: skip + start * width] + subset.encode(codec) + data[skip + end * width :]


def _decode_head(data: bytes) -> tuple[str, str]:
    """The codec markup is spelt in (for offsets) and the head of the file decoded with it."""
    head = data[:CHUNK]
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le", head[2:].decode("utf-16-le", errors="replace")
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be", head[2:].decode("utf-16-be", errors="replace")
    if head.startswith(b"<\x00"):
        return "utf-16-le", head.decode("utf-16-le", errors="replace")
    if head.startswith(b"\x00<"):
        return "utf-16-be", head.decode("utf-16-be", errors="replace")
    # UTF-8 and the 8-bit encodings all spell markup in ASCII
    return "latin-1", head.decode("latin-1")


def _prolog(text: str) -> str:
    """The text before the first element."""
    match = re.search(r"<(?![?!])", text)
    return text[: match.start()] if match else text


def _syntax_error(exc: etree.XMLSyntaxError, shown: str) -> InputError:
    undefined = _UNDEFINED.search(exc.msg or "")
    if undefined is not None:
        name = undefined.group(1)
        return InputError(
            f"the file uses the entity &{name};, which neither XML nor HTML defines: "
            "its text cannot be read without losing characters",
            f"replace &{name}; with the characters it stands for, or export the file again",
            path=shown,
            line=exc.lineno or None,
        )
    return InputError(
        f"not well-formed XML: {exc.msg}",
        "repair the file, or export it again from your CAT tool",
        path=shown,
        line=exc.lineno or None,
    )
