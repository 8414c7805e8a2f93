"""Files safely: reading the user's inputs with clear errors; writing results with
atomic files, atomic output folders and a run lock.

Nothing the user already has is lost and nothing half-written is left: files
are written to a temporary name and renamed into place; an output folder is
built beside its destination and swapped in only when complete.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterator
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


_TEMP_SUFFIX = ".tmp"
#: Tags the temporary files :func:`atomic_write` makes, so that a file of the user's
#: named like one (``.index.html.old.tmp``) is never taken for one.
_TEMP_TAG = "polyglot-"
#: The temporary file :func:`atomic_write` makes for ``NAME``: ``.NAME.polyglot-<random>.tmp``.
_TEMP_RE = re.compile(rf"^\.(.+)\.{re.escape(_TEMP_TAG)}[a-z0-9_]+{re.escape(_TEMP_SUFFIX)}$")


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it onto ``path`` on success.
    A killed process leaves the temporary file (:func:`temporary_files` finds it)."""
    path = Path(path)
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{_TEMP_TAG}", suffix=_TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise _output_error(exc, path) from None
    try:
        text_args = {} if binary else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **text_args) as fp:  # type: ignore[call-overload]
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, default_file_mode())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(Path(tmp))
        raise _output_error(exc, path) from None
    except BaseException:
        _unlink(Path(tmp))
        raise


def temporary_files(folder: Path, names: Collection[str]) -> list[str]:
    """The temporary files :func:`atomic_write` left in ``folder`` (a killed process's)
    for the files ``names``: only those, so a file of the user's is never taken for one."""
    try:
        found = os.listdir(folder)
    except OSError as exc:
        raise _output_error(exc, Path(folder)) from None
    return sorted(name for name in found if (m := _TEMP_RE.match(name)) and m[1] in names)


#: Marks a folder as polyglot's output and lists what polyglot wrote there.
OUTPUT_MARKER = ".polyglot-output"
#: The marker's first line; the lines after it are ``<sha256>  <name>`` (``sha256sum``'s format).
_MARKER_HEADER = "# polyglot output folder, manifest: sha256"
_MARKER_TEXT = (
    _MARKER_HEADER + "\n"
    "# Written by polyglot. The next run into this folder replaces it whole, but only while it\n"
    "# holds nothing but these files, unchanged (or with --force).\n"
)
#: Files the operating system's file browsers drop into folders; not the user's work.
OS_JUNK = frozenset({".DS_Store", "Thumbs.db"})
_EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()
_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64})  (.+)$")
#: How many names an error lists before "and N more".
_LISTED = 20


def write_marker(folder: Path) -> None:
    """Write :data:`OUTPUT_MARKER` into ``folder``: every file in it, with its SHA-256,
    and every empty subfolder (``a/``, with the SHA-256 of nothing: an OmegaT project
    needs its empty ``target/``)."""
    folder = Path(folder)
    lines = [
        f"{_EMPTY_DIGEST if name.endswith('/') else _sha256(folder / name)}  {name}\n"
        for name in _folder_entries(folder)
    ]
    with atomic_write(folder / OUTPUT_MARKER) as fp:
        fp.write(_MARKER_TEXT + "".join(lines))


def _read_manifest(folder: Path) -> dict[str, str] | None:
    """name -> SHA-256 of what polyglot wrote into ``folder``; None for the marker of an
    older polyglot, which did not list its files."""
    try:
        text = (folder / OUTPUT_MARKER).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise _output_error(exc, folder / OUTPUT_MARKER) from None
    lines = text.splitlines()
    if not lines or lines[0] != _MARKER_HEADER:
        return None
    manifest: dict[str, str] = {}
    for line in lines[1:]:
        if match := _MANIFEST_LINE.match(line):
            manifest[match[2]] = match[1]
    return manifest


def _folder_entries(folder: Path) -> list[str]:
    """Every file in ``folder`` and its subfolders, as ``a/b.txt``; an empty subfolder as
    ``a/``; the marker and :data:`OS_JUNK` left out.  Symbolic links are not followed."""
    found: list[str] = []

    def walk(path: Path, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                name = prefix + entry.name
                if name == OUTPUT_MARKER or entry.name in OS_JUNK:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    before = len(found)
                    walk(Path(entry.path), name + "/")
                    if len(found) == before:
                        found.append(name + "/")
                else:
                    found.append(name)

    walk(folder, "")
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fp:
        for block in iter(lambda: fp.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unchanged(folder: Path, name: str, digest: str) -> bool:
    path = folder / name
    if name.endswith("/"):  # an empty folder polyglot made: still empty?
        return path.is_dir() and not path.is_symlink() and not any(path.iterdir())
    try:
        return path.is_file() and not path.is_symlink() and _sha256(path) == digest
    except OSError:
        return False


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_LISTED])
    return shown + (f" and {len(names) - _LISTED} more" if len(names) > _LISTED else "")


