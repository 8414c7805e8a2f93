"""The repetition check: words or pieces repeated in the translation that the source does
not repeat, as a decoder caught in a loop writes them ("salad salad salad", "ststststst").

Three or more copies in a row of a piece of two or more characters with a letter
in it, four or more of a single letter, or five or more of anything else (spaces
too; not digits: a number), is an error unless the
source has the same run; a word written twice in a row is a warning unless the
source doubles it too.  (Translate Toolkit's ``doublewords`` flags numbers such as
"1 000 000" and words the source doubles as well, so it is not used here.)
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.i18n import N_, Nn_
from polyglot.model import Issue, MessageId, Severity, Span

LOOP = MessageId(
    "repetition-loop",
    # TRANSLATORS: %(piece)s: the repeated text; %(count)d: its copies.
    *Nn_(
        "“%(piece)s” repeated %(count)d time: the engine looped",
        "“%(piece)s” repeated %(count)d times: the engine looped",
    ),
)
# TRANSLATORS: %(word)s: the word, as written.
DOUBLED = MessageId("repetition-doubled", N_("the word “%(word)s” is written twice"))

#: A piece (1 to 40 characters) followed by at least two more copies of itself.
_RUN = re.compile(r"(.{1,40}?)\1{2,}", re.DOTALL)
#: A word (letters only: "000 000" is a number) written twice in a row.
_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]{2,})\s+(?i:\1)(?!\w)")
#: Copies of a piece without letters (digits, punctuation, spaces) that make a loop.
MIN_PLAIN_COPIES = 5
#: Copies of a single letter that make a loop: three are written (СССР, XIII, "combatttre").
MIN_LETTER_COPIES = 4
#: Words a language writes twice in good grammar ("nous nous intéressons").
DOUBLED_ALLOWED = {"fr": {"nous", "vous"}}


def loops(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, piece)`` of each run of repeated copies in ``text`` that looks like a
    loop (see the module doc)."""
    found = []
    for match in _RUN.finditer(text):
        piece = match.group(1)
        copies = len(match.group()) // len(piece)
        if not any(char.isalpha() for char in piece):
            # digits are the numbers check's (1000000)
            loop = copies >= MIN_PLAIN_COPIES and not piece.isdigit()
        else:
            loop = len(piece) > 1 or copies >= MIN_LETTER_COPIES
        if loop:
            found.append((match.start(), match.end(), piece))
    return found


class RepetitionCheck(Check):
    """No loops the source does not have."""

    name: ClassVar[str] = "repetition"
    label: ClassVar[str] = N_("repetition")
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        folded = source.casefold()
        for start, end, piece in loops(target):
            if target[start:end].casefold() in folded:
                continue
            copies = (end - start) // len(piece)
            issues.append(
                self.issue(LOOP, Span("target", start, end), piece=piece.strip(), count=copies)
            )
        if issues:
            return issues
        doubled_in_source = {m.group(1).casefold() for m in _DOUBLED.finditer(source)}
        doubled_in_source |= DOUBLED_ALLOWED.get(self.context.pair.target, set())
        for match in _DOUBLED.finditer(target):
            word = match.group(1)
            if word.casefold() not in doubled_in_source:
                issues.append(
                    self.issue(
                        DOUBLED, Span("target", *match.span()), severity=Severity.WARNING, word=word
                    )
                )
        return issues
