"""The interface of a QA check: made once per language pair, called per segment."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from polyglot.languages import LanguagePair
from polyglot.model import Arg, Issue, MessageId, Severity, Span

if TYPE_CHECKING:
    from polyglot.glossary.model import Glossary


@dataclass(frozen=True)
class CheckContext:
    """What a check may consult besides the segment: the pair and the run's resources."""

    pair: LanguagePair
    glossary: Glossary | None = None


class Check(ABC):
    """A per-segment QA check.  Subclasses set :attr:`name` (its key in
    :data:`polyglot.checks.CHECKS`) and implement :meth:`check`; :meth:`__init__`
    is the place for work done once per pair (compiling patterns, indexing terms)."""

    name: ClassVar[str]
    #: The check's name for people, marked for extraction (``N_("numbers")``): the review
    #: page shows it, translated, beside each finding.  None: the name itself.
    label: ClassVar[str | None] = None
    #: The severity of this check's findings unless it says otherwise per issue.
    severity: ClassVar[Severity] = Severity.WARNING
    #: True for a check a translator runs while translating because it acts on the
    #: findings (the glossary's re-translates missing terms); a run does not repeat it.
    during_translation: ClassVar[bool] = False

    #: True for a check that needs the whole run (every segment of one language) rather
    #: than one segment: it implements :meth:`check_run` instead of :meth:`check`.
    run_level: ClassVar[bool] = False

    def __init__(self, context: CheckContext) -> None:
        self.context = context

    @classmethod
    def applies(cls, context: CheckContext) -> bool:
        """Whether the check has what it needs in ``context`` (default: always)."""
        return True

    @abstractmethod
    def check(self, source: str, target: str) -> list[Issue]:
        """The findings about ``target``, the translation of ``source``; [] when fine."""

    def check_run(self, pairs: Mapping[str, tuple[str, str]]) -> dict[str, list[Issue]]:
        """The findings of a run-level check: ``pairs`` maps each segment id of the run to
        its ``(source, translation)``; returns issues per segment id (only ids with some)."""
        return {}

    def issue(
        self, msgid: MessageId, *spans: Span, severity: Severity | None = None, **args: Arg
    ) -> Issue:
        """An :class:`Issue` of this check saying ``msgid`` with ``args`` (values, not
        sentences), at ``spans`` of the source or the target.  ``msgid`` is a module
        constant marked for extraction (``N_``/``Nn_``), so that the review page can say
        it in the reader's language; one the catalogs lack is shown in English."""
        return Issue.of(self.name, severity or self.severity, msgid, spans, **args)
