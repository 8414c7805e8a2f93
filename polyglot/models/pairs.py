"""Where a pair's package comes from: the Argos index, else polyglot's OPUS-MT catalogue."""

from __future__ import annotations

from pathlib import Path

from polyglot.errors import NetworkError
from polyglot.languages import split_pair
from polyglot.models import opus_mt
from polyglot.models.argos_index import fetch_index, index_entries, install_from_index
from polyglot.models.download import DownloadProgress
from polyglot.models.installed import InstalledPackage


def install_pair(
    pair: str,
    models_dir: Path | None = None,
    progress: DownloadProgress | None = None,
    timeout: float = 30.0,
) -> InstalledPackage:
    """Install ``pair`` from the Argos index or, when the index lacks it, from OPUS-MT.

    Pairs in polyglot's OPUS-MT catalogue (en-kk) are downloaded as OPUS-MT
    releases and converted (:mod:`polyglot.models.opus_mt`) unless the index has them.
    """
    release = opus_mt.find_release(pair)
    if release is None:
        return install_from_index(pair, models_dir, progress, timeout)
    try:
        index = fetch_index(timeout)
    except NetworkError:
        index = []  # the release's own server may still answer
    source, target = split_pair(pair)
    if index_entries(index, source, target):
        return install_from_index(pair, models_dir, progress, timeout, index=index)
    return opus_mt.install_release(release, models_dir, progress, timeout)
