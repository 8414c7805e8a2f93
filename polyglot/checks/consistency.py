"""``consistency``: one source sentence translated differently within a run (or within
the files ``polyglot check`` reads).

The check remembers the first translation of each source (by the translation
memory's match key, so typing noise does not count) in the order segments are
checked, and flags each later one that differs (by the same key).  It is the one
check with memory: it is made once per language pair and run, like every check.
"""

from __future__ import annotations

from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.model import Issue, Severity, Span
from polyglot.tm.normalise import normalise_source

NAME = "consistency"


class ConsistencyCheck(Check):
    """The same sentence must be translated the same way."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.WARNING

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self._first: dict[str, str] = {}

    def check(self, source: str, target: str) -> list[Issue]:
        key = normalise_source(source)
        seen = self._first.setdefault(key, target)
        if normalise_source(seen) == normalise_source(target):
            return []
        return [
            self.issue(
                f"the same source sentence is translated differently elsewhere: {seen!r}",
                Span("target", 0, len(target)),
            )
        ]
