"""The glossary as data: entries and their target forms; no file syntax, no I/O."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

#: Kinds of entry a translator can give in the ``type`` column.
ENTRY_TYPES = ("person", "organisation", "place", "product", "event", "title", "other")


@dataclass
class Entry:
    """One source term and its forms in each target language."""

    en: str
    targets: dict[str, str] = field(default_factory=dict)  # lang -> form ("" = none given)
    type: str = "other"
    note: str = ""
    case_sensitive: bool = False
    #: Keep the source form in every language (product names, codes).
    do_not_translate: bool = False
    line: int | None = None  # where it was read from, for messages

    def target(self, lang: str) -> str | None:
        """The required form in ``lang``; None when the glossary gives none."""
        if self.do_not_translate:
            return self.targets.get(lang) or self.en
        return self.targets.get(lang) or None


@dataclass
class Glossary:
    """Entries in file order, plus the languages the file has columns for."""

    entries: list[Entry] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    path: str | None = None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, en: str) -> Entry | None:
        """The entry whose source term is ``en`` (exact, then case-insensitive)."""
        for entry in self.entries:
            if entry.en == en:
                return entry
        folded = en.casefold()
        for entry in self.entries:
            if entry.en.casefold() == folded and not entry.case_sensitive:
                return entry
        return None

    def for_lang(self, lang: str) -> list[Entry]:
        """Entries that have a form in ``lang``."""
        return [e for e in self.entries if e.target(lang)]
