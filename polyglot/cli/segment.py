"""``polyglot segment``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import app, stdin_bytes


@app.command()
def segment(
    source: Annotated[Path, typer.Argument(help="Article file, or - for standard input.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print ids, offsets and paragraphs as JSON.")
    ] = False,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of the article [default: UTF-8].")
    ] = None,
) -> None:
    """Split an article into segments and print one per line."""
    from polyglot.pipeline import read_document

    data = stdin_bytes() if str(source) == "-" else None
    doc = read_document(source, encoding, stdin=data)
    if as_json:
        rows = [
            {
                "id": seg.id,
                "paragraph": paragraph.index,
                "kind": str(seg.kind),
                "start": seg.start,
                "end": seg.end,
                "text": seg.source,
            }
            for paragraph in doc.paragraphs
            for seg in paragraph.segments
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for seg in doc.segments():
        typer.echo(seg.source.replace("\n", " "))
