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
import dataclasses
import datetime as dt
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
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
from polyglot.formats.state import STATE_NAME, ArticleState, read_state, write_state
from polyglot.glossary.apply import (
    DEFAULT_GLOSSARY,
    NO_GLOSSARY_WARNING,
    check_datelines,
    count_terms,
    load_glossary,
)
from polyglot.glossary.model import Glossary
from polyglot.languages import LanguagePair
from polyglot.model import Document, Origin, Severity, Translation
from polyglot.site import SiteArticle, site_article
from polyglot.sources import decode_article, read_article
from polyglot.tm.store import TranslationMemory, open_memory
from polyglot.translators import (
    SourceSegment,
    TranslationUnit,
    assign,
    build_translator,
    translate_units,
)


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
    #: Translate and write again even when the outputs are up to date; an output folder
    #: holding files of the user's or edited ones is still refused (that takes ``force``).
    redo: bool = False
    #: Replace an earlier output even if it holds files of the user's or edited ones
    #: (they are lost); implies ``redo``.
    force: bool = False
    #: The clock, injectable so outputs are reproducible in tests.
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    def up_to_date(self, state: ArticleState | None, fingerprint: str) -> bool:
        """Whether an output folder made from ``state`` can be left as it is: it was made
        from the same ``fingerprint``, and neither ``redo`` nor ``force`` asks for it again."""
        redo = self.redo or self.force
        return not redo and state is not None and state.fingerprint == fingerprint


@dataclass
class RunResult:
    """What a run produced."""

    document: Document
    out_dir: Path
    info: RunInfo
    #: The outputs were up to date: nothing was translated or written.
    unchanged: bool = False
    #: For unchanged outputs: language -> error-level QA results kept from the run that
    #: made them (``--strict`` fails on them as it did then).
    kept_errors: dict[str, int] = field(default_factory=dict)


def read_document(
    source: Path, encoding: str | None = None, lang: str = "en", stdin: bytes | None = None
) -> Document:
    """Read and segment an article file (``-``: the bytes given as ``stdin``)."""
    return parse_document(read_source(source, stdin), source, encoding, lang)


def read_source(source: Path, stdin: bytes | None = None) -> bytes:
    """An article file's bytes (``-``: the bytes given as ``stdin``)."""
    if str(source) == "-":
        return stdin if stdin is not None else b""
    return read_input(source, folder_hint="give the article's file")


def parse_document(
    data: bytes, source: Path, encoding: str | None = None, lang: str = "en"
) -> Document:
    """Decode and segment an article's bytes; ``source`` names it (``-``: standard input)."""
    shown = str(source)
    name = "stdin" if shown == "-" else source.stem
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
    (runs,) = translate_documents([doc], targets, engine, progress, memory, glossary, checks)
    return runs


