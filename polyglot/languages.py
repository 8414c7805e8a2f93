"""Languages and language pairs: the one place that parses, validates and renders them.

A language is its lower-case ISO 639 code (``"kk"``); a pair is a
:class:`LanguagePair`, written ``source-target`` (``"en-kk"``) wherever it is
shown or typed.  Names come from Babel/CLDR through :func:`language_name`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polyglot.errors import UsageError

if TYPE_CHECKING:
    from babel import Locale

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
            f"use {right!r} ({language_name(right, 'en')})",
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

    def __iter__(self) -> Iterator[str]:
        """``source, target = pair``."""
        return iter((self.source, self.target))

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


def language_name(lang: str, in_lang: str | None = None, *, capitalise: bool = True) -> str:
    """The language's name in ``in_lang`` (its own name when None), from CLDR.

    Capitalised as in a menu ("Қазақ тілі", "Русский", "Français"); with
    ``capitalise=False`` as CLDR writes it inside a sentence ("английский").
    """
    name = babel_locale(in_lang or lang).languages.get(lang) or lang
    return name[:1].upper() + name[1:] if capitalise else name


@functools.cache
def babel_locale(lang: str) -> Locale:
    """Babel's locale for ``lang``; English for a code CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


# ---------------------------------------------------------------- scripts

#: The script each language is written in (what the QA checks expect of a translation).
SCRIPTS = {"en": "Latin", "fr": "Latin", "kk": "Cyrillic", "ru": "Cyrillic"}

#: Letters of the Kazakh Cyrillic alphabet that Russian does not have (lower case).
KAZAKH_LETTERS = "әғқңөұүһі"


def letter_script(char: str) -> str | None:
    """ "Latin", "Cyrillic" or "Other" for a letter; None for anything else."""
    if not char.isalpha():
        return None
    code = ord(char)
    if char.isascii() or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "Latin"
    if 0x0400 <= code <= 0x052F:
        return "Cyrillic"
    return "Other"


# ---------------------------------------------------------------- tags in files


#: The newsroom's markets: the region of each language's tag when regions are asked for
#: (``kk-KZ`` in TMX, ``kk_KZ`` in Open Graph); other languages get CLDR's likely region.
_REGIONS = {"en": "US", "kk": "KZ", "ru": "RU", "fr": "FR"}
#: Spellings other tools write, with the language they mean.
_TAG_ALIASES = {
    "kz": "kk",  # the country code of Kazakhstan, often used by mistake
    "eng": "en",
    "kaz": "kk",
    "rus": "ru",
    "fra": "fr",
    "fre": "fr",
}


def normalise_lang_tag(tag: str) -> str:
    """The language a tag in a file names, as its primary subtag: ``"EN_us"`` -> ``"en"``.

    Also maps the spellings some tools or users write (``kz``, ``kaz``,
    ``rus``, ``fre`` ...) to the ISO 639-1 code polyglot uses.
    """
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return _TAG_ALIASES.get(primary, primary)


def language_region(lang: str) -> str | None:
    """The region polyglot pairs with ``lang`` (``"kk"`` -> ``"KZ"``); None if CLDR has none."""
    if lang in _REGIONS:
        return _REGIONS[lang]
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang)  # e.g. "de" -> "de_Latn_DE"
    if not likely:
        return None
    last = likely.split("_")[-1]
    return last if len(last) == 2 and last.isupper() else None


def render_lang_tag(lang: str, region_tags: bool = False, sep: str = "-") -> str:
    """The tag polyglot writes for ``lang``: ``kk``, or ``kk-KZ`` with region tags
    (``sep="_"``: ``kk_KZ``, as Open Graph writes locales)."""
    if not region_tags:
        return lang
    region = language_region(lang)
    return f"{lang}{sep}{region}" if region else lang
