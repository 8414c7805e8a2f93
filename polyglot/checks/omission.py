"""The omission check: a translation far shorter or longer than the pair's usual length,
or one that stops before the end of its source.

Length is counted in characters other than spaces.  The usual target/source ratio
of each pair (:data:`EXPECTED_RATIO`) and the bounds around it are documented in
the README ("QA checks"): the bounds are wide on purpose, as sentence ratios vary
far more than the ratio of whole texts; short segments (under :data:`MIN_CHARS`)
are not judged.
"""

from __future__ import annotations

import re
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.i18n import N_
from polyglot.model import Issue, MessageId, Severity, Span

# TRANSLATORS: %(ratio)d: a percentage of the usual length (%% is "%").
SHORTER = MessageId("omission-short", N_("the translation is far shorter than usual (%(ratio)d%%)"))
LONGER = MessageId("omission-long", N_("the translation is far longer than usual (%(ratio)d%%)"))
STOPS = MessageId(
    "omission-stops",
    N_(
        "the translation stops before the end of the source "
        "(no final punctuation, %(ratio)d%% of the usual length)"
    ),
)

#: Usual characters of translation per character of source (spaces left out), per pair:
#: Russian, Kazakh and French news run longer than English.  Other pairs: 1.
EXPECTED_RATIO = {("en", "kk"): 1.1, ("en", "ru"): 1.1, ("en", "fr"): 1.2}
#: Below this share of the usual length a translation has lost something.
SHORT = 0.5
#: Above this multiple of the usual length it has gained something (a loop, a hallucination).
LONG = 2.2
#: A translation without final punctuation whose source has it stops early when it is
#: also shorter than this share of the usual length.
STOPPED = 0.9
#: Source characters (spaces left out) below which lengths are not compared.
MIN_CHARS = 20

#: Ends with a sentence's final punctuation, perhaps followed by closing quotes or brackets.
FINAL = re.compile(r"[.!?…;:](?:[\s»\"”’')\]]*)$")


def _length(text: str) -> int:
    return len("".join(text.split()))


class OmissionCheck(Check):
    """A translation must be about as long as its source, and reach its end."""

    name: ClassVar[str] = "omission"
    label: ClassVar[str] = N_("omission")
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, source: str, target: str) -> list[Issue]:
        length = _length(source)
        if length < MIN_CHARS:
            return []
        pair = self.context.pair
        expected = EXPECTED_RATIO.get((pair.source, pair.target), 1.0)
        ratio = _length(target) / length / expected
        whole = Span("target", 0, len(target))
        percent = round(ratio * 100)
        if ratio < SHORT:
            return [self.issue(SHORTER, whole, ratio=percent)]
        if ratio > LONG:
            return [self.issue(LONGER, whole, ratio=percent)]
        if FINAL.search(source.rstrip()) and not FINAL.search(target.rstrip()) and ratio < STOPPED:
            return [self.issue(STOPS, whole, ratio=percent)]
        return []
