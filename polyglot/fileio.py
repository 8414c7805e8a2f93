"""Files safely: reading the user's inputs with clear errors; writing results with
atomic files, atomic output folders and a run lock.

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

from polyglot.errors import InputError, OutputError


def output_error(exc: OSError, path: Path) -> OutputError:
    """The :class:`OutputError` (exit 5) saying why ``path`` could not be written."""
    return _output_error(exc, path)


def read_input(
    path: Path,
    *,
    missing: str = "no such file",
    missing_hint: str | None = "check the path",
    folder: str = "this is a folder, not a file",
    folder_hint: str | None = None,
) -> bytes:
    """All of an input file's bytes; a missing file, a folder or an unreadable file
    is an :class:`InputError` naming the path (the messages are the caller's)."""
    shown = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(missing, missing_hint, path=shown) from None
    except IsADirectoryError:
        raise InputError(folder, folder_hint, path=shown) from None
    except PermissionError:
        raise InputError("permission denied", "check the file's permissions", path=shown) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=shown) from None


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


#: Marks a folder as polyglot's output, which a later run may replace whole.
OUTPUT_MARKER = ".polyglot-output"
_MARKER_TEXT = "Written by polyglot. The next run into this folder replaces it whole.\n"


def check_output_folder(dest: Path, inputs: list[Path] | None = None) -> None:
    """Refuse an output folder whose replacement would lose the user's files.

    ``dest`` may be new, empty, or an earlier output of polyglot (it holds
    :data:`OUTPUT_MARKER`); it must not hold the inputs nor the current folder.
    """
    dest = Path(dest)
    here = Path.cwd().resolve()
    target = dest.resolve()
    if target == here or target in here.parents:
        raise OutputError(
            f"{dest} is the current folder (or holds it); polyglot replaces its output "
            "folder whole",
            "choose a folder of its own with --out, e.g. --out out/story",
        )
    for source in inputs or []:
        if str(source) != "-" and target in Path(source).resolve().parents:
            raise OutputError(
                f"the output folder {dest} holds the input {source}, which would be lost",
                "choose another folder with --out",
            )
    if not dest.exists():
        return
    if not dest.is_dir():
        raise OutputError(f"{dest} exists and is not a folder", "choose another --out")
    try:
        names = sorted(entry.name for entry in dest.iterdir())
    except OSError as exc:
        raise _output_error(exc, dest) from None
    if names and OUTPUT_MARKER not in names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        raise OutputError(
            f"{dest} holds files polyglot did not write ({shown}); polyglot replaces its "
            "output folder whole",
            "choose a new or empty folder with --out",
        )


@contextlib.contextmanager
def reserve_output(dest: Path, inputs: list[Path] | None = None) -> Iterator[None]:
    """Hold ``dest`` for this run: check it, lock it against other polyglot runs,
    and clear what a killed run left beside it.  A run takes it before it starts
    translating, so a second run is refused at once rather than overwritten later."""
    dest = Path(dest)
    check_output_folder(dest, inputs)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(exc, dest.parent) from None
    with run_lock(dest):
        check_output_folder(dest, inputs)  # again: it may have changed while we waited
        # we hold the lock, so half-built folders of this destination are leftovers
        for leftover in dest.parent.glob(f".{dest.name}.*"):
            if leftover.is_dir() and leftover.suffix in (".new", ".old"):
                shutil.rmtree(leftover, ignore_errors=True)
        yield


@contextlib.contextmanager
def output_folder(
    dest: Path, inputs: list[Path] | None = None, *, reserved: bool = False
) -> Iterator[Path]:
    """Build a folder's contents in a temporary folder, then swap it into ``dest``.

    ``dest`` is held with :func:`reserve_output` (already, when ``reserved``).
    If the block fails (or is interrupted), ``dest`` is left exactly as it was.
    Only a folder that :func:`check_output_folder` accepts is ever replaced.
    """
    dest = Path(dest)
    with contextlib.ExitStack() as stack:
        if not reserved:
            stack.enter_context(reserve_output(dest, inputs))
        try:
            work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".new", dir=dest.parent))
        except OSError as exc:
            raise _output_error(exc, dest.parent) from None
        try:
            yield work
            with atomic_write(work / OUTPUT_MARKER) as fp:
                fp.write(_MARKER_TEXT)
            os.chmod(work, 0o777 & ~_umask())  # mkdtemp makes 0700
            _swap_in(work, dest)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise


def _swap_in(work: Path, dest: Path) -> None:
    old: Path | None = None
    try:
        if dest.exists():
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
        try:
            os.write(fd, str(os.getpid()).encode())
        except OSError as exc:
            raise _output_error(exc, lock) from None
        finally:
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
