"""Corpus runs: many articles in one command, batched across articles, incremental.

``polyglot translate PATH... --to kk,ru,fr --out DIR`` with several articles (or
a folder) writes each article into ``DIR/<path relative to the folder given,
without extension>/`` — exactly what a single-article run writes — and the site
at ``DIR``'s root (:mod:`polyglot.formats.site_pages`, ``report.json``).

How a run goes:

1. The articles are found (``*.txt``, recursively, sorted) and each one's
   fingerprint (its bytes plus everything else that decides its outputs, see
   :func:`polyglot.pipeline.job_fingerprint`) is compared with the one its folder
   was made from.  Unchanged articles are not read again, and when none changed no
   model is loaded.
2. The others are read in order and gathered into chunks of about
   ``chunk_segments`` segments, so memory stays flat however big the corpus: the
   driver keeps no article beyond its chunk; what the site and the report need of
   each one goes to the run's ledger on disk (:mod:`polyglot.ledger`), from which
   they are written at the end, streaming.
3. For each chunk and language, the segments of all its articles make one unit of
   work (:class:`~polyglot.translators.TranslationUnit`) for the same translators a
   single-article run uses (memory, glossary, engine): what the memory cannot supply
   goes to the engine in one call, each distinct sentence once (datelines and
   boilerplate repeat across articles), and the results are assigned back to each
   article (:func:`polyglot.pipeline.translate_documents`).
4. Each finished article is written at once (its folder swapped in whole), so a
   killed run resumes where it stopped.  A bad article is reported and skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from polyglot import __version__
from polyglot.engines import load_engine
from polyglot.engines.base import Engine
from polyglot.errors import InputError, OutputError, PolyglotError, UsageError
from polyglot.fileio import (
    atomic_write,
    check_output_folder,
    output_error,
    outputs_with_leftovers,
    reserve_output,
    run_lock,
    temporary_files,
)
from polyglot.formats import load_formats
from polyglot.formats.atom import FEED_PATTERN
from polyglot.formats.base import LanguageRun, OutputFormat
from polyglot.formats.html import INDEX_NAME, STYLESHEET_NAME
from polyglot.formats.run_report import (
    ArticleResult,
    ArticleStatus,
    CorpusRunInfo,
    write_run_report,
)
from polyglot.formats.site_pages import is_site_file, site_file_names, write_site
from polyglot.formats.sitemap import SITEMAP_NAME
from polyglot.glossary.apply import NO_GLOSSARY_WARNING, check_datelines, load_glossary
from polyglot.glossary.model import Glossary
from polyglot.ledger import ArticleSource, RunLedger, duplicate_error
from polyglot.model import Document, Origin
from polyglot.pipeline import (
    TranslateJob,
    _html_options,
    _open_memory,
    _prepare_all,
    article_fingerprint,
    folder_state,
    job_fingerprint,
    new_run_info,
    parse_document,
    read_source,
    translate_documents,
    write_article,
)
from polyglot.site import FEED_ENTRIES, INDEX_PAGE_SIZE, SiteArticle, SiteOptions
from polyglot.tm.store import TranslationMemory

#: Marks a folder as the root of a site polyglot wrote (article folders and the site files).
SITE_MARKER = ".polyglot-site"
_SITE_MARKER_TEXT = (
    "# Written by polyglot: a multilingual site.  Each article's folder and the files at\n"
    "# this level listed below (index pages, sitemaps, feeds, report.json) are replaced\n"
    "# by the next run into this folder, which deletes those it does not write again.\n"
)
RUN_REPORT_NAME = "report.json"
#: The files at the root that the first corpus runs wrote, whose marker listed none
#: (its first line is not a "#" comment): taken as polyglot's.  Those runs wrote no
#: ``index-N.html`` and only split sitemaps of more than 50,000 URLs.
_UNLISTED_SITE_FILE = re.compile(
    "|".join(
        [re.escape(n) for n in (INDEX_NAME, STYLESHEET_NAME, SITEMAP_NAME, RUN_REPORT_NAME)]
        + [FEED_PATTERN]
    )
)


class CorpusProgress(Protocol):
    """What a corpus run tells a progress display."""

    def start_articles(self, total: int) -> None: ...
    def article_done(self, count: int = 1) -> None: ...
    def segments_done(self, count: int) -> None: ...


@dataclass
class CorpusJob:
    """Everything a corpus run needs: the single-article settings plus the corpus's own."""

    paths: list[Path]
    out_dir: Path
    #: The settings each article is translated with (source and out_dir are set per article).
    article: TranslateJob
    #: Segments gathered before they go to the engine: bounds memory; bigger batches
    #: find more repeats.
    chunk_segments: int = 2000
    site_title: str | None = None  # default: the output folder's name
    index_page_size: int = INDEX_PAGE_SIZE  # articles per index page
    feed_entries: int = FEED_ENTRIES  # entries per Atom feed: the newest articles
    executor: str = "local"  # "local" or "ray"
    ray_address: str | None = None
    workers: int = 1
    threads_per_worker: int = 1
    ship_models: bool = False  # Ray: send the packages to the workers (no shared folder)


