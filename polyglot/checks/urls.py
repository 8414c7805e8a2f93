"""The urls check: URLs, e-mail addresses and social-media handles come through verbatim.

Each item of the source must be in the translation exactly as written, and is
marked in the source when it is not.  (Translate Toolkit's ``urls``/``emails``
tests only say that the sets differ, not which item, and know no handles.)
"""

from __future__ import annotations

from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.checks.text import verbatim_items
from polyglot.i18n import N_
from polyglot.model import Issue, MessageId, Severity, Span

#: The message per kind of verbatim item (see :func:`~polyglot.checks.text.verbatim_items`).
MISSING = {
    # TRANSLATORS: %(item)s: the URL, address or handle as written.
    "url": MessageId("urls-url", N_("URL %(item)s is not in the translation as written")),
    "email": MessageId(
        "urls-email", N_("e-mail address %(item)s is not in the translation as written")
    ),
    "handle": MessageId("urls-handle", N_("handle %(item)s is not in the translation as written")),
}


class UrlsCheck(Check):
    """Every URL, e-mail address and handle of the source, unchanged in the translation."""

    name: ClassVar[str] = "urls"
    label: ClassVar[str] = N_("links and addresses")
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
                self.issue(MISSING[item.kind], Span("source", item.start, item.end), item=item.text)
            )
        return issues
