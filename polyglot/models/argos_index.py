"""The Argos package index: read it, and install a pair's package from it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from polyglot.errors import ModelError, NetworkError
from polyglot.languages import split_pair
from polyglot.models.download import DownloadProgress, download_bytes, download_file
from polyglot.models.install import install_package_file
from polyglot.models.installed import InstalledPackage, packages_dir, version_key
from polyglot.models.scratch import scratch_folder


def index_url() -> str:
    """The Argos package index URL (``ARGOS_PACKAGE_INDEX`` overrides, as in Argos)."""
    base = os.environ.get(
        "ARGOS_PACKAGE_INDEX", "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
    )
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def fetch_index(timeout: float = 30.0) -> list[dict[str, Any]]:
    """Download the Argos package index (a JSON list of package metadata)."""
    url = index_url()
    data = download_bytes(url, timeout)
    try:
        index = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise NetworkError(
            f"the package index at {url} is not JSON", "check ARGOS_PACKAGE_INDEX"
        ) from None
    if not isinstance(index, list):
        raise NetworkError(f"the package index at {url} is not a list", "check ARGOS_PACKAGE_INDEX")
    return [entry for entry in index if isinstance(entry, dict)]


def index_entries(index: list[dict[str, Any]], source: str, target: str) -> list[dict[str, Any]]:
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
    source, target = split_pair(pair)
    if index is None:
        index = fetch_index(timeout)
    entries = index_entries(index, source, target)
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
    entry = max(entries, key=lambda e: version_key(str(e.get("package_version", ""))))
    links = [link for link in entry.get("links", []) if isinstance(link, str)]
    if not links:
        raise ModelError(f"the index entry for {source}→{target} has no download link")
    directory = packages_dir(models_dir)
    name = links[0].rsplit("/", 1)[-1]
    if not name.endswith(".argosmodel") or name.startswith("."):
        name = f"translate-{source}_{target}.argosmodel"
    with scratch_folder(directory, "download") as work:  # a killed download is swept later
        download_file(links, work / name, progress, timeout)
        return install_package_file(work / name, directory)
