"""Zip archives: check and extract those from outside, write our own packages.

:func:`check_members` lists what makes an archive unsafe to extract: member
names that would land outside the destination, symbolic links, and sizes that
betray a zip bomb. :func:`safe_extract` writes an archive that passed those
checks; a full disk or an unwritable folder becomes an :class:`OutputError`.
:func:`write_package_zip` writes a package reproducibly (fixed dates and modes).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path, PurePosixPath

from polyglot.errors import OutputError
from polyglot.fileio import default_file_mode, output_error

#: Most bytes an archive may unpack to.  Real packages and releases unpack to under
#: 1.5 GB (Argos packages 100-300 MB, OPUS-MT transformer-big releases ~1.1 GB).
MAX_UNPACKED = 4 * 1024**3
#: Most an archive, or any member above :data:`RATIO_FLOOR`, may expand: model weights
#: barely compress (ratio ~1-2; the copy models' ~24), zeros expand ~1000 times.
MAX_RATIO = 100
#: Members and archives smaller than this may compress as well as they like.
RATIO_FLOOR = 1024**2
#: metadata.json is read into memory: real ones are about 1 KB.
MAX_METADATA = 1024**2


def member_parts(name: str) -> tuple[str, ...]:
    """A member's path as parts, without empty and ``.`` parts ("./a//b/" -> ("a", "b"))."""
    return tuple(part for part in name.split("/") if part not in ("", "."))


def member_name(name: str) -> str:
    """A member's path, normalised as :func:`member_parts` does ("./a/b/" -> "a/b")."""
    return "/".join(member_parts(name))


def check_members(infos: Iterable[zipfile.ZipInfo]) -> list[str]:
    """Every reason not to extract these members (an empty list: safe to extract),
    from the sizes the archive declares, before anything is read: names outside the
    folder, links, a member or the whole expanding over :data:`MAX_RATIO` times, more
    than :data:`MAX_UNPACKED` in all.  (Reading never yields more than a member's
    declared size: :mod:`zipfile` stops there.)"""
    problems: list[str] = []
    total = packed = 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            problems.append(f"member {name!r} would be written outside the folder it unpacks into")
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.append(f"member {name!r} is a symbolic link")
        total += info.file_size
        packed += info.compress_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            problems.append(
                f"member {name!r} is suspiciously compressible (zip bomb?): "
                f"{info.file_size / 1024**2:.0f} MiB from {info.compress_size / 1024:.0f} KiB"
            )
    if total > MAX_UNPACKED:
        problems.append(
            f"unpacks to {total / 1024**3:.1f} GB, more than a model needs "
            f"(the limit is {MAX_UNPACKED / 1024**3:.0f} GB)"
        )
    elif total > RATIO_FLOOR and total > MAX_RATIO * packed and not problems:
        problems.append(
            f"unpacks to {total / 1024**2:.0f} MiB from {packed / 1024:.0f} KiB, "
            f"over {MAX_RATIO} times its size (zip bomb?)"
        )
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


#: The date every member of a package we write carries, so builds are byte-identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write_package_zip(
    dest: Path,
    folder: str,
    files: Mapping[str, Path | bytes],
    *,
    stored: Collection[str] = (),
) -> None:
    """Write ``files`` (name -> bytes, or a file to copy) under ``folder/`` in a zip at
    ``dest``, reproducibly and atomically.  Members named in ``stored`` are not
    compressed (model weights barely shrink, and deflating hundreds of MB is slow)."""
    dirs = {str(PurePosixPath(folder, name).parent) for name in files} | {folder}
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            for directory in sorted(dirs):
                info = zipfile.ZipInfo(directory + "/", ZIP_DATE)
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            for name in sorted(files):
                info = zipfile.ZipInfo(f"{folder}/{name}", ZIP_DATE)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
                content = files[name]
                if isinstance(content, bytes):
                    archive.writestr(info, content)
                    continue
                with archive.open(info, "w", force_zip64=True) as out, content.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        os.chmod(tmp, default_file_mode())  # mkstemp makes 0600: the user's umask decides
        os.replace(tmp, dest)
    finally:
        Path(tmp).unlink(missing_ok=True)
