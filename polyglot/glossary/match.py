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


_RUN = re.compile(r"\w+")
# ``re.IGNORECASE`` compares characters by their simple lowercase (and a few extra
# equivalences such as ſ/s, ı/i, ς/σ); the index folds words the same way.  U+0130 is
# the one letter whose ``str.lower`` is two characters where the simple lowercase is i.
_BEFORE_LOWER = {0x130: "i"}
_AFTER_LOWER: dict[int, str] = {}
try:
    from re import _casefix  # type: ignore[attr-defined]

    for _code, _others in _casefix._EXTRA_CASES.items():
        _canonical = chr(min(_code, *_others))
        for _member in (_code, *_others):
            if chr(_member) != _canonical:
                _AFTER_LOWER[_member] = _canonical
except (ImportError, AttributeError):  # pragma: no cover - other Pythons: a few misses
    pass


def _fold(word: str) -> str:
    """A word as the index keys it: equal for any two that IGNORECASE matches."""
    return word.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


class Matcher:
    """A glossary indexed for repeated matching.

    Entries are keyed by the first run of word characters of their term (folded), so
    a text is only tried against the entries whose first word it contains: matching
    costs about the same with 20 terms or 20,000.  Patterns are compiled on first use.
    """

    def __init__(self, glossary: Glossary | list[Entry]) -> None:
        entries = glossary.entries if isinstance(glossary, Glossary) else glossary
        self.entries = [entry for entry in entries if entry.en.strip()]
        self._patterns: dict[int, re.Pattern[str]] = {}
        self._by_word: dict[str, list[int]] = {}
        self._unkeyed: list[int] = []  # terms without a word character: tried everywhere
        for index, entry in enumerate(self.entries):
            first = _RUN.search(entry.en)
            if first is None:
                self._unkeyed.append(index)
            else:
                self._by_word.setdefault(_fold(first.group()), []).append(index)

    def _candidates(self, text: str) -> list[int]:
        """Indexes of the entries that may occur in ``text``, in glossary order.

        A match's first word-run is the term's first word-run, or (a one-word term
        in the plural) that run plus ``s``."""
        found = set(self._unkeyed)
        for word in {_fold(w) for w in _RUN.findall(text)}:
            found.update(self._by_word.get(word, ()))
            if word[-1:] == "s":
                found.update(self._by_word.get(word[:-1], ()))
        return sorted(found)

    def _pattern(self, index: int) -> re.Pattern[str]:
        pattern = self._patterns.get(index)
        if pattern is None:
            pattern = self._patterns[index] = _pattern(self.entries[index])
        return pattern

    def find(self, text: str, lang: str | None = None) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, in text order (only entries that have a
        form in ``lang`` when it is given)."""
        candidates: list[TermMatch] = []
        for index in self._candidates(text):
            entry = self.entries[index]
            if lang is not None and entry.target(lang) is None:
                continue
            for m in self._pattern(index).finditer(text):
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
