"""``untranslated``: the translation is the source, or mostly the source's words, or
written in another script than the target language's (Latin letters in Kazakh or
Russian).

What any language keeps verbatim does not count: URLs, e-mail addresses, handles,
codes such as KADEX-2018, acronyms (words in capitals: a dateline such as ``ASTANA.
KAZINFORM`` is not judged), and the glossary's do-not-translate terms.  The
target's script comes from CLDR's likely subtags (``kk`` → Cyrillic).  Words written
with a capital inside the source sentence are names, which translations into
languages of the same script keep; they do not count as untranslated words either.
"""

from __future__ import annotations

from typing import ClassVar

from polyglot.checks.base import Check, CheckContext
from polyglot.checks.text import blank_out, letter_script, script_of, verbatim_spans, words
from polyglot.model import Issue, Severity, Span
from polyglot.tm.normalise import normalise_source

NAME = "untranslated"

#: A translation with at least this many words, this share of which are the source's
#: own words (names and verbatim stretches aside), is left untranslated.
MIN_WORDS = 4
SHARED_WORDS = 0.6
#: Letters of another script than the target's, as a share of all its letters.
FOREIGN_LETTERS = 0.5


class UntranslatedCheck(Check):
    """The translation must be a translation."""

    name: ClassVar[str] = NAME
    judges_translation: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self._script = script_of(context.pair.target)
        glossary = context.glossary
        self._keep = [e.en for e in glossary.entries if e.do_not_translate] if glossary else []

    def check(self, source: str, target: str) -> list[Issue]:
        whole = (Span("target", 0, len(target)),)
        src_kept = blank_out(source, verbatim_spans(source, self._keep))
        tgt_kept = blank_out(target, verbatim_spans(target, self._keep))
        source_words = [w.group() for w in words(src_kept)]
        if not source_words:
            return []
        if normalise_source(source).casefold() == normalise_source(target).casefold():
            return [self.issue("not translated: the translation is the source", *whole)]
        letters = [s for s in map(letter_script, tgt_kept) if s is not None]
        foreign = sum(1 for s in letters if s != self._script)
        if letters and foreign / len(letters) > FOREIGN_LETTERS and len(source_words) >= 2:
            share = foreign / len(letters)
            return [
                self.issue(
                    f"not translated: {share:.0%} of the letters are not in the "
                    f"{self._script_name()} script of the target language",
                    *whole,
                )
            ]
        names = _names(src_kept)
        plain = {w.casefold() for w in source_words if w not in names}
        target_words = list(words(tgt_kept))
        shared = [w for w in target_words if w.group().casefold() in plain]
        if len(target_words) >= MIN_WORDS and len(shared) / len(target_words) >= SHARED_WORDS:
            return [
                self.issue(
                    f"mostly untranslated: {len(shared)} of {len(target_words)} words are the "
                    "source's",
                    *(Span("target", w.start(), w.end()) for w in shared),
                )
            ]
        return []

    def _script_name(self) -> str:
        return {"Cyrl": "Cyrillic", "Latn": "Latin"}.get(self._script, self._script)


def _names(text: str) -> set[str]:
    """Words written with a capital letter other than at a sentence's start."""
    names = set()
    after_stop = True
    for match in words(text):
        word = match.group()
        before = text[: match.start()].rstrip()
        after_stop = not before or before[-1] in '.!?:;"“«('
        if word[:1].isupper() and not after_stop:
            names.add(word)
    return names
