"""The urls check: URLs, e-mail addresses and social-media handles come through verbatim.

Each item of the source must be in the translation exactly as written, and is
marked in the source when it is not.  (Translate Toolkit's ``urls``/``emails``
tests only say that the sets differ, not which item, and know no handles.)
"""

from __future__ import annotations

from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.checks.text import verbatim_items
from polyglot.model import Issue, Severity, Span

_KINDS = {"url": "URL", "email": "e-mail address", "handle": "handle"}


class UrlsCheck(Check):
    """Every URL, e-mail address and handle of the source, unchanged in the translation."""

    name: ClassVar[str] = "urls"
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        items = verbatim_items(source)
        if not items:
            return []
        have = [item.text for item in verbatim_items(target)]
        issues = []
        for item in items:
            if item.text in have:
                have.remove(item.text)
                continue
            issues.append(
                self.issue(
                    f"{_KINDS[item.kind]} {item.text} is not in the translation as written",
                    Span("source", item.start, item.end),
                )
            )
        return issues