def translate_documents(
    docs: Sequence[Document],
    targets: list[str],
    engine: Engine,
    progress: Progress | None = None,
    memory: TranslationMemory | None = None,
    glossary: Glossary | None = None,
    checks: tuple[str, ...] | None = None,
    unit_size: int | None = None,
) -> list[list[LanguageRun]]:
    """Translate several documents together, as :func:`translate_document` does one:
    per language their segments go in units of up to ``unit_size`` segments (default
    :attr:`EngineOptions.chunk_size`) that span documents, so the engine sees many
    articles' sentences at once (each distinct one once).  Returns each document's
    language runs; seconds are shared out by segments."""
    size = max(1, unit_size or engine.options.chunk_size)
    many = len(docs) > 1
    names = [doc.name for doc in docs]
    if len(set(names)) < len(names):
        names = [f"{name}.{i}" for i, name in enumerate(names)]
    segments = [
        # ids unique within a unit: "<document>/p1s2" when several documents
        (i, seg, f"{names[i]}/{seg.id}" if many else seg.id)
        for i, doc in enumerate(docs)
        for seg in doc.segments()
    ]
    runs: list[list[LanguageRun]] = [[] for _ in docs]
    for lang in targets:
        for doc in docs:
            if lang == doc.source_lang:
                raise UsageError(
                    f"the article is already in {lang!r}", "leave the source language out of --to"
                )
        pairs = {doc.source_lang for doc in docs}
        per_doc: list[dict[str, Translation]] = [{} for _ in docs]
        started = time.perf_counter()
        info = None
        for source_lang in sorted(pairs):
            pair = LanguagePair(source_lang, lang)
            info = engine.prepare(pair.source, pair.target)
            translator = build_translator(engine, info, pair, glossary, memory)
            context = CheckContext(pair, glossary if info.origin is Origin.MT else None)
            after = default_checks(context, checks)
            mine = [item for item in segments if docs[item[0]].source_lang == source_lang]
            units = [
                TranslationUnit(
                    pair,
                    tuple(
                        SourceSegment(key, seg.source, seg.kind, docs[i].name)
                        for i, seg, key in mine[start : start + size]
                    ),
                )
                for start in range(0, len(mine), size)
            ]
            owner = {key: (i, seg.id) for i, seg, key in mine}
            if progress is not None:
                progress.start(lang, len(mine))
            for unit, done in translate_units(units, translator):
                for key, tr in run_checks(after, unit.sources(), done).items():
                    i, seg_id = owner[key]
                    per_doc[i][seg_id] = tr
                if progress is not None:
                    progress.advance(len(unit))
            for i in {i for i, _, _ in mine}:  # checks that compare an article's segments
                doc_sources = {seg.id: seg.source for seg in docs[i].segments()}
                per_doc[i] = run_level_checks(after, doc_sources, per_doc[i])
            if progress is not None:
                progress.finish(lang)
        seconds = time.perf_counter() - started
        total = max(1, len(segments))
        for i, doc in enumerate(docs):
            assert info is not None
            assign(doc, lang, per_doc[i])
            run = _language_run(doc, lang, info.engine, info.model, glossary, per_doc[i])
            run.seconds = seconds * len(per_doc[i]) / total if many else seconds
            runs[i].append(run)
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


def _html_options(job: TranslateJob) -> Any:
    from polyglot.formats.html import HtmlOptions

    return job.format_options.get("html") or HtmlOptions()


