"""HTML pages: golden files, what lxml finds in them (head, links, JSON-LD, notices,
aligned sentences, review page), escaping, templates, and the translate run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
from html_sample import HOSTILE_LEAD, OPTIONS, hostile_document, sample_document
from lxml import html as lxml_html

from polyglot.errors import InputError, UsageError
from polyglot.formats.html import (
    PageOptions,
    has_errors,
    highlight,
    normalise_base_url,
    render_index,
    render_page,
    render_review,
    render_stylesheet,
    site_files,
)
from polyglot.model import Origin, Severity, Translation

GOLDEN = Path(__file__).parent / "golden" / "html"
TEMPLATES = Path(__file__).parent.parent / "polyglot" / "templates"
BASE = OPTIONS.base_url
LANGS = ["en", "kk", "ru", "fr"]
SEG_IDS = ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]


def render_site(options: PageOptions = OPTIONS, doc=None) -> dict[str, str]:
    doc = doc or sample_document()
    files = {}
    for name, write in site_files(doc, options).items():
        buf = io.StringIO()
        write(buf)
        files[name] = buf.getvalue()
    return files


def parse(text: str):
    return lxml_html.document_fromstring(text)


def meta(tree, *, name: str | None = None, prop: str | None = None) -> list[str]:
    attr, value = ("name", name) if name else ("property", prop)
    return [m.get("content") for m in tree.xpath(f"//head/meta[@{attr}=$v]", v=value)]


def json_ld(tree) -> dict:
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def ui_text(tree) -> str:
    """Text of the page that is not the article: UI strings only."""
    tree = parse(lxml_html.tostring(tree, encoding="unicode"))
    for el in tree.xpath(
        "//head | //h1 | //*[contains(concat(' ', @class, ' '), ' seg ')]"
        " | //*[@lang and not(self::html)]"
    ):
        el.drop_tree()
    return " ".join(tree.text_content().split())


# --- golden files ------------------------------------------------------------------------


def assert_golden(text: str, name: str) -> None:
    path = GOLDEN / name
    if os.environ.get("POLYGLOT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} is missing: run the tests with POLYGLOT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from {path}; if the change is intended, regenerate with "
        "POLYGLOT_UPDATE_GOLDEN=1 and review the diff"
    )


GOLDEN_FILES = [
    "en.html",
    "kk.html",
    "ru.html",
    "fr.html",
    "index.html",
    "review-kk.html",
    "review-ru.html",
    "review-fr.html",
]


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_golden(name):
    assert_golden(render_site()[name], name)


def test_site_files_are_the_pages_the_index_reviews_and_the_stylesheet():
    assert list(render_site()) == [*GOLDEN_FILES[:5], *GOLDEN_FILES[5:], "polyglot.css"]


def test_stylesheet_is_the_shipped_one():
    assert render_site()["polyglot.css"] == (TEMPLATES / "polyglot.css").read_text("utf-8")
    assert render_stylesheet() == (TEMPLATES / "polyglot.css").read_text("utf-8")


def test_output_is_deterministic():
    assert render_site() == render_site()


# --- <head>: language, title, links, Open Graph, JSON-LD -----------------------------------

TITLES = {
    "en": "Kazakh Defense and Aerospace Industry Minister Beibut Atamkulov has met in Astana "
    "with Jean-Baptiste Lemoyne",
    "fr": "Le ministre kazakh de la Défense et de l’Industrie aérospatiale",
}


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_dir_title_and_description(lang):
    tree = parse(render_site()[f"{lang}.html"])
    root = tree.getroottree().getroot()
    assert root.get("lang") == lang
    assert root.get("dir") == "ltr"
    title = tree.findtext(".//title")
    assert title and len(title) <= 110
    assert tree.findtext(".//h1") == title
    if lang in TITLES:
        assert title == TITLES[lang]
    (description,) = meta(tree, name="description")
    assert 40 < len(description) <= 160
    assert description.startswith(title[:30])
    assert tree.xpath("//head/meta[@charset]")[0].get("charset") == "utf-8"


def test_long_lead_is_cut_at_a_word_and_marked():
    doc = sample_document()
    seg = doc.segment("p1s2")
    seg.translations["kk"] = Translation(" ".join(["сөз"] * 60) + ".", Origin.MT)
    tree = parse(render_page(doc, "kk", OPTIONS))
    title = tree.findtext(".//title")
    assert title.endswith("сөз…") and len(title) <= 110
    (description,) = meta(tree, name="description")
    assert description.endswith("сөз…") and len(description) <= 160


@pytest.mark.parametrize("lang", LANGS)
def test_canonical_and_hreflang_alternates(lang):
    tree = parse(render_site()[f"{lang}.html"])
    (canonical,) = tree.xpath('//head/link[@rel="canonical"]/@href')
    assert canonical == f"{BASE}{lang}.html"
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')
    }
    assert alternates == {
        **{other: f"{BASE}{other}.html" for other in LANGS},
        "x-default": BASE,
    }


OG = {"en": "en_US", "kk": "kk_KZ", "ru": "ru_RU", "fr": "fr_FR"}


@pytest.mark.parametrize("lang", LANGS)
def test_open_graph(lang):
    tree = parse(render_site()[f"{lang}.html"])
    assert meta(tree, prop="og:locale") == [OG[lang]]
    assert meta(tree, prop="og:locale:alternate") == [OG[o] for o in LANGS if o != lang]
    assert meta(tree, prop="og:url") == [f"{BASE}{lang}.html"]
    assert meta(tree, prop="og:type") == ["article"]
    assert meta(tree, prop="og:title") == [tree.findtext(".//title")]


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_news_article(lang):
    tree = parse(render_site()[f"{lang}.html"])
    data = json_ld(tree)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["inLanguage"] == lang
    assert data["datePublished"] == "2017-09-11"
    assert data["url"] == data["@id"] == f"{BASE}{lang}.html"
    assert data["headline"] == tree.findtext(".//title")
    if lang == "en":
        assert "translationOfWork" not in data
        assert [t["@id"] for t in data["workTranslation"]] == [
            f"{BASE}{o}.html" for o in ("kk", "ru", "fr")
        ]
        assert data["dateline"] == "ASTANA. KAZINFORM"
    else:
        original = data["translationOfWork"]
        assert original["@id"] == original["url"] == f"{BASE}en.html"
        assert original["inLanguage"] == "en"
        assert original["headline"] == TITLES["en"]
        assert data["dateCreated"] == "2017-09-12T08:00:00Z"


DATES = {
    "en": "September 11, 2017",
    "kk": "2017 ж. 11 қыркүйек",
    "ru": "11 сентября 2017 г.",
    "fr": "11 septembre 2017",
}


@pytest.mark.parametrize("lang", LANGS)
def test_date_in_the_language_long_form(lang):
    tree = parse(render_site()[f"{lang}.html"])
    (time,) = tree.xpath("//main//time")
    assert time.get("datetime") == "2017-09-11"
    assert time.text == DATES[lang]
    assert meta(tree, prop="article:published_time") == ["2017-09-11"]


def test_without_base_url_links_are_relative_and_og_url_is_left_out():
    options = dataclasses.replace(OPTIONS, base_url=None)
    tree = parse(render_page(sample_document(), "kk", options))
    assert tree.xpath('//link[@rel="canonical"]/@href') == ["kk.html"]
    hrefs = tree.xpath('//link[@rel="alternate"]/@href')
    assert hrefs == ["en.html", "kk.html", "ru.html", "fr.html", "index.html"]
    assert meta(tree, prop="og:url") == []
    assert json_ld(tree)["translationOfWork"]["@id"] == "en.html"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://news.example.kz/a", "https://news.example.kz/a/"),
        ("http://x.kz/", "http://x.kz/"),
        (" https://x.kz/a/b/ ", "https://x.kz/a/b/"),
    ],
)
def test_base_url_is_normalised(given, expected):
    assert normalise_base_url(given) == expected


@pytest.mark.parametrize("bad", ["news.example.kz/a", "file:///tmp/x/", "https://x.kz/?a=1", "/a/"])
def test_bad_base_url_is_a_usage_error_with_a_hint(bad):
    with pytest.raises(UsageError) as info:
        render_page(sample_document(), "en", dataclasses.replace(OPTIONS, base_url=bad))
    assert info.value.hint and "https://" in info.value.hint


# --- languages that were not translated ----------------------------------------------------


def test_only_languages_of_the_run_are_linked():
    options = dataclasses.replace(OPTIONS, languages=["kk"])
    files = render_site(options)
    assert set(files) == {"en.html", "kk.html", "index.html", "review-kk.html", "polyglot.css"}
    for name in ("en.html", "kk.html", "index.html"):
        tree = parse(files[name])
        hrefs = set(tree.xpath("//a/@href") + tree.xpath("//link/@href"))
        assert not any(h.endswith(("ru.html", "fr.html")) for h in hrefs), name
        assert "ru_RU" not in meta(tree, prop="og:locale:alternate")
    with pytest.raises(UsageError):
        render_page(sample_document(), "ru", options)


def test_untranslated_segment_shows_the_original_marked_with_its_language():
    doc = sample_document()
    del doc.segment("p2s2").translations["kk"]
    tree = parse(render_page(doc, "kk", OPTIONS))
    (span,) = tree.xpath('//*[@id="p2s2"]')
    assert span.get("lang") == "en"
    assert span.text == doc.segment("p2s2").source


# --- localised UI -----------------------------------------------------------------------------


def english_msgids() -> list[str]:
    from babel.messages.pofile import read_po

    with open(Path(__file__).parent.parent / "locales" / "polyglot.pot", "rb") as fp:
        catalog = read_po(fp)
    ids = []
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else [message.id]:
            if msgid:
                ids.append(msgid.split("%")[0].strip() or msgid)
    return ids


@pytest.mark.parametrize(
    "name", ["kk.html", "ru.html", "fr.html", "review-kk.html", "review-ru.html", "review-fr.html"]
)
def test_no_english_ui_text_on_translated_pages(name):
    text = ui_text(parse(render_site()[name]))
    assert text
    for msgid in english_msgids():
        if msgid.lower() in {"segment", "original", "glossary"} and not name.startswith("review"):
            continue
        if name == "review-fr.html" and msgid in {"Segment", "Original"}:
            continue  # the same word in French
        assert msgid not in text, f"English UI text {msgid!r} on {name}"
    assert not re.search(r"\b(the|and|from|translated|machine|language)\b", text, re.I), text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", ["Тілдік нұсқалар", "Ағылшын тілінен аударылған", "Түпнұсқасын оқу"]),
        ("ru", ["Языковые версии", "Перевод с английского", "Читать оригинал"]),
        ("fr", ["Versions linguistiques", "Traduit de l’anglais", "Lire l’original"]),
    ],
)
def test_ui_strings_come_from_the_catalogs(lang, expected):
    text = ui_text(parse(render_site()[f"{lang}.html"]))
    for phrase in expected:
        assert phrase in text


def test_language_switcher_names_languages_in_their_own_language():
    tree = parse(render_site()["ru.html"])
    nav = tree.xpath("//nav[@aria-labelledby]")[0]
    assert nav.xpath("string(//*[@id=$i])", i=nav.get("aria-labelledby")) == "Языковые версии"
    links = {a.get("lang"): (a.text, a.get("href"), a.get("hreflang")) for a in nav.iter("a")}
    assert links == {
        "en": ("English", "en.html", "en"),
        "kk": ("Қазақ тілі", "kk.html", "kk"),
        "fr": ("Français", "fr.html", "fr"),
    }
    (current,) = nav.xpath('.//*[@aria-current="page"]')
    assert (current.text, current.get("lang")) == ("Русский", "ru")


def test_index_is_a_language_chooser_without_redirect():
    tree = parse(render_site()["index.html"])
    assert not tree.xpath('//meta[@http-equiv="refresh"]')
    assert tree.xpath('//link[@rel="canonical"]/@href') == [BASE]
    items = tree.xpath('//ul[@class="chooser-list"]/li')
    assert [li.get("lang") for li in items] == LANGS
    assert [li.xpath("string(.//a/@href)") for li in items] == [f"{lang}.html" for lang in LANGS]
    heading = tree.xpath("//h1/span")
    assert [(s.get("lang"), s.text) for s in heading] == [
        ("en", "Choose a language"),
        ("kk", "Тілді таңдаңыз"),
        ("ru", "Выберите язык"),
        ("fr", "Choisissez une langue"),
    ]
    notices = {li.get("lang"): li.findtext('.//span[@class="chooser-notice"]') for li in items}
    assert notices == {
        "en": None,
        "kk": "Машиналық аударма",
        "ru": "Машинный перевод",
        "fr": None,
    }


# --- machine-translation disclosure -------------------------------------------------------------


def notice_and_robots(text: str) -> tuple[list[str], list[str]]:
    tree = parse(text)
    notices = [n.get("class") for n in tree.xpath('//*[@role="note"]')]
    return notices, meta(tree, name="robots")


def test_unreviewed_machine_translation_has_a_notice_and_noindex():
    files = render_site()
    assert notice_and_robots(files["kk.html"]) == (["notice notice-machine"], ["noindex"])
    assert notice_and_robots(files["ru.html"]) == (["notice notice-machine"], ["noindex"])
    tree = parse(files["kk.html"])
    assert "автоматты түрде аударылды" in tree.xpath("string(//*[@role='note'])")


def test_human_translation_and_the_original_need_no_notice():
    files = render_site()
    assert notice_and_robots(files["fr.html"]) == ([], [])
    assert notice_and_robots(files["en.html"]) == ([], [])


def test_reviewed_switch_turns_notice_and_noindex_off():
    doc = sample_document()
    for seg in doc.segments():  # no error-level QA result left: the pages may go out
        for tr in seg.translations.values():
            tr.issues = [i for i in tr.issues if i.severity is not Severity.ERROR]
    files = render_site(dataclasses.replace(OPTIONS, reviewed=True), doc)
    for lang in LANGS:
        assert notice_and_robots(files[f"{lang}.html"]) == ([], []), lang
    assert "chooser-notice" not in files["index.html"]


def test_a_page_with_error_level_results_is_never_published_as_reviewed():
    doc = sample_document()  # its kk translation misses a glossary term: an error
    assert has_errors(doc, "kk") and not has_errors(doc, "ru")
    files = render_site(dataclasses.replace(OPTIONS, reviewed=True), doc)
    assert notice_and_robots(files["kk.html"]) == (["notice notice-machine"], ["noindex"])
    assert notice_and_robots(files["ru.html"]) == ([], [])


def pseudo_document():
    doc = sample_document()
    for seg in doc.segments():
        seg.translations["kk"] = Translation(f"⟦kk: {seg.source}⟧", Origin.PSEUDO, "pseudo")
    return doc


@pytest.mark.parametrize("reviewed", [False, True])
def test_pseudo_translation_is_loudly_marked_and_never_indexed(reviewed):
    options = dataclasses.replace(OPTIONS, reviewed=reviewed)
    files = render_site(options, pseudo_document())
    assert notice_and_robots(files["kk.html"]) == (["notice notice-pseudo"], ["noindex"])
    tree = parse(files["kk.html"])
    assert tree.xpath("string(//*[@role='note']/strong)") == (
        "Псевдоаударма: алдын ала қарауға арналған, бұл аударма емес"
    )
    assert meta(parse(files["index.html"]), name="robots") == ["noindex"]
    assert "notice-pseudo" in files["review-kk.html"]


# --- aligned sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_sentence_is_an_element_with_its_segment_id(lang):
    tree = parse(render_site()[f"{lang}.html"])
    spans = tree.xpath('//*[contains(concat(" ", @class, " "), " seg ")]')
    assert [s.get("id") for s in spans] == SEG_IDS
    assert [s.get("data-seg") for s in spans] == SEG_IDS
    assert all(s.tag == "span" for s in spans)
    assert [p.get("id") for p in tree.xpath("//div[@class='article-body']/p")] == ["p1", "p2", "p3"]
    assert "dateline" in spans[0].get("class").split()
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_segment_text_and_origin_per_language():
    doc = sample_document()
    files = render_site()
    for lang in ("kk", "ru", "fr"):
        tree = parse(files[f"{lang}.html"])
        for seg in doc.segments():
            (span,) = tree.xpath("//*[@id=$i]", i=seg.id)
            assert span.text == seg.translations[lang].text
            assert span.get("data-origin") == str(seg.translations[lang].origin)
    tree = parse(files["en.html"])
    assert [tree.xpath("string(//*[@id=$i])", i=s.id) for s in doc.segments()] == [
        s.source for s in doc.segments()
    ]


def test_review_page_pairs_source_and_target_and_flags_glossary_terms():
    doc = sample_document()
    tree = parse(render_review(doc, "kk", OPTIONS))
    assert meta(tree, name="robots") == ["noindex, nofollow"]
    rows = tree.xpath("//tbody/tr")
    assert [r.get("id") for r in rows] == SEG_IDS
    assert [r.get("data-seg") for r in rows] == SEG_IDS
    by_id = {r.get("id"): r for r in rows}
    lead = by_id["p1s2"]
    assert lead.xpath("string(td[@class='source'])") == doc.segment("p1s2").source
    assert lead.xpath("string(td[@class='target'])") == doc.segment("p1s2").translations["kk"].text
    assert lead.xpath("td[@class='source']/@lang") == ["en"]
    marks = {m.text: m.get("class") for m in lead.xpath("td[@class='target']/mark")}
    assert marks == {
        "Астанада": "term term-inflected",
        "Бейбіт Атамқұлов": "term term-found",
        "Жан-Батист Лемуан": "term term-fixed",
    }
    source_marks = [m.text for m in lead.xpath("td[@class='source']/mark")]
    assert source_marks == ["Beibut Atamkulov", "Astana", "Jean-Baptiste Lemoyne"]
    assert lead.xpath("th//a/@href") == ["kk.html#p1s2"]
    missing = by_id["p2s1"]
    assert "row-missing" in missing.get("class")
    assert missing.xpath("td[@class='source']/mark/@class") == ["term term-missing"]
    assert missing.xpath("string(td[@class='terms']//mark)") == "жоқ"
    summary = {
        div.get("class"): div.xpath("string(dd)")
        for div in tree.xpath("//dl[@class='review-summary']/div")
    }
    assert summary == {
        None: "Қазақ тілі",
        "summary-found": "2",
        "summary-inflected": "1",
        "summary-fixed": "1",
        "summary-missing": "1",
        "summary-flagged": "1",  # the missing term is the QA checks' error
        "summary-errors": "1",
    }
    assert tree.xpath("string(//dl/div[1]/dt)") == "5 сегмент"
    assert tree.findtext(".//h1") == "Аударманы тексеру: ағылшын тілі → қазақ тілі"


def test_review_page_plural_forms():
    text = ui_text(parse(render_review(sample_document(), "ru", OPTIONS)))
    assert "5 сегментов" in text
    doc = sample_document()
    doc.paragraphs = doc.paragraphs[:1]  # 2 segments
    assert "2 сегмента" in ui_text(parse(render_review(doc, "ru", OPTIONS)))


def test_review_of_the_source_language_is_refused():
    with pytest.raises(UsageError):
        render_review(sample_document(), "en", OPTIONS)


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("a Astana b", [("astana", "found")], [("a ", None), ("Astana", "found"), (" b", None)]),
        ("abc", [("x", "missing")], [("abc", None)]),
        ("abc", [("", "found")], [("abc", None)]),
        ("ab", [("ab", "found"), ("b", "fixed")], [("ab", "found")]),
        ("a.b", [(".", "found")], [("a", None), (".", "found"), ("b", None)]),
    ],
)
def test_highlight(text, marks, expected):
    assert [(p.text, p.mark) for p in highlight(text, marks)] == expected


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_article_text_cannot_inject_markup(lang):
    doc = hostile_document()
    text = render_page(doc, lang, OPTIONS)
    tree = parse(text)
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert not tree.xpath(
        "//body//img | //body//iframe | //style | //body//b | //a[starts-with(@href, 'javascript')]"
    )
    assert text.count("<script") == 1 and text.count("</script>") == 1
    assert text.count("<title>") == 1 and text.count("</title>") == 1
    seg = doc.segment("p1s1")
    expected = seg.source if lang == "en" else seg.translations["kk"].text
    assert tree.xpath("string(//*[@id='p1s1'])") == expected
    data = json_ld(tree)
    assert "</script>" in data["description"]
    title = tree.findtext(".//title")
    assert "<script>" in title and "</title>" in title
    (description,) = meta(tree, name="description")
    assert '"quotes"' in description or "…" in description
    assert HOSTILE_LEAD[:40] in (title if lang == "en" else description)


def test_control_characters_are_left_out():
    doc = sample_document()
    doc.segment("p2s2").translations["kk"] = Translation(
        "Қоңырау\x07 \x1bшырылдады\x85.", Origin.MT
    )
    text = render_page(doc, "kk", OPTIONS)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    assert parse(text).xpath("string(//*[@id='p2s2'])") == "Қоңырау шырылдады."


def test_control_characters_in_the_lead_are_left_out_of_json_ld_too():
    """JSON-LD is polyglot's own markup, past the templates' filter: raw C1 controls and a
    lone surrogate (which UTF-8 cannot encode: the page could not be written) are dropped."""
    doc = sample_document()
    lead = next(s for s in doc.segments() if s.source == doc.lead)
    lead.translations["kk"] = Translation("Қоңырау\x7f\ud800 шырылдады\x9b.", Origin.MT)
    text = render_page(doc, "kk", OPTIONS)
    text.encode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", text)
    assert json_ld(parse(text))["description"] == "Қоңырау шырылдады."


def test_review_page_escapes_article_text_too():
    text = render_review(hostile_document(), "kk", OPTIONS)
    tree = parse(text)
    assert [s.get("type") for s in tree.xpath("//script")] == []
    assert not tree.xpath("//body//img | //body//iframe | //style | //body//b")
    assert HOSTILE_LEAD in tree.xpath("string(//tr[@id='p1s1']/td[@class='source'])")


def test_index_escapes_headlines():
    tree = parse(render_index(hostile_document(), OPTIONS))
    assert not tree.xpath("//script | //body//img | //body//iframe | //style")


# --- templates --------------------------------------------------------------------------------


def test_publisher_template_overrides_one_file(tmp_path):
    (tmp_path / "page.html").write_text(
        '{% extends "base.html" %}{% block body %}<body>\n'
        '<p class="mine">{{ _("Read the original") }}</p>\n'
        "{% for p in paragraphs %}{% for s in p.segments %}"
        '<span id="{{ s.id }}">{{ s.text }}</span>'
        "{% endfor %}{% endfor %}\n"
        "</body>{% endblock %}",
        encoding="utf-8",
    )
    (tmp_path / "polyglot.css").write_text("body { color: red; }\n", encoding="utf-8")
    options = dataclasses.replace(OPTIONS, template_dir=tmp_path)
    files = render_site(options, hostile_document())
    tree = parse(files["kk.html"])
    assert tree.findtext(".//p[@class='mine']") == "Түпнұсқасын оқу"
    assert tree.xpath("string(//*[@id='p1s1'])").startswith(
        "Редакторлар жазды: Editors wrote </title>"
    )
    assert not tree.xpath("//body//img | //body//iframe")  # escaped in their template too
    assert files["polyglot.css"] == "body { color: red; }\n"
    assert "chooser-list" in files["index.html"]  # not overridden: the shipped one


def test_template_syntax_error_names_file_and_line(tmp_path):
    (tmp_path / "page.html").write_text("<p>\n{% if %}\n", encoding="utf-8")
    options = dataclasses.replace(OPTIONS, template_dir=tmp_path)
    with pytest.raises(InputError) as info:
        render_page(sample_document(), "en", options)
    assert "page.html:2" in info.value.message
    assert info.value.hint


def test_template_using_an_unknown_name_says_so(tmp_path):
    (tmp_path / "page.html").write_text("{{ nothing.here }}", encoding="utf-8")
    options = dataclasses.replace(OPTIONS, template_dir=tmp_path)
    with pytest.raises(InputError) as info:
        render_page(sample_document(), "en", options)
    assert "nothing" in info.value.message


def test_missing_template_folder_is_a_usage_error(tmp_path):
    options = dataclasses.replace(OPTIONS, template_dir=tmp_path / "nope")
    with pytest.raises(UsageError):
        render_page(sample_document(), "en", options)


# --- the translate run ----------------------------------------------------------------------


def test_translate_writes_the_pages(tmp_path, seed_path):
    from polyglot.formats.html import HtmlOptions
    from polyglot.pipeline import TranslateJob, translate_file

    job = TranslateJob(
        source=seed_path,
        targets=["kk", "ru"],
        out_dir=tmp_path / "out",
        engine="pseudo",
        use_glossary=False,
        format_options={"html": HtmlOptions(base_url="https://news.example.kz/x")},
        now=lambda: dt.datetime(2017, 9, 12, 8, 0, tzinfo=dt.UTC),
    )
    result = translate_file(job)
    names = [
        "en.html",
        "kk.html",
        "ru.html",
        "index.html",
        "review-kk.html",
        "review-ru.html",
        "polyglot.css",
    ]
    for name in names:
        assert name in result.info.files
        assert (tmp_path / "out" / name).is_file()
    assert not (tmp_path / "out" / "fr.html").exists()
    kk = parse((tmp_path / "out" / "kk.html").read_text("utf-8"))
    assert notice_and_robots((tmp_path / "out" / "kk.html").read_text("utf-8")) == (
        ["notice notice-pseudo"],
        ["noindex"],
    )
    assert kk.xpath('//link[@rel="canonical"]/@href') == ["https://news.example.kz/x/kk.html"]
    assert meta(kk, name="generator")[0].startswith("polyglot ")
    assert json_ld(kk)["dateCreated"] == "2017-09-12T08:00:00Z"
    spans = kk.xpath('//span[contains(@class, "seg")]/@id')
    assert spans == [seg.id for seg in result.document.segments()]


def test_cli_template_and_base_url_options(tmp_path, seed_path):
    from typer.testing import CliRunner

    from polyglot.cli import app

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "polyglot.css").write_text("/* house style */\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "fr",
            "--engine",
            "pseudo",
            "--no-glossary",
            "--out",
            str(tmp_path / "out"),
            "--base-url",
            "https://x.example/a/",
            "--template",
            str(templates),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "polyglot.css").read_text("utf-8") == "/* house style */\n"
    fr = parse((tmp_path / "out" / "fr.html").read_text("utf-8"))
    assert fr.xpath('//link[@rel="canonical"]/@href') == ["https://x.example/a/fr.html"]
