"""``omission``: the translation is far shorter or far longer than translations in this
pair usually are, or it stops before the source's end.

Length is counted in characters other than whitespace.  The ratio target/source of a
correct translation varies with the pair; :data:`RATIOS` gives, per pair, the range
outside which a translation is flagged, calibrated on human translations (the
Parallel Universal Dependencies sentences, development half; see
``benchmarks/qa_checks.py --calibrate`` and the README): the low bound is below the
0.5th percentile of correct translations, the high bound above the 99.5th.  Short
sources vary too much to judge (a 15-character headline may become 40), so only
sources of :data:`MIN_CHARS` characters or more are judged by length.
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.model import Issue, Severity, Span

NAME = "omission"

#: (source, target) -> (lowest, highest) acceptable length ratio.  en-ru and en-fr are
#: measured (README, "QA checks"); en-kk has no parallel data here and takes en-ru's
#: (Kazakh text in Cyrillic runs about as long as Russian: the seed article's Kazakh
#: and Russian versions differ by 4 %).
RATIOS: dict[tuple[str, str], tuple[float, float]] = {
    ("en", "ru"): (0.6, 1.9),
    ("en", "fr"): (0.65, 1.95),
    ("en", "kk"): (0.6, 1.9),
}
#: For pairs not measured: wide enough for any pair of European languages.
DEFAULT_RATIO = (0.5, 2.0)
#: Sources shorter than this (non-space characters) are not judged by length.
MIN_CHARS = 40

_FINAL = re.compile(r"[.!?…](?:[\s\"'”’»“)\]]*)\Z")
_ENDS = re.compile(r"[.!?…:;](?:[\s\"'”’»“)\]]*)\Z")


def length(text: str) -> int:
    """Characters other than whitespace."""
    return sum(1 for c in text if not c.isspace())


class OmissionCheck(Check):
    """Nothing may be left out (or made up) wholesale."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        whole = Span("target", 0, len(target))
        if _FINAL.search(source) and target.strip() and not _ENDS.search(target):
            return [
                self.issue("stops before the end: the source's final punctuation is missing", whole)
            ]
        src, tgt = length(source), length(target)
        if src < MIN_CHARS:
            return []
        pair = self.context.pair
        low, high = RATIOS.get((pair.source, pair.target), DEFAULT_RATIO)
        ratio = tgt / src
        if ratio < low:
            return [
                self.issue(
                    f"far shorter than the source ({ratio:.2f} of its length; usual: {low}-{high})",
                    whole,
                )
            ]
        if ratio > high:
            return [
                self.issue(
                    f"far longer than the source ({ratio:.2f} times; usual: {low}-{high})",
                    whole,
                    severity=Severity.WARNING,
                )
            ]
        return []
