"""The files at a site's root: ``index.html`` (every article, newest first, with a
link to each language version), the stylesheet, ``sitemap.xml`` and one Atom feed
per language.  Rendered from :class:`~polyglot.site.SiteArticle` values only."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import IO, Any

from polyglot.formats.atom import feed_name, write_feed
from polyglot.formats.html import (
    INDEX_NAME,
    STYLESHEET_NAME,
    PageHead,
    render_template,
    write_stylesheet,
)
from polyglot.formats.sitemap import MAX_URLS, sitemap_urls, write_sitemap, write_sitemap_index
from polyglot.i18n import (
    N_,
    format_article_date,
    language_name,
    og_locale,
    text_direction,
    ui_translations,
)
from polyglot.site import SiteArticle, SiteOptions, newest_first, site_languages

SITEMAP_NAME = "sitemap.xml"
_NOTICES = {
    "machine": N_("Machine translation"),
    "pseudo": N_("Pseudo-translation preview, not a translation"),
}


def render_site_index(articles: Sequence[SiteArticle], options: SiteOptions) -> str:
    """The site's ``index.html``, in the source language of its articles."""
    langs = site_languages(articles) or ["en"]
    lang = langs[0]
    gettext = ui_translations(lang).gettext
    rows = []
    for article in newest_first(articles):
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
    pseudo = any("pseudo" in a.notices.values() for a in articles)
    head = PageHead(
        lang=lang,
        dir=text_direction(lang),
        title=options.title,
        description=None,
        robots="noindex" if pseudo else None,
        canonical=options.href(INDEX_NAME),
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
    }
    return render_template(
        "site.html", lang, context, options.template_dir, options.generator, STYLESHEET_NAME
    )


def write_site_index(fp: IO[str], articles: Sequence[SiteArticle], options: SiteOptions) -> None:
    """Write :func:`render_site_index` to ``fp``."""
    fp.write(render_site_index(articles, options))


#: Writes one file of the site's root to a file object (text or bytes, see :func:`site_files`).
FileWriter = Callable[[IO[Any]], None]


def site_files(
    articles: Sequence[SiteArticle], options: SiteOptions
) -> dict[str, tuple[str, FileWriter]]:
    """Every file of the site's root, by name: ``(mode, writer)`` with mode ``"w"`` (text)
    or ``"wb"`` (bytes).  More than :data:`~polyglot.formats.sitemap.MAX_URLS` pages
    make ``sitemap.xml`` an index of ``sitemap-1.xml``, ``sitemap-2.xml``, ..."""
    files: dict[str, tuple[str, FileWriter]] = {
        INDEX_NAME: ("w", functools.partial(write_site_index, articles=articles, options=options)),
        STYLESHEET_NAME: (
            "w",
            functools.partial(write_stylesheet, options=_page_options(options)),
        ),
    }
    pages = sum(len(a.languages) for a in articles)
    if pages <= MAX_URLS:
        files[SITEMAP_NAME] = (
            "wb",
            lambda fp: write_sitemap(fp, sitemap_urls(articles, options)),
        )
    else:
        parts = _split_by_pages(articles, MAX_URLS)
        names = [f"sitemap-{i}.xml" for i in range(1, len(parts) + 1)]
        files[SITEMAP_NAME] = (
            "wb",
            lambda fp: write_sitemap_index(fp, [options.href(n) for n in names], options.created),
        )
        for name, part in zip(names, parts, strict=True):
            files[name] = (
                "wb",
                functools.partial(_write_part, articles=part, options=options),
            )
    for code in site_languages(articles):
        files[feed_name(code)] = (
            "wb",
            functools.partial(write_feed, articles=articles, lang=code, options=options),
        )
    return files


def _write_part(fp: IO[bytes], articles: Sequence[SiteArticle], options: SiteOptions) -> None:
    write_sitemap(fp, sitemap_urls(articles, options))


def _split_by_pages(articles: Sequence[SiteArticle], limit: int) -> list[list[SiteArticle]]:
    """Consecutive groups of articles holding at most ``limit`` pages each."""
    parts: list[list[SiteArticle]] = [[]]
    count = 0
    for article in articles:
        pages = len(article.languages)
        if count + pages > limit and parts[-1]:
            parts.append([])
            count = 0
        parts[-1].append(article)
        count += pages
    return parts


def _page_options(options: SiteOptions) -> Any:
    from polyglot.formats.html import PageOptions

    return PageOptions(template_dir=options.template_dir)
