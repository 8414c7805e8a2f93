"""``numbers``: every number of the source is in the translation, whatever the target
language's way of writing it.

Numbers are read with each language's decimal and group symbols from Babel (CLDR):
``1,550,000`` and ``4.5`` in English are ``1 550 000`` (a no-break space) and ``4,5`` in
Kazakh and Russian, ``1 550 000`` (a narrow no-break space) and ``4,5`` in French.  A
group symbol that is a space matches any space (plain, no-break, narrow, thin), since
newsroom systems convert between them.  A translation may also keep the source's
format (machine translation often does): the target is read both ways, and also
digit run by digit run, and a source number passes when any reading of the
target has it.  Ordinals (5th / 5-й / 5e / 5-ші) are their number; years, ranges
(2017-2018) and percentages (8.3% / 8,3 %) are their numbers; a century in Roman
numerals (XIX век, XIXe siècle) counts as its number.

A source number missing from the translation is an error (a changed number is a
missing one plus an extra one); a number only the translation has is a warning.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.model import Issue, Severity, Span

NAME = "numbers"

_SPACES = " \u00a0\u202f\u2009"


@dataclass(frozen=True)
class Number:
    """A number found in a text: where, as written, and its value."""

    start: int
    end: int
    text: str
    value: Decimal


@functools.cache
def _pattern(lang: str) -> re.Pattern[str]:
    """The numbers of ``lang``: Babel's group and decimal symbols."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    group = get_group_symbol(lang)
    decimal = get_decimal_symbol(lang)
    group_class = f"[{_SPACES}]" if group.isspace() or group in _SPACES else re.escape(group)
    return re.compile(
        rf"(?<!\d)(?P<int>\d{{1,3}}(?:{group_class}\d{{3}})+(?!\d)|\d+)"
        rf"(?:{re.escape(decimal)}(?P<frac>\d+))?(?!\d)"
    )


_DIGITS = re.compile(r"(?<!\d)\d+(?!\d)")
#: A Roman numeral of two letters or more, alone or with an ordinal ending (XIXe).
_ROMAN = re.compile(
    r"(?<!\w)(?=[IVXLC]{2,7}(?![A-Z]))C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![A-Z])"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def find_numbers(text: str, lang: str) -> list[Number]:
    """The numbers of ``text`` read as ``lang`` writes them."""
    found = []
    for match in _pattern(lang).finditer(text):
        integer = re.sub(r"\D", "", match.group("int"))
        frac = match.group("frac")
        value = Decimal(f"{integer}.{frac}" if frac else integer)
        found.append(Number(match.start(), match.end(), match.group(), value))
    return found


def readings(text: str, langs: tuple[str, ...]) -> list[Number]:
    """Every way ``text`` may be read: as each of ``langs``, digit run by digit run, and
    Roman numerals; overlapping readings of the same characters are all kept."""
    found: dict[tuple[int, int, Decimal], Number] = {}
    for lang in langs:
        for number in find_numbers(text, lang):
            found.setdefault((number.start, number.end, number.value), number)
    for match in _DIGITS.finditer(text):
        value = Decimal(match.group())
        found.setdefault(
            (match.start(), match.end(), value), Number(*match.span(), match.group(), value)
        )
    for match in _ROMAN.finditer(text):
        value = Decimal(_roman_value(match.group()))
        found.setdefault(
            (match.start(), match.end(), value), Number(*match.span(), match.group(), value)
        )
    return sorted(found.values(), key=lambda n: (n.start, n.end))


def _roman_value(text: str) -> int:
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def match_numbers(
    source: str, target: str, source_lang: str, target_lang: str
) -> tuple[list[Number], list[Number]]:
    """``(missing, extra)``: source numbers no reading of the target has, and target
    numbers (read as ``target_lang``) that no source number took."""
    wanted = find_numbers(source, source_lang)
    candidates = readings(target, (target_lang, source_lang))
    used: list[tuple[int, int]] = []
    missing = []
    for number in wanted:
        for candidate in candidates:
            if candidate.value == number.value and _free(candidate, used):
                used.append((candidate.start, candidate.end))
                break
        else:
            missing.append(number)
    extra = [n for n in find_numbers(target, target_lang) if _free(n, used)]
    return missing, extra


def _free(number: Number, used: list[tuple[int, int]]) -> bool:
    return all(number.end <= start or number.start >= end for start, end in used)


class NumbersCheck(Check):
    """Numbers must survive translation (locale-aware)."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        pair = self.context.pair
        missing, extra = match_numbers(source, target, pair.source, pair.target)
        issues = []
        if missing:
            shown = ", ".join(n.text for n in missing)
            plural = "s" if len(missing) > 1 else ""
            message = f"number{plural} {shown} of the source not in the translation"
            if extra:
                message += f" (it has {', '.join(n.text for n in extra)} instead)"
            spans = [Span("source", n.start, n.end) for n in missing]
            spans += [Span("target", n.start, n.end) for n in extra]
            issues.append(self.issue(message, *spans))
        elif extra:
            shown = ", ".join(n.text for n in extra)
            issues.append(
                self.issue(
                    f"number{'s' if len(extra) > 1 else ''} {shown} only in the translation",
                    *(Span("target", n.start, n.end) for n in extra),
                    severity=Severity.WARNING,
                )
            )
        return issues
