"""The language check: Kazakh output that is really Russian, and Russian output that is
really Kazakh, told apart by the letters only Kazakh has (ә ғ қ ң ө ұ ү һ і).

A long Kazakh sentence without any of them is almost certainly Russian; a Russian
translation with several words that have them is Kazakh.  Names the glossary keeps
and verbatim items do not count.
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.checks.text import kept_terms, masked, words
from polyglot.i18n import N_, Nn_
from polyglot.languages import KAZAKH_LETTERS
from polyglot.model import Issue, MessageId, Severity, Span

RUSSIAN_NOT_KAZAKH = MessageId(
    "language-russian-not-kazakh",
    # TRANSLATORS: %(letters)s: the letters only Kazakh has (ә ғ қ ...).
    *Nn_(
        "%(count)d Cyrillic word and no Kazakh letter (%(letters)s): Russian, not Kazakh?",
        "%(count)d Cyrillic words and no Kazakh letter (%(letters)s): Russian, not Kazakh?",
    ),
)
KAZAKH_IN_RUSSIAN = MessageId(
    "language-kazakh-in-russian",
    # TRANSLATORS: %(words)s: up to three of the words, as written.
    N_("Kazakh words in the Russian translation (%(words)s)"),
)

#: Cyrillic words a Kazakh sentence needs before it must have a Kazakh letter.
MIN_WORDS = 8
#: Words with Kazakh letters that make a Russian translation Kazakh.
KAZAKH_WORDS = 2


_CYRILLIC = re.compile("[\u0400-\u052f]")


def _cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


class LanguageCheck(Check):
    """Kazakh and Russian must not be swapped."""

    name: ClassVar[str] = "language"
    label: ClassVar[str] = N_("language")
    severity: ClassVar[Severity] = Severity.ERROR

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self._keep = kept_terms(context.glossary, context.pair.target)
        if context.glossary is not None:  # names in their glossary form are not evidence
            self._keep += [
                form for e in context.glossary if (form := e.target(context.pair.target))
            ]

    @classmethod
    def applies(cls, context: CheckContext) -> bool:
        return context.pair.target in ("kk", "ru")

    def check(self, source: str, target: str) -> list[Issue]:
        plain = masked(target, self._keep)
        cyrillic = [m.group().casefold() for m in words(plain) if _cyrillic(m.group())]
        kazakh = [w for w in cyrillic if any(char in KAZAKH_LETTERS for char in w)]
        whole = Span("target", 0, len(target))
        if self.context.pair.target == "kk" and len(cyrillic) >= MIN_WORDS and not kazakh:
            return [
                self.issue(
                    RUSSIAN_NOT_KAZAKH, whole, count=len(cyrillic), letters=" ".join(KAZAKH_LETTERS)
                )
            ]
        if self.context.pair.target == "ru" and len(kazakh) >= KAZAKH_WORDS:
            shown = ", ".join(dict.fromkeys(kazakh[:3]))
            return [self.issue(KAZAKH_IN_RUSSIAN, whole, words=shown)]
        return []
