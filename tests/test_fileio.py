"""Atomic outputs: nothing half-written, nothing of the user's lost, one run at a time."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from polyglot.errors import OutputError
from polyglot.fileio import (
    OUTPUT_MARKER,
    atomic_write,
    check_output_folder,
    output_folder,
    run_lock,
)


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as fp:
        fp.write("new, but incomplete")
        raise RuntimeError("disk on fire")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["a.txt"]


def earlier_output(dest):
    """A folder as an earlier polyglot run left it."""
    dest.mkdir()
    (dest / OUTPUT_MARKER).write_text("polyglot")
    (dest / "old.txt").write_text("earlier run")
    return dest


def test_output_folder_is_swapped_in_whole(tmp_path):
    dest = earlier_output(tmp_path / "out")
    with output_folder(dest) as work:
        (work / "new.txt").write_text("fresh")
        assert (dest / "old.txt").exists()  # untouched until complete
    assert sorted(os.listdir(dest)) == [OUTPUT_MARKER, "new.txt"]
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_a_folder_of_the_users_is_never_replaced(tmp_path):
    dest = tmp_path / "news"
    dest.mkdir()
    (dest / "notes.txt").write_text("user's")
    with pytest.raises(OutputError, match=r"holds files polyglot did not write \(notes.txt\)"):
        check_output_folder(dest)
    with pytest.raises(OutputError), output_folder(dest):
        pass
    assert os.listdir(dest) == ["notes.txt"]
    check_output_folder(tmp_path / "empty")  # new
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty")  # empty


def test_the_input_and_the_current_folder_are_never_replaced(tmp_path, monkeypatch):
    article = earlier_output(tmp_path / "out") / "story.txt"
    article.write_text("text")
    with pytest.raises(OutputError, match="holds the input"):
        check_output_folder(tmp_path / "out", [article])
    monkeypatch.chdir(tmp_path / "out")
    with pytest.raises(OutputError, match="is the current folder"):
        check_output_folder(Path("."))
    with pytest.raises(OutputError, match="is the current folder"):
        check_output_folder(tmp_path)


def test_a_file_in_the_way(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        check_output_folder(tmp_path / "out")


def test_interrupted_run_leaves_the_existing_folder_as_it_was(tmp_path):
    dest = earlier_output(tmp_path / "out")
    with pytest.raises(KeyboardInterrupt), output_folder(dest) as work:
        (work / "partial.txt").write_text("half")
        raise KeyboardInterrupt
    assert sorted(os.listdir(dest)) == [OUTPUT_MARKER, "old.txt"]
    assert sorted(os.listdir(tmp_path)) == ["out"]  # no temp folder, no lock left


def test_a_second_run_on_the_same_folder_is_refused(tmp_path):
    dest = tmp_path / "out"
    with run_lock(dest), pytest.raises(OutputError, match="another polyglot run"), run_lock(dest):
        pass
    with run_lock(dest):  # released after the first run
        pass


def test_a_lock_left_by_a_killed_run_does_not_block(tmp_path):
    dest = tmp_path / "out"
    (tmp_path / ".out.lock").write_text("999999999")  # no such process
    with run_lock(dest):
        pass


@pytest.mark.parametrize(
    ("err", "message"),
    [
        (errno.EROFS, "cannot write here"),
        (errno.EACCES, "cannot write here"),
        (errno.ENOSPC, "disk is full"),
    ],
)
def test_unwritable_output_is_a_clear_error(tmp_path, monkeypatch, err, message):
    # Tests run as root in CI, where chmod cannot make a folder read-only: fail the OS call.
    def refuse(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(OutputError, match=message) as info, output_folder(tmp_path / "out"):
        pass
    assert info.value.hint
    assert sorted(os.listdir(tmp_path)) == []


def test_written_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "a.txt") as fp:
            fp.write("x")
        with output_folder(tmp_path / "out") as work:
            (work / "b.txt").write_text("y")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755


def test_a_full_disk_while_taking_the_lock(tmp_path, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError, match="disk is full"), run_lock(tmp_path / "out"):
        pass
    assert os.listdir(tmp_path) == []
