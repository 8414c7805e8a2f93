"""Finding glossary terms in source text.

Rules: a term matches only as whole words, where a hyphen joined to a letter or
digit counts as part of the word (``KazEOSat-1`` is not found in
``KazEOSat-12``, ``Astana`` not in ``Astana-based``); spaces in a term match any
run of whitespace; an entry matches case-insensitively unless it is marked
case-sensitive; English possessives (``Kazakhstan's``, ``Francis'``) and plain
plurals (``KazEOSats``) match and are reported.  Where matches overlap, the
longest wins, then the leftmost, then the one whose case is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from polyglot.glossary.model import Entry, Glossary


class Suffix(StrEnum):
    """What followed the term in the source."""

    NONE = ""
    POSSESSIVE = "possessive"  # Kazakhstan's, Francis'
    PLURAL = "plural"  # KazEOSats


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of an entry in a source text."""

    entry: Entry
    start: int  # the term itself: text[start:end]
    end: int
    text: str
    suffix: Suffix = Suffix.NONE
    suffix_end: int = -1  # end of term + suffix; -1: same as end

    @property
    def all_caps(self) -> bool:
        """The source writes the term in capitals while the entry does not (datelines)."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and self.text.isupper() and not self.entry.en.isupper()

    def expected(self, lang: str) -> str | None:
        """The form the translation must contain (capitals where the source has them)."""
        form = self.entry.target(lang)
        if form is not None and self.all_caps:
            return form.upper()
        return form


_POSSESSIVE = r"(?:['’]s|s['’]|(?<=s)['’])"


def _pattern(entry: Entry) -> re.Pattern[str]:
    words = [re.escape(word) for word in entry.en.split()]
    core = r"\s+".join(words)
    plural = "s" if entry.en[-1:].islower() else ""
    tail = f"(?P<pos>{_POSSESSIVE})?" + (f"(?P<pl>{plural})?" if plural else "")
    flags = 0 if entry.case_sensitive else re.IGNORECASE
    # left: not after a letter/digit, nor after a hyphen that follows one
    return re.compile(rf"(?<![\w])(?<![\w]-)(?P<core>{core}){tail}(?![\w])(?!-\w)", flags)


class Matcher:
    """Compiled patterns of a glossary, for repeated matching."""

    def __init__(self, glossary: Glossary | list[Entry]) -> None:
        entries = glossary.entries if isinstance(glossary, Glossary) else glossary
        self.patterns = [(entry, _pattern(entry)) for entry in entries if entry.en.strip()]

    def find(self, text: str, lang: str | None = None) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, in text order (only entries that have a
        form in ``lang`` when it is given)."""
        candidates: list[TermMatch] = []
        for entry, pattern in self.patterns:
            if lang is not None and entry.target(lang) is None:
                continue
            for m in pattern.finditer(text):
                suffix = Suffix.NONE
                if m.group("pos"):
                    suffix = Suffix.POSSESSIVE
                elif m.groupdict().get("pl"):
                    suffix = Suffix.PLURAL
                candidates.append(
                    TermMatch(
                        entry, m.start("core"), m.end("core"), m.group("core"), suffix, m.end()
                    )
                )
        candidates.sort(
            key=lambda c: (
                -(c.end - c.start),
                c.start,
                c.text != c.entry.en,
                not c.entry.case_sensitive,
            )
        )
        chosen: list[TermMatch] = []
        for cand in candidates:
            end = cand.suffix_end if cand.suffix_end >= 0 else cand.end
            if all(end <= c.start or cand.start >= max(c.end, c.suffix_end) for c in chosen):
                chosen.append(cand)
        return sorted(chosen, key=lambda c: c.start)


def find_terms(text: str, glossary: Glossary, lang: str | None = None) -> list[TermMatch]:
    """The glossary's terms in ``text`` (see :class:`Matcher`)."""
    return Matcher(glossary).find(text, lang)
