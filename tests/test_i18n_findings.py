"""QA findings in the reader's language: the review page renders each Issue's message id
and arguments from the UI catalog, with the catalog's plural forms; English where a
catalog lacks the message; every message id in the code is in the catalogs."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from html_sample import S, build_document

import polyglot
from polyglot.checks import CheckContext, load_check
from polyglot.cleaning import clean_translation
from polyglot.formats.html import render_review
from polyglot.i18n import render_issue
from polyglot.languages import LanguagePair
from polyglot.model import Issue, MessageId, Origin, Severity, Span

REPO = Path(__file__).resolve().parent.parent


def review_with(issue_of_translation, lang: str) -> str:
    """The review page in ``lang`` of a one-segment document whose translation into
    ``lang`` is made by ``issue_of_translation(doc translation)``."""
    doc = build_document([[("The minister met the ambassador.", S, {lang: ("x", Origin.MT, [])})]])
    seg = next(doc.segments())
    seg.translations[lang] = issue_of_translation(seg.translations[lang])
    return render_review(doc, lang)


def with_controls(count: int):
    def make(tr):
        tr.text = "Министр" + "\x07" * count + " встретился."
        return clean_translation(tr)

    return make


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("ru", 1, "удалён 1 управляющий символ"),
        ("ru", 2, "удалено 2 управляющих символа"),
        ("ru", 5, "удалено 5 управляющих символов"),
        ("ru", 21, "удалён 21 управляющий символ"),
        ("kk", 1, "1 басқару таңбасы"),
        ("kk", 2, "2 басқару таңбасы"),
        ("kk", 5, "5 басқару таңбасы"),
        ("kk", 21, "21 басқару таңбасы"),
        ("fr", 1, "1 caractère de contrôle"),
        ("fr", 21, "21 caractères de contrôle"),
    ],
)
def test_a_review_page_says_a_finding_in_its_language_with_the_right_plural(lang, count, expected):
    page = review_with(with_controls(count), lang)
    assert expected in page
    assert "control character" not in page  # not the English


@pytest.mark.parametrize(
    ("copies", "expected"),
    [(3, "повторяется 3 раза"), (5, "повторяется 5 раз"), (21, "повторяется 21 раз")],
)
def test_a_checks_plural_message_on_the_russian_review_page(copies, expected):
    check = load_check("repetition", CheckContext(LanguagePair("en", "ru")))

    def make(tr):
        tr.text = "ла" * copies
        tr.issues = check.check("la", tr.text)
        return tr

    page = review_with(make, "ru")
    assert f"«ла» {expected}: модель зациклилась" in page
    assert "the engine looped" not in page


@pytest.mark.parametrize(
    ("lang", "count", "words"),
    [
        ("ru", 1231, "удалён {n} управляющий символ"),  # the plural form of 1231
        ("ru", 1234, "удалено {n} управляющих символа"),
        ("ru", 1235, "удалено {n} управляющих символов"),
        ("fr", 1234, "{n} caractères de contrôle"),
        ("kk", 1234, "{n} басқару таңбасы"),
    ],
)
def test_a_findings_numbers_are_written_the_pages_way(lang, count, words):
    from babel.numbers import format_decimal

    shown = format_decimal(count, locale=lang)  # Babel's, whatever its CLDR says today
    assert shown != str(count)  # ru/kk: a no-break space, fr: a narrow one
    page = review_with(with_controls(count), lang)
    assert words.format(n=shown) in page
    assert f" {count} " not in page


def test_a_findings_number_in_english_and_its_strings_as_they_are():
    from babel.numbers import format_decimal

    unknown = MessageId("made-up", "%(count)d thing in %(item)s", "%(count)d things in %(item)s")
    issue = Issue.of("made-up", Severity.WARNING, unknown, count=12345, item="10000 BC")
    assert issue.message == "12345 things in 10000 BC"  # logs, report.json: plain
    shown = format_decimal(12345, locale="en")
    assert shown != "12345"
    assert render_issue(issue, "en") == f"{shown} things in 10000 BC"
    assert render_issue(issue, "ru") == f"{format_decimal(12345, locale='ru')} things in 10000 BC"
    small = Issue.of("made-up", Severity.WARNING, unknown, count=1, item="x")
    assert render_issue(small, "ru") == "1 thing in x"


def test_a_message_no_catalog_has_is_shown_in_english():
    unknown = MessageId("made-up", "%(count)d thing is odd", "%(count)d things are odd")
    issue = Issue.of("made-up", Severity.WARNING, unknown, [Span("target", 0, 1)], count=5)
    assert issue.message == "5 things are odd"
    assert render_issue(issue, "ru") == "5 things are odd"  # no entry: the msgid's plural

    page = review_with(lambda tr: tr.__class__(tr.text, tr.origin, issues=[issue]), "kk")
    assert 'title="5 things are odd"' in page and "5 things are odd</li>" in page
    plain = Issue("plain", Severity.WARNING, "a plain English message")
    assert render_issue(plain, "ru") == "a plain English message"
    # a language without a catalog gets the English of a catalogued message
    missing = load_check("numbers", CheckContext(LanguagePair("en", "ru"))).check("In 2017.", "В.")
    assert [render_issue(i, "de") for i in missing] == [i.message for i in missing]
    assert render_issue(missing[0], "ru") != missing[0].message


def message_ids() -> list[tuple[str, MessageId]]:
    """Every MessageId that polyglot's modules define (module constants, and in tables)."""
    found = []
    for module in pkgutil.walk_packages(polyglot.__path__, "polyglot."):
        path = REPO / (module.name.replace(".", "/") + ".py")
        if not path.is_file() or "MessageId(" not in path.read_text(encoding="utf-8"):
            continue
        if module.name == "polyglot.model":
            continue  # the definition
        for value in vars(importlib.import_module(module.name)).values():
            values = value.values() if isinstance(value, dict) else [value]
            found.extend((module.name, v) for v in values if isinstance(v, MessageId))
    return found


