"""read → segment → translate → export: the only place that orchestrates.

Exporters are functions ``(doc, run, folder) -> [file names]`` listed in
:data:`EXPORTERS`; they never call each other.  Everything a run writes is built
in a temporary folder and swapped into the output folder when complete.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from polyglot import __version__
from polyglot.engines import EngineOptions, load_engine
from polyglot.engines.base import Engine
from polyglot.errors import UsageError
from polyglot.fileio import atomic_write, output_folder, read_input, reserve_output
from polyglot.formats.report import LanguageRun, RunInfo, write_report
from polyglot.formats.text import write_text
from polyglot.glossary.apply import check_segments, count_terms, load_glossary, translate_segments
from polyglot.glossary.model import Glossary
from polyglot.model import Document, Origin, Segment, Translation
from polyglot.sources import decode_article, read_article
from polyglot.tm.reuse import MachineRecorder, fill_from_memory, uses_memory
from polyglot.tm.store import TranslationMemory, open_memory


class Progress(Protocol):
    """What the pipeline tells a progress display."""

    def start(self, lang: str, total: int) -> None: ...
    def advance(self, count: int) -> None: ...
    def finish(self, lang: str) -> None: ...


@dataclass(frozen=True)
class ExportSettings:
    """Options of the exporters (TMX, HTML); each exporter reads what applies to it."""

    tmx_multilingual: bool = False  # also one TMX in which every unit has every language
    region_tags: bool = False  # en-US, kk-KZ, ru-RU, fr-FR instead of en, kk, ru, fr
    base_url: str | None = None  # where the HTML pages will be published
    template_dir: Path | None = None  # a publisher's own HTML templates
    reviewed: bool = False  # a human reviewed the MT: no MT notice, no robots noindex
    omegat: bool = False  # also an OmegaT project per target language (omegat-<lang>/)
    #: The glossary the run used (set by the pipeline): the OmegaT project's glossary.
    glossary: Glossary | None = None


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
    export: ExportSettings = field(default_factory=ExportSettings)
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


Exporter = Callable[[Document, RunInfo, Path, ExportSettings], list[str]]


def export_text(doc: Document, run: RunInfo, folder: Path, settings: ExportSettings) -> list[str]:
    """``<stem>.<lang>.txt`` for every target language."""
    names = []
    for lr in run.languages:
        name = f"{doc.name}.{lr.lang}.txt"
        with atomic_write(folder / name) as fp:
            write_text(fp, doc, lr.lang)
        names.append(name)
    return names


def export_tmx(doc: Document, run: RunInfo, folder: Path, settings: ExportSettings) -> list[str]:
    """``<stem>.<src>-<lang>.tmx`` per target (and ``<stem>.multilingual.tmx`` when asked);
    units left out and characters removed go to ``run.warnings``."""
    from polyglot.formats.tmx import write_tmx

    created = _created(run)
    targets = [lr.lang for lr in run.languages]
    files = {f"{doc.name}.{doc.source_lang}-{lang}.tmx": [lang] for lang in targets}
    if settings.tmx_multilingual and targets:
        files[f"{doc.name}.multilingual.tmx"] = targets
    for name, langs in files.items():
        with atomic_write(folder / name, "wb") as fp:
            report = write_tmx(
                fp,
                doc,
                langs,
                source_lang=doc.source_lang,
                region_tags=settings.region_tags,
                now=created,
                tool_version=run.tool_version,
            )
        run.warnings.extend(f"{name}: {warning}" for warning in report.warnings)
    return list(files)


def export_xliff(doc: Document, run: RunInfo, folder: Path, settings: ExportSettings) -> list[str]:
    """``<stem>.<src>-<lang>.xlf`` per target: XLIFF 1.2 for post-editing in a CAT tool."""
    from polyglot.formats.xliff import write_xliff

    names = []
    for lr in run.languages:
        name = f"{doc.name}.{doc.source_lang}-{lr.lang}.xlf"
        with atomic_write(folder / name, "wb") as fp:
            report = write_xliff(
                fp,
                doc,
                [lr.lang],
                source_lang=doc.source_lang,
                region_tags=settings.region_tags,
                now=_created(run),
                tool_version=run.tool_version,
            )
        run.warnings.extend(f"{name}: {warning}" for warning in report.warnings)
        names.append(name)
    return names


def export_omegat(doc: Document, run: RunInfo, folder: Path, settings: ExportSettings) -> list[str]:
    """With ``settings.omegat``: ``omegat-<lang>/``, an OmegaT project per target."""
    if not settings.omegat:
        return []
    from polyglot.formats.omegat import project_files, project_name

    names = []
    for lr in run.languages:
        top = project_name(lr.lang)
        project = project_files(
            doc,
            lr.lang,
            glossary=settings.glossary,
            region_tags=settings.region_tags,
            now=_created(run),
            tool_version=run.tool_version,
        )
        for sub in project.folders:
            (folder / top / sub).mkdir(parents=True, exist_ok=True)
        for name, (write, binary) in project.files.items():
            with atomic_write(folder / top / name, "wb" if binary else "w") as fp:
                write(fp)
            names.append(f"{top}/{name}")
        run.warnings.extend(f"{top}: {warning}" for warning in project.warnings)
    return names


def _created(run: RunInfo) -> dt.datetime:
    return dt.datetime.strptime(run.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def export_html(doc: Document, run: RunInfo, folder: Path, settings: ExportSettings) -> list[str]:
    """``<lang>.html`` for the source and each target, ``index.html`` (language
    chooser), ``review-<lang>.html`` per target and ``polyglot.css``."""
    from polyglot.formats.html import PageOptions, site_files

    options = PageOptions(
        languages=[lr.lang for lr in run.languages],
        base_url=settings.base_url,
        template_dir=settings.template_dir,
        reviewed=settings.reviewed,
        created=run.created,
        generator=f"polyglot {run.tool_version}",
    )
    files = site_files(doc, options)
    for name, write in files.items():
        with atomic_write(folder / name) as fp:
            write(fp)
    return list(files)


#: Every exporter a translate run calls, in order; report.json is written last.
EXPORTERS: list[Exporter] = [export_text, export_tmx, export_xliff, export_omegat, export_html]


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
) -> list[LanguageRun]:
    """Translate every segment of ``doc`` into each target; one batched call per language.

    With a ``memory``, exact matches come from it first (human translations win)
    and only the rest go to the engine; each chunk the engine finishes is stored.
    With a ``glossary``, terms are enforced and every translation's compliance recorded.
    """
    runs = []
    segments = list(doc.segments())
    for lang in targets:
        if lang == doc.source_lang:
            raise UsageError(
                f"the article is already in {lang!r}", "leave the source language out of --to"
            )
        info = engine.prepare(doc.source_lang, lang)
        started = time.perf_counter()
        if progress is not None:
            progress.start(lang, len(segments))
        pending, recorder = segments, None
        if memory is not None and uses_memory(info):
            pending = fill_from_memory(memory, doc, lang, info)
            if glossary is not None:
                pending = _recheck_reused(segments, pending, lang, glossary)
            recorder = MachineRecorder(memory, doc, lang, info, pending)
            if progress is not None and len(pending) < len(segments):
                progress.advance(len(segments) - len(pending))
        from_glossary = 0
        if glossary is not None:
            advance = progress.advance if progress else None
            from_glossary = translate_segments(
                engine, pending, doc.source_lang, lang, info, glossary, advance, recorder
            )
            if memory is None or not uses_memory(info):
                check_segments(_others(segments, pending), lang, glossary)
        else:
            texts = [seg.source for seg in pending]
            outputs = engine.translate_texts(
                texts, doc.source_lang, lang, progress.advance if progress else None, recorder
            )
            for seg, text in zip(pending, outputs, strict=True):
                seg.translations[lang] = Translation(
                    text=text, origin=info.origin, engine=info.engine, model=info.model
                )
        if recorder is not None:
            recorder.store_final(pending)
        if progress is not None:
            progress.finish(lang)
        runs.append(
            LanguageRun(
                lang=lang,
                engine=info.engine,
                model=info.model,
                seconds=time.perf_counter() - started,
                segments=len(segments),
                from_engine=len(pending) - from_glossary,
                from_memory=len(segments) - len(pending),
                from_glossary=from_glossary,
                terms=count_terms(segments, lang) if glossary is not None else {},
            )
        )
    return runs


def _others(segments: list[Segment], subset: list[Segment]) -> list[Segment]:
    """``segments`` not in ``subset``, in order (by identity: segments compare by value)."""
    inside = {id(seg) for seg in subset}
    return [seg for seg in segments if id(seg) not in inside]


def _recheck_reused(
    segments: list[Segment], pending: list[Segment], lang: str, glossary: Glossary
) -> list[Segment]:
    """Check translations reused from the memory against today's glossary.

    Human work is only checked, never changed.  Machine output that misses a term
    (made under an older glossary) goes back to the engine, with the rest."""
    reused = _others(segments, pending)
    check_segments(reused, lang, glossary)
    stale = {
        id(seg)
        for seg in reused
        if seg.translations[lang].origin is not Origin.HUMAN
        and not seg.translations[lang].compliant
    }
    for seg in reused:
        if id(seg) in stale:
            del seg.translations[lang]
    waiting = stale | {id(seg) for seg in pending}
    return [seg for seg in segments if id(seg) in waiting]


@contextlib.contextmanager
def _open_memory(job: TranslateJob, engine: Engine) -> Iterator[TranslationMemory | None]:
    """The job's translation memory; None with ``use_tm=False`` or an engine that
    does not translate (pseudo-localisation)."""
    if not job.use_tm or engine.origin is not Origin.MT:
        yield None
        return
    with open_memory(job.tm) as memory:
        yield memory


def _check_export_settings(settings: ExportSettings) -> None:
    from polyglot.formats.html import normalise_base_url

    if settings.base_url is not None:
        normalise_base_url(settings.base_url)
    if settings.template_dir is not None and not settings.template_dir.is_dir():
        what = "is a file, not a folder" if settings.template_dir.exists() else "does not exist"
        raise UsageError(
            f"the template folder {settings.template_dir} {what}",
            "give the folder holding your own templates (copy polyglot/templates/ to start)",
        )


def translate_file(
    job: TranslateJob, progress: Progress | None = None, stdin: bytes | None = None
) -> RunResult:
    """Translate one article file and write every output atomically."""
    # Options and the output folder are checked before any work: a typo must not cost
    # a translation.
    _check_export_settings(job.export)
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
        for lang in job.targets:  # fail on a missing model before any work is done
            engine.prepare(doc.source_lang, lang)
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
            run.languages = translate_document(doc, job.targets, engine, progress, memory, glossary)
        settings = dataclasses.replace(job.export, glossary=glossary)
        with output_folder(out_dir, [job.source], reserved=True, force=job.force) as folder:
            for exporter in EXPORTERS:
                run.files.extend(exporter(doc, run, folder, settings))
            run.files.append("report.json")
            with atomic_write(folder / "report.json") as fp:
                write_report(fp, doc, run)
    return RunResult(doc, out_dir, run)
