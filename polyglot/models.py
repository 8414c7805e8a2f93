"""Argos Translate model packages: find, list, validate, install, download, remove.

An ``.argosmodel`` is a zip of one folder holding ``metadata.json``, a
CTranslate2 model in ``model/`` and a tokenizer (``sentencepiece.model`` or
``bpe.model``).  polyglot reads installed packages with
``argostranslate.package`` but installs them itself: Argos'
``install_from_path`` extracts without any check and then imports
``argostranslate.translate`` (stanza and torch, ~2 s and ~750 MB), so here every
archive is validated first and extracted into a temporary folder that is
renamed into place only when complete.

polyglot's own additions to ``metadata.json`` live under a ``"polyglot"`` key:
``source_prefix`` (a token put before every source sentence, such as OPUS-MT's
``>>kaz_Cyrl<<``) and ``target_sentencepiece`` (a separate target tokenizer).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from polyglot.archives import check_members, member_name, member_parts, safe_extract, write_error
from polyglot.errors import InputError, ModelError, NetworkError, Problem

#: Called with (bytes done, total bytes or None) while downloading.
DownloadProgress = Callable[[int, int | None], None]

_STALE_AFTER = 600  # seconds after which a .removing-* folder is a leftover of a killed run


@dataclass(frozen=True)
class InstalledPackage:
    """An installed translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    from_name: str = ""
    to_name: str = ""
    source_prefix: str = ""
    target_prefix: str = ""
    tokenizer: str = "sentencepiece"  # or "bpe"
    target_sentencepiece: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"

    @property
    def label(self) -> str:
        """Name and version, as reports and TMX provenance show them."""
        return f"{self.path.name} {self.version}".strip()

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


def packages_dir(models_dir: Path | None = None) -> Path:
    """Where packages live: ``models_dir``, else ``ARGOS_PACKAGES_DIR``, else Argos' default.

    Computed the way ``argostranslate.settings`` does, without importing it
    (its import creates folders in the user's home).
    """
    if models_dir is not None:
        return Path(models_dir)
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


def _argos_package(directory: Path) -> ModuleType:
    """Import ``argostranslate.package`` with its packages folder set to ``directory``."""
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(directory))
    try:
        import argostranslate.package as argos_package
        import argostranslate.settings as argos_settings
    except ImportError:
        raise ModelError(
            "argostranslate is not installed",
            "pip install --no-deps 'argostranslate>=1.9,<2' (polyglot needs none of its "
            "dependencies; ci/install in a clone does this)",
        ) from None
    if Path(argos_settings.package_data_dir) != directory:
        argos_settings.package_data_dir = directory
        argos_settings.package_dirs = [directory]
    return argos_package


