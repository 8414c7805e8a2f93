"""The OmegaT project ``translate --omegat`` writes, opened by the real OmegaT, and the way back.

OmegaT 3.6 (Debian package ``omegat``, listed in ci/apt-packages.txt) runs in
console mode (``--mode=console-translate``): it loads the project, pre-fills
segments from ``tm/auto/``, writes the translated documents into ``target/``,
its statistics into ``omegat/project_stats.txt`` and its project memory as
``<project>-omegat.tmx`` (without polyglot's props).  A translator's edits are
what OmegaT keeps in ``omegat/project_save.tmx``; the tests write that file as
OmegaT does, since console mode has no editor.  A missing OmegaT fails the tests.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from translate.storage.xliff import xlifffile

from polyglot.engines import EngineOptions
from polyglot.formats import DEFAULT_FORMATS
from polyglot.formats.text import render_text
from polyglot.glossary.apply import load_glossary
from polyglot.model import Document
from polyglot.pipeline import RunResult, TranslateJob, translate_file
from polyglot.tm.exchange import import_tmx_file

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ab846ab5c136d731.txt"
WIRE = REPO / "tests" / "data" / "omegat" / "wire.txt"
OMEGAT = Path("/usr/share/omegat")
TARGETS = ["kk", "ru", "fr"]
NOW = dt.datetime(2017, 9, 11, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def omegat_jar() -> Path:
    jar = OMEGAT / "OmegaT.jar"
    if jar.is_file() and shutil.which("java"):
        return jar
    pytest.fail(f"OmegaT is not installed ({jar} or java missing): see ci/apt-packages.txt")


def translate(article: Path, out: Path, engine: str, packages: Path | None = None) -> RunResult:
    """``polyglot translate ARTICLE --to kk,ru,fr --omegat``, through the library."""
    job = TranslateJob(
        source=article,
        targets=TARGETS,
        out_dir=out,
        engine=engine,
        engine_options=EngineOptions(models_dir=packages),
        glossary=REPO / "glossary.csv",
        tm=out.parent / "memory.sqlite",
        formats=(*DEFAULT_FORMATS, "omegat"),
        now=lambda: NOW,
    )
    return translate_file(job)


def run_omegat(jar: Path, project: Path, config: Path) -> dict[str, int]:
    """Console-translate the project; OmegaT's own segment counts (Total, Remaining)."""
    proc = subprocess.run(
        [
            "java",
            "-Djava.awt.headless=true",
            "-jar",
            str(jar),
            str(project),
            "--mode=console-translate",
            f"--config-dir={config}",
            "--disable-project-locking",
            "--no-team",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    counts = {}
    for name in ("Total", "Remaining"):
        match = re.search(rf"^{name}:\s+(\d+)", stats, re.MULTILINE)
        assert match, stats
        counts[name] = int(match.group(1))
    return counts


def open_copy(out: Path, lang: str, tmp: Path) -> Path:
    """The translator's copy of the project (polyglot replaces its output folder whole)."""
    project = tmp / f"omegat-{lang}"
    shutil.copytree(out / f"omegat-{lang}", project)
    return project


def own_memory(run: RunResult, tmp: Path) -> Path:
    """A copy of the run's translation memory, so that tests do not see each other's imports."""
    for path in run.out_dir.parent.glob("memory.sqlite*"):
        shutil.copy(path, tmp / path.name)
    return tmp / "memory.sqlite"


def segments(doc: Document) -> int:
    return sum(1 for _ in doc.segments())


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory, test_packages_dir: Path) -> RunResult:
    """The seed, translated with the real copy-model packages and the repo's glossary."""
    out = tmp_path_factory.mktemp("seed") / "out"
    return translate(SEED, out, "argos", test_packages_dir)


@pytest.fixture(scope="module")
def wire_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The multi-paragraph wire story, pseudo-translated (every target differs from its source)."""
    out = tmp_path_factory.mktemp("wire") / "out"
    return translate(WIRE, out, "pseudo")


def test_the_project_holds_what_omegat_needs(seed_run):
    project = seed_run.out_dir / "omegat-ru"
    names = {p.relative_to(project).as_posix() for p in project.rglob("*")}
    stem = seed_run.document.name
    assert {
        "omegat.project",
        f"source/{stem}.txt",
        "omegat/segmentation.srx",
        "omegat/segmentation.conf",
        f"tm/auto/{stem}.en-ru.tmx",
        "glossary/polyglot.txt",
        "target",
        "dictionary",
    } <= names
    source = (project / "source" / f"{stem}.txt").read_text(encoding="utf-8")
    assert source == render_text(seed_run.document)
    assert not source.startswith(" date") and source.startswith("ASTANA. KAZINFORM Kazakh")
    assert (project / f"tm/auto/{stem}.en-ru.tmx").read_bytes() == (
        seed_run.out_dir / f"{stem}.en-ru.tmx"
    ).read_bytes()


@pytest.mark.parametrize("lang", TARGETS)
def test_omegat_prefills_every_segment_of_the_seed(omegat_jar, seed_run, lang, tmp_path):
    project = open_copy(seed_run.out_dir, lang, tmp_path)
    counts = run_omegat(omegat_jar, project, tmp_path / "config")
    assert counts == {"Total": segments(seed_run.document), "Remaining": 0}
    target = (project / "target" / f"{seed_run.document.name}.txt").read_text(encoding="utf-8")
    assert target == render_text(seed_run.document, lang)


@pytest.mark.parametrize("lang", TARGETS)
def test_omegat_prefills_every_segment_of_a_story_with_quotes_and_abbreviations(
    omegat_jar, wire_run, lang, tmp_path
):
    project = open_copy(wire_run.out_dir, lang, tmp_path)
    counts = run_omegat(omegat_jar, project, tmp_path / "config")
    assert counts == {"Total": segments(wire_run.document), "Remaining": 0}
    assert counts["Total"] == 14
    target = (project / "target" / f"{wire_run.document.name}.txt").read_text(encoding="utf-8")
    assert target == render_text(wire_run.document, lang)


def test_without_segmentation_conf_omegat_36_misses_the_first_paragraph(
    omegat_jar, seed_run, tmp_path
):
    """Why the project carries segmentation.conf: OmegaT 3.6 ignores segmentation.srx,
    and its default rules split "ASTANA. KAZINFORM", so two segments match nothing."""
    project = open_copy(seed_run.out_dir, "ru", tmp_path)
    (project / "omegat" / "segmentation.conf").unlink()
    counts = run_omegat(omegat_jar, project, tmp_path / "config")
    assert counts == {"Total": segments(seed_run.document), "Remaining": 2}


def test_omegat_reads_the_projects_glossary(seed_run, tmp_path):
    """OmegaT's own glossary reader takes every term of the glossary, as polyglot has it."""
    classpath = f"{tmp_path}:{OMEGAT / 'OmegaT.jar'}:{OMEGAT / 'lib' / '*'}"
    source = REPO / "tests" / "data" / "omegat" / "GlossaryOmegaT.java"
    assert shutil.which("javac"), "needs a JDK (see ci/apt-packages.txt)"
    subprocess.run(["javac", "-d", str(tmp_path), "-cp", classpath, str(source)], check=True)
    glossary = load_glossary(REPO / "glossary.csv")
    assert glossary is not None
    for lang in TARGETS:
        path = seed_run.out_dir / f"omegat-{lang}" / "glossary" / "polyglot.txt"
        out = subprocess.run(
            ["java", "-cp", classpath, "GlossaryOmegaT", str(path)],
            capture_output=True,
            check=True,
        )
        read = [line.split("\t")[:2] for line in out.stdout.decode("utf-8").splitlines()]
        expected = [[e.en, e.target(lang)] for e in glossary.for_lang(lang)]
        assert read == expected
        assert ["Astana", {"kk": "Астана", "ru": "Астана", "fr": "Astana"}[lang]] in read


def _project_save(pairs: dict[str, str], lang: str) -> str:
    """``omegat/project_save.tmx`` as OmegaT 3.6 writes a translator's work."""
    units = "".join(
        f'    <tu>\n      <tuv lang="en">\n        <seg>{escape(s)}</seg>\n      </tuv>\n'
        f'      <tuv lang="{lang}" changeid="translator" changedate="20170912T100000Z" '
        f'creationid="translator" creationdate="20170912T100000Z">\n'
        f"        <seg>{escape(t)}</seg>\n      </tuv>\n    </tu>\n"
        for s, t in pairs.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n'
        '<tmx version="1.1">\n  <header creationtool="OmegaT" o-tmf="OmegaT TMX" '
        'adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0_10" '
        'segtype="sentence" srclang="en"/>\n  <body>\n' + units + "  </body>\n</tmx>\n"
    )


def test_omegats_project_memory_comes_back_with_only_the_edits_human(
    omegat_jar, seed_run, tmp_path, test_packages_dir
):
    """The issue's way back: OmegaT re-saves the memory without polyglot's props; the
    edited sentences become human, the eight unedited machine translations stay MT,
    and the republished page marks exactly the two edited sentences human."""
    doc = seed_run.document
    project = open_copy(seed_run.out_dir, "ru", tmp_path)
    edited = {doc.segment(sid).source: f"Правка {sid}." for sid in ("p3s1", "p6s1")}
    (project / "omegat" / "project_save.tmx").write_text(_project_save(edited, "ru"), "utf-8")
    assert run_omegat(omegat_jar, project, tmp_path / "config")["Remaining"] == 0
    target = (project / "target" / f"{doc.name}.txt").read_text(encoding="utf-8")
    assert "Правка p3s1." in target and "Правка p6s1." in target
    saved = project / f"{project.name}-omegat.tmx"
    assert b"<prop" not in saved.read_bytes()  # OmegaT keeps none of polyglot's props
    report = import_tmx_file(saved, own_memory(seed_run, tmp_path))
    assert report.outcomes == {"added": 2}
    assert report.unchanged_machine == segments(doc) - 2
    again = translate(SEED, tmp_path / "again", "argos", test_packages_dir)  # same memory
    page = (again.out_dir / "ru.html").read_text(encoding="utf-8")
    human = re.findall(r'data-seg="(p\d+s\d+)"[^>]*data-origin="human"', page)
    assert human == ["p3s1", "p6s1"], page


def test_omegats_xliff_filter_imports_polyglots_xliff_and_writes_it_back(
    omegat_jar, seed_run, tmp_path
):
    """OmegaT 3.6's XLIFF filter translates each unit's <target> (it expects a copy of
    the source there): it sees one segment per unit, writes edits into the targets and
    leaves everything else of the file as it was."""
    doc = seed_run.document
    name = f"{doc.name}.en-ru.xlf"
    project = tmp_path / "xliff-project"
    shutil.copytree(seed_run.out_dir / "omegat-ru", project)
    shutil.rmtree(project / "tm" / "auto")  # nothing pre-filled: the targets hold the MT
    (project / "source" / f"{doc.name}.txt").unlink()
    shutil.copy(seed_run.out_dir / name, project / "source" / name)
    settings = project / "omegat.project"
    settings.write_text(
        settings.read_text("utf-8").replace("<sentence_seg>true", "<sentence_seg>false"), "utf-8"
    )
    mt = {sid: doc.segment(sid).translations["ru"].text for sid in ("p2s1", "p5s1")}
    edits = {text: f"Правка {sid}." for sid, text in mt.items()}
    (project / "omegat" / "project_save.tmx").write_text(_project_save(edits, "ru"), "utf-8")
    counts = run_omegat(omegat_jar, project, tmp_path / "config")
    assert counts == {"Total": segments(doc), "Remaining": segments(doc) - 2}
    written = project / "target" / name
    store = xlifffile(written.read_bytes())
    assert [u.xmlelement.get("id") for u in store.units] == [s.id for s in doc.segments()]
    for unit, seg in zip(store.units, doc.segments(), strict=True):
        expected = f"Правка {seg.id}." if seg.id in mt else seg.translations["ru"].text
        assert (unit.source, unit.target) == (seg.source, expected)
    report = import_tmx_file(written, own_memory(seed_run, tmp_path))
    assert report.outcomes == {"added": 2}
    assert report.unchanged_machine == segments(doc) - 2


def test_a_second_run_replaces_the_project_but_never_a_translators_work_in_it(tmp_path):
    """The project's empty folders (target/, dictionary/) are polyglot's: a second run
    replaces them; a file OmegaT wrote into the project makes the run stop instead."""
    from typer.testing import CliRunner

    from polyglot.cli import app

    out = tmp_path / "out"
    args = ["translate", str(SEED), "--to", "ru", "--engine", "pseudo", "--no-tm", "--omegat"]
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, [*args, "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert (out / "omegat-ru" / "target").is_dir()
    (out / "omegat-ru" / "omegat" / "project_save.tmx").write_text("<tmx/>", encoding="utf-8")
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 5
    assert "omegat-ru/omegat/project_save.tmx" in result.output
    assert (out / "omegat-ru" / "omegat" / "project_save.tmx").read_text() == "<tmx/>"
