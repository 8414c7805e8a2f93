"""Shared fixtures.

Every test runs with HOME, XDG folders and ARGOS_PACKAGES_DIR pointing into its
own temporary folder, so nothing touches the user's real packages, memory or
settings (argostranslate creates folders on import).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from repo_scripts import load_script

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ab846ab5c136d731.txt"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # never the network
    # the current folder is the user's too: the repo's glossary.csv (used by default
    # when present) and out/ must not leak into tests
    monkeypatch.chdir(home)
    return home


@pytest.fixture
def seed_path() -> Path:
    return SEED


# --- real model packages built by tools/build_test_packages.py ---------------


def load_package_builder() -> ModuleType:
    """``tools/build_test_packages.py`` as a module (tools/ is not a package)."""
    return load_script("tools", "build_test_packages")


@pytest.fixture(scope="session")
def package_builder() -> ModuleType:
    """The ``tools/build_test_packages.py`` module (build_copy_package, build_random_package)."""
    return load_package_builder()


@pytest.fixture(scope="session")
def test_package_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The en-kk, en-ru, en-fr copy-model .argosmodel files, built once per session."""
    builder = load_package_builder()
    out = tmp_path_factory.mktemp("test-package-files")
    return [builder.build_copy_package(out, *pair.split("-")) for pair in builder.DEFAULT_PAIRS]


@pytest.fixture(scope="session")
def test_packages_dir(
    tmp_path_factory: pytest.TempPathFactory, test_package_files: list[Path]
) -> Path:
    """A packages folder (for --models-dir / ARGOS_PACKAGES_DIR) holding the copy packages.

    Installed with polyglot's own installer. Session fixtures run before the
    autouse ``isolated_home``, so HOME and XDG are pointed into a temporary
    folder here too: installing imports argostranslate, which creates folders.
    """
    builder = load_package_builder()
    home = tmp_path_factory.mktemp("test-packages-home")
    packages = tmp_path_factory.mktemp("test-packages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(var, str(home / var.lower()))
        patch.setenv("ARGOS_PACKAGES_DIR", str(packages))
        builder.install_packages(test_package_files, packages)
    return packages


@pytest.fixture(scope="session")
def faulty_packages_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A packages folder per fault of ``build_test_packages.FAULTS`` (digits, comma, repeat,
    script), each holding the en-kk, en-ru, en-fr faulty copy models, built once per session."""
    builder = load_package_builder()
    home = tmp_path_factory.mktemp("faulty-packages-home")
    folders = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(var, str(home / var.lower()))
        for fault in builder.FAULTS:
            out = tmp_path_factory.mktemp(f"faulty-{fault}")
            files = [
                builder.build_faulty_package(out, *pair.split("-"), fault)
                for pair in builder.DEFAULT_PAIRS
            ]
            folders[fault] = out / "installed"
            patch.setenv("ARGOS_PACKAGES_DIR", str(folders[fault]))
            builder.install_packages(files, folders[fault])
    return folders
