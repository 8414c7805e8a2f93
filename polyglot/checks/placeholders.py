"""``placeholders``: machinery left in the text: the glossary's placeholders (``Z101``),
a model's language label (``>>kaz_Cyrl<<``), an unknown-word token (``<unk>``,
SentencePiece's ``⁇``) or the replacement character U+FFFD.  What the source has
itself is not flagged."""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.glossary.enforce import PLACEHOLDER
from polyglot.model import Issue, Severity, Span

NAME = "placeholders"

_MACHINERY = re.compile(r">>\w+<<|<unk>|⁇|\ufffd")


class PlaceholdersCheck(Check):
    """No placeholder, label or unknown-word token may reach the reader."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        for pattern in (_MACHINERY, PLACEHOLDER):
            for match in pattern.finditer(target):
                text = match.group()
                if text in source:
                    continue
                shown = "U+FFFD" if text == "\ufffd" else text
                issues.append(
                    self.issue(f"left in the text: {shown}", Span("target", *match.span()))
                )
        return issues
