"""The untranslated check: the translation is the source, mostly its words, or in the
wrong script for the target language (Latin letters in Kazakh or Russian, Cyrillic in French).

URLs, e-mail addresses, handles, codes such as ``KADEX-2018`` and the glossary's
terms that stay as they are (do-not-translate) do not count: a segment made only
of them may be left as it is.
"""

from __future__ import annotations

from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.checks.text import kept_terms, masked, script_counts, words
from polyglot.languages import SCRIPTS
from polyglot.model import Issue, Severity, Span

#: Letters a text needs before its script is judged (fewer: a name, an abbreviation).
MIN_LETTERS = 12
#: Share of the letters in another script than the target's that makes a wrong-script error.
WRONG_SCRIPT_SHARE = 0.5
#: Share of the translation's words that are source words that makes a warning (3 or more).
SOURCE_WORDS_SHARE = 0.6


class UntranslatedCheck(Check):
    """The translation must be a translation: not the source, and in the target's script."""

    name: ClassVar[str] = "untranslated"
    severity: ClassVar[Severity] = Severity.ERROR

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self._keep = kept_terms(context.glossary, context.pair.target)
        self._script = SCRIPTS.get(context.pair.target)
        self._same_script = self._script is not None and self._script == SCRIPTS.get(
            context.pair.source
        )

    def check(self, source: str, target: str) -> list[Issue]:
        plain_source = masked(source, self._keep)
        plain_target = masked(target, self._keep)
        letters = sum(script_counts(plain_source).values())
        whole = Span("target", 0, len(target))
        if letters >= MIN_LETTERS and " ".join(source.split()) == " ".join(target.split()):
            return [self.issue("the translation is the source text, untranslated", whole)]
        counts = script_counts(plain_target)
        total = sum(counts.values())
        if self._script is not None and total >= MIN_LETTERS:
            other = total - counts.get(self._script, 0)
            if other / total > WRONG_SCRIPT_SHARE:
                return [
                    self.issue(
                        f"the translation is not in the {self._script} script of "
                        f"{self.context.pair.target!r} ({other} of {total} letters are not)",
                        whole,
                    )
                ]
        if not self._same_script:
            return []  # other scripts: shared words are caught above
        source_words = {m.group().casefold() for m in words(plain_source) if len(m.group()) > 3}
        target_words = [m for m in words(plain_target) if len(m.group()) > 3]
        shared = [m for m in target_words if m.group().casefold() in source_words]
        if len(shared) >= 3 and len(shared) / len(target_words) >= SOURCE_WORDS_SHARE:
            return [
                self.issue(
                    f"{len(shared)} of {len(target_words)} words of the translation are "
                    "source words: partly untranslated?",
                    whole,
                    severity=Severity.WARNING,
                )
            ]
        return []
