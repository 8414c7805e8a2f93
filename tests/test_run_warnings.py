"""What a translate run tells the user beside its outputs (issue 18, items 8, 9, 16):
a run without a glossary says so, a dateline the glossary cannot render names the
missing row, and the summary's parts add up to the segment count."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import EngineOptions
from polyglot.glossary.apply import NO_GLOSSARY_WARNING
from polyglot.model import Severity
from polyglot.pipeline import TranslateJob, translate_file

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def translate(seed: Path, out: Path, models: Path, *extra: str):
    args = ["translate", str(seed), "--to", "kk,ru", "--out", str(out), "--no-tm"]
    return runner.invoke(app, [*args, "--models-dir", str(models), *extra])


def test_a_run_without_a_glossary_says_so_once(seed_path, tmp_path, test_packages_dir):
    # the current folder (the test's HOME) has no glossary.csv
    result = translate(seed_path, tmp_path / "a", test_packages_dir)
    assert result.exit_code == 0, result.output
    assert result.output.count("warning: no glossary") == 1
    assert "--glossary FILE" in result.output and "--no-glossary" in result.output
    report = json.loads((tmp_path / "a" / "report.json").read_text())
    assert NO_GLOSSARY_WARNING in report["warnings"]
    for explicit in (["--no-glossary"], ["--glossary", str(REPO / "glossary.csv")]):
        result = translate(seed_path, tmp_path / "b", test_packages_dir, *explicit)
        assert result.exit_code == 0, result.output
        assert "no glossary" not in result.output


def test_a_dateline_city_missing_from_the_glossary_is_flagged(
    seed_path, tmp_path, test_packages_dir
):
    almaty = tmp_path / "almaty.txt"
    almaty.write_text(seed_path.read_text().replace("ASTANA. KAZINFORM", "ALMATY. KAZINFORM"))
    job = TranslateJob(
        source=almaty,
        targets=["kk", "ru"],
        out_dir=tmp_path / "out",
        engine_options=EngineOptions(models_dir=test_packages_dir),
        glossary=REPO / "glossary.csv",
        use_tm=False,
    )
    result = translate_file(job)
    dateline = result.document.segment("p1s1")
    assert dateline.translations["kk"].text == "ALMATY. ҚазАқпарат"  # the half-translation
    for lang in ("kk", "ru"):
        (issue,) = dateline.translations[lang].issues
        assert issue.check == "glossary" and issue.severity is Severity.WARNING
        assert f"no {lang} form for 'ALMATY'" in issue.message
        assert [(s.start, s.end) for s in issue.spans] == [(0, 6)]
    (warning,) = [w for w in result.info.warnings if "dateline" in w]
    assert "'ALMATY' (kk, ru)" in warning
    assert "polyglot glossary add ALMATY --case-sensitive --type place" in warning
    # the usual dateline is rendered from the glossary: nothing to flag
    result = translate_file(dataclasses.replace(job, source=seed_path))
    assert not any("dateline" in w for w in result.info.warnings)
    assert result.document.segment("p1s1").translations["kk"].issues == []


def test_the_summary_adds_up(seed_path, tmp_path, test_packages_dir):
    shutil.copy(REPO / "glossary.csv", Path.cwd() / "glossary.csv")
    args = ["translate", str(seed_path), "--to", "ru", "--models-dir", str(test_packages_dir)]
    args += ["--tm", str(tmp_path / "tm.sqlite")]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 0
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "b")])  # the memory has it all
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("ru: ") and "segments" in x)
    total, memory, engine, glossary = map(
        int,
        re.match(
            r"ru: (\d+) segments .*: (\d+) from the translation memory .*, (\d+) from the "
            r"engine .*, (\d+) from the glossary alone$",
            line,
        ).groups(),  # type: ignore[union-attr]
    )
    assert memory + engine + glossary == total == 10
    assert glossary == 1
