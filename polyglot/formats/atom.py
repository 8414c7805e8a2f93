"""Atom 1.0 feeds (RFC 4287): ``feed.<lang>.xml``, one per language, one entry per article,
the newest :data:`~polyglot.site.FEED_ENTRIES` articles (``--feed-entries``; a feed is
what changed lately, not the archive: the index pages and the sitemap list every article).

Each entry links to the article's page in the feed's language (its one
``rel="alternate"``: feed readers open that one, and some take the last alternate
they see) and, as ``rel="related"`` with ``hreflang``, to its other language versions.  Ids are
permanent: the page's URL under ``--base-url``, else a ``urn:uuid:`` derived
from the site title and the page's path (Atom wants absolute IRIs; relative
links are fine and resolve against the feed's own location).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from lxml import etree

from polyglot.errors import InputError
from polyglot.i18n import language_name
from polyglot.site import SiteArticle, SiteOptions

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


#: Every name :func:`feed_name` gives (a regex).
FEED_PATTERN = r"feed\.[A-Za-z0-9-]+\.xml"


def feed_name(lang: str) -> str:
    """The file name of the feed in ``lang``: ``feed.kk.xml``."""
    return f"feed.{lang}.xml"


@dataclass(frozen=True)
class FeedEntry:
    """An entry as read back: what a reader shows."""

    id: str
    title: str
    link: str  # the page in the feed's language
    updated: str
    published: str | None = None
    summary: str | None = None
    related: tuple[tuple[str, str], ...] = ()  # (hreflang, href) of the other language versions


def _a(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _date_time(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def write_feed(
    fp: IO[bytes], articles: Iterable[SiteArticle], lang: str, options: SiteOptions
) -> None:
    """Write the Atom feed of ``lang``: the first ``options.feed_entries`` of ``articles``
    (given newest first, see :func:`polyglot.site.newest_first`; read no further) that
    have a ``lang`` version."""
    having = (a for a in articles if lang in a.languages)
    entries = list(itertools.islice(having, options.feed_entries))
    updated = max((a.updated for a in entries if a.updated), default=options.created)
    with etree.xmlfile(fp, encoding="utf-8") as xf:
        xf.write_declaration()
        # "xml:lang" spelt out: lxml's incremental writer would bind a new prefix to the
        # XML namespace for "{http://www.w3.org/XML/1998/namespace}lang", which is illegal
        with xf.element(_a("feed"), {"xml:lang": lang}, nsmap={None: ATOM_NS}):
            xf.write("\n")
            _leaf(xf, "id", options.atom_id(feed_name(lang)))
            _leaf(xf, "title", f"{options.title} ({language_name(lang, lang)})")
            _leaf(xf, "updated", updated)
            _link(xf, options.href(feed_name(lang)), rel="self", type="application/atom+xml")
            _link(xf, options.href("index.html"), rel="alternate", type="text/html")
            with xf.element(_a("author")):
                _leaf(xf, "name", options.title)
            if options.generator:
                _leaf(xf, "generator", options.generator)
            for article in entries:
                xf.write("\n")
                _entry(xf, article, lang, options, updated)
            xf.write("\n")


def _leaf(xf: Any, name: str, text: str) -> None:
    with xf.element(_a(name)):
        xf.write(text)


def _link(xf: Any, href: str, **attributes: str) -> None:
    with xf.element(_a("link"), {"href": href, **attributes}):
        pass


def _entry(xf: Any, article: SiteArticle, lang: str, options: SiteOptions, fallback: str) -> None:
    with xf.element(_a("entry")):
        _leaf(xf, "id", options.atom_id(article.page(lang)))
        _leaf(xf, "title", article.titles.get(lang, article.path))
        _leaf(xf, "updated", article.updated or fallback)
        if article.date is not None:
            _leaf(xf, "published", _date_time(article.date))
        _link(
            xf, options.href(article.page(lang)), rel="alternate", type="text/html", hreflang=lang
        )
        for other in article.languages:
            if other != lang:
                _link(
                    xf,
                    options.href(article.page(other)),
                    rel="related",
                    type="text/html",
                    hreflang=other,
                )
        if summary := article.summaries.get(lang):
            _leaf(xf, "summary", summary)


def read_feed(fp: IO[bytes], name: str = "feed.xml") -> tuple[str, list[FeedEntry]]:
    """The feed's language and entries.  Entities and DTDs are refused; nothing is fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(fp, parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=name, line=exc.lineno) from None
    if root.tag != _a("feed"):
        raise InputError(f"not an Atom feed: the root element is {root.tag}", path=name)
    ns = {"a": ATOM_NS}
    entries = []
    for item in root.findall("a:entry", ns):
        links = [
            (str(link.get("rel", "alternate")), str(link.get("hreflang", "")), link.get("href", ""))
            for link in item.findall("a:link", ns)
        ]
        page = next((href for rel, _, href in links if rel == "alternate"), "")
        entries.append(
            FeedEntry(
                id=str(item.findtext("a:id", "", ns)),
                title=str(item.findtext("a:title", "", ns)),
                link=str(page),
                updated=str(item.findtext("a:updated", "", ns)),
                published=item.findtext("a:published", None, ns),
                summary=item.findtext("a:summary", None, ns),
                related=tuple((lang, str(href)) for rel, lang, href in links if rel == "related"),
            )
        )
    return str(root.get(XML_LANG, "")), entries
