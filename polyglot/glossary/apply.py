"""The glossary in a translate run: which file to load, and term counts for the report.

Enforcement is :mod:`polyglot.glossary.enforce`, applied to units of segments by
:class:`polyglot.translators.glossary.GlossaryTranslator`; checking text polyglot
did not make is :class:`polyglot.checks.glossary.GlossaryCheck`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from polyglot.errors import InputError
from polyglot.glossary.csvfile import read_glossary
from polyglot.glossary.model import Glossary
from polyglot.model import Segment, TermStatus

#: The glossary a run uses when none is named: this file in the current folder.
DEFAULT_GLOSSARY = Path("glossary.csv")


def load_glossary(path: Path | None, use: bool = True) -> Glossary | None:
    """The glossary to use: ``path``, else ``glossary.csv`` here if it exists; None when
    ``use`` is False or there is none."""
    if not use:
        return None
    if path is None:
        if not DEFAULT_GLOSSARY.is_file():
            return None
        path = DEFAULT_GLOSSARY
    shown = str(path)
    try:
        with open(path, "rb") as fp:
            return read_glossary(fp, shown)
    except FileNotFoundError:
        raise InputError(
            "no such glossary", "check the path, or use --no-glossary", path=shown
        ) from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a glossary file", path=shown) from None
    except PermissionError:
        raise InputError("permission denied", "check the file's permissions", path=shown) from None


def count_terms(segments: Sequence[Segment], lang: str) -> dict[str, int]:
    """Term statuses in ``lang`` over all segments: {"found": n, ...}, every status listed."""
    counts = Counter(
        str(check.status)
        for seg in segments
        if lang in seg.translations
        for check in seg.translations[lang].terms
    )
    return {str(status): counts.get(str(status), 0) for status in TermStatus}


def format_compliance(terms: dict[str, int], from_glossary: int = 0) -> str:
    """One line for the CLI summary: "glossary: 33 terms: 5 found, 28 fixed, 0 missing"."""
    total = sum(terms.values())
    shown = ", ".join(f"{count} {status}" for status, count in terms.items())
    line = f"glossary: {total} terms: {shown}" if total else "glossary: no terms in this article"
    if from_glossary:
        line += f"; {from_glossary} segment(s) rendered from the glossary alone"
    return line
