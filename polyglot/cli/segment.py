"""``polyglot segment``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import app, stdin_bytes
from polyglot.errors import UsageError


@app.command()
def segment(
    source: Annotated[
        Path | None, typer.Argument(help="Article file, or - for standard input.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print ids, offsets and paragraphs as JSON.")
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the article (en, ru, fr, kk...).")
    ] = "en",
    export_srx: Annotated[
        Path | None,
        typer.Option(
            "--export-srx",
            metavar="RULES.srx",
            help="Write the segmentation rules as SRX 2.0 (- for standard output), so that "
            "a CAT tool (OmegaT, Okapi) segments exactly like polyglot.",
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of the article (default: UTF-8).")
    ] = None,
) -> None:
    """Split an article into segments and print one per line."""
    from polyglot.languages import parse_lang

    if export_srx is not None:
        _export_srx(export_srx)
        if source is None:
            return
    if source is None:
        raise UsageError(
            "nothing to segment", "give an article file (or - for standard input), or --export-srx"
        )
    from polyglot.pipeline import read_document

    data = stdin_bytes() if str(source) == "-" else None
    doc = read_document(source, encoding, lang=parse_lang(lang), stdin=data)
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


def _export_srx(path: Path) -> None:
    from polyglot.segment.srx import render_srx_bytes

    data = render_srx_bytes()
    if str(path) == "-":
        typer.echo(data.decode("utf-8"), nl=False)
        return
    from polyglot.fileio import atomic_write

    with atomic_write(path, "wb", encoding=None) as fp:
        fp.write(data)
    typer.echo(f"wrote {path}", err=True)
