"""``.polyglot-state.json`` in an article's output folder: what made it, for incremental runs.

It holds the fingerprint of everything that decides the folder's contents (the
article's bytes, the languages, the engine and model versions, the glossary,
the translation memory's human work, the export settings, polyglot's version)
and what the site shows of the article.  A later run whose fingerprint matches
leaves the folder alone without reading the article or loading a model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO

from polyglot.site import SiteArticle

STATE_NAME = ".polyglot-state.json"


@dataclass(frozen=True)
class ArticleState:
    """What an output folder was made from, and the site's view of it."""

    fingerprint: str
    segments: int
    site: SiteArticle  # its path is "" here: the site puts it where it is
    #: language -> error-level QA results of its translation (``--strict`` counts them
    #: for an unchanged article too); none: none, or a state from before they were kept.
    errors: dict[str, int] = field(default_factory=dict)


def write_state(fp: IO[str], state: ArticleState) -> None:
    """Write the state as JSON."""
    data = {
        "fingerprint": state.fingerprint,
        "segments": state.segments,
        "site": state.site.to_json(),
        "errors": state.errors,
    }
    json.dump(data, fp, ensure_ascii=False, indent=1, sort_keys=True)
    fp.write("\n")


def read_state(fp: IO[str]) -> ArticleState | None:
    """The state :func:`write_state` wrote; None when it is unreadable (the folder is
    then simply made again)."""
    try:
        data = json.load(fp)
        return ArticleState(
            fingerprint=str(data["fingerprint"]),
            segments=int(data["segments"]),
            site=SiteArticle.from_json(data["site"]),
            errors={str(k): int(v) for k, v in data.get("errors", {}).items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
