"""``polyglot check``: the QA checks on post-edited TMX files, before ``tm import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import app


@app.command("check")
def check(
    files: Annotated[list[Path], typer.Argument(help="TMX files (e.g. from a CAT tool).")],
    glossary: Annotated[
        Path | None,
        typer.Option(help="Glossary CSV (default: glossary.csv in the current folder, if any)."),
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Check without a glossary.")
    ] = False,
) -> None:
    """Run the QA checks (numbers, untranslated, omission, ...) on every translation in
    TMX files; list every finding with its file and line; exit 1 on errors."""
    from polyglot.checks.files import check_tmx_files
    from polyglot.errors import ProblemsFoundError
    from polyglot.glossary.apply import load_glossary

    findings = check_tmx_files(files, load_glossary(glossary, not no_glossary))
    for problem in findings.warnings:
        typer.secho(f"warning: {problem}", err=True, fg="yellow")
    by_lang: dict[str, list[str]] = {}
    for (lang, name), count in sorted(findings.counts.items()):
        by_lang.setdefault(lang, []).append(f"{name} {count}")
    for lang, shown in by_lang.items():
        typer.echo(f"{lang}: {', '.join(shown)}", err=True)
    if findings.errors:
        raise ProblemsFoundError(
            findings.errors,
            f"{len(files)} TMX file(s), {findings.units} units",
            "fix these translations in your CAT tool, export again, then check again",
        )
    typer.echo(
        f"{findings.units} units checked: no errors"
        + (f", {len(findings.warnings)} warnings" if findings.warnings else "")
    )
