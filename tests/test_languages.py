"""Language codes as users type them."""

from __future__ import annotations

import pytest

from polyglot.errors import UsageError
from polyglot.languages import language_name, parse_lang_list


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
    assert language_name("kk") == "Kazakh"
    assert language_name("ru", "fr") == "russe"
