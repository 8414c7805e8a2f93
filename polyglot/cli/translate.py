"""``polyglot translate``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from polyglot.cli.app import app, stdin_bytes
from polyglot.engines import ENGINES, EngineOptions
from polyglot.engines.base import DEFAULT_BATCH_TOKENS
from polyglot.errors import UsageError
from polyglot.formats import DEFAULT_FORMATS, FORMATS
from polyglot.languages import parse_lang_list
from polyglot.site import FEED_ENTRIES, INDEX_PAGE_SIZE

if TYPE_CHECKING:
    from polyglot.corpus import CorpusJob


@app.command()
def translate(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Article files in the seed text format (or -), and/or folders of them "
            "(*.txt, recursively). Several articles make a site: see README, 'Corpus runs'."
        ),
    ],
    to: Annotated[str, typer.Option("--to", help="Target languages, e.g. kk,ru,fr.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Output folder (one article: default out/<file stem>/; several: needed)."
        ),
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
        str,
        typer.Option(
            "--compute-type", help="CTranslate2 compute type (auto, int8, float16, float32, ...)."
        ),
    ] = "default",
    device: Annotated[
        str, typer.Option("--device", help="auto, cpu or cuda (auto: a GPU when there is one).")
    ] = "cpu",
    threads: Annotated[
        int, typer.Option("--threads", min=0, help="CPU threads (0 = CTranslate2's choice).")
    ] = 0,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=0, help="Sentences per CTranslate2 batch (0: by --batch-tokens)."
        ),
    ] = 0,
    batch_tokens: Annotated[
        int,
        typer.Option(
            "--batch-tokens",
            min=0,
            help="Source tokens per CTranslate2 batch (0: "
            + ", ".join(f"{n:,} on {d}" for d, n in DEFAULT_BATCH_TOKENS.items())
            + ").",
        ),
    ] = 0,
    inter_threads: Annotated[
        int,
        typer.Option("--inter-threads", min=1, help="Batches CTranslate2 runs in parallel."),
    ] = 1,
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
    redo: Annotated[
        bool,
        typer.Option(
            "--redo",
            help="Translate and write again even what is up to date; an output folder "
            "holding your own or edited files is still refused.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="--redo, and replace earlier outputs even if they hold your own or "
            "edited files (they are lost).",
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
            help="Exit with code 7 when a QA check finds an error (outputs are still written; "
            "several articles: in any of them, unchanged ones included; a failed article's "
            "exit 8 comes first).",
        ),
    ] = False,
    executor: Annotated[
        str, typer.Option("--executor", help="Where the engine runs: local or ray.")
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", help="A Ray cluster's address (default: a local Ray)."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Ray workers (one model each).")
    ] = 1,
    threads_per_worker: Annotated[
        int, typer.Option("--threads-per-worker", min=1, help="CPU threads per Ray worker.")
    ] = 1,
    ray_ship_models: Annotated[
        bool,
        typer.Option(
            "--ray-ship-models",
            help="Send the model packages to the Ray workers (default: they read --models-dir).",
        ),
    ] = False,
    site_title: Annotated[
        str | None,
        typer.Option("--site-title", help="Several articles: the site's name (default: --out's)."),
    ] = None,
    index_page_size: Annotated[
        int,
        typer.Option(
            "--index-page-size",
            min=1,
            help="Several articles: articles per page of the site's index "
            "(index.html, index-2.html, ...; newest first).",
        ),
    ] = INDEX_PAGE_SIZE,
    feed_entries: Annotated[
        int,
        typer.Option(
            "--feed-entries",
            min=1,
            help="Several articles: entries of each Atom feed (the newest articles).",
        ),
    ] = FEED_ENTRIES,
    output_formats: Annotated[
        str,
        typer.Option(
            "--format",
            help=f"Output formats to write, comma-separated: {', '.join(FORMATS)}.",
        ),
    ] = ",".join(DEFAULT_FORMATS),
) -> None:
    """Translate articles into each target language and write the results to a folder
    (several articles: one folder each, and a site around them)."""
    from polyglot.engines.argos import check_device
    from polyglot.formats import parse_format_list
    from polyglot.formats.html import HtmlOptions
    from polyglot.formats.omegat import OmegatOptions
    from polyglot.formats.tmx import TmxOptions
    from polyglot.formats.xliff import XliffOptions
    from polyglot.pipeline import TranslateJob

    check_device(device)
    if executor not in ("local", "ray"):
        raise UsageError(f"unknown executor {executor!r}", "choose local or ray")
    job = TranslateJob(
        source=sources[0],
        targets=parse_lang_list(to),
        out_dir=out,
        engine=engine,
        engine_options=EngineOptions(
            models_dir=models_dir,
            beam_size=beam_size,
            compute_type=compute_type,
            threads=threads,
            max_batch_size=batch_size,
            max_batch_tokens=batch_tokens,
            inter_threads=inter_threads,
            device=device,
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
        redo=redo,
        force=force,
    )
    from polyglot.corpus import CorpusJob

    corpus = CorpusJob(
        paths=sources,
        out_dir=out or Path("out"),
        article=job,
        site_title=site_title,
        index_page_size=index_page_size,
        feed_entries=feed_entries,
        executor=executor,
        ray_address=ray_address,
        workers=workers,
        threads_per_worker=threads_per_worker,
        ship_models=ray_ship_models,
    )
    if len(sources) == 1 and (str(sources[0]) == "-" or not sources[0].is_dir()):
        _translate_one(corpus, strict)
    else:
        if out is None:
            raise UsageError(
                "several articles need an output folder", "give one with --out, e.g. --out site"
            )
        if any(str(s) == "-" for s in sources):
            raise UsageError("- (standard input) cannot be one of several articles")
        _translate_many(corpus, strict)


def _translate_one(corpus: CorpusJob, strict: bool) -> None:
    from polyglot.cli.progress import TranslationProgress
    from polyglot.corpus import make_engine
    from polyglot.glossary.apply import format_compliance
    from polyglot.model import Origin
    from polyglot.pipeline import translate_file

    job = corpus.article
    data = stdin_bytes() if str(job.source) == "-" else None
    engine = make_engine(corpus) if corpus.executor != "local" else None
    try:
        with TranslationProgress() as progress:
            result = translate_file(job, progress, stdin=data, engine=engine)
    finally:
        if engine is not None and hasattr(engine, "close"):
            engine.close()
    if result.unchanged:
        typer.echo(f"{result.out_dir}/ is up to date: nothing to do (--redo redoes it)")
        _fail_if_strict(strict, result.kept_errors, result.out_dir)
        return
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
    _fail_if_strict(strict, errors, result.out_dir)


def _fail_if_strict(strict: bool, errors: dict[str, int], out_dir: Path) -> None:
    """``--strict``: exit 7 while error-level QA results remain in the outputs."""
    errors = {lang: count for lang, count in errors.items() if count}
    if strict and errors:
        from polyglot.errors import QualityError

        counts = ", ".join(f"{lang} {count}" for lang, count in errors.items())
        raise QualityError(
            f"the QA checks found {sum(errors.values())} error(s) ({counts})",
            f"see review-<lang>.html (show only flagged segments) or the checks in "
            f"{out_dir}/report.json; fix them, or run without --strict",
        )


def _translate_many(corpus: CorpusJob, strict: bool) -> None:
    from polyglot.cli.progress import CorpusProgressBars
    from polyglot.corpus import translate_corpus
    from polyglot.errors import ArticlesFailedError, QualityError
    from polyglot.formats.run_report import ArticleStatus

    with CorpusProgressBars() as progress:
        result = translate_corpus(corpus, progress)
    info = result.info
    typer.echo(
        f"{info.total} articles in {info.seconds:.1f} s: "
        f"{info.count(ArticleStatus.TRANSLATED)} translated, "
        f"{info.count(ArticleStatus.UNCHANGED)} unchanged, "
        f"{info.count(ArticleStatus.FAILED)} failed",
        err=True,
    )
    qa = ""
    if info.qa_errors:
        counts = ", ".join(f"{lang} {count}" for lang, count in info.qa_errors.items())
        qa = (
            f"the QA checks found {sum(info.qa_errors.values())} error(s) in "
            f"{info.articles_with_qa_errors} article(s) ({counts})"
        )
        typer.echo(f"{qa}: see each one's review-<lang>.html, and report.json", err=True)
    for warning in info.warnings:
        typer.secho(f"warning: {warning}", err=True, fg="yellow")
    for article in info.failed:
        error = article.error or ""
        where = "" if error.startswith(article.source) else f"{article.source}: "
        typer.secho(f"failed: {where}{error}", err=True, fg="red")
    failed = info.count(ArticleStatus.FAILED)
    if failed > len(info.failed):
        typer.secho(f"failed: {failed - len(info.failed)} more, in report.json", err=True, fg="red")
    typer.echo(f"wrote {result.out_dir}/: {_files_shown(info.files)} and one folder per article")
    # exit 8 before 7: an article that failed has no output at all to review
    if failed:
        also = f"; and {qa}" if strict and qa else ""
        again = (
            "without --redo and --force, only they will be translated"
            if corpus.article.redo or corpus.article.force
            else "only they will be translated"
        )
        raise ArticlesFailedError(
            f"{failed} of {info.total} articles could not be translated "
            f"(listed above and in report.json); the others were written{also}",
            f"fix them and run the same command again ({again})",
        )
    if strict and qa:
        raise QualityError(
            qa,
            "see the articles' review-<lang>.html (show only flagged segments) and "
            f"{result.out_dir}/report.json (qa_errors); fix them, or run without --strict",
        )


def _files_shown(names: list[str]) -> str:
    """The site's files for the summary: many index pages or sitemaps as a range."""
    shown: list[str] = []
    for name in names:
        stem = name.split("-", 1)[0]
        if "-" in name and shown and shown[-1].startswith(stem):
            shown[-1] = f"{shown[-1].split(' ... ')[0]} ... {name}"
        else:
            shown.append(name)
    return ", ".join(shown)


def format_issues(counts: dict[str, int], errors: int = 0) -> str:
    """One line for the CLI summary: "issues: 3, 1 error (glossary 2, numbers 1)"."""
    shown = ", ".join(f"{check} {count}" for check, count in sorted(counts.items()))
    return f"issues: {sum(counts.values())}, {errors} error(s) ({shown})"
