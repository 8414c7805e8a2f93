"""The punctuation check: final punctuation as in the source, brackets and quotes balanced.

Quotes are judged by the target's conventions: Kazakh, Russian and French use
« » (and „ “ inside), so “ ” or " in the source may become « » in the translation;
what matters is that every opened quote is closed.  Brackets come from Translate
Toolkit's ``brackets`` test.  All findings are warnings.
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.checks.text import toolkit_failures
from polyglot.model import Issue, Severity, Span

#: The final punctuation of a text, before closing quotes and brackets.
_FINAL = re.compile(r"([.!?…:;]*)[\s»\"”’'“)\]]*$")
#: Final marks that stand for one another ("..." is "…").
_SAME = {"...": "…"}


def final_mark(text: str) -> str:
    """The sentence-final punctuation of ``text`` ("" when there is none)."""
    match = _FINAL.search(text.rstrip())
    mark = match.group(1) if match else ""
    return _SAME.get(mark, mark)


def quotes_balanced(text: str) -> bool:
    """Whether every quote opened in ``text`` is closed (straight quotes: an even count)."""
    if text.count('"') % 2:
        return False
    guillemets = 0
    for char in text:
        if char == "«":
            guillemets += 1
        elif char == "»":
            guillemets -= 1
            if guillemets < 0:
                return False
    if guillemets:
        return False
    # “ opens in English (closed by ”) and closes „ in Russian and Kazakh.
    return text.count("“") == text.count("”") + text.count("„")


class PunctuationCheck(Check):
    """Final punctuation, brackets and quotes."""

    name: ClassVar[str] = "punctuation"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        want, got = final_mark(source), final_mark(target)
        if want != got and not (want in ".…" and got in ".…" and want and got):
            end = len(target.rstrip())
            issues.append(
                self.issue(
                    f"the source ends with {want or 'no punctuation'!r}, the translation "
                    f"with {got or 'none'!r}",
                    Span("target", max(0, end - 1), end),
                )
            )
        for message in toolkit_failures("brackets", source, target):
            issues.append(self.issue(f"brackets: {message}"))
        if quotes_balanced(source) and not quotes_balanced(target):
            issues.append(self.issue("a quotation mark is opened and not closed, or the reverse"))
        return issues
