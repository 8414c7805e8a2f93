"""report.json at a corpus run's root: per article its status, segments and timings; totals.

Each article's own folder keeps its full ``report.json`` (every segment, see
:mod:`polyglot.formats.report`); this one says what the run did with each article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any

from polyglot.errors import InputError


class ArticleStatus:
    """What a run did with an article (plain strings in the JSON)."""

    TRANSLATED = "translated"  # read, translated (engine and/or memory) and written
    UNCHANGED = "unchanged"  # its outputs were up to date: nothing read, translated or written
    FAILED = "failed"  # a problem with this article; the others went on

    ALL = (TRANSLATED, UNCHANGED, FAILED)


@dataclass
class ArticleResult:
    """One article of a corpus run."""

    source: str  # the input file as found
    out: str  # its output folder, relative to the run's output folder
    status: str  # an :class:`ArticleStatus`
    error: str | None = None  # why it failed: message and hint
    segments: int = 0
    #: language -> {"seconds", "from_engine", "from_memory", "from_glossary"}; seconds are
    #: this article's share (by segments sent) of the batches it was translated in.
    languages: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0  # reading, translating (its share) and writing


@dataclass
class CorpusRunInfo:
    """A corpus run: settings, what happened to every article, and totals."""

    tool_version: str
    created: str  # ISO 8601 UTC
    out: str  # the output folder as given
    settings: dict[str, Any] = field(default_factory=dict)
    articles: list[ArticleResult] = field(default_factory=list)
    seconds: float = 0.0  # the whole run, wall time
    files: list[str] = field(default_factory=list)  # the site's files at the root
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for a in self.articles if a.status == status)

    @property
    def failed(self) -> list[ArticleResult]:
        return [a for a in self.articles if a.status == ArticleStatus.FAILED]


def render_run_report(run: CorpusRunInfo) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    from_engine = sum(
        int(lr.get("from_engine", 0)) for a in run.articles for lr in a.languages.values()
    )
    from_memory = sum(
        int(lr.get("from_memory", 0)) for a in run.articles for lr in a.languages.values()
    )
    return {
        "tool": {"name": "polyglot", "version": run.tool_version},
        "created": run.created,
        "out": run.out,
        "settings": run.settings,
        "totals": {
            "articles": len(run.articles),
            **{status: run.count(status) for status in ArticleStatus.ALL},
            "segments": sum(a.segments for a in run.articles),
            "segments_translated": sum(
                a.segments for a in run.articles if a.status == ArticleStatus.TRANSLATED
            ),
            "from_engine": from_engine,
            "from_memory": from_memory,
            "seconds": round(run.seconds, 3),
        },
        "files": run.files,
        "warnings": run.warnings,
        "articles": [
            {
                "source": a.source,
                "out": a.out,
                "status": a.status,
                "error": a.error,
                "segments": a.segments,
                "seconds": round(a.seconds, 3),
                "languages": {
                    lang: {k: round(v, 3) if isinstance(v, float) else v for k, v in lr.items()}
                    for lang, lr in a.languages.items()
                },
            }
            for a in run.articles
        ],
    }


def write_run_report(fp: IO[str], run: CorpusRunInfo) -> None:
    """Write the report as pretty-printed UTF-8 JSON."""
    json.dump(render_run_report(run), fp, ensure_ascii=False, indent=2)
    fp.write("\n")


def read_run_report(fp: IO[str], name: str = "report.json") -> CorpusRunInfo:
    """Read back what :func:`write_run_report` wrote (totals are recomputed, not read)."""
    try:
        data = json.load(fp)
        run = CorpusRunInfo(
            tool_version=str(data["tool"]["version"]),
            created=str(data["created"]),
            out=str(data["out"]),
            settings=dict(data["settings"]),
            seconds=float(data["totals"]["seconds"]),
            files=[str(f) for f in data["files"]],
            warnings=[str(w) for w in data["warnings"]],
        )
        for item in data["articles"]:
            run.articles.append(
                ArticleResult(
                    source=str(item["source"]),
                    out=str(item["out"]),
                    status=str(item["status"]),
                    error=item.get("error"),
                    segments=int(item["segments"]),
                    languages={str(k): dict(v) for k, v in item["languages"].items()},
                    seconds=float(item["seconds"]),
                )
            )
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a polyglot corpus report ({exc})", path=name) from None
    return run