@dataclass
class CorpusResult:
    """What a corpus run did."""

    info: CorpusRunInfo
    out_dir: Path


def find_articles(paths: Sequence[Path], out_dir: Path | None = None) -> list[ArticleSource]:
    """:func:`iter_articles` as a list; a clear error for two articles that would share an
    output folder (a corpus run checks that in its ledger)."""
    found = list(iter_articles(paths, out_dir))
    seen: dict[str, Path] = {}
    for article in found:
        if article.rel in seen:
            raise duplicate_error(seen[article.rel], article.path, article.rel)
        seen[article.rel] = article.path
    return found


def iter_articles(paths: Sequence[Path], out_dir: Path | None = None) -> Iterator[ArticleSource]:
    """The ``*.txt`` files of ``paths`` (files as given, folders searched recursively in
    sorted order, one folder's listing in memory at a time), skipping hidden files and
    folders and ``out_dir``; a clear error for a missing path or a folder without articles."""
    skip = Path(out_dir).resolve() if out_dir is not None else None
    for given in paths:
        if not given.exists():
            raise InputError("no such file or folder", "check the path", path=str(given))
        if given.is_file():
            yield ArticleSource(given, given.stem)
            continue
        empty = True
        for path in _walk(given, skip):
            empty = False
            yield ArticleSource(path, path.relative_to(given).with_suffix("").as_posix())
        if empty:
            raise InputError(
                "no articles (*.txt files) in this folder",
                "give a folder holding .txt articles, or the files themselves",
                path=str(given),
            )