def list_installed(models_dir: Path | None = None) -> tuple[list[InstalledPackage], list[Problem]]:
    """Installed packages (best version first per pair), and folders that are broken."""
    directory = packages_dir(models_dir)
    if not directory.is_dir():
        return [], []
    argos_package = _argos_package(directory)
    found: list[InstalledPackage] = []
    broken: list[Problem] = []
    for path in sorted(directory.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
            problem = _metadata_problem(metadata)
            if problem is None and not (path / "model" / "model.bin").is_file():
                problem = "model/model.bin is missing"
            if problem is None:
                pkg = argos_package.Package(path)
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            problem = str(exc)
        if problem is not None:
            broken.append(Problem(str(path), None, f"not a usable package ({problem})"))
            continue
        if getattr(pkg, "type", "translate") != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        found.append(_installed(path, pkg, metadata))
    found.sort(key=lambda p: (p.pair, _version_key(p.version)))
    return found, broken


def _metadata_problem(metadata: Any) -> str | None:
    """What in an installed package's metadata.json would break Argos or polyglot, if anything."""
    if not isinstance(metadata, dict):
        return "metadata.json must hold a JSON object"
    for key in ("languages", "source_languages", "target_languages"):  # Argos extends these
        if not isinstance(metadata.get(key, []), list):
            return f"metadata.json: {key!r} must be a list"
    ours = metadata.get("polyglot", {})
    if not isinstance(ours, dict):
        return "metadata.json: 'polyglot' must be an object"
    target_spm = ours.get("target_sentencepiece")
    if target_spm is not None and not isinstance(target_spm, str):
        return "metadata.json: 'polyglot.target_sentencepiece' must be a file name"
    return None


def _installed(path: Path, pkg: Any, metadata: dict[str, Any]) -> InstalledPackage:
    raw = metadata.get("polyglot")
    ours: dict[str, Any] = raw if isinstance(raw, dict) else {}
    return InstalledPackage(
        path=path,
        from_code=pkg.from_code,
        to_code=pkg.to_code,
        version=str(pkg.package_version or ""),
        from_name=pkg.from_name or "",
        to_name=pkg.to_name or "",
        source_prefix=str(ours.get("source_prefix") or ""),
        target_prefix=str(getattr(pkg, "target_prefix", "") or ""),
        tokenizer="bpe" if (path / "bpe.model").exists() else "sentencepiece",
        target_sentencepiece=ours.get("target_sentencepiece"),
        metadata=metadata,
    )


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def find_package(source: str, target: str, models_dir: Path | None = None) -> InstalledPackage:
    """The installed package for ``source``→``target`` (highest version), or a clear error."""
    where = packages_dir(models_dir)
    if models_dir is not None and not where.is_dir():
        raise ModelError(
            f"the models folder {where} (--models-dir) does not exist",
            "check the path; polyglot models install PAIR --models-dir DIR creates it",
        )
    installed, broken = list_installed(models_dir)
    matches = [p for p in installed if p.from_code == source and p.to_code == target]
    if not matches:
        hint = f"install one with: polyglot models install {source}-{target}"
        damaged = [b for b in broken if f"{source}_{target}" in Path(b.path).name]
        if damaged:
            raise ModelError(
                f"the {source}→{target} package is broken: {damaged[0]}",
                f"reinstall it: polyglot models install {source}-{target} (or remove the folder)",
            )
        if source == "en" and target == "kk":
            hint = (
                "the Argos index has no en→kk package; build one from OPUS-MT with: "
                "polyglot models install en-kk, or offline: polyglot models import-opus-mt "
                "RELEASE.zip --from en --to kk (see README, 'Kazakh')"
            )
        raise ModelError(f"no model installed for {source}→{target} in {where}", hint)
    return max(matches, key=lambda p: _version_key(p.version))


# --- validation and installation -------------------------------------------


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
    pair = (metadata["from_code"], metadata["to_code"])
    directory = packages_dir(models_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _sweep_removed(directory)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=directory))
    except OSError as exc:
        raise write_error(exc, directory) from None
    try:
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
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_packages(new: Path, dest: Path, olds: list[Path]) -> InstalledPackage:
    """Move ``olds`` aside, ``new`` to ``dest``, check it reads back; undo all on failure."""
    directory = dest.parent
    moved: list[tuple[Path, Path]] = []
    placed = False
    try:
        for old in olds:
            moved.append((old, _move_aside(old)))
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
    source, _, target = pair.partition("-")
    installed, _ = list_installed(models_dir)
    matches = [p for p in installed if (p.from_code, p.to_code) == (source, target)]
    if not matches:
        raise ModelError(
            f"no model installed for {source}→{target} in {packages_dir(models_dir)}",
            "polyglot models list shows what is installed",
        )
    directory = packages_dir(models_dir)
    try:
        _sweep_removed(directory)
        for pkg in matches:
            aside = _move_aside(pkg.path)
            shutil.rmtree(aside.parent, ignore_errors=True)
    except OSError as exc:
        raise write_error(exc, directory) from None
    return matches


def _move_aside(path: Path) -> Path:
    """Move a package into a fresh ``.removing-*`` folder beside it; returns its new path.

    Hidden folders are never listed as installed, so a package half-deleted by
    an interrupted run is not seen; the next install or remove sweeps it up.
    """
    aside = Path(tempfile.mkdtemp(prefix=".removing-", dir=path.parent)) / path.name
    try:
        os.replace(path, aside)
    except OSError:
        aside.parent.rmdir()
        raise
    return aside


def _sweep_removed(directory: Path) -> None:
    """Delete ``.removing-*`` folders left by killed runs (not those of a run going on now)."""
    now = time.time()
    for leftover in directory.glob(".removing-*"):
        try:
            stale = now - leftover.lstat().st_mtime > _STALE_AFTER
        except OSError:
            continue
        if stale and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


# --- the Argos package index -------------------------------------------------


def index_url() -> str:
    """The Argos package index URL (``ARGOS_PACKAGE_INDEX`` overrides, as in Argos)."""
    base = os.environ.get(
        "ARGOS_PACKAGE_INDEX", "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
    )
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def fetch_index(timeout: float = 30.0) -> list[dict[str, Any]]:
    """Download the Argos package index (a JSON list of package metadata)."""
    url = index_url()
    data = _download_bytes(url, timeout)
    try:
        index = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise NetworkError(
            f"the package index at {url} is not JSON", "check ARGOS_PACKAGE_INDEX"
        ) from None
    if not isinstance(index, list):
        raise NetworkError(f"the package index at {url} is not a list", "check ARGOS_PACKAGE_INDEX")
    return [entry for entry in index if isinstance(entry, dict)]


