"""The pages in a real browser: headless Chromium (Debian's ``chromium``, see
ci/apt-packages.txt) opens every page from file:// and must see no console
error, make no request beyond the page and its stylesheet, paint a page that is
not blank, draw Kazakh letters with real glyphs, and show a ``<script>`` written
in the article as text.

Set POLYGLOT_SCREENSHOTS=<folder> to keep the screenshots for a look.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Chromium, Visit, find_chromium
from html_sample import OPTIONS, hostile_document, sample_document
from lxml import html as lxml_html

from polyglot.formats.html import PageOptions, render_page, site_files
from polyglot.model import Document

PAGES = [
    "en.html",
    "kk.html",
    "ru.html",
    "fr.html",
    "index.html",
    "review-kk.html",
    "review-ru.html",
    "review-fr.html",
]
KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        pytest.fail(
            "headless Chromium is not installed: apt-get install $(cat ci/apt-packages.txt), "
            "or set POLYGLOT_CHROMIUM to a Chromium executable"
        )
    with Chromium(executable, width=1000, height=1200) as chromium:
        yield chromium


def write_site(folder: Path, doc: Document, options: PageOptions) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, write in site_files(doc, options).items():
        buf = io.StringIO()
        write(buf)
        (folder / name).write_text(buf.getvalue(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hand-built sample (real kk/ru/fr text), a pseudo-translation of the seed
    made by a real translate run, and the hostile article."""
    from polyglot.formats.html import HtmlOptions
    from polyglot.pipeline import TranslateJob, translate_file

    root = tmp_path_factory.mktemp("sites")
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_ab846ab5c136d731.txt"
    translate_file(
        TranslateJob(
            source=seed,
            targets=["kk", "ru", "fr"],
            out_dir=root / "pseudo",
            engine="pseudo",
            use_glossary=False,
            format_options={
                "html": HtmlOptions(base_url="https://news.example.kz/2017/atamkulov/")
            },
            now=lambda: dt.datetime(2017, 9, 12, 8, 0, tzinfo=dt.UTC),
        )
    )
    return {
        "sample": write_site(root / "sample", sample_document(), OPTIONS),
        "pseudo": root / "pseudo",
        "hostile": write_site(root / "hostile", hostile_document(), OPTIONS),
    }


