"""Reading articles into a :class:`~polyglot.model.Document`.

The seed text format: an optional `` date YYYY-MM-DD`` header, then the
article, whose first paragraph may open with a wire dateline
(``ASTANA. KAZINFORM``); paragraphs are separated by blank lines.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

from polyglot.cleaning import remove_controls
from polyglot.errors import InputError
from polyglot.model import Document, Paragraph, Segment, SegmentKind
from polyglot.segment import find_dateline, split_sentences

_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_NEWLINES = re.compile(r"\r\n?")


def decode_article(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode an article's bytes, with clear errors for what is not text.

    UTF-8 (with or without BOM) by default; UTF-16 when it starts with a BOM;
    otherwise the encoding the user names.
    """
    if not data.strip():
        raise InputError(
            "the file is empty" if not data else "the file holds only whitespace",
            "give an article in plain text (UTF-8)",
            path=path,
        )
    codec = encoding or "utf-8-sig"
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    elif encoding is None and b"\x00" in data[:8192]:
        raise InputError(
            "this looks like a binary file, not text (it contains NUL bytes)",
            "give an article in plain text (UTF-8)",
            path=path,
        )
    try:
        return data.decode(codec).removeprefix("\ufeff")  # a BOM, even with --encoding utf-8
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}", "name a Python codec such as cp1251", path=path
        ) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        shown = "UTF-8" if codec == "utf-8-sig" else codec
        message = f"not valid {shown} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        if encoding is None:
            guess, label = guess_legacy_encoding(data)
            message += f"; it looks like {label} text"
            hint = f"save the file as UTF-8, or run again with --encoding {guess}"
        else:
            hint = "check the encoding you named with --encoding"
        raise InputError(message, hint, path=path, line=line) from None


def guess_legacy_encoding(data: bytes) -> tuple[str, str]:
    """Which 8-bit encoding non-UTF-8 text most likely uses: (codec, description).

    Wire copy that is not UTF-8 is nearly always Windows-1251 (Cyrillic) or
    Windows-1252/Latin-1 (Western European).  Read as Windows-1251, Cyrillic
    text gives words of Cyrillic letters, while accented Latin text gives
    Latin words with a stray Cyrillic letter in them ("franзais").
    """
    words = re.findall(r"\w+", data.decode("cp1251", errors="replace"))
    cyrillic = [w for w in words if any("\u0400" <= ch <= "\u04ff" for ch in w)]
    mixed = [w for w in cyrillic if any("a" <= ch.lower() <= "z" for ch in w)]
    if cyrillic and len(mixed) <= len(cyrillic) / 2:
        return "cp1251", "Windows-1251 (Cyrillic)"
    if any(b in _UNDEFINED_IN_CP1252 for b in data):
        return "latin-1", "ISO-8859-1 (Latin-1)"
    return "cp1252", "Windows-1252 (Western European)"


_UNDEFINED_IN_CP1252 = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _remove_controls(text: str) -> tuple[str, list[str]]:
    """Remove control characters (:func:`polyglot.cleaning.remove_controls`); the warning
    says how many and on which first line."""
    cleaned, removed = remove_controls(text)
    if not removed:
        return text, []
    line = text.count("\n", 0, text.index(removed[0])) + 1
    return cleaned, [f"removed {len(removed)} control character(s), the first on line {line}"]


def read_article(
    text: str, name: str = "article", lang: str = "en", path: str | None = None
) -> Document:
    """Parse an article in the seed text format into a segmented Document.

    ``path`` only names the input in error messages (default: ``name``).
    """
    shown = path or name
    text, warnings = _remove_controls(_NEWLINES.sub("\n", text))
    doc = Document(text=text, source_lang=lang, name=name)
    doc.warnings.extend(f"{shown}: {w}" for w in warnings)
    pos = 0
    header = _HEADER.match(text)
    if header is not None:
        try:
            doc.date = dt.date.fromisoformat(header.group(1))
        except ValueError:
            raise InputError(
                f"the date header {header.group(1)!r} is not a real date",
                "write it as YYYY-MM-DD",
                path=shown,
                line=1,
            ) from None
        pos = header.end()
    for p_start, p_end in _paragraph_spans(text, pos):
        paragraph = Paragraph(index=len(doc.paragraphs) + 1, start=p_start, end=p_end)
        _segment_paragraph(doc, paragraph)
        doc.paragraphs.append(paragraph)
    if not doc.paragraphs:
        raise InputError(
            "the article has no text after its date header",
            "add the article's paragraphs below the header",
            path=shown,
        )
    return doc


def _paragraph_spans(text: str, pos: int) -> list[tuple[int, int]]:
    spans = []
    start = pos
    for brk in _PARAGRAPH_BREAK.finditer(text, pos):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        chunk = text[s:e]
        if not chunk.strip():
            continue
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        result.append((s, e))
    return result


def _segment_paragraph(doc: Document, paragraph: Paragraph) -> None:
    body_start = paragraph.start
    body = doc.text[paragraph.start : paragraph.end]
    spans: list[tuple[int, int, SegmentKind]] = []
    if paragraph.index == 1:
        dateline = find_dateline(body)
        if dateline is not None:
            spans.append((body_start + dateline[0], body_start + dateline[1], SegmentKind.DATELINE))
            doc.dateline = body[dateline[0] : dateline[1]]
            body_start += dateline[1]
            body = doc.text[body_start : paragraph.end]
    for s, e in split_sentences(body, doc.source_lang):
        spans.append((body_start + s, body_start + e, SegmentKind.SENTENCE))
    for number, (s, e, kind) in enumerate(spans, start=1):
        paragraph.segments.append(
            Segment(
                id=f"p{paragraph.index}s{number}",
                source=doc.text[s:e],
                start=s,
                end=e,
                kind=kind,
            )
        )
