"""sitemap.xml (sitemaps.org 0.9) with the multilingual convention search engines read.

Every page of every article is a ``<url>``; each one lists, as
``<xhtml:link rel="alternate" hreflang="..." href="..."/>``, every language
version of its article (itself included) and the article's language chooser as
``x-default``.  A sitemap holds at most 50,000 URLs: a bigger site gets a
sitemap index (``sitemap.xml``) pointing to ``sitemap-1.xml``, ``sitemap-2.xml``...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from lxml import etree

from polyglot.errors import InputError
from polyglot.site import SiteArticle, SiteOptions

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: The sitemaps.org limit of URLs per file.
MAX_URLS = 50_000

_NSMAP = {None: SITEMAP_NS, "xhtml": XHTML_NS}


@dataclass(frozen=True)
class SitemapUrl:
    """One ``<url>``: the page, when it last changed, and its language versions."""

    loc: str
    lastmod: str | None = None  # W3C datetime
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, href), x-default last


def sitemap_urls(articles: Iterable[SiteArticle], options: SiteOptions) -> Iterator[SitemapUrl]:
    """The site's pages, article by article, each language version of each article."""
    for article in articles:
        alternates = tuple(
            [(lang, options.href(article.page(lang))) for lang in article.languages]
            + [("x-default", options.href(article.chooser))]
        )
        for lang in article.languages:
            yield SitemapUrl(
                loc=options.href(article.page(lang)),
                lastmod=article.updated or None,
                alternates=alternates,
            )


def write_sitemap(fp: IO[bytes], urls: Iterable[SitemapUrl]) -> None:
    """Write a ``<urlset>``, one ``<url>`` at a time (memory stays flat)."""
    with etree.xmlfile(fp, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_s("urlset"), nsmap=_NSMAP):
            for url in urls:
                xf.write("\n")
                with xf.element(_s("url")):
                    _leaf(xf, _s("loc"), url.loc)
                    if url.lastmod:
                        _leaf(xf, _s("lastmod"), url.lastmod)
                    for hreflang, href in url.alternates:
                        attributes = {"rel": "alternate", "hreflang": hreflang, "href": href}
                        _leaf(xf, f"{{{XHTML_NS}}}link", None, attributes)
            xf.write("\n")


def write_sitemap_index(fp: IO[bytes], locs: Sequence[str], lastmod: str | None = None) -> None:
    """Write a ``<sitemapindex>`` pointing to the sitemap files ``locs``."""
    with etree.xmlfile(fp, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_s("sitemapindex"), nsmap={None: SITEMAP_NS}):
            for loc in locs:
                xf.write("\n")
                with xf.element(_s("sitemap")):
                    _leaf(xf, _s("loc"), loc)
                    if lastmod:
                        _leaf(xf, _s("lastmod"), lastmod)
            xf.write("\n")


def _s(name: str) -> str:
    return f"{{{SITEMAP_NS}}}{name}"


def _leaf(xf: Any, tag: str, text: str | None, attributes: dict[str, str] | None = None) -> None:
    """One element with text inside an incremental writer (namespaces are inherited)."""
    with xf.element(tag, attributes or {}):
        if text:
            xf.write(text)


def read_sitemap(fp: IO[bytes], name: str = "sitemap.xml") -> list[SitemapUrl]:
    """The ``<url>`` entries of a sitemap (a sitemap index gives its ``<sitemap>`` locs,
    with no alternates).  Entities and DTDs are refused; nothing is fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(fp, parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=name, line=exc.lineno) from None
    ns = {"s": SITEMAP_NS, "x": XHTML_NS}
    if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
        return [
            SitemapUrl(loc=str(item.findtext("s:loc", "", ns)).strip())
            for item in root.findall("s:sitemap", ns)
        ]
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        raise InputError(f"not a sitemap: the root element is {root.tag}", path=name)
    urls = []
    for item in root.findall("s:url", ns):
        alternates = tuple(
            (str(link.get("hreflang", "")), str(link.get("href", "")))
            for link in item.findall("x:link", ns)
            if link.get("rel") == "alternate"
        )
        urls.append(
            SitemapUrl(
                loc=str(item.findtext("s:loc", "", ns)).strip(),
                lastmod=item.findtext("s:lastmod", None, ns),
                alternates=alternates,
            )
        )
    return urls
