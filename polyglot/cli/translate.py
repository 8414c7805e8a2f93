"""``polyglot translate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import app, stdin_bytes
from polyglot.engines import ENGINES, EngineOptions
from polyglot.formats import DEFAULT_FORMATS, FORMATS
from polyglot.languages import parse_lang_list


@app.command()
def translate(
    source: Annotated[Path, typer.Argument(help="Article file in the seed text format, or -.")],
    to: Annotated[str, typer.Option("--to", help="Target languages, e.g. kk,ru,fr.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: out/<file stem>/).")
    ] = None,
    engine: Annotated[
        str, typer.Option(help=f"Translation engine: {', '.join(ENGINES)} (pseudo = preview).")
    ] = "argos",
    models_dir: Annotated[
        Path | None,
        typer.Option("--models-dir", help="Argos packages folder (default: ARGOS_PACKAGES_DIR)."),
    ] = None,
    beam_size: Annotated[int, typer.Option("--beam-size", min=1, help="Beam size.")] = 4,
    compute_type: Annotated[
        str, typer.Option("--compute-type", help="CTranslate2 compute type (int8, float32, ...).")
    ] = "default",
    threads: Annotated[
        int, typer.Option("--threads", min=0, help="CPU threads (0 = CTranslate2's choice).")
    ] = 0,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Sentences per CTranslate2 batch.")
    ] = 8,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of the article (default: UTF-8).")
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option(help="Glossary CSV (default: glossary.csv in the current folder, if any)."),
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Translate without a glossary.")
    ] = False,
    tm: Annotated[
        Path | None,
        typer.Option("--tm", help="Translation memory file (default: in your user data folder)."),
    ] = None,
    no_tm: Annotated[
        bool, typer.Option("--no-tm", help="Neither reuse nor store translations.")
    ] = False,
    tmx_multilingual: Annotated[
        bool,
        typer.Option("--tmx-multilingual", help="Also write one TMX holding every language."),
    ] = False,
    region_tags: Annotated[
        bool,
        typer.Option(
            "--region-tags", help="Tag languages en-US, kk-KZ, ru-RU, fr-FR in TMX and XLIFF."
        ),
    ] = False,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where the HTML pages will be published.")
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Folder with your own HTML templates.")
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an earlier output even if it holds your own or edited files.",
        ),
    ] = False,
    reviewed: Annotated[
        bool,
        typer.Option(
            "--reviewed", help="A human reviewed the translations: no MT notice, no noindex."
        ),
    ] = False,
    omegat: Annotated[
        bool,
        typer.Option(
            "--omegat",
            help="Also write omegat-<lang>/, an OmegaT project per language, every segment "
            "pre-filled (the same as adding omegat to --format).",
        ),
    ] = False,
    xliff_version: Annotated[
        str,
        typer.Option("--xliff-version", help="XLIFF version of the .xlf files: 1.2 or 2.0."),
    ] = "1.2",
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit with code 7 when a QA check finds an error (outputs are still written).",
        ),
    ] = False,
    output_formats: Annotated[
        str,
        typer.Option(
            "--format",
            help=f"Output formats to write, comma-separated: {', '.join(FORMATS)}.",
        ),
    ] = ",".join(DEFAULT_FORMATS),
) -> None:
    """Translate an article into each target language and write the results to a folder."""
    from polyglot.cli.progress import TranslationProgress
    from polyglot.formats import parse_format_list
    from polyglot.formats.html import HtmlOptions
    from polyglot.formats.omegat import OmegatOptions
    from polyglot.formats.tmx import TmxOptions
    from polyglot.formats.xliff import XliffOptions
    from polyglot.glossary.apply import format_compliance
    from polyglot.model import Origin
    from polyglot.pipeline import TranslateJob, translate_file

    job = TranslateJob(
        source=source,
        targets=parse_lang_list(to),
        out_dir=out,
        engine=engine,
        engine_options=EngineOptions(
            models_dir=models_dir,
            beam_size=beam_size,
            compute_type=compute_type,
            threads=threads,
            max_batch_size=batch_size,
        ),
        encoding=encoding,
        glossary=glossary,
        use_glossary=not no_glossary,
        tm=tm,
        use_tm=not no_tm,
        formats=tuple(parse_format_list(output_formats + (",omegat" if omegat else ""))),
        format_options={
            "tmx": TmxOptions(multilingual=tmx_multilingual, region_tags=region_tags),
            "xliff": XliffOptions(version=xliff_version, region_tags=region_tags),
            "omegat": OmegatOptions(region_tags=region_tags),
            "html": HtmlOptions(base_url=base_url, template_dir=template, reviewed=reviewed),
        },
        force=force,
    )
    data = stdin_bytes() if str(source) == "-" else None
    with TranslationProgress() as progress:
        result = translate_file(job, progress, stdin=data)
    for lr in result.info.languages:
        human = sum(
            1
            for seg in result.document.segments()
            if (tr := seg.translations.get(lr.lang)) and tr.origin is Origin.HUMAN
        )
        # the parts add up to the segment count: memory + engine + glossary
        typer.echo(
            f"{lr.lang}: {lr.segments} segments in {lr.seconds:.2f} s: "
            f"{lr.from_memory} from the translation memory ({human} human), "
            f"{lr.from_engine} from the engine "
            f"({lr.engine}{', ' + lr.model if lr.model else ''}), "
            f"{lr.from_glossary} from the glossary alone",
            err=True,
        )
        if result.info.settings.get("glossary"):
            typer.echo(f"{lr.lang}: {format_compliance(lr.terms)}", err=True)
        if lr.issues:
            typer.echo(f"{lr.lang}: {format_issues(lr.issues, lr.errors)}", err=True)
    for warning in result.info.warnings:
        typer.secho(f"warning: {warning}", err=True, fg="yellow")
    shown = dict.fromkeys(  # an OmegaT project's many files: its folder, once
        name.split("/", 1)[0] + ("/" if "/" in name else "") for name in result.info.files
    )
    typer.echo(f"wrote {result.out_dir}/: {', '.join(shown)}")
    errors = {lr.lang: lr.errors for lr in result.info.languages if lr.errors}
    if strict and errors:
        from polyglot.errors import QualityError

        counts = ", ".join(f"{lang} {count}" for lang, count in errors.items())
        raise QualityError(
            f"the QA checks found {sum(errors.values())} error(s) ({counts})",
            f"see review-<lang>.html (show only flagged segments) or the checks in "
            f"{result.out_dir}/report.json; fix them, or run without --strict",
        )


def format_issues(counts: dict[str, int], errors: int = 0) -> str:
    """One line for the CLI summary: "issues: 3, 1 error (glossary 2, numbers 1)"."""
    shown = ", ".join(f"{check} {count}" for check, count in sorted(counts.items()))
    return f"issues: {sum(counts.values())}, {errors} error(s) ({shown})"
