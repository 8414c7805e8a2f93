"""The glossary in a translate run: which file to load, and term counts for the report.

Enforcement is :mod:`polyglot.glossary.enforce`, applied to units of segments by
:class:`polyglot.translators.glossary.GlossaryTranslator`; checking text polyglot
did not make is :class:`polyglot.checks.glossary.GlossaryCheck`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from polyglot.errors import InputError
from polyglot.glossary.csvfile import read_glossary
from polyglot.glossary.match import Matcher
from polyglot.glossary.model import Glossary
from polyglot.i18n import N_
from polyglot.model import (
    Document,
    Issue,
    MessageId,
    Origin,
    Segment,
    SegmentKind,
    Severity,
    Span,
    TermStatus,
)

DATELINE_MT = MessageId(
    "glossary-dateline",
    # TRANSLATORS: %(lang)s: a language code ("kk"); %(words)s: the
    # dateline's words the glossary has no row for ('ALMATY').
    N_("the dateline was machine-translated: the glossary has no %(lang)s form for %(words)s"),
)

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


#: Said once (stderr and report.json) when a run finds no glossary to use.
NO_GLOSSARY_WARNING = (
    f"no glossary: there is no {DEFAULT_GLOSSARY} in the current folder, so no name is "
    "enforced and the dateline is machine-translated; name one with --glossary FILE, "
    "or say --no-glossary"
)

_WORD = re.compile(r"\w[\w'’-]*")


def check_datelines(doc: Document, targets: Sequence[str], glossary: Glossary) -> list[str]:
    """Flag each dateline the glossary could not render whole (``ALMATY. KAZINFORM``
    with no row for ``ALMATY``): an :class:`Issue` on each machine translation of it,
    and one warning for the run naming the missing rows and how to add them."""
    warnings = []
    for seg in doc.segments():
        if seg.kind is not SegmentKind.DATELINE:
            continue
        missing: dict[str, list[str]] = {}  # word -> languages without a form for it
        for lang in targets:
            tr = seg.translations.get(lang)
            if tr is None or tr.origin in (Origin.GLOSSARY, Origin.HUMAN):
                continue
            words = _uncovered(seg.source, glossary, lang)
            if not words:
                continue
            tr.issues.append(
                Issue.of(
                    "glossary",
                    Severity.WARNING,
                    DATELINE_MT,
                    [Span("source", w.start(), w.end()) for w in words],
                    lang=lang,
                    words=", ".join(repr(w.group()) for w in words),
                )
            )
            for word in words:
                missing.setdefault(word.group(), []).append(lang)
        if missing:
            first, langs = next(iter(missing.items()))
            entry = glossary.find(first)
            add = (
                f"polyglot glossary add {first} --replace"
                if entry is not None
                else f"polyglot glossary add {first} --case-sensitive --type place"
            )
            add += "".join(f" --form {lang}=…" for lang in langs)
            shown = "; ".join(f"{word!r} ({', '.join(ls)})" for word, ls in missing.items())
            warnings.append(
                f"the dateline {seg.source!r} was machine-translated, half in the glossary's "
                f"forms: the glossary has no row (or no form) for {shown}; add it, e.g. {add}"
            )
    return warnings


def _uncovered(text: str, glossary: Glossary, lang: str) -> list[re.Match[str]]:
    """The words of ``text`` that no glossary term with a ``lang`` form covers."""
    matches = Matcher(glossary.for_lang(lang)).find(text, lang)
    return [
        word
        for word in _WORD.finditer(text)
        if not any(m.start <= word.start() and word.end() <= m.end for m in matches)
    ]
