"""Plain text: one article per language, paragraphs separated by blank lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, ClassVar

from polyglot.formats.base import OutputFile, OutputFormat, RunInfo
from polyglot.model import Document


def render_text(doc: Document, lang: str | None = None) -> str:
    """The article in ``lang`` (the source when None), in the seed's layout."""
    paragraphs = [doc.paragraph_text(p, lang) for p in doc.paragraphs]
    return "\n\n".join(paragraphs) + "\n"


def write_text(fp: IO[str], doc: Document, lang: str | None = None) -> None:
    """Write :func:`render_text` to ``fp``."""
    fp.write(render_text(doc, lang))


class TextFormat(OutputFormat):
    """``<stem>.<lang>.txt`` for every target language."""

    name: ClassVar[str] = "text"

    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        def writer(lang: str) -> Callable[[IO[str]], list[str]]:
            def write(fp: IO[str]) -> list[str]:
                write_text(fp, doc, lang)
                return []

            return write

        return [OutputFile(f"{doc.name}.{lr.lang}.txt", writer(lr.lang)) for lr in run.languages]
