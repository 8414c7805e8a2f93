"""Output formats: a registry of name -> module:Class, each with its own options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.errors import UsageError
from polyglot.formats import DEFAULT_FORMATS, FORMATS, format_class, load_formats
from polyglot.formats.base import OutputFile, OutputFormat
from polyglot.formats.html import HtmlOptions
from polyglot.formats.tmx import TmxOptions

runner = CliRunner()


def translate(seed: Path, out: Path, *args: str):
    return runner.invoke(
        app,
        ["translate", str(seed), "--to", "kk,ru", "--engine", "pseudo", "--out", str(out), *args],
    )


def test_every_registered_format_is_an_output_format_with_its_options():
    for name in FORMATS:
        cls = format_class(name)
        assert issubclass(cls, OutputFormat) and cls.name == name
        assert isinstance(cls().options, cls.Options)
    assert DEFAULT_FORMATS == ("text", "tmx", "xliff", "html", "report")


def test_format_chooses_what_a_run_writes(seed_path, tmp_path):
    result = translate(seed_path, tmp_path / "o", "--format", "tmx")
    assert result.exit_code == 0, result.output
    stem = seed_path.stem
    written = sorted(p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith("."))
    assert written == [f"{stem}.en-kk.tmx", f"{stem}.en-ru.tmx"]


def test_the_report_is_written_last_and_lists_every_file(seed_path, tmp_path):
    import json

    result = translate(seed_path, tmp_path / "o", "--format", "report, text")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    stem = seed_path.stem
    assert report["files"] == [f"{stem}.kk.txt", f"{stem}.ru.txt", "report.json"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("docx", "unknown output format 'docx'"), (" , ", "no output format given")],
)
def test_an_unknown_format_is_a_usage_error_before_any_work(seed_path, tmp_path, value, message):
    result = translate(seed_path, tmp_path / "o", "--format", value)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "o").exists()


def test_options_go_to_their_format_and_are_checked_when_it_is_made(tmp_path):
    tmx, html = load_formats(
        ["html", "tmx"], {"tmx": TmxOptions(region_tags=True), "html": HtmlOptions()}
    )
    assert (tmx.name, html.name) == ("tmx", "html")  # registry order
    assert tmx.options == TmxOptions(region_tags=True)
    with pytest.raises(UsageError, match="does not exist"):
        load_formats(["html"], {"html": HtmlOptions(template_dir=tmp_path / "nowhere")})
    with pytest.raises(UsageError, match="unknown output format 'docx'"):
        load_formats(["tmx"], {"docx": TmxOptions()})
    with pytest.raises(TypeError, match="TmxOptions"):
        load_formats(["tmx"], {"tmx": HtmlOptions()})


def test_the_registry_imports_no_format_until_one_is_chosen():
    code = (
        "import sys, polyglot.formats;"
        "print(sorted(m for m in ('lxml', 'jinja2', 'polyglot.formats.tmx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


class FolderFormat(OutputFormat):
    """A stand-in format that writes into a subfolder (as a CAT-tool project does)."""

    name = "folder"

    def files(self, doc, run):  # type: ignore[no-untyped-def]
        def write(fp):  # type: ignore[no-untyped-def]
            fp.write(doc.name)
            return []

        return [OutputFile("project/source/article.txt", write)]


def test_a_format_may_write_into_subfolders_and_a_second_run_replaces_them(
    seed_path, tmp_path, monkeypatch
):
    monkeypatch.setitem(FORMATS, "folder", f"{__name__}:FolderFormat")
    for _ in range(2):
        result = translate(seed_path, tmp_path / "o", "--format", "folder,report")
        assert result.exit_code == 0, result.output
    written = tmp_path / "o" / "project" / "source" / "article.txt"
    assert written.read_text() == seed_path.stem


def test_a_name_ending_in_a_slash_is_an_empty_folder():
    assert OutputFile("project/target/", lambda fp: []).is_folder
    assert not OutputFile("project/source/a.txt", lambda fp: []).is_folder


@pytest.mark.parametrize("name", ["", "/", "/etc/x", "../x", "a/../../x", "a//b", "./x", "a\\b"])
def test_a_file_name_must_stay_inside_the_output_folder(name):
    with pytest.raises(ValueError, match="not a file name inside the output folder"):
        OutputFile(name, lambda fp: [])
