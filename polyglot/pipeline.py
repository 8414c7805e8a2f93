"""read → segment → translate → check → export: the only place that orchestrates.

Translation goes through translators (:mod:`polyglot.translators`) one unit of
segments at a time; each unit's results come back as values and are assigned to
the document in one place.  Output formats are looked up by name
(:data:`polyglot.formats.FORMATS`) and never call each other.  Everything a run
writes is built in a temporary folder and swapped into the output folder when
complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from polyglot import __version__
from polyglot.checks import CheckContext, default_checks, run_checks, run_level_checks
from polyglot.engines import EngineOptions, load_engine
from polyglot.engines.base import Engine
from polyglot.errors import ModelError, UsageError
from polyglot.fileio import atomic_write, output_folder, read_input, reserve_output
from polyglot.formats import DEFAULT_FORMATS, load_formats
from polyglot.formats.base import LanguageRun, OutputFormat, RunInfo
from polyglot.glossary.apply import (
    NO_GLOSSARY_WARNING,
    check_datelines,
    count_terms,
    load_glossary,
)
from polyglot.glossary.model import Glossary
from polyglot.languages import LanguagePair
from polyglot.model import Document, Origin, Severity, Translation
from polyglot.sources import decode_article, read_article
from polyglot.tm.store import TranslationMemory, open_memory
from polyglot.translators import assign, build_translator, document_units, translate_units


class Progress(Protocol):
    """What the pipeline tells a progress display."""

    def start(self, lang: str, total: int) -> None: ...
    def advance(self, count: int) -> None: ...
    def finish(self, lang: str) -> None: ...


@dataclass
class TranslateJob:
    """Everything ``polyglot translate`` needs to know."""

    source: Path  # a file, or Path("-") for standard input
    targets: list[str]
    out_dir: Path | None = None  # default: out/<file stem>/
    engine: str = "argos"
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    encoding: str | None = None
    source_lang: str = "en"
    #: The glossary; None: ``glossary.csv`` in the current folder if there is one.
    glossary: Path | None = None
    use_glossary: bool = True
    #: The translation memory file; None: the default one in the user's data folder.
    tm: Path | None = None
    use_tm: bool = True
    #: The output formats to write, by registered name (:data:`polyglot.formats.FORMATS`).
    formats: tuple[str, ...] = DEFAULT_FORMATS
    #: Options per format name (e.g. ``{"tmx": TmxOptions(region_tags=True)}``); a format
    #: not named here gets its default options.
    format_options: Mapping[str, Any] = field(default_factory=dict)
    #: The QA checks run on every translation; None: every registered check that applies.
    checks: tuple[str, ...] | None = None
    #: Replace an earlier output even if it holds files of the user's or edited ones.
    force: bool = False
    #: The clock, injectable so outputs are reproducible in tests.
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)


@dataclass
class RunResult:
    """What a run produced."""

    document: Document
    out_dir: Path
    info: RunInfo


def read_document(
    source: Path, encoding: str | None = None, lang: str = "en", stdin: bytes | None = None
) -> Document:
    """Read and segment an article file (``-``: the bytes given as ``stdin``)."""
    shown = str(source)
    if shown == "-":
        data = stdin if stdin is not None else b""
        name = "stdin"
    else:
        data = read_input(source, folder_hint="give the article's file")
        name = source.stem
    text = decode_article(data, shown, encoding)
    return read_article(text, name=name, lang=lang, path=shown)


def translate_document(
    doc: Document,
    targets: list[str],
    engine: Engine,
    progress: Progress | None = None,
    memory: TranslationMemory | None = None,
    glossary: Glossary | None = None,
    checks: tuple[str, ...] | None = None,
) -> list[LanguageRun]:
    """Translate every segment of ``doc`` into each target, a unit of at most
    :attr:`EngineOptions.chunk_size` segments at a time.

    With a ``memory``, exact matches come from it first (human translations win),
    only the rest go to the engine, and each finished unit is stored.  With a
    ``glossary``, terms are enforced and every translation's compliance recorded.
    Then the ``checks`` (default: every registered one that applies) add their issues.
    """
    runs = []
    for lang in targets:
        pair = LanguagePair(doc.source_lang, lang)
        if lang == doc.source_lang:
            raise UsageError(
                f"the article is already in {lang!r}", "leave the source language out of --to"
            )
        info = engine.prepare(pair.source, pair.target)
        translator = build_translator(engine, info, pair, glossary, memory)
        context = CheckContext(pair, glossary if info.origin is Origin.MT else None)
        after = default_checks(context, checks)
        units = document_units(doc, lang, engine.options.chunk_size)
        started = time.perf_counter()
        if progress is not None:
            progress.start(lang, sum(len(unit) for unit in units))
        results: dict[str, Translation] = {}
        sources: dict[str, str] = {}
        for unit, done in translate_units(units, translator):
            sources.update(unit.sources())
            results.update(run_checks(after, unit.sources(), done))
            if progress is not None:
                progress.advance(len(unit))
        results = run_level_checks(after, sources, results)  # those that compare segments
        assign(doc, lang, results)
        if progress is not None:
            progress.finish(lang)
        runs.append(_language_run(doc, lang, info.engine, info.model, glossary, results))
        runs[-1].seconds = time.perf_counter() - started
    return runs


def _language_run(
    doc: Document,
    lang: str,
    engine: str,
    model: str | None,
    glossary: Glossary | None,
    results: Mapping[str, Translation],
) -> LanguageRun:
    """What the report and the CLI say about one language, counted from its results."""
    origins = Counter(tr.origin for tr in results.values())
    from_memory = origins[Origin.TM] + origins[Origin.HUMAN]
    from_glossary = origins[Origin.GLOSSARY]
    return LanguageRun(
        lang=lang,
        engine=engine,
        model=model,
        segments=len(results),
        from_engine=len(results) - from_memory - from_glossary,
        from_memory=from_memory,
        from_glossary=from_glossary,
        terms=count_terms(list(doc.segments()), lang) if glossary is not None else {},
        issues=dict(Counter(i.check for tr in results.values() for i in tr.issues)),
        errors=sum(1 for tr in results.values() for i in tr.issues if i.severity is Severity.ERROR),
    )


@contextlib.contextmanager
def _open_memory(job: TranslateJob, engine: Engine) -> Iterator[TranslationMemory | None]:
    """The job's translation memory; None with ``use_tm=False`` or an engine that
    does not translate (pseudo-localisation)."""
    if not job.use_tm or engine.origin is not Origin.MT:
        yield None
        return
    with open_memory(job.tm, read_only_ok=True) as memory:
        yield memory


def write_outputs(doc: Document, run: RunInfo, formats: list[OutputFormat], folder: Path) -> None:
    """Write every file of ``formats`` into ``folder``, listing them in ``run.files``;
    what a format left out or changed goes to ``run.warnings``."""
    for output_format in formats:
        for file in output_format.files(doc, run):
            path = folder / file.name
            path.parent.mkdir(parents=True, exist_ok=True)  # "omegat-ru/source/story.txt"
            if file.is_folder:
                path.mkdir(exist_ok=True)
                continue
            run.files.append(file.name)
            with atomic_write(path, "wb" if file.binary else "w") as fp:
                warnings = file.write(fp)
            run.warnings.extend(f"{file.name}: {warning}" for warning in warnings)


def _prepare_all(engine: Engine, source: str, targets: list[str]) -> None:
    """Load every pair's model before any work is done; each pair that cannot be used
    is reported, all at once (with kk and fr missing, both, each with its command)."""
    errors: list[ModelError] = []
    for lang in targets:
        try:
            engine.prepare(source, lang)
        except ModelError as exc:
            if any(e.message == exc.message for e in errors):
                continue  # the same for every pair (a models folder that does not exist)
            errors.append(exc)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ModelError(
            f"{len(errors)} language pairs cannot be translated:\n"
            + "\n".join(f"  {e.message}\n    {e.hint}" for e in errors),
            "install the missing packages, then run again",
        )


def translate_file(
    job: TranslateJob, progress: Progress | None = None, stdin: bytes | None = None
) -> RunResult:
    """Translate one article file and write every output atomically."""
    # Options and the output folder are checked before any work: a typo must not cost
    # a translation.
    formats = load_formats(job.formats, job.format_options)
    doc = read_document(job.source, job.encoding, job.source_lang, stdin)
    if doc.source_lang in job.targets:
        raise UsageError(
            f"the article is already in {doc.source_lang!r}",
            "leave the source language out of --to",
        )
    out_dir = job.out_dir or Path("out") / doc.name
    # Held from the start, so a second run on the same folder is refused at once.
    with reserve_output(out_dir, [job.source], force=job.force) as restored:
        engine = load_engine(job.engine, job.engine_options)
        _prepare_all(engine, doc.source_lang, job.targets)
        run = RunInfo(
            tool_version=__version__,
            created=job.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            source=str(job.source),
            settings={
                "engine": job.engine,
                "targets": job.targets,
                "beam_size": job.engine_options.beam_size,
                "compute_type": job.engine_options.compute_type,
                "threads": job.engine_options.threads,
            },
        )
        run.warnings.extend(restored)
        run.warnings.extend(doc.warnings)
        with _open_memory(job, engine) as memory:
            run.settings["translation_memory"] = memory is not None
            use_glossary = job.use_glossary and engine.origin is Origin.MT
            glossary = load_glossary(job.glossary, use_glossary)
            run.settings["glossary"] = glossary.path if glossary is not None else None
            run.glossary = glossary
            if use_glossary and glossary is None:
                run.warnings.append(NO_GLOSSARY_WARNING)
            run.languages = translate_document(
                doc, job.targets, engine, progress, memory, glossary, job.checks
            )
            run.warnings.extend(memory.finish() if memory is not None else [])
            if glossary is not None:
                run.warnings.extend(check_datelines(doc, job.targets, glossary))
        with output_folder(out_dir, [job.source], reserved=True, force=job.force) as folder:
            write_outputs(doc, run, formats, folder)
    return RunResult(doc, out_dir, run)