def check_output_folder(
    dest: Path, inputs: list[Path] | None = None, *, force: bool = False
) -> None:
    """Refuse an output folder whose replacement would lose the user's files.

    ``dest`` may be new, empty (but for :data:`OS_JUNK`), or an earlier output of
    polyglot holding nothing but what polyglot wrote there, unchanged (the manifest in
    :data:`OUTPUT_MARKER`).  With ``force``, an earlier output of polyglot is replaced
    even when it holds other or edited files; a folder polyglot did not write never is.
    It must not hold the inputs nor the current folder.
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
        names = _folder_entries(dest)
        marked = (dest / OUTPUT_MARKER).is_file()
        manifest = _read_manifest(dest) if marked else None
    except OSError as exc:
        raise _output_error(exc, dest) from None
    if not marked:
        if names:
            raise OutputError(
                f"{dest} holds files polyglot did not write ({_listed(names)}); polyglot "
                "replaces its output folder whole",
                "choose a new or empty folder with --out",
            )
        return
    if force:
        return
    if manifest is None:
        if names:
            raise OutputError(
                f"{dest} was written by an older polyglot that did not record its files, so "
                "any of them may be yours or edited by hand: " + _listed(names),
                "move your own files out of it and run again with --force to replace it, "
                "or choose another folder with --out",
            )
        return
    extra = [name for name in names if name not in manifest]
    edited = [
        name for name in names if name in manifest and not _unchanged(dest, name, manifest[name])
    ]
    if extra or edited:
        parts = []
        if extra:
            parts.append(f"files polyglot did not write: {_listed(extra)}")
        if edited:
            parts.append(f"files changed since polyglot wrote them: {_listed(edited)}")
        raise OutputError(
            f"{dest} holds {'; and '.join(parts)}; replacing the folder would lose them",
            "move them out of the folder (or choose another folder with --out); "
            "--force replaces the folder and loses them",
        )


#: A folder a run builds beside ``dest`` (``.new``) or moves ``dest`` to while swapping (``.old``).
def _leftover_re(dest: Path) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(dest.name)}\.[a-z0-9_]+\.(new|old)$")


#: What a killed run leaves beside an output folder NAME: ``.NAME.<random>.new`` or ``.old``
#: folders, and its lock ``.NAME.lock``.
_ANY_LEFTOVER_RE = re.compile(r"^\.(.+?)(?:\.[a-z0-9_]+\.(?:new|old)|\.lock)$")


def outputs_with_leftovers(folder: Path) -> set[str]:
    """The names of the output folders in ``folder`` that a killed run left something
    beside (one listing; :func:`reserve_output` on each tidies it)."""
    try:
        return {m.group(1) for name in os.listdir(folder) if (m := _ANY_LEFTOVER_RE.match(name))}
    except OSError:
        return set()


def recover_output(dest: Path) -> list[str]:
    """Tidy what a killed run left beside ``dest``; the caller holds :func:`run_lock`.

    A run killed between the two renames of the swap leaves no ``dest``, only the
    previous output (``.old``) and the complete new one (``.new``): the newest complete
    copy is put back as ``dest`` before anything is deleted, and the last complete copy
    of an output is never deleted.  Returns what was done, for the user.
    """
    dest = Path(dest)
    pattern = _leftover_re(dest)
    try:
        leftovers = [
            path
            for path in dest.parent.iterdir()
            if pattern.match(path.name) and path.is_dir() and not path.is_symlink()
        ]
    except OSError as exc:
        raise _output_error(exc, dest.parent) from None
    notes: list[str] = []
    if leftovers and not os.path.lexists(dest):
        candidates = [p for p in leftovers if p.suffix == ".new" and _complete(p)]
        candidates = candidates or [p for p in leftovers if p.suffix == ".old"]
        if candidates:
            chosen = max(candidates, key=lambda p: p.stat().st_mtime)
            try:
                os.replace(chosen, dest)
            except OSError as exc:
                raise _output_error(exc, dest) from None
            leftovers.remove(chosen)
            which = "its new results" if chosen.suffix == ".new" else "the previous results"
            notes.append(
                f"a run into {dest} was interrupted while replacing the folder; "
                f"restored {dest} with {which} before starting"
            )
    for leftover in leftovers:
        # with a complete output in place the rest are spare copies; without one, only a
        # half-built folder (no complete copy of anything) may go
        if os.path.lexists(dest) or (leftover.suffix == ".new" and not _complete(leftover)):
            shutil.rmtree(leftover, ignore_errors=True)
    return notes


def _complete(folder: Path) -> bool:
    """Whether a folder polyglot built holds its marker and every file the marker lists."""
    try:
        if not (folder / OUTPUT_MARKER).is_file():
            return False
        manifest = _read_manifest(folder)
        return manifest is not None and all(
            _unchanged(folder, name, digest) for name, digest in manifest.items()
        )
    except (OSError, OutputError):
        return False


@contextlib.contextmanager
def reserve_output(
    dest: Path, inputs: list[Path] | None = None, *, force: bool = False
) -> Iterator[list[str]]:
    """Hold ``dest`` for this run: check it, lock it against other polyglot runs,
    and restore or clear what a killed run left beside it (what was restored is
    yielded, as notes for the user).  A run takes it before it starts translating, so
    a second run is refused at once rather than overwritten later."""
    dest = Path(dest)
    check_output_folder(dest, inputs, force=force)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(exc, dest.parent) from None
    with run_lock(dest):
        # we hold the lock, so folders beside this destination are a killed run's
        notes = recover_output(dest)
        check_output_folder(dest, inputs, force=force)  # again: it may have changed meanwhile
        yield notes


@contextlib.contextmanager
def output_folder(
    dest: Path, inputs: list[Path] | None = None, *, reserved: bool = False, force: bool = False
) -> Iterator[Path]:
    """Build a folder's contents in a temporary folder, then swap it into ``dest``.

    ``dest`` is held with :func:`reserve_output` (already, when ``reserved``).
    If the block fails (or is interrupted), ``dest`` is left exactly as it was.
    Only a folder that :func:`check_output_folder` accepts is ever replaced; it is
    checked again just before the swap, as the user may have saved a file into it
    meanwhile.  The folder keeps its permissions.  Errors name ``dest``, not the
    temporary folder.
    """
    dest = Path(dest)
    with contextlib.ExitStack() as stack:
        if not reserved:
            stack.enter_context(reserve_output(dest, inputs, force=force))
        try:
            work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".new", dir=dest.parent))
        except OSError as exc:
            raise _output_error(exc, dest.parent) from None
        try:
            try:
                yield work
                write_marker(work)
                os.chmod(work, _folder_mode(dest))  # mkdtemp makes 0700
            except OSError as exc:
                raise _output_error(exc, dest) from None
            except OutputError as exc:
                raise _naming(exc, work, dest) from None
            check_output_folder(dest, inputs, force=force)
            _swap_in(work, dest)
        except BaseException:
            # a complete copy is never deleted while no output is in place (a swap that
            # failed half-way and could not be undone): the next run restores it
            if os.path.lexists(dest) or not _complete(work):
                shutil.rmtree(work, ignore_errors=True)
            raise


def _naming(exc: OutputError, work: Path, dest: Path) -> OutputError:
    """``exc`` with the temporary folder's name replaced by the output folder's."""
    message = exc.message.replace(str(work), str(dest))
    return exc if message == exc.message else OutputError(message, exc.hint)


def _folder_mode(dest: Path) -> int:
    """The mode the output folder had (the user's choice), else what mkdir would give."""
    try:
        return stat.S_IMODE(dest.stat().st_mode)
    except FileNotFoundError:
        return 0o777 & ~_umask()


def _swap_in(work: Path, dest: Path) -> None:
    # A kill between the two renames leaves both copies beside dest: recover_output
    # puts the complete one back on the next run.
    old: Path | None = None
    try:
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
            os.rmdir(old)
            os.replace(dest, old)
        os.replace(work, dest)
    except OSError as exc:
        if old is not None and not dest.exists():
            try:
                os.replace(old, dest)  # put the user's folder back
            except OSError:
                raise OutputError(
                    f"{dest}: could not swap the new results in nor put the previous ones "
                    f"back ({exc.strerror}); both are kept beside it: {old.name} (previous), "
                    f"{work.name} (new)",
                    "run again once the disk is writable: the next run restores the newest",
                ) from None
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


def default_file_mode() -> int:
    """The mode ``open()`` gives a new file under the user's umask (``mkstemp`` gives 0600)."""
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
