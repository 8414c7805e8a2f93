"""The interface of a QA check: made once per language pair, called per segment."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from polyglot.languages import LanguagePair
from polyglot.model import Issue, Severity, Span

if TYPE_CHECKING:
    from polyglot.glossary.model import Glossary


@dataclass(frozen=True)
class CheckContext:
    """What a check may consult besides the segment: the pair and the run's resources."""

    pair: LanguagePair
    glossary: Glossary | None = None
    #: The text is a pseudo-translation (not a translation): checks that judge a
    #: translation do not run on it.
    pseudo: bool = False


class Check(ABC):
    """A per-segment QA check.  Subclasses set :attr:`name` (its key in
    :data:`polyglot.checks.CHECKS`) and implement :meth:`check`; :meth:`__init__`
    is the place for work done once per pair (compiling patterns, indexing terms)."""

    name: ClassVar[str]
    #: The severity of this check's findings unless it says otherwise per issue.
    severity: ClassVar[Severity] = Severity.WARNING
    #: True for a check a translator runs while translating because it acts on the
    #: findings (the glossary's re-translates missing terms); a run does not repeat it.
    during_translation: ClassVar[bool] = False
    #: True for a check that judges a translation (numbers, omission, ...): it does not
    #: run on pseudo-translations, which are visibly not translations.
    judges_translation: ClassVar[bool] = False

    def __init__(self, context: CheckContext) -> None:
        self.context = context

    @classmethod
    def applies(cls, context: CheckContext) -> bool:
        """Whether the check has what it needs in ``context`` (default: always)."""
        return True

    @abstractmethod
    def check(self, source: str, target: str) -> list[Issue]:
        """The findings about ``target``, the translation of ``source``; [] when fine."""

    def issue(self, message: str, *spans: Span, severity: Severity | None = None) -> Issue:
        """An :class:`Issue` of this check, at ``spans`` of the source or the target."""
        return Issue(self.name, severity or self.severity, message, spans)
