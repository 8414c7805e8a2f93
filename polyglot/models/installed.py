"""Installed Argos Translate packages: where they live, which are there, which to use.

An ``.argosmodel`` is a zip of one folder holding ``metadata.json``, a
CTranslate2 model in ``model/`` and a tokenizer (``sentencepiece.model`` or
``bpe.model``).  Installed packages are read with ``argostranslate.package``
(imported lazily, with its folder set first).

polyglot's own additions to ``metadata.json`` live under a ``"polyglot"`` key:
``source_prefix`` (a token put before every source sentence, such as OPUS-MT's
``>>kaz_Cyrl<<``) and ``target_sentencepiece`` (a separate target tokenizer).
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from polyglot.errors import ModelError, Problem

_CODE = re.compile("[a-z]{2,3}")


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
    found.sort(key=lambda p: (p.pair, version_key(p.version)))
    return found, broken


def broken_packages_error(broken: list[Problem], models_dir: Path | None = None) -> ModelError:
    """The error naming every broken package folder (``models list`` exits with it after
    listing the usable ones) and how to fix each: remove it, reinstall its pair."""
    option = f" --models-dir {shlex.quote(str(models_dir))}" if models_dir is not None else ""
    lines, fixes = [], []
    for problem in broken:
        pair = _folder_pair(Path(problem.path))
        lines.append(f"  {problem}")
        fix = f"rm -r {shlex.quote(str(problem.path))}"
        if pair is not None:
            fix += f" && polyglot models install {pair}{option}"
        fixes.append(fix)
    return ModelError(
        f"{len(broken)} installed package folder(s) cannot be used:\n" + "\n".join(lines),
        "remove each broken folder, then reinstall its pair if you need it: " + "; ".join(fixes),
    )


def _folder_pair(path: Path) -> str | None:
    """The pair a broken package folder was for: its metadata's codes if they can be read,
    else its name's (``translate-en_ru-1_9``)."""
    codes: tuple[Any, ...]
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        codes = (metadata["from_code"], metadata["to_code"])
    except (OSError, ValueError, KeyError, TypeError):
        named = re.match(r"translate-([a-z]{2,3})_([a-z]{2,3})(?:-|$)", path.name)
        codes = named.groups() if named else ()
    if len(codes) != 2 or not all(isinstance(c, str) and _CODE.fullmatch(c) for c in codes):
        return None
    return f"{codes[0]}-{codes[1]}"


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


def version_key(version: str) -> tuple[int, ...]:
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
    return max(matches, key=lambda p: version_key(p.version))
