"""Text cleaning: the one definition of the characters no text of polyglot's may hold.

Articles are read, glossary cells linted, TMX props and notes and HTML output
written through these patterns, so that what one stage lets through the next
never refuses.  Translations are cleaned where they enter a run
(:func:`clean_translation`: the engine's output, the memory's text), each with a
warning on its segment, so that no output (HTML, XML, plain text, the memory)
receives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from polyglot.i18n import Nn_
from polyglot.model import Issue, MessageId, Origin, Severity, Translation

#: C0 controls but tab, LF and CR; DEL and the C1 controls; lone surrogates; U+FFFE and
#: U+FFFF.  XML 1.0 forbids or discourages them, HTML takes them for parse errors, a
#: spreadsheet hides them, and no article, term or translation means them.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The part of :data:`CONTROL_CHARS` that XML 1.0 allows but discourages (DEL, C1 controls).
DISCOURAGED_CHARS = re.compile("[\x7f-\x9f]")
#: The name of the finding on a translation whose control characters were removed.
CONTROLS_ISSUE = "control-characters"

#: The finding per origin of the translation (where the characters came from).
_REMOVED = {
    Origin.MT: MessageId(
        "control-characters-mt",
        # TRANSLATORS: %(codes)s: the characters' code points (U+0007).
        *Nn_(
            "removed %(count)d control character (%(codes)s) from the engine's output; "
            "check the text around it",
            "removed %(count)d control characters (%(codes)s) from the engine's output; "
            "check the text around them",
        ),
    ),
    Origin.TM: MessageId(
        "control-characters-tm",
        # TRANSLATORS: %(codes)s: the characters' code points (U+0007).
        *Nn_(
            "removed %(count)d control character (%(codes)s) from the translation memory's "
            "machine translation; check the text around it",
            "removed %(count)d control characters (%(codes)s) from the translation memory's "
            "machine translation; check the text around them",
        ),
    ),
    Origin.HUMAN: MessageId(
        "control-characters-human",
        # TRANSLATORS: %(codes)s: the characters' code points (U+0007).
        *Nn_(
            "removed %(count)d control character (%(codes)s) from the translation memory's "
            "human translation; check the text around it",
            "removed %(count)d control characters (%(codes)s) from the translation memory's "
            "human translation; check the text around them",
        ),
    ),
    Origin.PSEUDO: MessageId(
        "control-characters-pseudo",
        # TRANSLATORS: %(codes)s: the characters' code points (U+0007).
        *Nn_(
            "removed %(count)d control character (%(codes)s) from the pseudo-translation; "
            "check the text around it",
            "removed %(count)d control characters (%(codes)s) from the pseudo-translation; "
            "check the text around them",
        ),
    ),
    Origin.GLOSSARY: MessageId(
        "control-characters-glossary",
        # TRANSLATORS: %(codes)s: the characters' code points (U+0007).
        *Nn_(
            "removed %(count)d control character (%(codes)s) from the glossary's text; "
            "check the text around it",
            "removed %(count)d control characters (%(codes)s) from the glossary's text; "
            "check the text around them",
        ),
    ),
}


def find_controls(text: str) -> list[str]:
    """Each control character in ``text``, in order (empty for clean text)."""
    return CONTROL_CHARS.findall(text)


def strip_controls(text: str) -> str:
    """``text`` without its control characters (tab and newlines are kept)."""
    return CONTROL_CHARS.sub("", text)


def remove_controls(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without its control characters, and those removed, in order (for saying so)."""
    removed = CONTROL_CHARS.findall(text)
    return (CONTROL_CHARS.sub("", text), tuple(removed)) if removed else (text, ())


def render_codes(chars: Iterable[str]) -> str:
    """``"U+0007, U+0085"``: the distinct characters as code points, sorted."""
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in chars}))


def clean_translation(tr: Translation) -> Translation:
    """``tr`` without control characters, with a warning :class:`Issue` on it saying which
    were removed and where they came from; ``tr`` itself when it has none."""
    text, removed = remove_controls(tr.text)
    if not removed:
        return tr
    issue = Issue.of(
        CONTROLS_ISSUE,
        Severity.WARNING,
        _REMOVED[tr.origin],
        count=len(removed),
        codes=render_codes(removed),
    )
    return replace(tr, text=text, issues=[*tr.issues, issue])
