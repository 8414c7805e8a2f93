"""The multilingual site a corpus run builds around its articles: plain data, no I/O.

A corpus run writes each article into its own folder (exactly what a
single-article run writes) and, at the root, the pages that tie them together:
``index.html`` (and ``index-2.html``... : :data:`INDEX_PAGE_SIZE` articles a page),
``sitemap.xml``, ``feed.<lang>.xml`` and ``report.json``
(:mod:`polyglot.formats.site_pages`, :mod:`polyglot.formats.sitemap`,
:mod:`polyglot.formats.atom`, :mod:`polyglot.formats.run_report`).  They are all
rendered from :class:`SiteArticle` values, which an incremental run keeps beside
each article, so an unchanged article is never read, translated or rendered again;
they are read from a :class:`SiteArticles` source in the order each file wants, one
at a time, so a site of 100,000 articles is written with flat memory.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from polyglot.model import Document

#: Atom ids of a site without a base URL: ``urn:uuid:`` names derived from this namespace.
_ID_NAMESPACE = uuid.UUID("6f1d7c3e-0b9a-5c43-9a57-3f5e2d8c1b00")
#: Articles on each page of the site's index (``--index-page-size``).
INDEX_PAGE_SIZE = 100
#: Entries of each Atom feed: the newest articles (``--feed-entries``).
FEED_ENTRIES = 50


@dataclass(frozen=True)
class SiteArticle:
    """One article as the site shows it: where its pages are and what they are called."""

    path: str  # its folder relative to the site root, with "/" ("2017/09/story")
    source_lang: str
    languages: tuple[str, ...]  # the source first, then every translation
    titles: dict[str, str]  # language -> headline in that language
    summaries: dict[str, str] = field(default_factory=dict)  # language -> lead (description)
    #: language -> "machine", "pseudo" or absent (no notice: the source, reviewed work).
    notices: dict[str, str] = field(default_factory=dict)
    date: dt.date | None = None
    updated: str = ""  # when its outputs were made, ISO 8601 UTC ("2026-12-04T10:00:00Z")

    def page(self, lang: str) -> str:
        """The page of ``lang``, relative to the site root: ``2017/story/kk.html``."""
        return f"{self.path}/{lang}.html"

    @property
    def chooser(self) -> str:
        """The article's language chooser (its ``x-default``), relative to the site root."""
        return f"{self.path}/index.html"

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data; :meth:`from_json` reads it back."""
        return {
            "path": self.path,
            "source_lang": self.source_lang,
            "languages": list(self.languages),
            "titles": self.titles,
            "summaries": self.summaries,
            "notices": self.notices,
            "date": self.date.isoformat() if self.date else None,
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteArticle:
        """The article :meth:`to_json` wrote (KeyError/ValueError/TypeError if malformed)."""
        return cls(
            path=str(data["path"]),
            source_lang=str(data["source_lang"]),
            languages=tuple(str(lang) for lang in data["languages"]),
            titles={str(k): str(v) for k, v in data["titles"].items()},
            summaries={str(k): str(v) for k, v in data.get("summaries", {}).items()},
            notices={str(k): str(v) for k, v in data.get("notices", {}).items()},
            date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
            updated=str(data.get("updated", "")),
        )


@dataclass(frozen=True)
class SiteOptions:
    """What the site's pages need beyond the articles."""

    title: str  # the site's name: the index heading, the feeds' title and author
    created: str  # when this run made the site, ISO 8601 UTC
    #: Where the site will be published ("https://example.com/news/", ends with "/");
    #: None: links are relative (sitemaps then say so in a warning: search engines
    #: want absolute URLs).
    base_url: str | None = None
    generator: str | None = None  # "polyglot 0.1.0"
    template_dir: Any = None  # a publisher's templates (pathlib.Path), as for the pages
    page_size: int = INDEX_PAGE_SIZE  # articles per index page
    feed_entries: int = FEED_ENTRIES  # entries per feed, the newest

    def href(self, path: str) -> str:
        """``path`` (relative to the site root) as the site links to it."""
        return f"{self.base_url}{path}" if self.base_url else path

    def atom_id(self, path: str) -> str:
        """A permanent, absolute id for ``path`` (Atom wants IRIs): its URL, or without a
        base URL a ``urn:uuid:`` name derived from the site title and the path."""
        if self.base_url:
            return self.href(path)
        return _stable_urn(f"{self.title}\n{path}")


def _stable_urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"


def site_article(
    doc: Document, languages: Sequence[str], path: str, *, reviewed: bool, updated: str
) -> SiteArticle:
    """What the site needs to know of a translated document (titles as its pages show them)."""
    from polyglot.formats.html import article_description, article_title, page_notice

    langs = [doc.source_lang, *(lang for lang in languages if lang != doc.source_lang)]
    notices = {}
    summaries = {}
    for lang in langs:
        if lang != doc.source_lang and (notice := page_notice(doc, lang, reviewed)):
            notices[lang] = notice
        if (summary := article_description(doc, lang)) is not None:
            summaries[lang] = summary
    return SiteArticle(
        path=path,
        source_lang=doc.source_lang,
        languages=tuple(langs),
        titles={lang: article_title(doc, lang) for lang in langs},
        summaries=summaries,
        notices=notices,
        date=doc.date,
        updated=updated,
    )


def site_languages(articles: Sequence[SiteArticle]) -> list[str]:
    """Every language of the site, in first-seen order (the source language first)."""
    seen: dict[str, None] = {}
    for article in articles:
        for lang in article.languages:
            seen.setdefault(lang, None)
    return list(seen)


def newest_first(articles: Sequence[SiteArticle]) -> list[SiteArticle]:
    """Articles by date, newest first; undated ones last; ties by path."""
    dated = sorted(
        (a for a in articles if a.date is not None),
        key=lambda a: (-a.date.toordinal() if a.date else 0, a.path),
    )
    undated = sorted((a for a in articles if a.date is None), key=lambda a: a.path)
    return dated + undated


class SiteArticles(Protocol):
    """Where the site's articles come from, in the orders its files want them, one at a
    time (a corpus run's :class:`~polyglot.ledger.RunLedger`; :class:`ArticleList`)."""

    def site_count(self) -> int: ...
    def newest_first(self) -> Iterator[SiteArticle]: ...
    def by_path(self) -> Iterator[SiteArticle]: ...
    def languages(self) -> list[str]: ...
    def any_pseudo(self) -> bool: ...


@dataclass(frozen=True)
class ArticleList:
    """:class:`SiteArticles` from a list in memory (a small site)."""

    articles: Sequence[SiteArticle]

    def site_count(self) -> int:
        return len(self.articles)

    def newest_first(self) -> Iterator[SiteArticle]:
        return iter(newest_first(self.articles))

    def by_path(self) -> Iterator[SiteArticle]:
        return iter(sorted(self.articles, key=lambda a: a.path))

    def languages(self) -> list[str]:
        return site_languages(sorted(self.articles, key=lambda a: a.path))

    def any_pseudo(self) -> bool:
        return any("pseudo" in a.notices.values() for a in self.articles)
