"""Work folders for downloads and OPUS-MT conversions, and the sweep of those a killed run left.

A download or a conversion takes minutes and holds no lock on the packages
folder (an install takes that only to swap a package in), so a leftover cannot
be told from the lock on the packages folder.  Each work folder is therefore a
hidden ``.<kind>-<random>`` folder (made by ``tempfile.mkdtemp``) holding a marker
file, :data:`MARKER`, that the run using the folder keeps locked (``flock``) until it
deletes the folder.  A kill releases the lock.  :func:`sweep_scratch` deletes a folder only when all
of these hold: its name has one of :data:`KINDS` as prefix, it holds the marker,
no process holds the marker's lock, and the marker is older than :data:`GRACE`
seconds (a folder being made has its marker for an instant before the lock).
A folder of the user's has no marker and is never touched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from polyglot.models.archives import write_error

#: The marker file in each work folder, locked while the folder is in use.
MARKER = ".polyglot-scratch"
#: Kinds of work folder -> what made them, for the note a sweep prints.
KINDS = {
    "download": "download",
    "opus-mt": "OPUS-MT conversion",
}
#: Seconds a marker must have existed before its unlocked folder counts as a leftover.
GRACE = 60.0


@contextlib.contextmanager
def scratch_folder(directory: Path, kind: str) -> Iterator[Path]:
    """A new work folder ``.<kind>-*`` in ``directory``, locked while in use, then deleted."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of work folder: {kind!r}")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{kind}-", dir=directory))
        fd = os.open(folder / MARKER, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise write_error(exc, directory) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def sweep_scratch(directory: Path, grace: float | None = None) -> list[str]:
    """Delete the work folders in ``directory`` that killed runs left (see the module);
    returns what was done, one line each.  ``grace``: :data:`GRACE` unless given."""
    grace = GRACE if grace is None else grace
    done: list[str] = []
    if not directory.is_dir():
        return done
    now = time.time()
    for kind, what in KINDS.items():
        for folder in sorted(directory.glob(f".{kind}-*")):
            if _is_leftover(folder, now, grace):
                shutil.rmtree(folder, ignore_errors=True)
                done.append(f"removed {folder.name}, left by an interrupted {what}")
    return done


def _is_leftover(folder: Path, now: float, grace: float) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    marker = folder / MARKER
    try:
        if now - marker.lstat().st_mtime < grace:
            return False
        fd = os.open(marker, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # no marker (not ours), or a link
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: a run is using the folder now
        return False
    finally:
        os.close(fd)
    return True
