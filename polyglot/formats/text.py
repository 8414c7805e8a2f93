"""Plain text: one article per language, paragraphs separated by blank lines."""

from __future__ import annotations

from typing import IO

from polyglot.model import Document


def render_text(doc: Document, lang: str | None = None) -> str:
    """The article in ``lang`` (the source when None), in the seed's layout."""
    paragraphs = [doc.paragraph_text(p, lang) for p in doc.paragraphs]
    return "\n\n".join(paragraphs) + "\n"


def write_text(fp: IO[str], doc: Document, lang: str | None = None) -> None:
    """Write :func:`render_text` to ``fp``."""
    fp.write(render_text(doc, lang))