def keep(png: bytes, name: str) -> None:
    folder = os.environ.get("POLYGLOT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(png)


def assert_clean_load(visit: Visit, folder: Path, page: str) -> None:
    assert visit.errors == [], f"{page}: {visit.errors}"
    assert visit.requests == [(folder / page).as_uri(), (folder / "polyglot.css").as_uri()], (
        f"{page} made requests other than itself and its stylesheet"
    )
    # the stylesheet applied (and was not refused by the page's Content-Security-Policy)
    assert visit.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(253, 252, 248)"


@pytest.mark.parametrize("site", ["sample", "pseudo"])
@pytest.mark.parametrize("page", PAGES)
def test_page_loads_from_file_cleanly_and_paints(browser, sites, site, page):
    folder = sites[site]
    visit = browser.visit((folder / page).as_uri())
    try:
        assert_clean_load(visit, folder, page)
        png = visit.screenshot()
        keep(png, f"{site}-{page}.png")
        stats = browser.png_stats(png)
        assert (stats["width"], stats["height"]) == (1000, 1200)
        assert stats["ink"] > 0.02, f"{page} looks blank: {stats}"
        assert stats["colours"] > 50, f"{page} looks blank: {stats}"
        visit.collect()
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize(("site", "page"), [("sample", "kk.html"), ("sample", "ru.html")])
def test_cyrillic_text_is_painted(browser, sites, site, page):
    visit = browser.visit((sites[site] / page).as_uri())
    try:
        box = visit.evaluate(
            "(() => { const r = document.getElementById('p1s2').getBoundingClientRect();"
            " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()"
        )
        assert box["width"] > 100 and box["height"] > 20
        png = visit.screenshot(box)
        keep(png, f"{site}-{page}-p1s2.png")
        stats = browser.png_stats(png)
        assert stats["ink"] > 0.05, f"no text painted where {page}'s first sentence is: {stats}"
        text = visit.evaluate("document.getElementById('p1s2').innerText")
        assert any("\u0400" <= ch <= "\u04ff" for ch in text)
    finally:
        visit.close()


def test_kazakh_letters_have_real_glyphs(browser, sites):
    """Each Kazakh-specific letter paints differently from the others and from a
    missing-glyph box, in the page's own fonts: the page shows Kazakh, not tofu."""
    visit = browser.visit((sites["sample"] / "kk.html").as_uri())
    try:
        letters = [*KAZAKH_LETTERS, "\u0378"]  # U+0378 is unassigned: always tofu
        boxes = visit.evaluate(
            """((letters) => letters.map((letter, i) => {
                 const span = document.createElement('span');
                 span.textContent = letter;
                 span.style.cssText = 'position:absolute;top:10px;font-size:48px;'
                   + 'line-height:60px;padding:0 4px;left:' + (10 + i * 70) + 'px';
                 document.querySelector('.article-body p').appendChild(span);
                 const r = span.getBoundingClientRect();
                 return {x: r.x, y: r.y, width: 60, height: 60};
               }))(LETTERS)""".replace("LETTERS", json.dumps(letters))
        )
        shots = [visit.screenshot(box) for box in boxes]
        for letter, png in zip(letters, shots, strict=True):
            keep(png, f"glyph-{ord(letter):04x}.png")
        assert len(set(shots)) == len(shots), "some Kazakh letters are drawn as the same box"
        for letter, png in zip(letters[:-1], shots[:-1], strict=True):
            assert browser.png_stats(png)["ink"] > 0.02, f"{letter!r} is not painted"
    finally:
        visit.close()


@pytest.mark.parametrize("page", ["en.html", "kk.html", "index.html", "review-kk.html"])
def test_script_in_the_article_is_shown_as_text(browser, sites, page):
    folder = sites["hostile"]
    doc = hostile_document()
    visit = browser.visit((folder / page).as_uri())
    try:
        assert_clean_load(visit, folder, page)
        counts = visit.evaluate(
            "({scripts: [...document.scripts].map(s => s.type),"
            " injected: document.querySelectorAll("
            "'body img, body iframe, style, body b, a[href^=\"javascript\"]').length,"
            " title: document.title})"
        )
        assert counts["injected"] == 0
        assert counts["scripts"] in ([], ["application/ld+json"])
        if page in ("en.html", "kk.html"):
            lang = page.removesuffix(".html")
            seg = doc.segment("p1s1")
            expected = seg.source if lang == "en" else seg.translations["kk"].text
            shown = visit.evaluate("document.getElementById('p1s1').innerText")
            assert shown == expected
            assert '<script>document.title="pwned";console.error("xss")</script>' in shown
            title = lxml_html.document_fromstring(render_page(doc, lang, OPTIONS)).findtext(
                ".//title"
            )
            assert counts["title"] == title  # the article's script did not run
        visit.collect()
        assert visit.errors == []
    finally:
        visit.close()


def test_review_page_can_show_only_flagged_segments_from_file(browser, sites):
    """The control is a checkbox and CSS (:has), no script: a real click on its label, in a
    page opened from file:// under the pages' CSP, hides every row no check flagged."""
    folder = sites["sample"]
    visit = browser.visit((folder / "review-kk.html").as_uri())
    visible = (
        "[...document.querySelectorAll('tbody tr')]"
        ".filter(r => r.getClientRects().length).map(r => r.id)"
    )
    try:
        assert_clean_load(visit, folder, "review-kk.html")
        every_row = visit.evaluate(visible)
        flagged = visit.evaluate("[...document.querySelectorAll('tr.row-flagged')].map(r => r.id)")
        assert flagged and len(every_row) > len(flagged)
        box = visit.evaluate(
            "(() => { const r = document.querySelector('label[for=only-flagged]')"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            visit.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
            )
        assert visit.evaluate("document.getElementById('only-flagged').checked") is True
        assert visit.evaluate(visible) == flagged
        # each flagged row shows its check's message
        assert visit.evaluate(
            "[...document.querySelectorAll('tr.row-flagged')]"
            ".every(r => r.querySelector('mark.issue, li.issue, .term-missing'))"
        )
        visit.collect()
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("page", ["kk.html", "ru.html", "fr.html", "en.html"])
def test_the_text_decides_the_case_not_the_stylesheet(browser, sites, page):
    """The glossary's dateline ``АСТАНА. ҚазАқпарат`` is shown as written (issue 18.10)."""
    visit = browser.visit((sites["sample"] / page).as_uri())
    try:
        shown = visit.evaluate(
            """[...document.querySelectorAll('.dateline, .dateline *')].map(e => {
                 e.textContent = 'АСТАНА. ҚазАқпарат';
                 return [e.innerText, getComputedStyle(e).textTransform];
               })"""
        )
        assert shown, f"{page} has no dateline"
        assert all(text == "АСТАНА. ҚазАқпарат" for text, _ in shown), shown
    finally:
        visit.close()
