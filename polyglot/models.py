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
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

from polyglot.errors import InputError, ModelError, NetworkError, Problem

#: Called with (bytes done, total bytes or None) while downloading.
DownloadProgress = Callable[[int, int | None], None]

_MAX_UNPACKED = 8 * 1024**3  # a zip bomb guard; real packages are < 1 GB
_MAX_RATIO = 200  # compression ratio beyond which a member is suspicious


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
            "pip install 'polyglot[argos]' (or, for a small install without torch: "
            "pip install --no-deps argostranslate)",
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
            pkg = argos_package.Package(path)
            metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError) as exc:
            broken.append(Problem(str(path), None, f"not a usable package ({exc})"))
            continue
        if getattr(pkg, "type", "translate") != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        found.append(_installed(path, pkg, metadata))
    found.sort(key=lambda p: (p.pair, _version_key(p.version)))
    return found, broken


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
    installed, _ = list_installed(models_dir)
    matches = [p for p in installed if p.from_code == source and p.to_code == target]
    if not matches:
        where = packages_dir(models_dir)
        hint = f"install one with: polyglot models install {source}-{target}"
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
    problems: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            tops = {PurePosixPath(i.filename).parts[0] for i in infos if i.filename.strip("/")}
            total = 0
            for info in infos:
                name = info.filename
                parts = PurePosixPath(name).parts
                if name.startswith("/") or "\\" in name or ".." in parts or ":" in name:
                    problems.append(f"member {name!r} would be written outside the package folder")
                if stat.S_ISLNK(info.external_attr >> 16):
                    problems.append(f"member {name!r} is a symbolic link")
                total += info.file_size
                ratio = info.file_size / info.compress_size if info.compress_size else 0
                if ratio > _MAX_RATIO and info.file_size > 10 * 1024**2:
                    problems.append(f"member {name!r} is suspiciously compressible (zip bomb?)")
            if total > _MAX_UNPACKED:
                problems.append(f"unpacks to {total / 1024**3:.1f} GB, more than a model needs")
            if len(tops) != 1:
                problems.append(
                    f"must hold exactly one top folder, holds {len(tops)}: {sorted(tops)[:5]}"
                )
                raise _archive_error(shown, problems)
            top = tops.pop()
            names = {i.filename.rstrip("/") for i in infos}
            metadata = _read_metadata(archive, top, names, problems)
            for required in ("model/model.bin", "model/config.json"):
                if f"{top}/{required}" not in names:
                    problems.append(f"missing {required} (the CTranslate2 model)")
            if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
                problems.append("missing sentencepiece.model or bpe.model (the tokenizer)")
            target_spm = (metadata.get("polyglot") or {}).get("target_sentencepiece")
            if isinstance(target_spm, str) and f"{top}/{target_spm}" not in names:
                problems.append(f"missing {target_spm} (named by polyglot.target_sentencepiece)")
            bad = archive.testzip()
            if bad is not None:
                problems.append(f"member {bad!r} is corrupt (CRC mismatch)")
    except zipfile.BadZipFile as exc:
        problems.append(f"the zip archive is damaged ({exc})")
        raise _archive_error(shown, problems) from None
    if problems:
        raise _archive_error(shown, problems)
    return top, metadata


def _read_metadata(
    archive: zipfile.ZipFile, top: str, names: set[str], problems: list[str]
) -> dict[str, Any]:
    if f"{top}/metadata.json" not in names:
        problems.append("missing metadata.json")
        return {}
    try:
        metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
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


def install_package_file(path: Path, models_dir: Path | None = None) -> InstalledPackage:
    """Validate and install an .argosmodel; replaces an installed package of the same pair."""
    path = Path(path)
    top, metadata = validate_archive(path)
    directory = packages_dir(models_dir)
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=directory))
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(staging)  # names were checked by validate_archive
        new = staging / top
        installed, _ = list_installed(directory)
        for old in installed:
            if (old.from_code, old.to_code) == (metadata["from_code"], metadata["to_code"]):
                _remove_dir(old.path)
        dest = directory / top
        if dest.exists():
            _remove_dir(dest)
        os.replace(new, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for pkg in list_installed(directory)[0]:
        if pkg.path == dest:
            return pkg
    raise ModelError(f"{dest}: installed, but Argos cannot read it back", "report this as a bug")


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
    for pkg in matches:
        _remove_dir(pkg.path)
    return matches


def _remove_dir(path: Path) -> None:
    """Rename aside first, so a half-deleted package is never seen as installed."""
    aside = path.with_name(f".removing-{path.name}")
    os.replace(path, aside)
    shutil.rmtree(aside, ignore_errors=True)


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
    entries = _index_entries(fetch_index(timeout) if index is None else index, source, target)
    if not entries:
        hint = "polyglot models available lists the pairs the index offers"
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
