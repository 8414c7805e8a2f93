"""The numbers check: every number of the source is in the translation, and no other.

Numbers are compared by value, each side read with its language's decimal and
group symbols from Babel's locale data (CLDR): ``1,550,000`` (en) is
``1 550 000`` in kk/ru (no-break space) and ``1 550 000`` in fr (narrow no-break
space), ``4.5`` is ``4,5``, ``8.3%`` is ``8,3 %``.  A translation may also keep
the source's way of writing a number.  Ordinals and other suffixes are not part
of the number (5th, 5-й, 5e, 5-ші are all 5); a range is two numbers (2009–2018);
a year is a number like any other; a century in Roman numerals in the translation
(XXI век, XXI ғасыр, XIXe siècle) counts as its number.  A number of the source missing from the
translation (or changed) is an error; a number only the translation has is a
warning on its own (a word such as "two" may become a digit).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.i18n import N_
from polyglot.model import Issue, MessageId, Severity, Span

MISSING = MessageId(
    "numbers-missing",
    # TRANSLATORS: %(number)s: a number as written ("1,550,000");
    # %(value)s: its value ("1550000"); %(found)s: the translation's.
    N_("number %(number)s of the source is not in the translation"),
)
MISSING_READ = MessageId(
    "numbers-missing-read",
    # TRANSLATORS: %(number)s: a number as written ("1,550,000");
    # %(value)s: its value ("1550000"); %(found)s: the translation's.
    N_("number %(number)s of the source is not in the translation (read as %(value)s)"),
)
CHANGED = MessageId(
    "numbers-changed",
    # TRANSLATORS: %(number)s: a number as written ("1,550,000");
    # %(value)s: its value ("1550000"); %(found)s: the translation's.
    N_("number %(number)s of the source is not in the translation (the translation has %(found)s)"),
)
CHANGED_READ = MessageId(
    "numbers-changed-read",
    # TRANSLATORS: %(number)s: a number as written ("1,550,000");
    # %(value)s: its value ("1550000"); %(found)s: the translation's.
    N_(
        "number %(number)s of the source is not in the translation "
        "(the translation has %(found)s) (read as %(value)s)"
    ),
)
EXTRA = MessageId("numbers-extra", N_("number %(number)s is not in the source"))

#: Digits, possibly joined by one separator character between digit runs (group or decimal
#: symbols of any locale: comma, full stop, spaces of every width, apostrophes).
_NUMBER = re.compile(r"(?<![\d])\d+(?:[.,\u00a0\u202f\u2009\u2007 '’]\d+)*")
_SPACES = "\u00a0\u202f\u2009\u2007 "


@dataclass(frozen=True)
class Symbols:
    """How a locale writes numbers: its decimal symbol and the group symbols it accepts."""

    decimal: str
    groups: str


@functools.cache
def locale_symbols(lang: str) -> Symbols:
    """The decimal and group symbols of ``lang`` from Babel (CLDR).  Where the group
    symbol is a space of some width, every width is accepted (people type a plain space)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from polyglot.languages import babel_locale

    locale = babel_locale(lang)
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    groups = _SPACES if group.isspace() else group
    return Symbols(decimal, groups)


@dataclass(frozen=True)
class Found:
    """A run of digits and separators in a text, and the values it may stand for: each
    reading is a list of numbers (one, or several when the separators split numbers)."""

    text: str
    start: int
    end: int
    readings: tuple[tuple[Decimal, ...], ...]


def _value(text: str) -> Decimal:
    return Decimal(text).normalize()


def _read(raw: str, symbols: Symbols) -> tuple[Decimal, ...] | None:
    """``raw`` read as one number written with ``symbols``; None if it cannot be."""
    parts = re.split(r"([^\d])", raw)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return (_value(raw),)
    decimal: str | None = None
    if seps[-1] == symbols.decimal:
        decimal = digits[-1]
        digits, seps = digits[:-1], seps[:-1]
    if seps and not (
        all(sep in symbols.groups for sep in seps)
        and len(set(seps)) == 1
        and 1 <= len(digits[0]) <= 3
        and all(len(group) == 3 for group in digits[1:])
    ):
        return None
    whole = "".join(digits)
    return (_value(f"{whole}.{decimal}" if decimal is not None else whole),)


