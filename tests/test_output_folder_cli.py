"""The output folder through the real CLI: nothing of the user's is lost (issue 18.1),
and a run killed in the middle of the folder swap loses no output (issue 19.1)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.fileio import OUTPUT_MARKER

runner = CliRunner()


def translate(seed_path: Path, out: Path, models: Path, *extra: str):
    args = ["translate", str(seed_path), "--to", "ru", "--out", str(out), "--no-tm"]
    return runner.invoke(app, [*args, "--models-dir", str(models), *extra])


def test_a_rerun_keeps_the_users_file_in_the_output_folder(seed_path, tmp_path, test_packages_dir):
    prev = tmp_path / "prev"
    assert translate(seed_path, prev, test_packages_dir).exit_code == 0
    (prev / "my-edits.txt").write_text("notes\n")
    before = {p.name: p.read_bytes() for p in prev.iterdir()}
    result = translate(seed_path, prev, test_packages_dir)
    assert result.exit_code == 5
    assert "did not write: my-edits.txt" in result.output
    assert "--force" in result.output
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in prev.iterdir()} == before


def test_a_page_edited_by_hand_is_refused_and_named_until_forced(
    seed_path, tmp_path, test_packages_dir
):
    prev = tmp_path / "prev"
    assert translate(seed_path, prev, test_packages_dir).exit_code == 0
    edited = (prev / "ru.html").read_text() + "<!-- corrected by the desk -->\n"
    (prev / "ru.html").write_text(edited)
    result = translate(seed_path, prev, test_packages_dir)
    assert result.exit_code == 5
    assert "changed since polyglot wrote them: ru.html" in result.output
    assert (prev / "ru.html").read_text() == edited
    result = translate(seed_path, prev, test_packages_dir, "--force")
    assert result.exit_code == 0, result.output
    assert "corrected by the desk" not in (prev / "ru.html").read_text()
    assert translate(seed_path, prev, test_packages_dir).exit_code == 0  # a clean output again


# A run killed (SIGKILL) just before the second rename of the swap, ``.out.X.new -> out``.
KILLED_RUN = textwrap.dedent(
    """
    import os, signal, sys
    real = os.replace
    def replace(src, dst, *args, **kwargs):
        if str(src).endswith(".new") and os.path.basename(str(dst)) == "out":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)
    os.replace = replace
    from polyglot.cli import main
    sys.argv = ["polyglot", *sys.argv[1:]]
    main()
    """
)


def test_a_run_killed_between_the_renames_loses_no_output(seed_path, tmp_path, test_packages_dir):
    out = tmp_path / "out"
    common = [str(seed_path), "--to", "ru", "--out", str(out), "--no-tm"]
    assert runner.invoke(app, ["translate", *common, "--engine", "pseudo"]).exit_code == 0
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILLED_RUN,
            "translate",
            *common,
            "--models-dir",
            str(test_packages_dir),
        ],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    assert not out.exists()  # the fault: only .out.*.old and .out.*.new are left
    left = {p.suffix: p for p in tmp_path.iterdir() if p.name.startswith(".out.")}
    assert sorted(left) == [".lock", ".new", ".old"]
    new_page = (left[".new"] / "ru.html").read_text()
    assert new_page != (left[".old"] / "ru.html").read_text()
    # the next run fails early (no model for en-fr here), but restores the output first
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "fr",
            "--out",
            str(out),
            "--models-dir",
            str(tmp_path / "no-models"),
        ],
    )
    assert result.exit_code == 4
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "no-models") == ["out"]
    assert OUTPUT_MARKER in os.listdir(out)
    assert (out / "ru.html").read_text() == new_page  # the newer complete copy
