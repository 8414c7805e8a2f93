"""Sentence segmentation.

The public API works on spans so that nothing is lost: every function returns
``(start, end)`` character offsets into the text it was given, trimmed of
surrounding whitespace.  Joining the spans with the text between them rebuilds
the input exactly.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

# A first rule set, good enough for wire copy; see the segmenter issue.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_DATELINE = re.compile(
    r"""\A(?P<dateline>
        [A-Z][A-Z'\-]+(?:\s[A-Z][A-Z'\-]+)*    # city: ASTANA, NUR-SULTAN, NEW YORK
        \.\s
        [A-Z][A-Z\-]+(?:\s[A-Z][A-Z\-]+)*      # agency: KAZINFORM
    )(?=\s)""",
    re.VERBOSE,
)


def find_dateline(text: str) -> Span | None:
    """The span of a wire-service dateline at the start of ``text``, if any."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    return match.start("dateline"), match.end("dateline")


def split_sentences(text: str, lang: str = "en") -> list[Span]:
    """Split ``text`` into sentence spans (whitespace between them excluded)."""
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end <= start or not _is_boundary(text, start, match.start(), end):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_boundary(text: str, start: int, punct: int, end: int) -> bool:
    if text[punct] == ".":
        word = text[start:punct].rsplit(None, 1)[-1] if text[start:punct].strip() else ""
        if word.lower().strip("(\"'") in _ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
            return False
    following = text[end:].lstrip()
    return not following or not following[0].islower()
