"""Installing and removing package files: validate an ``.argosmodel``, then swap it in.

polyglot installs packages itself rather than with Argos' ``install_from_path``,
which extracts without any check and then imports ``argostranslate.translate``
(stanza and torch, ~2 s and ~750 MB): every archive is validated first and
extracted into a temporary folder that is renamed into place only when complete.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from polyglot.errors import InputError, ModelError, OutputError
from polyglot.languages import split_pair
from polyglot.models.archives import (
    MAX_METADATA,
    check_members,
    member_name,
    member_parts,
    safe_extract,
    write_error,
)
from polyglot.models.installed import InstalledPackage, list_installed, packages_dir
from polyglot.models.scratch import sweep_scratch

_STALE_AFTER = 600  # seconds after which a .removing-* folder is a leftover of a killed run


def validate_archive(path: Path) -> tuple[str, dict[str, Any]]:
    """Check an .argosmodel before anything is extracted.

    Returns the archive's top folder and its metadata; raises one ModelError
    listing every problem found.
    """
    shown = str(path)
    if not path.is_file():
        raise InputError("no such file", "give the path of an .argosmodel file", path=shown)
    if not zipfile.is_zipfile(path):
        raise ModelError(
            f"{shown}: not a valid .argosmodel (not a zip archive)",
            "download the package again, or build it with polyglot models import-opus-mt",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            problems = check_members(infos)
            if problems:  # refused before a byte is read: reading could unpack a bomb
                raise _archive_error(shown, problems)
            tops = {member_parts(i.filename)[0] for i in infos if member_parts(i.filename)}
            if len(tops) != 1:
                problems.append(
                    f"must hold exactly one top folder, holds {len(tops)}: {sorted(tops)[:5]}"
                )
                raise _archive_error(shown, problems)
            top = tops.pop()
            if top.startswith("."):
                problems.append(
                    f"the top folder {top!r} starts with '.': the package would be hidden"
                )
            names = {member_name(i.filename): i.filename for i in infos}
            metadata = _read_metadata(archive, top, names, problems)
            for required in ("model/model.bin", "model/config.json"):
                if f"{top}/{required}" not in names:
                    problems.append(f"missing {required} (the CTranslate2 model)")
            if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
                problems.append("missing sentencepiece.model or bpe.model (the tokenizer)")
            ours = metadata.get("polyglot", {})
            target_spm = ours.get("target_sentencepiece") if isinstance(ours, dict) else None
            if not isinstance(ours, dict):
                problems.append("metadata.json: 'polyglot' must be an object")
            elif target_spm is not None and not isinstance(target_spm, str):
                problems.append("metadata.json: 'polyglot.target_sentencepiece' is not a file name")
            elif isinstance(target_spm, str) and f"{top}/{target_spm}" not in names:
                problems.append(f"missing {target_spm} (named by polyglot.target_sentencepiece)")
            bad = archive.testzip()
            if bad is not None:
                problems.append(f"member {bad!r} is corrupt (CRC mismatch)")
    except (zipfile.BadZipFile, EOFError) as exc:
        raise _archive_error(shown, [f"the zip archive is damaged ({exc})"]) from None
    if problems:
        raise _archive_error(shown, problems)
    return top, metadata


def _read_metadata(
    archive: zipfile.ZipFile, top: str, names: dict[str, str], problems: list[str]
) -> dict[str, Any]:
    """The archive's metadata.json; ``names`` maps normalised member names to stored ones."""
    if f"{top}/metadata.json" not in names:
        problems.append("missing metadata.json")
        return {}
    size = archive.getinfo(names[f"{top}/metadata.json"]).file_size
    if size > MAX_METADATA:
        problems.append(f"metadata.json is {size / 1024**2:.0f} MiB; a package's is about 1 KB")
        return {}
    try:
        metadata = json.loads(archive.read(names[f"{top}/metadata.json"]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        problems.append(f"metadata.json is not valid JSON ({exc})")
        return {}
    if not isinstance(metadata, dict):
        problems.append("metadata.json must hold a JSON object")
        return {}
    for key in ("from_code", "to_code", "package_version"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"metadata.json: {key!r} is missing or not a string")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if isinstance(value, str) and not (value.isalpha() and 2 <= len(value) <= 3):
            problems.append(f"metadata.json: {key!r} = {value!r} is not a language code")
    if metadata.get("type", "translate") != "translate":
        kind = metadata.get("type")
        problems.append(f"metadata.json: type {kind!r} is not a translation package")
    return metadata


def _archive_error(shown: str, problems: list[str]) -> ModelError:
    listing = "\n".join(f"  - {p}" for p in problems)
    return ModelError(
        f"{shown}: not a valid .argosmodel package:\n{listing}",
        "use a package from the Argos index, or rebuild it (polyglot models import-opus-mt)",
    )


def check_model_files(folder: Path, metadata: dict[str, Any], shown: str) -> None:
    """Load the tokenizers and the CTranslate2 model once, so that a damaged file is
    refused at install time rather than found at translate time."""
    import ctranslate2
    import sentencepiece

    problems: list[str] = []
    ours = metadata.get("polyglot") if isinstance(metadata.get("polyglot"), dict) else {}
    names = ["sentencepiece.model", (ours or {}).get("target_sentencepiece")]
    for name in names:
        if isinstance(name, str) and (folder / name).is_file():
            try:
                sentencepiece.SentencePieceProcessor(model_file=str(folder / name))
            except (OSError, RuntimeError) as exc:
                problems.append(f"{name} is not a usable SentencePiece model ({exc})")
    try:
        ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    except Exception as exc:  # CTranslate2 raises IndexError, RuntimeError... on bad files
        problems.append(f"model/ is not a usable CTranslate2 model ({exc})")
    if problems:
        raise _archive_error(shown, problems)


def install_package_file(path: Path, models_dir: Path | None = None) -> InstalledPackage:
    """Validate and install an .argosmodel; replaces an installed package of the same pair.

    The packages it replaces are moved aside, not deleted, until the new one
    reads back; on any failure they are put back and the folder is as it was.
    """
    path = Path(path)
    top, metadata = validate_archive(path)
    directory = packages_dir(models_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, directory) from None
    with _models_lock(directory):  # one install at a time
        try:
            _recover(directory)
            staging = Path(tempfile.mkdtemp(prefix=".install-", dir=directory))
        except OSError as exc:
            raise write_error(exc, directory) from None
        try:
            return _install_unpacked(path, top, metadata, directory, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _install_unpacked(
    path: Path, top: str, metadata: dict[str, Any], directory: Path, staging: Path
) -> InstalledPackage:
    """Extract into ``staging``, check the model loads, swap it in for the pair's packages."""
    pair = (metadata["from_code"], metadata["to_code"])
    with zipfile.ZipFile(path) as archive:
        safe_extract(archive, staging)
    check_model_files(staging / top, metadata, str(path))
    installed, _ = list_installed(directory)
    dest = directory / top
    for other in installed:
        if other.path == dest and (other.from_code, other.to_code) != pair:
            raise ModelError(
                f"{path}: its folder {top!r} is the installed {other.pair} package's folder",
                f"remove that package first (polyglot models remove {other.pair}), or "
                "rename the archive's top folder",
            )
    olds = [p.path for p in installed if (p.from_code, p.to_code) == pair]
    if dest.exists() and dest not in olds:
        olds.append(dest)  # a broken folder of the same name: the new package replaces it
    return _swap_packages(staging / top, dest, olds)


def _swap_packages(new: Path, dest: Path, olds: list[Path]) -> InstalledPackage:
    """Move ``olds`` aside, ``new`` to ``dest``, check it reads back; undo all on failure."""
    directory = dest.parent
    moved: list[tuple[Path, Path]] = []
    placed = False
    try:
        for old in olds:
            moved.append((old, _move_aside(old, ".replacing-")))
        os.replace(new, dest)
        placed = True
        installed, broken = list_installed(directory)
        for pkg in installed:
            if pkg.path == dest:
                break
        else:
            why = "".join(f"\n  {p.message}" for p in broken if p.path == str(dest))
            raise ModelError(
                f"{dest}: installed, but Argos cannot read it back{why}", "report this as a bug"
            )
    except BaseException as exc:
        if placed:
            shutil.rmtree(dest, ignore_errors=True)
        for old, aside in reversed(moved):
            os.replace(aside, old)
            aside.parent.rmdir()
        if isinstance(exc, OSError):
            raise write_error(exc, directory) from None
        raise
    for _old, aside in moved:
        shutil.rmtree(aside.parent, ignore_errors=True)
    return pkg


def remove_package(pair: str, models_dir: Path | None = None) -> list[InstalledPackage]:
    """Uninstall every package for ``pair`` ("en-ru"); error if there is none."""
    source, target = split_pair(pair)
    installed, _ = list_installed(models_dir)
    matches = [p for p in installed if (p.from_code, p.to_code) == (source, target)]
    if not matches:
        raise ModelError(
            f"no model installed for {source}→{target} in {packages_dir(models_dir)}",
            "polyglot models list shows what is installed",
        )
    directory = packages_dir(models_dir)
    with _models_lock(directory):  # not while an install swaps packages
        try:
            _sweep_removed(directory)
            for pkg in matches:
                aside = _move_aside(pkg.path)
                shutil.rmtree(aside.parent, ignore_errors=True)
        except OSError as exc:
            raise write_error(exc, directory) from None
    return matches


def _move_aside(path: Path, prefix: str = ".removing-") -> Path:
    """Move a package into a fresh hidden folder beside it; returns its new path.

    Hidden folders are never listed as installed.  ``.removing-*`` holds a package
    being deleted: a half-deleted one is swept up later.  ``.replacing-*`` holds
    one an install replaces: if the install is killed before its package is in
    place, the next ``models`` command puts this one back (:func:`recover_interrupted`).
    """
    aside = Path(tempfile.mkdtemp(prefix=prefix, dir=path.parent)) / path.name
    try:
        os.replace(path, aside)
    except OSError:
        aside.parent.rmdir()
        raise
    return aside


def _sweep_removed(directory: Path) -> list[str]:
    """Delete ``.removing-*`` folders left by killed runs (not those of a run going on now);
    what was done, one line each."""
    now = time.time()
    done = []
    for leftover in sorted(directory.glob(".removing-*")):
        try:
            stale = now - leftover.lstat().st_mtime > _STALE_AFTER
        except OSError:
            continue
        if stale and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
            done.append(f"removed {leftover.name}, left by an interrupted remove")
    return done


@contextlib.contextmanager
def _models_lock(directory: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the packages folder's lock (yields False when ``wait`` is off and another
    run holds it).  Installs hold it throughout, so a leftover found while holding it
    belongs to a run that was killed."""
    try:
        fd = os.open(directory, os.O_RDONLY)  # the folder itself: no lock file to leave
    except OSError as exc:
        raise write_error(exc, directory) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


def recover_interrupted(models_dir: Path | None = None) -> list[str]:
    """Undo what killed runs left: put back a package an install had moved aside
    when its pair has no package now, delete unpacking folders (``.install-*``),
    half-deleted packages (``.removing-*``, after a while) and the work folders of
    killed downloads and conversions (:func:`~polyglot.models.scratch.sweep_scratch`).
    Returns what was done, one line each; leaves alone what a run going on now uses."""
    directory = packages_dir(models_dir)
    if not directory.is_dir():
        return []
    done = []
    try:
        with _models_lock(directory, wait=False) as held:
            done = _recover(directory) if held else []
    except (OSError, OutputError):  # a read-only folder: nothing of ours is half-done
        return []
    return done + sweep_scratch(directory)


def _recover(directory: Path) -> list[str]:
    done = _sweep_removed(directory)
    for leftover in sorted(directory.glob(".install-*")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
            done.append(f"removed {leftover.name}, left by an interrupted install")
    asides = sorted(directory.glob(".replacing-*"))
    if not asides:
        return done
    installed, _ = list_installed(directory)
    pairs = {(p.from_code, p.to_code) for p in installed}
    for aside in asides:
        if not aside.is_dir() or aside.is_symlink():
            continue
        for package in sorted(aside.iterdir()):
            pair = _package_pair(package)
            target = directory / package.name
            if pair is not None and pair not in pairs and not target.exists():
                os.replace(package, target)
                pairs.add(pair)
                done.append(
                    f"restored {package.name} ({pair[0]}-{pair[1]}), which an interrupted "
                    "install had moved aside"
                )
        shutil.rmtree(aside, ignore_errors=True)
    return done


def _package_pair(folder: Path) -> tuple[str, str] | None:
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        pair = (metadata["from_code"], metadata["to_code"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pair if all(isinstance(code, str) for code in pair) else None
