"""Reading articles into a :class:`~polyglot.model.Document`.

The seed text format: an optional `` date YYYY-MM-DD`` header, then the
article, whose first paragraph may open with a wire dateline
(``ASTANA. KAZINFORM``); paragraphs are separated by blank lines.
"""

from __future__ import annotations

import datetime as dt
import re

from polyglot.errors import InputError
from polyglot.model import Document, Paragraph, Segment, SegmentKind
from polyglot.segment import find_dateline, split_sentences

_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_NEWLINES = re.compile(r"\r\n?")


def decode_article(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode an article's bytes, with clear errors for what is not text."""
    if not data.strip():
        raise InputError(
            "the file is empty" if not data else "the file holds only whitespace",
            "give an article in plain text (UTF-8)",
            path=path,
        )
    if encoding is None and b"\x00" in data[:8192]:
        raise InputError(
            "this looks like a binary file, not text (it contains NUL bytes)",
            "give an article in plain text (UTF-8)",
            path=path,
        )
    codec = encoding or "utf-8-sig"
    try:
        return data.decode(codec)
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}", "name a Python codec such as cp1251", path=path
        ) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid {codec} text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8, or name its encoding with --encoding "
            "(e.g. --encoding cp1251 or --encoding latin-1)",
            path=path,
            line=line,
        ) from None


def read_article(
    text: str, name: str = "article", lang: str = "en", path: str | None = None
) -> Document:
    """Parse an article in the seed text format into a segmented Document.

    ``path`` only names the input in error messages (default: ``name``).
    """
    shown = path or name
    text = _NEWLINES.sub("\n", text)
    doc = Document(text=text, source_lang=lang, name=name)
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
