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
    """Check TMX files (TMX 1.4b DTD, rules CAT tools need); list every error and line.

    Notes (valid TMX that polyglot would write otherwise, such as units without a tuid)
    are listed too but do not fail."""
    from polyglot.errors import InputError, Problem, ProblemsFoundError
    from polyglot.fileio import read_input
    from polyglot.formats.tmx_validate import TmxCheck, check_tmx

    problems: list[Problem] = []
    for path in files:
        try:
            data = read_input(path, folder="this is a folder, not a TMX file")
            found = check_tmx(data, str(path))
        except InputError as exc:
            found = TmxCheck([Problem(str(path), None, exc.message.removeprefix(f"{path}: "))])
        if not found.errors:
            notes = (
                f"; {len(found.notes)} note(s), not as polyglot writes TMX:" if found.notes else ""
            )
            typer.echo(f"{path}: valid TMX 1.4b, will import{notes}")
            for note in found.notes:
                typer.echo(f"  {note}")
        problems.extend(found.errors)
    if problems:
        raise ProblemsFoundError(
            problems,
            "TMX",
            "fix them in the CAT tool (or export the memory again); notes do not stop an import",
        )
