"""The real consumers of our TMX: Translate Toolkit and OmegaT.

OmegaT runs for real (Debian package ``omegat``, listed in ci/apt-packages.txt):
a project built in a temporary folder holds the article's sentences as a
plain-text source file and one of our TMX files in ``tm/auto/``; console
translation must pre-fill every sentence with our translation in the project's
target language.  A missing OmegaT fails the test.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from polyglot.engines import EngineOptions, load_engine
from polyglot.formats.base import render_bytes
from polyglot.formats.tmx import render_lang_tag, write_tmx
from polyglot.model import Document
from polyglot.pipeline import read_document, translate_document

NOW = dt.datetime(2017, 9, 11, 8, 30, tzinfo=dt.UTC)
TARGETS = ["kk", "ru", "fr"]
OMEGAT_JAR = Path(os.environ.get("POLYGLOT_OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """The seed article, pseudo-translated into kk, ru and fr."""
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_ab846ab5c136d731.txt"
    doc = read_document(seed)
    translate_document(doc, TARGETS, load_engine("pseudo", EngineOptions()))
    return doc


def tmx_bytes(doc: Document, langs: list[str], region_tags: bool = False) -> bytes:
    data, report = render_bytes(
        write_tmx,
        doc,
        langs,
        source_lang="en",
        region_tags=region_tags,
        now=NOW,
        tool_version="9.9.9",
    )
    assert report.dropped == [] and report.removed == []
    return data


# --------------------------------------------------------------------------- Translate Toolkit


@pytest.mark.parametrize("region_tags", [False, True])
@pytest.mark.parametrize("lang", TARGETS)
def test_translate_toolkit_reads_every_unit_of_a_pair_file(translated, lang, region_tags):
    store = tmxfile(io.BytesIO(tmx_bytes(translated, [lang], region_tags)))
    assert store.sourcelanguage == render_lang_tag("en", region_tags)
    segments = list(translated.segments())
    assert len(store.units) == len(segments)
    for unit, seg in zip(store.units, segments, strict=True):
        assert unit.getid() == seg.id
        assert unit.source == seg.source
        assert unit.target == seg.translations[lang].text


@pytest.mark.parametrize("lang", TARGETS)
def test_translate_toolkit_reads_each_language_of_the_multilingual_file(translated, lang):
    store = tmxfile(
        io.BytesIO(tmx_bytes(translated, TARGETS, region_tags=True)),
        targetlanguage=render_lang_tag(lang, region_tags=True),
    )
    for unit, seg in zip(store.units, translated.segments(), strict=True):
        assert (unit.source, unit.target) == (seg.source, seg.translations[lang].text)


# --------------------------------------------------------------------------- OmegaT

PROJECT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


@pytest.fixture(scope="module")
def omegat() -> Path:
    if OMEGAT_JAR.is_file() and shutil.which("java"):
        return OMEGAT_JAR
    pytest.fail(
        f"OmegaT is not installed ({OMEGAT_JAR} or java missing): apt-get install omegat "
        "(see ci/apt-packages.txt)"
    )


def run_omegat(jar: Path, doc: Document, tmx: bytes, lang: str, tmp: Path, region: bool) -> str:
    """Build an OmegaT project around ``tmx``, translate it in console mode, return
    the translated source file."""
    project = tmp / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)  # OmegaT 3.6 needs glossary/ to exist
    (project / "omegat.project").write_text(
        PROJECT_FILE.format(
            source=render_lang_tag("en", region), target=render_lang_tag(lang, region)
        ),
        encoding="utf-8",
    )
    # One sentence per paragraph, project segmentation off: OmegaT's segments are
    # exactly our units (its own rules would split the dateline "ASTANA. KAZINFORM").
    sentences = "\n\n".join(seg.source for seg in doc.segments()) + "\n"
    (project / "source" / "article.txt").write_text(sentences, encoding="utf-8")
    (project / "tm" / "auto" / f"article.en-{lang}.tmx").write_bytes(tmx)
    proc = subprocess.run(
        [
            "java",
            "-Djava.awt.headless=true",
            "-jar",
            str(jar),
            str(project),
            "--mode=console-translate",
            f"--config-dir={tmp / 'config'}",
            "--disable-project-locking",
            "--no-team",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Reading of TMX file complete" in proc.stdout + proc.stderr
    return (project / "target" / "article.txt").read_text(encoding="utf-8")


def expected_target(doc: Document, lang: str) -> list[str]:
    return [seg.translations[lang].text for seg in doc.segments()]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.mark.parametrize("lang", TARGETS)
def test_omegat_prefills_the_project_from_each_pair_file(omegat, translated, tmp_path, lang):
    target = run_omegat(omegat, translated, tmx_bytes(translated, [lang]), lang, tmp_path, False)
    assert paragraphs(target) == expected_target(translated, lang)


def test_omegat_with_region_tags(omegat, translated, tmp_path):
    tmx = tmx_bytes(translated, ["kk"], region_tags=True)
    target = run_omegat(omegat, translated, tmx, "kk", tmp_path, True)
    assert paragraphs(target) == expected_target(translated, "kk")


def test_omegat_picks_its_language_from_the_multilingual_file(omegat, translated, tmp_path):
    tmx = tmx_bytes(translated, TARGETS)
    target = run_omegat(omegat, translated, tmx, "ru", tmp_path, False)
    assert paragraphs(target) == expected_target(translated, "ru")


def test_omegat_fills_another_language_when_units_lack_the_target(omegat, translated, tmp_path):
    """Why units without the target language are dropped, never written: OmegaT 3.6
    pre-fills a kk project with the Russian of an en-ru memory."""
    target = run_omegat(omegat, translated, tmx_bytes(translated, ["ru"]), "kk", tmp_path, False)
    assert paragraphs(target) == expected_target(translated, "ru")