def find_numbers(text: str, langs: tuple[str, ...]) -> list[Found]:
    """Every number in ``text`` with its readings in each of ``langs``' conventions (in
    that order), then as separate digit runs (the separators were punctuation)."""
    found = []
    for match in _NUMBER.finditer(text):
        raw = match.group().rstrip(_SPACES)
        readings: list[tuple[Decimal, ...]] = []
        for lang in langs:
            reading = _read(raw, locale_symbols(lang))
            if reading is not None and reading not in readings:
                readings.append(reading)
        split = tuple(_value(run) for run in re.findall(r"\d+", raw))
        if split not in readings:
            readings.append(split)
        found.append(Found(raw, match.start(), match.start() + len(raw), tuple(readings)))
    return found


#: A Roman numeral of two letters or more, alone or with an ordinal ending: Russian,
#: Kazakh and French write centuries so (XXI век, XXI ғасыр, XIXe siècle).
_ROMAN = re.compile(
    r"(?<![^\W\d_])(?=[IVXLC]{2,7}(?![A-Z]))C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![A-Z])"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_numerals(text: str) -> list[tuple[int, int, Decimal]]:
    """``(start, end, value)`` of each Roman numeral of two letters or more in ``text``."""
    found = []
    for match in _ROMAN.finditer(text):
        letters = match.group()
        total = 0
        for char, following in zip(letters, [*letters[1:], ""], strict=True):
            value = _ROMAN_VALUES[char]
            total += -value if following and _ROMAN_VALUES[following] > value else value
        found.append((match.start(), match.end(), Decimal(total)))
    return found


def _shown(value: Decimal) -> str:
    return format(value, "f")


class NumbersCheck(Check):
    """Numbers must come through by value, in the target's or the source's notation."""

    name: ClassVar[str] = "numbers"
    label: ClassVar[str] = N_("numbers")
    severity: ClassVar[Severity] = Severity.ERROR

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self._source_langs = (context.pair.source,)
        self._target_langs = (context.pair.target, context.pair.source)

    def check(self, source: str, target: str) -> list[Issue]:
        try:
            wanted = find_numbers(source, self._source_langs)
            offered = find_numbers(target, self._target_langs)
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            return []
        # The source is read in its own notation (its first reading).
        missing: Counter[Decimal] = Counter(v for f in wanted for v in f.readings[0])
        extra: list[tuple[Found, Decimal]] = []
        for item in offered:
            # The reading that accounts for most of what is still missing.
            best = max(item.readings, key=lambda r: sum(1 for v in r if missing[v] > 0))
            for value in best:
                if missing[value] > 0:
                    missing[value] -= 1
                else:
                    extra.append((item, value))
        # A century in Roman numerals stands for a missing number (21st -> XXI век); one
        # the source does not ask for is not reported (Louis XIV, Peter II).
        for _start, _end, value in roman_numerals(target):
            if missing[value] > 0:
                missing[value] -= 1
        issues = []
        extra_text = ", ".join(dict.fromkeys(item.text for item, _ in extra))
        for item in wanted:
            lost = [v for v in item.readings[0] if missing[v] > 0]
            if not lost:
                continue
            for value in lost:
                missing[value] -= 1
            numbers = ", ".join(_shown(v) for v in lost)
            span = Span("source", item.start, item.end)
            shown = item.text
            if extra and shown != numbers:
                issue = self.issue(
                    CHANGED_READ, span, number=shown, found=extra_text, value=numbers
                )
            elif extra:
                issue = self.issue(CHANGED, span, number=shown, found=extra_text)
            elif shown != numbers:
                issue = self.issue(MISSING_READ, span, number=shown, value=numbers)
            else:
                issue = self.issue(MISSING, span, number=shown)
            issues.append(issue)
        if not issues:
            for item in dict.fromkeys(item for item, _ in extra):
                issues.append(
                    self.issue(
                        EXTRA,
                        Span("target", item.start, item.end),
                        severity=Severity.WARNING,
                        number=item.text,
                    )
                )
        return issues
