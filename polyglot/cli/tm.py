"""``polyglot tm``: import translators' TMX or XLIFF, export the memory, show its contents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import sub_app
from polyglot.tm import DEFAULT_IMPORT_MAX_MB  # imports no sqlite3, no lxml

tm_app = sub_app("tm", "Translation memory: translators' post-edits and earlier translations.")

MemoryPath = Annotated[
    Path | None,
    typer.Option("--tm", help="Translation memory file (default: in your user data folder)."),
]
#: Conflicts listed one by one; the rest are counted.
_SHOWN_CONFLICTS = 20


@tm_app.command("import")
def import_tmx(
    file: Annotated[
        Path,
        typer.Argument(
            help="TMX, or XLIFF 1.2 (.xlf), from a CAT tool (OmegaT, Trados, memoQ ...)."
        ),
    ],
    tm: MemoryPath = None,
    source_lang: Annotated[
        str | None,
        typer.Option("--source-lang", help="Source language (default: the file's, else en)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Use this file's translation where it differs from a human one already stored "
            "(the old one is kept as an alternative).",
        ),
    ] = False,
    max_size: Annotated[
        int,
        typer.Option(
            "--max-size",
            min=1,
            metavar="MB",
            help="Refuse files larger than this many MiB (a guard: the file is streamed).",
        ),
    ] = DEFAULT_IMPORT_MAX_MB,
) -> None:
    """Import a TMX or XLIFF file's post-edited translations as human translations."""
    from polyglot.languages import parse_lang
    from polyglot.tm.exchange import import_tmx_file

    lang = parse_lang(source_lang) if source_lang else None
    report = import_tmx_file(file, tm, source_lang=lang, replace=replace, max_mb=max_size)
    for warning in report.warnings + report.skipped:
        typer.echo(f"warning: {warning}", err=True)
    for conflict in report.conflicts[:_SHOWN_CONFLICTS]:
        typer.echo(f"conflict: {conflict}", err=True)
    if len(report.conflicts) > _SHOWN_CONFLICTS:
        typer.echo(f"... and {len(report.conflicts) - _SHOWN_CONFLICTS} more conflicts", err=True)
    typer.echo(report.format())
    if report.conflicts and not replace:
        typer.echo(
            "hint: the memory keeps using its earlier translation; to use this file's, "
            "import it again with --replace",
            err=True,
        )


@tm_app.command("export")
def export_tmx(
    file: Annotated[Path, typer.Argument(help="TMX file to write.")],
    tm: MemoryPath = None,
    pair: Annotated[
        str | None,
        typer.Option(
            "--pair", help="Only this pair, e.g. en-kk (default: every pair, a file each)."
        ),
    ] = None,
    human_only: Annotated[
        bool, typer.Option("--human-only", help="Only human translations, no MT.")
    ] = False,
    region_tags: Annotated[
        bool, typer.Option("--region-tags", help="Tag languages en-US, kk-KZ, ru-RU, fr-FR.")
    ] = False,
) -> None:
    """Write the memory's translations (human over MT) to TMX, one pair per file.

    A CAT tool reads one pair per file: without --pair, a memory holding several
    pairs is written one file per pair, named like translate's outputs
    (all.tmx -> all.en-kk.tmx, all.en-ru.tmx).
    """
    import datetime as dt

    from polyglot import __version__
    from polyglot.tm.exchange import export_tmx_file

    reports = export_tmx_file(
        file,
        tm,
        pair=pair,
        human_only=human_only,
        region_tags=region_tags,
        now=dt.datetime.now(dt.UTC),
        tool_version=__version__,
    )
    for report in reports:
        for warning in report.warnings:
            typer.echo(f"warning: {warning}", err=True)
        pairs = ", ".join(f"{p} {n}" for p, n in sorted(report.pairs.items())) or "nothing"
        typer.echo(f"wrote {report.path}: {report.units} units ({pairs})")


@tm_app.command("stats")
def stats(tm: MemoryPath = None) -> None:
    """Show what the memory holds, per language pair."""
    from polyglot.tm.store import open_memory

    with open_memory(tm, create=False) as memory:
        result = memory.stats()
    typer.echo(
        f"{result.path}: {result.units} units, {result.size_bytes / 1024:.0f} KiB, "
        f"schema version {result.schema_version}"
    )
    for pair in result.pairs:
        typer.echo(
            f"{pair.pair}: {pair.human} human"
            + (f" (+{pair.alternative} alternative)" if pair.alternative else "")
            + f", last change {pair.updated}"
        )
        for label, count in sorted(pair.machine.items()):
            typer.echo(f"  {count} machine translations by {label}")
