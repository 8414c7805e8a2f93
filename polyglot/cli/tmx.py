"""``polyglot tmx``: check translation memories before a CAT tool sees them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import sub_app

tmx_app = sub_app("tmx", "Check TMX translation memories.")


@tmx_app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(help="TMX files to check.")],
) -> None:
    """Check TMX files (TMX 1.4b DTD, rules CAT tools need); list every problem and line."""
    from polyglot.errors import InputError, Problem, ProblemsFoundError
    from polyglot.fileio import read_input
    from polyglot.formats.tmx_validate import validate_tmx

    problems: list[Problem] = []
    for path in files:
        try:
            data = read_input(path, folder="this is a folder, not a TMX file")
            found = validate_tmx(data, str(path))
        except InputError as exc:
            found = [Problem(str(path), None, exc.message.removeprefix(f"{path}: "))]
        if not found:
            typer.echo(f"{path}: valid TMX 1.4b")
        problems.extend(found)
    if problems:
        raise ProblemsFoundError(
            problems, "TMX", "fix them, or write the file again with polyglot translate"
        )
