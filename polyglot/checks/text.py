"""What several checks need to know about a segment's text: words, scripts, and the
stretches that stay verbatim in every language (URLs, e-mail addresses, handles,
codes such as KADEX-2018, glossary do-not-translate terms).

URLs and e-mail addresses are found with Translate Toolkit's own patterns
(``translate.filters.decoration``), the ones its ``urls``/``emails`` checks use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

from polyglot.languages import babel_locale

#: A word: letters (with inner apostrophes or hyphens), as users count words.
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
#: A social-media handle (@kazinform) or hashtag (#KADEX2018).
HANDLE = re.compile(r"(?<![\w@#])[@#][^\W_][\w.]*[^\W_]|(?<![\w@#])[@#][^\W_]")
#: A code: a word with digits in it or joined to digits by a hyphen (KADEX-2018, A320neo,
#: COVID-19, KazEOSat-1), or an acronym in capitals (NATO, UN).
CODE = re.compile(r"\b(?=[\w\-]*\d)[^\W_][\w]*(?:-[\w]+)*\b|\b[A-Z]{2,}\b")


@functools.cache
def script_of(lang: str) -> str:
    """The script ``lang`` is written in by default, from CLDR's likely subtags
    (``kk`` → ``Cyrl``, ``fr`` → ``Latn``)."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    tag = likely.get(lang) or likely.get(str(babel_locale(lang))) or ""
    parts = tag.split("_")
    return parts[1] if len(parts) > 1 else "Latn"


_SCRIPT_NAMES = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARABIC": "Arab"}


def letter_script(char: str) -> str | None:
    """``Latn``, ``Cyrl``, ... for a letter (from its Unicode name); None for a non-letter."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return _SCRIPT_NAMES.get(first, first.title() or None)


def urls(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (Translate Toolkit's patterns), and handles."""
    from translate.filters import decoration

    found: list[tuple[int, int]] = []
    for item in [*decoration.geturls(text), *decoration.getemails(text)]:
        item = item.rstrip(".,;:)")  # a sentence's stop after a URL is not part of it
        for match in re.finditer(re.escape(item), text):
            found.append(match.span())
    found.extend(m.span() for m in HANDLE.finditer(text))
    return _merge(found)


def verbatim_spans(text: str, keep: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Stretches of ``text`` that any language keeps as they are: URLs, e-mail addresses,
    handles, codes, and each string of ``keep`` (glossary do-not-translate terms)."""
    spans = urls(text)
    spans.extend(m.span() for m in CODE.finditer(text))
    for term in keep:
        if term:
            spans.extend(m.span() for m in re.finditer(re.escape(term), text, re.IGNORECASE))
    return _merge(spans)


def blank_out(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces (offsets are kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text``."""
    return WORD.finditer(text)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
