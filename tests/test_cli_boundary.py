"""The CLI's error boundary as a shell user meets it (issue 18, items 11, 12 and 16):
a closed pipe ends quietly, --debug changes nothing but the traceback, errors come
first on stderr, and --help shows no type after flags."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot.cli import app

runner = CliRunner()


def polyglot(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "polyglot", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def big_glossary(tmp_path: Path) -> Path:
    """Many times the size of a pipe's buffer (64 KiB), so the writer meets a closed pipe."""
    rows = "".join(f"Term {i},Терм {i},Терм {i},Terme {i},other,,,\n" for i in range(6000))
    path = tmp_path / "glossary.csv"
    path.write_text("en,kk,ru,fr,type,case_sensitive,do_not_translate,note\n" + rows)
    return path


@pytest.mark.parametrize("command", ["glossary list", "segment"])
def test_a_closed_pipe_ends_quietly(tmp_path, command):
    # `polyglot glossary list | head -1`, `polyglot segment big.txt | true`
    if command == "segment":
        article = tmp_path / "big.txt"
        article.write_text("\n\n".join(f"Sentence number {i} is here." for i in range(8000)))
        args = ["segment", str(article)]
    else:
        args = ["glossary", "list", "--file", str(big_glossary(tmp_path))]
    proc = polyglot(*args)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader went away
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141  # 128 + SIGPIPE, as a Unix tool killed by it
    assert err == ""


def test_debug_adds_the_traceback_and_keeps_the_exit_code(tmp_path):
    plain = runner.invoke(app, ["translate", str(tmp_path / "missing.txt"), "--to", "ru"])
    debug = runner.invoke(
        app, ["--debug", "translate", str(tmp_path / "missing.txt"), "--to", "ru"]
    )
    assert plain.exit_code == debug.exit_code == 3
    assert "Traceback" not in plain.output
    assert "Traceback" in debug.output
    assert "missing.txt: no such file" in debug.output
    debug = runner.invoke(app, ["--debug", "translate", "x.txt", "--to", "xx"])
    assert debug.exit_code == 2


def test_an_error_is_the_first_thing_on_stderr(tmp_path):
    proc = polyglot("translate", str(tmp_path / "missing.txt"), "--to", "ru", cwd=tmp_path)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 3
    assert err.decode().startswith("error: ")


@pytest.mark.parametrize(
    "args", [[], ["translate"], ["glossary"], ["glossary", "add"], ["tm", "export"]]
)
def test_help_shows_no_type_after_flags(args):
    result = runner.invoke(app, [*args, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "--help" in result.output
    assert "<bool>" not in result.output
