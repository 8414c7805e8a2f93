"""Language codes as users type them."""

from __future__ import annotations

import pytest

from polyglot.errors import UsageError
from polyglot.languages import LanguagePair, language_name, parse_lang_list


def test_codes_are_normalised_and_deduplicated():
    assert parse_lang_list(" KK, ru,fr ,ru") == ["kk", "ru", "fr"]


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("", "no target language"),
        (" , ,", "no target language"),
        ("k1", "'k1' is not a language code"),
        ("ru-RU-x-extra", "is not a language code"),
        ("russian", "is not a language code"),
        ("qq", "unknown language code 'qq'"),
        ("kz", "country code"),
    ],
)
def test_bad_codes_say_what_is_wrong_and_how_to_fix_it(codes, message):
    with pytest.raises(UsageError, match=message) as info:
        parse_lang_list(codes)
    assert info.value.hint and info.value.exit_code == 2


def test_language_names():
    assert language_name("kk", "en") == "Kazakh"
    assert language_name("ru", "fr", capitalise=False) == "russe"


def test_a_pair_is_parsed_rendered_and_compared_as_a_value():
    pair = LanguagePair.parse(" EN-ru")
    assert pair == LanguagePair("en", "ru") and str(pair) == "en-ru" and pair.arrow == "en→ru"
    assert {pair, LanguagePair("en", "ru")} == {pair}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("enru", "'enru' is not a language pair"),
        ("en-", "'en-' is not a language pair"),
        ("en-en", "translates a language into itself"),
        ("en-kz", "country code"),
    ],
)
def test_a_bad_pair_says_what_is_wrong(text, message):
    with pytest.raises(UsageError, match=message) as info:
        LanguagePair.parse(text)
    assert info.value.hint and info.value.exit_code == 2


def test_tm_export_and_models_refuse_the_same_pairs(tmp_path):
    """Both commands parse pairs through LanguagePair.parse: en-en was accepted by one."""
    from typer.testing import CliRunner

    from polyglot.cli import app

    runner = CliRunner()
    for args in (
        ["tm", "export", "--pair", "en-en", str(tmp_path / "x.tmx"), "--tm", str(tmp_path / "m")],
        ["models", "remove", "en-en"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "translates a language into itself" in result.output


def test_tmx_tags_and_open_graph_locales_share_one_table_of_regions():
    from polyglot.i18n import og_locale
    from polyglot.languages import normalise_lang_tag, render_lang_tag

    for lang, region in [("kk", "KZ"), ("en", "US"), ("de", "DE")]:
        assert render_lang_tag(lang, region_tags=True) == f"{lang}-{region}"
        assert og_locale(lang) == f"{lang}_{region}"
        assert normalise_lang_tag(render_lang_tag(lang, region_tags=True)) == lang
    assert render_lang_tag("kk") == "kk"
    assert [normalise_lang_tag(t) for t in ("KZ", "kaz", "ru_RU", "fre")] == [
        "kk",
        "kk",
        "ru",
        "fr",
    ]
