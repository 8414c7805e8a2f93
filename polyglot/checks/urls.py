"""``urls``: URLs, e-mail addresses and handles (@kazinform, #KADEX2018) of the source
are in the translation exactly as written.  They are found with Translate Toolkit's
patterns (those of its ``urls`` and ``emails`` checks) plus one for handles."""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.checks.text import urls
from polyglot.model import Issue, Severity, Span

NAME = "urls"


class UrlsCheck(Check):
    """Addresses must be kept verbatim."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        for start, end in urls(source):
            address = source[start:end]
            if not re.search(rf"(?<![\w@#/.]){re.escape(address)}(?![\w/@])", target):
                issues.append(
                    self.issue(
                        f"{address} is not in the translation as written",
                        Span("source", start, end),
                    )
                )
        return issues
