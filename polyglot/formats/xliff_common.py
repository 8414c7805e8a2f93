"""What the XLIFF 1.2 and 2.0 modules share: the write report, note texts, serialising one
element at a time, and the records units are read into (cleaning and indentation are
TMX's: :func:`polyglot.formats.tmx.clean`, :func:`polyglot.formats.tmx.indent`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from polyglot.formats.tmx import RemovedChars, TranslationUnit, Variant
from polyglot.model import Origin, Severity, Translation

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PSEUDO_NOTE = "pseudo-localisation: NOT a translation; do not use as a translation"


@dataclass
class XliffWriteReport:
    """What :func:`write_xliff` wrote and changed."""

    units: int = 0
    removed: list[RemovedChars] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """Everything the user should hear about, one sentence each."""
        return [str(item) for item in self.removed]


_DECLARATIONS = re.compile(rb'\A(<[^\s>]+)((?:\s+xmlns(?::\w+)?="[^"]*")+)')


def without_declarations(fragment: bytes) -> bytes:
    """A serialised element without the namespace declarations on its start tag,
    which the root of the file already makes."""
    return _DECLARATIONS.sub(rb"\1", fragment, count=1)


def render_notes(tr: Translation) -> list[tuple[str, str, int]]:
    """The notes on a translation, as (text, what it annotates, priority 1-10): the
    pseudo-translation warning, glossary results, QA findings, the translation's notes."""
    notes = []
    if tr.origin is Origin.PSEUDO:
        notes.append((PSEUDO_NOTE, "target", 1))
    for term in tr.terms:
        priority = 1 if term.status == "missing" else 8
        found = f" (as {term.found!r})" if term.found and term.found != term.expected else ""
        notes.append(
            (f"glossary {term.status}: {term.source} = {term.expected}{found}", "target", priority)
        )
    for issue in tr.issues:
        message = f"{issue.check} {issue.severity}: {issue.message}"
        notes.append((message, "target", _PRIORITY[issue.severity]))
    notes.extend((text, "target", 5) for text in tr.notes)
    return notes


_PRIORITY = {Severity.ERROR: 1, Severity.WARNING: 3}


def add_variant(unit: TranslationUnit, variant: Variant) -> None:
    unit.variants[variant.lang] = variant.text
    unit.tags[variant.lang] = variant.tag
    unit.details[variant.lang] = variant
