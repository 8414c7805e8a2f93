"""What several checks read in a segment's text: words, verbatim items, terms to leave alone.

Plain functions over strings, no check of their own.  "Verbatim" items (URLs,
e-mail addresses, social-media handles, codes such as ``KADEX-2018``) must come
through a translation unchanged; :func:`masked` blanks them (and the glossary's
do-not-translate terms) out so that script and language checks do not count
them, keeping every other character where it was (spans stay valid).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polyglot.languages import letter_script

if TYPE_CHECKING:
    from polyglot.glossary.model import Glossary

#: http(s) and www. addresses; trailing sentence punctuation is not part of them.
URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>«»\"“”]*[^\s<>«»\"“”.,;:!?)\]'’]", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
#: @user and #hashtag, not the @ of an address.
HANDLE = re.compile(r"(?<![\w@.])[@#][A-Za-z_][A-Za-z0-9_]{1,}")
#: Codes: an upper-case word joined to digits (KADEX-2018, KazEOSat-1, A320, Z101), or an
#: all-capitals abbreviation (NATO, UN).
CODE = re.compile(
    r"\b[A-Za-z][A-Za-z0-9]*(?:-?[0-9]+)(?:-[A-Za-z0-9]+)*\b|\b[A-Z]{2,}(?:-[A-Z0-9]+)*\b"
)
#: A word: letters, with inner apostrophes or hyphens.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Item:
    """A verbatim item found in a text: its kind ("url", "email", "handle"), text and place."""

    kind: str
    text: str
    start: int
    end: int


def verbatim_items(text: str) -> list[Item]:
    """URLs, e-mail addresses and handles in ``text``, in order, not overlapping."""
    found: list[Item] = []
    lowered = text.lower()
    for kind, pattern, marks in (
        ("url", URL, ("http", "www.")),
        ("email", EMAIL, ("@",)),
        ("handle", HANDLE, ("@", "#")),
    ):
        if not any(mark in lowered for mark in marks):
            continue  # most text has none: skip the pattern
        for match in pattern.finditer(text):
            start, end = match.span()
            if all(end <= item.start or start >= item.end for item in found):
                found.append(Item(kind, match.group(), start, end))
    return sorted(found, key=lambda item: item.start)


def masked(text: str, keep: Iterable[str] = ()) -> str:
    """``text`` with verbatim items, codes and each of ``keep`` (terms that stay as they
    are, e.g. do-not-translate glossary terms) replaced by spaces, offsets unchanged."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    for item in verbatim_items(text):
        blank(item.start, item.end)
    for match in CODE.finditer(text):
        blank(*match.span())
    lowered = text.casefold()
    for term in keep:
        if not term:
            continue
        folded = term.casefold()
        at = lowered.find(folded)
        while at >= 0:
            blank(at, at + len(folded))
            at = lowered.find(folded, at + 1)
    return "".join(chars)


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text``."""
    return WORD.finditer(text)


_LETTER = re.compile(r"[^\W\d_]")


def script_counts(text: str) -> dict[str, int]:
    """Letters of ``text`` per script ("Latin", "Cyrillic", "Other")."""
    counts: dict[str, int] = {}
    for char, count in Counter(_LETTER.findall(text)).items():
        script = letter_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + count
    return counts


def kept_terms(glossary: Glossary | None, lang: str) -> list[str]:
    """Glossary terms written the same in ``lang`` as in the source (do-not-translate
    terms, and names the glossary keeps as they are): not a sign of an untranslated text."""
    if glossary is None:
        return []
    kept = []
    for entry in glossary:
        form = entry.target(lang)
        if entry.do_not_translate or (form is not None and form.casefold() == entry.en.casefold()):
            kept.append(entry.en)
    return kept
