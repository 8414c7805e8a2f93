"""Checks on translations polyglot did not make: a CAT tool's post-edited TMX.

:func:`check_tmx` runs every registered check (the glossary's included, and the
run-level ones over the whole file per language) on each unit's source and each
of its translations, and returns the findings with the file and line of the
``<tuv>`` concerned, for ``polyglot check`` before ``polyglot tm import``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polyglot.checks import CHECKS, CheckContext, check_class
from polyglot.checks.base import Check
from polyglot.languages import split_pair
from polyglot.model import Issue, Severity

if TYPE_CHECKING:
    from polyglot.formats.tmx import TmxDocument
    from polyglot.glossary.model import Glossary


@dataclass(frozen=True)
class Finding:
    """An issue of one translation unit's variant, with where it is."""

    path: str
    line: int | None
    lang: str
    tuid: str | None
    issue: Issue

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        unit = f" {self.tuid}" if self.tuid else ""
        return (
            f"{where}: {self.lang}{unit}: {self.issue.check} "
            f"{self.issue.severity}: {self.issue.message}"
        )

    @property
    def is_error(self) -> bool:
        return self.issue.severity is Severity.ERROR


def all_checks(context: CheckContext, names: Iterable[str] | None = None) -> list[Check]:
    """Every check of ``names`` (default: all registered) that applies to ``context``,
    those a translator runs while translating included."""
    chosen = []
    for name in CHECKS if names is None else names:
        cls = check_class(name)
        if cls.applies(context):
            chosen.append(cls(context))
    return chosen


def check_tmx(
    doc: TmxDocument, glossary: Glossary | None = None, names: Iterable[str] | None = None
) -> list[Finding]:
    """The findings of the checks on every translation in ``doc``, in file order."""
    path = doc.path or "<tmx>"
    source_lang = doc.srclang
    findings: list[Finding] = []
    per_lang: dict[str, dict[str, tuple[str, str]]] = {}
    where: dict[tuple[str, str], tuple[int | None, str | None]] = {}
    for index, unit in enumerate(doc.units):
        src_lang = unit.srclang or source_lang
        if src_lang is None or src_lang not in unit.variants:
            continue
        source = unit.variants[src_lang]
        for lang, variant in unit.details.items():
            if lang == src_lang:
                continue
            key = f"{index}"
            per_lang.setdefault(f"{src_lang}-{lang}", {})[key] = (source, variant.text)
            where[(f"{src_lang}-{lang}", key)] = (variant.line or unit.line, unit.tuid)
    for pair_text, pairs in per_lang.items():
        pair = split_pair(pair_text)
        lang = pair.target
        checks = all_checks(CheckContext(pair, glossary), names)
        found: dict[str, list[Issue]] = {}
        for key, (source, target) in pairs.items():
            for check in checks:
                if not check.run_level:
                    found.setdefault(key, []).extend(check.check(source, target))
        for check in checks:
            if check.run_level:
                for key, issues in check.check_run(pairs).items():
                    found.setdefault(key, []).extend(issues)
        for key, issues in found.items():
            line, tuid = where[(pair_text, key)]
            findings.extend(Finding(path, line, lang, tuid, issue) for issue in issues)
    return sorted(findings, key=lambda f: (f.line or 0, f.lang))
