"""A corpus run's ledger: every article it found, what it did with each, and what the
site shows of each, kept on disk instead of in memory.

A run over 100,000 articles must not hold 100,000 of anything.  The ledger is a
private temporary SQLite database (``sqlite3.connect("")``): SQLite keeps a few
megabytes of it in its page cache, spills the rest to a file it has already
unlinked (nothing is left behind, even by a killed run) and sorts with bounded
memory.  The driver records each article as it finishes and forgets it; the
site's pages, sitemaps and feeds and the run's ``report.json`` are then written
by streaming the ledger back in the order each one wants (newest first, by
path, as found).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polyglot.errors import OutputError, UsageError
from polyglot.formats.run_report import ArticleResult
from polyglot.site import SiteArticle

_SCHEMA = """
CREATE TABLE article (
    seq INTEGER PRIMARY KEY,  -- the order the articles were found in
    path BLOB NOT NULL,       -- the file, as found (file names need not be UTF-8: os.fsencode)
    rel BLOB NOT NULL UNIQUE, -- its output folder below the run's
    result TEXT,              -- ArticleResult as JSON, once done
    site TEXT,                -- SiteArticle as JSON, once written or found up to date
    day INTEGER,              -- its date's ordinal; 0: undated (last when newest first)
    langs TEXT,               -- its languages, space-separated
    pseudo INTEGER            -- some version is a pseudo-translation
);
"""
#: Rows read from SQLite at a time.
_BATCH = 500


@dataclass(frozen=True)
class ArticleSource:
    """An article found for a corpus run."""

    path: Path  # as found (the folder given / its relative path)
    rel: str  # its output folder below the run's, with "/": path relative to the folder
    # given, without extension ("2017/09/story"); a file given by itself: its stem


@contextlib.contextmanager
def _disk_errors() -> Iterator[None]:
    """SQLite's failures (the temporary folder full or unwritable) as a clear error."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise  # a constraint: the caller's to explain
    except sqlite3.Error as exc:
        raise OutputError(
            f"the run's temporary ledger in {tempfile.gettempdir()} failed: {exc}",
            "make room there, or point TMPDIR to a folder with room (a few KB an article)",
        ) from None


def duplicate_error(first: Path, second: Path, rel: str) -> UsageError:
    """Two articles that would share an output folder."""
    return UsageError(
        f"{first} and {second} would both be written to {rel}/",
        "give them in separate runs with different --out folders",
    )


