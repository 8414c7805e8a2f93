"""sitemap.xml (sitemaps.org 0.9) with the multilingual convention search engines read.

Every page of every article is a ``<url>``; each one lists, as
``<xhtml:link rel="alternate" hreflang="..." href="..."/>``, every language
version of its article (itself included) and the article's language chooser as
``x-default``.  A sitemap holds at most 50,000 URLs and 50 MB: a bigger site gets a
sitemap index (``sitemap.xml``) pointing to ``sitemap-1.xml``, ``sitemap-2.xml``...
(:func:`write_sitemaps`, which streams: one article in memory at a time).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from lxml import etree

from polyglot.errors import InputError
from polyglot.fileio import atomic_write
from polyglot.site import SiteArticle, SiteOptions

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: The sitemaps.org limits of one sitemap file: URLs, and bytes (uncompressed).
MAX_URLS = 50_000
MAX_BYTES = 52_428_800
SITEMAP_NAME = "sitemap.xml"
#: Every name a sitemap file gets: the sitemap (or the index) and its parts (a regex).
SITEMAP_PATTERN = r"sitemap(?:-[1-9][0-9]*)?\.xml"

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
                _write_url(xf, url)
            xf.write("\n")


def _write_url(xf: Any, url: SitemapUrl) -> None:
    xf.write("\n")
    with xf.element(_s("url")):
        _leaf(xf, _s("loc"), url.loc)
        if url.lastmod:
            _leaf(xf, _s("lastmod"), url.lastmod)
        for hreflang, href in url.alternates:
            attributes = {"rel": "alternate", "hreflang": hreflang, "href": href}
            _leaf(xf, f"{{{XHTML_NS}}}link", None, attributes)


def write_sitemaps(
    folder: Path,
    articles: Iterable[SiteArticle],
    options: SiteOptions,
    *,
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
    claim: Callable[[str], None] | None = None,
) -> list[str]:
    """Write the site's sitemap into ``folder``, streaming ``articles``: ``sitemap.xml``
    while they fit in one file of ``max_urls`` URLs and ``max_bytes`` bytes, else
    ``sitemap-1.xml``, ``sitemap-2.xml``... (each article's pages in the same one) and
    ``sitemap.xml`` as their index.  ``claim`` is given each file's name before the file
    is created (``sitemap-1.xml`` too, which becomes ``sitemap.xml`` when it is the only
    one).  Returns the names written, ``sitemap.xml`` first."""
    pending = iter(articles)
    article = next(pending, None)
    parts: list[str] = []
    while True:
        name = f"sitemap-{len(parts) + 1}.xml"
        if claim is not None:
            claim(name)
        with atomic_write(folder / name, "wb") as raw:
            fp = _Counted(raw)
            with etree.xmlfile(fp, encoding="utf-8", buffered=False) as xf:
                xf.write_declaration()
                with xf.element(_s("urlset"), nsmap=_NSMAP):
                    urls = 0
                    while article is not None:
                        block = list(sitemap_urls([article], options))
                        full = urls + len(block) > max_urls
                        big = fp.count + _size_bound(block) + len(_CLOSING) > max_bytes
                        if urls and (full or big):
                            break  # the next file
                        for url in block:
                            _write_url(xf, url)
                        urls += len(block)
                        article = next(pending, None)
                    xf.write("\n")
        parts.append(name)
        if article is None:
            break
    if claim is not None:
        claim(SITEMAP_NAME)
    if len(parts) == 1:
        os.replace(folder / parts[0], folder / SITEMAP_NAME)
        return [SITEMAP_NAME]
    with atomic_write(folder / SITEMAP_NAME, "wb") as index:
        write_sitemap_index(index, [options.href(n) for n in parts], options.created)
    return [SITEMAP_NAME, *parts]


_CLOSING = b"\n</urlset>"


class _Counted:
    """A binary file that counts the bytes written to it."""

    def __init__(self, fp: IO[bytes]) -> None:
        self.fp = fp
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.fp.write(data)


def _size_bound(urls: Sequence[SitemapUrl]) -> int:
    """At least the bytes ``urls`` take in a sitemap (text escaped as attributes, which
    escape the most; tags and namespace prefixes counted generously)."""
    total = 0
    for url in urls:
        total += 64 + 2 * _escaped(url.loc) + (64 + len(url.lastmod) if url.lastmod else 0)
        for hreflang, href in url.alternates:
            total += 96 + _escaped(hreflang) + _escaped(href)
    return total


_ATTRIBUTE_ENTITIES = {'"': "&quot;", "'": "&apos;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _escaped(text: str) -> int:
    return len(escape(text, _ATTRIBUTE_ENTITIES).encode("utf-8"))


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
