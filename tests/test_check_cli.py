"""The QA checks at the command line: ``translate --strict`` (exit 7 while an error-level
result remains, outputs still written) and ``polyglot check FILE.tmx...``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.errors import QualityError

runner = CliRunner()

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT"
 adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu tuid="p1s1">
<tuv xml:lang="en"><seg>Since 2009, two satellites have been operating.</seg></tuv>
<tuv xml:lang="ru"><seg>С {year} года работают два спутника.</seg></tuv>
</tu>
<tu tuid="p1s2">
<tuv xml:lang="en"><seg>The sides discussed the space cooperation.</seg></tuv>
<tuv xml:lang="ru"><seg>Стороны обсудили сотрудничество в космической сфере.</seg></tuv>
</tu>
</body>
</tmx>
"""


def translate(args, test_packages_dir, tmp_path):
    return runner.invoke(
        app,
        ["translate", *args, "--models-dir", str(test_packages_dir), "--no-tm", "--no-glossary"],
    )


def test_strict_exits_7_while_errors_remain_and_still_writes(
    seed_path, test_packages_dir, tmp_path
):
    out = tmp_path / "o"
    args = [str(seed_path), "--to", "kk", "--out", str(out), "--strict"]
    result = translate(args, test_packages_dir, tmp_path)
    assert result.exit_code == QualityError.exit_code == 7, result.output
    assert "error: the QA checks found" in result.output
    assert "kk: issues: " in result.output and "untranslated" in result.output
    report = json.loads((out / "report.json").read_text())
    errors = [
        c
        for seg in report["segments"]
        for c in seg["translations"]["kk"]["checks"]
        if c["severity"] == "error"
    ]
    assert errors and report["languages"][0]["errors"] == len(errors)
    assert {c["check"] for c in errors} == {"untranslated"}  # the copy model answers in English
    # re-run on up-to-date outputs: nothing is translated, but the errors are still there
    rerun = translate(args, test_packages_dir, tmp_path)
    assert "is up to date" in rerun.output
    assert rerun.exit_code == 7, rerun.output
    assert "error: the QA checks found" in rerun.output
    # without --strict the same run succeeds
    again = translate([*args[:-1], "--force"], test_packages_dir, tmp_path)
    assert again.exit_code == 0, again.output


def test_strict_passes_when_no_error_remains(test_packages_dir, tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("Yes.\n\nNo.\n", encoding="utf-8")  # too short for any check to judge
    out = tmp_path / "o"
    result = translate(
        [str(article), "--to", "ru", "--out", str(out), "--strict"], test_packages_dir, tmp_path
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert all(seg["translations"]["ru"]["checks"] == [] for seg in report["segments"])


def test_reviewed_pages_with_errors_keep_the_notice(seed_path, test_packages_dir, tmp_path):
    out = tmp_path / "o"
    result = translate(
        [str(seed_path), "--to", "kk", "--out", str(out), "--reviewed"], test_packages_dir, tmp_path
    )
    assert result.exit_code == 0, result.output
    assert "kk.html: not published as reviewed" in result.output
    page = (out / "kk.html").read_text()
    assert '<meta name="robots" content="noindex">' in page and "notice-machine" in page


def test_check_lists_every_problem_with_file_and_line_and_exits_7(tmp_path):
    bad = tmp_path / "edited.tmx"
    bad.write_text(TMX.format(year="2019"), encoding="utf-8")
    good = tmp_path / "good.tmx"
    good.write_text(TMX.format(year="2009"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--no-glossary", str(good), str(bad)])
    assert result.exit_code == 7, result.output
    lines = [line for line in result.output.splitlines() if line.startswith(str(bad))]
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"{bad}:8: ru p1s1: numbers error: number 2009")
    assert f"{good}: no problems found in 2 units" in result.output
    ok = runner.invoke(app, ["check", "--no-glossary", str(good)])
    assert ok.exit_code == 0, ok.output


def test_check_on_a_missing_file_is_an_input_error(tmp_path):
    result = runner.invoke(app, ["check", "--no-glossary", str(tmp_path / "none.tmx")])
    assert result.exit_code == 3
    assert "no such file" in result.output
