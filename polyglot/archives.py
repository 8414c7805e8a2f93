"""Zip archives from outside (model packages, OPUS-MT releases): check them, then extract them.

:func:`check_members` lists what makes an archive unsafe to extract: member
names that would land outside the destination, symbolic links, and sizes that
betray a zip bomb. :func:`safe_extract` writes an archive that passed those
checks; a full disk or an unwritable folder becomes an :class:`OutputError`.
"""

from __future__ import annotations

import errno
import shutil
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path

from polyglot.errors import OutputError
from polyglot.fileio import output_error

#: Most bytes an archive may unpack to; real model packages and releases are < 1 GB.
MAX_UNPACKED = 8 * 1024**3
#: Compression ratio beyond which a large member is suspicious (weights barely compress).
MAX_RATIO = 200
_RATIO_FLOOR = 10 * 1024**2  # small members (configs, vocabularies) may compress well


def member_parts(name: str) -> tuple[str, ...]:
    """A member's path as parts, without empty and ``.`` parts ("./a//b/" -> ("a", "b"))."""
    return tuple(part for part in name.split("/") if part not in ("", "."))


def member_name(name: str) -> str:
    """A member's path, normalised as :func:`member_parts` does ("./a/b/" -> "a/b")."""
    return "/".join(member_parts(name))


def check_members(infos: Iterable[zipfile.ZipInfo]) -> list[str]:
    """Every reason not to extract these members (an empty list: safe to extract)."""
    problems: list[str] = []
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            problems.append(f"member {name!r} would be written outside the folder it unpacks into")
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(f"member {name!r} is a symbolic link")
        total += info.file_size
        ratio = info.file_size / info.compress_size if info.compress_size else 0
        if ratio > MAX_RATIO and info.file_size > _RATIO_FLOOR:
            problems.append(f"member {name!r} is suspiciously compressible (zip bomb?)")
    if total > MAX_UNPACKED:
        problems.append(f"unpacks to {total / 1024**3:.1f} GB, more than a model needs")
    return problems


def _unsafe_name(name: str) -> bool:
    return (
        name.startswith("/")
        or "\\" in name
        or ":" in name
        or "\0" in name
        or ".." in name.split("/")
    )


def safe_extract(archive: zipfile.ZipFile, dest: Path, under: str = "") -> None:
    """Extract the members of ``archive`` below ``under`` (all by default) into ``dest``.

    Member paths lose their ``under`` part: with ``under="release"``,
    ``release/a.txt`` becomes ``dest/a.txt``. Check the archive with
    :func:`check_members` first; an archive it refuses raises ``ValueError``.
    Raises :class:`OutputError` when ``dest`` cannot be written (full disk).
    """
    infos = archive.infolist()
    problems = check_members(infos)
    if problems:
        raise ValueError(f"unsafe archive, check it first: {problems}")
    prefix = member_parts(under)
    try:
        for info in infos:
            parts = member_parts(info.filename)
            if parts[: len(prefix)] != prefix or len(parts) == len(prefix):
                continue
            target = dest.joinpath(*parts[len(prefix) :])
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, target.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    except OSError as exc:
        raise write_error(exc, dest) from None


def write_error(exc: OSError, path: Path) -> OutputError:
    """The :class:`OutputError` (exit 5) for a failed write in the models folder."""
    error = output_error(exc, path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        error.hint = "choose a writable folder with --models-dir (or ARGOS_PACKAGES_DIR)"
    return error
