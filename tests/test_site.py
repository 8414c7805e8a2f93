"""The site at a corpus run's root: index.html, sitemap.xml, Atom feeds, report.json."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from polyglot.formats import site_pages
from polyglot.formats.atom import ATOM_NS, feed_name, read_feed, write_feed
from polyglot.formats.run_report import (
    ArticleResult,
    ArticleStatus,
    CorpusRunInfo,
    read_run_report,
    render_run_report,
    write_run_report,
)
from polyglot.formats.sitemap import (
    SITEMAP_NS,
    XHTML_NS,
    read_sitemap,
    sitemap_urls,
    write_sitemap,
    write_sitemaps,
)
from polyglot.model import Origin, Translation
from polyglot.site import ArticleList, SiteArticle, SiteOptions, newest_first, site_article
from polyglot.sources import read_article

LANGS = ("en", "kk", "ru", "fr")


def article(path: str, date: dt.date | None, title: str = "Title") -> SiteArticle:
    return SiteArticle(
        path=path,
        source_lang="en",
        languages=LANGS,
        titles={lang: f"{title} [{lang}]" for lang in LANGS},
        summaries={lang: f"Lead <b>&</b> {lang}" for lang in LANGS},
        notices={"kk": "machine", "ru": "machine", "fr": "machine"},
        date=date,
        updated="2026-12-04T10:00:00Z",
    )


ARTICLES = [
    article("2017/a", dt.date(2017, 9, 11), "Astana hosts"),
    article("2017/b", dt.date(2017, 9, 12), "Second story"),
    article("undated", None, "No date"),
]
NEWEST = newest_first(ARTICLES)
BASE = SiteOptions(
    title="Wire archive",
    created="2026-12-04T11:00:00Z",
    base_url="https://example.com/news/",
    generator="polyglot 0.1.0",
)
RELATIVE = SiteOptions(title="Wire archive", created="2026-12-04T11:00:00Z")


def render(writer, *args) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    writer(buffer, *args)
    return buffer.getvalue()


# --- the model ------------------------------------------------------------------------


def test_site_article_round_trips_through_json() -> None:
    for item in ARTICLES:
        assert SiteArticle.from_json(item.to_json()) == item


def test_newest_first_puts_undated_last() -> None:
    assert [a.path for a in newest_first(ARTICLES)] == ["2017/b", "2017/a", "undated"]


def test_site_article_from_a_document_uses_the_pages_titles(seed_path: Path) -> None:
    from polyglot.formats.html import article_title

    doc = read_article(seed_path.read_text("utf-8"), name="seed")
    for seg in doc.segments():
        seg.translations["ru"] = Translation(text=f"RU {seg.source}", origin=Origin.MT)
    entry = site_article(doc, ["ru"], "x/seed", reviewed=False, updated="2026-01-01T00:00:00Z")
    assert entry.languages == ("en", "ru")
    assert entry.titles["ru"] == article_title(doc, "ru")
    assert entry.titles["ru"].startswith("RU ")
    assert entry.notices == {"ru": "machine"}
    assert entry.date == doc.date
    reviewed = site_article(doc, ["ru"], "x/seed", reviewed=True, updated="")
    assert reviewed.notices == {}


# --- sitemap.xml ----------------------------------------------------------------------


def test_sitemap_lists_every_page_with_every_language_version() -> None:
    data = render(write_sitemap, sitemap_urls(ARTICLES, BASE))
    root = etree.fromstring(data)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    urls = root.findall(f"{{{SITEMAP_NS}}}url")
    assert len(urls) == len(ARTICLES) * len(LANGS)
    locs = [u.findtext(f"{{{SITEMAP_NS}}}loc") for u in urls]
    assert len(set(locs)) == len(locs)
    assert "https://example.com/news/2017/a/kk.html" in locs
    for url in urls:
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc")
        assert loc is not None and loc.startswith("https://")
        links = url.findall(f"{{{XHTML_NS}}}link")
        assert [link.get("rel") for link in links] == ["alternate"] * (len(LANGS) + 1)
        hreflangs = [link.get("hreflang") for link in links]
        assert hreflangs == [*LANGS, "x-default"]
        folder = loc.rsplit("/", 1)[0]
        # every alternate is a page of the same article, the url itself among them
        assert loc in [link.get("href") for link in links]
        assert all(link.get("href", "").startswith(folder + "/") for link in links)
        assert links[-1].get("href") == f"{folder}/index.html"
        assert url.findtext(f"{{{SITEMAP_NS}}}lastmod") == "2026-12-04T10:00:00Z"


def test_sitemap_reads_back_what_was_written() -> None:
    urls = list(sitemap_urls(ARTICLES, BASE))
    assert read_sitemap(io.BytesIO(render(write_sitemap, urls))) == urls


def many(count: int) -> list[SiteArticle]:
    """``count`` articles, one a day from 2017-01-01 (path order = date order)."""
    start = dt.date(2017, 1, 1)
    return [article(f"a{n:05d}", start + dt.timedelta(days=n), f"Story {n}") for n in range(count)]


def written(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_small_site_has_one_sitemap(tmp_path: Path) -> None:
    names = write_sitemaps(tmp_path, iter(ARTICLES), BASE)
    assert names == ["sitemap.xml"] and set(written(tmp_path)) == {"sitemap.xml"}
    urls = read_sitemap(io.BytesIO((tmp_path / "sitemap.xml").read_bytes()))
    assert urls == list(sitemap_urls(ARTICLES, BASE))


def test_a_big_site_gets_a_sitemap_index(tmp_path: Path) -> None:
    # 4 pages an article: 2 articles a file at 9 URLs (an article is never split)
    articles = many(5)
    names = write_sitemaps(tmp_path, iter(articles), BASE, max_urls=9)
    assert names == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    assert set(written(tmp_path)) == set(names)
    index = read_sitemap(io.BytesIO((tmp_path / "sitemap.xml").read_bytes()))
    assert [u.loc for u in index] == [
        f"https://example.com/news/sitemap-{i}.xml" for i in (1, 2, 3)
    ]
    parts = [read_sitemap(io.BytesIO((tmp_path / n).read_bytes())) for n in names[1:]]
    assert [len(part) for part in parts] == [8, 8, 4]
    assert [u for part in parts for u in part] == list(sitemap_urls(articles, BASE))


def test_a_sitemap_is_split_before_it_reaches_the_byte_limit(tmp_path: Path) -> None:
    articles = many(40)
    (tmp_path / "one").mkdir()
    (tmp_path / "split").mkdir()
    assert write_sitemaps(tmp_path / "one", iter(articles), BASE) == ["sitemap.xml"]
    limit = (tmp_path / "one" / "sitemap.xml").stat().st_size // 3
    names = write_sitemaps(tmp_path / "split", iter(articles), BASE, max_bytes=limit)
    assert len(names) >= 1 + 3
    parts = names[1:]
    for name in parts:
        assert (tmp_path / "split" / name).stat().st_size <= limit
    urls = [
        u for n in parts for u in read_sitemap(io.BytesIO((tmp_path / "split" / n).read_bytes()))
    ]
    assert urls == list(sitemap_urls(articles, BASE))


# --- Atom feeds -----------------------------------------------------------------------


def test_feed_is_atom_1_0_with_one_entry_per_article() -> None:
    import feedparser  # a real feed reader (dev extra)

    data = render(write_feed, NEWEST, "kk", BASE)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Wire archive (Қазақ тілі)"
    assert parsed.feed.id == "https://example.com/news/feed.kk.xml"
    assert len(parsed.entries) == len(ARTICLES)
    titles = [e.title for e in parsed.entries]
    assert titles == ["Second story [kk]", "Astana hosts [kk]", "No date [kk]"]
    first = parsed.entries[0]
    assert first.link == "https://example.com/news/2017/b/kk.html"
    assert first.id == "https://example.com/news/2017/b/kk.html"
    assert first.published.startswith("2017-09-12")
    assert first.summary == "Lead <b>&</b> kk"  # text, escaped: not markup
    assert [(link.rel, link.hreflang) for link in first.links] == [
        ("alternate", "kk"),
        ("related", "en"),
        ("related", "ru"),
        ("related", "fr"),
    ]


def test_feed_has_what_rfc_4287_requires() -> None:
    root = etree.fromstring(render(write_feed, NEWEST, "ru", RELATIVE))
    a = f"{{{ATOM_NS}}}"
    assert root.tag == f"{a}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{a}{name}") is not None, name
    entries = root.findall(f"{a}entry")
    ids = []
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{a}{name}") or "").strip(), name
        ids.append(entry.findtext(f"{a}id"))
        dt.datetime.fromisoformat(entry.findtext(f"{a}updated", "").replace("Z", "+00:00"))
    # without a base URL: permanent absolute ids all the same, and relative links
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    again = etree.fromstring(render(write_feed, NEWEST, "ru", RELATIVE))
    assert [e.findtext(f"{a}id") for e in again.findall(f"{a}entry")] == ids
    assert entries[0].find(f"{a}link").get("href") == "2017/b/ru.html"


def test_feed_reads_back() -> None:
    lang, entries = read_feed(io.BytesIO(render(write_feed, NEWEST, "fr", BASE)))
    assert lang == "fr"
    assert [e.link for e in entries] == [
        f"https://example.com/news/{p}/fr.html" for p in ("2017/b", "2017/a", "undated")
    ]
    assert entries[2].published is None
    assert [h for h, _ in entries[0].related] == ["en", "kk", "ru"]


def test_a_feed_holds_the_newest_articles() -> None:
    from dataclasses import replace

    articles = many(30)
    options = replace(BASE, feed_entries=10)
    _lang, entries = read_feed(
        io.BytesIO(render(write_feed, newest_first(articles), "kk", options))
    )
    assert [e.title for e in entries] == [f"Story {n} [kk]" for n in range(29, 19, -1)]
    # an article without the feed's language is skipped, not counted
    english = article("only-en", dt.date(2018, 1, 1), "English only")
    english = replace(english, languages=("en",))
    _lang, entries = read_feed(
        io.BytesIO(render(write_feed, newest_first([english, *articles]), "kk", options))
    )
    assert len(entries) == 10 and entries[0].title == "Story 29 [kk]"


# --- index.html -----------------------------------------------------------------------


def test_site_index_links_every_language_version_of_every_article() -> None:
    page = site_pages.render_site_index(NEWEST, RELATIVE)
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "en"
    assert tree.findtext(".//h1") == "Wire archive"
    items = tree.xpath("//li[@class='site-article']")
    assert len(items) == 3
    first = items[0]
    assert first.xpath(".//time/@datetime") == ["2017-09-12"]
    assert first.xpath(".//time/text()") == ["September 12, 2017"]
    assert first.xpath(".//a[@class='site-title']/text()") == ["Second story [en]"]
    versions = first.xpath(".//ul[@class='site-versions']/li/a")
    assert [a.get("href") for a in versions] == [f"2017/b/{lang}.html" for lang in LANGS]
    assert [a.get("hreflang") for a in versions] == list(LANGS)
    assert [a.text for a in versions] == ["English", "Қазақ тілі", "Русский", "Français"]
    assert versions[1].get("title") == "Second story [kk]"
    notices = first.xpath(".//span[@class='site-notice']/text()")
    assert notices == ["Machine translation"] * 3
    feeds = tree.xpath("//link[@type='application/atom+xml']")
    assert [f.get("href") for f in feeds] == [feed_name(lang) for lang in LANGS]
    assert not items[2].xpath(".//time")


def test_site_index_escapes_article_text() -> None:
    evil = SiteArticle(
        path="x",
        source_lang="en",
        languages=("en",),
        titles={"en": "<script>alert(1)</script>"},
    )
    page = site_pages.render_site_index([evil], RELATIVE)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_the_site_files_are_index_stylesheet_sitemap_and_a_feed_per_language(
    tmp_path: Path,
) -> None:
    names = site_pages.write_site(tmp_path, ArticleList(ARTICLES), RELATIVE)
    assert names == [
        "index.html",
        "polyglot.css",
        "sitemap.xml",
        *(feed_name(lang) for lang in LANGS),
    ]
    assert set(written(tmp_path)) == set(names)
    assert all(data for data in written(tmp_path).values())


def test_the_index_is_paginated_newest_first(tmp_path: Path) -> None:
    from dataclasses import replace

    articles = many(25)
    names = site_pages.write_site(tmp_path, ArticleList(articles), replace(BASE, page_size=10))
    pages = ["index.html", "index-2.html", "index-3.html"]
    assert [n for n in names if n.startswith("index")] == pages
    seen = []
    for number, name in enumerate(pages, 1):
        tree = lxml_html.fromstring((tmp_path / name).read_bytes())
        seen += tree.xpath("//li[@class='site-article']//a[@class='site-title']/text()")
        newer = tree.xpath("//nav[@class='site-pages']//a[@rel='prev']/@href")
        older = tree.xpath("//nav[@class='site-pages']//a[@rel='next']/@href")
        assert newer == ([pages[number - 2]] if number > 1 else [])
        assert older == ([pages[number]] if number < 3 else [])
        assert tree.xpath("//link[@rel='prev']/@href") == newer
        assert tree.xpath("//link[@rel='next']/@href") == older
        assert tree.xpath("//link[@rel='canonical']/@href") == [f"https://example.com/news/{name}"]
        assert tree.xpath("//span[@class='site-page']/text()") == [f"Page {number} of 3"]
        # every page links every feed
        assert len(tree.xpath("//link[@type='application/atom+xml']")) == len(LANGS)
    assert seen == [f"Story {n} [en]" for n in range(24, -1, -1)]


def test_a_one_page_index_has_no_page_links(tmp_path: Path) -> None:
    site_pages.write_site(tmp_path, ArticleList(ARTICLES), RELATIVE)
    tree = lxml_html.fromstring((tmp_path / "index.html").read_bytes())
    assert not tree.xpath("//nav[@class='site-pages']") and not tree.xpath("//link[@rel='next']")


def test_the_index_pages_speak_the_sites_language() -> None:
    from polyglot.formats.site_pages import IndexPage

    russian = [replace_lang(a, "ru") for a in ARTICLES]
    page = site_pages.render_site_index(russian, RELATIVE, page=IndexPage(2, 3))
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "ru"
    assert tree.xpath("//span[@class='site-page']/text()") == ["Страница 2 из 3"]
    assert tree.xpath("//a[@rel='next']/text()") == ["Более старые статьи"]


def replace_lang(item: SiteArticle, lang: str) -> SiteArticle:
    from dataclasses import replace

    return replace(item, source_lang=lang, languages=(lang, "en"))


# --- report.json ------------------------------------------------------------------------


def test_run_report_round_trips_and_totals() -> None:
    run = CorpusRunInfo(tool_version="0.1.0", created="2026-12-04T11:00:00Z", out="site")
    articles = [
        ArticleResult(
            "c/a.txt",
            "a",
            ArticleStatus.TRANSLATED,
            segments=10,
            languages={"kk": {"seconds": 1.5, "from_engine": 8, "from_memory": 2}},
            seconds=2.0,
            qa_errors={"kk": 3},
        ),
        ArticleResult("c/b.txt", "b", ArticleStatus.UNCHANGED, segments=7, qa_errors={"kk": 1}),
        ArticleResult("c/bad.txt", "bad", ArticleStatus.FAILED, error="c/bad.txt: not text"),
    ]
    for item in articles:
        run.add(item)
    buffer = io.StringIO()
    write_run_report(buffer, run, iter(articles))
    back, back_articles = read_run_report(io.StringIO(buffer.getvalue()))
    assert back_articles == articles
    assert back.failed == [articles[2]]
    totals = render_run_report(run)["totals"]
    assert json.loads(buffer.getvalue())["totals"] == totals
    assert totals["articles"] == 3
    assert (totals["translated"], totals["unchanged"], totals["failed"]) == (1, 1, 1)
    assert totals["segments"] == 17 and totals["segments_translated"] == 10
    assert (totals["from_engine"], totals["from_memory"]) == (8, 2)
    assert totals["qa_errors"] == {"kk": 4} and totals["articles_with_qa_errors"] == 2


def test_run_report_is_the_json_the_standard_library_writes() -> None:
    """Streamed one article at a time, it is what ``json.dump(..., indent=2)`` writes."""
    run = CorpusRunInfo(tool_version="0.1.0", created="2026-12-04T11:00:00Z", out="site")
    articles = [
        ArticleResult(f"c/{n}.txt", str(n), ArticleStatus.UNCHANGED, segments=n) for n in range(3)
    ]
    for item in articles:
        run.add(item)
    for given in (articles, []):
        buffer = io.StringIO()
        write_run_report(buffer, run, iter(given))
        whole = {**render_run_report(run), "articles": [a.to_json() for a in given]}
        assert buffer.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
