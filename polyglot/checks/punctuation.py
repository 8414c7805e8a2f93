"""``punctuation``: the translation ends like the source (final punctuation by the
target language's conventions), and its brackets and quotation marks are balanced.

Final punctuation and brackets are Translate Toolkit's checks (``endpunc``, which
knows each language's conventions, such as French's space before ``?``; and
``brackets``), called on the plain strings.  Quotation marks are compared apart:
a language's own quotes (« » in French, Russian and Kazakh, „ “ in Russian) replace
English “ ” freely, so quotes are removed before ``endpunc`` and checked for balance
instead: guillemets must pair up, and the number of other double quotes be even,
whenever the source's are.
"""

from __future__ import annotations

import functools
import re
from typing import Any, ClassVar

from polyglot.checks.base import Check
from polyglot.model import Issue, Severity, Span

NAME = "punctuation"

_QUOTES = dict.fromkeys(map(ord, '"“”„‟«»‹›'))
_DOUBLE = '"“”„‟'
_SPACE_BEFORE_STOP = re.compile(r"\s+(?=\.+\Z)")


@functools.cache
def _checker(lang: str) -> Any:
    from translate.filters import checks

    return checks.StandardChecker(checks.CheckerConfig(targetlanguage=lang))


def _unquoted(text: str) -> str:
    """``text`` without quotation marks, and without the space a French closing guillemet
    leaves before the stop (« oui ». → oui.)."""
    return _SPACE_BEFORE_STOP.sub("", text.translate(_QUOTES).rstrip())


def _balanced(text: str) -> bool:
    return text.count("«") == text.count("»") and sum(text.count(q) for q in _DOUBLE) % 2 == 0


class PunctuationCheck(Check):
    """Punctuation must follow the target's conventions and stay balanced."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, source: str, target: str) -> list[Issue]:
        from translate.filters.checks import FilterFailure

        if not target.strip():
            return []
        checker = _checker(self.context.pair.target)
        issues = []
        end = Span("target", max(0, len(target.rstrip()) - 1), len(target.rstrip()))
        try:
            checker.endpunc(_unquoted(source), _unquoted(target))
        except FilterFailure as failure:
            issues.append(
                self.issue(f"{_message(failure)}: {source.rstrip()[-1:]!r} in the source", end)
            )
        try:
            checker.brackets(source, target)
        except FilterFailure as failure:
            spans = [Span("target", i, i + 1) for i, c in enumerate(target) if c in "()[]{}"]
            issues.append(self.issue(f"brackets: {_message(failure)}", *spans))
        if _balanced(source) and not _balanced(target):
            spans = [Span("target", i, i + 1) for i, c in enumerate(target) if c in "«»" + _DOUBLE]
            issues.append(self.issue("quotation marks not balanced", *spans))
        return issues


def _message(failure: Exception) -> str:
    messages = getattr(failure, "messages", None) or [str(failure)]
    return "; ".join(str(m) for m in messages)