def test_every_message_id_is_extracted_translated_and_named_once():
    ids = message_ids()
    # each check module and each other maker of findings
    assert {m for m, _ in ids} >= {f"polyglot.checks.{n}" for n in ("numbers", "urls", "omission")}
    codes = [msgid.code for _, msgid in ids]
    assert len(codes) == len(set(codes)), "two messages share a code"
    with open(REPO / "locales" / "polyglot.pot", "rb") as fp:
        pot = {m.id for m in read_po(fp) if m.id}
    for module, msgid in ids:
        key = msgid.singular if msgid.plural is None else (msgid.singular, msgid.plural)
        assert key in pot, f"{module}: {msgid.code} is not marked for extraction (N_/Nn_)"
    for lang in ("fr", "kk", "ru"):
        with open(REPO / "locales" / lang / "LC_MESSAGES" / "polyglot.po", "rb") as fp:
            catalog = read_po(fp, locale=lang)
        for _module, msgid in ids:
            message = catalog.get(msgid.singular)
            assert message is not None and all(
                message.string if isinstance(message.string, tuple) else [message.string]
            ), f"{lang}: {msgid.code} untranslated"


def test_every_check_module_makes_its_findings_from_message_ids():
    """A check that passed a plain (English) string would not be translatable: Check.issue
    takes a MessageId, and no module in polyglot/checks builds an Issue from a string."""
    for path in (REPO / "polyglot" / "checks").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert 'self.issue(f"' not in text and 'self.issue("' not in text, path
        assert "Issue(NAME" not in text and "Issue(self.name" not in text, path


def test_the_check_beside_a_finding_is_named_in_the_pages_language():
    check = load_check("numbers", CheckContext(LanguagePair("en", "ru")))

    def make(tr):
        tr.text = "В году."
        tr.issues = check.check("In 2017.", tr.text)
        return tr

    page = review_with(make, "ru")
    assert '<span class="issue-check">числа</span> числа 2017 из оригинала нет в переводе' in page
    assert 'data-check="numbers"' in page  # the name stays the key (filters, CSS)
    unknown = Issue("made-up", Severity.WARNING, "odd")
    page = review_with(lambda tr: tr.__class__(tr.text, tr.origin, issues=[unknown]), "ru")
    assert '<span class="issue-check">made-up</span> odd' in page


def test_every_registered_check_has_a_label_the_catalogs_translate():
    from polyglot.checks import CHECKS, check_class

    with open(REPO / "locales" / "polyglot.pot", "rb") as fp:
        pot = {m.id for m in read_po(fp) if m.id}
    for name in CHECKS:
        label = check_class(name).label
        assert label and label in pot, f"{name}: no label marked with N_"
        for lang in ("fr", "kk", "ru"):
            with open(REPO / "locales" / lang / "LC_MESSAGES" / "polyglot.po", "rb") as fp:
                catalog = read_po(fp, locale=lang)
            assert catalog.get(label) is not None and catalog.get(label).string, (lang, name)
