"""The QA checks on translations made elsewhere: a CAT tool's post-edited TMX files
(``polyglot check FILE.tmx...``), every finding with its file and line."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from polyglot.checks import CHECKS, CheckContext, check_class
from polyglot.checks.base import Check
from polyglot.errors import InputError, Problem
from polyglot.glossary.model import Glossary
from polyglot.languages import LanguagePair
from polyglot.model import Severity


@dataclass
class FileFindings:
    """What the checks found in some TMX files."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    units: int = 0
    #: (language, check) -> how many findings.
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)


def checks_for(context: CheckContext) -> list[Check]:
    """Every registered check that applies to ``context``, the glossary's included."""
    chosen = []
    for name in CHECKS:
        cls = check_class(name)
        if cls.applies(context):
            chosen.append(cls(context))
    return chosen


def check_tmx_files(paths: Iterable[Path], glossary: Glossary | None = None) -> FileFindings:
    """Run every check on every unit of the TMX ``paths`` (source: the file's ``srclang``,
    else ``en``); checks are made once per pair for all files (consistency spans them)."""
    from polyglot.fileio import read_input
    from polyglot.formats.tmx import read_tmx

    findings = FileFindings()
    prepared: dict[LanguagePair, list[Check]] = {}
    for path in paths:
        data = read_input(path, folder="this is a folder, not a TMX file")
        try:
            tmx = read_tmx(io.BytesIO(data), path=str(path))
        except InputError as exc:
            findings.errors.append(Problem(str(path), None, exc.message.removeprefix(f"{path}: ")))
            continue
        for unit in tmx.units:
            source_lang = unit.srclang or tmx.srclang or "en"
            source = unit.variants.get(source_lang)
            if source is None:
                continue
            findings.units += 1
            for lang, text in unit.variants.items():
                if lang == source_lang or not text.strip():
                    continue
                pair = LanguagePair(source_lang, lang)
                if pair not in prepared:
                    prepared[pair] = checks_for(CheckContext(pair, glossary))
                variant = unit.details.get(lang)
                line = variant.line if variant is not None and variant.line else unit.line
                for check in prepared[pair]:
                    for issue in check.check(source, text):
                        findings.counts[(lang, issue.check)] += 1
                        problem = Problem(
                            str(path),
                            line,
                            f"{lang} {issue.check} {issue.severity}: {issue.message}",
                        )
                        if issue.severity is Severity.ERROR:
                            findings.errors.append(problem)
                        else:
                            findings.warnings.append(problem)
    return findings
