"""The punctuation check: final punctuation as in the source, brackets and quotes balanced.

Quotes are judged by the target's conventions: Kazakh, Russian and French use
« » (and „ “ inside), so “ ” or " in the source may become « » in the translation;
what matters is that every opened quote is closed.  Brackets are counted as Translate
Toolkit's ``brackets`` test counts them.  All findings are warnings.
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.i18n import N_
from polyglot.model import Issue, MessageId, Severity, Span

# TRANSLATORS: %(source)s and %(target)s are final punctuation marks (".", "?", "…").
FINAL_DIFFERS = MessageId(
    "punctuation-final",
    N_("the source ends with “%(source)s”, the translation with “%(target)s”"),
)
FINAL_MISSING = MessageId(
    "punctuation-final-missing",
    N_("the source ends with “%(source)s”, the translation without final punctuation"),
)
FINAL_ADDED = MessageId(
    "punctuation-final-added",
    N_("the source has no final punctuation, the translation ends with “%(target)s”"),
)
# TRANSLATORS: %(brackets)s lists the brackets, e.g. ")" or "(, )".
BRACKETS_MISSING = MessageId(
    "punctuation-brackets-missing",
    N_("brackets of the source missing in the translation: %(brackets)s"),
)
BRACKETS_ADDED = MessageId(
    "punctuation-brackets-added",
    N_("brackets the source does not have: %(brackets)s"),
)
QUOTES = MessageId(
    "punctuation-quotes",
    N_("a quotation mark is opened and not closed, or the reverse"),
)

#: The final punctuation of a text, before closing quotes and brackets.
_FINAL = re.compile(r"([.!?…:;]*)[\s»\"”’'“)\]]*$")
BRACKETS = "[]{}()"
#: Final marks that stand for one another ("..." is "…").
_SAME = {"...": "…"}


def final_mark(text: str) -> str:
    """The sentence-final punctuation of ``text`` ("" when there is none)."""
    match = _FINAL.search(text.rstrip())
    mark = match.group(1) if match else ""
    return _SAME.get(mark, mark)


def bracket_differences(source: str, target: str) -> tuple[list[str], list[str]]:
    """The brackets the translation has fewer of than the source, and those it has more of.

    Translate Toolkit's ``brackets`` test counts the same way, but reports in English
    sentences ("Missing ')'"); the brackets themselves are what a translated message needs."""
    missing = [b for b in BRACKETS if target.count(b) < source.count(b)]
    added = [b for b in BRACKETS if target.count(b) > source.count(b)]
    return missing, added


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
    label: ClassVar[str] = N_("punctuation")
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        want, got = final_mark(source), final_mark(target)
        if want != got and not (want in ".…" and got in ".…" and want and got):
            end = len(target.rstrip())
            span = Span("target", max(0, end - 1), end)
            if want and got:
                issues.append(self.issue(FINAL_DIFFERS, span, source=want, target=got))
            elif want:
                issues.append(self.issue(FINAL_MISSING, span, source=want))
            else:
                issues.append(self.issue(FINAL_ADDED, span, target=got))
        missing, added = bracket_differences(source, target)
        if missing:
            issues.append(self.issue(BRACKETS_MISSING, brackets=", ".join(missing)))
        if added:
            issues.append(self.issue(BRACKETS_ADDED, brackets=", ".join(added)))
        if quotes_balanced(source) and not quotes_balanced(target):
            issues.append(self.issue(QUOTES))
        return issues
