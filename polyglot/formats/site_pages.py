"""The files at a site's root: the index pages (``index.html``, ``index-2.html``...: every
article, newest first, :data:`~polyglot.site.INDEX_PAGE_SIZE` a page, with a link to
each language version), the stylesheet, the sitemap and one Atom feed per language.
Rendered from :class:`~polyglot.site.SiteArticle` values only, read one at a time from
a :class:`~polyglot.site.SiteArticles` source: memory stays flat however big the site."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polyglot.fileio import atomic_write
from polyglot.formats.atom import FEED_PATTERN, feed_name, write_feed
from polyglot.formats.html import (
    INDEX_NAME,
    STYLESHEET_NAME,
    PageHead,
    render_template,
    write_stylesheet,
)
from polyglot.formats.sitemap import (
    MAX_BYTES,
    MAX_URLS,
    SITEMAP_NAME,
    SITEMAP_PATTERN,
    write_sitemaps,
)
from polyglot.i18n import (
    N_,
    format_article_date,
    language_name,
    og_locale,
    text_direction,
    ui_translations,
)
from polyglot.site import ArticleList, SiteArticle, SiteArticles, SiteOptions

__all__ = [
    "SITEMAP_NAME",
    "IndexPage",
    "index_page_name",
    "is_site_file",
    "render_site_index",
    "write_site",
]

#: Every name :func:`index_page_name` gives (a regex).
INDEX_PAGE_PATTERN = r"index(?:-[1-9][0-9]*)?\.html"

#: The names of the files :func:`write_site` writes.
_SITE_FILE = re.compile(
    "|".join((INDEX_PAGE_PATTERN, SITEMAP_PATTERN, FEED_PATTERN, re.escape(STYLESHEET_NAME)))
)

_NOTICES = {
    "machine": N_("Machine translation"),
    "pseudo": N_("Pseudo-translation preview, not a translation"),
}


def is_site_file(name: str, *more: str) -> bool:
    """Whether ``name`` is one :func:`write_site` may write at a site's root (an index
    page, a sitemap, a feed, the stylesheet) or one of ``more`` (names given exactly)."""
    return bool(_SITE_FILE.fullmatch(name)) or name in more


def index_page_name(number: int) -> str:
    """The file of index page ``number`` (from 1): ``index.html``, ``index-2.html``..."""
    return INDEX_NAME if number == 1 else f"index-{number}.html"


@dataclass(frozen=True)
class IndexPage:
    """Where one page of the site's index is among all of them."""

    number: int = 1  # from 1: the newest articles
    count: int = 1  # how many pages there are

    @property
    def newer(self) -> str | None:
        """The page of the next newer articles (None on the first)."""
        return index_page_name(self.number - 1) if self.number > 1 else None

    @property
    def older(self) -> str | None:
        """The page of the next older articles (None on the last)."""
        return index_page_name(self.number + 1) if self.number < self.count else None


def render_site_index(
    articles: Sequence[SiteArticle],
    options: SiteOptions,
    *,
    page: IndexPage | None = None,
    languages: Sequence[str] | None = None,
    pseudo: bool | None = None,
) -> str:
    """One page of the site's index, in the source language of its articles: ``articles``
    as given (newest first).  ``languages`` (every language of the site, the feeds it
    links) and ``pseudo`` (some article of the site is a pseudo-translation: noindex)
    default to what ``articles`` say."""
    page = page or IndexPage()
    site = ArticleList(articles)
    langs = list(languages if languages is not None else site.languages()) or ["en"]
    lang = langs[0]
    gettext = ui_translations(lang).gettext
    rows = []
    for article in articles:
        versions = [
            {
                "code": code,
                "name": language_name(code),
                "href": article.page(code),
                "dir": text_direction(code),
                "title": article.titles.get(code, ""),
                "notice": gettext(_NOTICES[notice])
                if (notice := article.notices.get(code))
                else None,
            }
            for code in article.languages
        ]
        rows.append(
            {
                "title": article.titles.get(article.source_lang, article.path),
                "href": article.page(article.source_lang),
                "date_iso": article.date.isoformat() if article.date else None,
                "date_text": format_article_date(article.date, lang) if article.date else None,
                "versions": versions,
            }
        )
    feeds = [
        (code, options.href(feed_name(code)), f"{options.title} ({language_name(code, code)})")
        for code in langs
    ]
    pseudo = site.any_pseudo() if pseudo is None else pseudo
    head = PageHead(
        lang=lang,
        dir=text_direction(lang),
        title=options.title,
        description=None,
        robots="noindex" if pseudo else None,
        canonical=options.href(index_page_name(page.number)),
        alternates=[],
        og_locale=og_locale(lang),
        og_alternates=[],
        og_url=None,
        json_ld=None,
    )
    context: dict[str, Any] = {
        "head": head,
        "site": {"title": options.title, "lang": lang, "feeds": feeds},
        "articles": rows,
        "pages": {
            "number": page.number,
            "count": page.count,
            "newer": page.newer,
            "older": page.older,
        },
    }
    return render_template(
        "site.html", lang, context, options.template_dir, options.generator, STYLESHEET_NAME
    )


def write_site(
    folder: Path,
    articles: SiteArticles,
    options: SiteOptions,
    *,
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
    claim: Callable[[str], None] | None = None,
) -> list[str]:
    """Write every file of the site's root into ``folder``, each atomically, reading
    ``articles`` one at a time: the index pages, the stylesheet, the sitemap (split at
    ``max_urls`` URLs or ``max_bytes`` bytes a file, with ``sitemap.xml`` their index)
    and a feed per language.  ``claim`` is given each file's name before the file is
    created, so that a run can record it first (write-ahead: a run killed half-way
    leaves no file that it has not recorded).  Returns the names written."""
    from polyglot.formats.html import PageOptions

    def record(name: str) -> None:
        if claim is not None:
            claim(name)

    names = []
    languages = articles.languages()
    pseudo = articles.any_pseudo()
    count = max(1, -(-articles.site_count() // options.page_size))
    pages = _chunks(articles.newest_first(), options.page_size)
    for number in range(1, count + 1):
        name = index_page_name(number)
        chunk = next(pages, [])
        page = IndexPage(number, count)
        html = render_site_index(chunk, options, page=page, languages=languages, pseudo=pseudo)
        record(name)
        with atomic_write(folder / name) as fp:
            fp.write(html)
        names.append(name)
    record(STYLESHEET_NAME)
    with atomic_write(folder / STYLESHEET_NAME) as fp:
        write_stylesheet(fp, PageOptions(template_dir=options.template_dir))
    names.append(STYLESHEET_NAME)
    names += write_sitemaps(
        folder, articles.by_path(), options, max_urls=max_urls, max_bytes=max_bytes, claim=claim
    )
    for code in languages:
        record(feed_name(code))
        with atomic_write(folder / feed_name(code), "wb") as fp:
            write_feed(fp, articles.newest_first(), code, options)
        names.append(feed_name(code))
    return names


def _chunks(items: Iterable[SiteArticle], size: int) -> Iterator[list[SiteArticle]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