def job_fingerprint(job: TranslateJob, engine: Engine, source_lang: str) -> str:
    """A digest of everything besides the article that decides a run's outputs: polyglot's
    version, languages, engine, model versions (read without loading the models),
    decoding settings, the glossary's bytes, the memory's human translations, formats,
    their options, templates and checks.  The run's clock and thread counts are left out."""
    glossary_digest = None
    if job.use_glossary and engine.origin is Origin.MT:
        path = job.glossary or (DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.is_file() else None)
        if path is not None:
            glossary_digest = _digest_file(path)
    memory_stamp = None
    with _open_memory(job, engine) as memory:
        if memory is not None:
            memory_stamp = [
                str(memory.path.resolve()),
                memory.human_stamp(source_lang, job.targets),
            ]
    formats: dict[str, Any] = {}
    for name in job.formats:
        options = job.format_options.get(name)
        is_options = dataclasses.is_dataclass(options) and not isinstance(options, type)
        formats[name] = dataclasses.asdict(options) if is_options else None  # type: ignore[arg-type]
    template_dir = getattr(_html_options(job), "template_dir", None)
    templates = None
    if template_dir is not None:
        folder = Path(template_dir)
        templates = {
            str(p.relative_to(folder)): _digest_file(p)
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
    options = job.engine_options
    parts = {
        "tool": __version__,
        "source_lang": source_lang,
        "encoding": job.encoding,
        "targets": job.targets,
        "engine": job.engine,
        "models": {lang: _model_label(engine, source_lang, lang) for lang in job.targets},
        "decoding": [options.beam_size, options.compute_type, options.device],
        "glossary": glossary_digest,
        "memory": memory_stamp,
        "formats": formats,
        "templates": templates,
        "checks": job.checks,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _model_label(engine: Engine, source: str, target: str) -> str | None:
    try:
        return engine.identify(source, target).model
    except ModelError:
        return "missing"  # the run then reports every missing pair (_prepare_all)


def article_fingerprint(common: str, data: bytes, name: str) -> str:
    """The fingerprint of one article's outputs: :func:`job_fingerprint` plus its bytes
    and name (outputs are named after the file)."""
    digest = hashlib.sha256()
    for part in (common.encode(), name.encode(), hashlib.sha256(data).digest()):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _digest_file(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"  # the run that uses it reports the problem


def folder_state(folder: Path) -> ArticleState | None:
    """What made an output folder (None: nothing known, e.g. an older polyglot's)."""
    try:
        with open(Path(folder) / STATE_NAME, encoding="utf-8") as fp:
            return read_state(fp)
    except OSError:
        return None


def new_run_info(job: TranslateJob) -> RunInfo:
    """The report's run info: settings and the time of the run."""
    return RunInfo(
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


def write_article(
    doc: Document,
    run: RunInfo,
    out_dir: Path,
    job: TranslateJob,
    formats: list[OutputFormat],
    fingerprint: str,
) -> SiteArticle:
    """Write every output of a translated article into ``out_dir`` (held by the caller
    with :func:`reserve_output`), swapped in whole, with the state an incremental run
    reads; returns what a site shows of the article."""
    entry = site_article(
        doc,
        [lr.lang for lr in run.languages],
        "",
        reviewed=bool(getattr(_html_options(job), "reviewed", False)),
        updated=run.created,
    )
    with output_folder(out_dir, [job.source], reserved=True, force=job.force) as folder:
        write_outputs(doc, run, formats, folder)
        segments = sum(1 for _ in doc.segments())
        with atomic_write(folder / STATE_NAME) as fp:
            errors = {lr.lang: lr.errors for lr in run.languages if lr.errors}
            write_state(fp, ArticleState(fingerprint, segments, entry, errors))
    return entry


def translate_file(
    job: TranslateJob,
    progress: Progress | None = None,
    stdin: bytes | None = None,
    engine: Engine | None = None,
) -> RunResult:
    """Translate one article file and write every output atomically; an article whose
    outputs are up to date (same fingerprint) is left alone unless ``job.redo`` or
    ``job.force``.
    ``engine``: one made by the caller (e.g. on Ray workers) instead of ``job.engine``'s."""
    # Options and the output folder are checked before any work: a typo must not cost
    # a translation.
    formats = load_formats(job.formats, job.format_options)
    data = read_source(job.source, stdin)
    doc = parse_document(data, job.source, job.encoding, job.source_lang)
    if doc.source_lang in job.targets:
        raise UsageError(
            f"the article is already in {doc.source_lang!r}",
            "leave the source language out of --to",
        )
    out_dir = job.out_dir or Path("out") / doc.name
    # Held from the start, so a second run on the same folder is refused at once.
    with reserve_output(out_dir, [job.source], force=job.force) as restored:
        engine = engine or load_engine(job.engine, job.engine_options)
        fingerprint = article_fingerprint(
            job_fingerprint(job, engine, doc.source_lang), data, doc.name
        )
        state = folder_state(out_dir)
        if job.up_to_date(state, fingerprint):
            assert state is not None  # up to date means a state was read
            return RunResult(
                doc, out_dir, new_run_info(job), unchanged=True, kept_errors=dict(state.errors)
            )
        _prepare_all(engine, doc.source_lang, job.targets)
        run = new_run_info(job)
        run.warnings.extend(restored)
        run.warnings.extend(doc.warnings)
        run.warnings.extend(engine.warnings)  # the device it fell back to, once loaded
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
        write_article(doc, run, out_dir, job, formats, fingerprint)
    return RunResult(doc, out_dir, run)
