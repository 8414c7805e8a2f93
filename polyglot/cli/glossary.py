"""``polyglot glossary``: lint, list, add, remove, export, import."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import report_error, sub_app
from polyglot.errors import UsageError

glossary_app = sub_app(
    "glossary", "Check and edit the glossary (glossary.csv) and exchange it with CAT tools."
)

#: Every glossary command takes the glossary the same way: --file (default: glossary.csv).
GlossaryFile = Annotated[
    Path,
    typer.Option("--file", help="The glossary CSV (default: glossary.csv in the current folder)."),
]
#: ``lint`` and ``list`` also take it as their argument, as they always did.
GlossaryArgument = Annotated[
    Path | None, typer.Argument(help="The glossary CSV (the same as --file).", show_default=False)
]


def _one_file(argument: Path | None, option: Path) -> Path:
    if argument is not None and option != Path("glossary.csv") and argument != option:
        raise UsageError(
            f"two glossaries given: {argument} and --file {option}", "give one of them"
        )
    return argument if argument is not None else option


class ExchangeFormat(StrEnum):
    """Formats of ``glossary export`` and ``glossary import``."""

    TBX = "tbx"
    OMEGAT = "omegat"


def _format_of(path: Path, given: ExchangeFormat | None) -> ExchangeFormat:
    if given is not None:
        return given
    return ExchangeFormat.TBX if path.suffix.lower() in (".tbx", ".xml") else ExchangeFormat.OMEGAT


@glossary_app.command("lint")
def lint(glossary: GlossaryArgument = None, file: GlossaryFile = Path("glossary.csv")) -> None:
    """Report every problem in the glossary with its line; exit 1 if there is any (notes on
    a readable spreadsheet save, such as ';' delimiters, do not fail)."""
    from polyglot.glossary.edit import lint_file

    file = _one_file(glossary, file)
    problems, notes = lint_file(file)
    for problem in problems:
        typer.echo(str(problem))
    for note in notes:
        typer.echo(f"{note.path}:{note.line}: note: {note.message}")
    if problems:
        report_error(f"{len(problems)} problem(s) in {file}", None)
        raise typer.Exit(1)
    typer.echo(f"{file}: no problems" + (f" ({len(notes)} note(s))" if notes else ""), err=True)


@glossary_app.command("list")
def list_terms(
    glossary: GlossaryArgument = None,
    kind: Annotated[str | None, typer.Option("--type", help="Only entries of this type.")] = None,
    file: GlossaryFile = Path("glossary.csv"),
) -> None:
    """Print the entries: line, term and its form in each language."""
    from polyglot.glossary.edit import load_file

    file = _one_file(glossary, file)
    parsed = load_file(file)
    for entry in parsed.glossary.entries:
        if kind and entry.type != kind:
            continue
        forms = "  ".join(f"{lang}: {entry.target(lang) or '—'}" for lang in parsed.glossary.langs)
        typer.echo(f"{entry.line:>4}  {entry.en}  [{entry.type}]  {forms}")


@glossary_app.command("add")
def add(
    term: Annotated[str, typer.Argument(help="The English term, e.g. 'Beibut Atamkulov'.")],
    forms: Annotated[
        list[str] | None,
        typer.Option(
            "--form", help="LANG=FORM, e.g. --form kk=Астана; repeat. LANG= clears a form."
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--type", help="person, place, organisation, ... (new entries: other)."),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="Source or convention of the forms ('' clears it).")
    ] = None,
    case_sensitive: Annotated[
        bool | None,
        typer.Option("--case-sensitive/--not-case-sensitive", show_default=False),
    ] = None,
    do_not_translate: Annotated[
        bool | None,
        typer.Option("--do-not-translate/--translate", show_default=False),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Change an existing entry; what is not given keeps its value."
        ),
    ] = False,
    file: GlossaryFile = Path("glossary.csv"),
) -> None:
    """Add an entry (or change one with --replace); other rows keep their bytes."""
    from polyglot.glossary.edit import add_term

    action = add_term(
        file, term, forms or [], kind, note, case_sensitive, do_not_translate, replace
    )
    typer.echo(f"{action} {term!r} in {file}")


@glossary_app.command("remove")
def remove(
    term: Annotated[str, typer.Argument(help="The English term to remove.")],
    file: GlossaryFile = Path("glossary.csv"),
) -> None:
    """Remove one entry (the exact term, else the one matching it ignoring case); other
    rows keep their bytes."""
    from polyglot.glossary.edit import remove_term

    removed = remove_term(file, term)
    typer.echo(f"removed {removed} from {file}")


@glossary_app.command("export")
def export(
    out: Annotated[Path, typer.Argument(help="The file to write (.tbx, or .txt for OmegaT).")],
    fmt: Annotated[
        ExchangeFormat | None, typer.Option("--format", help="tbx or omegat (default: by suffix).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Target language (OmegaT: one per file).")
    ] = None,
    file: GlossaryFile = Path("glossary.csv"),
) -> None:
    """Export the glossary as TBX-Basic or as an OmegaT glossary."""
    from polyglot.glossary.edit import export_file

    count = export_file(file, out, str(_format_of(out, fmt)), lang)
    typer.echo(f"wrote {count} entries to {out}")


@glossary_app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="A .tbx file, or an OmegaT glossary (.txt).")],
    fmt: Annotated[
        ExchangeFormat | None, typer.Option("--format", help="tbx or omegat (default: by suffix).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Target language of an OmegaT glossary.")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Their forms replace ours where they differ.")
    ] = False,
    file: GlossaryFile = Path("glossary.csv"),
) -> None:
    """Merge terms from a CAT tool into the glossary CSV."""
    from polyglot.glossary.edit import import_file

    report = import_file(file, source, str(_format_of(source, fmt)), lang, overwrite)
    typer.echo(f"{file}: {report.format()}")
    for conflict in report.conflicts:
        typer.echo(f"  kept: {conflict}", err=True)
