"""Atomic outputs: nothing half-written, nothing of the user's lost, one run at a time."""

from __future__ import annotations

import errno
import hashlib
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
    reserve_output,
    run_lock,
    write_marker,
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
    (dest / "old.txt").write_text("earlier run")
    write_marker(dest)
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
    write_marker(tmp_path / "out")  # even when polyglot's own marker lists it
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


# --- the manifest: a folder is replaced only while it holds nothing but polyglot's files


def test_the_marker_lists_every_file_with_its_sha256(tmp_path):
    dest = earlier_output(tmp_path / "out")
    lines = (dest / OUTPUT_MARKER).read_text().splitlines()
    assert lines[-1] == f"{hashlib.sha256(b'earlier run').hexdigest()}  old.txt"


def test_a_file_the_user_added_to_an_earlier_output_is_kept(tmp_path):
    dest = earlier_output(tmp_path / "out")
    (dest / "my-edits.txt").write_text("notes")
    (dest / "drafts").mkdir()
    (dest / "drafts" / "a.txt").write_text("draft")
    with (
        pytest.raises(OutputError, match=r"did not write: drafts/a.txt, my-edits.txt;") as info,
        output_folder(dest) as work,
    ):
        (work / "new.txt").write_text("fresh")
    assert "--force" in (info.value.hint or "")
    assert info.value.exit_code == 5
    assert (dest / "my-edits.txt").read_text() == "notes"
    assert (dest / "drafts" / "a.txt").read_text() == "draft"
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_a_file_of_polyglots_edited_by_hand_is_kept_unless_forced(tmp_path):
    dest = earlier_output(tmp_path / "out")
    (dest / "old.txt").write_text("corrected by an editor")
    with pytest.raises(OutputError, match=r"changed since polyglot wrote them: old.txt"):
        check_output_folder(dest)
    with output_folder(dest, force=True) as work:
        (work / "new.txt").write_text("fresh")
    assert sorted(os.listdir(dest)) == [OUTPUT_MARKER, "new.txt"]


def test_a_file_polyglot_wrote_and_the_user_deleted_loses_nothing(tmp_path):
    dest = earlier_output(tmp_path / "out")
    (dest / "old.txt").unlink()
    check_output_folder(dest)


def test_a_marker_without_a_manifest_treats_the_files_as_the_users(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / OUTPUT_MARKER).write_text(
        "Written by polyglot. The next run into this folder replaces it whole.\n"
    )
    (dest / "ru.html").write_text("maybe edited")
    with pytest.raises(OutputError, match=r"older polyglot that did not record .*: ru.html"):
        check_output_folder(dest)
    with output_folder(dest, force=True) as work:
        (work / "ru.html").write_text("new")
    assert (dest / "ru.html").read_text() == "new"


def test_force_never_replaces_a_folder_polyglot_did_not_write(tmp_path):
    dest = tmp_path / "documents"
    dest.mkdir()
    (dest / "thesis.txt").write_text("years of work")
    with pytest.raises(OutputError, match="did not write"):
        check_output_folder(dest, force=True)


def test_a_file_saved_into_the_folder_during_the_run_is_kept(tmp_path):
    dest = earlier_output(tmp_path / "out")
    with pytest.raises(OutputError, match=r"did not write: late\.txt"), output_folder(dest) as work:
        (work / "new.txt").write_text("fresh")
        (dest / "late.txt").write_text("saved while translating")
    assert sorted(os.listdir(dest)) == [OUTPUT_MARKER, "late.txt", "old.txt"]
    assert sorted(os.listdir(tmp_path)) == ["out"]


@pytest.mark.parametrize("junk", [".DS_Store", "Thumbs.db"])
def test_a_file_browsers_junk_does_not_make_a_folder_the_users(tmp_path, junk):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / junk).write_bytes(b"\0")
    with output_folder(dest) as work:
        (work / "new.txt").write_text("fresh")
    with output_folder(dest) as work:  # and in an earlier output
        (dest / junk).write_bytes(b"\0")
        (work / "new.txt").write_text("fresh")
    assert sorted(os.listdir(dest)) == [OUTPUT_MARKER, "new.txt"]


