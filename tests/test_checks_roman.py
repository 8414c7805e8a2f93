"""The numbers check reads centuries in Roman numerals: Russian, Kazakh and French write
"21st century" as XXI век, XXI ғасыр, XXIe siècle, which is not a missing number."""

from __future__ import annotations

import pytest

from polyglot.checks import CheckContext, load_check
from polyglot.checks.numbers import roman_numerals
from polyglot.languages import LanguagePair
from polyglot.model import Severity


def numbers(source: str, target: str, lang: str) -> list[tuple[Severity, str]]:
    check = load_check("numbers", CheckContext(LanguagePair("en", lang)))
    return [(issue.severity, issue.message) for issue in check.check(source, target)]


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("ru", "В XXI веке всё изменилось."),
        ("kk", "XXI ғасырда бәрі өзгерді."),
        ("fr", "Au XXIe siècle, tout a changé."),
    ],
)
def test_a_century_in_roman_numerals_is_its_number(lang, target):
    assert numbers("In the 21st century everything changed.", target, lang) == []


def test_a_wrong_roman_century_is_still_a_missing_number():
    [(severity, message)] = numbers("In the 21st century.", "В XX веке.", "ru")
    assert severity is Severity.ERROR and "21" in message


def test_a_roman_numeral_the_source_does_not_ask_for_is_not_reported():
    assert numbers("Louis XIV built it.", "Людовик XIV построил его.", "ru") == []


def test_roman_numerals_are_read_only_as_whole_capital_words():
    assert [v for _, _, v in roman_numerals("XIXe, XXI, MIX, Xi, IX-й, I, VIX")] == [19, 21, 9]
