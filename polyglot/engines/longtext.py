"""Segments longer than a model takes: split, translate the parts, join; never truncate.

CTranslate2 cuts every input at ``max_input_length`` tokens (1024 by default) and
models are trained on sentences: a 3,089-character sentence (1,702 tokens) came
back as 1,852 characters, with no error.  An engine asks :func:`split_text` for
pieces of at most ``limit`` tokens, translates each piece, and :func:`join_pieces`
puts the translations back together with the whitespace that separated the pieces.

Pieces end at the last clause boundary that fits (``. ! ? ; : ,`` and dashes,
followed by a space), else at the last space, else (a "word" longer than the
limit, such as a URL or a run of symbols) inside it.  The pieces concatenated
are exactly the text: nothing is lost before the model sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: The most tokens an engine gives its model at once unless the package says otherwise:
#: half of CTranslate2's ``max_input_length`` default (1024), because models are trained
#: on sentences, and room for the source prefix and end token.
DEFAULT_MAX_TOKENS = 500

#: Characters a token rarely exceeds on average: the first piece is looked for in the
#: first ``limit * 32`` characters, so a huge segment is not re-encoded whole per cut.
_MAX_CHARS_PER_TOKEN = 32

_CLAUSE_END = re.compile(r"(?<=[.!?;:,\u2014\u2013\u2026\u3002\uff0c])\s+|\s+(?=[\u2014\u2013-]\s)")
_SPACE = re.compile(r"\s+")


def split_text(text: str, limit: int, count_tokens: Callable[[str], int]) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` tokens (as ``count_tokens`` counts
    them), at clause boundaries first, then spaces, then anywhere; ``[text]`` when it
    fits.  ``"".join(pieces) == text`` always."""
    if limit < 1:
        raise ValueError("limit must be at least one token")
    if count_tokens(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    window = limit * _MAX_CHARS_PER_TOKEN
    while rest:
        head = rest[:window]
        if len(head) < len(rest) and count_tokens(head) > limit:
            cut = _cut(head, limit, count_tokens)  # the cut lies in the head: count less
        elif count_tokens(rest) <= limit:
            pieces.append(rest)
            break
        else:
            cut = _cut(rest, limit, count_tokens)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces


def _cut(text: str, limit: int, count_tokens: Callable[[str], int]) -> int:
    """Where the first piece of ``text`` ends: the last boundary whose piece fits."""
    for boundaries in (_CLAUSE_END, _SPACE):
        ends = [m.end() for m in boundaries.finditer(text) if text[: m.start()].strip()]
        fitting = _last_fitting(ends, text, limit, count_tokens)
        if fitting is not None:
            return fitting
    # no boundary fits: the longest prefix that does (at least one character)
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if count_tokens(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _last_fitting(
    ends: list[int], text: str, limit: int, count_tokens: Callable[[str], int]
) -> int | None:
    """The largest of the sorted ``ends`` whose prefix fits (binary search: token counts
    grow with the prefix)."""
    low, high, best = 0, len(ends) - 1, None
    while low <= high:
        middle = (low + high) // 2
        if count_tokens(text[: ends[middle]]) <= limit:
            best, low = ends[middle], middle + 1
        else:
            high = middle - 1
    return best


def strip_piece(piece: str) -> tuple[str, str, str]:
    """A piece as (leading whitespace, text to translate, trailing whitespace)."""
    core = piece.strip()
    if not core:
        return piece, "", ""
    start = piece.index(core)
    return piece[:start], core, piece[start + len(core) :]


def join_pieces(pieces: list[str], translations: list[str]) -> str:
    """The translations of ``pieces`` (each of its stripped text) put back together with
    the whitespace around each piece."""
    parts = []
    for piece, translated in zip(pieces, translations, strict=True):
        before, core, after = strip_piece(piece)
        parts.append(before + (translated if core else "") + after)
    return "".join(parts).strip()
