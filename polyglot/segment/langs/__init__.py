"""Rules for each language polyglot segments, looked up by code."""

from __future__ import annotations

from polyglot.segment.langs import en, fr, kk, ru
from polyglot.segment.rules import LanguageRules

#: Structure only (lists, quotes, ellipses, datelines), no abbreviations.
DEFAULT = LanguageRules(lang="", name="default")

LANGUAGES: dict[str, LanguageRules] = {r.lang: r for r in (en.RULES, ru.RULES, fr.RULES, kk.RULES)}


def rules_for(lang: str) -> LanguageRules:
    """The rules for a language code (``en``, ``en-US``, ``ru_RU``); DEFAULT for others."""
    base = lang.replace("_", "-").split("-", 1)[0].lower()
    return LANGUAGES.get(base, DEFAULT)
