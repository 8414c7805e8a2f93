"""Writing results safely: atomic files, atomic output folders, a run lock.

Nothing the user already has is lost and nothing half-written is left: files
are written to a temporary name and renamed into place; an output folder is
built beside its destination and swapped in only when complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from polyglot.errors import OutputError


def _output_error(exc: OSError, path: Path) -> OutputError:
    if exc.errno == errno.ENOSPC:
        return OutputError(f"{path}: the disk is full", "free some space and run again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            f"{path}: cannot write here ({exc.strerror})",
            "choose a writable folder with --out",
        )
    return OutputError(f"{path}: cannot write ({exc.strerror})", "check the path and run again")


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it onto ``path`` on success."""
    path = Path(path)
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _output_error(exc, path) from None
    try:
        text_args = {} if binary else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **text_args) as fp:  # type: ignore[call-overload]
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(Path(tmp))
        raise _output_error(exc, path) from None
    except BaseException:
        _unlink(Path(tmp))
        raise


@contextlib.contextmanager
def output_folder(dest: Path) -> Iterator[Path]:
    """Build a folder's contents in a temporary folder, then swap it into ``dest``.

    While the block runs, ``dest`` is locked against other polyglot runs.  If the
    block fails (or is interrupted), ``dest`` is left exactly as it was.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(exc, dest.parent) from None
    with run_lock(dest):
        try:
            work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".new", dir=dest.parent))
        except OSError as exc:
            raise _output_error(exc, dest.parent) from None
        try:
            yield work
            os.chmod(work, 0o777 & ~_umask())  # mkdtemp makes 0700
            _swap_in(work, dest)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise


def _swap_in(work: Path, dest: Path) -> None:
    old: Path | None = None
    try:
        if dest.exists():
            if not dest.is_dir():
                raise OutputError(f"{dest} exists and is not a folder", "choose another --out")
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
            os.rmdir(old)
            os.replace(dest, old)
        os.replace(work, dest)
    except OSError as exc:
        if old is not None and not dest.exists():
            os.replace(old, dest)  # put the user's folder back
        raise _output_error(exc, dest) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def run_lock(dest: Path) -> Iterator[None]:
    """Refuse a second run writing the same output (lock file beside ``dest``)."""
    lock = dest.parent / f".{dest.name}.lock"
    fd = _take_lock(lock, dest)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        _unlink(lock)


def _take_lock(lock: Path, dest: Path) -> int:
    for _attempt in range(2):
        try:
            return os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if not _stale(lock):
                break
            _unlink(lock)  # left by a run that was killed
        except OSError as exc:
            raise _output_error(exc, dest.parent) from None
    raise OutputError(
        f"{dest} is being written by another polyglot run (lock file {lock})",
        "wait for it to finish; if no other run is going, delete the lock file",
    )


def _stale(lock: Path) -> bool:
    """A lock whose process is gone (killed run) does not block."""
    try:
        pid = int(lock.read_text().strip() or "0")
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
