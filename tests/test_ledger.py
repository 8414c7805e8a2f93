"""The run ledger: a corpus run's articles on disk, streamed back in each file's order."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path

import pytest

from polyglot.errors import UsageError
from polyglot.formats.run_report import ArticleResult, ArticleStatus
from polyglot.ledger import ArticleSource, RunLedger
from polyglot.site import ArticleList, SiteArticle


def site(path: str, date: dt.date | None, languages: tuple[str, ...] = ("en", "kk")) -> SiteArticle:
    return SiteArticle(
        path=path,
        source_lang=languages[0],
        languages=languages,
        titles={lang: f"{path} {lang}" for lang in languages},
        date=date,
    )


def filled(articles: list[SiteArticle], failed: tuple[str, ...] = ()) -> RunLedger:
    ledger = RunLedger()
    for item in articles:
        ledger.add_source(ArticleSource(Path(f"in/{item.path}.txt"), item.path))
    for seq, source in ledger.sources():
        status = ArticleStatus.FAILED if source.rel in failed else ArticleStatus.TRANSLATED
        entry = next(a for a in articles if a.path == source.rel)
        result = ArticleResult(str(source.path), source.rel, status, segments=seq)
        ledger.record(seq, result, None if status == ArticleStatus.FAILED else entry)
    return ledger


def test_the_ledger_gives_the_sites_orders() -> None:
    rng = random.Random(4)
    days = [dt.date(2017, 9, d) for d in (1, 2, 2, 3)] + [None]
    articles = [site(f"{rng.choice('abc')}/{n:04d}", rng.choice(days)) for n in range(1200)]
    articles += [site("z/fr", dt.date(2017, 9, 1), ("en", "fr")), site("0/ru", None, ("ru", "en"))]
    rng.shuffle(articles)
    with filled(articles) as ledger:
        same = ArticleList(articles)
        assert ledger.site_count() == len(articles)
        assert list(ledger.newest_first()) == list(same.newest_first())
        assert list(ledger.by_path()) == list(same.by_path())
        assert ledger.languages() == same.languages() == ["ru", "en", "kk", "fr"]
        assert not ledger.any_pseudo()


def test_the_ledger_keeps_results_in_the_order_found_and_leaves_failures_off_the_site() -> None:
    articles = [site(name, dt.date(2017, 9, 1)) for name in ("b", "a", "c")]
    with filled(articles, failed=("a",)) as ledger:
        assert [(r.out, r.status) for r in ledger.results()] == [
            ("b", "translated"),
            ("a", "failed"),
            ("c", "translated"),
        ]
        assert [a.path for a in ledger.by_path()] == ["b", "c"]
        assert ledger.site_count() == 2


def test_a_pseudo_translated_article_is_known() -> None:
    article = replace(site("p", None), notices={"kk": "pseudo"})
    with filled([site("m", None), article]) as ledger:
        assert ledger.any_pseudo()


def test_two_articles_for_one_folder_are_refused() -> None:
    with RunLedger() as ledger:
        ledger.add_source(ArticleSource(Path("a/story.txt"), "story"))
        with pytest.raises(UsageError, match=r"a/story\.txt and b/story\.txt"):
            ledger.add_source(ArticleSource(Path("b/story.txt"), "story"))


def test_file_names_that_are_not_utf8_survive() -> None:
    name = b"caf\xe9".decode("utf-8", "surrogateescape")
    with RunLedger() as ledger:
        ledger.add_source(ArticleSource(Path(f"in/{name}.txt"), name))
        [(_seq, source)] = list(ledger.sources())
        assert source == ArticleSource(Path(f"in/{name}.txt"), name)


def test_a_full_temporary_folder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fault injected: SQLite reports the disk full while the run records an article."""
    import sqlite3

    from polyglot.errors import OutputError

    class FullDisk:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
            if sql.startswith("UPDATE"):
                raise sqlite3.OperationalError("database or disk is full")
            return self.db.execute(sql, parameters)

        def close(self) -> None:
            self.db.close()

    with RunLedger() as ledger:
        ledger._db = FullDisk(ledger._db)  # type: ignore[assignment]
        ledger.add_source(ArticleSource(Path("a.txt"), "a"))
        [(seq, _source)] = list(ledger.sources())
        with pytest.raises(OutputError, match="disk is full") as error:
            ledger.record(seq, ArticleResult("a.txt", "a", "translated"), None)
        assert "TMPDIR" in (error.value.hint or "")