def _walk(folder: Path, skip: Path | None) -> Iterator[Path]:
    """The articles below ``folder`` in the order of their sorted paths (depth first, each
    folder's entries by name), not following links to folders (as ``os.walk``)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e.name, e.is_dir(), e.is_symlink()) for e in listing)
    except OSError:
        return  # unreadable: as os.walk, skipped
    for name, is_folder, is_link in entries:
        if name.startswith("."):
            continue
        path = folder / name
        if not is_folder:
            if name.endswith(".txt"):
                yield path
        elif not is_link and path.resolve() != skip:
            yield from _walk(path, skip)


@dataclass
class _Pending:
    seq: int  # its number in the ledger
    source: ArticleSource
    doc: Document
    fingerprint: str
    started: float
    result: ArticleResult


def translate_corpus(
    job: CorpusJob, progress: CorpusProgress | None = None, engine: Engine | None = None
) -> CorpusResult:
    """Translate every article of ``job.paths`` into ``job.out_dir`` (see the module's
    docstring); a bad article is reported in the result, the others go on.  ``engine``:
    one the caller made and closes (default: :func:`make_engine`'s, closed here)."""
    started = time.perf_counter()
    base = job.article
    formats = load_formats(base.formats, base.format_options)  # bad options fail first
    if base.source_lang in base.targets:
        raise UsageError(
            f"the articles are already in {base.source_lang!r}",
            "leave the source language out of --to",
        )
    out_dir = Path(job.out_dir)
    _check_site_folder(out_dir, job.paths)
    info = CorpusRunInfo(
        tool_version=__version__,
        created=new_run_info(base).created,
        out=str(out_dir),
        settings={
            "engine": base.engine,
            "targets": base.targets,
            "beam_size": base.engine_options.beam_size,
            "compute_type": base.engine_options.compute_type,
            "device": base.engine_options.device,
            "executor": job.executor,
            "workers": job.workers,
            "threads_per_worker": job.threads_per_worker,
            "redo": base.redo,
            "force": base.force,
        },
    )
    with contextlib.ExitStack() as stack:
        ledger = stack.enter_context(RunLedger())
        for source in iter_articles(job.paths, out_dir):
            ledger.add_source(source)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(exc, out_dir) from None
        stack.enter_context(run_lock(out_dir))
        earlier = _site_files(out_dir)
        # before any work: the root files this run will write must not be the user's
        languages = [base.source_lang, *base.targets]
        planned = site_file_names(ledger.count(), languages, job.index_page_size)
        _check_site_names(out_dir, [*planned, RUN_REPORT_NAME], earlier, force=base.force)
        if not (out_dir / SITE_MARKER).exists():  # first: a killed run can resume
            _write_marker(out_dir, [])
        if engine is None:
            engine = make_engine(job)
            stack.callback(_close, engine)
        common = job_fingerprint(base, engine, base.source_lang)
        runner = _ChunkRunner(job, engine, formats, info, ledger, progress, stack)
        if progress is not None:
            progress.start_articles(ledger.count())
        for seq, source in ledger.sources():
            runner.add(seq, source, common)
        runner.flush()
        info.warnings.extend(runner.finish())
        info.warnings.extend(engine.warnings)  # the device it fell back to, once loaded
        info.seconds = time.perf_counter() - started
        _write_site(out_dir, job, info, ledger, earlier)
    return CorpusResult(info, out_dir)


def make_engine(job: CorpusJob) -> Engine:
    """The engine of a corpus run: in this process, or on Ray workers."""
    base = job.article
    if job.executor == "local":
        return load_engine(base.engine, base.engine_options)
    if job.executor == "ray":
        from polyglot.engines.ray import RayEngine, RaySettings

        return RayEngine(
            base.engine,
            base.engine_options,
            RaySettings(
                address=job.ray_address,
                workers=job.workers,
                threads_per_worker=job.threads_per_worker,
                pairs=tuple((base.source_lang, lang) for lang in base.targets),
                ship_models=job.ship_models,
            ),
        )
    raise UsageError(f"unknown executor {job.executor!r}", "choose local or ray")


def _close(engine: Engine) -> None:
    close = getattr(engine, "close", None)
    if close is not None:
        close()


class _ChunkRunner:
    """Gathers changed articles into chunks and translates each chunk across articles."""

    def __init__(
        self,
        job: CorpusJob,
        engine: Engine,
        formats: list[OutputFormat],
        info: CorpusRunInfo,
        ledger: RunLedger,
        progress: CorpusProgress | None,
        stack: contextlib.ExitStack,
    ) -> None:
        self.job = job
        self.engine = engine
        self.formats = formats
        self.info = info
        self.ledger = ledger
        self.progress = progress
        self.stack = stack
        self.pending: list[_Pending] = []
        self.segments = 0
        self._memory: TranslationMemory | None = None
        self._glossary: Glossary | None = None
        self._opened = False
        self._prepared = False
        self._use_glossary = False
        #: Per parent folder of outputs: the names with a killed run's leftovers beside them.
        self._leftovers: dict[Path, set[str]] = {}

    def add(self, seq: int, source: ArticleSource, common: str) -> None:
        job = self.job
        out = job.out_dir / source.rel
        result = ArticleResult(str(source.path), source.rel, ArticleStatus.TRANSLATED)
        began = time.perf_counter()
        try:
            if is_site_file(source.rel, RUN_REPORT_NAME):
                raise InputError(
                    f"its output folder would be {out}, a file of the site at the root",
                    "rename the article (or put it in a subfolder of the corpus)",
                    path=str(source.path),
                )
            data = read_source(source.path)
            fingerprint = article_fingerprint(common, data, source.path.stem)
            state = folder_state(out)
            if state is not None and job.article.up_to_date(state, fingerprint):
                # up to date: neither parsed nor translated nor written again
                self._tidy(out, source.path)
                result.status = ArticleStatus.UNCHANGED
                result.segments = state.segments
                result.qa_errors = state.errors
                self._done(seq, result, replace(state.site, path=source.rel))
                return
            doc = parse_document(data, source.path, job.article.encoding, job.article.source_lang)
            check_output_folder(out, [source.path], force=job.article.force)
        except PolyglotError as exc:
            self._fail(seq, result, exc, source.rel)
            return
        result.segments = sum(1 for _ in doc.segments())
        self.pending.append(_Pending(seq, source, doc, fingerprint, began, result))
        self.segments += result.segments
        if self.segments >= job.chunk_segments:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        chunk, self.pending, self.segments = self.pending, [], 0
        memory, glossary = self._resources()
        article = self.job.article
        if not self._prepared:  # every missing model reported at once, before any work
            _prepare_all(self.engine, article.source_lang, article.targets)
            self._prepared = True
        runs = translate_documents(
            [item.doc for item in chunk],
            article.targets,
            self.engine,
            _SegmentProgress(self.progress),
            memory,
            glossary,
            article.checks,
            unit_size=self.job.chunk_segments,
        )
        for item, languages in zip(chunk, runs, strict=True):
            self._write(item, languages, memory, glossary)

    def _write(
        self,
        item: _Pending,
        languages: list[LanguageRun],
        memory: TranslationMemory | None,
        glossary: Glossary | None,
    ) -> None:
        job = self.job
        out = job.out_dir / item.source.rel
        article_job = replace(job.article, source=item.source.path, out_dir=out)
        result = item.result
        try:
            run = new_run_info(article_job)
            run.created = self.info.created
            run.settings["translation_memory"] = memory is not None
            run.settings["glossary"] = glossary.path if glossary is not None else None
            run.glossary = glossary
            run.languages = languages
            with reserve_output(out, [item.source.path], force=job.article.force) as restored:
                run.warnings.extend(restored)
                run.warnings.extend(item.doc.warnings)
                # the device it fell back to: in each article's report.json, as in a
                # single article's; on stderr once, from the run's own warnings
                run.warnings.extend(self.engine.warnings)
                if glossary is None and self._use_glossary:
                    run.warnings.append(NO_GLOSSARY_WARNING)
                if glossary is not None:
                    run.warnings.extend(check_datelines(item.doc, job.article.targets, glossary))
                entry = write_article(
                    item.doc, run, out, article_job, self.formats, item.fingerprint
                )
        except PolyglotError as exc:
            self._fail(item.seq, result, exc, item.source.rel)
            return
        result.languages = {
            lr.lang: {
                "seconds": lr.seconds,
                "from_engine": lr.from_engine,
                "from_memory": lr.from_memory,
                "from_glossary": lr.from_glossary,
            }
            for lr in languages
        }
        result.qa_errors = {lr.lang: lr.errors for lr in languages if lr.errors}
        result.seconds = time.perf_counter() - item.started
        self._done(item.seq, result, replace(entry, path=item.source.rel))

    def finish(self) -> list[str]:
        """The memory's last word (what a busy memory could not store), once per run."""
        return self._memory.finish() if self._memory is not None else []

    def _resources(self) -> tuple[TranslationMemory | None, Glossary | None]:
        """The memory and glossary, opened once, on the first chunk that needs them."""
        if not self._opened:
            article = self.job.article
            self._memory = self.stack.enter_context(_open_memory(article, self.engine))
            use = article.use_glossary and self.engine.origin is Origin.MT
            self._use_glossary = use
            self._glossary = load_glossary(article.glossary, use)
            self._opened = True
        return self._memory, self._glossary

    def _tidy(self, out: Path, source: Path) -> None:
        """Clear what a killed run left beside an up-to-date output folder (a spare copy,
        a stale lock), which no later run would otherwise reserve, so never tidy.  Each
        parent folder is listed once a run."""
        parent = out.parent
        names = self._leftovers.get(parent)
        if names is None:
            names = self._leftovers[parent] = outputs_with_leftovers(parent)
        if out.name in names:
            names.discard(out.name)
            # refused (a live run holds it, the user edited it): left as it is
            with contextlib.suppress(PolyglotError), reserve_output(out, [source]):
                pass

    def _fail(self, seq: int, result: ArticleResult, exc: PolyglotError, rel: str) -> None:
        """Article ``seq`` failed; what its folder holds from an earlier run (a post-edited
        version kept by --redo, the last good one of an article now unreadable) stays on
        the site."""
        result.status = ArticleStatus.FAILED
        result.error = str(exc) + (f" ({exc.hint})" if exc.hint else "")
        state = folder_state(self.job.out_dir / rel)
        self._done(seq, result, replace(state.site, path=rel) if state is not None else None)

    def _done(self, seq: int, result: ArticleResult, site: SiteArticle | None) -> None:
        """Article ``seq`` is finished: counted, recorded in the ledger, and forgotten."""
        self.info.add(result)
        self.ledger.record(seq, result, site)
        if self.progress is not None:
            self.progress.article_done(1)


class _SegmentProgress:
    """The pipeline's per-language progress, shown as one count of segments."""

    def __init__(self, progress: CorpusProgress | None) -> None:
        self.progress = progress

    def start(self, lang: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        if self.progress is not None:
            self.progress.segments_done(count)

    def finish(self, lang: str) -> None:
        pass


def _check_site_folder(out_dir: Path, inputs: Sequence[Path]) -> None:
    """The site's folder must be new, empty, or a site polyglot wrote; not hold the
    current folder or an input's folder given (articles inside it would be found)."""
    here = Path.cwd().resolve()
    target = out_dir.resolve()
    if target == here or target in here.parents:
        raise OutputError(
            f"{out_dir} is the current folder (or holds it)",
            "choose a folder of its own with --out, e.g. --out site",
        )
    for given in inputs:
        if target == given.resolve() or target in given.resolve().parents:
            raise OutputError(
                f"the output folder {out_dir} holds the input {given}",
                "choose another folder with --out",
            )
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder", "choose another --out")
    names = sorted(entry.name for entry in out_dir.iterdir())
    if names and SITE_MARKER not in names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        raise OutputError(
            f"{out_dir} holds files polyglot did not write ({shown})",
            "choose a new or empty folder with --out",
        )


def _write_site(
    out_dir: Path, job: CorpusJob, info: CorpusRunInfo, ledger: RunLedger, earlier: list[str]
) -> None:
    """The site's files and the run's report at the root (each file atomically, streamed
    from the ledger); the files an earlier run wrote there and this one did not (index
    pages or sitemaps of a bigger site, feeds of a dropped language) are deleted."""
    from polyglot.formats.html import normalise_base_url

    html = _html_options(job.article)
    options = SiteOptions(
        title=job.site_title or out_dir.resolve().name,
        created=info.created,
        base_url=normalise_base_url(html.base_url) if html.base_url else None,
        generator=f"polyglot {__version__}",
        template_dir=html.template_dir,
        page_size=job.index_page_size,
        feed_entries=job.feed_entries,
    )
    if options.base_url is None:
        info.warnings.append(
            "sitemap.xml: links are relative; search engines want absolute ones: give --base-url"
        )
    _write_marker(out_dir, earlier)  # still there if the run is killed below
    with _SiteJournal(out_dir, earlier, force=job.article.force) as journal:
        info.files.extend(write_site(out_dir, ledger, options, claim=journal.claim))
        info.files.append(RUN_REPORT_NAME)
        journal.claim(RUN_REPORT_NAME)
        listed = journal.listed
    with atomic_write(out_dir / RUN_REPORT_NAME) as fp:
        write_run_report(fp, info, ledger.results())
    gone = listed - set(info.files)  # an earlier run's, or a killed one's
    for name in [*gone, *temporary_files(out_dir, {*listed, SITE_MARKER})]:
        with contextlib.suppress(FileNotFoundError):
            (out_dir / name).unlink()
    _write_marker(out_dir, info.files)


class _SiteJournal:
    """The site's marker, open to add to: a run lists each file it is about to write at
    the root there before creating it (write-ahead), so that a run killed half-way
    leaves no file of its own that its marker does not list, and the next run deletes
    those it does not write again.  A file nobody listed (the user's) is never deleted,
    nor replaced but with ``force``: claiming its name is refused."""

    def __init__(self, out_dir: Path, earlier: Sequence[str], *, force: bool = False) -> None:
        self.out_dir = out_dir
        self.path = out_dir / SITE_MARKER
        self.listed = set(earlier)
        self.force = force
        try:
            self._fp = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (closed in __exit__)
        except OSError as exc:
            raise output_error(exc, self.path) from None

    def claim(self, name: str) -> None:
        """List ``name`` (once) before its file is created."""
        if name in self.listed:
            return
        _check_site_names(self.out_dir, [name], self.listed, force=self.force)
        try:
            self._fp.write(f"{name}\n")
            self._fp.flush()  # in the file before the page is: enough for a killed process
        except OSError as exc:
            raise output_error(exc, self.path) from None
        self.listed.add(name)

    def __enter__(self) -> _SiteJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fp.close()


def _check_site_names(
    out_dir: Path, names: Sequence[str], listed: Collection[str], *, force: bool
) -> None:
    """Refuse to write ``names`` at the site's root over files there that the marker
    does not list as polyglot's: the user's (replaced only with ``force``)."""
    if force:
        return
    mine = [name for name in names if name not in listed and os.path.lexists(out_dir / name)]
    if mine:
        shown = ", ".join(mine[:3]) + (", ..." if len(mine) > 3 else "")
        raise OutputError(
            f"{out_dir} holds files polyglot did not write where this run writes the "
            f"site's own ({shown}); they would be replaced",
            "move or rename them (the site's root names index*.html, sitemap*.xml, "
            "feed.*.xml, polyglot.css and report.json are polyglot's), or run again with "
            "--force to replace them (it also translates every article again)",
        )


def _site_files(out_dir: Path) -> list[str]:
    """The site files the marker of ``out_dir`` lists (only names polyglot gives them)."""
    try:
        text = (out_dir / SITE_MARKER).read_text("utf-8", errors="replace")
    except OSError:
        return []
    if not text.startswith("#"):  # a first version's marker, listing nothing
        try:
            found = sorted(entry.name for entry in out_dir.iterdir() if entry.is_file())
        except OSError as exc:
            raise output_error(exc, out_dir) from None
        return [name for name in found if _UNLISTED_SITE_FILE.fullmatch(name)]
    names = (line.strip() for line in text.splitlines() if not line.startswith("#"))
    return list(dict.fromkeys(name for name in names if is_site_file(name, RUN_REPORT_NAME)))


def _write_marker(out_dir: Path, files: Sequence[str]) -> None:
    with atomic_write(out_dir / SITE_MARKER) as fp:
        fp.write(_SITE_MARKER_TEXT)
        fp.writelines(f"{name}\n" for name in files)