def test_a_full_disk_names_the_output_folder_not_the_temporary_one(tmp_path, monkeypatch):
    dest = earlier_output(tmp_path / "out")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OutputError, match="disk is full") as info, output_folder(dest) as work:
        monkeypatch.setattr(os, "fsync", full)
        with atomic_write(work / "ru.html") as fp:
            fp.write("x")
    assert info.value.message.startswith(f"{dest}/ru.html: ")
    assert ".new" not in info.value.message
    assert sorted(os.listdir(dest)) == [OUTPUT_MARKER, "old.txt"]


def test_the_output_folder_keeps_its_permissions(tmp_path):
    dest = earlier_output(tmp_path / "out")
    dest.chmod(0o750)
    with output_folder(dest) as work:
        (work / "new.txt").write_text("fresh")
    assert dest.stat().st_mode & 0o777 == 0o750


# --- a run killed between the two renames of the swap (issue 19.1)


def killed_between_the_renames(tmp_path, *, new_complete=True):
    """The folders a run killed after ``out -> .out.X.old`` and before
    ``.out.Y.new -> out`` leaves: no ``out``, the previous and the new results."""
    old = earlier_output(tmp_path / ".out.abc123_x.old")
    new = tmp_path / ".out.def456_y.new"
    new.mkdir()
    (new / "new.txt").write_text("the new run's results")
    if new_complete:
        write_marker(new)
    return old, new


def test_a_killed_swap_is_undone_with_the_new_complete_copy(tmp_path):
    killed_between_the_renames(tmp_path)
    dest = tmp_path / "out"
    with reserve_output(dest) as notes:
        pass
    assert (dest / "new.txt").read_text() == "the new run's results"
    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert notes and "restored" in notes[0] and "new results" in notes[0]


def test_a_killed_swap_with_an_incomplete_new_copy_restores_the_old_one(tmp_path):
    killed_between_the_renames(tmp_path, new_complete=False)
    dest = tmp_path / "out"
    with reserve_output(dest) as notes:
        pass
    assert (dest / "old.txt").read_text() == "earlier run"
    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert "previous results" in notes[0]


def test_the_last_complete_copy_is_never_deleted(tmp_path, monkeypatch):
    old, new = killed_between_the_renames(tmp_path)
    real_replace = os.replace

    def refuse(src, dst):
        if Path(dst) == tmp_path / "out":
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="cannot write here"), reserve_output(tmp_path / "out"):
        pass
    assert (old / "old.txt").exists() and (new / "new.txt").exists()


def test_leftovers_beside_a_complete_output_are_cleared(tmp_path):
    killed_between_the_renames(tmp_path)
    dest = earlier_output(tmp_path / "out")
    (tmp_path / ".out.x.zz99.new").mkdir()  # another output's ("out.x") work: not ours
    with reserve_output(dest) as notes:
        pass
    assert notes == []
    assert sorted(os.listdir(tmp_path)) == [".out.x.zz99.new", "out"]
    assert (dest / "old.txt").exists()


def test_a_half_built_first_output_is_cleared(tmp_path):
    (tmp_path / ".out.abc123_x.new").mkdir()
    with reserve_output(tmp_path / "out") as notes:
        pass
    assert notes == []
    assert os.listdir(tmp_path) == []


def test_a_swap_that_fails_half_way_and_cannot_be_undone_keeps_both_copies(tmp_path, monkeypatch):
    dest = earlier_output(tmp_path / "out")
    real_replace = os.replace

    def refuse_into_dest(src, dst):  # out -> .old works; nothing can be moved onto out
        if Path(dst) == dest:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_into_dest)
    with pytest.raises(OutputError, match="both are kept beside it"), output_folder(dest) as work:
        (work / "new.txt").write_text("fresh")
    assert not dest.exists()
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".new", ".old"]
    monkeypatch.setattr(os, "replace", real_replace)
    with reserve_output(dest) as notes:  # the next run puts the newest complete copy back
        pass
    assert (dest / "new.txt").read_text() == "fresh" and "restored" in notes[0]
    assert sorted(os.listdir(tmp_path)) == ["out"]
