"""Per-segment QA checks, looked up by name and imported only when asked for.

A check is a class in a module of its own (``polyglot/checks/<name>.py``),
registered in :data:`CHECKS` as ``"module:Class"``.  It is made once per
language pair with a :class:`~polyglot.checks.base.CheckContext` (the pair, the
glossary, ...) and then called with each segment's source and translation; it
returns :class:`~polyglot.model.Issue` values, which every exporter renders
without knowing the check (TMX notes, report.json, the review page, the CLI).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from polyglot.checks.base import Check, CheckContext
from polyglot.model import Translation
from polyglot.registry import load_registered

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "check_label",
    "default_checks",
    "load_check",
    "run_checks",
    "run_level_checks",
]

#: name -> "module:Class".  Add a check: one module in this package, one line here.
CHECKS: dict[str, str] = {
    "glossary": "polyglot.checks.glossary:GlossaryCheck",
    "numbers": "polyglot.checks.numbers:NumbersCheck",
    "untranslated": "polyglot.checks.untranslated:UntranslatedCheck",
    "omission": "polyglot.checks.omission:OmissionCheck",
    "repetition": "polyglot.checks.repetition:RepetitionCheck",
    "punctuation": "polyglot.checks.punctuation:PunctuationCheck",
    "urls": "polyglot.checks.urls:UrlsCheck",
    "placeholders": "polyglot.checks.placeholders:PlaceholdersCheck",
    "language": "polyglot.checks.language:LanguageCheck",
    "consistency": "polyglot.checks.consistency:ConsistencyCheck",
}


def check_class(name: str) -> type[Check]:
    """The class registered under ``name`` (imported now)."""
    cls: type[Check] = load_registered(CHECKS, name, "check")
    return cls


def check_label(name: str) -> str:
    """The name for people of the check that made a finding (a msgid: translate it with
    the UI catalog); ``name`` itself for a finding of no registered check (such as
    ``long-segment``, made while translating) or a check without a label."""
    if name not in CHECKS:
        return name
    return check_class(name).label or name


def load_check(name: str, context: CheckContext) -> Check:
    """The check registered under ``name``, prepared for ``context``."""
    return check_class(name)(context)


def default_checks(context: CheckContext, names: Iterable[str] | None = None) -> list[Check]:
    """The checks a translate run applies after translating: ``names`` (default: every
    registered check), leaving out those that do not apply to ``context`` (no glossary)
    and those a translator already runs while translating (the glossary's)."""
    chosen = []
    for name in CHECKS if names is None else names:
        cls = check_class(name)
        if cls.during_translation or not cls.applies(context):
            continue
        chosen.append(cls(context))
    return chosen


def run_checks(
    checks: Iterable[Check],
    sources: Mapping[str, str],
    translations: Mapping[str, Translation],
) -> dict[str, Translation]:
    """``translations`` (segment id -> Translation) with each check's issues added; ``sources``
    gives each segment's source text.  Pure: the values given are not changed."""
    checks = [check for check in checks if not check.run_level]
    if not checks:
        return dict(translations)
    checked = {}
    for key, tr in translations.items():
        found = [issue for check in checks for issue in check.check(sources[key], tr.text)]
        checked[key] = replace(tr, issues=[*tr.issues, *found]) if found else tr
    return checked


def run_level_checks(
    checks: Iterable[Check],
    sources: Mapping[str, str],
    translations: Mapping[str, Translation],
) -> dict[str, Translation]:
    """``translations`` with the issues of the run-level checks among ``checks`` (those
    that compare segments, such as consistency) added; call it once per language with
    every translation of the run.  Pure, like :func:`run_checks`."""
    checks = [check for check in checks if check.run_level]
    checked = dict(translations)
    if not checks:
        return checked
    pairs = {key: (sources[key], tr.text) for key, tr in translations.items()}
    for check in checks:
        for key, found in check.check_run(pairs).items():
            tr = checked[key]
            checked[key] = replace(tr, issues=[*tr.issues, *found])
    return checked
