"""Languages and language pairs: the one place that parses, validates and renders them.

A language is its lower-case ISO 639 code (``"kk"``); a pair is a
:class:`LanguagePair`, written ``source-target`` (``"en-kk"``) wherever it is
shown or typed.  Names come from Babel/CLDR through :func:`language_name`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from polyglot.errors import UsageError

# Codes people type by mistake, with the code they meant.
_COMMON_MISTAKES = {
    "kz": "kk",  # KZ is the country code of Kazakhstan
    "ua": "uk",
    "gr": "el",
    "cz": "cs",
    "dk": "da",
    "se": "sv",
    "jp": "ja",
    "cn": "zh",
}
_CODE = re.compile(r"^[a-z]{2,3}$")


def parse_lang(code: str) -> str:
    """Normalise and validate one language code ("RU" -> "ru")."""
    from babel import Locale, UnknownLocaleError  # small import, only when parsing

    norm = code.strip().lower().replace("_", "-")
    if norm in _COMMON_MISTAKES:
        right = _COMMON_MISTAKES[norm]
        raise UsageError(
            f"{code!r} is a country code, not a language code",
            f"use {right!r} ({language_name(right)})",
        )
    if not _CODE.match(norm):
        raise UsageError(
            f"{code!r} is not a language code",
            "use ISO 639-1 codes such as kk, ru, fr",
        )
    try:
        Locale.parse(norm)
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"unknown language code {code!r}", "use ISO 639-1 codes such as kk, ru, fr"
        ) from None
    return norm


def parse_lang_list(codes: str) -> list[str]:
    """Parse "kk,ru,fr" into a list of distinct validated codes, in order."""
    items = [c for c in (part.strip() for part in codes.split(",")) if c]
    if not items:
        raise UsageError("no target language given", "e.g. --to kk,ru,fr")
    result: list[str] = []
    for item in items:
        code = parse_lang(item)
        if code not in result:
            result.append(code)
    return result


@dataclass(frozen=True, order=True)
class LanguagePair:
    """Translation from ``source`` into ``target`` (both ISO 639 codes); ``str()`` is
    ``"en-kk"``, the spelling of pairs in commands, file names and messages."""

    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.source}-{self.target}"

    @classmethod
    def parse(
        cls, text: str, *, hint: str = "write it as source-target, e.g. en-ru"
    ) -> LanguagePair:
        """``"EN-ru"`` -> ``LanguagePair("en", "ru")``; a usage error for anything that is
        not two different language codes joined by ``-``."""
        source, sep, target = text.strip().partition("-")
        if not sep or not source or not target:
            raise UsageError(f"{text!r} is not a language pair", hint)
        pair = cls(parse_lang(source), parse_lang(target))
        pair.check()
        return pair

    def check(self) -> None:
        """Refuse a pair that translates a language into itself."""
        if self.source == self.target:
            raise UsageError(f"{str(self)!r} translates a language into itself", "e.g. en-ru")

    @property
    def arrow(self) -> str:
        """``"en→kk"``, as messages show a direction."""
        return f"{self.source}→{self.target}"


def split_pair(text: str) -> LanguagePair:
    """A pair as polyglot itself wrote it (``"en-kk"``: package metadata, memory
    keys), split without validation; see :meth:`LanguagePair.parse` for user input."""
    source, _, target = text.partition("-")
    return LanguagePair(source, target)


def language_name(code: str, locale: str = "en") -> str:
    """The language's name in ``locale``, as written inside a sentence ("kk" -> "Kazakh",
    in French "russe"); see :func:`polyglot.i18n.language_name`."""
    from polyglot.i18n import language_name as name_in

    return name_in(code, locale, capitalise=False)
