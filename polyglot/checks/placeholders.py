"""The placeholders check: machinery left in the text.

The glossary's placeholders (``Z101``: see :mod:`polyglot.glossary.enforce`) that
the source does not have, target-language labels of multilingual models
(``>>kaz_Cyrl<<``), SentencePiece's ``<unk>`` and ``⁇``, bracketed placeholders
(``⟦1⟧``) and U+FFFD, the replacement character of undecodable bytes.
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.i18n import N_
from polyglot.model import Issue, MessageId, Severity, Span

# TRANSLATORS: %(item)s: ">>kaz_Cyrl<<", "<unk>", "Z101", "U+FFFD"...
LEFT = MessageId("placeholders-left", N_("%(item)s left in the translation"))

_LEFTOVERS = re.compile(
    r"\bZ1\d\d\b"  # glossary placeholders, Z101...
    r"|>>[A-Za-z]{2,3}(?:_[A-Za-z]{4})?<<"  # language labels, >>kaz_Cyrl<<
    r"|<unk>|⁇|\ufffd|⟦[^⟧]*⟧|</?s>"
)


class PlaceholdersCheck(Check):
    """No placeholder, language label, unknown-token mark or U+FFFD the source lacks."""

    name: ClassVar[str] = "placeholders"
    label: ClassVar[str] = N_("placeholders")
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        for match in _LEFTOVERS.finditer(target):
            text = match.group()
            if text in source:
                continue
            shown = "U+FFFD" if text == "\ufffd" else text
            issues.append(self.issue(LEFT, Span("target", *match.span()), item=shown))
        return issues
