"""Sentence segmentation.

The public API works on spans so that nothing is lost: every function returns
``(start, end)`` character offsets into the text it was given, trimmed of
surrounding whitespace.  Joining the spans with the text between them rebuilds
the input exactly.

Rules are data (:mod:`polyglot.segment.langs`), run by a linear-time engine
(:mod:`polyglot.segment.engine`) and exported as SRX 2.0
(:mod:`polyglot.segment.srx`) so that CAT tools segment the same way.
"""

from __future__ import annotations

from functools import cache

from polyglot.segment.datelines import find_dateline
from polyglot.segment.engine import Segmenter
from polyglot.segment.langs import LANGUAGES, rules_for
from polyglot.segment.rules import LanguageRules

Span = tuple[int, int]

__all__ = [
    "LANGUAGES",
    "LanguageRules",
    "Segmenter",
    "Span",
    "find_dateline",
    "rules_for",
    "segmenter_for",
    "split_sentences",
]


@cache
def segmenter_for(lang: str = "en") -> Segmenter:
    """The (cached) segmenter for a language code; unknown languages get structural rules."""
    return Segmenter(rules_for(lang))


def split_sentences(text: str, lang: str = "en") -> list[Span]:
    """Split ``text`` into sentence spans (whitespace between them excluded).

    A wire-service dateline at the start of ``text`` is a span of its own.
    """
    return segmenter_for(lang).split(text)
