"""The user interface in the reader's language: gettext catalogs and Babel locale data.

UI strings (notices, labels, the language switcher, the QA checks' findings) live in
gettext catalogs:
sources in the top-level ``locales/`` folder, compiled ``.mo`` files in
``polyglot/locales/`` so that they ship with the package (see README,
"Localisation").  Dates, language names and text direction come from Babel's
CLDR data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot.languages import babel_locale as _locale
from polyglot.languages import language_name, render_lang_tag
from polyglot.model import Arg, Issue

if TYPE_CHECKING:
    from babel.support import NullTranslations

# Babel is imported where it is used: the markers (N_, Nn_) are imported by modules on
# light paths (checks, cleaning) and must not load it.

__all__ = [
    "CATALOG_DIR",
    "DOMAIN",
    "EXTRACT_KEYWORDS",
    "N_",
    "Nn_",
    "format_article_date",
    "language_name",
    "og_locale",
    "render_issue",
    "text_direction",
    "ui_languages",
    "ui_translations",
]

#: The gettext domain of polyglot's UI strings.
DOMAIN = "polyglot"

#: Compiled catalogs, shipped as package data.
CATALOG_DIR = Path(__file__).parent / "locales"

# The newsroom's long date form per language.  CLDR's "long" format gives the
# same today (CLDR 47), but it has changed between releases; pinning the
# pattern keeps pages stable whatever Babel is installed.  Month names still
# come from CLDR (genitive "сентября" in Russian).
_DATE_PATTERNS = {
    "en": "MMMM d, y",  # September 11, 2017
    "kk": "y 'ж'. d MMMM",  # 2017 ж. 11 қыркүйек
    "ru": "d MMMM y 'г'.",  # 11 сентября 2017 г.
    "fr": "d MMMM y",  # 11 septembre 2017
}


def N_(message: str) -> str:  # noqa: N802 - the name pybabel extract looks for by default
    """Mark ``message`` as a UI string for extraction; translate it later with
    ``ui_translations(lang).gettext(message)``."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - like N_
    """Mark a message with a plural form for extraction (``pybabel extract -k Nn_:1,2``:
    see :data:`EXTRACT_KEYWORDS`); the pair becomes a :class:`~polyglot.model.MessageId`."""
    return singular, plural


#: Marker functions pybabel extract looks for besides its defaults (``N_``, ``_``,
#: ``ngettext``...), in its ``-k`` syntax: tools/catalogs.py and the catalog tests use them.
EXTRACT_KEYWORDS = ("Nn_:1,2",)


def render_issue(issue: Issue, lang: str) -> str:
    """A QA finding in ``lang``, from the UI catalog; English (``issue.message``) for a
    plain message, and the English msgid for a message the catalog lacks or a language
    without a catalog.  The plural form is the catalog's (its ``Plural-Forms`` rule picks
    it by ``count``); the numbers among the arguments are written the way of ``lang``
    (Babel: ``1 234`` in Russian, ``1,234`` in English), the strings as they are."""
    msgid = issue.msgid
    if msgid is None:
        return issue.message
    translations = ui_translations(lang)
    args = dict(issue.args)
    if msgid.plural is None:
        text = translations.gettext(msgid.singular)
    else:
        text = translations.ngettext(msgid.singular, msgid.plural, int(args["count"]))
    try:
        return _fill(text, args, lang)
    except (KeyError, TypeError, ValueError):  # a translation whose placeholders are wrong
        return issue.message


#: A ``%`` placeholder of a message: ``%(count)d``, ``%(item)s``, or ``%%``.
_PLACEHOLDER = re.compile(r"%%|%\((\w+)\)([#0 +-]*\d*(?:\.\d+)?)([a-zA-Z])")


def _fill(text: str, args: dict[str, Arg], lang: str) -> str:
    """``text % args``, with each number that a plain placeholder (``%(count)d``) shows
    written by Babel for ``lang``; a number in a placeholder with a width or precision
    is left to ``%``."""
    numbers = {
        name
        for name, value in args.items()
        if isinstance(value, int) and not isinstance(value, bool)
    }

    def replace(match: re.Match[str]) -> str:
        name, flags, conversion = match.groups()
        if name in numbers and not flags and conversion in "dis":
            return _format_number(int(args[name]), lang).replace("%", "%%")
        return match[0]

    return _PLACEHOLDER.sub(replace, text) % args if numbers else text % args


def _format_number(number: int, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(number, locale=_locale(lang))


def ui_translations(lang: str) -> NullTranslations:
    """The UI catalog for ``lang``; English (the msgids) where there is none."""
    return _load_translations(lang)


@functools.cache
def _load_translations(lang: str) -> NullTranslations:
    from babel.support import Translations

    return Translations.load(str(CATALOG_DIR), locales=[lang], domain=DOMAIN)


def ui_languages() -> list[str]:
    """Languages with a compiled UI catalog (English needs none), sorted."""
    found = {mo.parent.parent.name for mo in CATALOG_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return sorted(found)


def format_article_date(date: dt.date, lang: str) -> str:
    """The article date in the language's long form ("2017 ж. 11 қыркүйек")."""
    from babel.dates import format_date

    pattern = _DATE_PATTERNS.get(lang, "long")
    return format_date(date, pattern, locale=_locale(lang))


def og_locale(lang: str) -> str:
    """The Open Graph locale of a language ("kk" -> "kk_KZ")."""
    return render_lang_tag(lang, region_tags=True, sep="_")


def text_direction(lang: str) -> str:
    """``"ltr"`` or ``"rtl"``, for ``<html dir>``."""
    return "rtl" if _locale(lang).text_direction == "rtl" else "ltr"
