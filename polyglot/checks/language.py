"""``language``: Kazakh output that is really Russian, and Russian output that is really
Kazakh.

Kazakh's Cyrillic alphabet has nine letters Russian has not (ә ғ қ ң ө ұ ү һ і; the
2004 standard alphabet), and Kazakh uses them everywhere: a Kazakh sentence of
:data:`MIN_WORDS` Cyrillic words or more without any of them is almost surely not
Kazakh.  Russian has no letter of its own that Kazakh lacks, so the reverse test is
the presence of Kazakh letters in Russian words the source does not have (names are
written in the source's script, so a Kazakh name in Russian output is still a
Kazakh word: it counts only from two such words on).
"""

from __future__ import annotations

from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.checks.text import letter_script, words
from polyglot.model import Issue, Severity, Span

NAME = "language"

#: The letters of Kazakh's Cyrillic alphabet that Russian's lacks.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
#: Cyrillic words a Kazakh sentence needs before the absence of Kazakh letters counts.
MIN_WORDS = 8
#: Words with Kazakh letters that make a Russian sentence suspect.
KAZAKH_WORDS_IN_RUSSIAN = 2


class LanguageCheck(Check):
    """Kazakh must be Kazakh, Russian must be Russian."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    @classmethod
    def applies(cls, context: CheckContext) -> bool:
        return context.pair.target in ("kk", "ru")

    def check(self, source: str, target: str) -> list[Issue]:
        cyrillic = [w for w in words(target) if all(letter_script(c) == "Cyrl" for c in w.group())]
        kazakh = [w for w in cyrillic if KAZAKH_LETTERS.intersection(w.group())]
        whole = Span("target", 0, len(target))
        if self.context.pair.target == "kk":
            if len(cyrillic) >= MIN_WORDS and not kazakh:
                return [
                    self.issue(
                        f"not Kazakh: {len(cyrillic)} Cyrillic words without any Kazakh letter "
                        "(ә ғ қ ң ө ұ ү һ і); Russian?",
                        whole,
                    )
                ]
            return []
        foreign = [w for w in kazakh if w.group() not in source]
        if len(foreign) >= KAZAKH_WORDS_IN_RUSSIAN:
            return [
                self.issue(
                    f"not Russian: {len(foreign)} words with Kazakh letters; Kazakh?",
                    *(Span("target", w.start(), w.end()) for w in foreign),
                )
            ]
        return []
