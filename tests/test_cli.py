"""The command line as users run it: exit codes, messages, outputs."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from polyglot.cli import app

runner = CliRunner()


def test_help_imports_no_heavy_library():
    # The translation memory (sqlite3, ~50 ms with tm.exchange) is for the commands that
    # use it: ``tm import``'s --max-size default is read from the light polyglot.tm.
    code = (
        "import sys, runpy\n"
        "sys.argv = ['polyglot', '--help']\n"
        "try:\n    runpy.run_module('polyglot', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'torch',"
        " 'stanza', 'lxml', 'babel', 'sqlite3', 'polyglot.tm.store', 'polyglot.tm.exchange')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "translate" in proc.stdout
    assert "HEAVY []" in proc.stderr


def test_python_dash_m_works():
    proc = subprocess.run(
        [sys.executable, "-m", "polyglot", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("polyglot ")


def test_translate_with_pseudo_engine_writes_every_output(seed_path, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "kk,ru,fr", "--engine", "pseudo", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    stem = seed_path.stem
    for lang in ("kk", "ru", "fr"):
        text = (out / f"{stem}.{lang}.txt").read_text(encoding="utf-8")
        assert text.startswith(f"⟦{lang}: ÅŠŢÅÑÅ. ĶÅŽÎÑFÖŘM")
        assert text.count("\n\n") == 8  # nine paragraphs
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [lr["lang"] for lr in report["languages"]] == ["kk", "ru", "fr"]
    assert report["source"]["date"] == "2017-09-11"
    assert report["segments"][0]["id"] == "p1s1"
    assert report["segments"][0]["translations"]["kk"]["origin"] == "pseudo"


def test_unknown_language_code(seed_path):
    result = runner.invoke(app, ["translate", str(seed_path), "--to", "ru,xx"])
    assert result.exit_code == 2
    assert "unknown language code 'xx'" in result.output
    assert "Traceback" not in result.output


def test_country_code_for_kazakh_is_refused_with_the_right_code(seed_path):
    result = runner.invoke(app, ["translate", str(seed_path), "--to", "kz"])
    assert result.exit_code == 2
    assert "use 'kk' (Kazakh)" in result.output


def test_missing_model_names_the_pair_and_the_install_command(seed_path, tmp_path):
    out = tmp_path / "out"
    (tmp_path / "none").mkdir()  # a models folder without the pair
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "ru",
            "--models-dir",
            str(tmp_path / "none"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 4
    assert "no model installed for en→ru" in result.output
    assert "polyglot models install en-ru" in result.output
    assert not out.exists()


def test_missing_file_is_exit_3_without_traceback(tmp_path):
    result = runner.invoke(app, ["segment", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3
    assert "nope.txt: no such file" in result.output
    assert "Traceback" not in result.output


def test_directory_is_not_an_article(tmp_path):
    result = runner.invoke(app, ["segment", str(tmp_path)])
    assert result.exit_code == 3
    assert "is a folder" in result.output


def test_segment_prints_one_segment_per_line(seed_path):
    result = runner.invoke(app, ["segment", str(seed_path)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "ASTANA. KAZINFORM"
    assert len(lines) == 10


def test_segment_json_from_stdin():
    result = runner.invoke(app, ["segment", "-", "--json"], input=" date 2020-05-01 A b. C d.")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["id"], r["start"], r["end"], r["paragraph"]) for r in rows] == [
        ("p1s1", 17, 21, 1),
        ("p1s2", 22, 26, 1),
    ]


def test_unexpected_errors_are_one_line_unless_debug(monkeypatch, seed_path):
    import polyglot.pipeline

    def boom(*args, **kwargs):
        raise ValueError("kaput")

    monkeypatch.setattr(polyglot.pipeline, "read_document", boom)
    result = runner.invoke(app, ["segment", str(seed_path)])
    assert result.exit_code == 70
    assert "unexpected error: ValueError: kaput" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["--debug", "segment", str(seed_path)])
    assert result.exit_code == 70  # --debug adds the traceback, nothing else
    assert "Traceback" in result.output
    assert "unexpected error: ValueError: kaput" in result.output
