"""report.json at a corpus run's root: per article its status, segments and timings; totals.

Each article's own folder keeps its full ``report.json`` (every segment, see
:mod:`polyglot.formats.report`); this one says what the run did with each article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
    #: language -> the QA checks' error-level results in its translation (an unchanged
    #: article: as its folder's state recorded them).
    qa_errors: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The article's entry in the report; :meth:`from_json` reads it back."""
        return {
            "source": self.source,
            "out": self.out,
            "status": self.status,
            "error": self.error,
            "segments": self.segments,
            "seconds": round(self.seconds, 3),
            "qa_errors": self.qa_errors,
            "languages": {
                lang: {k: round(v, 3) if isinstance(v, float) else v for k, v in lr.items()}
                for lang, lr in self.languages.items()
            },
        }

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> ArticleResult:
        """The entry :meth:`to_json` wrote (KeyError/ValueError/TypeError if malformed)."""
        return cls(
            source=str(item["source"]),
            out=str(item["out"]),
            status=str(item["status"]),
            error=item.get("error"),
            segments=int(item["segments"]),
            languages={str(k): dict(v) for k, v in item["languages"].items()},
            seconds=float(item["seconds"]),
            qa_errors={str(k): int(v) for k, v in item.get("qa_errors", {}).items()},
        )


#: Failed articles a run keeps for its summary (a 100,000-article run may fail them all).
FAILED_KEPT = 50


@dataclass
class CorpusRunInfo:
    """A corpus run: settings, totals, and the articles that failed.

    The other articles' results are not kept here (a run may have 100,000): the run
    records them in its ledger (:mod:`polyglot.ledger`) and streams them into
    ``report.json``; :meth:`add` counts each one.
    """

    tool_version: str
    created: str  # ISO 8601 UTC
    out: str  # the output folder as given
    settings: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0  # the whole run, wall time
    files: list[str] = field(default_factory=list)  # the site's files at the root
    warnings: list[str] = field(default_factory=list)
    #: What :meth:`add` counted: articles per status, segments, engine and memory
    #: translations, QA errors per language.
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ArticleStatus.ALL, 0))
    segments: int = 0
    segments_translated: int = 0
    from_engine: int = 0
    from_memory: int = 0
    #: language -> error-level QA results in the site's articles (translated by this run
    #: or unchanged), and how many articles have some.
    qa_errors: dict[str, int] = field(default_factory=dict)
    articles_with_qa_errors: int = 0
    #: The first :data:`FAILED_KEPT` articles that failed, for the summary (the report has
    #: them all; ``count(ArticleStatus.FAILED)`` says how many).
    failed: list[ArticleResult] = field(default_factory=list)

    def add(self, result: ArticleResult) -> None:
        """Count one article's result in the totals."""
        self.statuses[result.status] = self.statuses.get(result.status, 0) + 1
        self.segments += result.segments
        if result.status == ArticleStatus.TRANSLATED:
            self.segments_translated += result.segments
        for lr in result.languages.values():
            self.from_engine += int(lr.get("from_engine", 0))
            self.from_memory += int(lr.get("from_memory", 0))
        for lang, errors in result.qa_errors.items():
            self.qa_errors[lang] = self.qa_errors.get(lang, 0) + errors
        if any(result.qa_errors.values()):
            self.articles_with_qa_errors += 1
        if result.status == ArticleStatus.FAILED and len(self.failed) < FAILED_KEPT:
            self.failed.append(result)

    def count(self, status: str) -> int:
        return self.statuses.get(status, 0)

    @property
    def total(self) -> int:
        """How many articles the run had."""
        return sum(self.statuses.values())


def render_run_report(run: CorpusRunInfo) -> dict[str, Any]:
    """The report as plain JSON-ready data, all but its ``articles`` (see
    :func:`write_run_report`)."""
    return {
        "tool": {"name": "polyglot", "version": run.tool_version},
        "created": run.created,
        "out": run.out,
        "settings": run.settings,
        "totals": {
            "articles": run.total,
            **{status: run.count(status) for status in ArticleStatus.ALL},
            "segments": run.segments,
            "segments_translated": run.segments_translated,
            "from_engine": run.from_engine,
            "from_memory": run.from_memory,
            "qa_errors": run.qa_errors,
            "articles_with_qa_errors": run.articles_with_qa_errors,
            "seconds": round(run.seconds, 3),
        },
        "files": run.files,
        "warnings": run.warnings,
    }


def write_run_report(fp: IO[str], run: CorpusRunInfo, articles: Iterable[ArticleResult]) -> None:
    """Write the report as pretty-printed UTF-8 JSON, ``articles`` (each one's result, as
    :meth:`CorpusRunInfo.add` counted them) one at a time: memory stays flat."""
    head = render_run_report(run)
    fp.write("{\n")
    for key, value in head.items():
        fp.write(f"  {json.dumps(key)}: {_indented(value, 2)},\n")
    fp.write('  "articles": [')
    first = True
    for article in articles:
        fp.write("\n    " if first else ",\n    ")
        fp.write(_indented(article.to_json(), 4))
        first = False
    fp.write("]\n}\n" if first else "\n  ]\n}\n")


def _indented(value: Any, level: int) -> str:
    """``value`` as ``json.dump(..., indent=2)`` writes it ``level`` spaces in."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + " " * level)


def read_run_report(
    fp: IO[str], name: str = "report.json"
) -> tuple[CorpusRunInfo, list[ArticleResult]]:
    """Read back what :func:`write_run_report` wrote: the run (totals recounted from the
    articles, not read) and each article's result."""
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
        articles = [ArticleResult.from_json(item) for item in data["articles"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"not a polyglot corpus report ({exc})", path=name) from None
    for article in articles:
        run.add(article)
    return run, articles
