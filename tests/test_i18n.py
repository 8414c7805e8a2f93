"""polyglot.i18n: UI catalogs, Babel dates, Open Graph locales, language names."""

from __future__ import annotations

import datetime as dt

import pytest

from polyglot.i18n import (
    format_article_date,
    language_name,
    og_locale,
    text_direction,
    ui_languages,
    ui_translations,
)

DAY = dt.date(2017, 9, 11)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", "2017 ж. 11 қыркүйек"),
        ("ru", "11 сентября 2017 г."),
        ("fr", "11 septembre 2017"),
        ("en", "September 11, 2017"),
        ("de", "11. September 2017"),  # no pinned pattern: CLDR's long form
    ],
)
def test_article_date_in_the_long_form(lang, expected):
    assert format_article_date(DAY, lang) == expected


def test_first_of_month_and_other_months():
    assert format_article_date(dt.date(2018, 5, 1), "kk") == "2018 ж. 1 мамыр"
    assert format_article_date(dt.date(2018, 5, 1), "ru") == "1 мая 2018 г."
    assert format_article_date(dt.date(2018, 5, 1), "fr") == "1 mai 2018"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "kk_KZ"), ("ru", "ru_RU"), ("fr", "fr_FR"), ("en", "en_US"), ("de", "de_DE")],
)
def test_og_locale(lang, expected):
    assert og_locale(lang) == expected


def test_text_direction():
    assert [text_direction(lang) for lang in ("en", "kk", "ru", "fr", "ar", "he")] == [
        "ltr", "ltr", "ltr", "ltr", "rtl", "rtl",
    ]  # fmt: skip


def test_language_names():
    assert [language_name(lang) for lang in ("en", "kk", "ru", "fr")] == [
        "English", "Қазақ тілі", "Русский", "Français",
    ]  # fmt: skip
    assert language_name("en", "ru", capitalise=False) == "английский"
    assert language_name("en", "kk") == "Ағылшын тілі"


def test_ui_catalogs_ship_for_kk_ru_fr():
    assert ui_languages() == ["fr", "kk", "ru"]
    assert ui_translations("kk").gettext("Translated from English") == "Ағылшын тілінен аударылған"
    assert ui_translations("ru").gettext("Translated from English") == "Перевод с английского"
    assert ui_translations("fr").gettext("Translated from English") == "Traduit de l’anglais"


def test_plural_forms_follow_each_language():
    ru = ui_translations("ru")
    forms = [
        ru.ngettext("%(num)d segment", "%(num)d segments", n) % {"num": n} for n in (1, 3, 5, 21)
    ]
    assert forms == ["1 сегмент", "3 сегмента", "5 сегментов", "21 сегмент"]
    fr = ui_translations("fr")
    assert fr.ngettext("%(num)d segment", "%(num)d segments", 1) % {"num": 1} == "1 segment"
    assert fr.ngettext("%(num)d segment", "%(num)d segments", 2) % {"num": 2} == "2 segments"


def test_a_language_without_catalog_falls_back_to_english():
    assert ui_translations("de").gettext("Translated from English") == "Translated from English"
