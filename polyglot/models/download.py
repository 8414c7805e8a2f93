"""Downloading over HTTP(S) with progress: package files, releases, the index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from polyglot.errors import NetworkError

#: Called with (bytes done, total bytes or None) while downloading.
DownloadProgress = Callable[[int, int | None], None]


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


def download_bytes(url: str, timeout: float) -> bytes:
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
