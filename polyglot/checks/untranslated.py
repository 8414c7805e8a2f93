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
from polyglot.i18n import N_, Nn_
from polyglot.languages import SCRIPTS
from polyglot.model import Issue, MessageId, Severity, Span

SAME = MessageId("untranslated-same", N_("the translation is the source text, untranslated"))
WRONG_SCRIPT = MessageId(
    "untranslated-script",
    # TRANSLATORS: %(other)d of %(count)d letters are in another script
    # (Latin letters in Kazakh or Russian, Cyrillic ones in French).
    *Nn_(
        "the translation is not in its language's script (%(other)d of %(count)d letter is not)",
        "the translation is not in its language's script (%(other)d of %(count)d letters are not)",
    ),
)
SOURCE_WORDS = MessageId(
    "untranslated-source-words",
    # TRANSLATORS: %(shared)d of the %(count)d words are the source's.
    *Nn_(
        "%(shared)d of %(count)d word of the translation are source words: partly untranslated?",
        "%(shared)d of %(count)d words of the translation are source words: partly untranslated?",
    ),
)

#: Letters a text needs before its script is judged (fewer: a name, an abbreviation).
MIN_LETTERS = 12
#: Share of the letters in another script than the target's that makes a wrong-script error.
WRONG_SCRIPT_SHARE = 0.5
#: Share of the translation's words that are source words that makes a warning (3 or more).
SOURCE_WORDS_SHARE = 0.6


class UntranslatedCheck(Check):
    """The translation must be a translation: not the source, and in the target's script."""

    name: ClassVar[str] = "untranslated"
    label: ClassVar[str] = N_("untranslated")
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
            return [self.issue(SAME, whole)]
        counts = script_counts(plain_target)
        total = sum(counts.values())
        if self._script is not None and total >= MIN_LETTERS:
            other = total - counts.get(self._script, 0)
            if other / total > WRONG_SCRIPT_SHARE:
                return [self.issue(WRONG_SCRIPT, whole, other=other, count=total)]
        if not self._same_script:
            return []  # other scripts: shared words are caught above
        source_words = {m.group().casefold() for m in words(plain_source) if len(m.group()) > 3}
        target_words = [m for m in words(plain_target) if len(m.group()) > 3]
        shared = [m for m in target_words if m.group().casefold() in source_words]
        if len(shared) >= 3 and len(shared) / len(target_words) >= SOURCE_WORDS_SHARE:
            return [
                self.issue(
                    SOURCE_WORDS,
                    whole,
                    severity=Severity.WARNING,
                    shared=len(shared),
                    count=len(target_words),
                )
            ]
        return []