class RunLedger:
    """The ledger of one corpus run (see the module's docstring); close it when done."""

    def __init__(self) -> None:
        with _disk_errors():
            self._db = sqlite3.connect("", isolation_level=None)
            self._db.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;" + _SCHEMA
            )
        self._indexed = False
        self._in_batch = 0

    def close(self) -> None:
        self._db.close()

    def _execute(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        with _disk_errors():
            return self._db.execute(sql, parameters)

    def __enter__(self) -> RunLedger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- what was found ------------------------------------------------------------------

    def add_source(self, source: ArticleSource) -> None:
        """Record an article found; a clear error when another one has the same output folder."""
        self._begin()
        try:
            self._execute(
                "INSERT INTO article (path, rel) VALUES (?, ?)",
                (_b(str(source.path)), _b(source.rel)),
            )
        except sqlite3.IntegrityError:
            (first,) = self._execute(
                "SELECT path FROM article WHERE rel = ?", (_b(source.rel),)
            ).fetchone()
            raise duplicate_error(Path(_s(first)), source.path, source.rel) from None

    def count(self) -> int:
        """How many articles were found."""
        return int(self._value("SELECT count(*) FROM article"))

    def sources(self) -> Iterator[tuple[int, ArticleSource]]:
        """The articles found, in order, each with its number for :meth:`record`."""
        self._commit()
        last = 0
        while True:
            rows = self._execute(
                "SELECT seq, path, rel FROM article WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, _BATCH),
            ).fetchall()
            if not rows:
                return
            for seq, path, rel in rows:
                yield seq, ArticleSource(Path(_s(path)), _s(rel))
            last = rows[-1][0]

    # --- what was done -------------------------------------------------------------------

    def record(self, seq: int, result: ArticleResult, site: SiteArticle | None) -> None:
        """What the run did with article ``seq`` and, unless it failed, what the site shows."""
        self._begin()
        self._execute(
            "UPDATE article SET result = ?, site = ?, day = ?, langs = ?, pseudo = ? WHERE seq = ?",
            (
                json.dumps(result.to_json(), ensure_ascii=False),
                json.dumps(site.to_json(), ensure_ascii=False) if site is not None else None,
                (site.date.toordinal() if site.date else 0) if site is not None else None,
                " ".join(site.languages) if site is not None else None,
                int("pseudo" in site.notices.values()) if site is not None else None,
                seq,
            ),
        )

    def results(self) -> Iterator[ArticleResult]:
        """What the run did with each article, in the order they were found."""
        for (data,) in self._rows("SELECT result FROM article WHERE result IS NOT NULL", "seq"):
            yield ArticleResult.from_json(json.loads(data))

    # --- the site ------------------------------------------------------------------------

    def site_count(self) -> int:
        """How many articles the site shows."""
        self._commit()
        return int(self._value("SELECT count(*) FROM article WHERE site IS NOT NULL"))

    def newest_first(self) -> Iterator[SiteArticle]:
        """The site's articles by date, newest first, undated last, ties by path (as
        :func:`polyglot.site.newest_first`)."""
        self._index()
        return self._articles("day DESC, rel")

    def by_path(self) -> Iterator[SiteArticle]:
        """The site's articles by path."""
        return self._articles("rel")

    def languages(self) -> list[str]:
        """Every language of the site, in first-seen order by path (as
        :func:`polyglot.site.site_languages`)."""
        self._commit()
        seen: dict[str, None] = {}
        for (langs,) in self._execute(
            "SELECT langs FROM article WHERE site IS NOT NULL GROUP BY langs ORDER BY min(rel)"
        ):
            for lang in langs.split():
                seen.setdefault(lang, None)
        return list(seen)

    def any_pseudo(self) -> bool:
        """Some version of some article is a pseudo-translation."""
        self._commit()
        return self._value("SELECT count(*) FROM article WHERE pseudo = 1") > 0

    def _articles(self, order: str) -> Iterator[SiteArticle]:
        for (data,) in self._rows("SELECT site FROM article WHERE site IS NOT NULL", order):
            yield SiteArticle.from_json(json.loads(data))

    def _rows(self, select: str, order: str) -> Iterator[tuple[str]]:
        """The rows of ``select`` in ``order``, one at a time (nothing writes to the ledger
        while the site and the report are written)."""
        self._commit()
        cursor = self._execute(f"{select} ORDER BY {order}")
        try:
            with _disk_errors():  # reading may spill the sort to disk too
                for row in cursor:  # noqa: UP028 (yield from would close the cursor on exit)
                    yield row
        finally:
            # A stream abandoned by a failed write is closed when it is collected, maybe
            # after the ledger: its cursor went with the database then.
            with contextlib.suppress(sqlite3.ProgrammingError):
                cursor.close()

    def _value(self, select: str) -> int:
        self._commit()
        return int(self._execute(select).fetchone()[0])

    def _index(self) -> None:
        if not self._indexed:
            self._execute("CREATE INDEX newest ON article (day DESC, rel) WHERE site IS NOT NULL")
            self._indexed = True

    def _begin(self) -> None:
        if self._in_batch == 0:
            self._execute("BEGIN")
        self._in_batch += 1
        if self._in_batch >= _BATCH:
            self._commit()

    def _commit(self) -> None:
        if self._in_batch:
            self._execute("COMMIT")
            self._in_batch = 0


def _b(text: str) -> bytes:
    return os.fsencode(text)


def _s(data: bytes) -> str:
    return os.fsdecode(data)