def install_pair(
    pair: str,
    models_dir: Path | None = None,
    progress: DownloadProgress | None = None,
    timeout: float = 30.0,
) -> InstalledPackage:
    """Install ``pair`` from the Argos index or, when the index lacks it, from OPUS-MT.

    Pairs in polyglot's OPUS-MT catalogue (en-kk) are downloaded as OPUS-MT
    releases and converted (:mod:`polyglot.opus_mt`) unless the index has them.
    """
    from polyglot import opus_mt

    release = opus_mt.find_release(pair)
    if release is None:
        return install_from_index(pair, models_dir, progress, timeout)
    try:
        index = fetch_index(timeout)
    except NetworkError:
        index = []  # the release's own server may still answer
    source, _, target = pair.partition("-")
    if _index_entries(index, source, target):
        return install_from_index(pair, models_dir, progress, timeout, index=index)
    return opus_mt.install_release(release, models_dir, progress, timeout)


def _index_entries(index: list[dict[str, Any]], source: str, target: str) -> list[dict[str, Any]]:
    return [
        e
        for e in index
        if e.get("from_code") == source
        and e.get("to_code") == target
        and e.get("type", "translate") == "translate"
    ]


def install_from_index(
    pair: str,
    models_dir: Path | None = None,
    progress: DownloadProgress | None = None,
    timeout: float = 30.0,
    index: list[dict[str, Any]] | None = None,
) -> InstalledPackage:
    """Download the pair's package named in the Argos index, validate and install it."""
    source, _, target = pair.partition("-")
    if index is None:
        index = fetch_index(timeout)
    entries = _index_entries(index, source, target)
    if not entries:
        offered = sorted(
            {
                f"{e.get('from_code')}-{e.get('to_code')}"
                for e in index
                if e.get("type", "translate") == "translate"
                and isinstance(e.get("from_code"), str)
                and isinstance(e.get("to_code"), str)
            }
        )
        hint = f"the index offers: {', '.join(offered)}" if offered else "the index is empty"
        if (source, target) == ("en", "kk"):
            hint = "the Argos index has no en→kk package; see README, 'Kazakh'"
        raise ModelError(f"the Argos index has no {source}→{target} package", hint)
    entry = max(entries, key=lambda e: _version_key(str(e.get("package_version", ""))))
    links = [link for link in entry.get("links", []) if isinstance(link, str)]
    if not links:
        raise ModelError(f"the index entry for {source}→{target} has no download link")
    directory = packages_dir(models_dir)
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".download-", suffix=".argosmodel", dir=directory)
    os.close(fd)
    try:
        download_file(links, Path(tmp), progress, timeout)
        return install_package_file(Path(tmp), directory)
    finally:
        Path(tmp).unlink(missing_ok=True)


def download_file(
    urls: list[str], dest: Path, progress: DownloadProgress | None = None, timeout: float = 30.0
) -> None:
    """Stream the first URL that answers into ``dest``."""
    import urllib.error
    import urllib.request

    errors = []
    for url in urls:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "polyglot"})
            with (
                urllib.request.urlopen(request, timeout=timeout) as response,
                dest.open("wb") as fp,
            ):
                total = response.headers.get("Content-Length")
                total_bytes = int(total) if total and total.isdigit() else None
                done = 0
                while chunk := response.read(1 << 16):
                    fp.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total_bytes)
            return
        except (urllib.error.URLError, OSError, ValueError) as exc:
            errors.append(f"{url}: {getattr(exc, 'reason', exc)}")
    raise NetworkError(
        "could not download the package:\n" + "\n".join(f"  - {e}" for e in errors),
        "check the network; offline, copy the .argosmodel file here and run "
        "polyglot models install FILE.argosmodel",
    )


def _download_bytes(url: str, timeout: float) -> bytes:
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(url, headers={"User-Agent": "polyglot"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read()
            return data
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise NetworkError(
            f"cannot reach the Argos package index at {url} ({getattr(exc, 'reason', exc)})",
            "check the network (or ARGOS_PACKAGE_INDEX); offline, install a package file with "
            "polyglot models install FILE.argosmodel",
        ) from None
