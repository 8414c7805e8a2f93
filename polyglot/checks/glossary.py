"""The glossary check: every glossary term of the source is in the translation.

Its findings are richer than issues: a :class:`~polyglot.model.TermCheck` per
term (found, inflected, fixed, missing), which TMX props, report.json and the
review page show as such; a *missing* term is also an error :class:`Issue`.
The glossary translator (:mod:`polyglot.translators.glossary`) runs it while
translating, since it re-translates what is missing; :meth:`GlossaryCheck.review`
checks text polyglot did not make (translation memory, human) without changing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.glossary.enforce import verify
from polyglot.glossary.match import Matcher
from polyglot.i18n import N_
from polyglot.model import Issue, MessageId, Severity, Span, TermCheck, TermStatus

NAME = "glossary"

MISSING = MessageId(
    "glossary-missing",
    # TRANSLATORS: %(term)s: a glossary term of the source;
    # %(expected)s: the form the glossary wants in the translation.
    N_("glossary term missing: %(term)s = %(expected)s"),
)


class GlossaryCheck(Check):
    """Glossary terms in the source must come out as the glossary says."""

    name: ClassVar[str] = NAME
    label: ClassVar[str] = N_("glossary")
    severity: ClassVar[Severity] = Severity.ERROR
    during_translation: ClassVar[bool] = True

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        if context.glossary is None:
            raise ValueError("the glossary check needs a glossary")
        self._target = context.pair.target
        self._matcher = Matcher(context.glossary.for_lang(self._target))

    @classmethod
    def applies(cls, context: CheckContext) -> bool:
        return context.glossary is not None

    def terms(self, source: str, target: str) -> list[TermCheck]:
        """How each glossary term of ``source`` fared in ``target``."""
        return verify(self._matcher.find(source, self._target), target, self._target)

    def check(self, source: str, target: str) -> list[Issue]:
        return term_issues(source, self.terms(source, target))


def term_issues(source: str, terms: Sequence[TermCheck]) -> list[Issue]:
    """One error :class:`Issue` per missing term, at the term in ``source``."""
    issues = []
    for term in terms:
        if term.status is not TermStatus.MISSING:
            continue
        if term.source_span is not None:
            spans: tuple[Span, ...] = (Span("source", *term.source_span),)
        else:  # made elsewhere (older data): the first occurrence in the source
            at = source.find(term.source)
            spans = (Span("source", at, at + len(term.source)),) if at >= 0 else ()
        issues.append(
            Issue.of(NAME, Severity.ERROR, MISSING, spans, term=term.source, expected=term.expected)
        )
    return issues
