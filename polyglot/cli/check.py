"""``polyglot check``: the QA checks on post-edited TMX files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import app


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="TMX files to check (post-edited).")],
    glossary: Annotated[
        Path | None,
        typer.Option(help="Glossary CSV (default: glossary.csv in the current folder, if any)."),
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Check without a glossary.")
    ] = False,
) -> None:
    """Run the QA checks on every translation of TMX files (e.g. before tm import); list
    each problem with its file and line; exit with code 7 if any is an error."""
    import io

    from polyglot.checks.review import check_tmx
    from polyglot.errors import QualityError
    from polyglot.fileio import read_input
    from polyglot.formats.tmx import read_tmx
    from polyglot.glossary.apply import load_glossary

    terms = load_glossary(glossary, not no_glossary)
    findings = []
    for path in files:
        data = read_input(path, folder_hint="give a TMX file")
        doc = read_tmx(io.BytesIO(data), path=str(path))
        found = check_tmx(doc, terms)
        for finding in found:
            typer.echo(str(finding))
        if not found:
            typer.echo(f"{path}: no problems found in {len(doc.units)} units")
        findings.extend(found)
    errors = sum(1 for finding in findings if finding.is_error)
    if findings:
        typer.echo(
            f"{len(findings)} problem(s), {errors} error(s), in {len(files)} file(s)", err=True
        )
    if errors:
        raise QualityError(
            f"the QA checks found {errors} error(s)",
            "fix the translations listed above in your CAT tool, then check again",
        )
