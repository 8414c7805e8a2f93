"""``repetition``: words or stretches the translation repeats and the source does not
(decoder loops: "salad salad salad", "Kazakhstanstanstan").

A word or group of up to four words said twice in a row (only spaces between them) is
a warning, except a single letter and the words the language doubles correctly
(French reflexives: "vous vous disputez"; Translate Toolkit's ``validdoublewords`` has
none for kk, ru, fr); anything
with a letter in it repeated three times in a row or more (a single letter: four
times, "Theeee"), and a punctuation mark three times or more (",,,", "....", but not
the ellipsis "..."), is an error.  Repeats the source has too are fine.
"""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.checks.text import words
from polyglot.model import Issue, Severity, Span

NAME = "repetition"

#: The longest group of words whose doubling is looked for.
MAX_GROUP = 4
#: Words a language correctly says twice in a row.
VALID_DOUBLES: dict[str, frozenset[str]] = {"fr": frozenset({"nous", "vous"})}
_LOOP = re.compile(r"(.+?)\1{2,}", re.DOTALL)
#: A single letter repeated this many times in a row ("Theeee") is a loop too.
LETTER_RUN = 4


class RepetitionCheck(Check):
    """Nothing may be said over and over."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self._valid = VALID_DOUBLES.get(context.pair.target, frozenset())

    def check(self, source: str, target: str) -> list[Issue]:
        issues = []
        source_folded = source.casefold()
        taken: list[tuple[int, int]] = []
        for match in _LOOP.finditer(target):
            unit = match.group(1)
            count = len(match.group()) // len(unit)
            if (unit * count).casefold() in source_folded:
                continue
            if any(c.isalpha() for c in unit):
                if len(unit) == 1 and count < LETTER_RUN:
                    continue
            elif not _punctuation_run(unit, count):
                continue
            taken.append(match.span())
            issues.append(
                self.issue(
                    f"repeated {count} times: {unit.strip()!r}", Span("target", *match.span())
                )
            )
        found = list(words(target))
        folded = [w.group().casefold() for w in found]
        source_words = [w.group().casefold() for w in words(source)]
        i = 0
        while i < len(found):
            for size in range(1, MAX_GROUP + 1):
                group = folded[i : i + size]
                count = 1
                while folded[i + count * size : i + (count + 1) * size] == group and _adjacent(
                    target, found, i, i + (count + 1) * size
                ):
                    count += 1
                if len(group) < size or count < 2 or _has(source_words, group * count):
                    continue
                if count == 2 and (size == 1 and (group[0] in self._valid or len(group[0]) < 2)):
                    continue
                last = i + count * size - 1
                start, end = found[i].start(), found[last].end()
                if any(start < e and end > s for s, e in taken):
                    continue
                taken.append((start, end))
                shown = " ".join(w.group() for w in found[i : i + size])
                issues.append(
                    self.issue(
                        f"repeated {count} times: {shown!r}"
                        if count > 2
                        else f"repeated: {shown!r}",
                        Span("target", start, end),
                        severity=Severity.ERROR if count > 2 else Severity.WARNING,
                    )
                )
                i = last
                break
            i += 1
        return issues


def _punctuation_run(unit: str, count: int) -> bool:
    """A punctuation mark said three times or more (commas, quotes), but an ellipsis."""
    return (
        len(unit) == 1
        and unicodedata.category(unit).startswith("P")
        and not (unit == "." and count == 3)
    )


def _adjacent(text: str, found: list[re.Match[str]], first: int, stop: int) -> bool:
    """Whether words ``first:stop`` follow each other with only spaces between them."""
    return all(
        not text[found[k].end() : found[k + 1].start()].strip() for k in range(first, stop - 1)
    )


def _has(sequence: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(sequence[i : i + n] == part for i in range(len(sequence) - n + 1))
